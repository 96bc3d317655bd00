"""The work queue of one person: what waits for them, by kind of work, oldest first.

Each section belongs to roles (a person sees the sections of their roles; the
administrator sees them all) and is read in a fixed number of queries, so that the page
costs the same with ten files as with ten thousand.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django import forms
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.backoffice.views.paging import Paged, paged
from qualimark.certification.lifecycle import DECIDE, STEER, Status
from qualimark.certification.models import Assignment, Certificate, Involvement
from qualimark.certification.timeline import Segment, segment_on
from qualimark.complaints.lifecycle import APPEAL, COMPLAINT, AppealStatus, ComplaintStatus
from qualimark.complaints.models import Appeal, Complaint
from qualimark.datasheets.lifecycle import REVIEW
from qualimark.datasheets.models import DatasheetProposal, ProposalStatus
from qualimark.lots.lifecycle import ISSUE as ISSUE_LOT
from qualimark.lots.lifecycle import PLAN as PLAN_LOT
from qualimark.lots.lifecycle import LotStatus
from qualimark.lots.models import LotInspectionRequest
from qualimark.oversight.due import DueInspection, due_inspections
from qualimark.oversight.lifecycle import CLOSE_ACTION, EVALUATE, PLAN, InspectionStatus
from qualimark.oversight.models import CorrectiveAction, Inspection
from qualimark.parties.roles import Act, capacities, is_inspector
from qualimark.sanctions.permissions import RESOLVE
from qualimark.sanctions.services import open_proposals
from qualimark.schemes.models import Scheme, Subject
from qualimark.search.engine import status_on

# A trial period shows, over some time, that the holder follows the rules: a file comes
# up for the decision to grant or refuse once it has been in trial this long.
TRIAL_REVIEW_AFTER = timedelta(weeks=8)
# How far ahead the inspections due are shown to file managers.
DUE_HORIZON_DAYS = 30

# The acts of complaints and appeals: whoever takes one has them in the queue (the auditor,
# who reads the registers, does not).
COMPLAINT_WORK = (*COMPLAINT.acts, *APPEAL.acts)
_FILE_STATUSES = frozenset({Status.APPLIED, Status.ADMISSIBLE, Status.TRIAL, Status.SUSPENDED})
_OPEN_COMPLAINTS = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ADMISSIBLE,
    ComplaintStatus.UNDER_INVESTIGATION,
)


@dataclass(frozen=True)
class Item:
    """One piece of work: what, about what, since or by when, and where to do it.

    The file it concerns (if any) gives the mark and subject the queue filters on; the
    person it is assigned to is the file's manager, the complaint's handler or the
    inspection's inspector.
    """

    title: str
    detail: str
    since: date | None
    url: str
    late: bool = False
    certificate: Certificate | None = None
    assignee_id: int | None = None
    section: str = ""
    # The mark and subject, when the work is not about a file (a lot inspection).
    mark_id: int | None = None
    product_id: int | None = None

    @property
    def scheme_id(self) -> int | None:
        return self.certificate.programme.scheme_id if self.certificate else self.mark_id

    @property
    def subject_id(self) -> int | None:
        return self.certificate.programme.subject_id if self.certificate else self.product_id


@dataclass
class Section:
    key: str
    title: Promise
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class _Files:
    """The files in a status that needs someone today, each with its current segment."""

    rows: list[tuple[Certificate, Segment[Status]]]

    def having(self, *statuses: Status) -> list[tuple[Certificate, Segment[Status]]]:
        return [(c, s) for c, s in self.rows if s.status in statuses]


def work_queue(user: User, *, today: date | None = None) -> list[Section]:
    """The sections of `user`'s roles, each with its items oldest first."""
    day = today or clock.today()
    held = capacities(user)

    def takes(act: Act) -> bool:
        """Whether the user's role takes `act` at all (each item then says more)."""
        return bool(act.by & held)

    files = _Files(_files_waiting(day)) if takes(STEER) or takes(DECIDE) else None
    builders: list[tuple[bool, Callable[[], Section]]] = [
        (takes(STEER), lambda: _applications(files)),
        (takes(EVALUATE), lambda: _reports(user, day)),
        (takes(DECIDE), lambda: _decisions(user, files, day)),
        (takes(RESOLVE), lambda: _proposals(user)),
        (takes(CLOSE_ACTION), lambda: _overdue_actions(day)),
        (takes(PLAN), lambda: _due(day)),
        (is_inspector(user), lambda: _assigned(user, InspectionStatus.PLANNED)),
        (is_inspector(user), lambda: _assigned(user, InspectionStatus.CARRIED_OUT)),
        (takes(REVIEW), _datasheet_proposals),
        (any(takes(act) for act in COMPLAINT_WORK), _complaints_and_appeals),
        (takes(PLAN_LOT), _lots_to_plan),
        (takes(ISSUE_LOT), lambda: _lots_to_conclude(user, day)),
        (is_inspector(user), lambda: _my_lots(user, day)),
    ]
    sections = [build() for allowed, build in builders if allowed]
    return _with_file_managers(sections)


