"""Dated status history, resolved into a timeline.

Each decision appends rows that together cover [effective, ∞): for example a suspension
until 1 June adds "suspended [effective, 1 June)" and "certified [1 June, ∞)". A later
decision overrides what earlier ones said from its own effective date on. Nothing is
ever rewritten, so the timeline as it was known at any moment can be rebuilt too.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

S = TypeVar("S")


@dataclass(frozen=True)
class Segment(Generic[S]):
    """A status held from `start` (inclusive) until `end` (exclusive; None: open)."""

    status: S
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(slots=True)
class PeriodRow:
    """A row of status history read as plain values (not a model): what the timeline
    builders read of a certificate's or a datasheet's status rows, for the paths that read
    thousands of them at once (verification, open data)."""

    valid_from: date
    valid_until: date | None
    status: str
    decision_id: int | None = None  # a certificate's rows: the decision that wrote them
    pk: int | None = None  # a datasheet's rows: the order they were recorded in
    version_id: int | None = None
    superseded_by_id: int | None = None


def resolve(decisions: Iterable[list[Segment[S]]]) -> list[Segment[S]]:
    """The timeline of decisions given in the order they were recorded.

    Each decision's segments start at its effective date and reach to ∞; it replaces
    everything from that date on. Touching segments of one status are merged.
    """
    timeline: list[Segment[S]] = []
    for segments in decisions:
        if not segments:
            continue
        cut = min(segment.start for segment in segments)
        kept: list[Segment[S]] = []
        for segment in timeline:
            if segment.start >= cut:
                continue
            end = cut if segment.end is None or segment.end > cut else segment.end
            kept.append(Segment(segment.status, segment.start, end))
        timeline = kept + sorted(segments, key=lambda s: s.start)
    return _merged(timeline)


def _merged(timeline: list[Segment[S]]) -> list[Segment[S]]:
    merged: list[Segment[S]] = []
    for segment in timeline:
        if segment.end is not None and segment.end <= segment.start:
            continue
        if merged and merged[-1].status == segment.status and merged[-1].end == segment.start:
            merged[-1] = Segment(segment.status, merged[-1].start, segment.end)
        else:
            merged.append(segment)
    return merged


def since(timeline: list[Segment[S]], day: date) -> list[Segment[S]]:
    """The part of `timeline` from `day` on; a segment that straddles `day` is cut there."""
    return [
        Segment(segment.status, max(segment.start, day), segment.end)
        for segment in timeline
        if segment.end is None or segment.end > day
    ]


def segment_on(timeline: list[Segment[S]], day: date) -> Segment[S] | None:
    for segment in timeline:
        if segment.covers(day):
            return segment
    return None


def following(timeline: list[Segment[S]], day: date) -> Segment[S] | None:
    """The first segment that starts after `day`: what was then still to come."""
    for segment in timeline:
        if segment.start > day:
            return segment
    return None
