"""States of an online application, each reached through the services."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.models import Application, RequiredDocument
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import (
    DocumentVersion,
    Kind,
    Programme,
    Scheme,
    Subject,
)

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted as written (in English); a test may switch to another language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def pdf(name: str = "document.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def required_documents(geotextiles_benor: Programme) -> dict[str, RequiredDocument]:
    """What the regulation of geotextiles asks of an applicant ."""

    names = {
        "manual": ("Kwaliteitshandboek", "Manuel qualité", "Quality manual", True),
        "fpc": ("Plan productiecontrole", "Plan du contrôle de production", "FPC plan", True),
        "brochure": ("Productbrochure", "Brochure du produit", "Product brochure", False),
    }
    return {
        key: RequiredDocument.objects.create(
            programme=geotextiles_benor,
            name_nl=nl,
            name_fr=fr,
            name_en=en,
            mandatory=mandatory,
            position=position,
        )
        for position, (key, (nl, fr, en, mandatory)) in enumerate(names.items(), 1)
    }


@pytest.fixture
def draft(
    holder: Organisation,
    holder_member: User,
    geotextiles_benor: Programme,
    plant: ProductionUnit,
    ptv_version: DocumentVersion,
    required_documents: dict[str, RequiredDocument],
) -> Application:
    """An Peeters's draft application of Geotex Belgium for BENOR geotextiles."""
    return services.start_application(
        holder,
        by=holder_member,
        programme=geotextiles_benor,
        production_unit=plant,
        ptv_version=ptv_version,
        notes="Nonwoven geotextiles made at Zeehaven.",
    )


@pytest.fixture
def complete(
    draft: Application, holder_member: User, required_documents: dict[str, RequiredDocument]
) -> Application:
    """The draft with its mandatory documents and a contact: ready to submit."""
    services.add_upload(
        draft, by=holder_member, requirement=required_documents["manual"], upload=pdf("qm.pdf")
    )
    services.add_upload(
        draft, by=holder_member, requirement=required_documents["fpc"], upload=pdf("fpc.pdf")
    )
    services.set_contacts(
        draft,
        by=holder_member,
        contacts=[
            services.ContactDetails(
                name="An Peeters", function="Quality manager", email="an.peeters@geotex.example"
            )
        ],
    )
    return draft


@pytest.fixture
def road_marking(db: None, file_manager: User) -> Programme:
    """An execution programme: certified per execution type, never per production unit."""
    scheme = Scheme.objects.create(
        code="COPRO.EXE", name="COPRO.EXE", owner="COPRO", kind=Kind.EXECUTION
    )
    subject = Subject.objects.create(
        code="road-marking",
        kind=Kind.EXECUTION,
        name_nl="Wegmarkeringen",
        name_fr="Marquages routiers",
        name_en="Road markings",
    )
    return Programme.objects.create(scheme=scheme, subject=subject)


APPLIED_ON = date(2026, 3, 16)
