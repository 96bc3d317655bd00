"""The technical datasheets of a file: each one's page, with its versions and history.

A file manager creates a datasheet on the file, adds versions and publishes them, withdraws
or supersedes it; each step is a page of its own that ends in one service call. The service
decides who may take the step; the pages ask its act only to choose what to offer. The
body's other staff, the auditor and the file's inspectors read the same pages without a
button. Holders propose datasheets in the portal; their proposals are reviewed on
`backoffice:proposal`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark import clock
from qualimark.access.visible import certificate_for, datasheet_for
from qualimark.accounts.models import User
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted, visible
from qualimark.certification.lifecycle import FINAL, Status
from qualimark.certification.models import Certificate
from qualimark.datasheets import forms
from qualimark.datasheets.lifecycle import DATASHEET, PREPARE, PUBLISH, Transition
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetState,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
    ProposalStatus,
)
from qualimark.datasheets.permissions import file_standing
from qualimark.datasheets.quickcodes import format_code
from qualimark.datasheets.services import PUBLISHABLE
from qualimark.parties.roles import Act
from qualimark.registry.access import is_published
from qualimark.signin.decorators import office_required


@dataclass(frozen=True)
class Step:
    """A page that changes a datasheet through one service."""

    slug: str
    form: type[forms.DatasheetActionForm]
    title: Promise
    act: Act
    transition: Transition
    done: Promise  # the success message, with %(code)s


STEPS = {
    step.slug: step
    for step in (
        Step(
            "add-version",
            forms.VersionForm,
            gettext_lazy("Add a version"),
            PREPARE,
            Transition.ADD_VERSION,
            gettext_lazy(
                "A new draft version of datasheet %(code)s is added: publish it to put it in force."
            ),
        ),
        Step(
            "publish",
            forms.PublishForm,
            gettext_lazy("Publish a version"),
            PUBLISH,
            Transition.PUBLISH,
            gettext_lazy(
                "The version is published: datasheet %(code)s shows it from the date given."
            ),
        ),
        Step(
            "withdraw",
            forms.WithdrawForm,
            gettext_lazy("Withdraw the datasheet"),
            PUBLISH,
            Transition.WITHDRAW,
            gettext_lazy("Datasheet %(code)s is withdrawn from the date given."),
        ),
        Step(
            "supersede",
            forms.SupersedeForm,
            gettext_lazy("Supersede the datasheet"),
            PUBLISH,
            Transition.SUPERSEDE,
            gettext_lazy("Datasheet %(code)s is superseded from the date given."),
        ),
    )
}
DANGER = frozenset({"withdraw", "supersede"})


def may(user: User, step: Step, datasheet: Datasheet) -> bool:
    """Whether the user may take `step`: only to choose the buttons, the service decides."""
    return step.act.allows(file_standing(user, datasheet.certificate))


def _open(step: Step, datasheet: Datasheet, today: date) -> bool:
    """Whether the step makes sense now: shown as a button only then."""
    if datasheet.state_on(today).status not in DATASHEET.rule(step.transition).sources:
        return False
    if step.slug == "publish":
        return (
            _waiting_version(datasheet) is not None
            and datasheet.certificate.status_on(today) in PUBLISHABLE
        )
    return True


def _waiting_version(datasheet: Datasheet) -> DatasheetVersion | None:
    """The newest version if it is later than every published one (it may be published)."""
    versions = list(datasheet.versions.all())
    latest = max(versions, key=lambda v: v.number, default=None)
    published = [row.version.number for row in datasheet.status_periods.all() if row.version]
    if latest is None or (published and latest.number <= max(published)):
        return None
    return latest


def _datasheet(request: HttpRequest, quick_code: str) -> Datasheet:
    found = visible(datasheet_for, request, quick_code)
    # The page reads the file, every version and every row of the history: one query each.
    return (
        Datasheet.objects.select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
        )
        .prefetch_related(
            "certificate__status_periods",
            Prefetch(
                "versions",
                DatasheetVersion.objects.select_related("created_by").order_by("number"),
            ),
            Prefetch(
                "status_periods",
                DatasheetStatusPeriod.objects.select_related(
                    "version", "superseded_by", "recorded_by"
                ).order_by("id"),
            ),
        )
        .get(pk=found.pk)
    )


def _datasheet_url(datasheet: Datasheet) -> str:
    return reverse("backoffice:datasheet", args=(datasheet.quick_code,))


@dataclass(frozen=True)
class VersionRow:
    """A version as the page shows it: when it was first published, whether it is in force."""

    version: DatasheetVersion
    published_from: date | None
    in_force: bool


@dataclass(frozen=True)
class HistoryRow:
    label: str
    status: DatasheetStatus
    start: date
    end: date | None


def _versions(datasheet: Datasheet, today: date) -> list[VersionRow]:
    first_published: dict[int, date] = {}
    for row in datasheet.status_periods.all():
        if row.version_id is not None:
            first_published.setdefault(row.version_id, row.valid_from)
    in_force = datasheet.state_on(today).version_id
    return [
        VersionRow(version, first_published.get(version.pk), version.pk == in_force)
        for version in reversed(list(datasheet.versions.all()))
    ]


def _labeller(datasheet: Datasheet) -> Callable[[DatasheetState], str]:
    """How a state reads: 'published, version 2', 'superseded by 1234 5678'."""
    numbers = {version.pk: version.number for version in datasheet.versions.all()}
    codes = {
        row.superseded_by_id: format_code(row.superseded_by.quick_code)
        for row in datasheet.status_periods.all()
        if row.superseded_by is not None
    }

    def label(state: DatasheetState) -> str:
        text = str(DatasheetStatus(state.status).label)
        if state.version_id is not None:
            text = _("%(status)s, version %(number)s") % {
                "status": text,
                "number": numbers.get(state.version_id, "?"),
            }
        if state.superseded_by_id is not None:
            text = _("%(status)s by %(code)s") % {
                "status": text,
                "code": codes.get(state.superseded_by_id, "?"),
            }
        return text

    return label


def _history(datasheet: Datasheet) -> list[HistoryRow]:
    label = _labeller(datasheet)
    return [
        HistoryRow(label(segment.status), segment.status.status, segment.start, segment.end)
        for segment in datasheet.timeline
    ]


def _changes(datasheet: Datasheet) -> list[tuple[DatasheetStatusPeriod, str]]:
    """Each change as it was recorded (who, when, why), beside what it made of the datasheet."""
    label = _labeller(datasheet)
    return [(row, label(_state(row))) for row in datasheet.status_periods.all()]


def _state(row: DatasheetStatusPeriod) -> DatasheetState:
    return DatasheetState(DatasheetStatus(row.status), row.version_id, row.superseded_by_id)


@office_required
def datasheet_page(request: HttpRequest, quick_code: str) -> HttpResponse:
    datasheet = _datasheet(request, quick_code)
    user = acting_user(request)
    today = clock.today()
    return render(
        request,
        "backoffice/datasheet.html",
        {
            "datasheet": datasheet,
            "certificate": datasheet.certificate,
            "code": format_code(datasheet.quick_code),
            "status": datasheet.state_on(today).status,
            "file_status": datasheet.certificate.status_on(today),
            "steps": [
                step
                for step in STEPS.values()
                if _open(step, datasheet, today) and may(user, step, datasheet)
            ],
            "danger": DANGER,
            "versions": _versions(datasheet, today),
            "history": _history(datasheet),
            "changes": _changes(datasheet),
            "proposals": DatasheetProposal.objects.filter(datasheet=datasheet)
            .select_related("proposed_by")
            .order_by("-proposed_at", "-id"),
            "public": is_published(datasheet, today),
        },
    )


@office_required
def datasheet_step(request: HttpRequest, quick_code: str, step: str) -> HttpResponse:
    datasheet = _datasheet(request, quick_code)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404(_("No such step."))
    if request.method == "POST":
        return _take_step(request, datasheet, chosen)
    # The form is shown to whoever may take the step; the service says why to others.
    refusal = chosen.act.refusal(file_standing(acting_user(request), datasheet.certificate))
    if refusal is not None:
        raise refusal
    return _step_page(request, datasheet, chosen, html5_dates(chosen.form(datasheet=datasheet)))


def _take_step(request: HttpRequest, datasheet: Datasheet, chosen: Step) -> HttpResponse:
    """Take the step through its service, which refuses whoever may not take it."""
    form = html5_dates(chosen.form(request.POST, datasheet=datasheet))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda _result: str(chosen.done) % {"code": format_code(datasheet.quick_code)},
    ):
        return HttpResponseRedirect(_datasheet_url(datasheet))
    return _step_page(request, datasheet, chosen, form)


def _step_page(
    request: HttpRequest, datasheet: Datasheet, chosen: Step, form: forms.DatasheetActionForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/datasheet_step.html",
        {
            "datasheet": datasheet,
            "code": format_code(datasheet.quick_code),
            "status": datasheet.state_on(clock.today()).status,
            "step": chosen,
            "danger": chosen.slug in DANGER,
            "form": form,
        },
    )


# The datasheets of a file, on the file page and for a new one.


@dataclass(frozen=True)
class DatasheetRow:
    """A datasheet in the file's list: its code as printed, its status today, its last version."""

    datasheet: Datasheet
    code: str
    status: DatasheetStatus
    latest_number: int | None
    latest_trade_name: str | None


