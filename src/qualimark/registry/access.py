"""What the public registry shows: the one rule for pages, API, search, open data and verify.

A certification file becomes public when it reaches the trial period (entities in trial
may be listed as such); an application under review, rejected or withdrawn before the
trial stays confidential. A datasheet becomes public when it is first published. Both are
read for a day, so that a trial or a publication decided for next week is not shown yet.
"""

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, StatusPeriod
from qualimark.datasheets.models import Datasheet, DatasheetStatus, DatasheetStatusPeriod

# The statuses a file can only have by way of the trial period.
PUBLIC_STATUSES = frozenset(
    {
        Status.TRIAL,
        Status.NOT_GRANTED,
        Status.CERTIFIED,
        Status.SUSPENDED,
        Status.WITHDRAWN,
        Status.RENOUNCED,
        Status.EXPIRED,
    }
)


def reached_trial(certificate: OuterRef, day: date) -> Exists:
    return Exists(
        StatusPeriod.objects.filter(
            certificate=certificate, status__in=PUBLIC_STATUSES, valid_from__lte=day
        )
    )


def published(datasheet: OuterRef, day: date) -> Exists:
    return Exists(
        DatasheetStatusPeriod.objects.filter(
            datasheet=datasheet, status=DatasheetStatus.PUBLISHED, valid_from__lte=day
        )
    )


def public_certificates(day: date | None = None) -> QuerySet[Certificate]:
    """Certificates whose file reached the trial period on or before `day` (today)."""
    return Certificate.objects.filter(reached_trial(OuterRef("pk"), day or clock.today()))


def public_datasheets(day: date | None = None) -> QuerySet[Datasheet]:
    """Datasheets published on or before `day` (today), of public certificates."""
    day = day or clock.today()
    # Two correlated EXISTS (index lookups per row), not `certificate IN (subquery)`:
    # PostgreSQL planned a server-side cursor for a fast start and then ran that subquery
    # as a scan per datasheet, 50 times slower on the demo registry.
    return Datasheet.objects.filter(
        published(OuterRef("pk"), day), reached_trial(OuterRef("certificate_id"), day)
    )


def is_public(certificate: Certificate, day: date | None = None) -> bool:
    """The same rule as `public_certificates`, read from the (prefetched) status rows."""
    day = day or clock.today()
    return any(
        row.status in PUBLIC_STATUSES and row.valid_from <= day
        for row in certificate.status_periods.all()
    )


def is_published(datasheet: Datasheet, day: date | None = None) -> bool:
    """The same rule as `public_datasheets` for the datasheet itself (not its certificate)."""
    day = day or clock.today()
    return any(
        row.status == DatasheetStatus.PUBLISHED and row.valid_from <= day
        for row in datasheet.status_periods.all()
    )
