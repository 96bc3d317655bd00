"""Open data: the public registry as files anyone can download, documented and consistent."""

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import (
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
)
from qualimark.feed import services as feed
from qualimark.feed.models import Change
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit, register_organisation
from qualimark.registry import opendata
from qualimark.registry.opendata import COLUMNS, OPEN_DATA_CURSOR, column_names, export_open_data
from qualimark.schemes.models import Programme

TABLES = ("certificates", "datasheets", "holders", "status_history")


@pytest.fixture(autouse=True)
def _public_site(settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example.be"


def _publish(certificate: Certificate, by: User, name: str, on: date) -> Datasheet:
    sheet = create_datasheet(
        certificate,
        by=by,
        product_name=name,
        trade_name=f"Geoflëx {name}",
        characteristics=[{"name": "mass per unit area", "value": 200, "unit": "g/m²"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=by, effective=on)
    return sheet


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    return _publish(certified, file_manager, "NW 200", date(2026, 2, 10))


@pytest.fixture
def applicant(file_manager: User, geotextiles_benor: Programme) -> Certificate:
    """Another company whose application is still under review: nothing of it is public."""
    company = register_organisation(
        by=file_manager,
        name="Applicant Textiles NV",
        enterprise_number="0200.000.043",
        town="Kortrijk",
    )
    unit = add_production_unit(
        company, by=file_manager, name="Kortrijk", street="Ring 1", postal_code="8500", town="K"
    )
    return certification.apply_for_certification(
        holder=company,
        programme=geotextiles_benor,
        production_unit=unit,
        by=file_manager,  # an application sent on paper
        applied_on=date(2026, 3, 2),
    )


def _csv(directory: Path, table: str) -> list[dict[str, str]]:
    with (directory / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _jsonl(directory: Path, table: str) -> list[dict[str, Any]]:
    lines = (directory / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _manifest(directory: Path) -> dict[str, Any]:
    return dict(json.loads((directory / "manifest.json").read_text(encoding="utf-8")))


def test_every_file_follows_its_documented_columns_and_the_manifest(
    tmp_path: Path, datasheet: Datasheet
) -> None:
    export_open_data(tmp_path)

    manifest = _manifest(tmp_path)
    files = {entry["name"]: entry for entry in manifest["files"]}
    assert manifest["as_of"] == "2026-03-16"
    assert manifest["generated_at"].startswith("2026-03-16T")
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        assert header == column_names(table)
        rows = _jsonl(tmp_path, table)
        assert all(list(row) == column_names(table) for row in rows)
        assert files[f"{table}.csv"]["rows"] == len(_csv(tmp_path, table)) == len(rows) > 0
        assert files[f"{table}.jsonl"]["rows"] == len(rows)
        assert [c["name"] for c in manifest["columns"][table]] == column_names(table)
        for suffix in ("csv", "jsonl"):
            content = (tmp_path / f"{table}.{suffix}").read_bytes()
            assert files[f"{table}.{suffix}"]["sha256"] == hashlib.sha256(content).hexdigest()


def test_the_column_list_is_written_for_people_too(tmp_path: Path, datasheet: Datasheet) -> None:
    export_open_data(tmp_path)

    text = (tmp_path / "columns.md").read_text(encoding="utf-8")
    for table, columns in COLUMNS.items():
        assert f"{table}.csv" in text
        for column in columns:
            # The file is written in English, whatever language is active.
            with translation.override("en"):
                assert f"`{column.name}`: {column.description}" in text


def test_a_certificate_row_gives_holder_scope_status_and_link(
    tmp_path: Path, datasheet: Datasheet, certified: Certificate
) -> None:
    export_open_data(tmp_path)

    [row] = _csv(tmp_path, "certificates")
    assert row["number"] == certified.number
    assert row["scheme"] == "BENOR"
    assert row["subject_fr"] == "Géotextiles"
    assert row["holder_enterprise_number"] == "0403.170.701"
    assert row["holder_name"] == "Geotex Belgium"
    assert row["production_unit_town"] == "Gent"
    assert row["status"] == "certified"
    assert row["valid"] == "true"
    assert row["granted_on"] == row["status_since"] == "2026-02-02"
    assert row["reference_documents"] == "PTV 829 2021.2"
    assert row["verification_url"] == f"https://registry.example.be/v/{certified.number}"
    [holder] = _jsonl(tmp_path, "holders")
    assert holder["name"] == "Geotex Belgium"
    assert holder["certificates"] == 1


def test_a_suspended_certificate_and_its_datasheets_show_suspended(
    tmp_path: Path, datasheet: Datasheet, certified: Certificate, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 9)
    )

    export_open_data(tmp_path)

    [certificate] = _jsonl(tmp_path, "certificates")
    assert certificate["status"] == "suspended"
    assert certificate["status_since"] == "2026-03-09"
    assert certificate["valid"] is False
    [sheet] = _jsonl(tmp_path, "datasheets")
    assert sheet["status"] == "published"
    assert sheet["certificate_status"] == "suspended"
    assert sheet["valid"] is False
    history = [
        (r["status"], r["valid_from"], r["valid_until"]) for r in _csv(tmp_path, "status_history")
    ]
    assert history == [
        ("applied", "2026-01-05", "2026-01-12"),
        ("admissible", "2026-01-12", "2026-01-19"),
        ("trial", "2026-01-19", "2026-02-02"),
        ("certified", "2026-02-02", "2026-03-09"),
        ("suspended", "2026-03-09", ""),
    ]


def test_a_datasheet_row_gives_its_version_characteristics_and_replacement(
    tmp_path: Path, datasheet: Datasheet, certified: Certificate, file_manager: User
) -> None:
    replacement = _publish(certified, file_manager, "NW 210", date(2026, 3, 10))
    supersede_datasheet(
        datasheet, by=file_manager, replacement=replacement, effective=date(2026, 3, 10)
    )

    export_open_data(tmp_path)

    rows = {row["quick_code"]: row for row in _jsonl(tmp_path, "datasheets")}
    old, new = rows[datasheet.quick_code], rows[replacement.quick_code]
    assert old["status"] == "superseded"
    assert old["superseded_by"] == replacement.quick_code
    assert old["valid"] is False
    assert old["trade_name"] == "Geoflëx NW 200"  # the last version it had
    assert new["status"] == "published"
    assert new["valid"] is True
    assert new["version"] == 1
    assert new["characteristics"] == [{"name": "mass per unit area", "value": 200, "unit": "g/m²"}]
    csv_row = next(r for r in _csv(tmp_path, "datasheets") if r["quick_code"] == new["quick_code"])
    assert json.loads(csv_row["characteristics"]) == new["characteristics"]


def test_what_is_not_public_is_not_exported(
    tmp_path: Path,
    datasheet: Datasheet,
    certified: Certificate,
    applicant: Certificate,
    file_manager: User,
) -> None:
    draft = create_datasheet(certified, by=file_manager, product_name="Woven", trade_name="GT W")
    certification.admit_application(
        applicant, by=file_manager, reason="Complete.", effective=date(2026, 3, 9)
    )

    export_open_data(tmp_path)

    numbers = [row["number"] for row in _csv(tmp_path, "certificates")]
    assert numbers == [certified.number]
    assert applicant.number not in (tmp_path / "status_history.csv").read_text(encoding="utf-8")
    assert [row["name"] for row in _csv(tmp_path, "holders")] == ["Geotex Belgium"]
    codes = [row["quick_code"] for row in _csv(tmp_path, "datasheets")]
    assert codes == [datasheet.quick_code]
    assert draft.quick_code not in codes


def test_a_file_in_trial_period_is_public_as_such(
    tmp_path: Path, applicant: Certificate, file_manager: User
) -> None:
    certification.admit_application(
        applicant, by=file_manager, reason="Complete.", effective=date(2026, 3, 9)
    )
    certification.start_trial_period(
        applicant, by=file_manager, reason="Trial.", effective=date(2026, 3, 16)
    )

    export_open_data(tmp_path)

    [row] = _csv(tmp_path, "certificates")
    assert (row["number"], row["status"], row["valid"]) == (applicant.number, "trial", "false")
    assert row["granted_on"] == ""


def test_a_second_export_replaces_the_files_by_renaming_them(
    tmp_path: Path, datasheet: Datasheet, certified: Certificate, decision_maker: User
) -> None:
    export_open_data(tmp_path)
    reader = (tmp_path / "certificates.csv").open(encoding="utf-8")
    certification.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    export_open_data(tmp_path)

    # Someone still downloading the first export reads it whole and unchanged.
    assert ",certified," in reader.read()
    reader.close()
    assert _csv(tmp_path, "certificates")[0]["status"] == "suspended"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{t}.{s}" for t in TABLES for s in ("csv", "jsonl")] + ["columns.md", "manifest.json"]
    )


def test_a_failed_export_leaves_the_previous_one_in_place(
    tmp_path: Path, datasheet: Datasheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_open_data(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(opendata, "_write_datasheets", broken)
    with pytest.raises(RuntimeError):
        export_open_data(tmp_path)

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_number_of_queries_does_not_grow_with_the_registry(
    tmp_path: Path,
    datasheet: Datasheet,
    holder: Organisation,
    geotextiles_benor: Programme,
    file_manager: User,
    decision_maker: User,
) -> None:
    with CaptureQueriesContext(connection) as small:
        export_open_data(tmp_path)
    for n in range(3):
        unit = add_production_unit(
            holder,
            by=file_manager,
            name=f"Plant {n}",
            street="Dok 1",
            postal_code="9000",
            town="Gent",
        )
        file = certification.apply_for_certification(
            holder=holder,
            programme=geotextiles_benor,
            production_unit=unit,
            by=file_manager,
            applied_on=date(2026, 1, 5),
        )
        certification.admit_application(file, by=file_manager, reason="Complete.")
        certification.start_trial_period(file, by=file_manager, reason="Trial.")
        certification.grant_certificate(file, by=decision_maker, reason="Passed.")
        for m in range(2):
            _publish(file, file_manager, f"NW {n}{m}", date(2026, 3, 16))

    with CaptureQueriesContext(connection) as large:
        export_open_data(tmp_path)

    assert _manifest(tmp_path)["files"][0]["rows"] == 4
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_command_writes_to_the_directory_given(
    tmp_path: Path, datasheet: Datasheet, settings: Any
) -> None:
    settings.QUALIMARK_OPEN_DATA_DIR = tmp_path / "default"

    call_command("export_open_data", "--dir", str(tmp_path / "given"), stdout=io.StringIO())
    call_command("export_open_data", stdout=io.StringIO())

    assert _manifest(tmp_path / "given")["files"][0]["rows"] == 1
    assert _manifest(tmp_path / "default")["files"][0]["rows"] == 1


def test_the_export_says_up_to_which_change_of_the_registry_it_is(
    tmp_path: Path, datasheet: Datasheet, decision_maker: User
) -> None:
    """Open data follows the change feed from its own cursor: the manifest names the last
    change it includes, and the cursor stands there until the next export."""
    export_open_data(tmp_path)
    first = _manifest(tmp_path)["registry_change"]
    assert first == Change.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert feed.read_from(OPEN_DATA_CURSOR) == []
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Tensile strength too low."
    )
    assert [change.kind for change in feed.read_from(OPEN_DATA_CURSOR)] == ["certificate.decision"]
    export_open_data(tmp_path)
    assert _manifest(tmp_path)["registry_change"] == first + 1
    assert feed.read_from(OPEN_DATA_CURSOR) == []
