from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "qualimark.parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from qualimark.parties import memberships, ties
        from qualimark.parties.models import Organisation, Role, Tie
        from qualimark.parties.roles import register_permissions, roles_changed, standing

        def standing_of(user: object, obj: object) -> object:
            if isinstance(obj, Organisation):
                return standing(user, holder=obj)  # type: ignore[arg-type]
            return standing(user, public=True)  # type: ignore[arg-type]

        register_permissions([memberships.MANAGE_USERS, ties.DECLARE_TIE], standing_of)  # type: ignore[arg-type]

        # The roles cached on user instances are dropped whenever roles or ties change.
        for model in (Role, Tie):
            post_save.connect(roles_changed, sender=model, dispatch_uid=f"roles-{model.__name__}")
            post_delete.connect(
                roles_changed, sender=model, dispatch_uid=f"roles-del-{model.__name__}"
            )
