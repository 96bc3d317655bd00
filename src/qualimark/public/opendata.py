"""What the open-data page shows and serves: the files listed in the last export's manifest.

The manifest (written last by `registry.opendata.export_open_data`) is the list of what
may be downloaded; nothing else in the directory is ever served, and a name is accepted
only as an exact entry of that list, so no path can lead outside the directory.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

MANIFEST = "manifest.json"
# Written with the tables by the same export, next to the manifest.
COMPANIONS = ("columns.md", MANIFEST)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    table: str
    format: str
    rows: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Export:
    generated_at: datetime | None
    as_of: str
    files: list[ExportFile]

    @property
    def names(self) -> set[str]:
        return {f.name for f in self.files} | set(COMPANIONS)


def directory() -> Path:
    return Path(settings.QUALIMARK_OPEN_DATA_DIR)


def _plain_name(name: object) -> bool:
    return (
        isinstance(name, str)
        and name.split(".")[-1] in CONTENT_TYPES
        and Path(name).name == name
        and not name.startswith(".")
        and "\\" not in name
    )


def _file(entry: Any) -> ExportFile | None:
    if not isinstance(entry, dict) or not _plain_name(entry.get("name")):
        return None
    try:
        return ExportFile(
            name=entry["name"],
            table=str(entry.get("table", "")),
            format=str(entry.get("format", "")),
            rows=int(entry.get("rows", 0)),
            size=int(entry.get("bytes", 0)),
            sha256=str(entry.get("sha256", "")),
        )
    except (TypeError, ValueError):
        return None


def _moment(raw: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def read_export() -> Export | None:
    """The last export as its manifest describes it; None if there is none (or it is unreadable)."""
    try:
        manifest = json.loads((directory() / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        return None
    files = [f for f in map(_file, manifest["files"]) if f is not None]
    return Export(_moment(manifest.get("generated_at")), str(manifest.get("as_of", "")), files)


def servable(name: str) -> Path | None:
    """The path of `name` if the manifest lists it and it is a file inside the directory."""
    export = read_export()
    if export is None or name not in export.names or not _plain_name(name):
        return None
    root = directory().resolve()
    path = (root / name).resolve()
    if path.parent != root or not path.is_file():
        return None
    return path


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
