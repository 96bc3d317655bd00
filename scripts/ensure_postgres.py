"""Make sure the PostgreSQL server the suite runs against answers, starting it if needed.

Used by `make test`. A PostgreSQL that cannot be reached is a failure, never a skip: the
suite must have run on both databases for a change to count as tested.
"""

import os
import shutil
import subprocess
import sys
import time

import psycopg

URL = os.environ.get("QUALIMARK_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/qualimark")


def reachable() -> bool:
    try:
        # The maintenance database: the one named in the URL need not exist (the suite
        # creates its own test database beside it).
        with psycopg.connect(URL, dbname="postgres", connect_timeout=3) as connection:
            connection.execute("select 1")
        return True
    except psycopg.OperationalError:
        return False


def start_local_cluster() -> None:
    """Start the Debian cluster of this machine, if there is one (pg_ctlcluster)."""
    if shutil.which("pg_ctlcluster") is None or not os.path.isdir("/etc/postgresql"):
        return
    for version in sorted(os.listdir("/etc/postgresql")):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
            capture_output=True,
        )


def main() -> int:
    if reachable():
        return 0
    start_local_cluster()
    for _attempt in range(20):
        if reachable():
            return 0
        time.sleep(0.5)
    print(
        f"PostgreSQL does not answer at {URL}.\n"
        "The suite runs on SQLite and PostgreSQL; start a server or point "
        "QUALIMARK_TEST_POSTGRES_URL at one.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
