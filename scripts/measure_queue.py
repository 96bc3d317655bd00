"""How one person's work queue holds with 1,000 open items: its queries and its time.

A fresh SQLite database under var/ (or the one of QUALIMARK_DATABASE_URL) gets one file
manager with `--items` open items: applications waiting for admissibility and proposed next
steps on files assigned to them. The queue page is then read as they read it (all kinds,
one kind, late only, assigned to me, page 3), `--runs` times each, through Django's test
client; the median time and the number of queries of each are printed, beside those of a
queue of 10 items. Run with `make measure-queue`.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    database = ROOT / "var" / "measure-queue.sqlite3"
    database.unlink(missing_ok=True)
    os.environ.setdefault("QUALIMARK_DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("QUALIMARK_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qualimark.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    few = _measure(_workload(10, "few"), options.runs)
    many = _measure(_workload(options.items, "many"), options.runs)
    print(f"{'page':<22}{'10 items':>20}{f'{options.items} items':>22}")
    for name in many:
        (few_ms, few_q), (many_ms, many_q) = few[name], many[name]
        print(f"{name:<22}{few_ms:>9.1f} ms {few_q:>3} q{many_ms:>11.1f} ms {many_q:>3} q")


def _workload(items: int, tag: str) -> object:
    """A file manager with `items` open items: a tenth applications, the rest proposals."""
    from qualimark.accounts.models import User
    from qualimark.certification import services as certification
    from qualimark.parties.models import Organisation, Person, Role, RoleKind
    from qualimark.parties.roles import system_actor
    from qualimark.parties.services import add_production_unit, register_organisation
    from qualimark.sanctions.models import ProposalKind
    from qualimark.sanctions.services import propose_next_step
    from qualimark.schemes.models import Kind, Programme, Scheme, Subject

    body, _new = Organisation.objects.get_or_create(
        name="Qualimark Certification", defaults={"is_certification_body": True}
    )
    manager = User.objects.create_user(f"files-{tag}@qualimark.example", "pw", first_name=tag)
    person = Person.objects.create(
        first_name=tag, last_name="FM", email=manager.email, user=manager
    )
    Role.objects.create(person=person, organisation=body, kind=RoleKind.FILE_MANAGER)
    scheme = Scheme.objects.create(code=f"M-{tag}", name=tag, kind=Kind.PRODUCT)
    subject = Subject.objects.create(code=f"s-{tag}", kind=Kind.PRODUCT, name_nl=tag, name_fr=tag)
    programme = Programme.objects.create(scheme=scheme, subject=subject)
    holder = register_organisation(by=manager, name=f"Holder {tag}", country="NL")
    files = max(1, items // 10)
    for number in range(files):
        unit = add_production_unit(
            holder,
            by=manager,
            name=f"Plant {number}",
            street="Dok 1",
            postal_code="9000",
            town="Gent",
        )
        certificate = certification.apply_for_certification(
            holder=holder,
            programme=programme,
            production_unit=unit,
            by=manager,
            applied_on=date(2026, 1, 5),
        )
        certification.assign_file(certificate, file_manager=manager, by=manager)
        for proposal in range(9 if items >= 10 else 0):
            propose_next_step(
                certificate,
                ProposalKind.SANCTION_PROPOSED,
                by=system_actor(),
                text=f"Step {proposal}",
                source=f"{tag}:{number}:{proposal}",
            )
    return manager


def _measure(manager: object, runs: int) -> dict[str, tuple[float, int]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log keeps 9,000 queries at most: building the workload fills it
    client = Client()
    client.force_login(manager)  # type: ignore[arg-type]
    pages = {
        "all kinds": {},
        "one kind": {"kind": "proposals"},
        "late only": {"overdue": "on"},
        "assigned to me": {"mine": "on"},
        "page 3, latest first": {"page": "3", "order": "recent"},
    }
    found = {}
    for name, params in pages.items():
        times = []
        for _run in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/en/office/", params)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        found[name] = (statistics.median(times), len(queries))
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
