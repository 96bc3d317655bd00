"""Load from a second process: wrk on 127.0.0.1, bounded in time, figures as JSON.

Each scenario is a list of requests that wrk's connections send in random order (a
random quick code per request, a query of the search mix, ...). wrk's `done` hook prints
the counts and the latency percentiles in microseconds as one JSON line.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from qualimark.benchmark.processes import BenchmarkFailed


@dataclass(frozen=True)
class Request:
    path: str
    method: str = "GET"
    body: str = ""


@dataclass(frozen=True)
class Scenario:
    name: str
    requests: list[Request]
    connections: int
    # A throughput compared with the floor's: loaded in rounds, each beside the floor's.
    compared: bool = False


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    errors: int  # failed connections, reads, writes, time-outs and non-2xx answers
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "p50": %d, "p95": %d, '
    .. '"p99": %d, "max": %d}\\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def script(scenario: Scenario) -> str:
    """The wrk script that sends the scenario's requests in random order.

    The requests travel as one long string, a line each (method, path and body separated
    by tabs), split when wrk loads the script: a Lua function may hold at most 65,536
    constants, fewer than the codes of a cold verification.
    """
    lines = "\n".join(f"{r.method}\t{r.path}\t{r.body}" for r in scenario.requests)
    assert "]==]" not in lines, "the requests would end the Lua string early"
    return f"""
local data = [==[
{lines}
]==]
local requests = {{}}
for line in data:gmatch("[^\\n]+") do
  local method, path, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t(.*)$")
  if body == "" then body = nil end
  requests[#requests + 1] = {{method, path, body}}
end
local headers = {{["Content-Type"] = "application/json", ["Accept-Language"] = "en"}}
math.randomseed(os.time())
request = function()
  local r = requests[math.random(#requests)]
  return wrk.format(r[1], r[2], headers, r[3])
end
{_DONE}
"""


def run(base: str, scenario: Scenario, seconds: int) -> Load:
    """Load `base` with the scenario for `seconds`; wrk stops by itself."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchmarkFailed(_("wrk is not installed (Debian: apt-get install wrk)."))
    if not base.startswith("http://127.0.0.1:"):
        raise BenchmarkFailed(_("The benchmark only ever loads a server on 127.0.0.1."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{scenario.name}.lua"
        path.write_text(script(scenario))
        argv = [
            wrk,
            "--threads",
            "1",
            "--connections",
            str(scenario.connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(path),
            base,
        ]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise BenchmarkFailed(
            _("wrk failed:\n%(output)s") % {"output": (done.stdout + done.stderr)[-2000:]}
        )
    figures = json.loads(lines[-1])
    return Load(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=figures["errors"],
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        max_ms=figures["max"] / 1000,
    )
