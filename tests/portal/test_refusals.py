"""Every portal address refuses who may not see or do what it offers, and changes nothing.

Holder B's administrator gets 404 for anything of holder A (not even its existence leaks);
an outsider without a role and an inspector get 403 (the portal is not theirs); an anonymous
visitor is sent to the login page. An invited user of holder A gets 403 for what only an
administrator may do. After every refused POST the database is as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import Application, ApplicationContact, ApplicationUpload
from qualimark.certification.models import Certificate, Decision, StatusPeriod
from qualimark.datasheets.models import Datasheet, DatasheetProposal, DatasheetVersion
from qualimark.journal.models import JournalEntry
from qualimark.notifications.models import Mail
from qualimark.oversight.models import Comment, CommentAttachment, Inspection
from qualimark.oversight.reports import comment_on_report
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from tests.portal.conftest import pdf_upload


@dataclass(frozen=True)
class World:
    """The objects of holder A that the addresses point to."""

    certificate: Certificate
    datasheet: Datasheet
    decision: Decision
    inspection: Inspection
    application: Application
    upload: ApplicationUpload
    comment_file: CommentAttachment
    organisation: Organisation
    role: Role


@pytest.fixture
def world(
    holder_member: User,
    invited_member: User,
    holder: Organisation,
    plant: Any,
    geotextiles_benor: Any,
    ptv_version: Any,
    required_documents: Any,
    datasheet: Datasheet,
    sent: Inspection,
    file_manager: User,
) -> World:
    certificate = datasheet.certificate
    from qualimark.parties.services import add_production_unit

    second_plant = add_production_unit(
        holder,
        by=file_manager,
        name="Plant Aalst",
        street="Dijk 2",
        postal_code="9300",
        town="Aalst",
    )
    draft = applications.start_application(
        holder, by=holder_member, programme=geotextiles_benor, production_unit=second_plant
    )
    upload = applications.add_upload(
        draft, by=holder_member, requirement=required_documents[0], upload=pdf_upload()
    )
    comment = comment_on_report(
        sent, by=holder_member, text="Tests attached.", attachments=[pdf_upload()]
    )
    return World(
        certificate=certificate,
        datasheet=datasheet,
        decision=certificate.decisions.get(transition="grant"),
        inspection=sent,
        application=draft,
        upload=upload,
        comment_file=comment.attachments.get(),
        organisation=holder,
        role=Role.objects.get(person__user=invited_member, organisation=holder),
    )


@dataclass(frozen=True)
class Address:
    name: str
    args: Callable[[World], tuple[Any, ...]]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    admin_only: bool = False  # an invited user of holder A is refused too

    def url(self, world: World) -> str:
        return reverse(f"portal:{self.name}", args=self.args(world))

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.name}"


def _file(w: World) -> tuple[Any, ...]:
    return (w.certificate.number,)


def _sheet(w: World) -> tuple[Any, ...]:
    return (w.datasheet.quick_code,)


def _inspection(w: World) -> tuple[Any, ...]:
    return (w.inspection.reference,)


def _application(w: World) -> tuple[Any, ...]:
    return (w.application.reference,)


def _upload(w: World) -> tuple[Any, ...]:
    return (w.application.reference, w.upload.pk)


def _organisation(w: World) -> tuple[Any, ...]:
    return (w.organisation.pk,)


RENOUNCE = {"effective": "2026-03-20", "reason": "Stop.", "confirm": "on"}
PROPOSAL = {"product_name": "P", "trade_name": "T", "characteristics": "Mass | 300 | g/m²"}
INVITE = {
    "email": "intruder@example.com",
    "first_name": "I",
    "last_name": "N",
    "language": "en",
    "kind": RoleKind.HOLDER_ADMINISTRATOR.value,
}

# Every address of the portal that names an object of holder A.
OBJECT_ADDRESSES = [
    Address("file", _file),
    Address("certificate-pdf", _file),
    Address("decision-letter", lambda w: (w.certificate.number, w.decision.pk)),
    Address("renounce", _file, admin_only=True),
    Address("renounce", _file, "post", lambda w: RENOUNCE, admin_only=True),
    Address("propose-datasheet", _file),
    Address("propose-datasheet", _file, "post", lambda w: PROPOSAL),
    Address("datasheet-pdf", _sheet),
    Address("propose-version", _sheet),
    Address("propose-version", _sheet, "post", lambda w: PROPOSAL),
    Address("inspection", _inspection),
    Address("inspection-report", _inspection),
    Address("inspection-comment", _inspection, "post", lambda w: {"text": "Not ours."}),
    Address("inspection-comment-file", lambda w: (w.inspection.reference, w.comment_file.pk)),
    Address("application", _application),
    Address(
        "application-edit",
        _application,
        "post",
        lambda w: {"programme": w.application.programme_id, "notes": "Changed."},
    ),
    Address(
        "application-contacts",
        _application,
        "post",
        lambda w: {
            "contacts-TOTAL_FORMS": "3",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Intruder",
            "contacts-0-email": "intruder@example.com",
        },
    ),
    Address(
        "application-upload-add",
        _application,
        "post",
        lambda w: {"file": pdf_upload("intruder.pdf")},
    ),
    Address("application-upload", _upload),
    Address("application-upload-remove", _upload, "post"),
    Address("application-submit", _application, "post"),
    Address("application-discard", _application, "post"),
    Address("users", _organisation),
    Address("users-invite", _organisation, "post", lambda w: INVITE, admin_only=True),
    Address("users-remove", lambda w: (w.organisation.pk, w.role.pk), "post", admin_only=True),
]
# The addresses that name no object: the portal's own pages.
OWN_ADDRESSES = [
    Address("home", lambda w: ()),
    Address("application-new", lambda w: ()),
    Address(
        "application-new",
        lambda w: (),
        "post",
        lambda w: {
            "programme": w.application.programme_id,
            "production_unit": w.application.production_unit_id,
        },
    ),
]
ALL_ADDRESSES = OBJECT_ADDRESSES + OWN_ADDRESSES

WATCHED: list[type[models.Model]] = [
    Certificate,
    Decision,
    StatusPeriod,
    Datasheet,
    DatasheetVersion,
    DatasheetProposal,
    Comment,
    Application,
    ApplicationContact,
    ApplicationUpload,
    Role,
    Person,
    Mail,
    JournalEntry,
]


def snapshot() -> dict[str, Any]:
    """What a refused request must leave as it was: every row count, the users, the drafts."""
    state: dict[str, Any] = {model.__name__: model._default_manager.count() for model in WATCHED}
    state["users"] = sorted(get_user_model().objects.values_list("email", flat=True))
    state["applications"] = list(Application.objects.values().order_by("pk"))
    return state


def _call(client: Client, address: Address, world: World) -> Any:
    target = address.url(world)
    if address.method == "post":
        return client.post(target, address.data(world))
    return client.get(target)


@pytest.mark.parametrize("address", ALL_ADDRESSES, ids=str)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, world: World, address: Address
):
    before = snapshot()

    response = _call(client, address, world)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:login"))
    assert "next=" in response["Location"]
    assert snapshot() == before


@pytest.mark.parametrize("address", ALL_ADDRESSES, ids=str)
@pytest.mark.parametrize("persona", ["outsider", "inspector"])
def test_a_user_without_a_holder_role_is_refused(
    client: Client,
    world: World,
    address: Address,
    persona: str,
    request: pytest.FixtureRequest,
    body: Any,
):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()

    response = _call(client, address, world)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("address", OBJECT_ADDRESSES, ids=str)
def test_holder_b_does_not_find_what_belongs_to_holder_a(
    client: Client, world: World, address: Address, other_admin: User
):
    client.force_login(other_admin)
    before = snapshot()

    response = _call(client, address, world)

    assert response.status_code == 404
    page = response.content.decode()
    assert "Geotex Belgium" not in page  # the language links repeat the address, nothing more
    assert world.datasheet.product_name not in page
    assert snapshot() == before


def test_holder_b_cannot_apply_with_a_unit_of_holder_a(
    client: Client, world: World, other_admin: User
):
    client.force_login(other_admin)
    before = snapshot()

    response = _call(client, OWN_ADDRESSES[2], world)

    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("address", [a for a in OBJECT_ADDRESSES if a.admin_only], ids=str)
def test_an_invited_user_is_refused_what_only_an_administrator_may_do(
    client: Client, world: World, address: Address, invited_member: User
):
    client.force_login(invited_member)
    before = snapshot()

    response = _call(client, address, world)

    assert response.status_code == 403
    assert snapshot() == before


def test_every_portal_address_is_in_the_refusal_matrix():
    from qualimark.portal import urls

    names = {pattern.name for pattern in urls.urlpatterns}  # type: ignore[union-attr]

    assert names == {address.name for address in ALL_ADDRESSES}


def test_a_post_without_the_csrf_token_is_refused(world: World, holder_member: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(holder_member)
    before = snapshot()

    response = client.post(
        reverse("portal:inspection-comment", args=_inspection(world)), {"text": "Forged."}
    )

    assert response.status_code == 403
    assert snapshot() == before
