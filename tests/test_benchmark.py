"""The benchmark's own logic: the verdict on each target, and where it may send load.

Running it is no part of the suite (an hour at a million datasheets); what it decides
from the figures and what it refuses to do are.
"""

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpResponse
from django.utils import translation

from qualimark.api.caching import Answers
from qualimark.benchmark import load, report
from qualimark.benchmark.load import Request, Scenario
from qualimark.benchmark.processes import BenchmarkFailed
from qualimark.serving import THREADS, Server


def _load(per_second: float, p50: float = 1, p95: float = 2, p99: float = 3) -> dict[str, Any]:
    return {"per_second": per_second, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99}


RESULTS: dict[str, Any] = {
    "databases": {
        "sqlite": {
            "generation": {"seconds": 240.0, "peak_mb": 900.0},
            "export": {"seconds": 75.0, "peak_mb": 120.0},
            "servers": {
                "granian": {
                    "health": _load(10_000),
                    "verify": _load(7_500, p99=12),
                    "verify_repeated": _load(6_000, p99=25),
                    "bulk_verify": _load(10, p95=80),
                    "search_api": _load(500, p95=15, p99=45),
                    "search_page": _load(300, p95=28),
                    "datasheet_page": _load(300, p95=31),
                }
            },
        }
    }
}


def test_each_figure_is_marked_against_its_target() -> None:
    rows = {line.split(" | ")[0].strip("| "): line for line in report.table(RESULTS).splitlines()}
    assert rows["Verification / floor throughput"].endswith("75.0 ✓ |")
    assert rows["Repeated codes / floor throughput"].endswith("60.0 ✗ |")
    assert rows["Datasheet page p95 (HTML)"].endswith("31.0 ✗ |")
    assert rows["Generating the registry"].endswith("240 ✓ |")
    assert rows["Open-data export"].endswith("75.0 ✗ |")


def test_the_misses_say_by_how_much() -> None:
    assert report.missed(RESULTS) == [
        "sqlite · granian: Repeated codes / floor throughput 60.0 % (target ≥ 70 %)",
        "sqlite · granian: Repeated codes p99 (16 connections) 25.0 ms (target < 20 ms)",
        "sqlite · granian: Datasheet page p95 (HTML) 31.0 ms (target < 30 ms)",
        "sqlite · granian: Open-data export 75.0 s (target < 60 s)",
    ]


def test_on_postgresql_verification_is_measured_against_the_floor_with_one_query() -> None:
    figures = {
        "database": "postgresql",
        "servers": {
            "granian": {
                "health": _load(10_000),
                "health_db": _load(5_000),
                "verify": _load(4_000, p99=12),
            }
        },
    }
    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in report.table({"databases": {"postgresql": figures}}).splitlines()
    }
    assert rows["Verification / floor throughput"].endswith("80.0 ✓ |")


def test_a_database_without_server_figures_still_shows_its_jobs() -> None:
    only_jobs = {"databases": {"postgresql": {"generation": {"seconds": 400, "peak_mb": 500}}}}
    table = report.table(only_jobs)
    assert "| postgresql |" in table.splitlines()[0]
    assert "400 ✗" in table
    assert report.missed(only_jobs) == [
        "postgresql: Generating the registry 400.0 s (target < 300 s)"
    ]


@pytest.mark.parametrize("base", ["http://10.0.0.5:8000", "http://example.org", "http://[::2]:80"])
def test_load_is_only_ever_sent_to_this_machine(base: str) -> None:
    with pytest.raises(BenchmarkFailed):
        load.run(base, Scenario("health", [Request("/health")], 1), seconds=1)


def test_the_wrk_script_carries_every_request_whatever_their_number() -> None:
    requests = [Request(f"/api/v1/verify/{n:08d}") for n in range(100_000)]
    requests.append(Request("/api/v1/verify", method="POST", body='{"codes": ["1"]}'))
    script = load.script(Scenario("verify", requests, 16))
    assert script.count("\tGET\t") == 0  # one request a line: method, path, body
    assert "GET\t/api/v1/verify/00099999\t\n" in script
    assert 'POST\t/api/v1/verify\t{"codes": ["1"]}\n' in script


