from django.urls import URLPattern, URLResolver, path

from qualimark.backoffice.views import (
    applications,
    files,
    inspections,
    lots,
    planning,
    proposals,
    register,
    rules,
    sanctions,
    ties,
)

app_name = "backoffice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", files.queue, name="queue"),
    path("files/<str:number>/", files.file_page, name="file"),
    path("files/<str:number>/decide/<str:transition>/", files.decide, name="decide"),
    path("files/<str:number>/plan/", files.plan, name="plan"),
    path(
        "files/<str:number>/proposals/<int:proposal_id>/",
        files.handle_proposal,
        name="handle-proposal",
    ),
    path("files/<str:number>/sanctions/new/", sanctions.impose_sanction, name="impose-sanction"),
    path(
        "files/<str:number>/sanctions/<int:sanction_id>/<slug:step>/",
        sanctions.end_sanction,
        name="end-sanction",
    ),
    path("sanctions/", sanctions.sanctions_page, name="sanctions"),
    path("planning/", planning.planning_page, name="planning"),
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
        "inspections/<str:reference>/files/<int:attachment_id>",
        inspections.attachment,
        name="inspection-file",
    ),
    path(
        "inspections/<str:reference>/actions/<int:action_id>/close/",
        inspections.close_action,
        name="close-action",
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
