from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "qualimark.oversight"
    verbose_name = _("External oversight")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from qualimark.oversight import permissions  # noqa: F401  (registers them)
        from qualimark.oversight.models import InspectionBody
        from qualimark.parties.roles import roles_changed

        # Who is an inspector is part of every user's cached roles (`parties.roles`).
        post_save.connect(roles_changed, sender=InspectionBody, dispatch_uid="roles-body")
        post_delete.connect(roles_changed, sender=InspectionBody, dispatch_uid="roles-del-body")
        m2m_changed.connect(
            roles_changed, sender=InspectionBody.inspectors.through, dispatch_uid="roles-inspectors"
        )