def _with_file_managers(sections: list[Section]) -> list[Section]:
    """Each item knows its section, and a file's item the file manager it is assigned to
    (one query for all of them)."""
    files = {item.certificate.pk for s in sections for item in s.items if item.certificate}
    managers = dict(
        Assignment.objects.filter(certificate_id__in=files)
        .order_by("certificate_id", "since", "id")
        .values_list("certificate_id", "file_manager_id")
    )  # the latest assignment of each file wins
    for section in sections:
        section.items = [
            replace(
                item,
                section=section.key,
                assignee_id=item.assignee_id
                if item.assignee_id is not None or item.certificate is None
                else managers.get(item.certificate.pk),
            )
            for item in section.items
        ]
    return sections


def _day(day: date | None) -> str:
    return date_format(day) if day else "—"


def _file_url(certificate: Certificate) -> str:
    return reverse("backoffice:file", args=(certificate.number,))


def _inspection_url(inspection: Inspection) -> str:
    return reverse("backoffice:inspection", args=(inspection.reference,))


def _file_title(certificate: Certificate) -> str:
    return f"{certificate.number} – {certificate.holder.name}"


def _subject(certificate: Certificate) -> str:
    programme = str(certificate.programme)
    unit = certificate.production_unit
    return f"{programme}, {unit.name}" if unit is not None else programme


def _files_waiting(day: date) -> list[tuple[Certificate, Segment[Status]]]:
    """Files whose status today is one that waits on staff, with the segment they are in.

    The database picks the files by their status today (`search.engine.status_on`); the
    resolved history gives each its segment, for its start and end. Three queries.
    """
    files = (
        Certificate.objects.alias(status_today=status_on(day, "pk"))
        .filter(status_today__in=_FILE_STATUSES)
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .prefetch_related("status_periods", "online_application")
    )
    rows = []
    for certificate in files:
        segment = segment_on(certificate.timeline, day)
        if segment is not None and segment.status in _FILE_STATUSES:
            rows.append((certificate, segment))
    return sorted(rows, key=lambda row: (row[1].start, row[0].number))


def _application_url(certificate: Certificate) -> str:
    application = getattr(certificate, "online_application", None)
    if application is not None:
        return reverse("backoffice:application", args=(application.reference,))
    return _file_url(certificate)


def _applications(files: _Files | None) -> Section:
    section = Section("applications", gettext_lazy("Applications to review"))
    for certificate, segment in files.having(Status.APPLIED, Status.ADMISSIBLE) if files else []:
        waiting = (
            _("waiting for the admissibility decision since %(date)s")
            if segment.status == Status.APPLIED
            else _("admissible since %(date)s: waiting for the trial period to start")
        ) % {"date": _day(segment.start)}
        section.items.append(
            Item(
                _file_title(certificate),
                f"{_subject(certificate)} – {waiting}",
                segment.start,
                _application_url(certificate),
                certificate=certificate,
            )
        )
    return section


def _reports(user: User, day: date) -> Section:
    section = Section("reports", gettext_lazy("Reports to evaluate"))
    # Also a report whose window ended before the daily run closed it: it can be evaluated.
    closed = Q(status=InspectionStatus.WINDOW_CLOSED) | Q(
        status=InspectionStatus.REPORT_SENT, comment_deadline__lt=day
    )
    reports = (
        Inspection.objects.filter(closed)
        .exclude(inspector=user)  # ISO/IEC 17065: never the report of one's own visit
        .select_related("certificate__holder", "certificate__programme")
        .order_by("comment_deadline", "id")
    )
    for inspection in reports:
        section.items.append(
            Item(
                f"{inspection.reference} – {inspection.certificate.holder.name}",
                _("Certificate %(number)s; comments were possible until %(deadline)s.")
                % {
                    "number": inspection.certificate.number,
                    "deadline": _day(inspection.comment_deadline),
                },
                inspection.comment_deadline,
                _inspection_url(inspection),
                certificate=inspection.certificate,
            )
        )
    return section


