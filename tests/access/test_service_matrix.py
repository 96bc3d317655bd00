"""The permission matrix, derived from the services themselves.

Every service that takes an actor declares the acts it performs (`@performs`); this module
holds the matrix written out by hand — who may take each act on an object of their own
holder — and checks that the services' acts say exactly that, for every persona and for
every relation to the object: their own holder's, another holder's, involved in its
evaluation, tied to its holder. Then it checks that a decision gets the same answer through
the service, the back-office page, the API and the command.
"""

import ast
import importlib
from collections.abc import Iterator
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

import qualimark
from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.errors import (
    ConflictOfInterest,
    DomainError,
    NotVisible,
    SeparationOfDutiesError,
)
from qualimark.oversight.models import Inspection
from qualimark.parties import roles
from qualimark.parties.models import Organisation, RoleKind, Tie, TieKind
from qualimark.parties.roles import ACTS, SERVICES, Act, Capacity
from qualimark.parties.services import add_production_unit
from tests.api_files.conftest import Api
from tests.conftest import TODAY, give_role

ROOT = Path(qualimark.__file__).parent
DOORS = {"access", "api", "backoffice", "benchmark", "demo", "portal", "public", "signin"}

HOLDERS = ("holder_member", "invited_member")
ADMIN = "administrator"
FM, DM, RV = "file_manager", "decision_maker", "reviewer"
EVERYONE = (
    *HOLDERS,
    "other_admin",
    FM,
    DM,
    RV,
    "inspector",
    "auditor",  # reads everything the body decides, and acts on nothing
    "outsider",
    ADMIN,
    "system",
    "anonymous",
)

# Who may take each act on an object of the holder Geotex, written out by hand (not read
# from the code). "inspector" is the inspector assigned to the object.
MATRIX: dict[str, tuple[str, ...]] = {
    "applications.edit_application": HOLDERS,
    "applications.start_application": HOLDERS,
    "certification.apply": (*HOLDERS, FM, ADMIN),
    "certification.assign_file": (FM, ADMIN),
    "certification.decide": (DM, ADMIN),
    "certification.expire": (DM, ADMIN, "system"),
    "certification.renounce": ("holder_member",),
    "certification.steer_file": (FM, DM, ADMIN),
    "certification.withdraw_application": ("holder_member", FM, DM, ADMIN),
    "complaints.conclude": (DM, ADMIN),
    "complaints.decide_appeal": (DM, ADMIN),
    "complaints.investigate": (FM, DM, ADMIN),
    "complaints.judge_admissibility": (FM, DM, ADMIN),
    "complaints.lodge_appeal": ("holder_member", FM, ADMIN),
    "complaints.record_vote": (FM, ADMIN),
    "complaints.register_complaint": (FM, DM, ADMIN),
    "complaints.sanction": (DM, ADMIN),
    "complaints.seat_committee": (FM, ADMIN),
    "complaints.send_letter": (FM, DM, ADMIN),
    "datasheets.prepare": (FM, ADMIN),
    "datasheets.propose": HOLDERS,
    "datasheets.publish": (FM, ADMIN),
    "datasheets.review_proposal": (FM, ADMIN),
    "lots.cancel_request": (FM, ADMIN),
    "lots.issue_outcome": (FM, DM, ADMIN),
    "lots.plan_inspection": (FM, ADMIN),
    "lots.request_for_organisation": (*HOLDERS, FM, DM, RV, ADMIN),
    "lots.request_inspection": tuple(p for p in EVERYONE if p != "system"),
    "oversight.cancel_inspection": (FM, ADMIN),
    "oversight.close_comment_window": ("system",),
    "oversight.close_corrective_action": (FM, RV, ADMIN),
    "oversight.comment_report": HOLDERS,
    "oversight.evaluate_report": (FM, RV, ADMIN),
    "oversight.flag_overdue_actions": ("system",),
    "oversight.plan_inspection": (FM, ADMIN),
    "oversight.record_inspection": (FM, "inspector", ADMIN),
    "oversight.send_report": (FM, ADMIN),
    "parties.add_production_unit": (FM, ADMIN),
    "parties.declare_tie": (FM, DM, RV, ADMIN),
    "parties.manage_users": ("holder_member", FM, ADMIN),
    "parties.register_organisation": (FM, ADMIN),
    "sanctions.end_stricter_oversight": (DM, ADMIN),
    "sanctions.impose_sanction": (DM, ADMIN),
    "sanctions.lift_suspension": (DM, ADMIN),
    "sanctions.propose_next_step": (FM, DM, RV, ADMIN, "system"),
    "sanctions.resolve_proposal": (FM, DM, ADMIN),
    "sanctions.revoke_sanction": (DM, ADMIN),
    "schemes.add_document_version": (FM, ADMIN),
}


