"""The search index kept from the change feed (`feed.services`, `QUALIMARK_PROJECTORS`).

A file enters the public index with its trial period (its holder with it); a datasheet
with its first published version. Names and codes are what the index holds: a later change
of status is read at query time, not indexed.
"""

from django.db import models

from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.feed.models import Change
from qualimark.search.indexing import index_certificate, index_datasheet


def project(change: Change, obj: models.Model) -> None:
    if change.kind == "certificate.decision" and change.data.get("to") == Status.TRIAL:
        assert isinstance(obj, Certificate)
        index_certificate(obj)
    elif change.kind == "datasheet.published":
        assert isinstance(obj, Datasheet)
        index_datasheet(obj)
