"""Verification of a quick code, certificate number or lot code on a date.

The answer comes from stored history only: the status rows of the certificate and of
the datasheet, resolved for the asked date, or the date of issue of a lot conformity
document. Today's state plays no part in an answer about 14 March.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock, codes
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.timeline import Segment, following, segment_on
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet, DatasheetState, DatasheetStatus
from qualimark.lots import access as lot_access
from qualimark.lots import codes as lot_codes
from qualimark.lots.models import LotConformityDocument
from qualimark.registry.access import is_public, public_datasheets
from qualimark.verification import lookup


class Outcome(models.TextChoices):
    VALID = "valid", _("valid")
    UNKNOWN = "unknown", _("unknown code")
    MISTYPED = "mistyped", _("mistyped code")
    MALFORMED = "malformed", _("not a code")
    NOT_YET_CERTIFIED = "not_yet_certified", _("not yet certified")
    TRIAL_PERIOD = "trial_period", _("in trial period")
    NOT_CERTIFIED = "not_certified", _("never certified")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RENOUNCED = "renounced", _("renounced")
    EXPIRED = "expired", _("expired")
    NOT_YET_PUBLISHED = "not_yet_published", _("datasheet not yet published")
    DATASHEET_WITHDRAWN = "datasheet_withdrawn", _("datasheet withdrawn")
    SUPERSEDED = "superseded", _("datasheet superseded")
    NOT_YET_ISSUED = "not_yet_issued", _("not yet issued")


_BY_STATUS = {
    Status.APPLIED: Outcome.NOT_YET_CERTIFIED,
    Status.ADMISSIBLE: Outcome.NOT_YET_CERTIFIED,
    Status.TRIAL: Outcome.TRIAL_PERIOD,
    Status.REJECTED: Outcome.NOT_CERTIFIED,
    Status.APPLICATION_WITHDRAWN: Outcome.NOT_CERTIFIED,
    Status.NOT_GRANTED: Outcome.NOT_CERTIFIED,
    Status.CERTIFIED: Outcome.VALID,
    Status.SUSPENDED: Outcome.SUSPENDED,
    Status.WITHDRAWN: Outcome.WITHDRAWN,
    Status.RENOUNCED: Outcome.RENOUNCED,
    Status.EXPIRED: Outcome.EXPIRED,
}


@dataclass
class Verdict:
    """The full answer: what was asked, when, and exactly why the answer is what it is."""

    query: str
    on: date
    answered_at: datetime
    outcome: Outcome
    certificate: Certificate | None = None
    datasheet: Datasheet | None = None
    status: Status | None = None
    since: date | None = None
    until: date | None = None
    superseded_by: Datasheet | None = None
    lot: LotConformityDocument | None = None
    # Written as a lot code (L and digits), so a refusal explains what a lot code is.
    written_as_lot_code: bool = False
    suggestions: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.outcome == Outcome.VALID

    @property
    def message(self) -> str:
        return _message(self)


def verify(query: str, on: date | None = None) -> Verdict:
    """Is the datasheet (quick code), certificate (number) or lot (lot code) valid on `on`?"""
    return verify_many([query], on)[query]


def verify_many(queries: Sequence[str], on: date | None = None) -> dict[str, Verdict]:
    """The verdict on `on` for each of `queries` (each once).

    Each query is first read by its form (`qualimark.codes`): what is no code at all is
    answered without a query. All quick codes among them are read together
    (`lookup.datasheets_by_code`: three queries whatever their number); certificate numbers
    and lot codes one by one.
    """
    day = on or clock.today()
    answered_at = clock.now()
    parsed = {query: codes.parse(query) for query in queries}
    quick = [code.value for code in parsed.values() if code.kind == codes.Kind.QUICK_CODE]
    datasheets = lookup.datasheets_by_code(quick) if quick else {}
    verdicts = {}
    for query, code in parsed.items():
        if code.kind == codes.Kind.QUICK_CODE:
            found = datasheets.get(code.value)
            verdict = _verify_quick_code(query, code.value, found, day, answered_at)
        elif code.kind == codes.Kind.LOT_CODE:
            verdict = _verify_lot_code(query, code.value, day, answered_at)
        elif code.kind == codes.Kind.CERTIFICATE:
            verdict = _verify_certificate(query, code.value, day, answered_at)
        else:
            verdict = Verdict(
                query,
                day,
                answered_at,
                Outcome.MALFORMED,
                written_as_lot_code=code.written_as_lot_code,
            )
        verdicts[query] = verdict
    return verdicts


def _verify_certificate(query: str, number: str, day: date, answered_at: datetime) -> Verdict:
    certificate = _certificates().filter(number=number).first()
    if certificate is None or not is_public(certificate):
        # An application that never reached the trial period is confidential: the
        # registry knows no such certificate.
        return Verdict(query, day, answered_at, Outcome.UNKNOWN)
    verdict = Verdict(query, day, answered_at, Outcome.UNKNOWN, certificate=certificate)
    return _with_certificate_status(verdict, certificate, day)


def _certificates() -> models.QuerySet[Certificate]:
    return Certificate.objects.select_related(
        "holder", "programme__scheme", "programme__subject", "production_unit"
    ).prefetch_related("status_periods")


def _verify_quick_code(
    query: str, code: str, datasheet: Datasheet | None, day: date, answered_at: datetime
) -> Verdict:
    if datasheet is None or not datasheet.timeline:
        # A datasheet that was never published is not public: it is unknown to the registry.
        return _unknown_quick_code(query, code, day, answered_at)
    verdict = Verdict(
        query,
        day,
        answered_at,
        Outcome.UNKNOWN,
        datasheet=datasheet,
        certificate=datasheet.certificate,
    )
    segment = segment_on(datasheet.timeline, day)
    if segment is None:
        upcoming = following(datasheet.timeline, day)
        verdict.outcome = Outcome.NOT_YET_PUBLISHED
        verdict.until = upcoming.start if upcoming else None
        return verdict
    verdict.since, verdict.until = segment.start, segment.end
    if segment.status.status == DatasheetStatus.WITHDRAWN:
        verdict.outcome = Outcome.DATASHEET_WITHDRAWN
        return verdict
    if segment.status.status == DatasheetStatus.SUPERSEDED:
        verdict.outcome = Outcome.SUPERSEDED
        verdict.superseded_by = _replacement(segment)
        return verdict
    return _with_certificate_status(verdict, datasheet.certificate, day)


def _replacement(segment: Segment[DatasheetState]) -> Datasheet | None:
    if segment.status.superseded_by_id is None:
        return None
    return Datasheet.objects.filter(pk=segment.status.superseded_by_id).first()


def _unknown_quick_code(query: str, code: str, day: date, answered_at: datetime) -> Verdict:
    if not quickcodes.is_well_formed(code):
        return Verdict(query, day, answered_at, Outcome.MALFORMED)
    if quickcodes.check_digit_ok(code):
        return Verdict(query, day, answered_at, Outcome.UNKNOWN)
    meant = public_datasheets().filter(quick_code__in=quickcodes.near_misses(code))
    suggestions = sorted(meant.values_list("quick_code", flat=True))
    return Verdict(query, day, answered_at, Outcome.MISTYPED, suggestions=suggestions)


def _verify_lot_code(query: str, code: str, day: date, answered_at: datetime) -> Verdict:
    """A lot conformity document is valid from its date of issue; a refusal has no code."""
    if not lot_codes.check_digit_ok(code):
        # No suggestions: lot documents are found by their exact code, never by browsing.
        return Verdict(query, day, answered_at, Outcome.MISTYPED, written_as_lot_code=True)
    lot = lot_access.conformity_documents().filter(code=code).first()
    if lot is None:
        return Verdict(query, day, answered_at, Outcome.UNKNOWN, written_as_lot_code=True)
    if day < lot.issued_on:
        return Verdict(
            query, day, answered_at, Outcome.NOT_YET_ISSUED, lot=lot, until=lot.issued_on
        )
    return Verdict(query, day, answered_at, Outcome.VALID, lot=lot, since=lot.issued_on)


def _with_certificate_status(verdict: Verdict, certificate: Certificate, day: date) -> Verdict:
    segment = segment_on(certificate.timeline, day)
    if segment is None:
        upcoming = following(certificate.timeline, day)
        verdict.outcome = Outcome.NOT_YET_CERTIFIED
        verdict.since, verdict.until = None, upcoming.start if upcoming else None
        return verdict
    verdict.status = segment.status
    verdict.outcome = _BY_STATUS[segment.status]
    if verdict.outcome == Outcome.VALID and verdict.datasheet is not None:
        # A datasheet is valid while it is published and its certificate is valid.
        verdict.since = max(verdict.since or segment.start, segment.start)
        ends = [end for end in (verdict.until, segment.end) if end is not None]
        verdict.until = min(ends) if ends else None
    else:
        verdict.since, verdict.until = segment.start, segment.end
    return verdict


def _day(value: date | None) -> str:
    return _formatted(value, get_language()) if value else "…"


@lru_cache(maxsize=4096)
def _formatted(value: date, language: str | None) -> str:
    # A delivery list asks about one date and a few thousand periods: each is formatted once.
    return date_format(value, "DATE_FORMAT")


def _lot_message(verdict: Verdict, lot: LotConformityDocument) -> str:
    values = {
        "code": lot.formatted_code,
        "product": lot.product,
        "quantity": lot.quantity_text,
        "lot": lot.lot_identification,
        "on": _day(verdict.on),
        "issued": _day(lot.issued_on),
    }
    if verdict.outcome == Outcome.NOT_YET_ISSUED:
        return (
            gettext(
                "Lot conformity document %(code)s (%(product)s, %(quantity)s, lot %(lot)s) "
                "was not yet issued on %(on)s: it was issued on %(issued)s."
            )
            % values
        )
    return (
        gettext(
            "Lot conformity document %(code)s is valid on %(on)s: %(product)s, %(quantity)s, "
            "lot %(lot)s (issued on %(issued)s)."
        )
        % values
    )


def _not_a_lot_code(verdict: Verdict) -> str | None:
    """The answer for a code written as a lot code that is none, if it is one."""
    if not verdict.written_as_lot_code:
        return None
    if verdict.outcome == Outcome.MALFORMED:
        return gettext(
            "%(query)s is not a lot code: a lot code is the letter L and 8 digits, "
            "for example L 1234 5671."
        ) % {"query": verdict.query}
    if verdict.outcome == Outcome.MISTYPED:
        return gettext(
            "%(query)s is not a valid lot code: its check digit does not match, so one digit "
            "is probably mistyped or two neighbouring digits are swapped."
        ) % {"query": verdict.query}
    return None


_TEMPLATES = {
    Outcome.VALID: _("%(subject)s is valid on %(on)s."),
    Outcome.UNKNOWN: _("%(query)s is not a code in this registry."),
    Outcome.MALFORMED: _("%(query)s is not a quick code (8 digits) or a certificate number."),
    Outcome.MISTYPED: _(
        "%(query)s is not a valid quick code: its check digit does not match, so one digit "
        "is probably mistyped or two neighbouring digits are swapped."
    ),
    Outcome.NOT_YET_CERTIFIED: _("%(subject)s was not yet certified on %(on)s."),
    Outcome.TRIAL_PERIOD: _(
        "%(subject)s is not valid on %(on)s: the holder was in its trial period (since %(since)s)."
    ),
    Outcome.NOT_CERTIFIED: _(
        "%(subject)s is not valid: it was never certified (application closed on %(since)s)."
    ),
    Outcome.SUSPENDED: _(
        "%(subject)s is not valid on %(on)s: the certificate is suspended since %(since)s."
    ),
    Outcome.WITHDRAWN: _(
        "%(subject)s is not valid on %(on)s: the certificate was withdrawn on %(since)s."
    ),
    Outcome.RENOUNCED: _(
        "%(subject)s is not valid on %(on)s: the holder renounced the certificate on %(since)s."
    ),
    Outcome.EXPIRED: _("%(subject)s is not valid on %(on)s: the certificate expired on %(since)s."),
    Outcome.NOT_YET_PUBLISHED: _(
        "%(subject)s is not valid on %(on)s: it was not yet published then."
    ),
    Outcome.DATASHEET_WITHDRAWN: _(
        "%(subject)s is not valid on %(on)s: the datasheet was withdrawn on %(since)s."
    ),
    Outcome.SUPERSEDED: _(
        "%(subject)s is not valid on %(on)s: it was superseded by datasheet %(replacement)s "
        "on %(since)s."
    ),
}


def _message(verdict: Verdict) -> str:
    if verdict.lot is not None:
        return _lot_message(verdict, verdict.lot)
    lot_answer = _not_a_lot_code(verdict)
    if lot_answer is not None:
        return lot_answer
    subject = (
        gettext("Datasheet %(code)s")
        % {"code": quickcodes.format_code(verdict.datasheet.quick_code)}
        if verdict.datasheet
        else gettext("Certificate %(number)s") % {"number": verdict.certificate.number}
        if verdict.certificate
        else ""
    )
    values = {
        "subject": subject,
        "on": _day(verdict.on),
        "since": _day(verdict.since),
        "until": _day(verdict.until),
        "query": verdict.query,
    }
    values["replacement"] = (
        quickcodes.format_code(verdict.superseded_by.quick_code) if verdict.superseded_by else "…"
    )
    message = str(_TEMPLATES[verdict.outcome]) % values
    if verdict.outcome == Outcome.MISTYPED and verdict.suggestions:
        message += " " + gettext("Did you mean %(codes)s?") % {
            "codes": ", ".join(quickcodes.format_code(c) for c in verdict.suggestions)
        }
    return message
