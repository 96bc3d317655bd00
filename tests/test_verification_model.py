"""The verification model against the raw history: random histories, random questions.

Random sequences of decisions (back-dated and future-dated), datasheet changes, appeals
that annul a decision and days passing (with and without the daily run) go through the
services. Then, for random dates D
and states T of the registry (a sequence number or a moment), the model's answer must be
the one the timeline resolver gives from the raw history rows recorded up to T — computed
here from the status rows themselves, not by the projector — and an answer asked again
with its own sequence number must come back identical.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import lapses
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import ANNULLABLE
from qualimark.certification.models import Certificate, StatusPeriod
from qualimark.certification.models import timeline_of as certificate_timeline
from qualimark.certification.timeline import segment_on
from qualimark.datasheets.models import Datasheet, DatasheetStatus, DatasheetStatusPeriod
from qualimark.datasheets.models import timeline_of as datasheet_timeline
from qualimark.datasheets.services import (
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
    withdraw_datasheet,
)
from qualimark.errors import DomainError
from qualimark.feed import services as feed
from qualimark.feed.models import Change
from qualimark.registry.access import PUBLIC_STATUSES
from qualimark.verification.models import Entry, Story
from qualimark.verification.projection import rebuild
from qualimark.verification.verify import _BY_STATUS, Outcome, Verdict, verify

STEPS = 18


@dataclass
class Moment:
    seq: int
    at: datetime


class History:
    """A registry driven at random through its services, remembering each state."""

    def __init__(
        self, seed: int, certificate: Certificate, decider: User, manager: User, officer: User
    ) -> None:
        self.random = random.Random(seed)
        self.certificate, self.decider, self.manager = certificate, decider, manager
        self.officer = officer  # enacts the outcome of appeals
        self.now = datetime(2026, 3, 16, 9, 0, tzinfo=clock.now().tzinfo)
        self.sheets: list[Datasheet] = []
        self.moments: list[Moment] = []

    def day(self) -> date:
        """A day around today: back-dated or future-dated."""
        return clock.today() + timedelta(days=self.random.randint(-40, 60))

    def step(self, action: Callable[[], None] | None = None) -> None:
        self.now += timedelta(hours=self.random.randint(1, 72))
        with clock.frozen_at(self.now):
            action = action or self.random.choice(
                [self.decide] * 4
                + [self.publish, self.publish, self.change_sheet, self.lapse, self.appeal]
            )
            try:
                with transaction.atomic():
                    action()
            except DomainError:
                pass  # a decision the lifecycle refuses changes nothing
            self.moments.append(Moment(feed.position(), clock.now()))

    def decide(self) -> None:
        pick = self.random.randrange(5)
        effective = max(self.day(), self._last_effective())
        by, reason = self.decider, "Decided."
        if pick == 0:
            until = effective + timedelta(days=self.random.randint(5, 50))
            certification.suspend_certificate(
                self.certificate,
                by=by,
                reason=reason,
                effective=effective,
                until=until if self.random.random() < 0.6 else None,
            )
        elif pick == 1:
            certification.lift_suspension(
                self.certificate, by=by, reason=reason, effective=effective
            )
        elif pick == 2:
            certification.renew_certificate(
                self.certificate,
                by=by,
                reason=reason,
                effective=effective,
                expires_on=effective + timedelta(days=self.random.randint(10, 120)),
            )
        elif pick == 3:
            certification.withdraw_certificate(
                self.certificate, by=by, reason=reason, effective=effective
            )
        else:
            certification.renounce_certificate(
                self.certificate, by=by, reason=reason, effective=effective
            )

    def _last_effective(self) -> date:
        last = self.certificate.decisions.order_by("-id").first()
        return last.effective if last else date(2026, 1, 1)

    def appeal(self) -> None:
        """An appeal upholds the holder: the decision appealed is annulled."""
        appealable = list(
            self.certificate.decisions.filter(
                transition__in=list(ANNULLABLE), annulment__isnull=True
            ).order_by("pk")
        )
        if appealable:
            certification.annul_decision(
                self.random.choice(appealable), by=self.officer, reason="Appeal upheld."
            )

    def run(self) -> None:
        """Random steps, with a suspension and its annulment on appeal among them."""
        for number in range(STEPS):
            if number == 0:
                self.step(self.suspend)
            elif number == 2 * STEPS // 3:
                self.step(self.appeal)
            else:
                self.step()

    def suspend(self) -> None:
        certification.suspend_certificate(
            self.certificate,
            by=self.decider,
            reason="Suspended.",
            effective=max(self.day(), self._last_effective()),
        )

    def publish(self) -> None:
        sheet = create_datasheet(
            self.certificate,
            by=self.manager,
            product_name=f"Product {len(self.sheets)}",
            trade_name="Trade",
        )
        publish_datasheet_version(sheet.versions.get(), by=self.manager, effective=self.day())
        self.sheets.append(sheet)

    def change_sheet(self) -> None:
        if not self.sheets:
            return
        sheet = self.random.choice(self.sheets)
        others = [other for other in self.sheets if other != sheet]
        if others and self.random.random() < 0.5:
            supersede_datasheet(
                sheet,
                by=self.manager,
                replacement=self.random.choice(others),
                effective=self.day(),
            )
        else:
            withdraw_datasheet(sheet, by=self.manager, reason="Withdrawn.", effective=self.day())

    def lapse(self) -> None:
        """A day passes; the daily run notes what ended by date (or does not run)."""
        self.now += timedelta(days=self.random.randint(1, 20))
        with clock.frozen_at(self.now):
            if self.random.random() < 0.7:
                lapses.note_lapses()

    def states(self) -> list[int | datetime]:
        """States to ask about: sequence numbers and moments, between and at the steps."""
        chosen: list[int | datetime] = []
        for moment in self.random.sample(self.moments, k=min(6, len(self.moments))):
            chosen.append(moment.seq)
            chosen.append(moment.at + timedelta(minutes=self.random.randint(0, 90)))
        chosen.append(feed.position())
        return chosen


def _moment_of(as_of: int | datetime) -> datetime:
    if isinstance(as_of, datetime):
        return as_of
    change = Change.objects.filter(pk__lte=as_of).order_by("-pk").first()
    return change.recorded_at if change else datetime.min.replace(tzinfo=clock.now().tzinfo)


def expected(code: str, kind: str, on: date, as_of: int | datetime) -> dict[str, Any]:
    """The answer the raw history rows recorded up to `as_of` give, by the timeline resolver."""
    moment = _moment_of(as_of)
    if kind == "c":
        certificate = Certificate.objects.get(number=code)
    else:
        sheet = Datasheet.objects.get(quick_code=code)
        certificate = sheet.certificate
    periods = StatusPeriod.objects.filter(certificate=certificate, decision__decided_at__lte=moment)
    timeline = certificate_timeline(list(periods))
    public = any(s.status in PUBLIC_STATUSES and s.start <= clock.today() for s in timeline)
    answer: dict[str, Any] = {"outcome": Outcome.UNKNOWN, "status": None, "replacement": None}
    if kind == "c" and not public:
        return answer
    sheet_segment = None
    if kind == "q":
        rows = DatasheetStatusPeriod.objects.filter(datasheet=sheet, recorded_at__lte=moment)
        sheet_timeline = datasheet_timeline(list(rows))
        if not sheet_timeline:
            return answer
        sheet_segment = segment_on(sheet_timeline, on)
        if sheet_segment is None:
            return {**answer, "outcome": Outcome.NOT_YET_PUBLISHED}
        if sheet_segment.status.status == DatasheetStatus.WITHDRAWN:
            return {**answer, "outcome": Outcome.DATASHEET_WITHDRAWN}
        if sheet_segment.status.status == DatasheetStatus.SUPERSEDED:
            replacement = Datasheet.objects.get(pk=sheet_segment.status.superseded_by_id or 0)
            return {
                **answer,
                "outcome": Outcome.SUPERSEDED,
                "replacement": replacement.quick_code,
            }
    segment = segment_on(timeline, on)
    if segment is None:
        return {**answer, "outcome": Outcome.NOT_YET_CERTIFIED}
    return {**answer, "outcome": _BY_STATUS[segment.status], "status": segment.status}


def answered(verdict: Verdict) -> dict[str, Any]:
    return {
        "outcome": verdict.outcome,
        "status": verdict.status,
        "replacement": verdict.superseded_by[0] if verdict.superseded_by else None,
    }


def whole(verdict: Verdict) -> tuple[Any, ...]:
    """Everything an answer says but when it was given and the state it was asked of."""
    return (
        verdict.outcome,
        verdict.status,
        verdict.since,
        verdict.until,
        verdict.superseded_by,
        verdict.names,
        verdict.sequence,
        verdict.suggestions,
        verdict.message,
    )


@pytest.fixture
def history(
    request: pytest.FixtureRequest,
    certified: Certificate,
    decision_maker: User,
    file_manager: User,
    appeals_officer: User,
) -> History:
    """The history of the seed the test is parametrized with, run through the services."""
    history = History(request.param, certified, decision_maker, file_manager, appeals_officer)
    history.run()
    return history


@pytest.mark.parametrize("history", range(12), indirect=True)
def test_the_model_answers_as_the_raw_history_recorded_up_to_then(history: History) -> None:
    certified = history.certificate
    codes = [("c", certified.number)] + [("q", sheet.quick_code) for sheet in history.sheets]
    asked = 0
    for kind, code in codes:
        for as_of in history.states():
            for _day in range(4):
                on = history.day()
                model = verify(code, on=on, as_of=as_of)
                assert answered(model) == expected(code, kind, on, as_of), (code, on, as_of)
                asked += 1
        # Asked again with its own sequence number, an answer of today comes back the same.
        for _day in range(3):
            on = history.day()
            now = verify(code, on=on)
            assert now.sequence is not None
            assert whole(verify(code, on=on, as_of=now.sequence)) == whole(now)
    assert asked >= 48
    # The histories include annulments: what was known before them is asked about too.
    assert certified.decisions.filter(annuls__isnull=False).exists()


@pytest.mark.parametrize("history", range(4), indirect=True)
def test_a_model_rebuilt_from_the_history_is_the_one_the_feed_kept(history: History) -> None:
    entries = set(Entry.objects.values_list("code", "seq", "now"))
    stories = set(Story.objects.values_list("code", "data"))
    assert len(entries) == len(stories) > 1
    rebuild()
    assert set(Entry.objects.values_list("code", "seq", "now")) == entries
    assert set(Story.objects.values_list("code", "data")) == stories
