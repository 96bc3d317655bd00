"""States for the access rules: an inspection at each step, an application, an administrator.

Every state is reached through the services, as a user would reach it.
"""

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from django.utils import translation

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import Application
from qualimark.certification.models import Certificate
from qualimark.oversight import planning, reports, services
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.roles import system_actor
from qualimark.schemes.models import DocumentVersion, Programme
from tests.conftest import BRUSSELS

TODAY = date(2026, 3, 16)
AFTER_WINDOW = datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)  # comments were due by 23 March


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def administrator(db: None) -> User:
    """The certification body's administrator (a superuser)."""
    return User.objects.create_superuser(
        "root@copro.example", "correct-horse-battery", first_name="Ad", last_name="Min"
    )


@pytest.fixture
def body(inspector: User, geotextiles_benor: Programme) -> InspectionBody:
    inspection_body = InspectionBody.objects.create(
        name="Inspecta Belgium", contract_reference="C-2024-07"
    )
    inspection_body.inspectors.add(inspector)
    inspection_body.programmes.add(geotextiles_benor)
    return inspection_body


@pytest.fixture
def planned(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> Inspection:
    """An unannounced visit planned for today, assigned to Els Wouters."""
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


@pytest.fixture
def sent(
    planned: Inspection, inspector: User, file_manager: User, holder_member: User
) -> Inspection:
    """Visited today; the report is sent today to An Peeters (comments until Monday 23 March)."""
    services.carry_out_inspection(
        planned, by=inspector, visited_on=TODAY, summary="Production and FPC visited."
    )
    return reports.send_report(planned, by=file_manager)


@pytest.fixture
def window_closed(sent: Inspection) -> Inspection:
    with clock.frozen_at(AFTER_WINDOW):
        return reports.close_comment_window(sent, by=system_actor())


@pytest.fixture
def draft(
    holder: Organisation, plant: ProductionUnit, geotextiles_benor: Programme, holder_member: User
) -> Application:
    """A draft application of Geotex Belgium, started by its administrator."""
    return applications.start_application(
        holder, by=holder_member, programme=geotextiles_benor, production_unit=plant
    )
