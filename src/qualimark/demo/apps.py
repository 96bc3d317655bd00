from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "qualimark.demo"
    verbose_name = _("Demo")
