from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Qualimark administration")
admin.site.site_title = _("Qualimark")
admin.site.index_title = _("Reference data and files")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("qualimark.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Language-neutral pages (short verification links /v/<code>, open data, health)
    # live in the public app too; the pages people read carry their language in the URL.
    path("", include("qualimark.public.urls_neutral")),
    *i18n_patterns(
        path("account/", include("qualimark.signin.urls")),
        path("portal/", include("qualimark.portal.urls")),
        path("office/", include("qualimark.backoffice.urls")),
        path("", include("qualimark.public.urls")),
        prefix_default_language=True,
    ),
]
