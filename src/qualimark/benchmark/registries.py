"""The registries the benchmark loads: the demo data at a given size, on each database.

A registry is generated once per size and database and kept (under var/bench/ for
SQLite, as the database `qualimark_bench_<size>` on PostgreSQL); a later run reuses it
unless asked to rebuild. Generation is timed with its peak memory, as a separate
process, exactly as an operator would run it: `qualimark migrate` then `qualimark
demo-data --scale S`.
"""

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from qualimark.benchmark.processes import Measured, measure, qualimark

# Datasheets per unit of scale: one CB's worth of the demo generator.
DATASHEETS_PER_SCALE = 7874
SQLITE, POSTGRESQL = "sqlite", "postgresql"


def scale_for(datasheets: int) -> float:
    return round(datasheets / DATASHEETS_PER_SCALE, 2)


@dataclass(frozen=True)
class Registry:
    database: str  # SQLITE or POSTGRESQL
    url: str
    datasheets: int  # the size asked for

    def env(self, base: Mapping[str, str]) -> dict[str, str]:
        return {
            **base,
            "QUALIMARK_DATABASE_URL": self.url,
            "QUALIMARK_SECRET_KEY": base.get("QUALIMARK_SECRET_KEY") or "benchmark-only",
            "QUALIMARK_DEBUG": "0",
        }

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        """Rows of a read-only query on the registry, outside Django's own connection."""
        if self.database == SQLITE:
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as connection:
                return connection.execute(query).fetchall()
        with psycopg.connect(self.url) as connection:
            return connection.execute(query.encode()).fetchall()

    def count(self) -> int | None:
        """The datasheets it holds; None if there is no such database or it is empty."""
        try:
            return int(self.rows("SELECT count(*) FROM datasheets_datasheet")[0][0])
        except (sqlite3.Error, psycopg.Error):
            return None

    def is_built(self) -> bool:
        held = self.count()
        return held is not None and abs(held - self.datasheets) <= 0.05 * self.datasheets

    def warm(self) -> None:
        """Read the registry once, so that the operating system holds it in memory.

        A server that has answered for a while holds its database in the page cache; a
        registry just generated or reused by a new run may not be, and its first reads
        would measure the disk instead of the software. SQLite's file is read through;
        PostgreSQL reads every table and index of the registry (`pg_prewarm`)."""
        if self.database == SQLITE:
            path = Path(self.url.removeprefix("sqlite:///"))
            for part in (path, Path(f"{path}-wal")):
                if part.exists():
                    with part.open("rb") as file:
                        while file.read(1 << 24):
                            pass
            return
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            connection.execute(
                "SELECT pg_prewarm(c.oid::regclass, 'read') FROM pg_class c "
                "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 't')"
            )

    def drop(self) -> None:
        if self.database == SQLITE:
            path = Path(self.url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        server, name = self.url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def build(self, env: Mapping[str, str]) -> Measured:
        """Drop, migrate, generate; the generation's time and peak memory."""
        self.drop()
        environment = self.env(env)
        measure(qualimark("migrate", "--verbosity", "0"), environment)
        return measure(
            qualimark("demo-data", "--scale", str(scale_for(self.datasheets))), environment
        )


def registries(datasheets: int, databases: list[str], var_dir: Path) -> list[Registry]:
    server = os.environ.get("QUALIMARK_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    found = []
    for database in databases:
        if database == SQLITE:
            url = f"sqlite:///{(var_dir / 'bench' / f'registry-{datasheets}.sqlite3').resolve()}"
        else:
            url = f"{server.rstrip('/')}/qualimark_bench_{datasheets}"
        found.append(Registry(database, url, datasheets))
    return found
