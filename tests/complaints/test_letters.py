"""Letters about a complaint: recorded, e-mailed after commit, never unmasking the complainant."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from qualimark.accounts.models import User
from qualimark.complaints.exceptions import AnonymityBreach, InvalidComplaint
from qualimark.complaints.letters import send_letter
from qualimark.complaints.models import Complaint, Letter, LetterKind
from qualimark.complaints.services import complainant_for_holder

HOLDER_MAIL = "quality@geotex.example"


def _to_holder(complaint: Complaint, by: User, body: str) -> Letter:
    return send_letter(
        complaint,
        LetterKind.TO_HOLDER,
        by=by,
        to=HOLDER_MAIL,
        subject=f"Complaint {complaint.reference}",
        body=body,
    )


@pytest.mark.parametrize(
    "body",
    [
        "Hilde Verstraete reports that your rolls tear.",
        "A complaint by HILDE   verstraete reached us.",
        "Please answer hilde.verstraete@aannemer.example directly.",
        "Aannemingen Verstraete reports that your rolls tear.",
    ],
)
def test_a_letter_to_the_holder_that_names_an_anonymous_complainant_is_refused(
    complaint: Complaint,
    file_manager: User,
    body: str,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AnonymityBreach):
        _to_holder(complaint, file_manager, body)

    assert not Letter.objects.exists()
    assert mail.outbox == []


def test_a_letter_to_the_holder_may_refer_to_a_complainant_neutrally(
    complaint: Complaint, file_manager: User
) -> None:
    body = f"We received a complaint from {complainant_for_holder(complaint)} about rolls."

    letter = _to_holder(complaint, file_manager, body)

    assert letter.body == "We received a complaint from a complainant about rolls."


def test_the_complainant_may_be_named_in_a_letter_to_themselves(
    complaint: Complaint, file_manager: User
) -> None:
    letter = send_letter(
        complaint,
        LetterKind.ACKNOWLEDGEMENT,
        by=file_manager,
        to=complaint.complainant_email,
        subject=f"Your complaint {complaint.reference}",
        body="Dear Hilde Verstraete, we received your complaint.",
    )

    assert letter.addressee == "hilde.verstraete@aannemer.example"
    assert list(complaint.letters.all()) == [letter]


def test_letters_are_e_mailed_only_after_the_commit(
    complaint: Complaint,
    file_manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        _to_holder(complaint, file_manager, "A complaint about your rolls reached us.")
        assert mail.outbox == []

    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == [HOLDER_MAIL]
    assert message.subject == f"Complaint {complaint.reference}"
    assert message.body == "A complaint about your rolls reached us."


def test_a_letter_rolled_back_with_its_transaction_is_never_e_mailed(
    complaint: Complaint,
    file_manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    def letter_then_failure() -> None:
        with transaction.atomic():
            _to_holder(complaint, file_manager, "A complaint about your rolls reached us.")
            raise RuntimeError("the step failed after the letter")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        letter_then_failure()

    assert mail.outbox == []
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    ("to", "subject", "body", "message"),
    [
        ("not-an-address", "Subject", "Text", "not an e-mail address"),
        (HOLDER_MAIL, "", "Text", "subject and a text"),
        (HOLDER_MAIL, "Subject", "  ", "subject and a text"),
    ],
)
def test_a_letter_needs_an_address_a_subject_and_a_text(
    complaint: Complaint, file_manager: User, to: str, subject: str, body: str, message: str
) -> None:
    with pytest.raises(InvalidComplaint, match=message):
        send_letter(
            complaint, LetterKind.OUTCOME, by=file_manager, to=to, subject=subject, body=body
        )

    assert not Letter.objects.exists()
