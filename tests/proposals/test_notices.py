"""The publication is told once to each of the proposer and the administrators, after commit."""

from typing import Any

from django.core import mail

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import DatasheetProposal
from qualimark.notifications.models import Mail


def test_the_publication_is_mailed_to_the_proposer_and_the_administrator(
    proposal: DatasheetProposal,
    file_manager: User,
    proposer: User,
    holder_member: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        version = proposals.publish_proposal(proposal, by=file_manager)

    code = version.datasheet.quick_code
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [proposer.email, holder_member.email]
    )
    assert all(code in message.subject for message in mail.outbox)
    assert all(f"https://registry.example/v/{code}" in message.body for message in mail.outbox)


def test_nothing_is_sent_before_the_commit(
    proposal: DatasheetProposal, file_manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        proposals.publish_proposal(proposal, by=file_manager)

    assert mail.outbox == []
    assert Mail.objects.filter(key__startswith="proposal:").count() == 2  # queued for the commit


def test_an_administrator_who_proposes_is_told_once(
    certified: Certificate,
    holder_member: User,
    file_manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    own = proposals.propose_datasheet(
        certified,
        by=holder_member,
        product_name="Geogrid",
        trade_name="GeoGrid 40",
        characteristics=[],
    )

    with django_capture_on_commit_callbacks(execute=True):
        proposals.send_back_proposal(own, by=file_manager, reason="Not a geotextile.")

    assert [message.to[0] for message in mail.outbox] == [holder_member.email]
    assert (
        Mail.objects.get(key__startswith="proposal:").key
        == f"proposal:{own.pk}:sent_back:{holder_member.email}"
    )


def test_invited_users_other_than_the_proposer_are_not_told(
    certified: Certificate,
    holder_member: User,
    invited_member: User,
    file_manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    own = proposals.propose_datasheet(
        certified,
        by=holder_member,
        product_name="Geogrid",
        trade_name="GeoGrid 40",
        characteristics=[],
    )

    with django_capture_on_commit_callbacks(execute=True):
        proposals.publish_proposal(own, by=file_manager)

    assert invited_member.email not in [message.to[0] for message in mail.outbox]
