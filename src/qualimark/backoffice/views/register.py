"""The register of decisions of a period: what the body decided, on what, under which rules.

For the body's staff and its auditors (the accreditation body's assessor, a committee
member), on the page and as CSV with every decision of the period.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from qualimark import clock
from qualimark.backoffice.annulments import anchor, annulment_note, with_annulments
from qualimark.backoffice.evidence import EVIDENCE, evidence_link
from qualimark.backoffice.views.common import acting_user
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Decision
from qualimark.certification.permissions import READ_REGISTER
from qualimark.parties import roles
from qualimark.signin.decorators import office_required

SHOWN = 200  # rows on the page; the CSV has them all


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object] | None:
        data = super().clean()
        assert data is not None
        start, end = data.get("start"), data.get("end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        return data


def _period(request: HttpRequest) -> tuple[PeriodForm, date, date]:
    """The period asked for: by default from the first of January to today."""
    today = clock.today()
    form = PeriodForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, date(today.year, 1, 1), today


def _decisions(start: date, end: date) -> QuerySet[Decision]:
    return (
        with_annulments(Decision.objects.filter(effective__gte=start, effective__lte=end))
        .select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "decided_by",
        )
        .prefetch_related(EVIDENCE, "document_versions__document")
        .order_by("effective", "id")
    )


def _check_reader(request: HttpRequest) -> None:
    READ_REGISTER.check(roles.standing(acting_user(request), public=True))


@office_required
def register_page(request: HttpRequest) -> HttpResponse:
    _check_reader(request)
    form, start, end = _period(request)
    decisions = _decisions(start, end)
    return render(
        request,
        "backoffice/register.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "count": decisions.count(),
            "rows": [
                (_row(decision), _evidence(decision), _mark(decision))
                for decision in decisions[:SHOWN]
            ],
            "shown": SHOWN,
            "query": request.GET.urlencode(),
        },
    )


@dataclass(frozen=True)
class Mark:
    """A row's id, and what its decision cell says of an annulment on appeal."""

    anchor: str
    note: str
    note_url: str
    annulled: bool


def _mark(decision: Decision) -> Mark:
    note, url = annulment_note(decision)
    return Mark(anchor(decision), note, url, decision.annulled_by is not None)


def _evidence(decision: Decision) -> list[tuple[str, str]]:
    return [evidence_link(item, decision.certificate.number) for item in decision.evidence.all()]


COLUMNS = (
    gettext_lazy("effective from"),
    pgettext_lazy("certification file", "file"),
    gettext_lazy("holder"),
    gettext_lazy("certification programme"),
    gettext_lazy("decision"),
    gettext_lazy("from status"),
    gettext_lazy("to status"),
    gettext_lazy("until"),
    gettext_lazy("expires on"),
    gettext_lazy("decided by"),
    gettext_lazy("decided at"),
    gettext_lazy("reason"),
    gettext_lazy("evidence"),
    gettext_lazy("reference documents in force"),
    gettext_lazy("annulment on appeal"),
)


def _status(value: str) -> str:
    return str(Status(value).label) if value else ""


def _row(decision: Decision) -> list[str]:
    certificate = decision.certificate
    return [
        decision.effective.isoformat(),
        certificate.number,
        certificate.holder.name,
        str(certificate.programme),
        str(decision.get_transition_display()),
        _status(decision.from_status),
        _status(decision.to_status),
        decision.until.isoformat() if decision.until else "",
        decision.expires_on.isoformat() if decision.expires_on else "",
        str(decision.decided_by),
        timezone.localtime(decision.decided_at).strftime("%Y-%m-%d %H:%M"),
        decision.reason,
        "; ".join(
            f"{item.description} ({item.url})" if item.url else item.description
            for item in decision.evidence.all()
        ),
        ", ".join(sorted(str(version) for version in decision.document_versions.all())),
        annulment_note(decision)[0],
    ]


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: what people typed never runs as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@office_required
def register_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every decision of the period, as CSV (UTF-8 with its mark, for spreadsheets)."""
    _check_reader(request)
    _form, start, end = _period(request)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([str(column) for column in COLUMNS])
        for decision in _decisions(start, end).iterator(chunk_size=2000):
            yield writer.writerow([_cell(cell) for cell in _row(decision)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = f"decisions-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
