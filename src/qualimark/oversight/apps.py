from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "qualimark.oversight"
    verbose_name = _("External oversight")
