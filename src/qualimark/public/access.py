"""How the pages find what the public may see (the rule itself: `registry.access`)."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet

from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.registry.access import PUBLIC_STATUSES, is_public, is_published, public_certificates


def _typeable(raw: str) -> bool:
    # A control character is no code of ours; PostgreSQL cannot even compare a NUL byte.
    return raw.isprintable() and len(raw) <= 64


def certificates() -> QuerySet[Certificate]:
    """Public certificates, with what their pages show."""
    return (
        public_certificates()
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .prefetch_related("status_periods")
    )


def certificate(number: str) -> Certificate | None:
    """The public certificate numbered `number` (case and spaces ignored), with its datasheets."""
    if not _typeable(number):
        return None
    normalised = "".join(number.split()).upper()
    found = (
        certificates()
        .prefetch_related(
            Prefetch(
                "datasheets",
                queryset=Datasheet.objects.prefetch_related("status_periods", "versions"),
            )
        )
        .filter(number=normalised)
        .first()
    )
    return found


def datasheet(quick_code: str) -> Datasheet | None:
    """The datasheet with `quick_code` if it was ever published."""
    if not _typeable(quick_code):
        return None
    found = (
        Datasheet.objects.filter(quick_code="".join(quick_code.split()))
        .select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
        )
        .prefetch_related("status_periods", "versions", "certificate__status_periods")
        .first()
    )
    return found if found is not None and is_published(found) else None


def holder(enterprise_number: str) -> tuple[Organisation, list[Certificate]] | None:
    """The organisation with this enterprise number and its public certificates, if any."""
    if not _typeable(enterprise_number):
        return None
    try:
        compact = clean_enterprise_number(enterprise_number)
    except ValidationError:
        return None
    organisation = Organisation.objects.filter(enterprise_number=compact).first()
    if organisation is None:
        return None
    held = list(certificates().filter(holder=organisation))
    return (organisation, held) if held else None


__all__ = ["PUBLIC_STATUSES", "certificate", "certificates", "datasheet", "holder", "is_public"]
