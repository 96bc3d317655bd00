"""The programme decides about the production unit; the PTV version must be in force."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import Application
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import DocumentKind, DocumentVersion, Programme, ReferenceDocument
from qualimark.schemes.services import add_document_version


def test_an_execution_programme_refuses_a_production_unit(
    holder: Organisation, holder_member: User, road_marking: Programme, plant: ProductionUnit
) -> None:
    with pytest.raises(InvalidApplicationDraft, match="per execution type"):
        services.start_application(
            holder, by=holder_member, programme=road_marking, production_unit=plant
        )
    assert not Application.objects.exists()


def test_an_execution_programme_is_applied_for_without_a_unit(
    holder: Organisation, holder_member: User, road_marking: Programme
) -> None:
    draft = services.start_application(holder, by=holder_member, programme=road_marking)

    assert draft.production_unit is None


def test_a_product_programme_needs_a_production_unit(
    holder: Organisation, holder_member: User, geotextiles_benor: Programme
) -> None:
    with pytest.raises(InvalidApplicationDraft, match="per production unit"):
        services.start_application(holder, by=holder_member, programme=geotextiles_benor)


def test_the_unit_must_belong_to_the_organisation(
    holder: Organisation,
    other_holder: Organisation,
    holder_member: User,
    geotextiles_benor: Programme,
    file_manager: User,
) -> None:
    foreign = add_production_unit(
        other_holder,
        by=file_manager,
        name="Plant Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )

    with pytest.raises(InvalidApplicationDraft, match="does not belong to Geotex Belgium"):
        services.start_application(
            holder, by=holder_member, programme=geotextiles_benor, production_unit=foreign
        )


def test_changing_to_an_execution_programme_with_a_unit_is_refused(
    draft: Application, holder_member: User, road_marking: Programme, plant: ProductionUnit
) -> None:
    with pytest.raises(InvalidApplicationDraft, match="per execution type"):
        services.update_application(
            draft,
            by=holder_member,
            programme=road_marking,
            production_unit=plant,
            ptv_version=None,
            notes="",
        )


def test_a_ptv_version_no_longer_in_force_is_refused(
    holder: Organisation,
    holder_member: User,
    geotextiles_benor: Programme,
    plant: ProductionUnit,
    ptv_829: ReferenceDocument,
) -> None:
    old = ptv_829.versions.get(label="2019.1")

    with pytest.raises(InvalidApplicationDraft, match=r"PTV 829 2019\.1 is not a version"):
        services.start_application(
            holder,
            by=holder_member,
            programme=geotextiles_benor,
            production_unit=plant,
            ptv_version=old,
        )


def test_a_ptv_version_of_another_programme_is_refused(
    holder: Organisation,
    holder_member: User,
    geotextiles_benor: Programme,
    plant: ProductionUnit,
    file_manager: User,
) -> None:
    other = ReferenceDocument.objects.create(
        kind=DocumentKind.PTV, number="8049", title_nl="Teerhoudend asfalt", title_fr="Asphalte"
    )
    version = add_document_version(
        other, by=file_manager, label="2024.1", valid_from=date(2024, 1, 1)
    )

    with pytest.raises(InvalidApplicationDraft, match="is not a version"):
        services.start_application(
            holder,
            by=holder_member,
            programme=geotextiles_benor,
            production_unit=plant,
            ptv_version=version,
        )


def test_the_versions_offered_are_those_in_force_today(
    geotextiles_benor: Programme, ptv_version: DocumentVersion
) -> None:
    assert services.ptv_versions(geotextiles_benor) == [ptv_version]
