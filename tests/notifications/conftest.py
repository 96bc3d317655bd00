"""People who receive e-mail, and the oversight states that make the report and comment notices."""

from typing import Any

import pytest
from django.core import mail

from qualimark.accounts.models import User
from qualimark.notifications.outbox import Recipient
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from tests.conftest import give_role
from tests.oversight.conftest import (  # noqa: F401  (fixtures shared with the oversight tests)
    carried_out,
    planned,
    recipients,
    sent,
)


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QUALIMARK_CB_NAME = "COPRO vzw"
    mail.outbox = []


@pytest.fixture
def french_admin(holder: Organisation, holder_admin: User) -> User:
    """An Peeters, the holder's administrator, who reads French."""
    holder_admin.language = "fr"
    holder_admin.save(update_fields=["language"])
    return give_role(holder_admin, holder, RoleKind.HOLDER_ADMINISTRATOR)


@pytest.fixture
def dutch_member(holder: Organisation, invited_user: User) -> User:
    """Jan Maes, an invited user of the holder, who reads Dutch."""
    return give_role(invited_user, holder, RoleKind.INVITED_USER)


@pytest.fixture
def contact(holder: Organisation) -> Person:
    """A contact person of the holder without an account."""
    person = Person.objects.create(
        first_name="Bart", last_name="Smets", email="quality@geotex.example"
    )
    Role.objects.create(person=person, organisation=holder, kind=RoleKind.CONTACT)
    return person


@pytest.fixture
def ann(db: None) -> Recipient:
    return Recipient("Ann Claes", "ann@example.be", "en")
