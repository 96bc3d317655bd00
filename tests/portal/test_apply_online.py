"""Apply online: a draft, its contacts and documents, its submission, and what follows."""

from django.core.files.uploadedfile import SimpleUploadedFile

from qualimark.accounts.models import User
from qualimark.applications.models import Application, ApplicationStatus, RequiredDocument
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.parties.models import Organisation, ProductionUnit, RoleKind
from qualimark.schemes.models import DocumentVersion, Programme
from tests.conftest import give_role
from tests.portal.conftest import pdf_upload, url

CONTACTS = {
    "contacts-TOTAL_FORMS": "3",
    "contacts-INITIAL_FORMS": "0",
    "contacts-MIN_NUM_FORMS": "3",
    "contacts-MAX_NUM_FORMS": "3",
    "contacts-0-name": "An Peeters",
    "contacts-0-function": "Quality manager",
    "contacts-0-email": "an.peeters@geotex.example",
    "contacts-0-phone": "+32 9 123 45 67",
}


def _start(
    client, programme: Programme, unit: ProductionUnit, version: DocumentVersion
) -> Application:
    response = client.post(
        url("application-new"),
        {
            "programme": programme.pk,
            "production_unit": unit.pk,
            "ptv_version": version.pk,
            "notes": "Two product lines.",
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("application", application.reference)
    return application


def test_a_holder_applies_online_from_draft_to_submission(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
    file_manager: User,
):
    client = login(holder_member)
    form = client.get(url("application-new")).content.decode()
    assert "BENOR – Geotextiles" in form
    assert "PTV 829 version 2021.2" in form

    application = _start(client, geotextiles_benor, plant, ptv_version)
    page = client.get(url("application", application.reference)).content.decode()
    assert "Draft application" in page  # the message after saving
    assert "Factory production control manual" in page
    assert "Before you can submit, the application still needs:" in page

    refused = client.post(url("application-submit", application.reference))
    assert refused.status_code == 400
    assert "Missing: Factory production control manual; a contact with an e-mail address" in (
        refused.content.decode()
    )

    client.post(url("application-contacts", application.reference), CONTACTS)
    client.post(
        url("application-upload-add", application.reference),
        {"requirement": required_documents[0].pk, "file": pdf_upload()},
    )
    page = client.get(url("application", application.reference)).content.decode()
    assert "fpc-manual.pdf" in page
    assert "The application is complete." in page

    response = client.post(url("application-submit", application.reference), follow=True)

    page = response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.certificate is not None
    assert (
        f"the certification body has received it as file {application.certificate.number}" in page
    )
    assert "Application received" in page
    assert url("file", application.certificate.number) in page
    assert url("application-submit", application.reference) not in page  # read-only now

    certification.admit_application(application.certificate, by=file_manager, reason="Complete.")
    page = client.get(url("application", application.reference)).content.decode()
    assert "Application admissible" in page


def test_a_change_of_programme_unit_or_notes_is_saved_on_the_draft(
    login,
    invited_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
):
    client = login(invited_member)
    application = _start(client, geotextiles_benor, plant, ptv_version)

    client.post(
        url("application-edit", application.reference),
        {"programme": geotextiles_benor.pk, "production_unit": plant.pk, "notes": "One line only."},
    )

    application.refresh_from_db()
    assert application.notes == "One line only."
    assert application.ptv_version is None


def test_a_product_application_without_a_production_unit_is_refused_with_the_reason(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
):
    response = login(holder_member).post(
        url("application-new"), {"programme": geotextiles_benor.pk, "notes": ""}
    )

    assert response.status_code == 400
    assert "Product certification is per production unit" in response.content.decode()
    assert not Application.objects.exists()


def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_kept(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
):
    client = login(holder_member)
    application = _start(client, geotextiles_benor, plant, ptv_version)
    fake = SimpleUploadedFile("manual.pdf", b"MZ\x90\x00 an executable", "application/pdf")

    response = client.post(
        url("application-upload-add", application.reference),
        {"requirement": required_documents[0].pk, "file": fake},
    )

    assert response.status_code == 400
    assert "manual.pdf is not a real PDF file" in response.content.decode()
    assert not application.uploads.exists()


def test_an_upload_can_be_removed_from_a_draft(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
):
    client = login(holder_member)
    application = _start(client, geotextiles_benor, plant, ptv_version)
    client.post(
        url("application-upload-add", application.reference), {"file": pdf_upload("annex.pdf")}
    )
    upload = application.uploads.get()

    response = client.post(
        url("application-upload-remove", application.reference, upload.pk), follow=True
    )

    assert "annex.pdf is removed." in response.content.decode()
    assert not application.uploads.exists()


def test_a_draft_can_be_discarded(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
):
    client = login(holder_member)
    application = _start(client, geotextiles_benor, plant, ptv_version)

    response = client.post(url("application-discard", application.reference), follow=True)

    assert f"Draft {application.reference} is discarded." in response.content.decode()
    assert not Application.objects.exists()


def test_a_submitted_application_can_no_longer_be_changed(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
):
    client = login(holder_member)
    application = _start(client, geotextiles_benor, plant, ptv_version)
    client.post(url("application-contacts", application.reference), CONTACTS)
    client.post(
        url("application-upload-add", application.reference),
        {"requirement": required_documents[0].pk, "file": pdf_upload()},
    )
    client.post(url("application-submit", application.reference))

    response = client.post(url("application-discard", application.reference), follow=True)

    assert "it can no longer be changed" in response.content.decode()
    assert Application.objects.filter(pk=application.pk).exists()
    assert Certificate.objects.count() == 1


def test_a_user_of_several_organisations_chooses_for_which_one_to_apply(
    login,
    holder_member: User,
    holder: Organisation,
    other_holder: Organisation,
    geotextiles_benor: Programme,
    file_manager: User,
):
    from qualimark.parties.services import add_production_unit

    give_role(holder_member, other_holder, RoleKind.INVITED_USER)
    unit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    client = login(holder_member)
    form = client.get(url("application-new")).content.decode()
    assert "Textilia" in form
    assert "Geotex Belgium" in form

    client.post(
        url("application-new"),
        {
            "organisation": other_holder.pk,
            "programme": geotextiles_benor.pk,
            "production_unit": unit.pk,
        },
    )

    assert Application.objects.get().organisation == other_holder
