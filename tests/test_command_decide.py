"""`qualimark decide`: a decision from the shell, with the back-office's rules and service."""

from collections.abc import Iterator
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.oversight.models import InspectionBody
from qualimark.oversight.planning import plan_inspection
from qualimark.parties.models import Organisation, RoleKind
from qualimark.schemes.models import DocumentKind, Programme, ReferenceDocument
from qualimark.schemes.services import add_document_version
from tests.commands import run_qualimark
from tests.conftest import give_role


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def decide(*args: str) -> str:
    out = StringIO()
    call_command("decide", *args, stdout=out)
    return out.getvalue()


def transitions(certificate: Certificate) -> list[str]:
    return list(certificate.decisions.order_by("id").values_list("transition", flat=True))


def test_a_decision_maker_suspends_a_certificate_until_a_date(
    certified: Certificate, decision_maker: User
) -> None:
    output = decide(
        "BENOR-000001",
        "suspend",
        "--as",
        "marc.dubois@copro.example",
        "--reason",
        "Major nonconformity not corrected.",
        "--effective",
        "2026-03-16",
        "--until",
        "2026-05-01",
    )

    assert "BENOR-000001: suspend the certificate, effective" in output
    assert "Status today: suspended." in output
    decision = certified.decisions.order_by("id").last()
    assert decision is not None
    assert (decision.transition, decision.decided_by, decision.until) == (
        "suspend",
        decision_maker,
        date(2026, 5, 1),
    )


def test_a_file_manager_admits_an_application(application: Certificate, file_manager: User) -> None:
    decide(
        "benor-000001", "admit", "--as", "Sofie.Claes@copro.example", "--reason", "Complete file."
    )

    assert transitions(application) == ["apply", "admit"]


@pytest.fixture
def assigned_inspector(
    certified: Certificate, geotextiles_benor: Programme, inspector: User, file_manager: User
) -> User:
    """Els Wouters, who is to inspect the file today: she sees it, but may not decide on it."""
    regulation = ReferenceDocument.objects.create(
        kind=DocumentKind.TRA, number="829", title_nl="TRA 829", title_fr="TRA 829"
    )
    add_document_version(
        regulation,
        by=file_manager,
        label="2022.1",
        valid_from=date(2022, 1, 1),
        inspections_min_per_year=4,
    )
    geotextiles_benor.documents.add(regulation)
    body = InspectionBody.objects.create(name="Inspecta Belgium")
    body.inspectors.add(inspector)
    body.programmes.add(geotextiles_benor)
    plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=date(2026, 3, 16)
    )
    return inspector


def test_an_inspector_cannot_decide(certified: Certificate, assigned_inspector: User) -> None:
    with pytest.raises(CommandError, match="may not suspend the certificate on file BENOR-000001"):
        decide("BENOR-000001", "suspend", "--as", assigned_inspector.email, "--reason", "No.")
    assert transitions(certified) == ["apply", "admit", "start_trial", "grant"]


def test_an_invited_user_cannot_decide(certified: Certificate, invited_member: User) -> None:
    with pytest.raises(
        CommandError, match="may not withdraw the certificate on file BENOR-000001: that is for the"
    ):
        decide("BENOR-000001", "withdraw", "--as", invited_member.email, "--reason", "No.")
    assert transitions(certified) == ["apply", "admit", "start_trial", "grant"]


def test_a_decision_maker_who_inspected_the_file_is_refused_with_the_reason(
    certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    with pytest.raises(CommandError, match="was inspector of file BENOR-000001"):
        decide("BENOR-000001", "suspend", "--as", decision_maker.email, "--reason", "No.")
    assert transitions(certified) == ["apply", "admit", "start_trial", "grant"]


def test_a_rule_of_the_lifecycle_is_told_as_it_is(
    application: Certificate, decision_maker: User
) -> None:
    with pytest.raises(CommandError, match="Cannot grant the certificate"):
        decide("BENOR-000001", "grant", "--as", decision_maker.email, "--reason", "Fine.")


def test_holder_b_does_not_learn_that_holder_as_file_exists(
    certified: Certificate, other_holder: Organisation, outsider: User
) -> None:
    give_role(outsider, other_holder, RoleKind.HOLDER_ADMINISTRATOR)

    with pytest.raises(CommandError, match="has no file with the number BENOR-000001"):
        decide("BENOR-000001", "withdraw", "--as", outsider.email, "--reason", "No.")


def test_an_unknown_user_or_a_bad_date_is_a_message(certified: Certificate) -> None:
    with pytest.raises(CommandError, match="No active user has the e-mail address nobody@x"):
        decide("BENOR-000001", "suspend", "--as", "nobody@x", "--reason", "No.")
    with pytest.raises(CommandError, match="is not a date written YYYY-MM-DD"):
        decide("BENOR-000001", "suspend", "--as", "x@y", "--reason", "No.", "--until", "1/5")
    with pytest.raises(CommandError, match="invalid choice: 'apply'"):
        decide("BENOR-000001", "apply", "--as", "x@y", "--reason", "No.")


@pytest.mark.django_db(transaction=True)
def test_a_refusal_in_the_shell_exits_with_1_and_no_traceback(tmp_path: Path) -> None:
    """The installed `qualimark` command, on an empty database of its own."""
    database = tmp_path / "shell.sqlite3"
    env = {
        "PATH": "/usr/bin:/bin",
        "QUALIMARK_SECRET_KEY": "test",
        "QUALIMARK_DATABASE_URL": f"sqlite:///{database}",
    }
    assert run_qualimark("migrate", "-v", "0", env=env, timeout=300).returncode == 0

    run = run_qualimark(
        "decide", "BENOR-000001", "grant", "--as", "a@b.example", "--reason", "x", env=env
    )

    assert run.returncode == 1
    assert "a@b.example" in run.stderr
    assert "Traceback" not in run.stderr
