"""The back-office forms that the domain apps do not already have.

Each checks what was typed and ends in one service call; the service decides whether the
act is allowed, and its refusal is shown on the form.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Assignment, Certificate, Decision
from qualimark.certification.permissions import file_standing
from qualimark.complaints.models import Complaint
from qualimark.complaints.permissions import sees_complaints
from qualimark.datasheets import proposals
from qualimark.datasheets.models import DatasheetProposal, DatasheetVersion
from qualimark.oversight import services as oversight
from qualimark.oversight.forms import InspectionActionForm, PlanForm
from qualimark.oversight.lifecycle import VISITED
from qualimark.oversight.models import Evaluation, Finding, FindingKind, Inspection, Sample
from qualimark.parties import roles, ties
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.parties.forms import OrganisationForm
from qualimark.parties.models import Organisation, ProductionUnit, Tie, TieKind
from qualimark.parties.roles import Capacity
from qualimark.parties.services import add_production_unit, register_organisation
from qualimark.sanctions.models import Proposal
from qualimark.sanctions.proposals import resolve_proposal
from qualimark.schemes import forms as schemes_forms
from qualimark.schemes.models import DocumentVersion, Programme, ReferenceDocument
from qualimark.schemes.services import add_document_version
from qualimark.uploads import MultipleFileField

WITH_EXPIRY = frozenset({Transition.GRANT, Transition.RENEW})
EVIDENCE_DESCRIPTION_LENGTH = 300
EVIDENCE_URL_LENGTH = 500


def _date(
    label: Any, *, required: bool = True, initial: Any = clock.today, help_text: Any = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(label: Any, *, required: bool = True, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _choices(label: Any, queryset: Any, describe: Any) -> forms.ModelMultipleChoiceField[Any]:
    field = forms.ModelMultipleChoiceField(
        queryset, label=label, required=False, widget=forms.CheckboxSelectMultiple
    )
    field.label_from_instance = describe  # type: ignore[method-assign]
    return field


def add_evidence_fields(form: forms.Form, certificate: Certificate, reader: User) -> None:
    """What a decision on `certificate` may rest on: the file's own records (its reports,
    their evaluations, the complaints about it, its reference documents), files sent with
    the decision, and a link elsewhere. Each is optional. The complaints are offered to
    whoever sees the complaint register only."""
    inspections = Inspection.objects.filter(certificate=certificate, status__in=VISITED).order_by(
        "-visited_on", "-id"
    )
    form.fields["reports"] = _choices(
        _("inspection reports"),
        inspections,
        lambda i: (
            _("Report %(reference)s of the visit on %(date)s")
            % {"reference": i.reference, "date": date_format(i.visited_on)}
        ),
    )
    form.fields["evaluations"] = _choices(
        _("evaluations"),
        Evaluation.objects.filter(inspection__certificate=certificate)
        .select_related("inspection")
        .order_by("-evaluated_at"),
        lambda e: (
            _("Evaluation of report %(reference)s: %(measure)s")
            % {"reference": e.inspection.reference, "measure": e.get_measure_display()}
        ),
    )
    if sees_complaints(reader):
        form.fields["complaints"] = _choices(
            _("complaints"),
            Complaint.objects.filter(certificate=certificate).order_by("-received_on", "-id"),
            lambda c: (
                _("Complaint %(reference)s of %(date)s")
                % {"reference": c.reference, "date": date_format(c.received_on)}
            ),
        )
    form.fields["document_versions"] = _choices(
        _("reference document versions"),
        DocumentVersion.objects.filter(document__in=certificate.programme.documents.all())
        .select_related("document")
        .order_by("document__number", "-valid_from"),
        str,
    )
    form.fields["files"] = MultipleFileField(
        label=_("files"),
        help_text=_("Optional: letters, test reports, photos (PDF, PNG, JPEG, DOCX or XLSX)."),
    )
    form.fields["other"] = forms.CharField(
        label=_("other evidence"),
        required=False,
        max_length=EVIDENCE_DESCRIPTION_LENGTH,
        help_text=_("Optional: what else the decision rests on, with its link below."),
    )
    form.fields["link"] = forms.URLField(
        label=_("link"), required=False, max_length=EVIDENCE_URL_LENGTH, assume_scheme="https"
    )


def evidence_of(data: dict[str, Any]) -> list[certification.EvidenceLink]:
    """The evidence a form of `add_evidence_fields` was given, for the decision's service."""
    records = [
        *data.get("reports", []),
        *data.get("evaluations", []),
        *data.get("complaints", []),
        *data.get("document_versions", []),
    ]
    evidence = [certification.EvidenceLink(record=record) for record in records]
    evidence += [certification.EvidenceLink(upload=upload) for upload in data.get("files", [])]
    if data.get("other") or data.get("link"):
        evidence.append(certification.EvidenceLink(data.get("other", ""), data.get("link", "")))
    return evidence


