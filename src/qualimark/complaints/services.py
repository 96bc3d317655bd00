"""The services of the complaint register: one per step, the actor keyword-only.

Each runs in one transaction, locks the complaint, passes the step table's gate
(`lifecycle.COMPLAINT`: who may take the step, then whether the status allows it), saves
only the fields it changed and journals the step as "complaint.<verb>". A founded complaint
about a certificate proposes a next step to the file manager; the system never sanctions
by itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.certification.services import EvidenceLink, next_number
from qualimark.complaints.exceptions import InvalidComplaint
from qualimark.complaints.lifecycle import (
    COMPLAINT,
    CONCLUDE,
    INVESTIGATE,
    JUDGE_ADMISSIBILITY,
    REGISTER,
    SANCTION,
    ComplaintStatus,
    ComplaintStep,
)
from qualimark.complaints.models import Complaint, SubjectKind
from qualimark.complaints.permissions import complaint_standing, register_standing
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.parties.roles import performs, system_actor
from qualimark.sanctions.models import ProposalKind, Sanction, SanctionKind
from qualimark.sanctions.services import impose_sanction, propose_next_step

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Complainant:
    """Who complained and how to answer them. A complaint is never anonymous."""

    name: str
    email: str = ""
    postal_address: str = ""
    organisation: str = ""
    phone: str = ""
    # The complainant may ask that the holder not learn who complained.
    anonymous_towards_holder: bool = False


@dataclass(frozen=True)
class Subject:
    """What the complaint is about."""

    kind: SubjectKind
    certificate: Certificate | None = None
    organisation: Organisation | None = None
    # Misuse of a mark by a company that holds no certificate at all.
    company_name: str = ""
    company_enterprise_number: str = ""


def complainant_for_holder(complaint: Complaint) -> str:
    """How the complainant may be named to the holder: neutrally if anonymity was asked."""
    if complaint.anonymous_towards_holder:
        return _("a complainant")
    if complaint.complainant_organisation:
        return f"{complaint.complainant_name} ({complaint.complainant_organisation})"
    return complaint.complainant_name


@performs(REGISTER)
@transaction.atomic
def register_complaint(
    *,
    by: User,
    complainant: Complainant,
    subject: Subject,
    description: str,
    received_on: date | None = None,
) -> Complaint:
    """Register a written complaint under the next reference of the year of receipt.

    The body's staff who handle complaints register them (complaints reach the body in
    writing; no public form files one).
    """
    REGISTER.check(register_standing(by))
    received_on = received_on or clock.today()
    _check_complainant(complainant)
    subject = _checked_subject(subject)
    if not description.strip():
        raise InvalidComplaint(_("Describe what the complaint is about."))
    if received_on > clock.today():
        raise InvalidComplaint(_("A complaint cannot be received in the future."))
    series = f"complaint-{received_on.year}"
    complaint = Complaint.objects.create(
        reference=f"K-{received_on.year}-{next_number(series):04d}",
        received_on=received_on,
        complainant_name=complainant.name.strip(),
        complainant_organisation=complainant.organisation.strip(),
        complainant_email=complainant.email.strip(),
        complainant_address=complainant.postal_address.strip(),
        complainant_phone=complainant.phone.strip(),
        anonymous_towards_holder=complainant.anonymous_towards_holder,
        subject_kind=subject.kind,
        certificate=subject.certificate,
        organisation=subject.organisation,
        company_name=subject.company_name,
        company_enterprise_number=subject.company_enterprise_number,
        description=description,
        registered_at=clock.now(),
    )
    record(
        "complaint.registered",
        complaint,
        actor=by,
        data={
            "received_on": received_on,
            "subject_kind": subject.kind,
            "certificate": subject.certificate.number if subject.certificate else None,
            "organisation": subject.organisation.pk if subject.organisation else None,
            "company_enterprise_number": subject.company_enterprise_number,
            "anonymous_towards_holder": complainant.anonymous_towards_holder,
        },
    )
    return complaint


def _check_complainant(complainant: Complainant) -> None:
    if not complainant.name.strip():
        raise InvalidComplaint(
            _(
                "A complaint is never anonymous: give the complainant's name. They may ask "
                "that the holder not learn it."
            )
        )
    if not (complainant.email.strip() or complainant.postal_address.strip()):
        raise InvalidComplaint(
            _("Give the complainant's e-mail or postal address, so that they can be answered.")
        )
    if complainant.email.strip():
        try:
            validate_email(complainant.email.strip())
        except ValidationError:
            raise InvalidComplaint(
                _("%(email)s is not an e-mail address.") % {"email": complainant.email}
            ) from None


def _checked_subject(subject: Subject) -> Subject:
    """`subject` made consistent (the holder of a certificate filled in), or InvalidComplaint."""
    certificate, organisation = subject.certificate, subject.organisation
    if certificate is not None:
        if organisation is not None and organisation.pk != certificate.holder_id:
            raise InvalidComplaint(
                _("Certificate %(number)s is held by %(holder)s, not by %(organisation)s.")
                % {
                    "number": certificate.number,
                    "holder": certificate.holder,
                    "organisation": organisation,
                }
            )
        organisation = certificate.holder
    company = _checked_company(subject, about_holder=organisation is not None)
    if subject.kind == SubjectKind.CERTIFIED_PRODUCT and organisation is None:
        raise InvalidComplaint(
            _("Name the certificate or the holder of the certified product complained about.")
        )
    if subject.kind == SubjectKind.MARK_MISUSE and organisation is None and not company[0]:
        raise InvalidComplaint(
            _("Name who misuses the mark: a holder, or a company without a certificate.")
        )
    return Subject(subject.kind, certificate, organisation, *company)


def _checked_company(subject: Subject, *, about_holder: bool) -> tuple[str, str]:
    name = subject.company_name.strip()
    number = subject.company_enterprise_number.strip()
    if not (name or number):
        return "", ""
    if subject.kind != SubjectKind.MARK_MISUSE or about_holder:
        raise InvalidComplaint(
            _(
                "A company without a certificate is named only in a complaint about misuse of "
                "a mark by a company that is not a holder."
            )
        )
    if not name:
        raise InvalidComplaint(_("Give the name of the company that misuses the mark."))
    if not number:
        return name, ""
    try:
        return name, clean_enterprise_number(number)
    except ValidationError as error:
        raise InvalidComplaint(" ".join(error.messages)) from None


def _lock(complaint: Complaint, step: ComplaintStep, by: User) -> tuple[Complaint, ComplaintStatus]:
    """The complaint, locked, and its status after `step` once `by` may take it."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    return locked, COMPLAINT.gate(step, locked.status, complaint_standing(by, locked))


