"""Noting the changes of status that come by date alone: ends of suspensions, expiries.

Noting is the system's own work, journalled in the name of the system actor. Candidates are
found from the status rows (an indexed range on dates), then confirmed on
the file's resolved history: a later decision may have overridden a planned end (a
suspension lifted early, a renewal that moved the expiry), and then nothing lapsed.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Lapse, LapseKind, StatusPeriod
from qualimark.certification.timeline import segment_on
from qualimark.feed import services as feed
from qualimark.journal.services import record
from qualimark.parties.roles import system_actor


def note_lapses(day: date | None = None) -> list[Lapse]:
    """Note every suspension end and expiry on or before `day` not noted yet.

    Safe to run late (it catches up on every day missed) and twice (the second run notes
    nothing).
    """
    day = day or clock.today()
    noted: list[Lapse] = []
    for certificate, kind, on in _candidates(day):
        lapse = _note(certificate, kind, on)
        if lapse is not None:
            noted.append(lapse)
    return noted


def _candidates(day: date) -> list[tuple[Certificate, LapseKind, date]]:
    # Lapses already noted are left out in the query: the daily run does not read again
    # every status row it has handled.
    noted = Lapse.objects.filter(certificate=OuterRef("certificate_id"))
    ended = noted.filter(kind=LapseKind.SUSPENSION_ENDED, on=OuterRef("valid_until"))
    expired = noted.filter(kind=LapseKind.EXPIRED, on=OuterRef("valid_from"))
    rows = StatusPeriod.objects.filter(
        (Q(status=Status.SUSPENDED, valid_until__lte=day) & ~Exists(ended))
        | (Q(status=Status.EXPIRED, valid_from__lte=day) & ~Exists(expired))
    ).values_list("certificate_id", "status", "valid_from", "valid_until")
    wanted: set[tuple[int, LapseKind, date]] = set()
    for certificate_id, status, start, end in rows:
        if status == Status.EXPIRED:
            wanted.add((certificate_id, LapseKind.EXPIRED, start))
        else:
            wanted.add((certificate_id, LapseKind.SUSPENSION_ENDED, end))
    pending = sorted(wanted)
    certificates = Certificate.objects.prefetch_related("status_periods").in_bulk(
        {c for c, _k, _d in pending}
    )
    return [
        (certificates[c], kind, on)
        for c, kind, on in pending
        if _happened(certificates[c], kind, on)
    ]


def _happened(certificate: Certificate, kind: LapseKind, on: date) -> bool:
    """Did the resolved history really change on `on` the way `kind` says?"""
    after = segment_on(certificate.timeline, on)
    before = segment_on(certificate.timeline, date.fromordinal(on.toordinal() - 1))
    if after is None or before is None or after.start != on:
        return False
    if kind == LapseKind.EXPIRED:
        return after.status == Status.EXPIRED and before.status != Status.EXPIRED
    return before.status == Status.SUSPENDED and after.status != Status.SUSPENDED


def _note(certificate: Certificate, kind: LapseKind, on: date) -> Lapse | None:
    try:
        with transaction.atomic():
            lapse = Lapse.objects.create(
                certificate=certificate, kind=kind, on=on, noted_at=clock.now()
            )
            record(f"certificate.{kind.value}", certificate, actor=system_actor(), data={"on": on})
            # A change by date alone: the decision that planned it made it known; the feed
            # enters it on its day, for the read side, without a new moment of knowledge.
            feed.append(
                "certificate.lapse",
                certificate,
                codes=[certificate.number],
                data={"lapse": kind.value, "on": on.isoformat(), "by_date": True},
            )
    except IntegrityError:  # another run noted it in the meantime
        return None
    return lapse
