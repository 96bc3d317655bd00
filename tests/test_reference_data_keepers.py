"""The body's file managers keep its register and reference documents; nobody else writes them."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.errors import NotPermitted, NotVisible
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.services import add_production_unit, register_organisation
from qualimark.schemes.models import DocumentVersion, ReferenceDocument
from qualimark.schemes.services import add_document_version

PLANT = {"name": "Plant Aalst", "street": "Dijk 2", "postal_code": "9300", "town": "Aalst"}


@pytest.mark.parametrize("persona", ["holder_member", "decision_maker"])
def test_only_a_file_manager_adds_a_production_unit(
    holder: Organisation, persona: str, request: pytest.FixtureRequest
) -> None:
    someone: User = request.getfixturevalue(persona)

    with pytest.raises(NotPermitted) as refusal:
        add_production_unit(holder, by=someone, **PLANT)

    assert refusal.value.code == "role_not_allowed"
    assert not ProductionUnit.objects.filter(name="Plant Aalst").exists()


def test_a_stranger_does_not_even_see_the_holder(holder: Organisation, outsider: User) -> None:
    with pytest.raises(NotVisible):
        add_production_unit(holder, by=outsider, **PLANT)


def test_only_a_file_manager_registers_an_organisation(outsider: User) -> None:
    with pytest.raises(NotPermitted):
        register_organisation(by=outsider, name="Wegenbouw NV", enterprise_number="0202.239.951")

    assert not Organisation.objects.filter(name="Wegenbouw NV").exists()


def test_only_a_file_manager_adds_a_version_of_a_reference_document(
    ptv_829: ReferenceDocument, decision_maker: User
) -> None:
    with pytest.raises(NotPermitted):
        add_document_version(
            ptv_829, by=decision_maker, label="2026.1", valid_from=date(2026, 1, 1)
        )

    assert not DocumentVersion.objects.filter(label="2026.1").exists()
