"""The complaint register, its letters, and appeals judged by the appeal committee."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qualimark.certification.models import Certificate, Decision
from qualimark.complaints.lifecycle import AppealStatus, ComplaintStatus
from qualimark.complaints.votes import Ballot, Constituency, Outcome
from qualimark.parties.models import Organisation
from qualimark.records import AppendOnlyModel


class SubjectKind(models.TextChoices):
    CB_OPERATION = "cb_operation", _("operation of the certification body")
    DOCUMENT = "document", _("a document of the certification body")
    CERTIFIED_PRODUCT = "certified_product", _("a certified product or execution")
    MARK_MISUSE = "mark_misuse", _("misuse of a mark")


class Complaint(models.Model):
    """A written complaint, from its receipt to its outcome.

    A complaint is never anonymous: the register always knows who complained. The
    complainant may ask that the holder not learn it (`anonymous_towards_holder`).
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    received_on = models.DateField(_("received on"))
    complainant_name = models.CharField(_("complainant"), max_length=200)
    complainant_organisation = models.CharField(
        _("complainant's organisation"), max_length=200, blank=True
    )
    complainant_email = models.EmailField(_("complainant's e-mail address"), blank=True)
    complainant_address = models.TextField(_("complainant's postal address"), blank=True)
    complainant_phone = models.CharField(_("complainant's phone"), max_length=30, blank=True)
    anonymous_towards_holder = models.BooleanField(
        _("anonymous towards the holder"),
        default=False,
        help_text=_("The complainant asked that the holder not learn who complained."),
    )
    subject_kind = models.CharField(
        pgettext_lazy("complaint", "subject"), max_length=20, choices=SubjectKind.choices
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation complained about"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    company_name = models.CharField(
        _("company without certificate"),
        max_length=200,
        blank=True,
        help_text=_("Misuse of a mark by a company that holds no certificate at all."),
    )
    company_enterprise_number = models.CharField(
        _("its enterprise number"), max_length=10, blank=True
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    admissibility_reason = models.TextField(_("reason for the admissibility decision"), blank=True)
    investigation_notes = models.TextField(_("investigation notes"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    costs_charged_to_holder = models.BooleanField(_("costs charged to the holder"), default=False)
    sanction = models.ForeignKey(
        "sanctions.Sanction",
        verbose_name=_("sanction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    registered_at = models.DateTimeField(_("registered at"))

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ("-received_on", "-id")

    def __str__(self) -> str:
        return self.reference


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
    ADMISSIBILITY = "admissibility", _("admissibility")
    OUTCOME = "outcome", _("outcome")
    TO_HOLDER = "to_holder", _("letter to the holder")


class Letter(AppendOnlyModel):
    """A letter sent about a complaint (by e-mail), kept as it was sent."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    addressee = models.EmailField(_("addressee"))
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(pgettext_lazy("letter", "subject"), max_length=200)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ("complaint", "id")

    def __str__(self) -> str:
        return f"{self.complaint} – {self.get_kind_display()} ({self.sent_on})"


class AppealCommitteeMember(models.Model):
    """A member of the Appeal Committee, for a public institution or for the users."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    constituency = models.CharField(_("represents"), max_length=20, choices=Constituency.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("appeal committee member")
        verbose_name_plural = _("appeal committee members")
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Appeal(models.Model):
    """An appeal against a decision on a file or against a sanction."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    lodged_on = models.DateField(_("lodged on"))
    appellant = models.ForeignKey(
        Organisation, verbose_name=_("appellant"), on_delete=models.PROTECT, related_name="appeals"
    )
    grounds = models.TextField(_("grounds"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("appealed decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    sanction = models.ForeignKey(
        "sanctions.Sanction",
        verbose_name=_("appealed sanction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AppealStatus.choices, default=AppealStatus.LODGED
    )
    members = models.ManyToManyField(
        AppealCommitteeMember, verbose_name=_("members sitting"), blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enacted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reasons of the committee"), blank=True)
    # The annulment of the decision appealed against (or of the sanction's decision), when
    # the committee upheld the holder.
    reversal = models.ForeignKey(
        Decision,
        verbose_name=_("annulment on appeal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ("-lodged_on", "-id")
        constraints = [
            # An appeal is against exactly one thing: a decision on a file or a sanction.
            models.CheckConstraint(
                condition=Q(decision__isnull=False, sanction__isnull=True)
                | Q(decision__isnull=True, sanction__isnull=False),
                name="appeal_against_one_decision_or_sanction",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class Vote(AppendOnlyModel):
    """The vote of one sitting member; a vote cast is final."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.PROTECT, related_name="votes"
    )
    member = models.ForeignKey(
        AppealCommitteeMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    constituency = models.CharField(_("represents"), max_length=20, choices=Constituency.choices)
    ballot = models.CharField(_("vote"), max_length=12, choices=Ballot.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ("appeal", "id")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.appeal} – {self.member}: {self.get_ballot_display()}"
