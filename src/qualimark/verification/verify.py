"""Verification of a quick code, certificate number or lot code on a date.

The answer comes from the verification model alone (`models.Entry`, kept from the change
feed by `projection`): one row per code holds the status intervals of the certificate and
of the datasheet, each with when the registry came to know it, resolved here for the date
asked and, if asked, as the registry stood at an earlier change or moment. Today's state
plays no part in an answer about 14 March; what the registry learnt since plays no part in
an answer "as of" before it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from qualimark import clock, codes
from qualimark.certification.lifecycle import Status
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import DatasheetStatus
from qualimark.i18n import first_filled
from qualimark.lots import codes as lot_codes
from qualimark.lots.models import cite_document, format_quantity
from qualimark.registry.access import PUBLIC_STATUSES
from qualimark.verification import reading
from qualimark.verification.projection import CERTIFICATE, LOT, QUICK_CODE
from qualimark.verification.reading import AsOf


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
# By the status as a row holds it (plain text): each answer looks its status up once.
_BY_STORED_STATUS = {str(status.value): (status, _BY_STATUS[status]) for status in Status}


@dataclass(slots=True)
class Verdict:
    """The full answer: what was asked, when, as the registry stood when, and exactly why.

    Built from the verification model's row alone (plain values, no model objects): the
    names as the row holds them, the days as dates.
    """

    query: str
    on: date
    # The moment of the answer; None for an answer as of an earlier state of the registry,
    # which is the same whenever it is asked.
    answered_at: datetime | None
    outcome: Outcome
    as_of: AsOf = None
    # The sequence number of the code's last change (as of `as_of`): what the answer rests on.
    sequence: int | None = None
    kind: str | None = None
    names: dict[str, Any] = field(default_factory=dict)
    status: Status | None = None
    since: date | None = None
    until: date | None = None
    superseded_by: list[str] | None = None  # [quick code, product name]
    # Written as a lot code (L and digits), so a refusal explains what a lot code is.
    written_as_lot_code: bool = False
    suggestions: list[str] = field(default_factory=list)
    certificate_public: bool = False

    @property
    def valid(self) -> bool:
        return self.outcome == Outcome.VALID

    @property
    def message(self) -> str:
        return self.message_in(get_language())

    def message_in(self, language: str | None) -> str:
        """The answer in a sentence, in `language` (the active one, asked once by a caller
        that words many things)."""
        return _message(self, language)

    @property
    def as_of_sequence(self) -> int | None:
        """The change the answer was asked as of, if it was asked by its sequence number."""
        return self.as_of if isinstance(self.as_of, int) else None

    # What the answer names, for pages and the API.

    @property
    def certificate_number(self) -> str | None:
        return self.names.get("number") if self.kind in (QUICK_CODE, CERTIFICATE) else None

    @property
    def quick_code(self) -> str | None:
        return self.names.get("quick_code") if self.kind == QUICK_CODE else None

    @property
    def product_name(self) -> str | None:
        return self.names.get("product") if self.kind == QUICK_CODE else None

    @property
    def lot_code(self) -> str | None:
        return self.names.get("lot") if self.kind == LOT else None

    @property
    def public_code(self) -> str | None:
        return self.quick_code or self.lot_code or self.certificate_number

    @property
    def holder(self) -> str | None:
        return self.names.get("holder")

    @property
    def enterprise_number(self) -> str:
        return str(self.names.get("enterprise") or "")

    @property
    def scheme(self) -> list[str] | None:
        return self.names.get("scheme")

    @property
    def subject(self) -> list[Any] | None:
        return self.names.get("subject")

    @property
    def subject_name(self) -> str:
        return self.subject_name_in(get_language())

    def subject_name_in(self, language: str | None) -> str:
        subject = self.subject
        return first_filled(subject[2], language) if subject else ""

    @property
    def production_unit(self) -> str | None:
        return self.names.get("unit")

    @property
    def lot_quantity(self) -> str:
        return format_quantity(Decimal(self.names["quantity"]), self.names["unit"])

    @property
    def lot_issued_on(self) -> date | None:
        issued = self.names.get("issued_on")
        return date.fromisoformat(issued) if issued else None

    @property
    def lot_document(self) -> str:
        document = self.names.get("document")
        return cite_document(*document) if document else ""


def verify(query: str, on: date | None = None, as_of: AsOf = None) -> Verdict:
    """Is the datasheet (quick code), certificate (number) or lot (lot code) valid on `on`,
    as the registry says now or as it stood at `as_of` (a sequence number or a moment)?

    The registry's hottest question: one code, one row, without the scaffolding of a list."""
    code = codes.parse(query)
    mistyped = code.kind == codes.Kind.QUICK_CODE and not code.check_digit_ok
    if mistyped and as_of is not None:
        # Its neighbours are read with it: the code may be one the registry did not know yet.
        return verify_many([query], on, as_of)[query]
    context = _Context.on_day(on, as_of)
    if code.kind == codes.Kind.MALFORMED:
        return context.answer(query, code, {}, None)
    if mistyped:
        # A legacy code in the registry is answered as it is; any other, with what was
        # probably meant (the codes one typing error away that are in the registry).
        near = quickcodes.near_misses(code.value)
        return context.answer(query, code, reading.row_or_near(code.value, near), near)
    return context.answer(query, code, reading.rows([code.value], story=as_of is not None), None)


