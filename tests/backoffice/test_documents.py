"""A file manager adds the new version of a PTV when it is published; decisions taken under
it from then on record it. The other staff and the auditor read the versions."""

from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.schemes.models import DocumentVersion, ReferenceDocument

from .conftest import SignIn


def test_a_file_manager_adds_a_version_that_is_checked_against_the_others(
    sign_in: SignIn, file_manager: User, ptv_829: ReferenceDocument, ptv_version: DocumentVersion
) -> None:
    client = sign_in(file_manager)
    page = client.get(reverse("backoffice:documents"))
    add = reverse("backoffice:document-version-new", args=(ptv_829.pk,))
    assert add.encode() in page.content
    before = ptv_829.versions.count()
    overlapping = client.post(add, {"label": "2027.1", "valid_from": ptv_version.valid_from})
    assert b"Nothing was recorded" in overlapping.content
    assert ptv_829.versions.count() == before
    unreadable = client.post(add, {"label": "2027.1", "valid_from": "soon"})
    assert b"Nothing was recorded" in unreadable.content
    inverted = client.post(
        add, {"label": "2018.1", "valid_from": "2018-06-30", "valid_until": "2018-01-01"}
    )
    assert "comes before its start" in inverted.text
    assert ptv_829.versions.count() == before

    added = client.post(
        add,
        {"label": "2018.1", "valid_from": "2018-01-01", "valid_until": "2018-12-31"},
        follow=True,
    )
    assert b"Version PTV 829 2018.1 is added." in added.content
    assert ptv_829.versions.filter(label="2018.1", valid_until="2018-12-31").exists()
    assert JournalEntry.objects.filter(
        action="document_version.added", actor=file_manager, object_repr="PTV 829 2018.1"
    ).exists()


def test_the_auditor_reads_the_versions_and_adds_none(
    sign_in: SignIn, auditor: User, ptv_829: ReferenceDocument, ptv_version: DocumentVersion
) -> None:
    client = sign_in(auditor)
    page = client.get(reverse("backoffice:documents"))
    assert ptv_version.label.encode() in page.content
    add = reverse("backoffice:document-version-new", args=(ptv_829.pk,))
    assert add.encode() not in page.content
    assert client.get(add).status_code == 403
    before = ptv_829.versions.count()
    assert (
        client.post(
            add, {"label": "9", "valid_from": "2017-01-01", "valid_until": "2017-02-01"}
        ).status_code
        == 403
    )
    assert ptv_829.versions.count() == before
