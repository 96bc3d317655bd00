"""Staff forms for complaints and appeals.

Each form checks what was typed and ends in one service call (`run`, `register`, `lodge`),
which decides whether the step is allowed; the back-office turns a refusal into a form
error. Files and holders are typed by their number, as they stand on the letters, rather
than chosen from lists of thousands.
"""

from dataclasses import replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import ANNULLABLE
from qualimark.certification.models import Certificate, Decision
from qualimark.complaints import appeals, letters, services
from qualimark.complaints.lifecycle import INVESTIGATE, ComplaintStatus
from qualimark.complaints.models import (
    Appeal,
    AppealCommitteeMember,
    Complaint,
    LetterKind,
    SubjectKind,
)
from qualimark.complaints.permissions import complaint_standing
from qualimark.complaints.votes import Ballot, Constituency
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.parties.roles import people_in
from qualimark.sanctions.models import Sanction, SanctionKind


def _text(
    label: StrOrPromise, *, rows: int = 4, required: bool = True, help_text: StrOrPromise = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: StrOrPromise, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, **kwargs)


class StepForm(forms.Form):
    """A form that ends in one service call on `obj`; `run` returns the message to show."""

    def run(self, obj: Any, *, by: User) -> str:
        raise NotImplementedError


def certificate_numbered(number: str) -> Certificate:
    """The file of `number`, as typed; a form error if there is none."""
    certificate = Certificate.objects.filter(number=number.strip()).first()
    if certificate is None:
        raise ValidationError(gettext("No file has the number %(number)s.") % {"number": number})
    return certificate


class ComplaintForm(forms.Form):
    received_on = _date(_("received on"), initial=clock.today)
    complainant_name = forms.CharField(label=_("complainant"), max_length=200)
    complainant_organisation = forms.CharField(
        label=_("complainant's organisation"), max_length=200, required=False
    )
    complainant_email = forms.EmailField(label=_("complainant's e-mail address"), required=False)
    complainant_address = _text(_("complainant's postal address"), rows=3, required=False)
    complainant_phone = forms.CharField(
        label=_("complainant's phone"), max_length=30, required=False
    )
    anonymous_towards_holder = forms.BooleanField(
        label=_("anonymous towards the holder"),
        required=False,
        help_text=_("The complainant asked that the holder not learn who complained."),
    )
    subject_kind = forms.ChoiceField(
        label=pgettext_lazy("complaint", "subject"), choices=SubjectKind.choices
    )
    certificate = forms.CharField(
        label=_("certificate"),
        max_length=40,
        required=False,
        help_text=_("The number of the file complained about, if any."),
    )
    organisation = forms.CharField(
        label=_("organisation complained about"),
        max_length=20,
        required=False,
        help_text=_("Its enterprise number, if it is a holder (not needed with a certificate)."),
    )
    company_name = forms.CharField(
        label=_("company without certificate"),
        max_length=200,
        required=False,
        help_text=_("Misuse of a mark by a company that holds no certificate at all."),
    )
    company_enterprise_number = forms.CharField(
        label=_("its enterprise number"), max_length=20, required=False
    )
    description = _text(_("description"), rows=6)

    def clean_certificate(self) -> Certificate | None:
        number: str = self.cleaned_data["certificate"]
        return certificate_numbered(number) if number.strip() else None

    def clean_organisation(self) -> Organisation | None:
        typed: str = self.cleaned_data["organisation"]
        if not typed.strip():
            return None
        try:
            number = clean_enterprise_number(typed)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        holder = Organisation.objects.filter(enterprise_number=number).first()
        if holder is None:
            raise ValidationError(gettext("No organisation has this enterprise number."))
        return holder

    def register(self, *, by: User) -> Complaint:
        data = self.cleaned_data
        return services.register_complaint(
            by=by,
            complainant=services.Complainant(
                name=data["complainant_name"],
                email=data["complainant_email"],
                postal_address=data["complainant_address"],
                organisation=data["complainant_organisation"],
                phone=data["complainant_phone"],
                anonymous_towards_holder=data["anonymous_towards_holder"],
            ),
            subject=services.Subject(
                kind=SubjectKind(data["subject_kind"]),
                certificate=data["certificate"],
                organisation=data["organisation"],
                company_name=data["company_name"],
                company_enterprise_number=data["company_enterprise_number"],
            ),
            description=data["description"],
            received_on=data["received_on"],
        )