def file_datasheets(certificate: Certificate) -> list[DatasheetRow]:
    """The file's datasheets, however many, in three queries."""
    datasheets = (
        Datasheet.objects.filter(certificate=certificate)
        # Each row reads its status from its periods: one query for all of them.
        .prefetch_related("status_periods")
        .order_by("quick_code")
    )
    latest: dict[int, tuple[int, str]] = {}
    versions = DatasheetVersion.objects.filter(datasheet__certificate=certificate)
    for datasheet_id, number, trade_name in versions.order_by("number").values_list(
        "datasheet_id", "number", "trade_name"
    ):
        latest[datasheet_id] = (number, trade_name)
    today = clock.today()
    return [
        DatasheetRow(
            datasheet,
            format_code(datasheet.quick_code),
            datasheet.state_on(today).status,
            *latest.get(datasheet.pk, (None, None)),
        )
        for datasheet in datasheets
    ]


def open_proposals(certificate: Certificate) -> QuerySet[DatasheetProposal]:
    """The holder's proposals on the file that wait for a review."""
    return (
        DatasheetProposal.objects.filter(certificate=certificate, status=ProposalStatus.PROPOSED)
        .select_related("datasheet", "proposed_by")
        .order_by("proposed_at", "id")
    )


def may_create(user: User, certificate: Certificate, status: Status | None) -> bool:
    """Whether to offer "Create a datasheet": the file is open and the user may prepare one."""
    if status is None or status in FINAL:
        return False
    return PREPARE.allows(file_standing(user, certificate))


