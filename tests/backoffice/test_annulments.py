"""An annulment on appeal as the body's staff and auditors read it: on the file page, in
the register of decisions and its CSV, on the appeal page and in the admin, the annulment
names what it annuls and the appeal, and the annulled decision is marked with a link to it."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Certificate, Decision
from qualimark.complaints import appeals
from qualimark.complaints.models import Appeal, AppealCommitteeMember
from qualimark.complaints.votes import Ballot
from tests.backoffice.conftest import SignIn
from tests.complaints.conftest import on, vote_all

R = Ballot.REVERSE


@pytest.fixture
def annulled(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    file_manager: User,
    appeals_officer: User,
) -> tuple[Decision, Decision]:
    """The suspension of 16 March, annulled on appeal B-2026-0001 on 15 April 2026."""
    vote_all(seated, committee, [R, R, R, R], by=file_manager)
    with on(date(2026, 4, 15)):
        appeals.decide_appeal(seated, by=appeals_officer, reason="Samples not representative.")
    suspension = Decision.objects.get(transition=Transition.SUSPEND)
    return suspension, Decision.objects.get(transition=Transition.ANNUL)


def test_the_file_page_marks_the_annulled_decision_and_names_the_annulment(
    sign_in: SignIn, auditor: User, certified: Certificate, annulled: tuple[Decision, Decision]
) -> None:
    suspension, annulment = annulled

    page = sign_in(auditor).get(reverse("backoffice:file", args=(certified.number,))).text

    marked = page.split(f'id="decision-{suspension.pk}"')[1].split("</li>")[0]
    assert "annulled" in page.split(f'id="decision-{suspension.pk}"')[0].rsplit("<li", 1)[1]
    assert (
        f'<a href="#decision-{annulment.pk}">Annulled on appeal B-2026-0001 on 15 April 2026.</a>'
        in marked
    )
    annulling = page.split(f'id="decision-{annulment.pk}"')[1].split("</li>")[0]
    assert "Annul a decision on appeal: suspended → certified, effective 16 March 2026." in (
        annulling
    )
    assert (
        f'<a href="#decision-{suspension.pk}">Annuls the decision to suspend the certificate '
        "of 16 March 2026 (appeal B-2026-0001).</a>" in annulling
    )


def test_the_register_and_its_csv_say_which_decision_is_annulled_and_by_what(
    sign_in: SignIn, auditor: User, certified: Certificate, annulled: tuple[Decision, Decision]
) -> None:
    suspension, annulment = annulled
    client = sign_in(auditor)
    period = {"start": "2026-03-01", "end": "2026-03-31"}

    page = client.get(reverse("backoffice:decisions"), period)

    marks = {row[4]: mark for row, _evidence, mark in page.context["rows"]}
    assert marks["suspend the certificate"].annulled
    assert marks["suspend the certificate"].note_url == f"#decision-{annulment.pk}"
    assert marks["annul a decision on appeal"].note_url == f"#decision-{suspension.pk}"
    assert f'<tr id="decision-{suspension.pk}" class="annulled">' in page.text
    text = b"".join(client.get(reverse("backoffice:decisions-csv"), period).streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[0][-1] == "annulment on appeal"
    assert [(row[4], row[-1]) for row in rows[1:]] == [
        ("suspend the certificate", "Annulled on appeal B-2026-0001 on 15 April 2026."),
        (
            "annul a decision on appeal",
            "Annuls the decision to suspend the certificate of 16 March 2026 (appeal B-2026-0001).",
        ),
    ]


def test_the_appeal_page_links_to_the_annulment_on_the_file(
    sign_in: SignIn,
    auditor: User,
    certified: Certificate,
    seated: Appeal,
    annulled: tuple[Decision, Decision],
) -> None:
    _suspension, annulment = annulled

    page = sign_in(auditor).get(reverse("backoffice:appeal", args=(seated.reference,))).text

    annulling = page.split('data-testid="annulment"')[1].split("</dd>")[0]
    assert reverse("backoffice:file", args=(certified.number,)) in annulling
    assert f"#decision-{annulment.pk}" in annulling
    assert "The decision to suspend the certificate of 16 March 2026 is annulled" in annulling


def test_the_admin_shows_the_annulment_with_the_decision(
    client: Client,
    administrator: User,
    certified: Certificate,
    annulled: tuple[Decision, Decision],
) -> None:
    suspension, annulment = annulled
    client.force_login(administrator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def page(name: str, *args: int) -> str:
        return client.get(reverse(f"admin:certification_{name}", args=args)).text

    listing = page("decision_changelist")
    link = reverse("admin:certification_decision_change", args=(annulment.pk,))
    marked = f'<a href="{link}">Annulled on appeal on 15 April 2026</a>'
    assert marked in listing
    assert marked in page("certificate_change", certified.pk)
    assert marked in page("decision_change", suspension.pk)
    back = reverse("admin:certification_decision_change", args=(suspension.pk,))
    assert f'Annuls <a href="{back}">the decision to suspend the certificate' in listing
