"""The benchmark's figures against the targets, as a Markdown table."""

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Figures = dict[str, Any]  # one database's results, as written to the JSON file

# The size of registry the targets are set for: a country's datasheets.
TARGET_SIZE = 1_000_000


@dataclass(frozen=True)
class Target:
    label: str
    unit: str
    limit: float
    at_least: bool  # True: the figure must reach the limit; False: stay under it
    read: Callable[[Figures, str], float | None]  # (database figures, server) -> figure

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value < self.limit

    def stated(self) -> str:
        return f"{'≥' if self.at_least else '<'} {self.limit:g} {self.unit}".strip()


def _load(scenario: str, key: str) -> Callable[[Figures, str], float | None]:
    def read(figures: Figures, server: str) -> float | None:
        found = figures.get("servers", {}).get(server, {}).get(scenario)
        return None if found is None else float(found[key])

    return read


def floor(figures: Figures) -> str:
    """The scenario a throughput is measured against: the framework's floor, plus on
    PostgreSQL the one round trip to the server that any answer from it costs."""
    return "health_db" if figures.get("database") == "postgresql" else "health"


def median_round(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The round of median throughput (of an even number, the lower of the middle two)."""
    ranked = sorted(rounds, key=lambda figures: float(figures["per_second"]))
    return ranked[(len(ranked) - 1) // 2]


def _ratio(scenario: str) -> Callable[[Figures, str], float | None]:
    """The throughput of `scenario` against the floor's: the median of their ratios round
    by round where they were loaded in rounds side by side."""

    def read(figures: Figures, server: str) -> float | None:
        loads = figures.get("servers", {}).get(server, {})
        base = floor(figures)
        if scenario not in loads or base not in loads:
            return None
        measured, floors = loads[scenario].get("rounds"), loads[base].get("rounds")
        if not measured or not floors or len(measured) != len(floors):
            measured, floors = [loads[scenario]], [loads[base]]  # not side by side
        ratios = [
            100 * float(load["per_second"]) / float(floor_["per_second"])
            for load, floor_ in zip(measured, floors, strict=True)
            if floor_["per_second"]
        ]
        # As median_round picks its round: of an even number, the lower of the middle two.
        return statistics.median_low(ratios) if ratios else None

    return read


def _job(job: str, key: str) -> Callable[[Figures, str], float | None]:
    def read(figures: Figures, server: str) -> float | None:
        found = figures.get(job)
        return None if not found or found.get(key) is None else float(found[key])

    return read


TARGETS = [
    Target("Verification / floor throughput", "%", 70, True, _ratio("verify")),
    Target("Verification p99 (16 connections)", "ms", 20, False, _load("verify", "p99_ms")),
    Target("Repeated codes / floor throughput", "%", 70, True, _ratio("verify_repeated")),
    Target(
        "Repeated codes p99 (16 connections)",
        "ms",
        20,
        False,
        _load("verify_repeated", "p99_ms"),
    ),
    Target(
        "Bulk verification of 1,000 codes, p95", "ms", 100, False, _load("bulk_verify", "p95_ms")
    ),
    Target(
        "Bulk verification of 1,000 unknown codes, p95",
        "ms",
        100,
        False,
        _load("bulk_verify_unknown", "p95_ms"),
    ),
    Target("Search API p95 (query mix)", "ms", 20, False, _load("search_api", "p95_ms")),
    Target("Search API p99 (query mix)", "ms", 60, False, _load("search_api", "p99_ms")),
    Target("Search page p95 (HTML)", "ms", 30, False, _load("search_page", "p95_ms")),
    Target("Datasheet page p95 (HTML)", "ms", 30, False, _load("datasheet_page", "p95_ms")),
    Target("Generating the registry", "s", 300, False, _job("generation", "seconds")),
    Target("Generating: peak memory", "MB", 1024, False, _job("generation", "peak_mb")),
    Target("Open-data export", "s", 60, False, _job("export", "seconds")),
    Target("Open-data export: peak memory", "MB", 300, False, _job("export", "peak_mb")),
]

# Figures shown beside the targets, for context.
INFORMATION = [
    ("Health requests/s", _load("health", "per_second")),
    ("Health with SELECT 1 requests/s", _load("health_db", "per_second")),
    ("Verification requests/s", _load("verify", "per_second")),
    ("Verification p50 (ms)", _load("verify", "p50_ms")),
    ("Repeated codes requests/s", _load("verify_repeated", "per_second")),
    ("Bulk verification p50 (ms)", _load("bulk_verify", "p50_ms")),
    ("Search API p50 (ms)", _load("search_api", "p50_ms")),
]


def _cell(value: float | None, target: Target | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    if target is None:
        return text
    return f"{text} {'✓' if target.met(value) else '✗'}"


def judged(results: Figures) -> bool:
    """Whether the figures are of the size the targets are set for (a run without its size
    written is taken to be)."""
    return int(results.get("datasheets", TARGET_SIZE)) == TARGET_SIZE


def table(results: Figures) -> str:
    """One column per database and server; a mark per figure that meets its target, when
    the registry was of the size the targets are set for (the table says which)."""
    columns = [
        (database, server)
        for database, figures in results["databases"].items()
        for server in figures.get("servers") or {"": None}
    ]
    header = [
        "",
        f"target at {TARGET_SIZE:,} datasheets",
        *(f"{database} · {server}" if server else database for database, server in columns),
    ]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    marked = judged(results)
    for target in TARGETS:
        cells = [
            _cell(target.read(results["databases"][database], server), target if marked else None)
            for database, server in columns
        ]
        lines.append(f"| {target.label} | {target.stated()} | " + " | ".join(cells) + " |")
    for label, read in INFORMATION:
        cells = [
            _cell(read(results["databases"][database], server)) for database, server in columns
        ]
        lines.append(f"| {label} | | " + " | ".join(cells) + " |")
    if not marked:
        lines.append(
            f"\nMeasured at {int(results['datasheets']):,} datasheets: the targets are set "
            f"for {TARGET_SIZE:,}, so no figure is marked against them."
        )
    return "\n".join(lines)


def missed(results: Figures) -> list[str]:
    """Each target a figure misses, with the figure (none for a registry of another size
    than the targets are set for)."""
    found: list[str] = []
    if not judged(results):
        return found
    for database, figures in results["databases"].items():
        for server in figures.get("servers") or {"": None}:
            for target in TARGETS:
                value = target.read(figures, server)
                if value is not None and not target.met(value):
                    where = f"{database} · {server}" if server else database
                    found.append(
                        f"{where}: {target.label} {value:.1f} {target.unit} "
                        f"(target {target.stated()})"
                    )
    return found
