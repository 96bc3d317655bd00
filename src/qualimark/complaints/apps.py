from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "qualimark.complaints"
    verbose_name = _("Complaints and appeals")
