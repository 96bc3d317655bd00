from django.urls import URLPattern, URLResolver, path

from qualimark.public.views import details, documents, search, verify

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", verify.verify_page, name="verify"),
    path("search/", search.search_page, name="search"),
    path("certificates/<str:number>/", details.certificate_detail, name="certificate"),
    path("datasheets/<str:quick_code>/", details.datasheet_detail, name="datasheet"),
    path("holders/<str:enterprise_number>/", details.holder_detail, name="holder"),
    path("subjects/", details.subject_list, name="subjects"),
    path("subjects/<slug:code>/", details.subject_detail, name="subject"),
    path("documents/", documents.document_list, name="documents"),
]