def _created(datasheet: Datasheet) -> str:
    return _(
        "Datasheet %(code)s is created as a draft: publish its version to put it in the registry."
    ) % {"code": format_code(datasheet.quick_code)}


def _certificate(request: HttpRequest, number: str) -> Certificate:
    certificate = visible(certificate_for, request, number)
    return Certificate.objects.select_related("holder").get(pk=certificate.pk)


@office_required
def new_datasheet(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate(request, number)
    if request.method == "POST":
        return _create(request, certificate)
    # The form is shown to whoever may prepare a datasheet; the service says why to others.
    refusal = PREPARE.refusal(file_standing(acting_user(request), certificate))
    if refusal is not None:
        raise refusal
    return _new_page(request, certificate, forms.DatasheetForm(certificate=certificate))


def _create(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    """Create the datasheet through its service, which refuses whoever may not prepare one."""
    form = forms.DatasheetForm(request.POST, certificate=certificate)
    if submitted(request, form, lambda by: form.create(by=by), _created):
        assert form.created is not None
        return HttpResponseRedirect(_datasheet_url(form.created))
    return _new_page(request, certificate, form)


def _new_page(
    request: HttpRequest, certificate: Certificate, form: forms.DatasheetForm
) -> HttpResponse:
    return render(
        request, "backoffice/datasheet_new.html", {"certificate": certificate, "form": form}
    )
