"""Everything that happened to a certification file, on one timeline, newest first.

The file page reads its story from the records the services keep: the online
application, decisions, inspections and what came of them, sanctions and proposals,
datasheets and their proposals, lapses, and the journal of the certificate. Each kind is
read in a fixed number of queries, so that the page costs the same for a file with two
events or two hundred.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark.accounts.models import User
from qualimark.applications.models import Application
from qualimark.backoffice.annulments import anchor, annulment_note, with_annulments
from qualimark.backoffice.evidence import EVIDENCE, evidence_link
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate, Decision, InvolvementRole, Lapse
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
)
from qualimark.datasheets.quickcodes import format_code
from qualimark.journal.models import JournalEntry
from qualimark.journal.services import entries_for
from qualimark.oversight.models import (
    Comment,
    CorrectiveAction,
    Evaluation,
    Finding,
    Inspection,
    Sample,
)
from qualimark.sanctions.models import Proposal, Sanction


@dataclass(frozen=True)
class Event:
    """One line of the file's story."""

    at: datetime
    kind: str  # a stable slug: "decision", "inspection", "datasheet"…
    label: str  # the kind, in words
    actor: str  # who did it; "" when the system did (a date passed, a daily run)
    text: str
    url: str = ""
    # Records the event rests on (a decision's evidence): (text, url), url "" if none.
    links: tuple[tuple[str, str], ...] = ()
    anchor: str = ""  # the event's id on the page, for links to it
    # A word on the event with a link: an annulment on appeal, or the decision it annulled.
    note: str = ""
    note_url: str = ""
    annulled: bool = False


KINDS = {
    "application": gettext_lazy("online application"),
    "decision": gettext_lazy("decision"),
    "inspection": gettext_lazy("inspection"),
    "finding": gettext_lazy("finding"),
    "sample": gettext_lazy("sample"),
    "comment": gettext_lazy("comment"),
    "evaluation": gettext_lazy("evaluation"),
    "corrective_action": gettext_lazy("corrective action"),
    "sanction": gettext_lazy("sanction"),
    "proposal": gettext_lazy("proposed next step"),
    "datasheet": gettext_lazy("datasheet"),
    "datasheet_proposal": gettext_lazy("datasheet proposal"),
    "lapse": gettext_lazy("change by date"),
    "journal": gettext_lazy("journal"),
}

# Journal actions on the certificate that other events already tell (decisions, lapses).
_TOLD_ELSEWHERE = {"certificate.applied"} | {
    f"certificate.{value}" for value in [*Transition.values, "suspension_ended", "expired"]
}
# Journal actions on an inspection that become events of their own kind below.
_INSPECTION_STEPS = {
    "inspection.planned": gettext_lazy("Inspection %(reference)s planned for %(date)s."),
    "inspection.reassigned": gettext_lazy(
        "Inspection %(reference)s reassigned to %(inspector)s for %(date)s."
    ),
    "inspection.carried_out": gettext_lazy("Inspection %(reference)s carried out on %(date)s."),
    "inspection.summary_written": gettext_lazy("Summary of the report of %(reference)s written."),
    "inspection.report_sent": gettext_lazy(
        "Report %(reference)s sent to the holder; comments until %(deadline)s."
    ),
    "inspection.report_delivered": gettext_lazy("Report %(reference)s delivered to %(to)s."),
    "inspection.report_not_delivered": gettext_lazy(
        "Report %(reference)s could not be delivered to %(to)s."
    ),
    "inspection.comment_window_closed": gettext_lazy(
        "Comment window on report %(reference)s closed."
    ),
    "inspection.cancelled": gettext_lazy("Inspection %(reference)s cancelled: %(reason)s"),
    "inspection.attachment_added": gettext_lazy("File attached to %(reference)s: %(description)s"),
}


# The journal entries that date a record of an inspection: (inspection id, kind, key).
_Recorded = dict[tuple[int, str, str], JournalEntry]