def _domain_modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] in DOORS or "migrations" in parts or "commands" in parts:
            continue
        if path.stem.startswith("admin") or path.stem == "forms":
            continue
        module = "qualimark." + ".".join(parts)[: -len(".py")]
        yield module, ast.parse(path.read_text("utf-8"))


def services_taking_an_actor() -> list[str]:
    """Every public function of the domain that takes its actor as `by` (keyword-only)."""
    found = []
    for module, tree in _domain_modules():
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if "by" in [arg.arg for arg in node.args.kwonlyargs]:
                importlib.import_module(module)
                found.append(f"{module}.{node.name}")
    return found


def test_every_service_that_takes_an_actor_is_in_the_matrix() -> None:
    services = services_taking_an_actor()
    assert len(services) > 40
    assert [name for name in services if name not in SERVICES] == []
    performed = {act.name for acts in SERVICES.values() for act in acts}
    assert sorted(performed) == sorted(MATRIX)


@pytest.fixture
def personas(
    request: pytest.FixtureRequest, planned: Inspection, administrator: User
) -> dict[str, User | None]:
    found: dict[str, User | None] = {
        name: request.getfixturevalue(name)
        for name in EVERYONE
        if name not in ("system", "anonymous", ADMIN)
    }
    found[ADMIN] = administrator
    found["system"] = roles.system_actor()
    found["anonymous"] = None
    return found


def _standing(act: Act, user: User | None, holder: Organisation, **relation: str) -> roles.Standing:
    inspector = user is not None and user.email == "els.wouters@inspect.example"
    return roles.standing(
        user,
        holder=holder,
        public=Capacity.PUBLIC in act.by,
        assigned=inspector,
        involvement=relation.get("involvement", ""),
        subject="file BENOR-000001",
    )


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_act_is_taken_on_the_holder_s_object_by_whom_the_matrix_says(
    name: str, personas: dict[str, User | None], holder: Organisation
) -> None:
    act = ACTS[name]
    allowed = {
        persona for persona, user in personas.items() if act.allows(_standing(act, user, holder))
    }
    assert sorted(allowed) == sorted(MATRIX[name])


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_another_holder_s_people_do_not_even_see_the_object(
    name: str, personas: dict[str, User | None], other_holder: Organisation
) -> None:
    """Geotex's people towards Textilia's object: "not found", unless anyone may act."""
    act = ACTS[name]
    for persona in HOLDERS:
        refusal = act.refusal(_standing(act, personas[persona], other_holder))
        if Capacity.PUBLIC in act.by:
            assert refusal is None
        else:
            assert isinstance(refusal, NotVisible), (name, persona)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_involvement_a_tie_or_a_membership_bar_the_body_s_impartial_acts_only(
    name: str, personas: dict[str, User | None], holder: Organisation
) -> None:
    act = ACTS[name]
    staff = [p for p in (FM, DM, RV, ADMIN) if p in MATRIX[name]]
    for persona in staff:
        user = personas[persona]
        assert user is not None
        involved = act.refusal(_standing(act, user, holder, involvement="evaluator"))
        Tie.objects.create(
            user=user,
            organisation=holder,
            kind=TieKind.SHAREHOLDING,
            valid_from=date(2025, 1, 1),
            declared_at=clock.now(),
        )
        tied = act.refusal(_standing(act, user, holder))
        Tie.objects.filter(user=user).delete()
        give_role(user, holder, RoleKind.INVITED_USER)
        member = act.refusal(_standing(act, user, holder))
        user.person.roles.filter(organisation=holder).delete()
        if act.impartial:
            assert isinstance(involved, SeparationOfDutiesError), (name, persona)
            assert isinstance(tied, ConflictOfInterest), (name, persona)
            assert isinstance(member, ConflictOfInterest), (name, persona)
        else:
            assert (involved, tied, member) == (None, None, None), (name, persona)


# The same answer through every door: the service, the back-office page, the API, the command.