def _required(text: str, message: str) -> str:
    if not text.strip():
        raise InvalidComplaint(message)
    return text.strip()


def save_locked(caller: M, locked: M, fields: Sequence[str]) -> None:
    """Save `fields` of the locked copy and show them on the caller's instance too."""
    locked.save(update_fields=fields)
    for name in fields:
        setattr(caller, name, getattr(locked, name))


@performs(JUDGE_ADMISSIBILITY)
@transaction.atomic
def declare_admissible(complaint: Complaint, *, by: User, reason: str) -> Complaint:
    """The complaint is within the body's remit and will be investigated."""
    return _decide_admissibility(complaint, ComplaintStep.DECLARE_ADMISSIBLE, by=by, reason=reason)


@performs(JUDGE_ADMISSIBILITY)
@transaction.atomic
def declare_inadmissible(complaint: Complaint, *, by: User, reason: str) -> Complaint:
    """The complaint is outside the body's remit (the reason goes to the complainant)."""
    return _decide_admissibility(
        complaint, ComplaintStep.DECLARE_INADMISSIBLE, by=by, reason=reason
    )


def _decide_admissibility(
    complaint: Complaint, step: ComplaintStep, *, by: User, reason: str
) -> Complaint:
    locked, target = _lock(complaint, step, by)
    locked.admissibility_reason = _required(reason, _("Give the reason for this decision."))
    locked.status = target
    save_locked(complaint, locked, ["status", "admissibility_reason"])
    verb = "admissible" if target == ComplaintStatus.ADMISSIBLE else "inadmissible"
    record(f"complaint.{verb}", locked, actor=by, data={"reason": locked.admissibility_reason})
    return complaint


@performs(INVESTIGATE)
@transaction.atomic
def start_investigation(
    complaint: Complaint, *, by: User, handler: User | None = None, notes: str = ""
) -> Complaint:
    """Open the investigation of an admissible complaint, handled by `handler` (default `by`).

    ISO/IEC 17065 7.13: whoever inspected or evaluated the file complained about, or is
    tied to its holder, neither opens the investigation nor handles it; the handler is
    someone who handles complaints.
    """
    locked, target = _lock(complaint, ComplaintStep.START_INVESTIGATION, by)
    handler = handler or by
    if handler != by:
        _check_handler(locked, handler)
    locked.status = target
    locked.handled_by = handler
    locked.investigation_notes = notes.strip()
    save_locked(complaint, locked, ["status", "handled_by", "investigation_notes"])
    record("complaint.investigation_started", locked, actor=by, data={"handler": handler.pk})
    return complaint


def _check_handler(complaint: Complaint, handler: User) -> None:
    """Refuse a handler who does not handle complaints, or is involved in or tied to the file."""
    # The handler is named, not acting: they are told why they may not, never "not found".
    refusal = INVESTIGATE.refusal(replace(complaint_standing(handler, complaint), visible=True))
    if refusal is not None:
        raise refusal


