from django.urls import URLPattern, URLResolver, path

from qualimark.public.views import (
    details,
    documents,
    downloads,
    lot_request,
    lots,
    opendata,
    search,
    verify,
)

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", verify.verify_page, name="verify"),
    path("search/", search.search_page, name="search"),
    path("certificates/<str:number>/", details.certificate_detail, name="certificate"),
    path(
        "certificates/<str:number>/certificate.pdf",
        downloads.certificate_pdf_download,
        name="certificate-pdf",
    ),
    path(
        "certificates/<str:number>/qr.svg",
        downloads.certificate_qr,
        {"kind": "svg"},
        name="certificate-qr-svg",
    ),
    path(
        "certificates/<str:number>/qr.png",
        downloads.certificate_qr,
        {"kind": "png"},
        name="certificate-qr-png",
    ),
    path("datasheets/<str:quick_code>/", details.datasheet_detail, name="datasheet"),
    path(
        "datasheets/<str:quick_code>/datasheet.pdf",
        downloads.datasheet_pdf_download,
        name="datasheet-pdf",
    ),
    path(
        "datasheets/<str:quick_code>/qr.svg",
        downloads.datasheet_qr,
        {"kind": "svg"},
        name="datasheet-qr-svg",
    ),
    path(
        "datasheets/<str:quick_code>/qr.png",
        downloads.datasheet_qr,
        {"kind": "png"},
        name="datasheet-qr-png",
    ),
    # Before lots/<code>/, which would take "request" for a lot code.
    path("lots/request/", lot_request.request_lot_inspection_page, name="lot-request"),
    path("lots/request/sent/", lot_request.lot_request_sent, name="lot-request-sent"),
    path("lots/<str:code>/", lots.lot_detail, name="lot"),
    path("lots/<str:code>/lot.pdf", downloads.lot_pdf_download, name="lot-pdf"),
    path("lots/<str:code>/qr.svg", downloads.lot_qr, {"kind": "svg"}, name="lot-qr-svg"),
    path("lots/<str:code>/qr.png", downloads.lot_qr, {"kind": "png"}, name="lot-qr-png"),
    path("holders/<str:enterprise_number>/", details.holder_detail, name="holder"),
    path("subjects/", details.subject_list, name="subjects"),
    path("subjects/<slug:code>/", details.subject_detail, name="subject"),
    path("documents/", documents.document_list, name="documents"),
    path("open-data/", opendata.open_data_page, name="open-data"),
]