class AdmissibilityForm(StepForm):
    reason = _text(_("reason"))

    def __init__(self, *args: Any, admissible: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.admissible = admissible

    def run(self, obj: Complaint, *, by: User) -> str:
        service = services.declare_admissible if self.admissible else services.declare_inadmissible
        service(obj, by=by, reason=self.cleaned_data["reason"])
        return _status_message(obj)


def _status_message(complaint: Complaint) -> str:
    return gettext("Complaint %(reference)s is %(status)s.") % {
        "reference": complaint.reference,
        "status": ComplaintStatus(complaint.status).label,
    }


def complaint_handlers(complaint: Complaint) -> QuerySet[User]:
    """Whoever may handle `complaint`: they handle complaints and are neither involved in
    its file nor tied to its holder (the act says; the service asks it again)."""
    people = people_in(INVESTIGATE.by).order_by("last_name", "first_name")
    allowed = [
        person.pk
        for person in people
        if INVESTIGATE.allows(replace(complaint_standing(person, complaint), visible=True))
    ]
    return people.filter(pk__in=allowed)


class InvestigationForm(StepForm):
    handler = forms.ModelChoiceField(
        User.objects.none(),
        label=_("handled by"),
        required=False,
        help_text=_("Empty: you handle it yourself."),
    )
    notes = _text(_("investigation notes"), required=False)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = complaint_handlers(complaint)

    def run(self, obj: Complaint, *, by: User) -> str:
        data = self.cleaned_data
        services.start_investigation(obj, by=by, handler=data["handler"], notes=data["notes"])
        return gettext("The investigation of %(reference)s has started.") % {
            "reference": obj.reference
        }


class NoteForm(StepForm):
    note = _text(_("note"))

    def run(self, obj: Complaint, *, by: User) -> str:
        services.note_investigation(obj, by=by, note=self.cleaned_data["note"])
        return gettext("The note is added.")


class ConclusionForm(StepForm):
    founded = forms.TypedChoiceField(
        label=_("outcome"),
        choices=[("yes", _("founded")), ("no", _("unfounded"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    findings = _text(_("findings"), rows=6)
    charge_costs = forms.BooleanField(
        label=_("charge the costs to the holder"),
        required=False,
        help_text=_("Only for a founded complaint about a holder."),
    )

    def run(self, obj: Complaint, *, by: User) -> str:
        data = self.cleaned_data
        services.conclude_complaint(
            obj,
            by=by,
            founded=data["founded"],
            findings=data["findings"],
            charge_costs=data["charge_costs"],
        )
        return _status_message(obj)


class ComplaintSanctionForm(StepForm):
    kind = forms.ChoiceField(label=_("sanction"), choices=SanctionKind.choices)
    effective = _date(_("effective from"), initial=clock.today)
    until = _date(
        _("until (exclusive)"),
        required=False,
        help_text=_("Stricter oversight and suspension only."),
    )
    inspections_per_year = forms.IntegerField(
        label=_("inspections per year"),
        required=False,
        min_value=1,
        help_text=_("Stricter oversight only."),
    )
    reason = _text(_("reason"))

    def run(self, obj: Complaint, *, by: User) -> str:
        data = self.cleaned_data
        sanction = services.sanction_for_complaint(
            obj,
            SanctionKind(data["kind"]),
            by=by,
            reason=data["reason"],
            effective=data["effective"],
            until=data["until"],
            inspections_per_year=data["inspections_per_year"],
        )
        return gettext("Sanction imposed: %(sanction)s.") % {"sanction": sanction}


class LetterForm(StepForm):
    kind = forms.ChoiceField(label=_("kind"), choices=LetterKind.choices)
    to = forms.EmailField(label=_("addressee"))
    subject = forms.CharField(label=pgettext_lazy("letter", "subject"), max_length=200)
    body = _text(_("text"), rows=10)

    def run(self, obj: Complaint, *, by: User) -> str:
        data = self.cleaned_data
        letters.send_letter(
            obj,
            LetterKind(data["kind"]),
            by=by,
            to=data["to"],
            subject=data["subject"],
            body=data["body"],
        )
        return gettext("The letter is recorded; it is e-mailed to %(to)s.") % {"to": data["to"]}


class AppealFileForm(forms.Form):
    """The first step of lodging an appeal: the file whose decision is appealed."""

    file = forms.CharField(
        label=_("file number"),
        max_length=40,
        help_text=_("The file whose decision or sanction the holder appeals against."),
    )

    def clean_file(self) -> Certificate:
        return certificate_numbered(self.cleaned_data["file"])


class AppealForm(forms.Form):
    """The holder's appeal against one decision or one sanction on its file."""

    decision = forms.ModelChoiceField(
        Decision.objects.none(),
        label=_("appealed decision"),
        required=False,
        help_text=_("A rejection, a refusal, a suspension or a withdrawal."),
    )
    sanction = forms.ModelChoiceField(
        Sanction.objects.none(), label=_("appealed sanction"), required=False
    )
    grounds = _text(_("grounds"), rows=6)
    lodged_on = _date(_("lodged on"), initial=clock.today)

    def __init__(self, *args: Any, certificate: Certificate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.certificate = certificate
        # Only what may still be appealed: once under appeal, a decision is not twice.
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = (
            Decision.objects.filter(certificate=certificate, transition__in=list(ANNULLABLE))
            .exclude(appeals__isnull=False)
            .exclude(annulment__isnull=False)
            .select_related("certificate")
            .order_by("-effective", "-id")
        )
        sanction = self.fields["sanction"]
        assert isinstance(sanction, forms.ModelChoiceField)
        sanction.queryset = (
            Sanction.objects.filter(certificate=certificate, revoked=False)
            .exclude(appeals__isnull=False)
            .select_related("certificate")
            .order_by("-effective", "-id")
        )

    def lodge(self, *, by: User) -> Appeal:
        data = self.cleaned_data
        return appeals.lodge_appeal(
            by=by,
            appellant=self.certificate.holder,
            decision=data["decision"],
            sanction=data["sanction"],
            grounds=data["grounds"],
            lodged_on=data["lodged_on"],
        )


def _members(
    constituency: Constituency, label: StrOrPromise
) -> "forms.ModelMultipleChoiceField[AppealCommitteeMember]":
    return forms.ModelMultipleChoiceField(
        AppealCommitteeMember.objects.filter(active=True, constituency=constituency),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SeatCommitteeForm(StepForm):
    """Two representatives of public institutions and two of users (the service counts)."""

    public_institutions = _members(
        Constituency.PUBLIC_INSTITUTION, _("representatives of public institutions (two)")
    )
    users = _members(Constituency.USER, _("representatives of users (two)"))

    def run(self, obj: Appeal, *, by: User) -> str:
        data = self.cleaned_data
        appeals.seat_committee(obj, [*data["public_institutions"], *data["users"]], by=by)
        return gettext("The committee is seated.")


class VoteForm(StepForm):
    member = forms.ModelChoiceField(AppealCommitteeMember.objects.none(), label=_("member"))
    vote = forms.ChoiceField(label=_("vote"), choices=Ballot.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, appeal: Appeal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        voted = appeal.votes.values_list("member", flat=True)
        field.queryset = appeal.members.exclude(pk__in=voted)

    def run(self, obj: Appeal, *, by: User) -> str:
        data = self.cleaned_data
        appeals.record_vote(obj, data["member"], Ballot(data["vote"]), by=by)
        return gettext("The vote of %(member)s is recorded.") % {"member": data["member"]}


class DecideAppealForm(StepForm):
    reason = _text(
        _("reasons of the committee"),
        rows=6,
        help_text=_(
            "If the committee upholds the holder, the decision appealed against is annulled: "
            "the file's history then reads as if it had never been taken."
        ),
    )

    def run(self, obj: Appeal, *, by: User) -> str:
        data = self.cleaned_data
        appeals.decide_appeal(obj, by=by, reason=data["reason"])
        return gettext("Appeal %(reference)s is decided: %(outcome)s.") % {
            "reference": obj.reference,
            "outcome": obj.get_outcome_display(),
        }
