"""Staff admin for sanctions and proposed next steps.

A sanction is never edited: it is imposed through the "add" page and ended, lifted or
revoked through its own page, each of which calls one service; the service decides whether
the person may, and its refusal shows on the form. Proposals are handled with the "mark as
handled" action, which asks what was done.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import (
    ReadOnlyAdmin,
    acting_user,
    add_through_service,
    change_url,
    render_action_form,
)
from qualimark.errors import DomainError
from qualimark.sanctions.forms import (
    ENDING_ACTS,
    EndingForm,
    ResolutionForm,
    SanctionForm,
    endings_of,
)
from qualimark.sanctions.models import Proposal, Sanction
from qualimark.sanctions.proposals import resolve_proposal


class InForceFilter(admin.SimpleListFilter):
    title = _("in force today")
    parameter_name = "in_force"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", gettext("Yes")), ("no", gettext("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = clock.today()
        # The same rule as `Sanction.in_force_on`, in the database.
        in_force = (
            Q(effective__lte=today)
            & (Q(until__isnull=True) | Q(until__gt=today))
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        )
        if self.value() == "yes":
            return queryset.filter(in_force)
        if self.value() == "no":
            return queryset.exclude(in_force)
        return queryset


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin[Sanction]):
    list_display = (
        "certificate",
        "kind",
        "effective",
        "until",
        "inspections_per_year",
        "ended_on",
        "revoked",
        "in_force_today",
    )
    list_filter = ("kind", InForceFilter, "revoked")
    search_fields = ("certificate__number", "certificate__holder__name", "reason")
    list_select_related = ("certificate",)
    date_hierarchy = "effective"
    readonly_fields = (
        "certificate",
        "kind",
        "effective",
        "until",
        "inspections_per_year",
        "decision",
        "reason",
        "decided_by",
        "decided_at",
        "ended_on",
        "ended_reason",
        "revoked",
        "reversal",
    )

    @admin.display(description=_("in force today"), boolean=True)
    def in_force_today(self, obj: Sanction) -> bool:
        return obj.in_force_on(clock.today())

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Imposed through the add page (`add_view` calls the service): the usual permission.
        return super(ReadOnlyAdmin, self).has_add_permission(request)

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_end"
        end = path("<path:object_id>/end/", self.admin_site.admin_view(self.end_view), name=name)
        return [end, *super().get_urls()]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        sanction = self.get_object(request, unquote(object_id))
        # The link to the page of endings, for whoever may take one of them.
        can_end = sanction is not None and any(
            request.user.has_perm(ENDING_ACTS[ending].name, sanction)
            for ending in endings_of(sanction)
        )
        context = {**(extra_context or {}), "can_end": can_end}
        return super().change_view(request, object_id, form_url, context)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Impose a sanction through `impose_sanction`; a refusal becomes a form error."""
        initial = {"certificate": request.GET.get("certificate")}
        form = SanctionForm(request.POST if request.method == "POST" else None, initial=initial)
        return add_through_service(
            self,
            request,
            form,
            act=lambda by: form.impose(by=by),
            done=lambda sanction: (
                gettext("Sanction recorded: %(sanction)s.") % {"sanction": sanction}
            ),
            title=gettext("Impose a sanction"),
            submit_label=gettext("Impose the sanction"),
        )

    def end_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Lift, end or revoke a sanction through its service."""
        sanction = self.get_object(request, unquote(object_id))
        if sanction is None:
            raise Http404
        if not self.has_view_permission(request, sanction):
            raise PermissionDenied
        if not endings_of(sanction):
            self.message_user(
                request, gettext("This sanction was revoked: nothing can follow."), messages.WARNING
            )
            return HttpResponseRedirect(change_url(sanction))
        if request.method == "POST":
            return self._end(request, sanction)
        return self._end_page(request, sanction, EndingForm(sanction=sanction))

    def _end(self, request: HttpRequest, sanction: Sanction) -> HttpResponse:
        """End, lift or revoke through the service, which refuses whoever may not."""
        form = EndingForm(request.POST, sanction=sanction)
        if form.is_valid():
            try:
                form.apply(by=acting_user(request))
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, gettext("Sanction updated."), messages.SUCCESS)
                return HttpResponseRedirect(change_url(sanction))
        return self._end_page(request, sanction, form)

    def _end_page(self, request: HttpRequest, sanction: Sanction, form: EndingForm) -> HttpResponse:
        return render_action_form(
            self,
            request,
            form=form,
            original=sanction,
            title=gettext("End, lift or revoke %(sanction)s") % {"sanction": sanction},
            submit_label=gettext("Record"),
            details=(
                (gettext("holder"), sanction.certificate.holder),
                (gettext("reason"), sanction.reason),
            ),
        )


class OpenFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "handled"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", gettext("Open")), ("yes", gettext("Handled"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin[Proposal]):
    """Read-only: the system proposes; people handle (the "mark as handled" action)."""

    list_display = ("proposed_on", "certificate", "kind", "text", "resolved_at", "resolved_by")
    list_filter = (OpenFilter, "kind")
    search_fields = ("certificate__number", "certificate__holder__name", "text", "source")
    list_select_related = ("certificate", "resolved_by")
    readonly_fields = (
        "certificate",
        "kind",
        "text",
        "proposed_on",
        "source",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution",
    )
    actions = ("mark_as_handled",)

    @admin.action(description=_("Mark as handled"))
    def mark_as_handled(
        self, request: HttpRequest, queryset: QuerySet[Proposal]
    ) -> HttpResponse | None:
        """Ask what was done, then resolve each open proposal selected.

        `resolve_proposal` decides for each whether the person may handle it (a file manager
        or a decision maker not involved in its file); each refusal is shown with its reason.
        """
        form = ResolutionForm(request.POST if "resolution" in request.POST else None)
        if not (form.is_bound and form.is_valid()):
            return self._resolution_page(request, queryset, form)
        handled = 0
        for proposal in queryset.filter(resolved_at__isnull=True):
            try:
                resolve_proposal(
                    proposal, by=acting_user(request), resolution=form.cleaned_data["resolution"]
                )
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                handled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d proposal marked as handled.",
                "%(count)d proposals marked as handled.",
                handled,
            )
            % {"count": handled},
            messages.SUCCESS,
        )
        return None

    def _resolution_page(
        self, request: HttpRequest, queryset: QuerySet[Proposal], form: ResolutionForm
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Mark as handled"),
            "opts": self.opts,
            "proposals": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/sanctions/proposal/resolve.html", context)
