from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark.notifications.models import Mail
from qualimark.notifications.outbox import retry_now


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin[Mail]):
    """The outbox, to read: what went out to whom and when, and what is still trying."""

    list_display = (
        "created_at",
        "to",
        "subject",
        "language",
        "status",
        "attempts",
        "sent_at",
        "next_attempt_at",
    )
    list_filter = ("status", "language")
    search_fields = ("key", "to", "subject")
    date_hierarchy = "created_at"
    readonly_fields = (
        "key",
        "to",
        "to_name",
        "language",
        "subject",
        "body",
        "attachment_builder",
        "attachment_args",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "last_error",
    )
    actions = ("retry",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Retry now"), permissions=["view"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Mail]) -> None:
        run = retry_now(queryset)
        self.message_user(
            request,
            _("%(sent)d sent, %(retrying)d will be retried, %(failed)d failed.")
            % {"sent": run.sent, "retrying": run.retrying, "failed": run.failed},
            messages.SUCCESS if not (run.retrying or run.failed) else messages.WARNING,
        )