def verify_many(
    queries: Sequence[str], on: date | None = None, as_of: AsOf = None
) -> dict[str, Verdict]:
    """The verdict on `on` for each of `queries` (each once), in one statement.

    Each query is first read by its form (`qualimark.codes`): what is no code at all is
    answered without a query. The rows of all other codes, and of the codes one typing
    error away from a mistyped quick code, are read together (`reading.rows`).
    """
    context = _Context.on_day(on, as_of)
    parsed = {query: codes.parse(query) for query in dict.fromkeys(queries)}
    wanted: dict[str, None] = {}
    near: dict[str, list[str]] = {}
    for code in parsed.values():
        if code.kind == codes.Kind.MALFORMED:
            continue
        wanted[code.value] = None
        if code.kind == codes.Kind.QUICK_CODE and not code.check_digit_ok:
            near[code.value] = quickcodes.near_misses(code.value)
            wanted.update(dict.fromkeys(near[code.value]))
    found = reading.rows(list(wanted), story=as_of is not None)
    return {
        query: context.answer(query, code, found, near.get(code.value))
        for query, code in parsed.items()
    }


def _segment(intervals: list[list[Any]], day: str) -> list[Any] | None:
    for interval in intervals:
        if interval[0] <= day and (interval[1] is None or day < interval[1]):
            return interval
    return None


def _following(intervals: list[list[Any]], day: str) -> list[Any] | None:
    """The first interval that starts after `day`: what was then still to come."""
    for interval in intervals:
        if interval[0] > day:
            return interval
    return None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# As the rows hold them: plain text.
_PUBLIC_STATUSES = frozenset(str(status.value) for status in PUBLIC_STATUSES)


def _public(certificate: list[list[Any]], day: str) -> bool:
    """The registry's public rule: the file reached the trial period on or before `day`."""
    return any(i[2] in _PUBLIC_STATUSES and i[0] <= day for i in certificate)