def test_remembered_answers_are_bounded_and_the_oldest_go_first() -> None:
    answers = Answers(size=2)
    for tag in ("a", "b", "c"):
        answers.keep(tag, HttpResponse(tag.encode(), content_type="application/json"))
    assert answers.get("a") is None
    kept = answers.get("c")
    assert kept is not None
    assert kept.content == b"c"
    assert kept["Content-Type"] == "application/json"
    answers.keep("d", HttpResponse(b"d"))  # "b" is now the least recently used
    assert answers.get("b") is None
    assert answers.get("c") is not None
    error = HttpResponse(b"x", status=404)
    answers.keep("e", error)
    assert answers.get("e") is None  # only answers (200) are remembered


@pytest.mark.parametrize(
    ("name", "flag"), [("granian", "--blocking-threads"), ("gunicorn", "--threads")]
)
def test_the_servers_run_the_threads_asked_for(name: str, flag: str) -> None:
    argv = Server(name, workers=3, threads=1).argv(8123)
    assert argv[argv.index(flag) + 1] == "1"
    assert argv[argv.index("--workers") + 1] == "3"
    default = Server(name, workers=2).argv(8123)
    assert default[default.index(flag) + 1] == str(THREADS)


def test_the_benchmark_refuses_a_server_without_threads() -> None:
    with translation.override("en"), pytest.raises(CommandError, match="1 to 64 threads"):
        call_command("bench", "--threads", "0", "--servers", "--databases", "sqlite")


def test_a_ratio_loaded_in_rounds_is_the_median_of_the_ratios_round_by_round() -> None:
    # The floor and verification drift together: round 2 is slow for both. The median of
    # the ratios (70 %) is the figure; the ratio of the medians would say 60 %.
    health = [_load(10_000), _load(6_000), _load(10_000)]
    verify = [_load(7_000, p99=11), _load(4_800, p99=30), _load(6_000, p99=12)]
    figures = {
        "servers": {
            "granian": {
                "health": {**report.median_round(health), "rounds": health},
                "verify": {**report.median_round(verify), "rounds": verify},
            }
        }
    }
    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in report.table({"databases": {"sqlite": figures}}).splitlines()
    }
    assert rows["Verification / floor throughput"].endswith("70.0 ✓ |")
    # The other figures of a load in rounds are those of its round of median throughput.
    assert rows["Verification p99 (16 connections)"].endswith("12.0 ✓ |")


def test_the_benchmark_refuses_a_run_without_rounds() -> None:
    with translation.override("en"), pytest.raises(CommandError, match="1 and 20 rounds"):
        call_command("bench", "--rounds", "0", "--servers", "--databases", "sqlite")


def test_loads_not_side_by_side_are_compared_by_their_single_figures() -> None:
    # An earlier run's floor (no rounds) beside a load in rounds: not paired round by round.
    verify = [_load(9_000), _load(6_000), _load(3_000)]
    figures = {
        "servers": {
            "granian": {
                "health": _load(10_000),
                "verify": {**report.median_round(verify), "rounds": verify},
            }
        }
    }
    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in report.table({"databases": {"sqlite": figures}}).splitlines()
    }
    assert rows["Verification / floor throughput"].endswith("60.0 ✗ |")


def test_figures_of_another_size_are_shown_but_not_judged() -> None:
    quick = {**RESULTS, "datasheets": 100_000}
    lines = report.table(quick).splitlines()
    assert "target at 1,000,000 datasheets" in lines[0]
    rows = {line.split(" | ")[0].strip("| "): line for line in lines}
    assert rows["Verification / floor throughput"].endswith("| 75.0 |")
    assert rows["Datasheet page p95 (HTML)"].endswith("| 31.0 |")
    assert "Measured at 100,000 datasheets" in lines[-1]
    assert report.missed(quick) == []
    # At the size the targets are set for, the same figures are judged.
    assert len(report.missed({**RESULTS, "datasheets": 1_000_000})) == 4
