"""The services of the reference data: the versions of the documents the programmes follow."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User
from qualimark.journal.services import record
from qualimark.parties import roles
from qualimark.parties.roles import Capacity, act, performs
from qualimark.schemes.models import DocumentVersion, ReferenceDocument

# The rules a file is judged by are the body's reference data: its file managers keep them.
ADD_DOCUMENT_VERSION = act(
    "schemes.add_document_version",
    _("add a version of a reference document"),
    {Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR},
)


@performs(ADD_DOCUMENT_VERSION)
@transaction.atomic
def add_document_version(
    document: ReferenceDocument,
    *,
    by: User,
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
    # The reference documents are public: whoever is refused is refused for their role.
    ADD_DOCUMENT_VERSION.check(roles.standing(by, public=True))
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
