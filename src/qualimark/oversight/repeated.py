"""Repeated serious nonconformities: the same requirement broken again at the next visit.

A confirmed (or reclassified) major or critical nonconformity repeats one of the previous
evaluated inspection of the same file when both concern the same clause of the same
reference document, whatever its version: the requirement is the same even if the
document was revised in between.
"""

from django.db.models import QuerySet

from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import SERIOUS, FindingConclusion, Inspection

Requirement = tuple[int, str]


def _clause(text: str) -> str:
    """A clause as written by different people: "§ 5.2", "5.2 ", "5.2" are one clause."""
    return text.replace("§", "").strip().rstrip(".").lower()


def _serious_requirements(inspection: Inspection) -> dict[Requirement, str]:
    """The requirements of the inspection's serious nonconformities after evaluation."""
    conclusions: QuerySet[FindingConclusion] = FindingConclusion.objects.filter(
        finding__inspection=inspection, finding__requirement__isnull=False
    ).select_related("finding__requirement__document")
    found: dict[Requirement, str] = {}
    for conclusion in conclusions:
        finding = conclusion.finding
        if conclusion.retained_kind in SERIOUS and finding.requirement is not None:
            key = (finding.requirement.document_id, _clause(finding.clause))
            found[key] = f"{finding.requirement.document} §{finding.clause}"
    return found


def previous_evaluated(inspection: Inspection) -> Inspection | None:
    """The evaluated inspection of the same file visited last before this one."""
    return (
        Inspection.objects.filter(
            certificate_id=inspection.certificate_id,
            status=InspectionStatus.EVALUATED,
            visited_on__lte=inspection.visited_on,
        )
        .exclude(pk=inspection.pk)
        .order_by("-visited_on", "-id")
        .first()
    )


def repeated_nonconformities(inspection: Inspection) -> list[str]:
    """The requirements (e.g. "PTV 829 §5.2") on which a serious nonconformity repeats."""
    previous = previous_evaluated(inspection)
    if previous is None:
        return []
    now = _serious_requirements(inspection)
    before = _serious_requirements(previous)
    return sorted(label for key, label in now.items() if key in before)
