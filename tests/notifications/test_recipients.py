"""Who is told: the holder's people, each once, in their language; the file's team."""

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.notifications.outbox import Recipient
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.parties.people import file_team_recipients, holder_recipients


def test_the_holders_administrators_invited_users_and_contacts_each_once_in_their_language(
    holder: Organisation,
    french_admin: User,
    dutch_member: User,
    contact: Person,
    other_admin: User,
) -> None:
    # An Peeters is also a contact person: she is still told once.
    Role.objects.create(person=french_admin.person, organisation=holder, kind=RoleKind.CONTACT)

    assert sorted(holder_recipients(holder), key=lambda r: r.email) == [
        Recipient("An Peeters", "an.peeters@geotex.example", "fr"),
        Recipient("Jan Maes", "jan.maes@geotex.example", "nl"),
        Recipient("Bart Smets", "quality@geotex.example", "nl"),
    ]


def test_someone_whose_account_is_closed_is_not_told(
    holder: Organisation, french_admin: User, dutch_member: User
) -> None:
    dutch_member.is_active = False
    dutch_member.save(update_fields=["is_active"])

    assert [r.email for r in holder_recipients(holder)] == ["an.peeters@geotex.example"]


def test_the_file_team_is_the_subjects_team_or_else_the_file_managers(
    application: Certificate, file_manager: User, decision_maker: User
) -> None:
    assert [r.email for r in file_team_recipients(application)] == ["sofie.claes@copro.example"]

    application.programme.subject.team.add(decision_maker.person)

    assert [r.email for r in file_team_recipients(application)] == ["marc.dubois@copro.example"]
