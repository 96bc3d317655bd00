"""Letters that go out with e-mails: the decision letter, and the attachment builders.

A decision letter tells the holder what was decided on its file, from when, why, on what
evidence, by whom, and how to appeal (ISO/IEC 17065, 7.6 and 7.13). It is built with the
same pieces as the certificate (`documents/pdf.py`).

The `*_attachment` functions are what the outbox calls when it sends an e-mail (see
`notifications.outbox.Attachment`): they take the object's id and the language, and
return (filename, content, mimetype). The document is made then, not when the e-mail is
queued, so that no PDF is rendered inside the step's transaction.
"""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from qualimark import clock
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Decision
from qualimark.documents.pdf import (
    _day,
    _frame_width,
    _holder_text,
    _in_language,
    _moment,
    _p,
    _render,
    _rows_table,
    _styles,
)
from qualimark.documents.reports import inspection_report_pdf
from qualimark.oversight.models import Inspection

PDF = "application/pdf"


def inspection_report_attachment(inspection_id: int, *, language: str) -> tuple[str, bytes, str]:
    """The report of an inspection as it stands when the e-mail is sent."""
    inspection = Inspection.objects.get(pk=inspection_id)
    pdf = inspection_report_pdf(inspection, language=language)
    return f"inspection-report-{inspection.reference}.pdf", pdf, PDF


def decision_letter_attachment(decision_id: int, *, language: str) -> tuple[str, bytes, str]:
    decision = Decision.objects.select_related("certificate").get(pk=decision_id)
    pdf = decision_letter_pdf(decision, language=language)
    return f"decision-{decision.certificate.number}-{decision.pk}.pdf", pdf, PDF


def transition_label(decision: Decision) -> str:
    """The decision in words, as a heading: "Suspend the certificate"."""
    return capfirst(str(Transition(decision.transition).label))


def decision_letter_pdf(decision: Decision, *, language: str) -> bytes:
    """The letter announcing `decision` to the holder, as a PDF in `language`."""
    return _in_language(language, lambda: _decision_letter_pdf(decision.pk, language))


def _status_label(value: str) -> str:
    return str(Status(value).label) if value else "—"


def _decision_rows(decision: Decision) -> list[tuple[str, str]]:
    certificate = decision.certificate
    rows = [
        (_("Certificate number"), certificate.number),
        (_("Certification programme"), str(certificate.programme)),
        (_("Decision"), transition_label(decision)),
        *_annulled_rows(decision),
        (_("Status before"), _status_label(decision.from_status)),
        (_("Status after"), _status_label(decision.to_status)),
        (_("Effective from"), _day(decision.effective)),
    ]
    if decision.until is not None:
        rows.append((_("Until"), _day(decision.until)))
    if decision.expires_on is not None:
        rows.append((_("Expires on"), _day(decision.expires_on)))
    documents = ", ".join(sorted(str(version) for version in decision.document_versions.all()))
    rows += [
        (_("Reference documents in force"), documents or "—"),
        (_("Decided by"), str(decision.decided_by)),
        (_("Decided on"), _moment(decision.decided_at)),
    ]
    return rows


def _annulled_rows(decision: Decision) -> list[tuple[str, str]]:
    """The decision an annulment on appeal annuls: from its date, as if never taken."""
    annulled = decision.annuls
    if annulled is None:
        return []
    return [
        (
            _("Annuls"),
            _("%(decision)s, effective %(date)s")
            % {
                "decision": transition_label(annulled),
                "date": _day(annulled.effective),
            },
        )
    ]


def _decision_letter_pdf(pk: int, language: str) -> bytes:
    decision = Decision.objects.select_related(
        "certificate__holder",
        "certificate__programme__scheme",
        "certificate__programme__subject",
        "decided_by",
    ).get(pk=pk)
    certificate = decision.certificate
    styles = _styles()
    width = _frame_width()
    title = _("Decision on certificate %(number)s") % {"number": certificate.number}
    evidence = [item.description for item in decision.evidence.order_by("id")]
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 6 * mm),
        _p(_holder_text(certificate.holder), styles.body),
        Spacer(1, 8 * mm),
        _p(title, styles.title),
        Spacer(1, 4 * mm),
        _rows_table(_decision_rows(decision), styles, width),
        _p(_("Reason"), styles.heading),
        _p(decision.reason, styles.body),
        _p(_("Evidence"), styles.heading),
        _p("\n".join(f"– {item}" for item in evidence) or _("No evidence listed."), styles.body),
        _p(_("Appeal"), styles.heading),
        _p(
            _(
                "You may appeal against this decision in writing to the Appeal Committee of "
                "%(body)s, quoting certificate %(number)s and the date of this decision, with "
                "the grounds of your appeal."
            )
            % {"body": settings.QUALIMARK_CB_NAME, "number": certificate.number},
            styles.body,
        ),
    ]
    return _render(story, title=title, language=language, issued=clock.now())