def file_timeline(certificate: Certificate, *, evidence: bool = True) -> list[Event]:
    """Every event of `certificate`'s file, newest first; with `evidence`, what each
    decision rests on (for the body's staff: it may name a complaint)."""
    events = [
        *_application(certificate),
        *_decisions(certificate, evidence=evidence),
        *_lapses(certificate),
        *_oversight(certificate),
        *_sanctions(certificate),
        *_datasheets(certificate),
        *_datasheet_proposals(certificate),
        *_journal(certificate),
    ]
    # Each kind is told oldest first; of events of the same moment (an application
    # submitted opens the file in the same instant) the one told last is the newest.
    return sorted(reversed(events), key=lambda event: event.at, reverse=True)


def _moment(day: date) -> datetime:
    """A day as the start of that day, for events that only know their date."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _day(day: date | None) -> str:
    return date_format(day) if day else "…"


def _name(user: User | None) -> str:
    return str(user) if user is not None else ""


def _event(kind: str, at: datetime, actor: User | None, text: str, url: str = "") -> Event:
    return Event(at, kind, str(KINDS[kind]), _name(actor), text, url)


def _application(certificate: Certificate) -> Iterator[Event]:
    application = (
        Application.objects.filter(certificate=certificate)
        .select_related("created_by", "submitted_by", "ptv_version__document")
        .prefetch_related("contacts", "uploads")
        .first()
    )
    if application is None:
        return
    url = reverse("backoffice:application", args=(application.reference,))
    yield _event(
        "application",
        application.created_at,
        application.created_by,
        _("Online application %(reference)s started.") % {"reference": application.reference},
        url,
    )
    if application.submitted_at is not None:
        contacts = ", ".join(contact.name for contact in application.contacts.all()) or "—"
        uploads = ", ".join(upload.original_name for upload in application.uploads.all()) or "—"
        yield _event(
            "application",
            application.submitted_at,
            application.submitted_by,
            _(
                "Online application %(reference)s submitted. Contacts: %(contacts)s. "
                "Documents: %(uploads)s."
            )
            % {"reference": application.reference, "contacts": contacts, "uploads": uploads},
            url,
        )


def _decisions(certificate: Certificate, *, evidence: bool) -> Iterator[Event]:
    decisions = (
        with_annulments(Decision.objects.filter(certificate=certificate))
        .select_related("decided_by")
        .prefetch_related(EVIDENCE, "document_versions__document")
        .order_by("id")
    )
    for decision in decisions:
        note, note_url = annulment_note(decision)
        event = replace(
            _event("decision", decision.decided_at, decision.decided_by, _decision_text(decision)),
            anchor=anchor(decision),
            note=note,
            note_url=note_url,
            annulled=decision.annulled_by is not None,
        )
        if not evidence:
            yield event
            continue
        pieces = decision.evidence.all()
        yield replace(event, links=tuple(evidence_link(e, certificate.number) for e in pieces))


def _decision_text(decision: Decision) -> str:
    parts = [
        _("%(decision)s: %(from)s → %(to)s, effective %(date)s.")
        % {
            "decision": str(decision.get_transition_display()).capitalize(),
            "from": Status(decision.from_status).label if decision.from_status else "—",
            "to": Status(decision.to_status).label,
            "date": _day(decision.effective),
        }
    ]
    if decision.until:
        parts.append(_("Until %(date)s.") % {"date": _day(decision.until)})
    if decision.expires_on and decision.transition in (Transition.GRANT, Transition.RENEW):
        parts.append(_("Expires on %(date)s.") % {"date": _day(decision.expires_on)})
    parts.append(decision.reason)
    documents = sorted(str(version) for version in decision.document_versions.all())
    if documents:
        parts.append(_("Under %(documents)s.") % {"documents": ", ".join(documents)})
    return " ".join(parts)


def _lapses(certificate: Certificate) -> Iterator[Event]:
    for lapse in Lapse.objects.filter(certificate=certificate).order_by("id"):
        yield _event(
            "lapse",
            lapse.noted_at,
            None,
            _("%(what)s on %(date)s.")
            % {"what": str(lapse.get_kind_display()).capitalize(), "date": _day(lapse.on)},
        )


def _oversight(certificate: Certificate) -> Iterator[Event]:
    inspections = list(
        Inspection.objects.filter(certificate=certificate)
        .select_related("inspector", "evaluation__evaluated_by")
        .prefetch_related(
            Prefetch(
                "findings", Finding.objects.select_related("requirement__document", "conclusion")
            ),
            Prefetch("samples", Sample.objects.select_related("result__recorded_by")),
            Prefetch("comments", Comment.objects.select_related("by")),
            Prefetch("corrective_actions", CorrectiveAction.objects.select_related("closed_by")),
        )
        .order_by("id")
    )
    if not inspections:
        return
    by_pk = {inspection.pk: inspection for inspection in inspections}
    journal = (
        JournalEntry.objects.filter(
            object_type=Inspection._meta.label_lower, object_id__in=[str(pk) for pk in by_pk]
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    recorded: _Recorded = {}
    for entry in journal:
        inspection = by_pk[int(entry.object_id)]
        if entry.action in _INSPECTION_STEPS:
            yield _inspection_step(inspection, entry)
        for kind, key in (("finding", "finding"), ("sample", "sample")):
            if entry.action == f"inspection.{kind}_added" and key in entry.data:
                recorded[(inspection.pk, kind, str(entry.data[key]))] = entry
    for inspection in inspections:
        yield from _inspection_records(inspection, recorded)


def _inspection_url(inspection: Inspection) -> str:
    return reverse("backoffice:inspection", args=(inspection.reference,))


def _inspection_step(inspection: Inspection, entry: JournalEntry) -> Event:
    data = entry.data
    values = {
        "reference": inspection.reference,
        "date": _parsed_day(data.get("planned_on") or data.get("visited_on")),
        "deadline": _parsed_day(data.get("comment_deadline")),
        "to": ", ".join(data.get("to") or data.get("recipients") or []),
        "reason": data.get("reason", ""),
        "description": data.get("description", ""),
        "inspector": data.get("inspector_name", ""),
    }
    return _event(
        "inspection",
        entry.at,
        entry.actor,
        str(_INSPECTION_STEPS[entry.action]) % values,
        _inspection_url(inspection),
    )


def _parsed_day(value: Any) -> str:
    """A date the journal kept as text (JSON), formatted for people."""
    if not value:
        return "…"
    try:
        return date_format(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _inspection_records(inspection: Inspection, recorded: _Recorded) -> Iterator[Event]:
    url = _inspection_url(inspection)
    visit = _moment(inspection.visited_on or inspection.planned_on)
    for finding in inspection.findings.all():
        # When and by whom is in the journal; a finding brought over without one is
        # placed on the day of the visit.
        entry = recorded.get((inspection.pk, "finding", str(finding.pk)))
        yield _event(
            "finding",
            entry.at if entry else visit,
            entry.actor if entry else inspection.inspector,
            f"{inspection.reference} – {finding}: {finding.observation}",
            url,
        )
    yield from _samples(inspection, url, recorded)
    for comment in inspection.comments.all():
        yield _event(
            "comment",
            comment.at,
            comment.by,
            _("Comment on report %(reference)s: %(text)s")
            % {"reference": inspection.reference, "text": comment.text},
            url,
        )
    evaluation = getattr(inspection, "evaluation", None)
    if evaluation is not None:
        yield _event(
            "evaluation",
            evaluation.evaluated_at,
            evaluation.evaluated_by,
            _evaluation_text(inspection, evaluation),
            url,
        )
    yield from _corrective_actions(inspection, url, evaluation)


def _samples(inspection: Inspection, url: str, recorded: _Recorded) -> Iterator[Event]:
    for sample in inspection.samples.all():
        entry = recorded.get((inspection.pk, "sample", sample.reference))
        yield _event(
            "sample",
            entry.at if entry else _moment(sample.taken_on),
            entry.actor if entry else None,
            _("Sample %(sample)s of %(reference)s taken for %(laboratory)s: %(what)s.")
            % {
                "sample": sample.reference,
                "reference": inspection.reference,
                "laboratory": sample.laboratory,
                "what": sample.characteristics,
            },
            url,
        )
        result = getattr(sample, "result", None)
        if result is not None:
            yield _event(
                "sample",
                result.recorded_at,
                result.recorded_by,
                _("Laboratory result on sample %(sample)s (%(verdict)s): %(result)s")
                % {
                    "sample": sample.reference,
                    "verdict": _("conform") if result.conform else _("not conform"),
                    "result": result.result,
                },
                url,
            )


def _evaluation_text(inspection: Inspection, evaluation: Evaluation) -> str:
    conclusions = [
        f"{finding}: {finding.conclusion.get_conclusion_display()}"
        for finding in inspection.findings.all()
        if getattr(finding, "conclusion", None) is not None
    ]
    text = _("Report %(reference)s evaluated: %(measure)s.") % {
        "reference": inspection.reference,
        "measure": evaluation.get_measure_display(),
    }
    if conclusions:
        text += " " + _("Conclusions: %(conclusions)s.") % {"conclusions": "; ".join(conclusions)}
    if evaluation.note:
        text += f" {evaluation.note}"
    return text


def _corrective_actions(
    inspection: Inspection, url: str, evaluation: Evaluation | None
) -> Iterator[Event]:
    for action in inspection.corrective_actions.all():
        yield _event(
            "corrective_action",
            action.created_at,
            evaluation.evaluated_by if evaluation is not None else None,
            _("Corrective action asked by %(date)s: %(description)s")
            % {"date": _day(action.due_on), "description": action.description},
            url,
        )
        if action.closed_on is not None:
            yield _event(
                "corrective_action",
                _moment(action.closed_on),
                action.closed_by,
                _("Corrective action closed: %(note)s") % {"note": action.closing_note},
                url,
            )


def _sanctions(certificate: Certificate) -> Iterator[Event]:
    # Sanctions are shown, ended and lifted in their section of the file page.
    section = reverse("backoffice:file", args=(certificate.number,)) + "#sanctions-title"
    for sanction in Sanction.objects.filter(certificate=certificate).select_related("decided_by"):
        yield _event(
            "sanction",
            sanction.decided_at,
            sanction.decided_by,
            _sanction_text(sanction),
            section,
        )
        if sanction.ended_on is not None:
            text = _("%(kind)s ended on %(date)s: %(reason)s") % {
                "kind": str(sanction.get_kind_display()).capitalize(),
                "date": _day(sanction.ended_on),
                "reason": sanction.ended_reason,
            }
            if sanction.revoked:
                text += " " + _("(revoked on appeal)")
            yield _event("sanction", _moment(sanction.ended_on), None, text, section)
    for proposal in Proposal.objects.filter(certificate=certificate).select_related("resolved_by"):
        yield _event(
            "proposal",
            proposal.created_at,
            None,
            f"{str(proposal.get_kind_display()).capitalize()}: {proposal.text}",
        )
        if proposal.resolved_at is not None:
            yield _event(
                "proposal",
                proposal.resolved_at,
                proposal.resolved_by,
                _("Proposal handled: %(resolution)s") % {"resolution": proposal.resolution},
            )


def _sanction_text(sanction: Sanction) -> str:
    text = _("%(kind)s from %(date)s: %(reason)s") % {
        "kind": str(sanction.get_kind_display()).capitalize(),
        "date": _day(sanction.effective),
        "reason": sanction.reason,
    }
    if sanction.until:
        text += " " + _("Until %(date)s.") % {"date": _day(sanction.until)}
    if sanction.inspections_per_year:
        text += " " + _("%(count)s inspections a year.") % {"count": sanction.inspections_per_year}
    return text


def _datasheets(certificate: Certificate) -> Iterator[Event]:
    datasheets = list(
        Datasheet.objects.filter(certificate=certificate).prefetch_related(
            Prefetch("versions", DatasheetVersion.objects.select_related("created_by")),
            Prefetch(
                "status_periods",
                DatasheetStatusPeriod.objects.select_related(
                    "recorded_by", "version", "superseded_by"
                ),
            ),
        )
    )
    for datasheet in datasheets:
        url = reverse("backoffice:datasheet", args=(datasheet.quick_code,))
        versions = list(datasheet.versions.all())
        yield _event(
            "datasheet",
            datasheet.created_at,
            versions[0].created_by if versions else None,
            _("Datasheet %(code)s created for %(product)s.")
            % {"code": format_code(datasheet.quick_code), "product": datasheet.product_name},
            url,
        )
        for version in versions[1:]:
            yield _event(
                "datasheet",
                version.created_at,
                version.created_by,
                _("Version %(number)s of datasheet %(code)s (%(trade_name)s) written.")
                % {
                    "number": version.number,
                    "code": format_code(datasheet.quick_code),
                    "trade_name": version.trade_name,
                },
                url,
            )
        for row in datasheet.status_periods.all():
            yield _event(
                "datasheet",
                row.recorded_at,
                row.recorded_by,
                _datasheet_change(datasheet, row),
                url,
            )


def _datasheet_change(datasheet: Datasheet, row: DatasheetStatusPeriod) -> str:
    values = {
        "code": format_code(datasheet.quick_code),
        "date": _day(row.valid_from),
        "number": row.version.number if row.version else "",
        "replacement": format_code(row.superseded_by.quick_code) if row.superseded_by else "",
    }
    if row.status == DatasheetStatus.PUBLISHED:
        text = _("Version %(number)s of datasheet %(code)s published from %(date)s.") % values
    elif row.status == DatasheetStatus.SUPERSEDED:
        text = _("Datasheet %(code)s superseded by %(replacement)s from %(date)s.") % values
    else:
        text = _("Datasheet %(code)s %(status)s from %(date)s.") % {
            **values,
            "status": DatasheetStatus(row.status).label,
        }
    return f"{text} {row.reason}".strip()


def _datasheet_proposals(certificate: Certificate) -> Iterator[Event]:
    proposals = DatasheetProposal.objects.filter(certificate=certificate).select_related(
        "proposed_by", "reviewed_by", "datasheet"
    )
    for proposal in proposals:
        url = reverse("backoffice:proposal", args=(proposal.pk,))
        what = (
            _("a new version of datasheet %(code)s")
            % {"code": format_code(proposal.datasheet.quick_code)}
            if proposal.datasheet
            else _("a new datasheet for %(product)s") % {"product": proposal.product_name}
        )
        yield _event(
            "datasheet_proposal",
            proposal.proposed_at,
            proposal.proposed_by,
            _("The holder proposed %(what)s (%(trade_name)s).")
            % {"what": what, "trade_name": proposal.trade_name},
            url,
        )
        if proposal.reviewed_at is not None:
            text = _("Proposal %(what)s: %(status)s.") % {
                "what": what,
                "status": proposal.get_status_display(),
            }
            if proposal.review_note:
                text += f" {proposal.review_note}"
            yield _event(
                "datasheet_proposal", proposal.reviewed_at, proposal.reviewed_by, text, url
            )


def _journal(certificate: Certificate) -> Iterable[Event]:
    entries = entries_for(certificate).exclude(action__in=_TOLD_ELSEWHERE).select_related("actor")
    return [
        _event("journal", entry.at, entry.actor, _journal_text(entry))
        for entry in entries.order_by("at", "id")
    ]


def _journal_text(entry: JournalEntry) -> str:
    if entry.action == "certificate.involvement":
        role = entry.data.get("role", "")
        return _(
            "%(person)s is involved in the evaluation as %(role)s, and so may not decide on "
            "this file."
        ) % {
            "person": _name(entry.actor),
            "role": InvolvementRole(role).label if role in InvolvementRole.values else role,
        }
    details = ", ".join(f"{key}: {value}" for key, value in sorted(entry.data.items()))
    return f"{entry.action} ({details})" if details else entry.action
