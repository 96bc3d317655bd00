from datetime import date

from django.db import transaction

from qualimark.accounts.models import User
from qualimark.journal.services import record
from qualimark.schemes.models import DocumentVersion, ReferenceDocument


@transaction.atomic
def add_document_version(
    document: ReferenceDocument,
    *,
    by: User | None,
    label: str,
    valid_from: date,
    valid_until: date | None = None,
    inspections_min_per_year: int | None = None,
    inspections_max_per_year: int | None = None,
) -> DocumentVersion:
    """Add a version to `document`; an inverted or overlapping period is refused.

    The document row is locked so that two versions added at once cannot both pass the
    overlap check.
    """
    ReferenceDocument.objects.select_for_update().get(pk=document.pk)
    version = DocumentVersion(
        document=document,
        label=label,
        valid_from=valid_from,
        valid_until=valid_until,
        inspections_min_per_year=inspections_min_per_year,
        inspections_max_per_year=inspections_max_per_year,
    )
    version.full_clean()
    version.save()
    record(
        "document_version.added",
        version,
        actor=by,
        data={"label": label, "valid_from": valid_from, "valid_until": valid_until},
    )
    return version
