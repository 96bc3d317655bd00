"""The documents an application must bring, per programme, as the regulations ask them.

A product applicant shows how it monitors its own production (the factory production
control manual and who answers for it) and may add the datasheets of its raw materials;
an executor shows its staff and equipment and how a typical site is run.
"""

from dataclasses import dataclass

from django.db import transaction

from qualimark.applications.models import RequiredDocument
from qualimark.schemes.models import Kind, Programme


@dataclass(frozen=True)
class Requirement:
    nl: str
    fr: str
    en: str
    mandatory: bool


PRODUCT = (
    Requirement(
        "Handboek van de zelfcontrole (fabriekscontrole)",
        "Manuel de l'autocontrôle (contrôle de production en usine)",
        "Self-monitoring (factory production control) manual",
        True,
    ),
    Requirement(
        "Organigram met de verantwoordelijke voor de zelfcontrole",
        "Organigramme avec le responsable de l'autocontrôle",
        "Organisation chart naming the person responsible for self-monitoring",
        True,
    ),
    Requirement(
        "Technische fiches van de grondstoffen",
        "Fiches techniques des matières premières",
        "Technical data sheets of the raw materials",
        False,
    ),
)
EXECUTION = (
    Requirement(
        "Handboek van de zelfcontrole",
        "Manuel de l'autocontrôle",
        "Self-monitoring manual",
        True,
    ),
    Requirement(
        "Lijst van het personeel en het materieel",
        "Liste du personnel et du matériel",
        "List of staff and equipment",
        True,
    ),
    Requirement(
        "Kwaliteitsplan van een typische werf",
        "Plan qualité d'un chantier type",
        "Quality plan of a typical site",
        False,
    ),
)


@transaction.atomic
def write_required_documents(programmes: list[Programme]) -> None:
    """Three documents per programme, in the order the application form asks them."""
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            programme=programme,
            name_nl=item.nl,
            name_fr=item.fr,
            name_en=item.en,
            mandatory=item.mandatory,
            position=position,
        )
        for programme in programmes
        for position, item in enumerate(
            EXECUTION if programme.scheme.kind == Kind.EXECUTION else PRODUCT, start=1
        )
    )
