from django.urls import URLPattern, URLResolver, path

from qualimark.backoffice.views import (
    applications,
    datasheets,
    files,
    inspections,
    lots,
    proposals,
    register,
    rules,
    ties,
)

app_name = "backoffice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", files.queue, name="queue"),
    path("files/<str:number>/", files.file_page, name="file"),
    path("files/<str:number>/decide/<str:transition>/", files.decide, name="decide"),
    path("files/<str:number>/plan/", files.plan, name="plan"),
    path("files/<str:number>/assign/", files.assign, name="assign-file"),
    path(
        "files/<str:number>/evidence/<int:evidence_id>",
        files.evidence_file,
        name="evidence-file",
    ),
    path(
        "files/<str:number>/proposals/<int:proposal_id>/",
        files.handle_proposal,
        name="handle-proposal",
    ),
    path("files/<str:number>/datasheets/new/", datasheets.new_datasheet, name="datasheet-new"),
    path("datasheets/<str:quick_code>/", datasheets.datasheet_page, name="datasheet"),
    path(
        "datasheets/<str:quick_code>/<slug:step>/",
        datasheets.datasheet_step,
        name="datasheet-step",
    ),
    path("inspections/<str:reference>/", inspections.inspection_page, name="inspection"),
    path(
        "inspections/<str:reference>/report.pdf",
        inspections.report_pdf,
        name="inspection-report",
    ),
    path(
        "inspections/<str:reference>/comment-files/<int:attachment_id>",
        inspections.comment_attachment,
        name="inspection-comment-file",
    ),
    path(
        "inspections/<str:reference>/<slug:step>/",
        inspections.inspection_step,
        name="inspection-step",
    ),
    path("applications/<str:reference>/", applications.application_page, name="application"),
    path(
        "applications/<str:reference>/documents/<int:upload_id>/",
        applications.upload_download,
        name="application-upload",
    ),
    path("proposals/<int:proposal_id>/", proposals.proposal_page, name="proposal"),
    path("lots/<str:reference>/refusal.pdf", lots.refusal_pdf, name="lot-refusal"),
    path("rules/", rules.rules_page, name="rules"),
    path("decisions/", register.register_page, name="decisions"),
    path("decisions.csv", register.register_csv, name="decisions-csv"),
    path("ties/", ties.ties_page, name="ties"),
    path("ties/<int:tie_id>/end/", ties.end_tie, name="end-tie"),
]
