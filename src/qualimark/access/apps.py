from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "qualimark.access"
    verbose_name = _("Access rules")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from qualimark.access import rules  # noqa: F401  (registers the permissions)
        from qualimark.access.roles import roles_changed
        from qualimark.oversight.models import InspectionBody
        from qualimark.parties.models import Role

        # The roles cached on user instances are dropped whenever roles or bodies change.
        for model in (Role, InspectionBody):
            post_save.connect(roles_changed, sender=model, dispatch_uid=f"access-{model.__name__}")
            post_delete.connect(
                roles_changed, sender=model, dispatch_uid=f"access-del-{model.__name__}"
            )
        m2m_changed.connect(
            roles_changed,
            sender=InspectionBody.inspectors.through,
            dispatch_uid="access-inspectors",
        )