def _decisions(user: User, files: _Files | None, day: date) -> Section:
    section = Section("decisions", gettext_lazy("Decisions to take"))
    involved = set(Involvement.objects.filter(person=user).values_list("certificate_id", flat=True))
    items = []
    for certificate, segment in files.having(Status.TRIAL, Status.SUSPENDED) if files else []:
        if certificate.pk in involved:
            continue  # they may not decide on it: someone else's work
        if segment.status == Status.TRIAL and segment.start <= day - TRIAL_REVIEW_AFTER:
            detail = _("In trial period since %(date)s: grant or refuse the certificate.")
        elif segment.status == Status.SUSPENDED:
            detail = (
                _("Suspended since %(date)s until %(end)s: lift the suspension or withdraw.")
                if segment.end
                else _("Suspended since %(date)s until lifted: lift the suspension or withdraw.")
            )
        else:
            continue
        text = detail % {"date": _day(segment.start), "end": _day(segment.end)}
        items.append(
            Item(
                _file_title(certificate),
                text,
                segment.start,
                _file_url(certificate),
                certificate=certificate,
            )
        )
    section.items = sorted(items, key=lambda item: item.since or date.min)
    return section


def _proposals(user: User) -> Section:
    """What the system proposes (a sanction, a follow-up): for whoever handles next steps,
    but not on files they took part in evaluating."""
    section = Section("proposals", gettext_lazy("Proposed next steps"))
    involved = set(Involvement.objects.filter(person=user).values_list("certificate_id", flat=True))
    section.items = [
        Item(
            _file_title(proposal.certificate),
            f"{str(proposal.get_kind_display()).capitalize()}: {proposal.text}",
            proposal.proposed_on,
            _file_url(proposal.certificate),
            certificate=proposal.certificate,
        )
        for proposal in open_proposals().select_related("certificate__programme")
        if proposal.certificate_id not in involved
    ]
    return section


def _overdue_actions(day: date) -> Section:
    section = Section("corrective_actions", gettext_lazy("Corrective actions overdue"))
    actions = (
        CorrectiveAction.objects.filter(closed_on__isnull=True, due_on__lt=day)
        .select_related("inspection__certificate__holder", "inspection__certificate__programme")
        .order_by("due_on", "id")
    )
    for action in actions:
        inspection = action.inspection
        section.items.append(
            Item(
                f"{inspection.certificate.number} – {inspection.certificate.holder.name}",
                _("Due on %(date)s (report %(reference)s): %(description)s")
                % {
                    "date": _day(action.due_on),
                    "reference": inspection.reference,
                    "description": action.description,
                },
                action.due_on,
                _inspection_url(inspection),
                late=True,
                certificate=inspection.certificate,
            )
        )
    return section


def _due(day: date) -> Section:
    section = Section("inspections_due", gettext_lazy("Inspections due or overdue"))
    section.items = [
        _due_item(item) for item in due_inspections(day, horizon_days=DUE_HORIZON_DAYS)
    ]
    return section


def _due_item(item: DueInspection) -> Item:
    if item.planned is not None:
        detail = _("Planned on %(date)s with %(inspector)s.") % {
            "date": _day(item.planned.planned_on),
            "inspector": item.planned.inspector,
        }
    elif item.due_on is None:
        detail = _("No regulation in force sets how often this file is inspected.")
    elif item.overdue:
        detail = _("Overdue since %(date)s; not planned.") % {"date": _day(item.due_on)}
    else:
        detail = _("Due on %(date)s; not planned.") % {"date": _day(item.due_on)}
    return Item(
        _file_title(item.certificate),
        detail,
        item.due_on,
        _file_url(item.certificate),
        late=item.overdue,
        certificate=item.certificate,
    )


def _assigned(user: User, status: InspectionStatus) -> Section:
    if status == InspectionStatus.PLANNED:
        section = Section("my_inspections", gettext_lazy("Your inspections to carry out"))
    else:
        section = Section("my_reports", gettext_lazy("Your reports to complete"))
    inspections = (
        Inspection.objects.filter(inspector=user, status=status)
        .select_related(
            "certificate__holder", "certificate__production_unit", "certificate__programme"
        )
        .order_by("planned_on", "id")
    )
    today = clock.today()
    for inspection in inspections:
        day = (
            inspection.visited_on
            if status == InspectionStatus.CARRIED_OUT
            else inspection.planned_on
        )
        section.items.append(
            Item(
                f"{inspection.reference} – {inspection.certificate.holder.name}",
                _("Certificate %(number)s; %(what)s %(date)s.")
                % {
                    "number": inspection.certificate.number,
                    "what": _("visited on")
                    if status == InspectionStatus.CARRIED_OUT
                    else _("planned on"),
                    "date": _day(day),
                },
                day,
                _inspection_url(inspection),
                late=status == InspectionStatus.PLANNED and inspection.planned_on < today,
                certificate=inspection.certificate,
                assignee_id=user.pk,
            )
        )
    return section


