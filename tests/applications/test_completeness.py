"""An incomplete application is refused at submission, naming what it still lacks."""

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import Application, ApplicationStatus, RequiredDocument
from qualimark.certification.models import Certificate
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import Programme
from tests.applications.conftest import pdf


def test_submission_names_the_missing_documents_and_contact(
    draft: Application, holder_member: User, required_documents: dict[str, RequiredDocument]
) -> None:
    services.add_upload(
        draft, by=holder_member, requirement=required_documents["manual"], upload=pdf()
    )

    with pytest.raises(InvalidApplicationDraft) as refused:
        services.submit_application(draft, by=holder_member)

    message = str(refused.value)
    assert "FPC plan" in message
    assert "a contact with an e-mail address" in message
    assert "Quality manual" not in message  # uploaded
    assert "Product brochure" not in message  # optional
    assert Certificate.objects.count() == 0
    assert Application.objects.get(pk=draft.pk).status == ApplicationStatus.DRAFT


def test_a_contact_without_an_e_mail_does_not_count(
    draft: Application, holder_member: User, required_documents: dict[str, RequiredDocument]
) -> None:
    for key in ("manual", "fpc"):
        services.add_upload(
            draft, by=holder_member, requirement=required_documents[key], upload=pdf()
        )
    services.set_contacts(
        draft,
        by=holder_member,
        contacts=[services.ContactDetails(name="Jan Maes", function="Plant manager", email="")],
    )

    with pytest.raises(InvalidApplicationDraft, match="a contact with an e-mail address"):
        services.submit_application(draft, by=holder_member)


def test_a_document_uploaded_without_its_requirement_does_not_count(
    draft: Application, holder_member: User, required_documents: dict[str, RequiredDocument]
) -> None:
    services.add_upload(draft, by=holder_member, requirement=None, upload=pdf("manual.pdf"))

    assert "Quality manual" in services.missing_for_submission(draft)


def test_the_ptv_version_is_needed_when_the_programme_has_one(
    holder: Organisation, holder_member: User, geotextiles_benor: Programme, plant: ProductionUnit
) -> None:
    draft = services.start_application(
        holder, by=holder_member, programme=geotextiles_benor, production_unit=plant
    )

    assert services.missing_for_submission(draft) == [
        "the PTV version",
        "a contact with an e-mail address",
    ]


def test_missing_documents_are_named_in_the_applicants_language(
    draft: Application, holder_member: User, required_documents: dict[str, RequiredDocument]
) -> None:
    with translation.override("fr"):
        in_french = services.missing_for_submission(draft)
    with translation.override("nl"):
        in_dutch = services.missing_for_submission(draft)

    assert "Manuel qualité" in in_french
    assert "Kwaliteitshandboek" in in_dutch
