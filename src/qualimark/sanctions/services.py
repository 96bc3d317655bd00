"""The services that impose, end and revoke sanctions.

A suspension and a withdrawal change the status of the file, so they go through the
certification core (`suspend_certificate`, `withdraw_certificate`, `lift_suspension`, and
`annul_decision` when an appeal revokes them): the status history, the journal and dated
validity hold for them exactly as for any other decision. Every sanction and every end of
one is a decision maker's impartial act on the file (`permissions.py`), which each service
checks before it changes anything. The system never sanctions on its own: see
`proposals.py`. The query helpers (`inspections_per_year_on`…) live in `queries.py` and are
re-exported here.
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import UNDER_OVERSIGHT, Status
from qualimark.certification.models import Certificate, Decision
from qualimark.certification.permissions import file_standing
from qualimark.certification.services import (
    EvidenceLink,
    annul_decision,
    lift_suspension,
    suspend_certificate,
    withdraw_certificate,
)
from qualimark.errors import DomainError, SeparationOfDutiesError
from qualimark.journal.services import record
from qualimark.parties.roles import Act, performs
from qualimark.sanctions.models import PERIOD_KINDS, Sanction, SanctionKind
from qualimark.sanctions.permissions import END, IMPOSE, LIFT, REVOKE
from qualimark.sanctions.proposals import (
    InvalidProposal,
    open_proposals,
    propose_next_step,
    resolve_proposal,
)
from qualimark.sanctions.queries import (
    active_sanctions,
    inspections_per_year_on,
    stricter_oversight_on,
)

__all__ = [
    "InvalidProposal",
    "InvalidSanction",
    "active_sanctions",
    "end_stricter_oversight",
    "impose_sanction",
    "inspections_per_year_on",
    "lift_suspension_sanction",
    "open_proposals",
    "propose_next_step",
    "resolve_proposal",
    "revoke_sanction",
    "stricter_oversight_on",
]


class InvalidSanction(DomainError):
    code = "invalid_sanction"


@performs(IMPOSE)
@transaction.atomic
def impose_sanction(
    certificate: Certificate,
    kind: SanctionKind,
    *,
    by: User,
    reason: str,
    effective: date | None = None,
    until: date | None = None,
    inspections_per_year: int | None = None,
    evidence: Sequence[EvidenceLink] = (),
) -> Sanction:
    """Impose a sanction of `kind` on the file from `effective` (by default today).

    - warning: recorded only; the file must be under oversight on `effective`.
    - stricter oversight: `inspections_per_year` above the normal minimum of the
      regulation in force that day, optionally `until` a date (exclusive).
    - suspension: suspends the certificate (and its datasheets) through the core, until
      `until` or until lifted.
    - withdrawal: withdraws the certificate through the core, and ends the stricter
      oversight and suspensions still running on that day.

    A decision maker imposes them; whoever inspected or evaluated the file, or is tied to
    its holder, may impose none of them (ISO/IEC 17065). Errors of the core
    (TransitionNotAllowed, DecisionOutOfOrder, InvalidDecision) propagate as they are.
    """
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    IMPOSE.check(file_standing(by, locked))
    kind = _kind(kind)
    effective = effective or clock.today()
    _check_terms(kind, reason, effective, until, inspections_per_year)
    decision: Decision | None = None
    if kind == SanctionKind.SUSPENSION:
        decision = suspend_certificate(
            certificate, by=by, reason=reason, effective=effective, until=until, evidence=evidence
        )
    elif kind == SanctionKind.WITHDRAWAL:
        decision = withdraw_certificate(
            certificate, by=by, reason=reason, effective=effective, evidence=evidence
        )
        _end_running_sanctions(locked, decision, by=by)
    else:
        _check_under_oversight(locked, effective)
        if kind == SanctionKind.STRICTER_OVERSIGHT:
            _check_stricter_frequency(locked, effective, inspections_per_year or 0)
    sanction = Sanction.objects.create(
        certificate=certificate,
        kind=kind,
        effective=effective,
        until=until,
        inspections_per_year=inspections_per_year,
        decision=decision,
        reason=reason,
        decided_by=by,
        decided_at=clock.now(),
    )
    record(
        "sanction.imposed",
        sanction,
        actor=by,
        data={
            "certificate": certificate.number,
            "kind": kind,
            "effective": effective,
            "until": until,
            "inspections_per_year": inspections_per_year,
            "decision": decision.pk if decision else None,
            "reason": reason,
            "evidence": [{"description": e.description, "url": e.url} for e in evidence],
        },
    )
    _forget_sanctions(certificate)
    return sanction


@performs(LIFT)
@transaction.atomic
def lift_suspension_sanction(
    sanction: Sanction, *, by: User, reason: str, effective: date | None = None
) -> Sanction:
    """Lift a suspension "until lifted" (or before its end date) from `effective`."""
    effective = effective or clock.today()
    locked = _lock(sanction, LIFT, by)
    _check_reason(reason)
    if locked.kind != SanctionKind.SUSPENSION:
        raise InvalidSanction(_("Only a suspension can be lifted."))
    _check_running(locked, effective)
    lift_suspension(sanction.certificate, by=by, reason=reason, effective=effective)
    _end(locked, effective, reason)
    record("sanction.lifted", locked, actor=by, data={"effective": effective, "reason": reason})
    return _synced(sanction, locked)


@performs(END)
@transaction.atomic
def end_stricter_oversight(
    sanction: Sanction, *, by: User, reason: str, effective: date | None = None
) -> Sanction:
    """End stricter oversight from `effective`: the normal frequency applies again."""
    effective = effective or clock.today()
    locked = _lock(sanction, END, by)
    _check_reason(reason)
    if locked.kind != SanctionKind.STRICTER_OVERSIGHT:
        raise InvalidSanction(_("Only stricter oversight can be ended this way."))
    _check_running(locked, effective)
    _end(locked, effective, reason)
    record("sanction.ended", locked, actor=by, data={"effective": effective, "reason": reason})
    return _synced(sanction, locked)


@performs(REVOKE)
@transaction.atomic
def revoke_sanction(
    sanction: Sanction, *, by: User, reason: str, evidence: Sequence[EvidenceLink] = ()
) -> Sanction:
    """Record that an appeal committee reversed the sanction.

    A suspension or a withdrawal is annulled with its decision (`annul_decision`): the
    file's history reads as if it had never been imposed, the sanction never applied, and
    what a withdrawal ended (stricter oversight, a suspension) runs again. Stricter
    oversight ends from today (one that has not started yet never applies); a warning is
    only marked. Whoever imposed the sanction does not revoke it (ISO/IEC 17065: appeals
    are decided by persons not involved in their subject).
    """
    locked = _lock(sanction, REVOKE, by)
    _check_reason(reason)
    if locked.revoked:
        raise InvalidSanction(_("This sanction was already revoked on appeal."))
    if locked.decided_by_id == by.pk:
        raise SeparationOfDutiesError(
            _(
                "%(person)s imposed this sanction and so cannot revoke it on appeal "
                "(ISO/IEC 17065: appeals are decided by persons not involved in their subject)."
            )
            % {"person": by}
        )
    if locked.decision is not None:
        decision = locked.decision
        locked.reversal = decision.annulled_by or annul_decision(
            decision, by=by, reason=reason, evidence=evidence
        )
        _resume_ended_with(decision, by=by)
        start = locked.effective  # annulled: it never applied
    else:
        start = max(clock.today(), locked.effective)
    if locked.reversal is not None or locked.in_force_on(start):
        locked.ended_on, locked.ended_reason = start, reason
    locked.revoked = True
    locked.save(update_fields=["ended_on", "ended_reason", "revoked", "reversal"])
    record(
        "sanction.revoked",
        locked,
        actor=by,
        data={
            "effective": start,
            "reason": reason,
            "decision": locked.reversal_id,
        },
    )
    return _synced(sanction, locked)


def _kind(kind: SanctionKind | str) -> SanctionKind:
    try:
        return SanctionKind(kind)
    except ValueError:
        raise InvalidSanction(_("Unknown kind of sanction: %(kind)s.") % {"kind": kind}) from None


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidSanction(_("A sanction, its end or its revocation needs a reason."))


def _check_terms(
    kind: SanctionKind,
    reason: str,
    effective: date,
    until: date | None,
    inspections_per_year: int | None,
) -> None:
    _check_reason(reason)
    if until is not None and kind not in PERIOD_KINDS:
        raise InvalidSanction(_("Only stricter oversight and a suspension have an end date."))
    if until is not None and until <= effective:
        raise InvalidSanction(_("The end of a sanction must come after its start."))
    if inspections_per_year is not None and kind != SanctionKind.STRICTER_OVERSIGHT:
        raise InvalidSanction(_("Only stricter oversight sets a number of inspections."))
    if kind == SanctionKind.STRICTER_OVERSIGHT and not inspections_per_year:
        raise InvalidSanction(_("Stricter oversight needs its number of inspections per year."))


def _check_under_oversight(certificate: Certificate, day: date) -> None:
    status = certificate.status_on(day)
    if status not in UNDER_OVERSIGHT:
        raise InvalidSanction(
            _(
                "File %(number)s is not under oversight on %(date)s (it is %(status)s): "
                "only a file in trial period, certified or suspended can be sanctioned."
            )
            % {
                "number": certificate.number,
                "date": date_format(day),
                "status": Status(status).label if status else _("not yet applied for"),
            }
        )


def _check_stricter_frequency(certificate: Certificate, day: date, per_year: int) -> None:
    normal = certificate.programme.inspection_frequency_on(day)
    if normal is not None and per_year <= normal[0]:
        raise InvalidSanction(
            _(
                "Stricter oversight means more inspections than the normal minimum of "
                "%(minimum)s a year set by the regulation in force on %(date)s."
            )
            % {"minimum": normal[0], "date": date_format(day)}
        )


def _check_running(sanction: Sanction, effective: date) -> None:
    """Refuse to end a sanction that is over, or before it takes effect."""
    if sanction.revoked:
        raise InvalidSanction(_("This sanction was revoked on appeal."))
    end = sanction.ends_on
    if end is not None and effective >= end:
        raise InvalidSanction(
            _("This sanction is over since %(date)s.") % {"date": date_format(end)}
        )
    if effective < sanction.effective:
        raise InvalidSanction(
            _("This sanction takes effect on %(date)s; it cannot end before that.")
            % {"date": date_format(sanction.effective)}
        )


def _end_running_sanctions(certificate: Certificate, withdrawal: Decision, *, by: User) -> None:
    """A withdrawn file is no longer overseen: what still runs of its sanctions ends."""
    running = Sanction.objects.select_for_update().filter(
        certificate=certificate,
        kind__in=PERIOD_KINDS,
        revoked=False,
        ended_on__isnull=True,
    )
    reason = _("The certificate was withdrawn.")
    for sanction in running:
        end = max(withdrawal.effective, sanction.effective)
        if sanction.until is not None and sanction.until <= end:
            continue
        _end(sanction, end, reason, withdrawal)
        record("sanction.ended", sanction, actor=by, data={"effective": end, "reason": reason})


def _resume_ended_with(withdrawal: Decision, *, by: User) -> None:
    """Once a withdrawal is annulled, the sanctions it ended run again, as if it had never
    been taken."""
    ended = Sanction.objects.select_for_update().filter(ended_with=withdrawal, revoked=False)
    for sanction in ended:
        sanction.ended_on, sanction.ended_reason, sanction.ended_with = None, "", None
        sanction.save(update_fields=["ended_on", "ended_reason", "ended_with"])
        record("sanction.resumed", sanction, actor=by, data={"annulled": withdrawal.pk})


def _end(sanction: Sanction, day: date, reason: str, withdrawal: Decision | None = None) -> None:
    sanction.ended_on, sanction.ended_reason = day, reason
    sanction.ended_with = withdrawal
    sanction.save(update_fields=["ended_on", "ended_reason", "ended_with"])


def _lock(sanction: Sanction, done: Act, by: User) -> Sanction:
    """The sanction, locked, once `by` may take the act `done` on its file."""
    # The file first, then the sanction: the order every sanction service takes, and
    # the order in which the core locks the file before a withdrawal ends sanctions.
    certificate = Certificate.objects.select_for_update().get(pk=sanction.certificate_id)
    done.check(file_standing(by, certificate))
    return Sanction.objects.select_for_update().select_related("certificate").get(pk=sanction.pk)


def _synced(sanction: Sanction, locked: Sanction) -> Sanction:
    """Bring the caller's instance up to date with what the service saved."""
    sanction.ended_on, sanction.ended_reason = locked.ended_on, locked.ended_reason
    sanction.revoked, sanction.reversal = locked.revoked, locked.reversal
    sanction.certificate.forget_history()
    _forget_sanctions(sanction.certificate)
    return sanction


def _forget_sanctions(certificate: Certificate) -> None:
    getattr(certificate, "_prefetched_objects_cache", {}).pop("sanctions", None)