def _datasheet_proposals() -> Section:
    section = Section("datasheet_proposals", gettext_lazy("Datasheet proposals to review"))
    proposals = (
        DatasheetProposal.objects.filter(status=ProposalStatus.PROPOSED)
        .select_related("certificate__holder", "certificate__programme", "datasheet")
        .order_by("proposed_at", "id")
    )
    for proposal in proposals:
        what = (
            _("New version of datasheet %(code)s") % {"code": proposal.datasheet.quick_code}
            if proposal.datasheet
            else _("New datasheet")
        )
        section.items.append(
            Item(
                f"{proposal.certificate.number} – {proposal.certificate.holder.name}",
                f"{what}: {proposal.product_name} ({proposal.trade_name})",
                proposal.proposed_at.date(),
                reverse("backoffice:proposal", args=(proposal.pk,)),
                certificate=proposal.certificate,
            )
        )
    return section


def _complaints_and_appeals() -> Section:
    section = Section("complaints", gettext_lazy("Complaints and appeals open"))
    complaints: Iterable[Complaint] = (
        Complaint.objects.filter(status__in=_OPEN_COMPLAINTS)
        .select_related("certificate__holder", "certificate__programme")
        .order_by("received_on", "id")
    )
    appeals: Iterable[Appeal] = (
        Appeal.objects.exclude(status=AppealStatus.DECIDED)
        .select_related(
            "appellant",
            "decision__certificate__holder",
            "decision__certificate__programme",
            "sanction__certificate__holder",
            "sanction__certificate__programme",
        )
        .order_by("lodged_on", "id")
    )
    items = [
        Item(
            _("Complaint %(reference)s") % {"reference": complaint.reference},
            f"{complaint.complainant_name} – {complaint.get_status_display()}",
            complaint.received_on,
            reverse("backoffice:complaint", args=(complaint.reference,)),
            certificate=complaint.certificate,
            assignee_id=complaint.handled_by_id,
        )
        for complaint in complaints
    ] + [
        Item(
            _("Appeal %(reference)s") % {"reference": appeal.reference},
            f"{appeal.appellant.name} – {appeal.get_status_display()}",
            appeal.lodged_on,
            reverse("backoffice:appeal", args=(appeal.reference,)),
            certificate=(appeal.decision or appeal.sanction).certificate,  # type: ignore[union-attr]
        )
        for appeal in appeals
    ]
    section.items = sorted(items, key=lambda item: item.since or date.min)
    return section


PAGE_SIZE = 25


class QueueFilters(forms.Form):
    """What a person narrows their queue to: a kind of work, a mark, a subject, what is late,
    what is theirs; and in which order."""

    # Chosen with the tabs above the list; the filters keep it.
    kind = forms.ChoiceField(
        label=gettext_lazy("kind of work"), required=False, widget=forms.HiddenInput
    )
    mark = forms.TypedChoiceField(
        label=gettext_lazy("mark"), coerce=int, required=False, empty_value=None
    )
    subject = forms.TypedChoiceField(
        label=pgettext_lazy("product", "subject"), coerce=int, required=False, empty_value=None
    )
    overdue = forms.BooleanField(label=gettext_lazy("late only"), required=False)
    mine = forms.BooleanField(label=gettext_lazy("assigned to me"), required=False)
    order = forms.ChoiceField(
        label=gettext_lazy("order"),
        required=False,
        choices=[
            ("due", gettext_lazy("earliest date first")),
            ("recent", gettext_lazy("latest date first")),
        ],
    )

    def __init__(self, data: QueryDict, sections: list[Section]) -> None:
        super().__init__(data)
        everything = gettext_lazy("all kinds")
        self.fields["kind"].choices = [("", everything)] + [  # type: ignore[attr-defined]
            (section.key, section.title) for section in sections
        ]
        items = [item for section in sections for item in section.items]
        schemes = Scheme.objects.filter(pk__in={item.scheme_id for item in items})
        subjects = Subject.objects.filter(pk__in={item.subject_id for item in items})
        self.fields["mark"].choices = [("", gettext_lazy("all marks"))] + [  # type: ignore[attr-defined]
            (scheme.pk, scheme.code) for scheme in schemes.order_by("code")
        ]
        self.fields["subject"].choices = [("", gettext_lazy("all subjects"))] + [  # type: ignore[attr-defined]
            (subject.pk, str(subject)) for subject in sorted(subjects, key=str)
        ]


