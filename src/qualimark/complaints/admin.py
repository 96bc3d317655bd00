"""Admin of the complaint register, the Appeal Committee and appeals.

Complaints and appeals are handled in the back-office (/office/complaints/, /office/appeals/),
where each step is a page that calls its service; here they are only shown, with their
letters and votes. The members of the Appeal Committee are reference data, kept here.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from qualimark.certification.admin import ReadOnlyAdmin, ReadOnlyTabularInline
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Complaint, Letter, Vote
from qualimark.journal.admin_mixins import JournalledAdmin


class LetterInline(ReadOnlyTabularInline[Letter]):
    model = Letter
    fields = ("kind", "addressee", "sent_on", "sent_by", "subject", "body")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Letter]:
        return super().get_queryset(request).select_related("sent_by")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin[Complaint]):
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


@admin.register(AppealCommitteeMember)
class AppealCommitteeMemberAdmin(JournalledAdmin[AppealCommitteeMember]):
    list_display = ("name", "organisation", "constituency", "active")
    list_filter = ("constituency", "active")
    search_fields = ("name", "organisation")


class VoteInline(ReadOnlyTabularInline[Vote]):
    model = Vote
    fields = ("member", "constituency", "ballot", "recorded_by", "recorded_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vote]:
        return super().get_queryset(request).select_related("member", "recorded_by")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin[Appeal]):
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

    @admin.display(description=_("appealed decision or sanction"))
    def appealed(self, obj: Appeal) -> str:
        return str(obj.decision or obj.sanction or "—")
