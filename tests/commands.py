"""The `qualimark` command run as an operator runs it: its own process, its own environment."""

import subprocess
import sys
from collections.abc import Mapping


def run_qualimark(
    *args: str, env: Mapping[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualimark.cli", *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
