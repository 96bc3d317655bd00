"""Bad input gets a clear error and changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import InvalidApplication
from qualimark.certification.models import Certificate
from qualimark.journal.models import JournalEntry
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.services import register_organisation
from qualimark.schemes.models import DocumentVersion, Kind, Programme, ReferenceDocument, Scheme
from qualimark.schemes.services import add_document_version


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("0403.170.702", "check digits do not match"),
        ("123", "10 digits"),
        ("BE 0403 170 70A", "10 digits"),
    ],
)
def test_an_invalid_enterprise_number_is_refused_with_the_reason(
    file_manager: User, number: str, problem: str
) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        register_organisation(by=file_manager, name="Bad Number NV", enterprise_number=number)

    assert problem in str(refused.value.message_dict["enterprise_number"])
    assert not Organisation.objects.filter(name="Bad Number NV").exists()
    assert not JournalEntry.objects.filter(action="organisation.registered").exists()


def test_the_enterprise_number_is_stored_in_its_compact_form(file_manager: User) -> None:
    organisation = register_organisation(
        by=file_manager, name="Wegenbouw NV", enterprise_number="BE 0403.170.701"
    )
    assert organisation.enterprise_number == "0403170701"
    assert organisation.enterprise_number_display == "0403.170.701"


def test_a_belgian_organisation_without_enterprise_number_is_refused(file_manager: User) -> None:
    with pytest.raises(ValidationError):
        register_organisation(by=file_manager, name="Nameless BV")


def test_a_foreign_producer_needs_no_belgian_number(file_manager: User) -> None:
    organisation = register_organisation(
        by=file_manager, name="Geokunst BV", country="NL", town="Rotterdam"
    )
    assert organisation.enterprise_number == ""


def test_an_inverted_validity_period_is_refused(
    ptv_829: ReferenceDocument, file_manager: User
) -> None:
    count = DocumentVersion.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        add_document_version(
            ptv_829,
            by=file_manager,
            label="2030.1",
            valid_from=date(2030, 6, 1),
            valid_until=date(2030, 1, 1),
        )
    assert "comes before its start" in str(refused.value)
    assert DocumentVersion.objects.count() == count


def test_an_overlapping_validity_period_is_refused(
    ptv_829: ReferenceDocument, file_manager: User
) -> None:
    count = DocumentVersion.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        add_document_version(ptv_829, by=file_manager, label="2025.1", valid_from=date(2025, 1, 1))
    assert "overlaps version 2021.2" in str(refused.value)
    assert DocumentVersion.objects.count() == count


def test_the_version_in_force_is_found_by_date(ptv_829: ReferenceDocument) -> None:
    assert str(ptv_829.version_on(date(2021, 9, 30))) == "PTV 829 2019.1"
    assert str(ptv_829.version_on(date(2021, 10, 1))) == "PTV 829 2021.2"
    assert ptv_829.version_on(date(2018, 12, 31)) is None


def test_a_frequency_is_set_only_by_a_regulation(
    ptv_829: ReferenceDocument, file_manager: User
) -> None:
    with pytest.raises(ValidationError):
        add_document_version(
            ptv_829,
            by=file_manager,
            label="2030.1",
            valid_from=date(2030, 1, 1),
            inspections_min_per_year=4,
        )


def test_the_regulation_in_force_sets_the_inspection_frequency(
    geotextiles_benor: Programme, file_manager: User
) -> None:
    tra = ReferenceDocument.objects.create(
        kind="TRA", number="21", title_nl="Toepassingsreglement", title_fr="Règlement"
    )
    add_document_version(
        tra,
        by=file_manager,
        label="2020.1",
        valid_from=date(2020, 1, 1),
        inspections_min_per_year=4,
        inspections_max_per_year=8,
    )
    geotextiles_benor.documents.add(tra)

    assert geotextiles_benor.inspection_frequency_on(date(2026, 3, 16)) == (4, 8)
    assert geotextiles_benor.inspection_frequency_on(date(2019, 3, 16)) is None


def test_a_product_application_needs_a_production_unit(
    holder: Organisation, geotextiles_benor: Programme, holder_member: User
) -> None:
    with pytest.raises(InvalidApplication):
        certification.apply_for_certification(
            holder=holder, programme=geotextiles_benor, by=holder_member
        )
    assert not Certificate.objects.exists()


def test_a_production_unit_of_another_holder_is_refused(
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    file_manager: User,
) -> None:
    other = register_organisation(
        by=file_manager, name="Other NV", enterprise_number="0202.239.951"
    )
    with pytest.raises(InvalidApplication):
        certification.apply_for_certification(
            holder=other, programme=geotextiles_benor, production_unit=plant, by=file_manager
        )


def test_a_second_open_file_for_the_same_unit_is_refused(
    application: Certificate, holder_member: User
) -> None:
    with pytest.raises(InvalidApplication) as refused:
        certification.apply_for_certification(
            holder=application.holder,
            programme=application.programme,
            production_unit=application.production_unit,
            by=holder_member,
        )
    assert application.number in str(refused.value)


def test_a_mark_cannot_certify_a_subject_of_the_other_kind(db: None) -> None:
    scheme = Scheme.objects.create(
        code="COPRO.EXE", name="COPRO.EXE", owner="COPRO", kind=Kind.EXECUTION
    )
    from qualimark.schemes.models import Subject

    subject = Subject.objects.create(
        code="kerbs", kind=Kind.PRODUCT, name_nl="Boordstenen", name_fr="Bordures"
    )
    with pytest.raises(ValidationError):
        Programme(scheme=scheme, subject=subject).full_clean()
