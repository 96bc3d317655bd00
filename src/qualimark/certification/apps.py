from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "qualimark.certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from qualimark.certification import permissions  # noqa: F401  (registers them)
