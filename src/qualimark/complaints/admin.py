"""Staff admin for the complaint register, the Appeal Committee and appeals.

A complaint or an appeal is never edited as a form of fields: the page shows it, and each
open step (declare admissible, conclude, seat the committee, decide…) has its own small
page whose form calls the step's service. The service decides whether the step is open and
whether the person may take it: a refusal is shown as a form error; nothing here writes a
status. The page links only the steps open to the person reading it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import URLPattern, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from qualimark.certification.admin import (
    ReadOnlyTabularInline,
    acting_user,
    add_through_service,
    change_url,
    render_action_form,
)
from qualimark.complaints import forms
from qualimark.complaints.appeals import committee_can_change
from qualimark.complaints.lifecycle import (
    APPEAL,
    COMPLAINT,
    WRITE,
    AppealStep,
    ComplaintStep,
)
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Complaint, Letter, Vote
from qualimark.complaints.services import can_be_sanctioned
from qualimark.errors import DomainError
from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.parties.roles import Act

M = TypeVar("M", bound=Model)
FormFactory = Callable[[QueryDict | None, M], forms.StepForm]


@dataclass(frozen=True)
class Step(Generic[M]):
    """One step page: its title, its form, whether the object is open to it, who takes it."""

    label: StrOrPromise
    form: FormFactory[M]
    available: Callable[[M], bool]
    act: Act


class StepsAdmin(admin.ModelAdmin[M]):
    """An admin whose objects change only through step pages (see `steps`)."""

    change_form_template = "admin/complaints/change_form.html"
    steps: dict[str, Step[M]] = {}

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        step = path(
            "<path:object_id>/step/<slug:step>/",
            self.admin_site.admin_view(self.step_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_step",
        )
        return [step, *super().get_urls()]

    def step_url(self, obj: M, step: str) -> str:
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_step"
        return reverse(name, args=(obj.pk, step))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        links = []
        if obj is not None:
            # Only the links the service would follow: the step is open, the person may take it.
            links = [
                (self.step_url(obj, slug), step.label)
                for slug, step in self.steps.items()
                if step.available(obj) and request.user.has_perm(step.act.name, obj)
            ]
        context = {**(extra_context or {}), "step_links": links}
        return super().change_view(request, object_id, form_url, context)

    def step_view(self, request: HttpRequest, object_id: str, step: str) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None or step not in self.steps:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        chosen = self.steps[step]
        if request.method == "POST":
            return self._take_step(request, obj, chosen)
        if not chosen.available(obj):
            self.message_user(
                request, gettext("This step is not open at this stage."), messages.WARNING
            )
        return self._step_page(request, obj, chosen, chosen.form(None, obj))

    def _take_step(self, request: HttpRequest, obj: M, chosen: Step[M]) -> HttpResponse:
        """Take the step through its service, which refuses what is not open or not theirs."""
        form = chosen.form(request.POST, obj)
        if form.is_valid():
            try:
                done = form.run(obj, by=acting_user(request))
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(change_url(obj))
        return self._step_page(request, obj, chosen, form)

    def _step_page(
        self, request: HttpRequest, obj: M, chosen: Step[M], form: forms.StepForm
    ) -> HttpResponse:
        return render_action_form(
            self,
            request,
            form=form,
            original=obj,
            title=f"{capfirst(chosen.label)} – {obj}",
            submit_label=gettext("Confirm"),
            details=self.step_details(obj),
        )

    def step_details(self, obj: M) -> list[tuple[str, object]]:
        return []


def _complaint_open(step: ComplaintStep) -> Callable[[Complaint], bool]:
    return lambda complaint: step in COMPLAINT.open_from(complaint.status)


def _appeal_open(step: AppealStep) -> Callable[[Appeal], bool]:
    return lambda appeal: step in APPEAL.open_from(appeal.status)


def _act(step: ComplaintStep) -> Act:
    return COMPLAINT.rule(step).act


def _appeal_act(step: AppealStep) -> Act:
    return APPEAL.rule(step).act


def _letter_form(data: QueryDict | None, complaint: Complaint) -> forms.StepForm:
    return forms.LetterForm(data, initial={"to": complaint.complainant_email})


COMPLAINT_STEPS: dict[str, Step[Complaint]] = {
    "admissible": Step(
        ComplaintStep.DECLARE_ADMISSIBLE.label,
        lambda data, _c: forms.AdmissibilityForm(data, admissible=True),
        _complaint_open(ComplaintStep.DECLARE_ADMISSIBLE),
        _act(ComplaintStep.DECLARE_ADMISSIBLE),
    ),
    "inadmissible": Step(
        ComplaintStep.DECLARE_INADMISSIBLE.label,
        lambda data, _c: forms.AdmissibilityForm(data, admissible=False),
        _complaint_open(ComplaintStep.DECLARE_INADMISSIBLE),
        _act(ComplaintStep.DECLARE_INADMISSIBLE),
    ),
    "investigate": Step(
        ComplaintStep.START_INVESTIGATION.label,
        lambda data, _c: forms.InvestigationForm(data),
        _complaint_open(ComplaintStep.START_INVESTIGATION),
        _act(ComplaintStep.START_INVESTIGATION),
    ),
    "note": Step(
        ComplaintStep.NOTE_INVESTIGATION.label,
        lambda data, _c: forms.NoteForm(data),
        _complaint_open(ComplaintStep.NOTE_INVESTIGATION),
        _act(ComplaintStep.NOTE_INVESTIGATION),
    ),
    "conclude": Step(
        _("conclude the investigation"),
        lambda data, _c: forms.ConclusionForm(data),
        _complaint_open(ComplaintStep.CONCLUDE_FOUNDED),
        _act(ComplaintStep.CONCLUDE_FOUNDED),
    ),
    "sanction": Step(
        ComplaintStep.IMPOSE_SANCTION.label,
        lambda data, _c: forms.ComplaintSanctionForm(data),
        can_be_sanctioned,
        _act(ComplaintStep.IMPOSE_SANCTION),
    ),
    "letter": Step(_("send a letter"), _letter_form, lambda _c: True, WRITE),
}


class LetterInline(ReadOnlyTabularInline[Letter]):
    model = Letter
    fields = ("kind", "addressee", "sent_on", "sent_by", "subject", "body")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Letter]:
        return super().get_queryset(request).select_related("sent_by")


@admin.register(Complaint)
class ComplaintAdmin(StepsAdmin[Complaint]):
    list_display = (
        "reference",
        "received_on",
        "complainant_name",
        "subject_kind",
        "certificate",
        "status",
        "handled_by",
    )
    list_filter = ("status", "subject_kind")
    search_fields = (
        "reference",
        "complainant_name",
        "complainant_organisation",
        "complainant_email",
        "company_name",
        "certificate__number",
    )
    list_select_related = ("certificate", "handled_by")
    date_hierarchy = "received_on"
    fieldsets = (
        (None, {"fields": ("reference", "received_on", "status")}),
        (
            _("Complainant"),
            {
                "fields": (
                    "complainant_name",
                    "complainant_organisation",
                    "complainant_email",
                    "complainant_address",
                    "complainant_phone",
                    "anonymous_towards_holder",
                )
            },
        ),
        (
            _("Subject"),
            {
                "fields": (
                    "subject_kind",
                    "certificate",
                    "organisation",
                    "company_name",
                    "company_enterprise_number",
                    "description",
                )
            },
        ),
        (
            _("Handling"),
            {
                "fields": (
                    "admissibility_reason",
                    "handled_by",
                    "investigation_notes",
                    "findings",
                    "concluded_on",
                    "costs_charged_to_holder",
                    "sanction",
                )
            },
        ),
    )
    readonly_fields = (
        "reference",
        "received_on",
        "status",
        "complainant_name",
        "complainant_organisation",
        "complainant_email",
        "complainant_address",
        "complainant_phone",
        "anonymous_towards_holder",
        "subject_kind",
        "certificate",
        "organisation",
        "company_name",
        "company_enterprise_number",
        "description",
        "admissibility_reason",
        "handled_by",
        "investigation_notes",
        "findings",
        "concluded_on",
        "costs_charged_to_holder",
        "sanction",
    )
    inlines = (LetterInline,)
    steps = COMPLAINT_STEPS

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """A complaint is registered through the service that gives it its reference."""
        form = forms.ComplaintForm(request.POST if request.method == "POST" else None)
        return add_through_service(
            self,
            request,
            form,
            act=lambda by: form.register(by=by),
            done=lambda created: (
                gettext("Complaint %(reference)s is registered.") % {"reference": created.reference}
            ),
            title=gettext("Register a complaint"),
            submit_label=gettext("Register"),
        )

    def step_details(self, obj: Complaint) -> list[tuple[str, object]]:
        return [
            (gettext("status"), obj.get_status_display()),
            (gettext("subject"), obj.get_subject_kind_display()),
            (gettext("certificate"), obj.certificate or "—"),
            (gettext("description"), obj.description),
        ]


@admin.register(AppealCommitteeMember)
class AppealCommitteeMemberAdmin(JournalledAdmin[AppealCommitteeMember]):
    list_display = ("name", "organisation", "constituency", "active")
    list_filter = ("constituency", "active")
    search_fields = ("name", "organisation")


def _vote_form(data: QueryDict | None, appeal: Appeal) -> forms.StepForm:
    return forms.VoteForm(data, appeal=appeal)


APPEAL_STEPS: dict[str, Step[Appeal]] = {
    "seat": Step(
        AppealStep.SEAT_COMMITTEE.label,
        lambda data, _a: forms.SeatCommitteeForm(data),
        committee_can_change,
        _appeal_act(AppealStep.SEAT_COMMITTEE),
    ),
    "vote": Step(
        AppealStep.RECORD_VOTE.label,
        _vote_form,
        _appeal_open(AppealStep.RECORD_VOTE),
        _appeal_act(AppealStep.RECORD_VOTE),
    ),
    "decide": Step(
        AppealStep.DECIDE.label,
        lambda data, _a: forms.DecideAppealForm(data),
        _appeal_open(AppealStep.DECIDE),
        _appeal_act(AppealStep.DECIDE),
    ),
}


class VoteInline(ReadOnlyTabularInline[Vote]):
    model = Vote
    fields = ("member", "constituency", "ballot", "recorded_by", "recorded_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vote]:
        return super().get_queryset(request).select_related("member", "recorded_by")


@admin.register(Appeal)
class AppealAdmin(StepsAdmin[Appeal]):
    list_display = (
        "reference",
        "lodged_on",
        "appellant",
        "appealed",
        "status",
        "outcome",
        "decided_on",
    )
    list_filter = ("status", "outcome")
    search_fields = (
        "reference",
        "appellant__name",
        "decision__certificate__number",
        "sanction__certificate__number",
    )
    list_select_related = ("appellant", "decision__certificate", "sanction__certificate")
    fields = (
        "reference",
        "lodged_on",
        "appellant",
        "appealed",
        "grounds",
        "status",
        "members",
        "outcome",
        "decided_on",
        "decided_by",
        "reason",
        "reversal",
    )
    readonly_fields = fields
    inlines = (VoteInline,)
    steps = APPEAL_STEPS

    @admin.display(description=_("appealed decision or sanction"))
    def appealed(self, obj: Appeal) -> str:
        return str(obj.decision or obj.sanction or "—")

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """An appeal is lodged through the service that checks it can be."""
        form = forms.AppealForm(request.POST if request.method == "POST" else None)
        return add_through_service(
            self,
            request,
            form,
            act=lambda by: form.lodge(by=by),
            done=lambda created: (
                gettext("Appeal %(reference)s is lodged.") % {"reference": created.reference}
            ),
            title=gettext("Lodge an appeal"),
            submit_label=gettext("Lodge"),
        )

    def step_details(self, obj: Appeal) -> list[tuple[str, object]]:
        votes = ", ".join(str(vote) for vote in obj.votes.select_related("member"))
        return [
            (gettext("appealed decision or sanction"), self.appealed(obj)),
            (gettext("grounds"), obj.grounds),
            (gettext("status"), obj.get_status_display()),
            (gettext("members sitting"), ", ".join(str(m) for m in obj.members.all()) or "—"),
            (gettext("votes"), votes or "—"),
        ]
