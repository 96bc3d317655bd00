from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "qualimark.notifications"
    verbose_name = _("E-mail notifications")
