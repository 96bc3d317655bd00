"""The services that move a certification file through its lifecycle.

One function per transition, the actor keyword-only. Each runs in one transaction, locks
the file, passes the lifecycle's gate (who may take the decision: role, the holder's own
file, separation of duties, declared ties; then the status), then writes the decision, its
status rows and the journal entry together. Pages, the API, the admin and commands all call
these and ask nothing first; nothing else writes a status.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import notices
from qualimark.certification.exceptions import (
    DecisionOutOfOrder,
    InvalidApplication,
    InvalidAssignment,
    InvalidDecision,
)
from qualimark.certification.lifecycle import (
    ANNULLABLE,
    APPLY,
    CERTIFIED_STATUSES,
    DECIDE,
    FINAL,
    LIFECYCLE,
    Status,
    Transition,
)
from qualimark.certification.models import (
    Assignment,
    Certificate,
    Decision,
    Evidence,
    Involvement,
    InvolvementRole,
    NumberSequence,
    StatusPeriod,
    still_standing,
    timeline_of,
)
from qualimark.certification.permissions import ASSIGN, file_standing
from qualimark.certification.timeline import Segment, segment_on, since
from qualimark.errors import SeparationOfDutiesError
from qualimark.feed import services as feed
from qualimark.journal.services import record
from qualimark.parties import roles
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.roles import Act, Capacity, performs
from qualimark.schemes.models import DocumentVersion, Kind, Programme
from qualimark.uploads import check_upload


def _act(transition: Transition) -> Act:
    return LIFECYCLE.rule(transition).act


@dataclass(frozen=True)
class EvidenceLink:
    """One thing a decision rests on: a record of the file (an inspection report, its
    evaluation, a complaint about it, a reference document version), a file sent with the
    decision, or a description with a link elsewhere."""

    description: str = ""
    url: str = ""
    record: Model | None = None
    upload: UploadedFile | None = None


def next_number(series: str) -> int:
    """The next number of `series`; call inside a transaction (the series row is locked)."""
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(name=series)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def certificate_number(programme: Programme, serial: int) -> str:
    return f"{programme.scheme.code}-{serial:06d}"


@performs(APPLY)
@transaction.atomic
def apply_for_certification(
    *,
    holder: Organisation,
    programme: Programme,
    production_unit: ProductionUnit | None = None,
    by: User,
    applied_on: date | None = None,
) -> Certificate:
    """Open a file for `holder`: the application, status "application received".

    A user of the holder applies (or a file manager, for an application sent on paper).
    """
    APPLY.check(roles.standing(by, holder=holder))
    applied_on = applied_on or clock.today()
    check_application(holder, programme, production_unit)
    certificate = Certificate.objects.create(
        number=certificate_number(programme, next_number(programme.scheme.code)),
        holder=holder,
        programme=programme,
        production_unit=production_unit,
        applied_on=applied_on,
        created_at=clock.now(),
    )
    decision = Decision.objects.create(
        certificate=certificate,
        transition=Transition.APPLY,
        from_status="",
        to_status=Status.APPLIED,
        effective=applied_on,
        decided_by=by,
        decided_at=clock.now(),
        reason=_("Application received."),
    )
    StatusPeriod.objects.create(
        certificate=certificate, decision=decision, status=Status.APPLIED, valid_from=applied_on
    )
    decision.document_versions.set(programme.versions_on(applied_on))
    record(
        "certificate.applied",
        certificate,
        actor=by,
        data={
            "holder": holder.pk,
            "programme": str(programme),
            "production_unit": production_unit.pk if production_unit else None,
            "applied_on": applied_on,
        },
    )
    # Confidential until its trial period, the file is in the feed from its first row of
    # history on, so that the read side knows from when on it says what it says.
    feed.append(
        "certificate.decision",
        certificate,
        codes=[certificate.number],
        data={
            "decision": decision.pk,
            "transition": Transition.APPLY.value,
            "to": Status.APPLIED.value,
            "effective": applied_on.isoformat(),
            "until": None,
        },
    )
    notices.announce_application(certificate)
    return certificate


def check_application(
    holder: Organisation, programme: Programme, unit: ProductionUnit | None
) -> None:
    """Refuse an application the file could not take; online drafts ask it early too."""
    if programme.scheme.kind == Kind.PRODUCT and unit is None:
        raise InvalidApplication(
            _("Product certification is per production unit: choose the unit that makes it.")
        )
    if programme.scheme.kind == Kind.EXECUTION and unit is not None:
        raise InvalidApplication(
            _("Execution certification is per execution type, not per production unit.")
        )
    if unit is not None and unit.organisation_id != holder.pk:
        raise InvalidApplication(
            _("Production unit %(unit)s does not belong to %(holder)s.")
            % {"unit": unit, "holder": holder}
        )
    today = clock.today()
    open_files = Certificate.objects.filter(
        holder=holder, programme=programme, production_unit=unit
    ).prefetch_related("status_periods")
    for existing in open_files:
        if existing.status_on(today) not in FINAL:
            raise InvalidApplication(
                _("%(holder)s already has file %(number)s for this; it is still open.")
                % {"holder": holder, "number": existing.number}
            )


def record_involvement(certificate: Certificate, person: User, *, role: InvolvementRole) -> None:
    """Note that `person` inspected or evaluated the file: from now on they cannot decide on it."""
    if not Involvement.objects.filter(certificate=certificate, person=person, role=role).exists():
        Involvement.objects.create(
            certificate=certificate, person=person, role=role, since=clock.now()
        )
        record("certificate.involvement", certificate, actor=person, data={"role": role})


@performs(ASSIGN)
@transaction.atomic
def assign_file(certificate: Certificate, *, file_manager: User, by: User) -> Assignment:
    """Give the file to `file_manager` from now on: their queue says it is theirs.

    Only a file manager who may steer the file (not involved in its evaluation, not tied to
    its holder) is given it.
    """
    ASSIGN.check(file_standing(by, certificate), ASSIGN.label)
    # Locked: two assignments of the file at once are taken one after the other.
    Certificate.objects.select_for_update().get(pk=certificate.pk)
    if Capacity.FILE_MANAGER not in roles.capacities(file_manager):
        raise InvalidAssignment(_("%(person)s is not a file manager.") % {"person": file_manager})
    conflict = file_standing(file_manager, certificate).conflict
    if conflict is not None:
        raise InvalidAssignment(conflict.message)
    current = current_file_manager(certificate)
    if current is not None and current.pk == file_manager.pk:
        raise InvalidAssignment(
            _("%(person)s already manages file %(number)s.")
            % {"person": file_manager, "number": certificate.number}
        )
    assignment = Assignment.objects.create(
        certificate=certificate, file_manager=file_manager, since=clock.now(), assigned_by=by
    )
    record(
        "certificate.assigned",
        certificate,
        actor=by,
        data={"file_manager": file_manager.pk, "previous": current.pk if current else None},
    )
    return assignment


def current_file_manager(certificate: Certificate) -> User | None:
    """The file manager the file is assigned to now, if any."""
    latest = (
        Assignment.objects.filter(certificate=certificate)
        .select_related("file_manager")
        .order_by("-since", "-id")
        .first()
    )
    return latest.file_manager if latest is not None else None


def _evidence(decision: Decision, certificate: Certificate, item: EvidenceLink) -> Evidence:
    """The evidence row of `item`, refused if it points to a record of another file."""
    row = Evidence(decision=decision, description=item.description.strip(), url=item.url)
    if item.record is not None:
        field = Evidence.RECORD_FIELDS.get(item.record._meta.label_lower)
        if field is None or not _of_file(item.record, certificate):
            raise InvalidDecision(
                _("%(record)s is not a record of file %(number)s.")
                % {"record": item.record, "number": certificate.number}
            )
        setattr(row, field, item.record)
        row.description = row.description or str(item.record)
    if item.upload is not None:
        checked = check_upload(item.upload, error=InvalidDecision)
        row.original_name = checked.original_name
        row.content_type = checked.content_type
        row.file.save(checked.stored_name, item.upload, save=False)
        row.description = row.description or checked.original_name
    if not row.description:
        raise InvalidDecision(_("Say what each piece of evidence is."))
    row.save()
    return row


def _of_file(record: Model, certificate: Certificate) -> bool:
    """Whether `record` belongs to the file: its own inspection, evaluation or complaint, or a
    version of a reference document of its programme."""
    if hasattr(record, "document_id"):
        return certificate.programme.documents.filter(pk=record.document_id).exists()
    inspection = getattr(record, "inspection", None)
    owner = inspection.certificate_id if inspection is not None else record.certificate_id  # type: ignore[attr-defined]
    return bool(owner == certificate.pk)


def planned_segments(
    target: Status, effective: date, *, until: date | None, expires_on: date | None
) -> list[Segment[Status]]:
    """The rows a decision writes: its status from `effective`, then what follows by date."""
    if target not in CERTIFIED_STATUSES:
        return [Segment(target, effective)]
    planned = [Segment(target, effective, until)]
    if until is not None:
        planned.append(Segment(Status.CERTIFIED, until))
    if expires_on is None:
        return planned
    clipped = [
        Segment(s.status, s.start, expires_on if s.end is None or s.end > expires_on else s.end)
        for s in planned
        if s.start < expires_on
    ]
    return [*clipped, Segment(Status.EXPIRED, expires_on)]


def _decide(
    certificate: Certificate,
    transition: Transition,
    *,
    by: User,
    reason: str,
    effective: date | None,
    until: date | None = None,
    expires_on: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    effective = effective or clock.today()
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    standing = file_standing(by, locked)
    LIFECYCLE.rule(transition).act.check(standing, transition.label)
    if not reason.strip():
        raise InvalidDecision(_("A decision needs its reason."))
    _check_in_order(locked, effective)
    timeline = timeline_of(locked.status_periods.all())
    current = segment_on(timeline, effective)
    target = LIFECYCLE.gate(transition, current.status if current else None, standing)
    if until is not None and until <= effective:
        raise InvalidDecision(_("The end of the suspension must come after its start."))
    expires_on = expires_on if expires_on is not None else locked.expires_on
    renewing = transition in (Transition.GRANT, Transition.RENEW)
    if renewing and expires_on is not None and expires_on <= effective:
        raise InvalidDecision(_("The certificate must expire after it takes effect."))
    decision = Decision.objects.create(
        certificate=locked,
        transition=transition,
        from_status=current.status if current else "",
        to_status=target,
        effective=effective,
        until=until,
        expires_on=expires_on if target in CERTIFIED_STATUSES else None,
        decided_by=by,
        decided_at=clock.now(),
        reason=reason,
    )
    segments = planned_segments(target, effective, until=until, expires_on=expires_on)
    rows, in_force = _write(locked, decision, segments, evidence)
    if expires_on != locked.expires_on:
        locked.expires_on = expires_on
        locked.save(update_fields=["expires_on"])
    _announce(locked, decision, rows, in_force)
    certificate.forget_history()
    certificate.expires_on = locked.expires_on
    return decision


def _check_in_order(certificate: Certificate, effective: date) -> None:
    """Refuse a decision that would take effect before one the file's history rests on.

    Annulled decisions and annulments do not count: an annulled decision is as if never
    taken, and an annulment only restates, from the annulled decision's date, what the
    decisions still standing make the history; neither may hold back the work that follows.
    """
    standing = still_standing(certificate.decisions.all())
    latest = standing.aggregate(latest=Max("effective"))["latest"]
    if latest is not None and effective < latest:
        raise DecisionOutOfOrder(
            _(
                "A decision on %(number)s already takes effect on %(date)s; a new one "
                "cannot take effect before it."
            )
            % {"number": certificate.number, "date": latest.isoformat()}
        )


def _write(
    certificate: Certificate,
    decision: Decision,
    segments: Sequence[Segment[Status]],
    evidence: Sequence[EvidenceLink],
) -> tuple[list[Evidence], list[DocumentVersion]]:
    """Write the status rows, the evidence and the documents in force of `decision`."""
    StatusPeriod.objects.bulk_create(
        StatusPeriod(
            certificate=certificate,
            decision=decision,
            status=segment.status,
            valid_from=segment.start,
            valid_until=segment.end,
        )
        for segment in segments
    )
    rows = [_evidence(decision, certificate, item) for item in evidence]
    in_force = list(certificate.programme.versions_on(decision.effective))
    decision.document_versions.set(in_force)
    return rows, in_force


def _announce(
    certificate: Certificate,
    decision: Decision,
    rows: Sequence[Evidence],
    in_force: Sequence[DocumentVersion],
) -> None:
    """Journal `decision`, append it to the change feed and tell the holder."""
    annuls = {"annuls": decision.annuls_id} if decision.annuls_id else {}
    record(
        f"certificate.{Transition(decision.transition).value}",
        certificate,
        actor=decision.decided_by,
        data={
            "decision": decision.pk,
            **annuls,
            "from": decision.from_status,
            "to": decision.to_status,
            "effective": decision.effective,
            "until": decision.until,
            "expires_on": decision.expires_on,
            "reason": decision.reason,
            "evidence": [row.description for row in rows],
            "documents": [str(version) for version in in_force],
        },
    )
    feed.append(
        "certificate.decision",
        certificate,
        codes=[certificate.number],
        data={
            "decision": decision.pk,
            "transition": Transition(decision.transition).value,
            **annuls,
            "to": Status(decision.to_status).value,
            "effective": decision.effective.isoformat(),
            "until": decision.until.isoformat() if decision.until else None,
        },
    )
    notices.announce_decision(decision)


@performs(_act(Transition.ADMIT))
@transaction.atomic
def admit_application(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate, Transition.ADMIT, by=by, reason=reason, effective=effective, evidence=evidence
    )


@performs(_act(Transition.REJECT))
@transaction.atomic
def reject_application(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate, Transition.REJECT, by=by, reason=reason, effective=effective, evidence=evidence
    )


@performs(_act(Transition.WITHDRAW_APPLICATION))
@transaction.atomic
def withdraw_application(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate,
        Transition.WITHDRAW_APPLICATION,
        by=by,
        reason=reason,
        effective=effective,
        evidence=evidence,
    )


@performs(_act(Transition.START_TRIAL))
@transaction.atomic
def start_trial_period(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate,
        Transition.START_TRIAL,
        by=by,
        reason=reason,
        effective=effective,
        evidence=evidence,
    )


@performs(_act(Transition.GRANT))
@transaction.atomic
def grant_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    expires_on: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """Grant the certificate after the trial period.

    A mark with a fixed validity (ATG: 3 years) sets the expiry unless one is given.
    """
    start = effective or clock.today()
    years = certificate.programme.scheme.validity_years
    if expires_on is None and years:
        expires_on = add_years(start, years)
    return _decide(
        certificate,
        Transition.GRANT,
        by=by,
        reason=reason,
        effective=start,
        expires_on=expires_on,
        evidence=evidence,
    )


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


@performs(_act(Transition.REFUSE))
@transaction.atomic
def refuse_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate, Transition.REFUSE, by=by, reason=reason, effective=effective, evidence=evidence
    )


@performs(_act(Transition.SUSPEND))
@transaction.atomic
def suspend_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    until: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """Suspend the certificate (and so all its datasheets) from `effective`.

    With `until`, the suspension ends by itself on that day; without, it lasts until
    lifted.
    """
    return _decide(
        certificate,
        Transition.SUSPEND,
        by=by,
        reason=reason,
        effective=effective,
        until=until,
        evidence=evidence,
    )


@performs(_act(Transition.LIFT))
@transaction.atomic
def lift_suspension(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate, Transition.LIFT, by=by, reason=reason, effective=effective, evidence=evidence
    )


@performs(_act(Transition.WITHDRAW))
@transaction.atomic
def withdraw_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate,
        Transition.WITHDRAW,
        by=by,
        reason=reason,
        effective=effective,
        evidence=evidence,
    )


@performs(_act(Transition.RENOUNCE))
@transaction.atomic
def renounce_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """The holder gives the certificate up, from a date of its choice."""
    return _decide(
        certificate,
        Transition.RENOUNCE,
        by=by,
        reason=reason,
        effective=effective,
        evidence=evidence,
    )


@performs(_act(Transition.EXPIRE))
@transaction.atomic
def expire_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    return _decide(
        certificate, Transition.EXPIRE, by=by, reason=reason, effective=effective, evidence=evidence
    )


@performs(_act(Transition.RENEW))
@transaction.atomic
def renew_certificate(
    certificate: Certificate,
    *,
    by: User,
    reason: str,
    expires_on: date,
    effective: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """Extend a valid certificate to a new expiry date."""
    return _decide(
        certificate,
        Transition.RENEW,
        by=by,
        reason=reason,
        effective=effective,
        expires_on=expires_on,
        evidence=evidence,
    )


@performs(DECIDE)
@transaction.atomic
def annul_decision(
    decision: Decision,
    *,
    by: User,
    reason: str,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """Annul `decision` after an appeal upheld the holder: as if it had never been taken.

    The annulment is a decision of its own, recorded now, effective from the annulled
    decision's date. Its status rows restate the file's history from that date as the
    decisions still standing make it (every one but the annulled ones and the annulments),
    so that every reader of the history reads every date anew, the days before the appeal
    included, while the history as it was known before the annulment stays as it was. Only
    a rejection, a refusal, a suspension or a withdrawal is annulled, and only once; a
    decision maker enacts it who may decide on the file (not involved in its evaluation,
    not tied to its holder) and did not take the annulled decision (ISO/IEC 17065 7.13).
    """
    locked = Certificate.objects.select_for_update().get(pk=decision.certificate_id)
    DECIDE.check(file_standing(by, locked), Transition.ANNUL.label)
    annulled = Decision.objects.select_related("annulment").get(pk=decision.pk)
    _check_annullable(annulled, by)
    if not reason.strip():
        raise InvalidDecision(_("A decision needs its reason."))
    before = timeline_of(locked.status_periods.all())
    kept = still_standing(locked.decisions.all()).exclude(pk=annulled.pk)
    after = timeline_of(locked.status_periods.filter(decision__in=kept.values("pk")))
    start = annulled.effective
    was, becomes = segment_on(before, start), segment_on(after, start)
    if becomes is None:  # only an application opens a file, and it cannot be annulled
        raise InvalidDecision(_("Without this decision the file would have no status."))
    annulment = Decision.objects.create(
        certificate=locked,
        transition=Transition.ANNUL,
        from_status=was.status if was else "",
        to_status=becomes.status,
        effective=start,
        expires_on=locked.expires_on if becomes.status in CERTIFIED_STATUSES else None,
        decided_by=by,
        decided_at=clock.now(),
        reason=reason,
        annuls=annulled,
    )
    rows, in_force = _write(locked, annulment, since(after, start), evidence)
    _announce(locked, annulment, rows, in_force)
    decision.annulment = annulment
    decision.certificate.forget_history()
    return annulment


def _check_annullable(decision: Decision, by: User) -> None:
    if decision.transition == Transition.ANNUL:
        raise InvalidDecision(_("An annulment on appeal cannot itself be annulled."))
    if decision.transition not in ANNULLABLE:
        raise InvalidDecision(
            _(
                "A decision to %(action)s cannot be annulled on appeal: only a rejection, a "
                "refusal, a suspension or a withdrawal can."
            )
            % {"action": decision.get_transition_display()}
        )
    annulment = decision.annulled_by
    if annulment is not None:
        raise InvalidDecision(
            _("This decision to %(action)s was already annulled on %(date)s.")
            % {
                "action": decision.get_transition_display(),
                "date": date_format(timezone.localdate(annulment.decided_at)),
            }
        )
    if decision.decided_by_id == by.pk:
        raise SeparationOfDutiesError(
            _(
                "%(person)s took the decision to %(action)s and so cannot annul it on appeal "
                "(ISO/IEC 17065: appeals are decided by persons not involved in their subject)."
            )
            % {"person": by, "action": decision.get_transition_display()}
        )


_SERVICES: dict[Transition, Callable[..., Decision]] = {
    Transition.ADMIT: admit_application,
    Transition.REJECT: reject_application,
    Transition.WITHDRAW_APPLICATION: withdraw_application,
    Transition.START_TRIAL: start_trial_period,
    Transition.GRANT: grant_certificate,
    Transition.REFUSE: refuse_certificate,
    Transition.SUSPEND: suspend_certificate,
    Transition.LIFT: lift_suspension,
    Transition.WITHDRAW: withdraw_certificate,
    Transition.RENOUNCE: renounce_certificate,
    Transition.EXPIRE: expire_certificate,
    Transition.RENEW: renew_certificate,
}


@performs(*{rule.act for rule in LIFECYCLE.rules.values()})
def take_decision(
    certificate: Certificate,
    transition: Transition,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    until: date | None = None,
    expires_on: date | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Decision:
    """Take the decision `transition` through its own service (for forms, the API, commands).

    An end date belongs to a suspension only and an expiry date to a grant or a renewal;
    anything else is refused before the service runs.
    """
    if transition == Transition.APPLY:
        raise InvalidDecision(_("An application opens a file; it is not a decision on one."))
    if transition not in _SERVICES:
        raise InvalidDecision(_("Only an appeal committee can annul a decision."))
    # Who may take it first: someone who may not see the file learns nothing of it.
    LIFECYCLE.rule(transition).act.check(file_standing(by, certificate), transition.label)
    if until is not None and transition != Transition.SUSPEND:
        raise InvalidDecision(_("Only a suspension has an end date."))
    if expires_on is not None and transition not in (Transition.GRANT, Transition.RENEW):
        raise InvalidDecision(_("Only a grant or a renewal sets the expiry date."))
    if transition == Transition.RENEW and expires_on is None:
        raise InvalidDecision(_("A renewal needs the new expiry date."))
    extra: dict[str, object] = {}
    if transition == Transition.SUSPEND:
        extra["until"] = until
    if transition in (Transition.GRANT, Transition.RENEW):
        extra["expires_on"] = expires_on
    return _SERVICES[transition](
        certificate, by=by, reason=reason, effective=effective, evidence=evidence, **extra
    )
