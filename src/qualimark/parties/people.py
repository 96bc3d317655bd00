"""Who is told about a file: the holder's people and the certification body's team."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings

from qualimark.notifications.outbox import Recipient
from qualimark.parties.models import Organisation, Person, Role, RoleKind

if TYPE_CHECKING:  # parties sits below certification: no import of it at run time
    from qualimark.certification.models import Certificate

HOLDER_ROLES = (RoleKind.HOLDER_ADMINISTRATOR, RoleKind.INVITED_USER, RoleKind.CONTACT)


def holder_recipients(organisation: Organisation) -> list[Recipient]:
    """The holder's administrators, invited users and contact persons with an e-mail address.

    Each address once, in its user's language (a contact without an account: the default).
    """
    roles = (
        Role.objects.filter(organisation=organisation, kind__in=HOLDER_ROLES)
        .select_related("person__user")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    return _recipients(role.person for role in roles)


def file_team_recipients(certificate: "Certificate") -> list[Recipient]:
    """The certification body's team for the file's subject; without one, its file managers."""
    team = certificate.programme.subject.team.select_related("user").order_by(
        "last_name", "first_name", "id"
    )
    recipients = _recipients(team)
    if recipients:
        return recipients
    managers = (
        Role.objects.filter(kind=RoleKind.FILE_MANAGER, organisation__is_certification_body=True)
        .select_related("person__user")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    return _recipients(role.person for role in managers)


def _recipients(people: Iterable[Person]) -> list[Recipient]:
    found: dict[str, Recipient] = {}
    for person in people:
        user = person.user
        if user is not None and not user.is_active:
            continue  # someone who left: their account is closed
        email = person.email or (user.email if user else "")
        if email and email.lower() not in found:
            language = user.language if user else settings.LANGUAGE_CODE
            found[email.lower()] = Recipient(str(person), email, language)
    return list(found.values())
