from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasheetsConfig(AppConfig):
    name = "qualimark.datasheets"
    verbose_name = _("Datasheets")
