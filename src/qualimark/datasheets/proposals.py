"""A holder proposes a datasheet, or a new version of one; the certification body reviews it.

A proposal is published through the datasheet services (create or add a version, then
publish), so that a proposal follows the same rules as a datasheet made by the staff, or
it is sent back with a reason. Either way the proposer and the holder's administrators
are told (`notices.py`). The holder's users propose, the body's file managers review: each
service passes the gate of the proposal's lifecycle (`lifecycle.PROPOSAL`).
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import notices
from qualimark.datasheets.errors import ProposalError as ProposalError
from qualimark.datasheets.lifecycle import (
    DATASHEET,
    PROPOSAL,
    PROPOSE,
    PUBLISH,
    REVIEW,
    ProposalTransition,
    Transition,
)
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetVersion,
    ProposalStatus,
)
from qualimark.datasheets.permissions import file_standing
from qualimark.datasheets.services import (
    PUBLISHABLE,
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
)
from qualimark.journal.services import record
from qualimark.parties.roles import performs

# A characteristic as a datasheet declares it: its name and value (required), the unit, the
# test method (a standard's reference) and the class or level declared (all optional).
FIELDS = ("name", "value", "unit", "method", "class")
NAME_LENGTH = 200


@performs(PROPOSE)
@transaction.atomic
def propose_datasheet(
    certificate: Certificate,
    *,
    by: User,
    product_name: str,
    trade_name: str,
    characteristics: list[dict[str, Any]],
) -> DatasheetProposal:
    """Propose a new datasheet for a product of `certificate`, by a user of its holder."""
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    PROPOSE.check(file_standing(by, locked))
    _check_file(locked)
    proposal = DatasheetProposal.objects.create(
        certificate=locked,
        product_name=_required(product_name, _("A proposal needs the name of the product.")),
        trade_name=_required(trade_name, _("A proposal needs the trade name.")),
        characteristics=clean_characteristics(characteristics),
        proposed_by=by,
        proposed_at=clock.now(),
    )
    record("datasheet.proposed", proposal, actor=by, data=_proposal_data(proposal))
    return proposal


@performs(PROPOSE)
@transaction.atomic
def propose_datasheet_version(
    datasheet: Datasheet,
    *,
    by: User,
    trade_name: str,
    characteristics: list[dict[str, Any]],
) -> DatasheetProposal:
    """Propose a new version of `datasheet` (same quick code, new trade name or values)."""
    locked = (
        Datasheet.objects.select_for_update().select_related("certificate").get(pk=datasheet.pk)
    )
    PROPOSE.check(file_standing(by, locked.certificate))
    # What is proposed becomes a new version: the datasheet must still take one.
    DATASHEET.check(Transition.ADD_VERSION, locked.state_on(clock.today()).status)
    _check_file(locked.certificate)
    if locked.proposals.filter(status=ProposalStatus.PROPOSED).exists():
        raise ProposalError(
            _(
                "A proposal for datasheet %(code)s is already waiting for review: "
                "wait for its answer before proposing another."
            )
            % {"code": locked.quick_code}
        )
    proposal = DatasheetProposal.objects.create(
        certificate=locked.certificate,
        datasheet=locked,
        product_name=locked.product_name,
        trade_name=_required(trade_name, _("A proposal needs the trade name.")),
        characteristics=clean_characteristics(characteristics),
        proposed_by=by,
        proposed_at=clock.now(),
    )
    record("datasheet.proposed", proposal, actor=by, data=_proposal_data(proposal))
    return proposal


@performs(REVIEW, PUBLISH)
@transaction.atomic
def publish_proposal(
    proposal: DatasheetProposal, *, by: User, effective: date | None = None
) -> DatasheetVersion:
    """Publish what `proposal` declares: a new datasheet or a new version, from `effective`."""
    locked = _locked(proposal)
    status = PROPOSAL.gate(
        ProposalTransition.PUBLISH, locked.status, file_standing(by, locked.certificate)
    )
    if locked.datasheet is None:
        datasheet = create_datasheet(
            locked.certificate,
            by=by,
            product_name=locked.product_name,
            trade_name=locked.trade_name,
            characteristics=locked.characteristics,
        )
        version = datasheet.versions.get(number=1)
    else:
        version = add_datasheet_version(
            locked.datasheet,
            by=by,
            trade_name=locked.trade_name,
            characteristics=locked.characteristics,
        )
    row = publish_datasheet_version(version, by=by, effective=effective)
    locked.status = status
    locked.published_version = version
    _reviewed(locked, by=by, note="")
    record(
        "datasheet.proposal_published",
        locked,
        actor=by,
        data={"quick_code": version.datasheet.quick_code, "version": version.number},
    )
    notices.proposal_published(locked, effective=row.valid_from)
    _refresh(proposal, locked)
    return version


@performs(REVIEW)
@transaction.atomic
def send_back_proposal(proposal: DatasheetProposal, *, by: User, reason: str) -> DatasheetProposal:
    """Return `proposal` to the holder unpublished, saying why."""
    locked = _locked(proposal)
    status = PROPOSAL.gate(
        ProposalTransition.SEND_BACK, locked.status, file_standing(by, locked.certificate)
    )
    reason = reason.strip()
    if not reason:
        raise ProposalError(_("Say why the proposal is sent back: the holder needs the reason."))
    locked.status = status
    _reviewed(locked, by=by, note=reason)
    record("datasheet.proposal_sent_back", locked, actor=by, data={"reason": reason})
    notices.proposal_sent_back(locked)
    _refresh(proposal, locked)
    return locked


def clean_characteristics(characteristics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each characteristic as {"name", "value", "unit"}, with "method" and "class" when given;
    each needs a name and a value."""
    cleaned = []
    for number, item in enumerate(characteristics, 1):
        if not isinstance(item, dict):
            raise ProposalError(
                _("Characteristic %(number)d is not a name with a value.") % {"number": number}
            )
        name, value = str(item.get("name", "")).strip(), item.get("value", "")
        if not name or value is None or str(value).strip() == "":
            raise ProposalError(
                _("Characteristic %(number)d needs a name and a value.") % {"number": number}
            )
        entry = {"name": name, "value": value, "unit": str(item.get("unit") or "").strip()}
        for key in ("method", "class"):
            text = str(item.get(key) or "").strip()
            if text:
                entry[key] = text
        cleaned.append(entry)
    return cleaned


