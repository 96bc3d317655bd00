"""How Qualimark is served in production: a WSGI server with a process per core.

Both servers were measured by `qualimark bench` on the same registry (see the README):
granian is the default, gunicorn (threaded workers, so connections stay open between
requests) the alternative. Database connections persist between requests either way
(`CONN_MAX_AGE` in the settings).
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

SERVERS = ("granian", "gunicorn")
DEFAULT = "granian"
# Per process. Two, not four: at a million datasheets on two cores, two processes of four
# threads served 3,300 `/health` requests a second and 1,900 verifications against 4,300 and
# 2,800 with two threads (the threads of a process contend for its interpreter lock).
THREADS = 2


@dataclass(frozen=True)
class Server:
    """How to serve the WSGI application with one server program."""

    name: str
    workers: int
    threads: int = THREADS  # per process

    def argv(self, port: int, host: str = "127.0.0.1") -> list[str]:
        bin_dir = Path(sys.executable).parent
        app = "qualimark.wsgi:application"
        if self.name == "granian":
            return [
                str(bin_dir / "granian"),
                "--interface",
                "wsgi",
                "--host",
                host,
                "--port",
                str(port),
                "--workers",
                str(self.workers),
                # As many Python threads per process as gunicorn's: each holds a database
                # connection, so their number bounds the connections too.
                "--blocking-threads",
                str(self.threads),
                "--log-level",
                "warning",
                "--no-access-log",
                app,
            ]
        return [
            str(bin_dir / "gunicorn"),
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(self.workers),
            # Threads keep connections alive between requests, as a proxy in front would.
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--log-level",
            "warning",
            app,
        ]


def default_workers() -> int:
    return os.cpu_count() or 2