@dataclass(slots=True)
class _Context:
    """One question's date and state of the registry, shared by all the codes it asks about."""

    on: date
    day: str
    today: str
    answered_at: datetime | None
    as_of: AsOf

    @classmethod
    def on_day(cls, on: date | None, as_of: AsOf) -> "_Context":
        moment = clock.now()
        today = clock.day_of(moment)
        day = on or today
        answered_at = None if as_of is not None else moment
        return cls(day, day.isoformat(), today.isoformat(), answered_at, as_of)

    def answer(
        self,
        query: str,
        code: codes.Code,
        found: dict[str, reading.Row],
        meant: list[str] | None,
    ) -> Verdict:
        """The verdict on `query`, read as `code`, from the rows `found`; `meant`: the codes
        one typing error away from it, if it is a mistyped quick code."""
        if code.kind == codes.Kind.MALFORMED:
            return self.verdict(
                query, Outcome.MALFORMED, written_as_lot_code=code.written_as_lot_code
            )
        row = found.get(code.value)
        story = reading.known(row, self.as_of) if row is not None else None
        if code.kind == codes.Kind.LOT_CODE:
            return self.lot(query, code, story)
        if story is None or (code.kind == codes.Kind.QUICK_CODE and not story.datasheet):
            # What the registry did not know (then) is unknown to it; a mistyped code is
            # told apart, with what was probably meant.
            if meant is None:
                return self.verdict(query, Outcome.UNKNOWN)
            suggestions = [c for c in meant if c in found and self.suggestable(found[c])]
            return self.verdict(query, Outcome.MISTYPED, suggestions=suggestions)
        if code.kind == codes.Kind.CERTIFICATE:
            return self.certificate(query, story)
        return self.datasheet(query, story)

    def verdict(self, query: str, outcome: Outcome, **values: Any) -> Verdict:
        return Verdict(query, self.on, self.answered_at, outcome, self.as_of, **values)

    def _named(self, query: str, story: reading.Known) -> Verdict:
        return self.verdict(
            query,
            Outcome.UNKNOWN,
            sequence=story.seq,
            kind=story.kind,
            names=story.names,
            certificate_public=_public(story.certificate, self.today),
        )

    def suggestable(self, row: reading.Row) -> bool:
        """A published datasheet of a public file, today, as of the answer's state."""
        story = reading.known(row, self.as_of)
        return (
            story is not None
            and any(
                i[2] == DatasheetStatus.PUBLISHED and i[0] <= self.today for i in story.datasheet
            )
            and _public(story.certificate, self.today)
        )

    def lot(self, query: str, code: codes.Code, story: reading.Known | None) -> Verdict:
        """A lot conformity document is valid from its date of issue; a refusal has no code."""
        if not code.check_digit_ok:
            # No suggestions: lot documents are found by their exact code, never by browsing.
            return self.verdict(query, Outcome.MISTYPED, written_as_lot_code=True)
        if story is None:
            return self.verdict(query, Outcome.UNKNOWN, written_as_lot_code=True)
        verdict = self._named(query, story)
        issued = story.names["issued_on"]
        if self.day < issued:
            verdict.outcome, verdict.until = Outcome.NOT_YET_ISSUED, _date(issued)
        else:
            verdict.outcome, verdict.since = Outcome.VALID, _date(issued)
        return verdict

    def certificate(self, query: str, story: reading.Known) -> Verdict:
        if not _public(story.certificate, self.today):
            # An application that never reached the trial period is confidential: the
            # registry knows no such certificate.
            return self.verdict(query, Outcome.UNKNOWN)
        return self._with_certificate_status(self._named(query, story), story, None)

    def datasheet(self, query: str, story: reading.Known) -> Verdict:
        verdict = self._named(query, story)
        segment = _segment(story.datasheet, self.day)
        if segment is None:
            upcoming = _following(story.datasheet, self.day)
            verdict.outcome = Outcome.NOT_YET_PUBLISHED
            verdict.until = _date(upcoming[0]) if upcoming else None
            return verdict
        verdict.since, verdict.until = _date(segment[0]), _date(segment[1])
        if segment[2] == DatasheetStatus.WITHDRAWN:
            verdict.outcome = Outcome.DATASHEET_WITHDRAWN
            return verdict
        if segment[2] == DatasheetStatus.SUPERSEDED:
            verdict.outcome = Outcome.SUPERSEDED
            verdict.superseded_by = segment[3]
            return verdict
        return self._with_certificate_status(verdict, story, segment)

    def _with_certificate_status(
        self, verdict: Verdict, story: reading.Known, published: list[Any] | None
    ) -> Verdict:
        segment = _segment(story.certificate, self.day)
        if segment is None:
            upcoming = _following(story.certificate, self.day)
            verdict.outcome = Outcome.NOT_YET_CERTIFIED
            verdict.since, verdict.until = None, _date(upcoming[0]) if upcoming else None
            return verdict
        verdict.status, verdict.outcome = _BY_STORED_STATUS[segment[2]]
        start, end = segment[0], segment[1]
        if verdict.outcome == Outcome.VALID and published is not None:
            # A datasheet is valid while it is published and its certificate is valid.
            start = max(published[0], start)
            ends = [e for e in (published[1], end) if e is not None]
            end = min(ends) if ends else None
        verdict.since, verdict.until = _date(start), _date(end)
        return verdict


