"""`qualimark bench`: the national-scale benchmark (see `qualimark.benchmark`)."""

import json
import os
import platform
import socket
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from qualimark.benchmark import load, processes, report
from qualimark.benchmark.load import Scenario
from qualimark.benchmark.registries import POSTGRESQL, SQLITE, Registry, registries
from qualimark.benchmark.scenarios import scenarios
from qualimark.serving import SERVERS, THREADS, Server, default_workers

# Rounds of the loads compared with the floor: 15 s runs of the same code differed by
# five points of the ratio on the development machine.
ROUNDS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _earlier(output: Path) -> dict[str, Any]:
    """What an earlier run wrote to the same file, if anything readable."""
    try:
        earlier = json.loads(output.read_text())
    except (OSError, ValueError):
        return {}
    return earlier if isinstance(earlier, dict) else {}


def _earlier_figures(output: Path, registry: Registry, job: str) -> dict[str, Any] | None:
    """The figures of `job` (generation, export) from an earlier run, if it wrote them."""
    try:
        return _earlier(output)["databases"][registry.database][job]  # type: ignore[no-any-return]
    except (KeyError, TypeError):
        return None


class Command(BaseCommand):
    help = _(
        "Build the demo registry at national scale on SQLite and PostgreSQL, serve it, load it "
        "from 127.0.0.1 with wrk and print the figures against the targets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--datasheets",
            type=int,
            default=1_000_000,
            help=_("Size of the registry (default 1,000,000; 100,000 for a quick run)."),
        )
        parser.add_argument(
            "--databases", nargs="+", choices=(SQLITE, POSTGRESQL), default=[SQLITE, POSTGRESQL]
        )
        parser.add_argument("--servers", nargs="*", choices=SERVERS, default=list(SERVERS))
        parser.add_argument(
            "--seconds", type=int, default=15, help=_("Duration of each load (default 15 s).")
        )
        parser.add_argument(
            "--rounds",
            type=int,
            default=ROUNDS,
            help=_(
                "Rounds of the loads whose throughput is compared with the floor's, each "
                "beside the floor's; the table states the medians (default %(default)s)."
            )
            % {"default": ROUNDS},
        )
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help=_("Server processes.")
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=THREADS,
            help=_("Threads per server process (default %(default)s).") % {"default": THREADS},
        )
        parser.add_argument(
            "--rebuild", action="store_true", help=_("Generate the registries even if kept.")
        )
        parser.add_argument(
            "--no-export",
            dest="export",
            action="store_false",
            help=_("Keep the export figures of an earlier run instead of exporting again."),
        )
        parser.add_argument("--output", type=Path, default=None, help=_("The JSON file."))

    def handle(self, *args: Any, **options: Any) -> None:
        size: int = options["datasheets"]
        if not 1000 <= size <= 10_000_000 or not 1 <= options["seconds"] <= 600:
            raise CommandError(_("Between 1,000 and 10,000,000 datasheets, 1 to 600 seconds."))
        if not 1 <= options["workers"] <= 64 or not 1 <= options["threads"] <= 64:
            raise CommandError(_("Between 1 and 64 server processes, of 1 to 64 threads each."))
        if not 1 <= options["rounds"] <= 20:
            raise CommandError(_("Between 1 and 20 rounds."))
        var_dir = Path(settings.VAR_DIR)
        (var_dir / "bench").mkdir(parents=True, exist_ok=True)
        output = options["output"] or var_dir / "bench" / f"results-{size}.json"
        options["output_path"] = output
        results: dict[str, Any] = {
            "datasheets": size,
            "started_at": timezone.now().isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
            "workers": options["workers"],
            "threads": options["threads"],
            "seconds_per_load": options["seconds"],
            "rounds": options["rounds"],
            # A run on some databases keeps what an earlier run wrote of the others.
            "databases": _earlier(output).get("databases", {}),
        }
        try:
            for registry in registries(size, options["databases"], var_dir):
                results["databases"][registry.database] = self._database(registry, options)
                output.write_text(json.dumps(results, indent=2))
        except processes.BenchmarkFailed as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.table(results))
        for line in report.missed(results):
            self.stdout.write(_("Missed: %(line)s") % {"line": line})
        self.stdout.write(_("Figures written to %(path)s.") % {"path": output})

    def _say(self, message: str) -> None:
        self.stdout.write(f"[{timezone.now():%H:%M:%S}] {message}")
        self.stdout.flush()

    def _database(self, registry: Registry, options: dict[str, Any]) -> dict[str, Any]:
        env = registry.env(os.environ)
        figures: dict[str, Any] = {"database": registry.database}
        if options["rebuild"] or not registry.is_built():
            self._say(_("Generating the %(db)s registry…") % {"db": registry.database})
            built = registry.build(os.environ)
            figures["generation"] = {"seconds": built.seconds, "peak_mb": built.peak_mb}
        else:
            self._say(
                _("Reusing the %(db)s registry (--rebuild to time its generation).")
                % {"db": registry.database}
            )
            figures["generation"] = _earlier_figures(options["output_path"], registry, "generation")
            # A kept registry is brought to the current schema (indexes added since), with
            # the planner's statistics as a newly generated one has them.
            processes.measure(processes.qualimark("migrate", "--verbosity", "0"), env)
            analyze = "from qualimark.bulk import analyze; analyze()"
            processes.measure(processes.qualimark("shell", "--command", analyze), env)
        figures["held_datasheets"] = registry.count()
        if options["export"]:
            with tempfile.TemporaryDirectory() as folder:
                self._say(_("Exporting open data…"))
                exported = processes.measure(
                    processes.qualimark("export-open-data", "--dir", folder), env
                )
            figures["export"] = {"seconds": exported.seconds, "peak_mb": exported.peak_mb}
        else:
            figures["export"] = _earlier_figures(options["output_path"], registry, "export")
        # Without servers (a run that only builds and exports) the load figures are kept.
        figures["servers"] = (
            {}
            if options["servers"]
            else _earlier_figures(options["output_path"], registry, "servers")
        ) or {}
        if options["servers"]:
            self._say(_("Reading the %(db)s registry into memory…") % {"db": registry.database})
            registry.warm()
        for name in options["servers"]:
            server = Server(name, options["workers"], options["threads"])
            figures["servers"][name] = self._serve(
                registry, server, env, options["seconds"], options["rounds"]
            )
        return figures

    def _serve(
        self, registry: Registry, server: Server, env: dict[str, str], seconds: int, rounds: int
    ) -> dict[str, Any]:
        """Each load on `server`: those compared with the floor in `rounds` rounds (a run's
        throughput drifts by several percent; within a round the floor and the load it
        is compared with see the same machine), the others once.

        The rounds draw from the same 200,000 codes, so a later round may find a few more
        of them in the database's cache than the first did."""
        loads: dict[str, Any] = {}
        with processes.serving(server, _free_port(), env) as base:
            every = scenarios(registry, page_connections=server.workers)
            for scenario in every:
                # One request of each kind first: the workers import and connect lazily.
                for request in scenario.requests[: 2 * server.workers]:
                    body = request.body.encode() if request.body else None
                    processes.get(base + request.path, body)
            compared = [scenario for scenario in every if scenario.compared]
            measured: dict[str, list[dict[str, Any]]] = {s.name: [] for s in compared}
            for _round in range(rounds):
                for scenario in compared:
                    measured[scenario.name].append(
                        self._load(registry, server, scenario, base, seconds)
                    )
            for name, rounds_measured in measured.items():
                loads[name] = {**report.median_round(rounds_measured), "rounds": rounds_measured}
            for scenario in every:
                if not scenario.compared:
                    loads[scenario.name] = self._load(registry, server, scenario, base, seconds)
        return loads

    def _load(
        self, registry: Registry, server: Server, scenario: Scenario, base: str, seconds: int
    ) -> dict[str, Any]:
        self._say(
            _("%(db)s · %(server)s · %(scenario)s for %(seconds)s s…")
            % {
                "db": registry.database,
                "server": server.name,
                "scenario": scenario.name,
                "seconds": seconds,
            }
        )
        figures = load.run(base, scenario, seconds)
        if figures.errors:
            self._say(_("%(count)s failed requests.") % {"count": figures.errors})
        return {**asdict(figures), "per_second": figures.per_second}