class DecideForm(forms.Form):
    """One decision on a file: its reason, dates and evidence. Fields fit the decision."""

    reason = _text(_("reason"), rows=4)
    effective = _date(_("effective from"))
    until = _date(
        _("until"),
        required=False,
        initial=None,
        help_text=_("Optional: the day on which the suspension ends by itself."),
    )
    expires_on = _date(
        _("expires on"),
        required=False,
        initial=None,
        help_text=_("The first day on which the certificate is no longer valid."),
    )

    def __init__(
        self,
        *args: Any,
        transition: Transition,
        certificate: Certificate,
        reader: User,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        add_evidence_fields(self, certificate, reader)
        if transition != Transition.SUSPEND:
            del self.fields["until"]
        if transition not in WITH_EXPIRY:
            del self.fields["expires_on"]
        elif transition == Transition.RENEW:
            self.fields["expires_on"].required = True

    def decide(self, certificate: Certificate, *, by: User) -> Decision:
        data = self.cleaned_data
        return certification.take_decision(
            certificate,
            self.transition,
            by=by,
            reason=data["reason"],
            effective=data["effective"],
            until=data.get("until"),
            expires_on=data.get("expires_on"),
            evidence=evidence_of(data),
        )


class FilePlanForm(PlanForm):
    """Plan an inspection of one file: the file is the page's, not a choice."""

    def __init__(self, *args: Any, certificate: Certificate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["certificate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Certificate.objects.filter(pk=certificate.pk)
        field.widget = forms.HiddenInput()
        self.initial["certificate"] = certificate.pk
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)
        body.queryset = body.queryset.filter(programmes=certificate.programme_id)  # type: ignore[union-attr]


class FindingForm(InspectionActionForm):
    """A finding of the report, with the requirement it concerns (for a nonconformity)."""

    kind = forms.ChoiceField(label=_("kind"), choices=FindingKind.choices)
    requirement = forms.ModelChoiceField(
        DocumentVersion.objects.none(),
        label=_("reference document"),
        required=False,
        help_text=_("The version of the PTV, TRA or BRS in force on the day of the visit."),
    )
    clause = forms.CharField(label=_("clause"), max_length=40, required=False)
    requirement_text = _text(_("requirement"), required=False)
    observation = _text(_("observation"))

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        field = self.fields["requirement"]
        assert isinstance(field, forms.ModelChoiceField)
        if inspection.visited_on is not None:
            versions = inspection.certificate.programme.versions_on(inspection.visited_on)
            field.queryset = DocumentVersion.objects.filter(
                pk__in=[version.pk for version in versions]
            ).select_related("document")

    def submit(self, *, by: User) -> Finding:
        data = self.cleaned_data
        return oversight.add_finding(
            self.inspection,
            by=by,
            kind=FindingKind(data["kind"]),
            observation=data["observation"],
            requirement=data["requirement"],
            clause=data["clause"],
            requirement_text=data["requirement_text"],
        )


class SampleForm(InspectionActionForm):
    reference = forms.CharField(label=_("sample reference"), max_length=60)
    characteristics = forms.CharField(label=_("characteristics to test"), max_length=300)
    laboratory = forms.CharField(label=_("laboratory"), max_length=200)
    taken_on = _date(_("taken on"), required=False, initial=None)

    def submit(self, *, by: User) -> Sample:
        data = self.cleaned_data
        return oversight.add_sample(
            self.inspection,
            by=by,
            reference=data["reference"],
            characteristics=data["characteristics"],
            laboratory=data["laboratory"],
            taken_on=data["taken_on"],
        )


class PublishProposalForm(forms.Form):
    effective = _date(_("published from"))

    def publish(self, proposal: DatasheetProposal, *, by: User) -> DatasheetVersion:
        effective: date = self.cleaned_data["effective"]
        return proposals.publish_proposal(proposal, by=by, effective=effective)


class SendBackForm(forms.Form):
    reason = _text(_("reason"), help_text=_("The holder reads it: say what to change."))

    def send_back(self, proposal: DatasheetProposal, *, by: User) -> DatasheetProposal:
        return proposals.send_back_proposal(proposal, by=by, reason=self.cleaned_data["reason"])


class HandleProposalForm(forms.Form):
    resolution = _text(
        _("what was done"),
        help_text=_("The decision taken on the file, or why none is needed."),
    )

    def handle(self, proposal: Proposal, *, by: User) -> Proposal:
        return resolve_proposal(proposal, by=by, resolution=self.cleaned_data["resolution"])


class DeclareTieForm(forms.Form):
    """A tie of one's own to a holder, found by its enterprise number."""

    enterprise_number = forms.CharField(
        label=_("enterprise number of the holder"),
        max_length=20,
        help_text=_("As the KBO writes it, e.g. 0403.170.701."),
    )
    kind = forms.ChoiceField(label=_("kind of tie"), choices=TieKind.choices)
    valid_from = _date(_("from"))
    valid_until = _date(
        _("until"),
        required=False,
        initial=None,
        help_text=_("Leave empty while the tie lasts."),
    )
    description = forms.CharField(label=_("description"), max_length=300, required=False)

    def clean_enterprise_number(self) -> Organisation:
        typed: str = self.cleaned_data["enterprise_number"]
        try:
            number = clean_enterprise_number(typed)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        holder = Organisation.objects.filter(enterprise_number=number).first()
        if holder is None:
            raise forms.ValidationError(_("No organisation has this enterprise number."))
        return holder

    def declare(self, *, by: User) -> Tie:
        data = self.cleaned_data
        return ties.declare_tie(
            by=by,
            organisation=data["enterprise_number"],
            kind=TieKind(data["kind"]),
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            description=data["description"],
        )


class EndTieForm(forms.Form):
    on = _date(_("ends on"))

    def end(self, tie: Tie, *, by: User) -> Tie:
        return ties.end_tie(tie, by=by, on=self.cleaned_data["on"])


class AssignForm(forms.Form):
    """Give a file to one of the body's file managers: those who may steer it (not involved
    in its evaluation, not tied to its holder)."""

    file_manager = forms.ModelChoiceField(
        User.objects.none(), label=_("file manager"), empty_label=None
    )

    def __init__(self, *args: Any, certificate: Certificate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file_manager"]
        assert isinstance(field, forms.ModelChoiceField)
        managers = roles.people_in({Capacity.FILE_MANAGER}).order_by(
            "first_name", "last_name", "email"
        )
        free = [m.pk for m in managers if file_standing(m, certificate).conflict is None]
        field.queryset = managers.filter(pk__in=free)

    def assign(self, certificate: Certificate, *, by: User) -> Assignment:
        return certification.assign_file(
            certificate, file_manager=self.cleaned_data["file_manager"], by=by
        )


class HolderForm(OrganisationForm):
    """A holder registered by the body (one that did not register itself on the portal)."""

    def register(self, *, by: User) -> Organisation:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        self.registered = register_organisation(by=by, **fields)
        return self.registered


class ProductionUnitForm(forms.ModelForm[ProductionUnit]):
    class Meta:
        model = ProductionUnit
        fields = ("name", "street", "postal_code", "town", "country")

    def add(self, holder: Organisation, *, by: User) -> ProductionUnit:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return add_production_unit(holder, by=by, **fields)


class PaperApplicationForm(forms.Form):
    """An application that came by post: the programme, the plant, the day it arrived."""

    programme = forms.ModelChoiceField(
        Programme.objects.select_related("scheme", "subject").order_by("scheme__code", "id"),
        label=_("certification programme"),
    )
    production_unit = forms.ModelChoiceField(
        ProductionUnit.objects.none(),
        label=_("production unit"),
        required=False,
        help_text=_("Empty for an execution (a contractor's work) certified without a plant."),
    )
    applied_on = _date(_("received on"))

    def __init__(self, *args: Any, holder: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["production_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holder.production_units.order_by("name")

    def apply(self, holder: Organisation, *, by: User) -> Certificate:
        data = self.cleaned_data
        self.opened = certification.apply_for_certification(
            holder=holder,
            programme=data["programme"],
            production_unit=data["production_unit"],
            by=by,
            applied_on=data["applied_on"],
        )
        return self.opened


class DocumentVersionForm(schemes_forms.DocumentVersionForm):
    """A new version of a reference document, checked against its other versions."""

    def __init__(self, *args: Any, document: ReferenceDocument, **kwargs: Any) -> None:
        kwargs["instance"] = DocumentVersion(document=document)
        super().__init__(*args, **kwargs)

    def add(self, *, by: User) -> DocumentVersion:
        data = self.cleaned_data
        return add_document_version(self.instance.document, by=by, **data)
