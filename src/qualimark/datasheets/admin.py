"""Staff admin for technical datasheets.

A datasheet's status is read from its history rows; it changes only through the pages
below (add a version, publish, withdraw, supersede), each of which calls its service, which
decides whether the user may. Versions are written once: a change is a new version.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import (
    ReadOnlyAdmin,
    ReadOnlyTabularInline,
    acting_user,
    change_url,
    render_action_form,
    timeline_table,
)
from qualimark.datasheets import quickcodes
from qualimark.datasheets.forms import (
    DatasheetActionForm,
    DatasheetForm,
    PublishForm,
    SupersedeForm,
    VersionForm,
    WithdrawForm,
)
from qualimark.datasheets.lifecycle import PREPARE, PUBLISH
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetState,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
)
from qualimark.datasheets.permissions import standing_of
from qualimark.datasheets.services import publish_datasheet_version
from qualimark.errors import DomainError, ImpartialityError, NotPermitted, NotVisible
from qualimark.parties import roles
from qualimark.parties.roles import Act


@dataclass(frozen=True)
class Action:
    """A page that changes a datasheet through one service."""

    slug: str
    form: type[DatasheetActionForm]
    title: Promise
    submit_label: Promise
    act: Act
    done: Promise  # the success message, with %(code)s


ACTIONS = (
    Action(
        "add-version",
        VersionForm,
        _("Add a version"),
        _("Add the version"),
        PREPARE,
        _("A new draft version of datasheet %(code)s is added: publish it to put it in force."),
    ),
    Action(
        "publish",
        PublishForm,
        _("Publish a version"),
        _("Publish"),
        PUBLISH,
        _("The version is published: datasheet %(code)s shows it from the date given."),
    ),
    Action(
        "withdraw",
        WithdrawForm,
        _("Withdraw"),
        _("Withdraw the datasheet"),
        PUBLISH,
        _("Datasheet %(code)s is withdrawn from the date given."),
    ),
    Action(
        "supersede",
        SupersedeForm,
        _("Supersede"),
        _("Supersede the datasheet"),
        PUBLISH,
        _("Datasheet %(code)s is superseded from the date given."),
    ),
)


class DatasheetVersionInline(ReadOnlyTabularInline[DatasheetVersion]):
    model = DatasheetVersion
    fields = ("number", "trade_name", "characteristics", "created_at", "created_by")
    readonly_fields = fields
    ordering = ("number",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DatasheetVersion]:
        return super().get_queryset(request).select_related("created_by")


@admin.register(Datasheet)
class DatasheetAdmin(admin.ModelAdmin[Datasheet]):
    list_display = ("quick_code", "product_name", "certificate", "status_today")
    search_fields = (
        "quick_code",
        "product_name",
        "certificate__number",
        "certificate__holder__name",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "quick_code",
                    "quick_code_legacy",
                    "certificate",
                    "product_name",
                    "created_at",
                )
            },
        ),
        (_("Status"), {"fields": ("status_today", "registry_answer", "status_timeline")}),
    )
    readonly_fields = (
        "quick_code",
        "quick_code_legacy",
        "certificate",
        "product_name",
        "created_at",
        "status_today",
        "registry_answer",
        "status_timeline",
    )
    inlines = (DatasheetVersionInline,)
    actions = ("publish_latest_versions",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Datasheet]:
        return (
            super()
            .get_queryset(request)
            .select_related("certificate")
            # Each row reads its status from its periods: one query for all of them.
            .prefetch_related("status_periods")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Datasheet], search_term: str
    ) -> tuple[QuerySet[Datasheet], bool]:
        results, duplicates = super().get_search_results(request, queryset, search_term)
        # A quick code is typed as it is printed: "1234 5678", "1234-5678".
        code = quickcodes.normalise(search_term)
        if code.isdigit() and code != search_term:
            results = results | queryset.filter(quick_code=code)
        return results, duplicates

    @admin.display(description=_("status today"))
    def status_today(self, obj: Datasheet) -> str:
        return str(DatasheetStatus(obj.state_on(clock.today()).status).label)

    @admin.display(description=_("what the registry answers today"))
    def registry_answer(self, obj: Datasheet) -> SafeString:
        # The public registry's own page: the answer anyone gets for this quick code.
        url = reverse("short-link", args=(obj.quick_code,))
        return format_html('<a href="{}">{}</a>', url, gettext("Ask the public registry"))

    @admin.display(description=_("status history"))
    def status_timeline(self, obj: Datasheet) -> SafeString:
        numbers = {version.pk: version.number for version in obj.versions.all()}
        replaced_by = {s.status.superseded_by_id for s in obj.timeline} - {None}
        codes = dict(Datasheet.objects.filter(pk__in=replaced_by).values_list("pk", "quick_code"))

        def label(state: DatasheetState) -> str:
            text = str(DatasheetStatus(state.status).label)
            if state.version_id is not None:
                text = gettext("%(status)s, version %(number)s") % {
                    "status": text,
                    "number": numbers.get(state.version_id, "?"),
                }
            if state.superseded_by_id is not None:
                text = gettext("%(status)s by %(code)s") % {
                    "status": text,
                    "code": codes.get(state.superseded_by_id, "?"),
                }
            return text

        return timeline_table(obj.timeline, label, clock.today())

    # A datasheet changes only through the service pages: its own form edits nothing.
    def has_change_permission(self, request: HttpRequest, obj: Datasheet | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Datasheet | None = None) -> bool:
        return False

    # What the admin offers follows the role table: the services refuse the rest.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return PREPARE.allows(roles.standing(request.user))

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return PUBLISH.allows(roles.standing(request.user))

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        custom = [
            path(
                f"<path:object_id>/{action.slug}/",
                self.admin_site.admin_view(self.action_view),
                {"slug": action.slug},
                name=f"{info}_{action.slug.replace('-', '_')}",
            )
            for action in ACTIONS
        ]
        return [*custom, *super().get_urls()]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        standing = standing_of(request.user, self.get_object(request, unquote(object_id)))
        links = [
            (reverse(f"{info}_{a.slug.replace('-', '_')}", args=(object_id,)), a.title)
            for a in ACTIONS
            if a.act.allows(standing)
        ]
        context = {**(extra_context or {}), "datasheet_actions": links}
        return super().change_view(request, object_id, form_url, context)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """A datasheet is created by its service, which gives it a quick code and a draft."""
        if request.method != "POST" and not self.has_add_permission(request):
            raise PermissionDenied
        form = DatasheetForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                datasheet = form.create(by=acting_user(request))
            except (NotVisible, NotPermitted, ImpartialityError):
                raise  # the 404 or 403 page (`signin.refusals`)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    gettext(
                        "Datasheet %(code)s is created as a draft: publish its version to put "
                        "it in the registry."
                    )
                    % {"code": datasheet.quick_code},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url(datasheet))
        return render_action_form(
            self,
            request,
            form=form,
            title=gettext("Add a technical datasheet"),
            submit_label=gettext("Create the datasheet"),
        )

    def action_view(self, request: HttpRequest, object_id: str, slug: str) -> HttpResponse:
        action = next(a for a in ACTIONS if a.slug == slug)
        datasheet = self.get_object(request, unquote(object_id))
        if datasheet is None or not self.has_view_permission(request, datasheet):
            raise Http404
        if request.method != "POST":
            # The form is shown to whoever may take the act; the service says why to others.
            action.act.check(standing_of(request.user, datasheet))
        form = action.form(request.POST if request.method == "POST" else None, datasheet=datasheet)
        if form.is_bound and form.is_valid():
            try:
                form.submit(by=acting_user(request))
            except (NotVisible, NotPermitted, ImpartialityError):
                raise  # the 404 or 403 page (`signin.refusals`)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request, action.done % {"code": datasheet.quick_code}, messages.SUCCESS
                )
                return HttpResponseRedirect(change_url(datasheet))
        return render_action_form(
            self,
            request,
            form=form,
            original=datasheet,
            title=gettext("%(action)s: %(code)s")
            % {"action": action.title, "code": datasheet.quick_code},
            submit_label=str(action.submit_label),
            details=(
                (gettext("certificate"), datasheet.certificate),
                (gettext("status today"), self.status_today(datasheet)),
                (gettext("what the registry answers today"), self.registry_answer(datasheet)),
            ),
            timeline=self.status_timeline(datasheet),
        )

    @admin.action(
        description=_("Publish the latest version of the selected datasheets"),
        permissions=["publish"],
    )
    def publish_latest_versions(self, request: HttpRequest, queryset: QuerySet[Datasheet]) -> None:
        published = 0
        for datasheet in queryset:
            latest = datasheet.versions.order_by("-number").first()
            if latest is None:
                continue
            try:
                publish_datasheet_version(latest, by=acting_user(request))
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d datasheet is published.",
                    "%(count)d datasheets are published.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )


@admin.register(DatasheetStatusPeriod)
class DatasheetStatusPeriodAdmin(ReadOnlyAdmin[DatasheetStatusPeriod]):
    list_display = (
        "datasheet",
        "status",
        "version",
        "superseded_by",
        "valid_from",
        "valid_until",
        "recorded_at",
        "recorded_by",
    )
    list_filter = ("status",)
    search_fields = ("datasheet__quick_code", "reason")
    list_select_related = ("datasheet", "version__datasheet", "superseded_by", "recorded_by")
    date_hierarchy = "recorded_at"


@admin.register(DatasheetProposal)
class DatasheetProposalAdmin(ReadOnlyAdmin[DatasheetProposal]):
    """Proposals are reviewed in the back-office (publish or send back); here they are read."""

    list_display = (
        "__str__",
        "certificate",
        "datasheet",
        "status",
        "proposed_by",
        "proposed_at",
        "reviewed_by",
        "reviewed_at",
    )
    list_filter = ("status",)
    search_fields = (
        "certificate__number",
        "certificate__holder__name",
        "datasheet__quick_code",
        "product_name",
        "trade_name",
    )
    list_select_related = ("certificate", "datasheet", "proposed_by", "reviewed_by")
    date_hierarchy = "proposed_at"
