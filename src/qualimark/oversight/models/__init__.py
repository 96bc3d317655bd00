"""The models of external oversight, one module per part of the work."""

from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models.bodies import InspectionBody
from qualimark.oversight.models.evaluations import (
    ConclusionKind,
    CorrectiveAction,
    Evaluation,
    FindingConclusion,
    Measure,
)
from qualimark.oversight.models.inspections import Inspection
from qualimark.oversight.models.reports import (
    NONCONFORMITIES,
    SERIOUS,
    Attachment,
    Comment,
    CommentAttachment,
    Finding,
    FindingKind,
    LabResult,
    Sample,
)

__all__ = [
    "NONCONFORMITIES",
    "SERIOUS",
    "Attachment",
    "Comment",
    "CommentAttachment",
    "ConclusionKind",
    "CorrectiveAction",
    "Evaluation",
    "Finding",
    "FindingConclusion",
    "FindingKind",
    "Inspection",
    "InspectionBody",
    "InspectionStatus",
    "LabResult",
    "Measure",
    "Sample",
]
