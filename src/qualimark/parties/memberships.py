"""Who acts for a holder in the portal: its administrators invite and remove the users.

An invitation makes the account if the address has none yet (without a password) and sends
an e-mail, after commit, with a link to choose the password. Every organisation keeps at
least one administrator: without one, nobody could manage its users any more.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.notifications.outbox import Recipient, queue_mail
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.parties.roles import (
    CB_KINDS,
    HOLDER_KINDS,
    Capacity,
    act,
    is_impartial_role,
    is_reserved_address,
    performs,
    standing,
)

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


class MembershipError(DomainError):
    code = "membership"


class ImpartialMembershipError(MembershipError):
    """ISO/IEC 17065 4.2: the body's staff and its inspectors never act for a holder."""

    code = "impartial_person"


# The holder's administrators manage their users; the body's file managers and the
# administrator may too (to appoint the first administrator of a new holder).
MANAGE_USERS = act(
    "parties.manage_users",
    _("manage the organisation's users"),
    {Capacity.HOLDER_ADMINISTRATOR, Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR},
)


def mixed_roles(user: User | None, held: Iterable[tuple[Organisation, str]]) -> str:
    """Why one person cannot hold all of `held`: acting for a holder besides for the body or
    as an inspector (ISO/IEC 17065 4.2); '' when they can."""
    held = list(held)
    for_holder = [
        organisation
        for organisation, kind in held
        if kind in HOLDER_KINDS and not organisation.is_certification_body
    ]
    for_body = any(
        kind in CB_KINDS and organisation.is_certification_body for organisation, kind in held
    )
    inspects = user is not None and user.pk is not None and user.inspection_bodies.exists()
    if for_holder and (for_body or inspects):
        return gettext(
            "One person cannot act for %(holder)s and for the certification body or an "
            "inspection body (ISO/IEC 17065: impartiality)."
        ) % {"holder": for_holder[0]}
    return ""


def _check_impartial_person(user: User, email: str) -> None:
    if is_impartial_role(user):
        raise ImpartialMembershipError(
            gettext(
                "%(email)s belongs to the certification body or to an inspection body and so "
                "cannot act for a holder (ISO/IEC 17065: impartiality)."
            )
            % {"email": email}
        )


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise MembershipError(gettext("Enter a valid e-mail address.")) from None
    if is_reserved_address(email):  # the system's own account lives there
        raise MembershipError(gettext("Enter a valid e-mail address."))
    return email


def _account(email: str, first_name: str, last_name: str, language: str) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if not user.is_active:
            raise MembershipError(
                gettext("The account of %(email)s is closed; ask the certification body.")
                % {"email": email}
            )
        return user, False
    # No password: the invitee chooses one through the link in the e-mail.
    user = User.objects.create_user(
        email, None, first_name=first_name, last_name=last_name, language=language
    )
    return user, True


def _person(user: User) -> Person:
    return Person.objects.filter(user=user).first() or Person.objects.create(
        first_name=user.first_name, last_name=user.last_name, email=user.email, user=user
    )


@performs(MANAGE_USERS)
@transaction.atomic
def invite_user(
    organisation: Organisation,
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    language: str,
    kind: RoleKind = RoleKind.INVITED_USER,
) -> Role:
    """Give `email` access to the organisation's portal as `kind`, and tell them by e-mail.

    Staff of the certification body and inspectors are refused: whoever acts for a holder
    could then evaluate or decide on its files.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    MANAGE_USERS.check(standing(by, holder=organisation))
    if kind not in HOLDER_KINDS:
        raise MembershipError(
            gettext("A user of the portal is an administrator or an invited user.")
        )
    if language not in LANGUAGES:
        raise MembershipError(gettext("Choose the language of the new user."))
    if not first_name.strip() or not last_name.strip():
        raise MembershipError(gettext("Enter the first and last name of the new user."))
    email = _clean_email(email)
    user, new_account = _account(email, first_name.strip(), last_name.strip(), language)
    _check_impartial_person(user, email)
    person = _person(user)
    if Role.objects.filter(
        person=person, organisation=organisation, kind__in=HOLDER_KINDS
    ).exists():
        raise MembershipError(
            gettext("%(email)s already has access for %(organisation)s.")
            % {"email": email, "organisation": organisation}
        )
    role = Role.objects.create(person=person, organisation=organisation, kind=kind)
    record(
        "membership.invited",
        organisation,
        actor=by,
        data={"role": role.pk, "email": email, "kind": kind.value, "new_account": new_account},
    )
    _send_invitation(role, user, by)
    return role


def _send_invitation(role: Role, user: User, by: User) -> None:
    recipient = Recipient(str(user), user.email, user.language)
    with translation.override(user.language):
        subject = gettext("Your access to %(organisation)s at %(cb)s") % {
            "organisation": role.organisation,
            "cb": settings.QUALIMARK_CB_NAME,
        }
        body = _invitation_body(role, user, by)
    queue_mail(f"invitation:{role.pk}:{user.email.lower()}", recipient, subject, body)


def _invitation_body(role: Role, user: User, by: User) -> str:
    """The e-mail text, in the active language (the invitee's)."""
    public_url = settings.QUALIMARK_PUBLIC_URL
    lines = [
        gettext("Hello %(name)s,") % {"name": user},
        "",
        gettext(
            "%(inviter)s gave you access to the portal of %(cb)s for %(organisation)s, as %(role)s."
        )
        % {
            "inviter": by,
            "cb": settings.QUALIMARK_CB_NAME,
            "organisation": role.organisation,
            "role": role.get_kind_display(),
        },
        "",
    ]
    if user.has_usable_password():
        lines += [
            gettext("Sign in with your e-mail address and your password:"),
            public_url + reverse("signin:login"),
        ]
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = reverse("signin:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
        lines += [
            gettext("Choose your password with this link (it works for three days):"),
            public_url + link,
            "",
            gettext("Then sign in with your e-mail address (%(email)s) and that password.")
            % {"email": user.email},
        ]
    lines += ["", str(settings.QUALIMARK_CB_NAME)]
    return "\n".join(lines)


@performs(MANAGE_USERS)
@transaction.atomic
def remove_user(role: Role, *, by: User) -> None:
    """Take away a user's access to the organisation's portal (never its last administrator)."""
    organisation = Organisation.objects.select_for_update().get(pk=role.organisation_id)
    role = Role.objects.select_for_update().select_related("person").get(pk=role.pk)
    MANAGE_USERS.check(standing(by, holder=organisation))
    if role.kind not in HOLDER_KINDS:
        raise MembershipError(gettext("Only users of the portal are removed here."))
    administrators = Role.objects.filter(
        organisation=organisation, kind=RoleKind.HOLDER_ADMINISTRATOR
    ).exclude(pk=role.pk)
    if role.kind == RoleKind.HOLDER_ADMINISTRATOR and not administrators.exists():
        raise MembershipError(
            gettext(
                "%(person)s is the last administrator of %(organisation)s and cannot be "
                "removed: make someone else administrator first."
            )
            % {"person": role.person, "organisation": organisation}
        )
    record(
        "membership.removed",
        organisation,
        actor=by,
        data={"role": role.pk, "person": str(role.person), "kind": role.kind},
    )
    role.delete()