DOOR_PERSONAS = (*HOLDERS, "other_admin", FM, DM, RV, "inspector", "involved", "tied")
DECISIONS = (Transition.ADMIT, Transition.SUSPEND, Transition.RENOUNCE)


def _actor(request: pytest.FixtureRequest, persona: str, certificate: Certificate) -> User:
    if persona in ("involved", "tied"):
        user = User.objects.create_user(
            f"{persona}@copro.example", "correct-horse-battery", first_name=persona.title()
        )
        give_role(user, request.getfixturevalue("certification_body"), RoleKind.DECISION_MAKER)
        if persona == "involved":
            certification.record_involvement(certificate, user, role=InvolvementRole.EVALUATOR)
        else:
            Tie.objects.create(
                user=user,
                organisation=certificate.holder,
                kind=TieKind.RELATIVE,
                valid_from=date(2020, 1, 1),
                declared_at=certificate.created_at,
            )
        return user
    persona_user: User = request.getfixturevalue(persona)
    return persona_user


def _state(request: pytest.FixtureRequest, transition: Transition) -> Certificate:
    """A file on which `transition` is open: an application, or a granted certificate."""
    granted: Certificate = request.getfixturevalue("certified")
    if transition == Transition.ADMIT:
        unit = add_production_unit(
            granted.holder,
            by=request.getfixturevalue(FM),
            name="Plant Aalst",
            street="Dok 3",
            postal_code="9300",
            town="Aalst",
        )
        return certification.apply_for_certification(
            holder=granted.holder,
            programme=granted.programme,
            production_unit=unit,
            by=request.getfixturevalue("holder_member"),
            applied_on=date(2026, 3, 2),
        )
    request.getfixturevalue("planned")
    return granted


class _Undo(Exception):
    pass


def _service_answer(certificate: Certificate, transition: Transition, user: User) -> str:
    """What the service says, without keeping what it did."""
    try:
        with transaction.atomic():
            certification.take_decision(certificate, transition, by=user, reason="Matrix.")
            raise _Undo
    except _Undo:
        return "done"
    except DomainError as error:
        return error.code


@pytest.mark.parametrize("transition", DECISIONS)
@pytest.mark.parametrize("persona", DOOR_PERSONAS)
@pytest.mark.parametrize("door", ["page", "api", "command"])
def test_a_decision_gets_the_same_answer_through_every_door(
    db: None, request: pytest.FixtureRequest, transition: Transition, persona: str, door: str
) -> None:
    certificate = _state(request, transition)
    user = _actor(request, persona, certificate)
    expected = _service_answer(certificate, transition, user)
    before = certificate.decisions.count()

    if door == "page":
        client = Client()
        client.force_login(user)
        # A holder's decision is taken in the portal; the body's in the back-office.
        if transition == Transition.RENOUNCE:
            url = reverse("portal:renounce", args=(certificate.number,))
            data = {"reason": "Matrix.", "effective": TODAY.isoformat(), "confirm": "on"}
        else:
            url = reverse("backoffice:decide", args=(certificate.number, transition.value))
            data = {"reason": "Matrix.", "effective": TODAY.isoformat()}
        status = client.post(url, data).status_code
        answer = "done" if status == 302 else "not_found" if status == 404 else "refused"
        assert (answer == "done") == (expected == "done"), (status, expected)
        # Another holder's file answers like no file at all; only who may not enter the
        # back-office at all is turned away at its door (403), before any file is looked at.
        turned_away = transition != Transition.RENOUNCE and not user.has_perm("office.use")
        if expected == "not_found" and not turned_away:
            assert status == 404, status
    elif door == "api":
        status, body = Api(user).post(
            f"/files/{certificate.number}/decisions",
            {"transition": transition.value, "reason": "Matrix.", "effective": TODAY.isoformat()},
        )
        assert (status == 201) == (expected == "done"), (status, body, expected)
        if expected != "done":
            assert body["error"]["code"] == expected
    else:
        try:
            call_command(
                "decide",
                certificate.number,
                transition.value,
                "--as",
                user.email,
                "--reason",
                "Matrix.",
                stdout=StringIO(),
            )
            answer = "done"
        except CommandError:
            answer = "refused"
        assert (answer == "done") == (expected == "done"), expected
    assert (certificate.decisions.count() > before) == (expected == "done")
