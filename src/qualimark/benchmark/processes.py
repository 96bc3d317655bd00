"""Child processes of the benchmark: commands timed with their peak memory, and servers."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from qualimark.errors import DomainError
from qualimark.serving import Server


class BenchmarkFailed(DomainError):
    code = "benchmark_failed"


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float  # the largest resident set the process reached
    output: str


def qualimark(*args: str) -> list[str]:
    """The argv of a `qualimark` command run by this same Python."""
    return [sys.executable, "-m", "qualimark.cli", *args]


def measure(argv: list[str], env: Mapping[str, str]) -> Measured:
    """Run `argv` to the end; its wall time and its own peak resident memory."""
    started = time.perf_counter()
    with subprocess.Popen(
        argv, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        output = process.stdout.read()
        # wait4 gives the resource use of this child alone (getrusage would add up all).
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise BenchmarkFailed(
            _("%(command)s failed:\n%(output)s")
            % {"command": " ".join(argv[2:]), "output": output[-4000:]}
        )
    return Measured(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, output=output)


@contextmanager
def serving(server: Server, port: int, env: Mapping[str, str]) -> Iterator[str]:
    """Start `server` on 127.0.0.1:`port`, yield its base URL once it answers, stop it."""
    log = Path(env.get("QUALIMARK_VAR_DIR", "var")) / f"bench-{server.name}.log"
    with (
        log.open("w") as output,
        subprocess.Popen(
            server.argv(port),
            env=dict(env),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ) as process,
    ):
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process, log)
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkFailed(
                _("The server stopped at start:\n%(log)s") % {"log": log.read_text()[-4000:]}
            )
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise BenchmarkFailed(_("The server did not answer within 60 s."))


def get(url: str, data: bytes | None = None) -> bytes:
    """One request to the server under test (to warm it up or to check an answer)."""
    headers = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        body: bytes = response.read()
        return body
