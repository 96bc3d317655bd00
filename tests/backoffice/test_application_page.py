"""An online application as the certification body reviews it: details, documents, admissibility."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.models import Application
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import DocumentVersion, Programme

from .conftest import PDF_BYTES, TODAY, SignIn


def test_a_file_manager_reviews_a_submitted_application_and_admits_it(
    sign_in: SignIn, file_manager: User, online_application: Application
) -> None:
    client = sign_in(file_manager)
    certificate = online_application.certificate
    assert certificate is not None
    queue = client.get(reverse("backoffice:queue"))
    page_url = reverse("backoffice:application", args=(online_application.reference,))
    assert page_url.encode() in queue.content

    page = client.get(page_url)
    text = page.content.decode()
    assert "Plant Lokeren" in text
    assert "PTV 829 2021.2" in text
    assert "an.peeters@geotex.example" in text
    assert "quality-manual.pdf" in text
    admit = reverse("backoffice:decide", args=(certificate.number, "admit"))
    reject = reverse("backoffice:decide", args=(certificate.number, "reject"))
    assert admit in text
    assert reject in text

    client.post(admit, {"reason": "Complete application.", "effective": TODAY.isoformat()})
    assert certificate.status_on(TODAY) == Status.ADMISSIBLE
    assert admit not in client.get(page_url).content.decode()


def test_the_documents_are_downloaded_through_a_checked_view(
    sign_in: SignIn, reviewer: User, online_application: Application
) -> None:
    upload = online_application.uploads.get()
    url = reverse("backoffice:application-upload", args=(online_application.reference, upload.pk))
    response = sign_in(reviewer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert "quality-manual.pdf" in response["Content-Disposition"]


def test_a_document_is_found_under_its_own_application_only(
    sign_in: SignIn,
    file_manager: User,
    online_application: Application,
    other_holder: Organisation,
    other_admin: User,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
) -> None:
    unit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    theirs = services.start_application(
        other_holder, by=other_admin, programme=geotextiles_benor, production_unit=unit
    )
    their_upload = services.add_upload(
        theirs,
        by=other_admin,
        requirement=None,
        upload=SimpleUploadedFile("secret.pdf", PDF_BYTES, "application/pdf"),
    )
    ours = online_application.uploads.get()
    client = sign_in(file_manager)

    def download(reference: str, upload_id: int) -> int:
        url = reverse("backoffice:application-upload", args=(reference, upload_id))
        return client.get(url).status_code

    assert download(online_application.reference, ours.pk) == 200
    assert download(online_application.reference, their_upload.pk) == 404
    assert download(theirs.reference, ours.pk) == 404
    assert download("A-2026-9999", ours.pk) == 404


def test_an_inspector_does_not_see_applications(
    sign_in: SignIn, inspector: User, body: object, online_application: Application
) -> None:
    url = reverse("backoffice:application", args=(online_application.reference,))
    assert sign_in(inspector).get(url).status_code == 404


def test_an_application_entered_by_staff_has_no_online_page_but_its_file_has_the_buttons(
    sign_in: SignIn, file_manager: User, application: Certificate
) -> None:
    response = sign_in(file_manager).get(reverse("backoffice:queue"))
    sections = {section.key: section for section in response.context["sections"]}
    assert sections["applications"].items[0].url == reverse(
        "backoffice:file", args=(application.number,)
    )