@performs(INVESTIGATE)
@transaction.atomic
def note_investigation(complaint: Complaint, *, by: User, note: str) -> Complaint:
    """Add a dated note to the investigation of the complaint."""
    locked, _target = _lock(complaint, ComplaintStep.NOTE_INVESTIGATION, by)
    note = _required(note, _("The note is empty."))
    entry = f"{clock.today().isoformat()} – {by}: {note}"
    locked.investigation_notes = "\n\n".join(
        part for part in (locked.investigation_notes, entry) if part
    )
    save_locked(complaint, locked, ["investigation_notes"])
    record("complaint.noted", locked, actor=by, data={"note": note})
    return complaint


@performs(CONCLUDE)
@transaction.atomic
def conclude_complaint(
    complaint: Complaint, *, by: User, founded: bool, findings: str, charge_costs: bool = False
) -> Complaint:
    """Conclude the investigation: founded or not, with the findings.

    A decision maker not involved in the file nor tied to its holder concludes. A founded
    complaint about a certificate proposes a next step to its file manager (a decision
    maker may then impose a sanction through `sanction_for_complaint`). The costs of a
    founded complaint may be charged to the holder complained about.
    """
    step = ComplaintStep.CONCLUDE_FOUNDED if founded else ComplaintStep.CONCLUDE_UNFOUNDED
    locked, target = _lock(complaint, step, by)
    findings = _required(findings, _("Give the findings of the investigation."))
    if charge_costs and not (founded and locked.organisation is not None):
        raise InvalidComplaint(
            _("Costs are charged to the holder only for a founded complaint about a holder.")
        )
    locked.status, locked.findings = target, findings
    locked.costs_charged_to_holder = charge_costs
    locked.concluded_on = clock.today()
    fields = ["status", "findings", "costs_charged_to_holder", "concluded_on"]
    save_locked(complaint, locked, fields)
    record(
        "complaint.founded" if founded else "complaint.unfounded",
        locked,
        actor=by,
        data={"findings": findings, "costs_charged_to_holder": charge_costs},
    )
    if founded and locked.certificate is not None:
        _propose_next_step(locked)
    return complaint


def _propose_next_step(complaint: Complaint) -> None:
    assert complaint.certificate is not None
    # The system points to the next step; a person decides it.
    propose_next_step(
        complaint.certificate,
        ProposalKind.FOUNDED_COMPLAINT,
        by=system_actor(),
        text=_("Complaint %(reference)s is founded: %(findings)s")
        % {"reference": complaint.reference, "findings": complaint.findings},
        source=f"complaint:{complaint.pk}",
    )


def check_can_be_sanctioned(complaint: Complaint) -> None:
    """Refuse a sanction for `complaint` unless it is founded, names a certificate and has none.

    Raises StepNotAllowed or InvalidComplaint, whoever asks; `sanction_for_complaint` and
    the admin share it.
    """
    COMPLAINT.check(ComplaintStep.IMPOSE_SANCTION, complaint.status)
    if complaint.certificate_id is None:
        raise InvalidComplaint(
            _("Complaint %(reference)s names no certificate: there is nothing to sanction.")
            % {"reference": complaint.reference}
        )
    if complaint.sanction_id is not None:
        raise InvalidComplaint(
            _("A sanction was already imposed for complaint %(reference)s.")
            % {"reference": complaint.reference}
        )


def can_be_sanctioned(complaint: Complaint) -> bool:
    """Whether `sanction_for_complaint` would take `complaint` (see `check_can_be_sanctioned`)."""
    try:
        check_can_be_sanctioned(complaint)
    except DomainError:
        return False
    return True


@performs(SANCTION)
@transaction.atomic
def sanction_for_complaint(
    complaint: Complaint,
    kind: SanctionKind,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    until: date | None = None,
    inspections_per_year: int | None = None,
) -> Sanction:
    """Impose a sanction on the certificate of a founded complaint, and link the two.

    A decision maker not involved in the file imposes it; the sanction service checks the
    sanction itself (its dates, its terms); the complaint is its evidence.
    """
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    SANCTION.check(complaint_standing(by, locked))
    check_can_be_sanctioned(locked)
    assert locked.certificate is not None
    sanction = impose_sanction(
        locked.certificate,
        kind,
        by=by,
        reason=reason,
        effective=effective,
        until=until,
        inspections_per_year=inspections_per_year,
        evidence=[EvidenceLink(record=locked)],
    )
    locked.sanction = sanction
    save_locked(complaint, locked, ["sanction"])
    record("complaint.sanctioned", locked, actor=by, data={"sanction": sanction.pk, "kind": kind})
    return sanction
