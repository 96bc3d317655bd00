"""The inspection report as a PDF, in Dutch, French or English.

It is what the holder receives by e-mail: the visit, the findings with the requirement
each concerns, the samples and the laboratory results known when it was printed, and
the last day on which the holder may comment. It is built with the same pieces as the
certificate (`documents/pdf.py`).
"""

from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from qualimark import clock
from qualimark.documents.pdf import (
    _day,
    _frame_width,
    _grid,
    _holder_text,
    _in_language,
    _p,
    _render,
    _rows_table,
    _Styles,
    _styles,
)
from qualimark.oversight.models import Finding, Inspection, Sample


def inspection_report_pdf(inspection: Inspection, *, language: str) -> bytes:
    """The report of `inspection` as a PDF in `language`, as it stands now."""
    return _in_language(language, lambda: _report_pdf(inspection.pk, language))


def _load(pk: int) -> Inspection:
    return (
        Inspection.objects.select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
            "body",
            "inspector",
        )
        .prefetch_related("findings__requirement__document", "samples__result")
        .get(pk=pk)
    )


def _report_pdf(pk: int, language: str) -> bytes:
    inspection = _load(pk)
    styles = _styles()
    width = _frame_width()
    title = _("Inspection report %(reference)s") % {"reference": inspection.reference}
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 2 * mm),
        _p(title, styles.title),
        Spacer(1, 4 * mm),
        _rows_table(_visit_rows(inspection), styles, width),
    ]
    if inspection.report_summary:
        story += [_p(_("Summary"), styles.heading), _p(inspection.report_summary, styles.body)]
    story += [_p(_("Findings"), styles.heading), Spacer(1, 2 * mm)]
    story.append(_findings(list(inspection.findings.all()), styles, width))
    story += [_p(_("Samples and laboratory results"), styles.heading), Spacer(1, 2 * mm)]
    story.append(_samples(list(inspection.samples.all()), styles, width))
    story += [_p(_("Your comments"), styles.heading), _p(_deadline_text(inspection), styles.body)]
    return _render(story, title=title, language=language, issued=clock.now())


def _visit_rows(inspection: Inspection) -> list[tuple[str, str]]:
    certificate = inspection.certificate
    visited = inspection.visited_on
    rows = [
        (_("Certificate number"), certificate.number),
        (_("Holder"), _holder_text(certificate.holder)),
        (_("Certification programme"), str(certificate.programme)),
        (_("Project and site") if inspection.on_site else _("Production unit"), _place(inspection)),
        (_("Inspection body"), inspection.body.name),
        (_("Inspector"), str(inspection.inspector)),
        (_("Date of the visit"), _day(visited) if visited else "…"),
        (_("Announced"), _("no, unannounced") if inspection.unannounced else _("yes")),
    ]
    if inspection.report_sent_at is not None:
        sent = timezone.localdate(inspection.report_sent_at)
        rows.append((_("Report sent on"), _day(sent)))
    return rows


def _place(inspection: Inspection) -> str:
    if inspection.on_site:
        town = f"{inspection.site_postal_code} {inspection.site_town}"
        return "\n".join((inspection.project_name, inspection.site_street, town))
    unit = inspection.certificate.production_unit
    if unit is None:
        return "…"
    return "\n".join((unit.name, unit.street, f"{unit.postal_code} {unit.town}"))


def _requirement(finding: Finding) -> str:
    if finding.requirement is None:
        return finding.requirement_text or "—"
    reference = f"{finding.requirement.document} ({finding.requirement.label})"
    if finding.clause:
        reference += f" §{finding.clause}"
    return f"{reference}\n{finding.requirement_text}".strip()


def _findings(findings: list[Finding], styles: _Styles, width: float) -> Flowable:
    if not findings:
        return _p(_("No findings were recorded."), styles.body)
    return _grid(
        [_("Finding"), _("Requirement"), _("Observation")],
        [[f.get_kind_display(), _requirement(f), f.observation] for f in findings],
        styles,
        [35 * mm, 60 * mm, width - 95 * mm],
    )


def _result(sample: Sample) -> str:
    result = getattr(sample, "result", None)
    if result is None:
        return _("awaited")
    verdict = _("conform") if result.conform else _("not conform")
    return _("%(verdict)s: %(result)s (received on %(date)s)") % {
        "verdict": verdict,
        "result": result.result,
        "date": _day(result.received_on),
    }


def _samples(samples: list[Sample], styles: _Styles, width: float) -> Flowable:
    if not samples:
        return _p(_("No samples were taken."), styles.body)
    return _grid(
        [_("Sample"), _("Characteristics"), _("Laboratory"), _("Taken on"), _("Result")],
        [
            [s.reference, s.characteristics, s.laboratory, _day(s.taken_on), _result(s)]
            for s in samples
        ],
        styles,
        [25 * mm, 40 * mm, 35 * mm, 25 * mm, width - 125 * mm],
    )


def _deadline_text(inspection: Inspection) -> str:
    deadline: date | None = inspection.comment_deadline
    if deadline is None:
        return _("The deadline for comments is set when the report is sent.")
    return _(
        "You may comment on this report until %(deadline)s inclusive (5 working days after "
        "it was sent). After that day the certification body assesses the findings."
    ) % {"deadline": _day(deadline)}
