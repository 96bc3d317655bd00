"""The outbox: every e-mail Qualimark sends is first a row here, written in the transaction
of the step that causes it, then delivered after commit and retried until it goes out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Mail(models.Model):
    """One e-mail to one recipient, in the recipient's language.

    `key` names the event and the recipient ("decision:123:an@x.example"): it is unique,
    so that the same message is never queued, and so never sent, twice.
    """

    key = models.CharField(_("key"), max_length=400, unique=True)
    to = models.EmailField(_("to"), max_length=254)
    to_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("body"))
    attachment_builder = models.CharField(
        _("attachment builder"),
        max_length=200,
        blank=True,
        help_text=_("The function that makes the attachment when the e-mail is sent."),
    )
    attachment_args = models.JSONField(_("attachment arguments"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"))
    next_attempt_at = models.DateTimeField(
        _("next attempt at"),
        null=True,
        blank=True,
        help_text=_("When a pending e-mail is due to be sent (again)."),
    )
    claimed_at = models.DateTimeField(
        _("being sent since"),
        null=True,
        blank=True,
        help_text=_("Set while a worker sends the e-mail, so that no other sends it too."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ("-created_at", "-id")
        indexes = [
            # The retry run asks for the pending rows that are due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="mail_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
