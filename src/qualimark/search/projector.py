"""The search index kept from the change feed (`feed.services`, `QUALIMARK_PROJECTORS`).

A file enters the public index with its trial period (its holder with it); a datasheet
with its first published version. Every change of a certificate or of a datasheet writes
again the statuses its entries keep (`search.statuses`), in the change's transaction; a
holder, mark, subject or programme renamed indexes again every entry that shows its name.
"""

from django.db import models

from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, showing_name_of
from qualimark.datasheets.models import Datasheet
from qualimark.feed.models import Change
from qualimark.search import statuses
from qualimark.search.indexing import index_certificate, index_datasheet, reindex_certificates
from qualimark.search.models import SearchEntry


def project(change: Change, obj: models.Model) -> None:
    if change.kind.endswith(".changed") and not isinstance(obj, Certificate | Datasheet):
        _renamed(obj)
    elif change.kind.startswith("certificate."):
        assert isinstance(obj, Certificate)
        if change.kind == "certificate.decision" and change.data.get("to") == Status.TRIAL:
            index_certificate(obj)
        # The certificate's entry and those of its datasheets.
        statuses.refresh(SearchEntry.objects.filter(certificate_id=obj.pk))
    elif change.kind.startswith("datasheet."):
        assert isinstance(obj, Datasheet)
        if change.kind == "datasheet.published":
            index_datasheet(obj)
        else:
            statuses.refresh(SearchEntry.objects.filter(datasheet_id=obj.pk))


def _renamed(obj: models.Model) -> None:
    certificates = showing_name_of(obj)
    if certificates is not None:
        reindex_certificates(list(certificates.values_list("pk", flat=True)))
