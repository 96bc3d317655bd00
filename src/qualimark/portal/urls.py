from django.urls import URLPattern, URLResolver, path, register_converter

from qualimark.portal.views import (
    applications,
    downloads,
    files,
    home,
    inspections,
    proposals,
    users,
)


class CodeConverter:
    """A number, quick code or reference as people type it: printable, without a slash.

    A control character (a NUL in particular, which PostgreSQL refuses in a query) can be
    in no code, so such an address is not found before anything is looked up.
    """

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "portal_code")

app_name = "portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("files/<portal_code:number>/", files.file_detail, name="file"),
    path(
        "files/<portal_code:number>/certificate.pdf",
        downloads.certificate_document,
        name="certificate-pdf",
    ),
    path(
        "files/<portal_code:number>/decisions/<int:decision_id>/letter.pdf",
        downloads.decision_letter,
        name="decision-letter",
    ),
    path("files/<portal_code:number>/renounce/", files.renounce, name="renounce"),
    path(
        "files/<portal_code:number>/datasheets/propose/",
        proposals.propose_new,
        name="propose-datasheet",
    ),
    path(
        "datasheets/<portal_code:quick_code>/datasheet.pdf",
        downloads.datasheet_document,
        name="datasheet-pdf",
    ),
    path(
        "datasheets/<portal_code:quick_code>/propose/",
        proposals.propose_version,
        name="propose-version",
    ),
    path("inspections/<portal_code:reference>/", inspections.inspection_detail, name="inspection"),
    path(
        "inspections/<portal_code:reference>/report.pdf",
        downloads.inspection_report,
        name="inspection-report",
    ),
    path(
        "inspections/<portal_code:reference>/comment/",
        inspections.comment,
        name="inspection-comment",
    ),
    path(
        "inspections/<portal_code:reference>/comment-files/<int:attachment_id>/",
        inspections.comment_attachment,
        name="inspection-comment-file",
    ),
    path("applications/new/", applications.application_new, name="application-new"),
    path(
        "applications/<portal_code:reference>/", applications.application_detail, name="application"
    ),
    path(
        "applications/<portal_code:reference>/edit/",
        applications.application_edit,
        name="application-edit",
    ),
    path(
        "applications/<portal_code:reference>/contacts/",
        applications.application_contacts,
        name="application-contacts",
    ),
    path(
        "applications/<portal_code:reference>/uploads/",
        applications.application_upload_add,
        name="application-upload-add",
    ),
    path(
        "applications/<portal_code:reference>/uploads/<int:upload_id>/",
        downloads.application_upload,
        name="application-upload",
    ),
    path(
        "applications/<portal_code:reference>/uploads/<int:upload_id>/remove/",
        applications.application_upload_remove,
        name="application-upload-remove",
    ),
    path(
        "applications/<portal_code:reference>/submit/",
        applications.application_submit,
        name="application-submit",
    ),
    path(
        "applications/<portal_code:reference>/discard/",
        applications.application_discard,
        name="application-discard",
    ),
    path("organisations/<int:pk>/users/", users.user_list, name="users"),
    path("organisations/<int:pk>/users/invite/", users.invite, name="users-invite"),
    path(
        "organisations/<int:pk>/users/<int:role_id>/remove/",
        users.remove,
        name="users-remove",
    ),
]
