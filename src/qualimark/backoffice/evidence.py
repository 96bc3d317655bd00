"""A decision's evidence as the back-office shows it: each piece links to the record it is.

A report or its evaluation opens the inspection page, a complaint its own page, a file
sent with the decision downloads, a link elsewhere opens as it was given; a reference
document version is named (its text is the body's reference data).
"""

from django.db.models import Prefetch
from django.urls import reverse

from qualimark.certification.models import Evidence

# What the pages prefetch to show the evidence of many decisions in one query.
EVIDENCE = Prefetch(
    "evidence",
    Evidence.objects.select_related(
        "report", "evaluation__inspection", "complaint", "document_version__document"
    ).order_by("id"),
)


def evidence_link(item: Evidence, number: str) -> tuple[str, str]:
    """What the evidence of a decision on file `number` is called, and where it opens ("" when
    it opens nowhere)."""
    if item.report is not None:
        return item.description, reverse("backoffice:inspection", args=(item.report.reference,))
    if item.evaluation is not None:
        reference = item.evaluation.inspection.reference
        return item.description, reverse(
            "backoffice:inspection", args=(reference,)
        ) + "#evaluation-title"
    if item.complaint is not None:
        return item.description, reverse("backoffice:complaint", args=(item.complaint.reference,))
    if item.file:
        return item.description, reverse("backoffice:evidence-file", args=(number, item.pk))
    if item.url.startswith(("https://", "http://")):
        return item.description, item.url
    return (f"{item.description} ({item.url})" if item.url else item.description), ""
