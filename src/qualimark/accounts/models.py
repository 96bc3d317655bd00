# mypy: disable-error-code="import-untyped"
# (mypy's Django plugin follows the models that point at User, among them django-otp's
# devices, a package without type information.)
from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.permissions import permissions


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in. People log in with their e-mail address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))],
        default="nl",
    )
    second_factor_required = models.BooleanField(
        _("second factor required"),
        default=False,
        help_text=_(
            "The user must log in with a code from an authenticator app (TOTP) besides the "
            "password."
        ),
    )

    # The one account in whose name the system acts by itself (`parties.roles.system_actor`):
    # marked here, not recognised by its address, which nobody else can then take over.
    is_system_actor = models.BooleanField(_("system actor"), default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # Qualimark's own permissions (qualimark.access.rules) are answered by their rules
        # alone: Django lets a superuser pass every check, which would let the administrator
        # decide on a file they inspected or enter a holder's portal.
        if permissions.rule_exists(perm):  # type: ignore[no-untyped-call]
            return self.is_active and bool(permissions.test_rule(perm, self, obj))  # type: ignore[no-untyped-call]
        return super().has_perm(perm, obj)
