"""Uploads: only PDF, PNG, JPEG, DOCX and XLSX, checked by name and by content, within the limit."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import Application, ApplicationUpload, RequiredDocument
from qualimark.schemes.models import Programme
from qualimark.uploads import clean_file_name
from tests.applications.conftest import pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
ZIP = b"PK\x03\x04" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("manual.pdf", b"%PDF-1.4 ...", "application/pdf"),
        ("plan.PNG", PNG, "image/png"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        (
            "organisation.docx",
            ZIP,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "tests.xlsx",
            ZIP,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_an_allowed_document_is_kept_with_its_type(
    draft: Application, holder_member: User, name: str, content: bytes, content_type: str
) -> None:
    upload = services.add_upload(
        draft,
        by=holder_member,
        requirement=None,
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    )

    assert upload.original_name == name
    assert upload.content_type == content_type  # what the bytes are, not what the browser said
    assert upload.size == len(content)


def test_the_file_is_stored_under_media_applications_with_its_content(
    draft: Application, holder_member: User, tmp_path: Path
) -> None:
    upload = services.add_upload(draft, by=holder_member, requirement=None, upload=pdf())

    stored = Path(upload.file.path)
    assert stored.is_relative_to(tmp_path / "applications")
    assert stored.read_bytes().startswith(b"%PDF")
    assert "document" not in stored.name  # a random name: nothing typed reaches the disk


def test_a_type_that_is_not_allowed_is_refused(draft: Application, holder_member: User) -> None:
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/pdf")

    with pytest.raises(InvalidApplicationDraft, match=r"setup\.exe is not an accepted type"):
        services.add_upload(draft, by=holder_member, requirement=None, upload=exe)
    assert not ApplicationUpload.objects.exists()


def test_a_file_whose_content_does_not_match_its_name_is_refused(
    draft: Application, holder_member: User, tmp_path: Path
) -> None:
    disguised = SimpleUploadedFile("manual.pdf", b"MZ\x90\x00 not a pdf")

    with pytest.raises(InvalidApplicationDraft, match="not a real PDF file"):
        services.add_upload(draft, by=holder_member, requirement=None, upload=disguised)
    assert not ApplicationUpload.objects.exists()
    assert not (tmp_path / "applications").exists()


def test_a_file_above_the_limit_is_refused(
    draft: Application, holder_member: User, settings: Any
) -> None:
    settings.QUALIMARK_UPLOAD_MAX_MB = 1
    big = pdf("big.pdf", b"%PDF" + b"0" * (1024 * 1024))

    with pytest.raises(InvalidApplicationDraft, match=r"big\.pdf is larger than 1 MB"):
        services.add_upload(draft, by=holder_member, requirement=None, upload=big)


def test_a_file_at_the_limit_is_accepted(
    draft: Application, holder_member: User, settings: Any
) -> None:
    settings.QUALIMARK_UPLOAD_MAX_MB = 1
    just = pdf("just.pdf", b"%PDF" + b"0" * (1024 * 1024 - 4))

    assert services.add_upload(draft, by=holder_member, requirement=None, upload=just).pk


def test_an_empty_file_is_refused(draft: Application, holder_member: User) -> None:
    with pytest.raises(InvalidApplicationDraft, match=r"empty\.pdf is empty"):
        services.add_upload(draft, by=holder_member, requirement=None, upload=pdf("empty.pdf", b""))


def test_a_document_of_another_programme_is_refused(
    draft: Application, holder_member: User, road_marking: Programme
) -> None:
    foreign = RequiredDocument.objects.create(
        programme=road_marking, name_nl="Personeelslijst", name_fr="Liste du personnel"
    )

    with pytest.raises(InvalidApplicationDraft, match="is not asked for"):
        services.add_upload(draft, by=holder_member, requirement=foreign, upload=pdf())


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\Kwaliteitshandboek v2.pdf", "Kwaliteitshandboek v2.pdf"),
        ('rapport"; filename="x.pdf', "rapport filename=x.pdf"),
        ("line\nbreak.pdf", "linebreak.pdf"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_without_paths_or_unsafe_characters(
    given: str, kept: str
) -> None:
    assert clean_file_name(given) == kept


def test_removing_an_upload_deletes_its_file_after_commit(
    draft: Application,
    holder_member: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    upload = services.add_upload(draft, by=holder_member, requirement=None, upload=pdf())
    path = Path(upload.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_upload(upload, by=holder_member)

    assert not ApplicationUpload.objects.filter(pk=upload.pk).exists()
    assert not path.exists()
