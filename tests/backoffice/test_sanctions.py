"""Sanctions in the office: a decision maker imposes, lifts, ends and revokes them from the file
page; everyone of the body reads them; the admin only shows them."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.journal.models import JournalEntry
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import ProposalKind, Sanction, SanctionKind
from qualimark.sanctions.proposals import propose_next_step
from qualimark.sanctions.services import impose_sanction
from qualimark.schemes.models import DocumentVersion, Programme

from .conftest import TODAY, SignIn


def file_url(certificate: Certificate) -> str:
    return reverse("backoffice:file", args=(certificate.number,))


def impose_url(certificate: Certificate, kind: str = "") -> str:
    url = reverse("backoffice:impose-sanction", args=(certificate.number,))
    return f"{url}?kind={kind}" if kind else url


def end_url(sanction: Sanction, step: str) -> str:
    return reverse("backoffice:end-sanction", args=(sanction.certificate.number, sanction.pk, step))


def links(client: Client, certificate: Certificate) -> set[str]:
    """The sanction pages that the file page links to, as their last two path parts."""
    text = client.get(file_url(certificate)).content.decode()
    prefix = f'href="{reverse("backoffice:file", args=(certificate.number,))}sanctions/'
    return {part.split('"')[0].strip("/") for part in text.split(prefix)[1:]}


def _impose(client: Client, certificate: Certificate, kind: str, **fields: str) -> Any:
    data = {
        "effective": "2026-03-16",
        "reason": "Major nonconformity not corrected.",
        "evidence_description": "Inspection report 2026-00014",
        **fields,
    }
    return client.post(impose_url(certificate, kind), data)


@pytest.fixture
def suspension(certified: Certificate, decision_maker: User) -> Sanction:
    """Geotex suspended as a sanction since 2 March, until lifted."""
    return impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Tensile tests not recorded.",
        effective=date(2026, 3, 2),
    )


def test_a_decision_maker_imposes_stricter_oversight_from_the_file_page(
    sign_in: SignIn, decision_maker: User, certified: Certificate, tra_829: DocumentVersion
) -> None:
    client = sign_in(decision_maker)
    assert links(client, certified) == {"new"}
    choice = client.get(impose_url(certified))
    assert [value for value, _label in choice.context["kind_form"].fields["kind"].choices] == [
        "warning",
        "stricter_oversight",
        "suspension",
        "withdrawal",
    ]
    form = client.get(impose_url(certified, "stricter_oversight")).content.decode()
    assert 'name="inspections_per_year"' in form
    assert 'name="until"' in form
    assert "4 to 8 a year" in form

    response = _impose(
        client, certified, "stricter_oversight", inspections_per_year="8", until="2026-09-16"
    )

    assert response.status_code == 302
    assert response["Location"] == file_url(certified) + "#sanctions-title"
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.inspections_per_year) == (SanctionKind.STRICTER_OVERSIGHT, 8)
    assert (sanction.until, sanction.decided_by) == (date(2026, 9, 16), decision_maker)
    assert JournalEntry.objects.filter(action="sanction.imposed", actor=decision_maker).exists()
    page = client.get(file_url(certified)).content.decode()
    assert "8 inspections a year" in page
    assert "Major nonconformity not corrected." in page
    assert links(client, certified) == {"new", f"{sanction.pk}/end", f"{sanction.pk}/revoke"}


def test_each_kind_asks_only_for_its_own_terms(
    sign_in: SignIn, decision_maker: User, certified: Certificate, tra_829: DocumentVersion
) -> None:
    client = sign_in(decision_maker)
    fields = {
        kind: client.get(impose_url(certified, kind)).context["form"].fields.keys()
        for kind in SanctionKind.values
    }
    assert "until" not in fields["warning"]
    assert "inspections_per_year" not in fields["warning"]
    assert "until" in fields["suspension"]
    assert "inspections_per_year" not in fields["suspension"]
    assert "until" not in fields["withdrawal"]
    assert {"until", "inspections_per_year"} <= set(fields["stricter_oversight"])


def test_a_suspension_imposed_as_a_sanction_is_lifted_from_the_sanction(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    client = sign_in(decision_maker)
    imposed = _impose(client, certified, "suspension", until="")
    assert imposed.status_code == 302
    sanction = Sanction.objects.get()
    assert certified.status_on(TODAY) == Status.SUSPENDED
    page = client.get(file_url(certified))
    # The plain decision would leave the sanction running: the file page offers the sanction's.
    assert "lift" not in page.context["actions"]
    assert links(client, certified) == {f"{sanction.pk}/lift", f"{sanction.pk}/revoke", "new"}

    lifted = client.post(
        end_url(sanction, "lift"), {"effective": "2026-03-16", "reason": "Tests recorded again."}
    )

    assert lifted.status_code == 302
    sanction.refresh_from_db()
    assert (sanction.ended_on, sanction.ended_reason) == (TODAY, "Tests recorded again.")
    assert Certificate.objects.get(pk=certified.pk).status_on(TODAY) == Status.CERTIFIED
    assert links(client, certified) == {"new", f"{sanction.pk}/revoke"}


def test_revoking_a_sanction_on_appeal_leaves_nothing_more_to_do(
    sign_in: SignIn, appeals_officer: User, certified: Certificate, suspension: Sanction
) -> None:
    client = sign_in(appeals_officer)
    form = client.get(end_url(suspension, "revoke")).context["form"]
    # A revocation has no date of its own: the suspension is annulled from its start.
    assert list(form.fields) == ["reason"]

    response = client.post(
        end_url(suspension, "revoke"),
        {"reason": "The appeal committee reversed it."},
        follow=True,
    )

    assert "Recorded on" in response.content.decode()
    suspension.refresh_from_db()
    assert suspension.revoked
    assert certified.status_on(date(2026, 3, 5)) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert links(client, certified) == {"new"}


def test_whoever_imposed_the_sanction_is_told_why_they_cannot_revoke_it(
    sign_in: SignIn, decision_maker: User, certified: Certificate, suspension: Sanction
) -> None:
    response = sign_in(decision_maker).post(
        end_url(suspension, "revoke"), {"reason": "The appeal committee reversed it."}
    )

    assert response.status_code == 403
    assert "imposed this sanction" in response.content.decode()
    suspension.refresh_from_db()
    assert not suspension.revoked
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_an_impossible_end_is_shown_on_the_form_and_changes_nothing(
    sign_in: SignIn, decision_maker: User, certified: Certificate, suspension: Sanction
) -> None:
    response = sign_in(decision_maker).post(
        end_url(suspension, "lift"), {"effective": "2026-03-01", "reason": "Corrected."}
    )
    assert response.status_code == 200
    assert "cannot end before that" in response.content.decode()
    suspension.refresh_from_db()
    assert suspension.ended_on is None
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_too_few_inspections_or_garbage_are_form_errors_and_nothing_is_recorded(
    sign_in: SignIn, decision_maker: User, certified: Certificate, tra_829: DocumentVersion
) -> None:
    client = sign_in(decision_maker)
    too_few = _impose(client, certified, "stricter_oversight", inspections_per_year="3")
    garbage = _impose(
        client, certified, "stricter_oversight", effective="yesterday", inspections_per_year="x"
    )
    backwards = _impose(client, certified, "suspension", until="2026-03-01")
    unknown_kind = client.get(impose_url(certified, "fine"))

    assert too_few.status_code == 200
    assert "normal minimum of 4 a year" in too_few.content.decode()
    assert set(garbage.context["form"].errors) == {"effective", "inspections_per_year"}
    assert "must come after its start" in backwards.content.decode()
    assert unknown_kind.status_code == 200
    assert unknown_kind.context["kind_form"].errors
    assert not Sanction.objects.exists()
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_a_file_manager_is_offered_no_sanction_and_is_refused_one(
    sign_in: SignIn, file_manager: User, certified: Certificate, suspension: Sanction
) -> None:
    client = sign_in(file_manager)
    assert links(client, certified) == set()
    assert client.get(impose_url(certified)).status_code == 403
    assert client.get(end_url(suspension, "lift")).status_code == 403
    refused = client.post(
        end_url(suspension, "lift"), {"effective": "2026-03-16", "reason": "Corrected."}
    )
    assert refused.status_code == 403
    assert "may not lift the suspension" in refused.content.decode()
    assert _impose(client, certified, "warning").status_code == 403
    assert Sanction.objects.count() == 1
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_a_decision_maker_who_evaluated_the_file_may_not_sanction_it(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)
    client = sign_in(decision_maker)
    assert links(client, certified) == set()
    refused = client.get(impose_url(certified, "warning"))
    assert refused.status_code == 403
    assert "cannot decide on it" in refused.content.decode()
    assert _impose(client, certified, "warning").status_code == 403
    assert not Sanction.objects.exists()


def test_a_file_not_under_oversight_cannot_be_sanctioned(
    sign_in: SignIn, decision_maker: User, application: Certificate
) -> None:
    client = sign_in(decision_maker)
    assert links(client, application) == set()
    page = client.get(impose_url(application, "warning"))
    assert "no sanction can be imposed" in page.content.decode()
    assert page.context["form"] is None


def test_unknown_steps_and_sanctions_of_other_files_are_not_found(
    sign_in: SignIn,
    decision_maker: User,
    suspension: Sanction,
    holder: Organisation,
    file_manager: User,
    geotextiles_benor: Programme,
    second_plant: ProductionUnit,
) -> None:
    client = sign_in(decision_maker)
    assert client.get(end_url(suspension, "pardon")).status_code == 404
    other = certification.apply_for_certification(
        holder=holder, programme=geotextiles_benor, production_unit=second_plant, by=file_manager
    )
    wrong_file = reverse("backoffice:end-sanction", args=(other.number, suspension.pk, "lift"))
    assert client.get(wrong_file).status_code == 404


def test_the_list_shows_the_sanctions_in_force_today_by_default(
    sign_in: SignIn, auditor: User, certified: Certificate, decision_maker: User, tra_829: Any
) -> None:
    running = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    over = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 2, 2),
        until=date(2026, 3, 2),
        inspections_per_year=8,
    )
    client = sign_in(auditor)
    url = reverse("backoffice:sanctions")

    def listed(**query: str) -> list[Sanction]:
        response = client.get(url, query)
        assert response.status_code == 200
        return [sanction for sanction, _in_force in response.context["rows"]]

    assert listed() == [running]
    assert listed(show="all") == [running, over]
    assert listed(show="recent", kind="stricter_oversight") == [over]
    assert listed(show="bogus", kind="fine") == [running]
    page = client.get(url, {"show": "all"}).content.decode()
    assert f'href="{file_url(certified)}#sanctions-title"' in page
    # The auditor reads, and is offered nothing to do.
    assert links(client, certified) == set()


def test_the_list_pages_and_costs_the_same_whatever_the_number_of_sanctions(
    sign_in: SignIn,
    decision_maker: User,
    certified: Certificate,
    django_assert_max_num_queries: Any,
) -> None:
    client = sign_in(decision_maker)
    url = reverse("backoffice:sanctions")
    impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="First.")
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for number in range(60):
        impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason=f"W{number}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(url)
    second = client.get(url, {"page": "2"})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 11
    assert "Page 2 of 2" in second.content.decode()


def test_an_inspector_does_not_read_the_sanctions(sign_in: SignIn, inspector: User) -> None:
    client = sign_in(inspector)
    assert client.get(reverse("backoffice:sanctions")).status_code == 403
    assert reverse("backoffice:sanctions") not in client.get(reverse("backoffice:queue")).text


def test_the_admin_shows_sanctions_and_proposals_without_changing_them(
    client: Client, decision_maker: User, certified: Certificate
) -> None:
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    sanction = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    proposal, _created = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action 17 is overdue.",
        source="corrective-action:17",
    )

    def admin(name: str, *args: Any) -> str:
        return reverse(f"admin:sanctions_{name}", args=args)

    assert client.get(admin("sanction_change", sanction.pk)).status_code == 200
    assert client.get(admin("sanction_changelist") + "?in_force=yes").status_code == 200
    assert client.get(admin("sanction_add")).status_code == 403
    assert client.post(admin("sanction_change", sanction.pk), {"reason": "x"}).status_code == 403
    assert client.post(admin("sanction_delete", sanction.pk), {"post": "yes"}).status_code == 403
    listing = client.get(admin("proposal_changelist"))
    assert "mark_as_handled" not in listing.content.decode()
    handled = client.post(
        admin("proposal_changelist"),
        {"action": "mark_as_handled", "_selected_action": [proposal.pk], "resolution": "Done."},
    )
    assert handled.status_code in (200, 302)
    proposal.refresh_from_db()
    assert proposal.resolved_at is None
