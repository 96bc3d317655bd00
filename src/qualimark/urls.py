from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Qualimark administration")
admin.site.site_title = _("Qualimark")
admin.site.index_title = _("Reference data and files")

urlpatterns = [
    path("admin/", admin.site.urls),
]