@dataclass
class QueuePage:
    """One page of a person's queue: the sections with their counts under the filters,
    and the items of the chosen kind (or of every kind), sorted and paged."""

    sections: list[Section]
    filters: QueueFilters
    counts: dict[str, int]
    paged: Paged[Item]
    total: int

    @property
    def page(self) -> "Page[Item]":
        return self.paged.page

    @property
    def tabs(self) -> list[tuple[Section, int]]:
        return [(section, self.counts[section.key]) for section in self.sections]


def queue_page(user: User, params: QueryDict, *, today: date | None = None) -> QueuePage:
    sections = work_queue(user, today=today)
    filters = QueueFilters(params, sections)
    chosen = filters.cleaned_data if filters.is_valid() else {}

    def kept(item: Item) -> bool:
        if chosen.get("mark") and item.scheme_id != chosen["mark"]:
            return False
        if chosen.get("subject") and item.subject_id != chosen["subject"]:
            return False
        if chosen.get("overdue") and not item.late:
            return False
        return not (chosen.get("mine") and item.assignee_id != user.pk)

    remaining = {
        section.key: [item for item in section.items if kept(item)] for section in sections
    }
    kind = chosen.get("kind") or ""
    items = remaining[kind] if kind in remaining else [i for s in remaining.values() for i in s]
    recent = chosen.get("order") == "recent"
    # Undated work comes last either way; ties keep the sections' own order.
    dated = sorted(
        (item for item in items if item.since is not None),
        key=lambda item: item.since or date.min,
        reverse=recent,
    )
    ordered = dated + [item for item in items if item.since is None]
    return QueuePage(
        sections,
        filters,
        {key: len(found) for key, found in remaining.items()},
        paged(params, ordered, PAGE_SIZE),
        sum(len(found) for found in remaining.values()),
    )


def _lot_item(
    lot: LotInspectionRequest, detail: str, since: date | None, *, late: bool = False
) -> Item:
    requester = (
        lot.requester_organisation.name if lot.requester_organisation else lot.requester_name
    )
    return Item(
        f"{lot.reference} – {requester}",
        f"{lot.product} ({lot.town}) – {detail}",
        since,
        reverse("backoffice:lot", args=(lot.reference,)),
        late=late,
        assignee_id=lot.inspector_id,
        mark_id=lot.scheme_id,
        product_id=lot.subject_id,
    )


def _lots(**where: object) -> "QuerySet[LotInspectionRequest]":
    return LotInspectionRequest.objects.filter(**where).select_related("requester_organisation")


def _lots_to_plan() -> Section:
    section = Section("lots_to_plan", gettext_lazy("Lot inspections to plan"))
    lots = _lots(status=LotStatus.REQUESTED).order_by("requested_on", "id")
    section.items = [
        _lot_item(
            lot, _("requested on %(date)s") % {"date": _day(lot.requested_on)}, lot.requested_on
        )
        for lot in lots
    ]
    return section


def _lots_to_conclude(user: User, day: date) -> Section:
    """Lots inspected (their day has come) whose outcome waits: never the inspector's own."""
    section = Section("lots_to_conclude", gettext_lazy("Lot inspections to conclude"))
    lots = (
        _lots(status=LotStatus.PLANNED, planned_on__lte=day)
        .exclude(inspector=user)
        .order_by("planned_on", "id")
    )
    section.items = [
        _lot_item(
            lot,
            _("inspected on %(date)s: issue the conformity document or refuse the lot")
            % {"date": _day(lot.planned_on)},
            lot.planned_on,
        )
        for lot in lots
    ]
    return section


def _my_lots(user: User, day: date) -> Section:
    section = Section("my_lots", gettext_lazy("Your lot inspections"))
    lots = _lots(status=LotStatus.PLANNED, inspector=user).order_by("planned_on", "id")
    section.items = [
        _lot_item(
            lot,
            _("planned on %(date)s") % {"date": _day(lot.planned_on)},
            lot.planned_on,
            late=lot.planned_on is not None and lot.planned_on < day,
        )
        for lot in lots
    ]
    return section
