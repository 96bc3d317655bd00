"""Life stories of certification files, planned backwards from their status on the anchor date.

A plan is a list of dated steps. `replay` runs them through the same rules as the services
(the transition table, `planned_segments`, the carried expiry date), so that every row the
generator writes is one the services could have written, and a wrong plan fails loudly.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from qualimark.certification.lifecycle import (
    CERTIFIED_STATUSES,
    FINAL,
    LIFECYCLE,
    Status,
    Transition,
)
from qualimark.certification.services import add_years, planned_segments
from qualimark.certification.timeline import Segment, resolve, segment_on

# The demo registry describes the world as it stood on the anchor date; its history
# starts with the registry itself. Fixed dates, so that a seed always gives the same data.
ORIGIN = date(2015, 1, 1)
ANCHOR = date(2026, 11, 1)

GRANTED = frozenset(
    {Status.CERTIFIED, Status.SUSPENDED, Status.WITHDRAWN, Status.RENOUNCED, Status.EXPIRED}
)


@dataclass(frozen=True)
class Step:
    transition: Transition
    effective: date
    until: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class Written:
    """One decision as `_decide` writes it, with the status rows that go with it."""

    transition: Transition
    from_status: Status | None
    to_status: Status
    effective: date
    until: date | None
    expires_on: date | None
    segments: list[Segment[Status]]


@dataclass(frozen=True)
class History:
    applied_on: date
    decisions: list[Written]
    expires_on: date | None
    timeline: list[Segment[Status]]

    def status_on(self, day: date) -> Status | None:
        segment = segment_on(self.timeline, day)
        return segment.status if segment else None

    @property
    def granted_on(self) -> date | None:
        grants = (d.effective for d in self.decisions if d.transition == Transition.GRANT)
        return next(grants, None)

    @property
    def closes_on(self) -> date:
        """The first day the file is closed (no datasheet may be published from then on)."""
        closed = [s.start for s in self.timeline if s.status in FINAL]
        return min([*closed, ANCHOR + timedelta(days=1)])


def replay(applied_on: date, steps: list[Step]) -> History:
    """The decisions the services would write for `steps`, or TransitionNotAllowed."""
    apply = Written(
        Transition.APPLY,
        None,
        Status.APPLIED,
        applied_on,
        None,
        None,
        [Segment(Status.APPLIED, applied_on)],
    )
    written, expires_on = [apply], None
    for step in steps:
        if step.effective < written[-1].effective:
            raise ValueError(f"{step} takes effect before {written[-1]}")
        timeline = resolve(decision.segments for decision in written)
        current = segment_on(timeline, step.effective)
        # The demo writes history in bulk: the status rule of the table, not its actors.
        target = LIFECYCLE.check(step.transition, current.status if current else None)
        expires_on = step.expires_on if step.expires_on is not None else expires_on
        segments = planned_segments(target, step.effective, until=step.until, expires_on=expires_on)
        written.append(
            Written(
                step.transition,
                current.status if current else None,
                target,
                step.effective,
                step.until,
                expires_on if target in CERTIFIED_STATUSES else None,
                segments,
            )
        )
    timeline = resolve(decision.segments for decision in written)
    return History(applied_on, written, expires_on, timeline)


def history(rng: Random, target: Status, validity_years: int | None) -> History:
    """A file whose status on ANCHOR is `target`."""
    result = replay(*plan(rng, target, validity_years))
    if result.status_on(ANCHOR) != target:
        raise RuntimeError(f"planned {target}, got {result.status_on(ANCHOR)}: {result}")
    return result


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def between(rng: Random, low: date, high: date) -> date:
    return low + _days(rng.randint(0, max(0, (high - low).days)))


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def _opening(applied: date, admit_gap: int, trial_gap: int) -> list[Step]:
    admitted = applied + _days(admit_gap)
    return [
        Step(Transition.ADMIT, admitted),
        Step(Transition.START_TRIAL, admitted + _days(trial_gap)),
    ]


def plan(rng: Random, target: Status, validity_years: int | None) -> tuple[date, list[Step]]:
    """The application date and the steps that lead to `target` on ANCHOR."""
    gaps = rng.randint(7, 45), rng.randint(7, 60), rng.randint(90, 365)
    admit_gap, trial_gap, trial_length = gaps
    if target == Status.APPLIED:
        return ANCHOR - _days(rng.randint(1, 40)), []
    if target == Status.ADMISSIBLE:
        applied = ANCHOR - _days(rng.randint(30, 120))
        return applied, [Step(Transition.ADMIT, applied + _days(rng.randint(7, 25)))]
    if target == Status.REJECTED:
        applied = between(rng, ORIGIN, ANCHOR - _days(60))
        return applied, [Step(Transition.REJECT, applied + _days(rng.randint(10, 45)))]
    if target == Status.APPLICATION_WITHDRAWN:
        applied = between(rng, ORIGIN, ANCHOR - _days(400))
        steps = _opening(applied, admit_gap, trial_gap)[: rng.randint(0, 2)]
        last = steps[-1].effective if steps else applied
        withdrawn = last + _days(rng.randint(10, 200))
        return applied, [*steps, Step(Transition.WITHDRAW_APPLICATION, withdrawn)]
    if target == Status.TRIAL:
        applied = ANCHOR - _days(admit_gap + trial_gap + rng.randint(1, 300))
        return applied, _opening(applied, admit_gap, trial_gap)
    if target == Status.NOT_GRANTED:
        applied = between(rng, ORIGIN, ANCHOR - _days(500))
        steps = _opening(applied, admit_gap, trial_gap)
        refused = steps[-1].effective + _days(trial_length)
        return applied, [*steps, Step(Transition.REFUSE, refused)]
    return _granted(rng, target, validity_years, gaps)


def _granted(
    rng: Random, target: Status, years: int | None, gaps: tuple[int, int, int]
) -> tuple[date, list[Step]]:
    low = ORIGIN + _days(sum(gaps))
    high = ANCHOR - _days(14 if target == Status.CERTIFIED else 90)
    if target == Status.EXPIRED:
        if not years:
            raise ValueError("only a mark with a fixed validity expires by itself")
        high = _years_before(ANCHOR, years) - _days(1)
    if target == Status.SUSPENDED and years:
        low = max(low, _years_before(ANCHOR, years) + _days(30))
    granted = between(rng, low, high)
    applied = granted - _days(sum(gaps))
    expiry = add_years(granted, years) if years else None
    steps = [
        *_opening(applied, gaps[0], gaps[1]),
        Step(Transition.GRANT, granted, expires_on=expiry),
    ]
    if target == Status.CERTIFIED:
        if expiry is not None and years:
            steps += _renewals(rng, expiry, years, ANCHOR)
        else:
            count = rng.choices((0, 1, 2), weights=(80, 15, 5))[0]
            steps += _episodes(rng, granted + _days(60), ANCHOR - _days(30), count)
    elif target == Status.EXPIRED and expiry is not None and years:
        if add_years(granted, 2 * years) <= ANCHOR and rng.random() < 0.3:
            steps += _renewals(rng, expiry, years, expiry)
    else:
        steps += _ending(rng, target, granted, expiry)
    return applied, steps


def _renewals(rng: Random, expiry: date, years: int, beyond: date) -> list[Step]:
    """Renewals, each a few weeks before the expiry, until the file runs past `beyond`."""
    steps = []
    while expiry <= beyond:
        renewed = expiry - _days(rng.randint(20, 90))
        expiry = add_years(expiry, years)
        steps.append(Step(Transition.RENEW, renewed, expires_on=expiry))
    return steps


def _episodes(rng: Random, start: date, end: date, count: int) -> list[Step]:
    """Past suspensions between `start` and `end`: ended by a date or lifted by decision."""
    steps: list[Step] = []
    cursor = start
    for _episode in range(count):
        room = (end - cursor).days
        if room < 60:
            break
        suspended = cursor + _days(rng.randint(0, room - 50))
        length = rng.randint(20, min(150, (end - suspended).days - 1))
        ended = suspended + _days(length)
        if rng.random() < 0.5:
            steps.append(Step(Transition.SUSPEND, suspended, until=ended))
        else:
            steps += [Step(Transition.SUSPEND, suspended), Step(Transition.LIFT, ended)]
        cursor = ended + _days(30)
    return steps


def _ending(rng: Random, target: Status, granted: date, expiry: date | None) -> list[Step]:
    """The steps after the grant of a file that ends SUSPENDED, WITHDRAWN or RENOUNCED."""
    last = ANCHOR - _days(1) if target == Status.SUSPENDED else ANCHOR
    if expiry is not None:
        last = min(last, expiry - _days(1))
    final = between(rng, granted + _days(60), last)
    before = None
    if target == Status.WITHDRAWN and rng.random() < 0.5:
        candidate = final - _days(rng.randint(14, 90))
        before = candidate if candidate >= granted + _days(45) else None
    steps: list[Step] = []
    if expiry is None:
        count = rng.choices((0, 1), weights=(75, 25))[0]
        steps += _episodes(rng, granted + _days(60), (before or final) - _days(30), count)
    if before is not None:
        steps.append(Step(Transition.SUSPEND, before))
    if target == Status.SUSPENDED:
        until = ANCHOR + _days(rng.randint(7, 150)) if rng.random() < 0.4 else None
        steps.append(Step(Transition.SUSPEND, final, until=until))
    elif target == Status.WITHDRAWN:
        steps.append(Step(Transition.WITHDRAW, final))
    else:
        steps.append(Step(Transition.RENOUNCE, final))
    return steps