def _check_file(certificate: Certificate) -> None:
    if certificate.status_on(clock.today()) not in PUBLISHABLE:
        raise ProposalError(
            _(
                "File %(number)s is not in its trial period or certified: "
                "it takes no datasheet proposals."
            )
            % {"number": certificate.number}
        )


def _required(text: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ProposalError(message)
    if len(text) > NAME_LENGTH:
        raise ProposalError(
            _("%(text)s… is longer than %(limit)d characters.")
            % {"text": text[:40], "limit": NAME_LENGTH}
        )
    return text


def _locked(proposal: DatasheetProposal) -> DatasheetProposal:
    return (
        # of=self: the datasheet is an outer join, which PostgreSQL will not lock.
        DatasheetProposal.objects.select_for_update(of=("self",))
        .select_related("certificate", "datasheet", "proposed_by")
        .get(pk=proposal.pk)
    )


def _reviewed(proposal: DatasheetProposal, *, by: User, note: str) -> None:
    proposal.reviewed_by = by
    proposal.reviewed_at = clock.now()
    proposal.review_note = note
    proposal.save(
        update_fields=["status", "published_version", "reviewed_by", "reviewed_at", "review_note"]
    )


def _proposal_data(proposal: DatasheetProposal) -> dict[str, Any]:
    return {
        "certificate": proposal.certificate.number,
        "datasheet": proposal.datasheet.quick_code if proposal.datasheet else None,
        "product_name": proposal.product_name,
        "trade_name": proposal.trade_name,
        "characteristics": proposal.characteristics,
    }


def _refresh(proposal: DatasheetProposal, locked: DatasheetProposal) -> None:
    """Let the caller's instance show what the service wrote."""
    for field in ("status", "published_version", "reviewed_by", "reviewed_at", "review_note"):
        setattr(proposal, field, getattr(locked, field))