def _day(value: date | None, language: str | None = None) -> str:
    return _formatted(value, language or get_language()) if value else "…"


@lru_cache(maxsize=1 << 15)
def _formatted(value: date, language: str | None) -> str:
    # A delivery list asks about one date and a few thousand periods: each is formatted once.
    return date_format(value, "DATE_FORMAT")


def _lot_message(verdict: Verdict) -> str:
    names = verdict.names
    values = {
        "code": lot_codes.format_code(names["lot"]),
        "product": names["product"],
        "quantity": verdict.lot_quantity,
        "lot": names["identification"],
        "on": _day(verdict.on),
        "issued": _day(verdict.lot_issued_on),
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
    Outcome.VALID: gettext_noop("%(subject)s is valid on %(on)s."),
    Outcome.UNKNOWN: gettext_noop("%(query)s is not a code in this registry."),
    Outcome.MALFORMED: gettext_noop(
        "%(query)s is not a quick code (8 digits) or a certificate number."
    ),
    Outcome.MISTYPED: gettext_noop(
        "%(query)s is not a valid quick code: its check digit does not match, so one digit "
        "is probably mistyped or two neighbouring digits are swapped."
    ),
    Outcome.NOT_YET_CERTIFIED: gettext_noop("%(subject)s was not yet certified on %(on)s."),
    Outcome.TRIAL_PERIOD: gettext_noop(
        "%(subject)s is not valid on %(on)s: the holder was in its trial period (since %(since)s)."
    ),
    Outcome.NOT_CERTIFIED: gettext_noop(
        "%(subject)s is not valid: it was never certified (application closed on %(since)s)."
    ),
    Outcome.SUSPENDED: gettext_noop(
        "%(subject)s is not valid on %(on)s: the certificate is suspended since %(since)s."
    ),
    Outcome.WITHDRAWN: gettext_noop(
        "%(subject)s is not valid on %(on)s: the certificate was withdrawn on %(since)s."
    ),
    Outcome.RENOUNCED: gettext_noop(
        "%(subject)s is not valid on %(on)s: the holder renounced the certificate on %(since)s."
    ),
    Outcome.EXPIRED: gettext_noop(
        "%(subject)s is not valid on %(on)s: the certificate expired on %(since)s."
    ),
    Outcome.NOT_YET_PUBLISHED: gettext_noop(
        "%(subject)s is not valid on %(on)s: it was not yet published then."
    ),
    Outcome.DATASHEET_WITHDRAWN: gettext_noop(
        "%(subject)s is not valid on %(on)s: the datasheet was withdrawn on %(since)s."
    ),
    Outcome.SUPERSEDED: gettext_noop(
        "%(subject)s is not valid on %(on)s: it was superseded by datasheet %(replacement)s "
        "on %(since)s."
    ),
}


@lru_cache(maxsize=512)
def _translated(language: str | None, text: str) -> str:
    """`text` in `language` (the active one when first asked): a delivery list words a
    thousand answers with the same dozen sentences."""
    return gettext(text)


def _message(verdict: Verdict, language: str | None) -> str:
    if verdict.kind == LOT:
        return _lot_message(verdict)
    lot_answer = _not_a_lot_code(verdict)
    if lot_answer is not None:
        return lot_answer
    subject = (
        _translated(language, gettext_noop("Datasheet %(code)s"))
        % {"code": quickcodes.format_code(verdict.quick_code)}
        if verdict.quick_code
        else _translated(language, gettext_noop("Certificate %(number)s"))
        % {"number": verdict.certificate_number}
        if verdict.certificate_number
        else ""
    )
    values = {
        "subject": subject,
        "on": _day(verdict.on, language),
        "since": _day(verdict.since, language),
        "until": _day(verdict.until, language),
        "query": verdict.query,
        "replacement": quickcodes.format_code(verdict.superseded_by[0])
        if verdict.superseded_by
        else "…",
    }
    message = _translated(language, _TEMPLATES[verdict.outcome]) % values
    if verdict.outcome == Outcome.MISTYPED and verdict.suggestions:
        message += " " + gettext("Did you mean %(codes)s?") % {
            "codes": ", ".join(quickcodes.format_code(c) for c in verdict.suggestions)
        }
    return message
