"""Which sanctions apply to a file on a day, and how many inspections it then needs.

These read `certificate.sanctions.all()` and filter in Python, so that a caller who plans
thousands of files prefetches "sanctions" once and asks no query per file.
"""

from datetime import date

from django.db.models import Q

from qualimark.certification.models import Certificate
from qualimark.sanctions.models import Sanction, SanctionKind

# A cache of each programme's normal (minimum, maximum) a year, keyed by programme id
# and day; see `inspections_per_year_on`.
Frequencies = dict[tuple[int, date], tuple[int, int] | None]


def stricter_oversight_on(certificate: Certificate, day: date) -> Sanction | None:
    """The strictest stricter oversight in force on `day` (the most inspections), or None.

    In force: effective <= day < its end date or early end. A revoked one counts up to
    its revocation. Reads `certificate.sanctions.all()`, so a caller's
    `prefetch_related("sanctions")` makes it query-free.
    """
    running = [
        sanction
        for sanction in certificate.sanctions.all()
        if sanction.kind == SanctionKind.STRICTER_OVERSIGHT and sanction.in_force_on(day)
    ]
    return max(
        running,
        key=lambda s: (s.inspections_per_year or 0, s.effective, s.pk),
        default=None,
    )


def inspections_per_year_on(
    certificate: Certificate,
    day: date,
    *,
    frequencies: Frequencies | None = None,
) -> int | None:
    """The number of inspections a year that the file needs on `day`, or None.

    It is the larger of the normal minimum (`programme.inspection_frequency_on(day)`,
    the TRA/BRS version in force that day) and the frequency of the strictest stricter
    oversight in force that day (see `stricter_oversight_on`). None when neither sets
    a number. The file's status is not looked at: the caller chooses the files that are
    under oversight.

    To plan many files without a query each: `prefetch_related("sanctions")` and pass
    one dict as `frequencies`; each programme's normal frequency is then read once per
    day (the dict is filled as a cache, keyed by programme id and day).
    """
    normal = _normal_frequency(certificate, day, frequencies)
    stricter = stricter_oversight_on(certificate, day)
    candidates = [normal[0]] if normal else []
    if stricter is not None and stricter.inspections_per_year is not None:
        candidates.append(stricter.inspections_per_year)
    return max(candidates, default=None)


def active_sanctions(certificate: Certificate, day: date) -> list[Sanction]:
    """The sanctions in force on `day`, oldest first (see `Sanction.in_force_on`).

    Reads `certificate.sanctions.all()`, so prefetching "sanctions" makes it query-free.
    """
    return sorted(
        (sanction for sanction in certificate.sanctions.all() if sanction.in_force_on(day)),
        key=lambda s: (s.effective, s.pk),
    )


def _normal_frequency(
    certificate: Certificate,
    day: date,
    cache: Frequencies | None,
) -> tuple[int, int] | None:
    if cache is None:
        return certificate.programme.inspection_frequency_on(day)
    key = (certificate.programme_id, day)
    if key not in cache:
        cache[key] = certificate.programme.inspection_frequency_on(day)
    return cache[key]


def in_force(day: date) -> Q:
    """The sanctions in force on `day`, as a filter: `Sanction.in_force_on` in the database."""
    return (
        Q(effective__lte=day)
        & (Q(until__isnull=True) | Q(until__gt=day))
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
