"""Staff forms of external oversight; each ends in one service call.

The forms check what was typed; the services decide whether the act is allowed, and
their refusals are shown on the form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.errors import DomainError
from qualimark.oversight import evaluation, planning, reports, services
from qualimark.oversight.evaluation import ActionPlan, Conclusion
from qualimark.oversight.exceptions import InvalidInspection, PlanningRefused
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
    Sample,
)
from qualimark.uploads import ACCEPT, check_upload

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, initial=clock.today, widget=DATE_INPUT, required=required)


def _text_field(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class PlanForm(forms.Form):
    certificate = forms.ModelChoiceField(Certificate.objects.all(), label=_("certificate"))
    body = forms.ModelChoiceField(
        InspectionBody.objects.filter(active=True), label=_("inspection body")
    )
    inspector = forms.ModelChoiceField(
        User.objects.filter(inspection_bodies__active=True).distinct().order_by("last_name"),
        label=_("inspector"),
    )
    planned_on = _date_field(_("planned on"))
    unannounced = forms.BooleanField(label=_("unannounced"), required=False, initial=True)
    site_street = forms.CharField(label=_("site: street and number"), required=False)
    site_postal_code = forms.CharField(label=_("site: postal code"), required=False)
    site_town = forms.CharField(label=_("site: town"), required=False)
    project_name = forms.CharField(
        label=_("project"),
        required=False,
        help_text=_("Execution certification only: the site and its project."),
    )

    def submit(self, *, by: User) -> Inspection:
        data = self.cleaned_data
        site = planning.Site(
            data["site_street"], data["site_postal_code"], data["site_town"], data["project_name"]
        )
        return planning.plan_inspection(
            data["certificate"],
            by=by,
            body=data["body"],
            inspector=data["inspector"],
            planned_on=data["planned_on"],
            unannounced=data["unannounced"],
            site=site,
        )


class PlanSelectedForm(forms.Form):
    """Several due files planned at once with one body, one inspector and one day.

    The files are chosen with check boxes beside the list of due files; `numbers` are
    those the page offered.
    """

    chosen = forms.MultipleChoiceField(
        label=pgettext_lazy("certification file", "files"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the files to plan.")},
    )
    body = forms.ModelChoiceField(
        InspectionBody.objects.filter(active=True).order_by("name"), label=_("inspection body")
    )
    inspector = forms.ModelChoiceField(
        User.objects.filter(inspection_bodies__active=True)
        .distinct()
        .order_by("last_name", "first_name"),
        label=_("inspector"),
    )
    planned_on = _date_field(_("planned on"))
    unannounced = forms.BooleanField(label=_("unannounced"), required=False, initial=True)

    def __init__(self, *args: Any, numbers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chosen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(number, number) for number in numbers]

    def submit(self, *, by: User) -> list[Inspection]:
        data = self.cleaned_data
        numbers = data["chosen"]
        found = Certificate.objects.filter(number__in=numbers).select_related("programme__scheme")
        by_number = {certificate.number: certificate for certificate in found}
        try:
            return planning.plan_inspections(
                [by_number[number] for number in numbers if number in by_number],
                by=by,
                body=data["body"],
                inspector=data["inspector"],
                planned_on=data["planned_on"],
                unannounced=data["unannounced"],
            )
        except PlanningRefused as refused:
            # Each file's reason beside the summary that the page shows from the error.
            for reason in refused.refusals:
                self.add_error(None, reason)
            raise


class InspectionActionForm(forms.Form):
    """A form about one inspection whose `submit` calls one service."""

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspection = inspection

    def submit(self, *, by: User) -> object:
        raise NotImplementedError


class ReassignForm(InspectionActionForm):
    """Another inspector of the same body, or another day, for a planned inspection."""

    inspector = forms.ModelChoiceField(User.objects.none(), label=_("inspector"))
    planned_on = _date_field(_("planned on"))

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        field = self.fields["inspector"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = inspection.body.inspectors.order_by("last_name", "first_name")
        field.help_text = _("An inspector of %(body)s.") % {"body": inspection.body.name}
        self.initial.setdefault("inspector", inspection.inspector_id)
        self.initial.setdefault("planned_on", inspection.planned_on)

    def submit(self, *, by: User) -> Inspection:
        return planning.reassign_inspection(
            self.inspection,
            by=by,
            inspector=self.cleaned_data["inspector"],
            planned_on=self.cleaned_data["planned_on"],
        )


class CarryOutForm(InspectionActionForm):
    inspector = forms.ModelChoiceField(
        User.objects.none(),
        label=_("inspector"),
        help_text=_("The inspector who visited: the visit is recorded in their name."),
    )
    visited_on = _date_field(_("visited on"))
    summary = _text_field(_("report summary"), required=False)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        field = self.fields["inspector"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = inspection.body.inspectors.order_by("last_name", "first_name")
        self.initial.setdefault("inspector", inspection.inspector_id)

    def submit(self, *, by: User) -> Inspection:
        data = self.cleaned_data
        return services.carry_out_inspection(
            self.inspection,
            by=by,
            inspector=data["inspector"],
            visited_on=data["visited_on"],
            summary=data["summary"],
        )


class SummaryForm(InspectionActionForm):
    summary = _text_field(_("report summary"))

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        self.initial.setdefault("summary", inspection.report_summary)

    def submit(self, *, by: User) -> Inspection:
        return services.write_report_summary(
            self.inspection, by=by, summary=self.cleaned_data["summary"]
        )


class CancelForm(InspectionActionForm):
    reason = _text_field(_("reason"))

    def submit(self, *, by: User) -> Inspection:
        return services.cancel_inspection(
            self.inspection, by=by, reason=self.cleaned_data["reason"]
        )


class SendReportForm(InspectionActionForm):
    def submit(self, *, by: User) -> Inspection:
        return reports.send_report(self.inspection, by=by)


class AttachForm(InspectionActionForm):
    """A file of the inspection (a photo, a delivery note, a laboratory report)."""

    file = forms.FileField(
        label=_("file"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("A PDF, PNG, JPEG, DOCX or XLSX file."),
    )
    description = forms.CharField(label=_("description"), max_length=200)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            checked = check_upload(upload, error=InvalidInspection)
        except DomainError as error:
            raise ValidationError(error.message) from None
        # Stored under a name of our own: nothing the uploader typed reaches the disk.
        upload.name = checked.stored_name
        return upload

    def submit(self, *, by: User) -> object:
        data = self.cleaned_data
        return services.add_attachment(
            self.inspection, by=by, file=data["file"], description=data["description"]
        )


class LabResultForm(InspectionActionForm):
    sample = forms.ModelChoiceField(Sample.objects.none(), label=_("sample"))
    received_on = _date_field(_("received on"))
    result = _text_field(_("result"))
    conform = forms.BooleanField(label=_("conform"), required=False)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        field = self.fields["sample"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = inspection.samples.filter(result__isnull=True)

    def submit(self, *, by: User) -> object:
        data = self.cleaned_data
        return services.record_lab_result(
            data["sample"],
            by=by,
            received_on=data["received_on"],
            result=data["result"],
            conform=data["conform"],
        )


class EvaluateForm(InspectionActionForm):
    """A conclusion per nonconformity, the measure, and at most one corrective action."""

    measure = forms.ChoiceField(label=_("measure"), choices=Measure.choices)
    note = _text_field(_("note"), required=False)
    action_description = _text_field(_("corrective action"), required=False)
    action_due_on = forms.DateField(
        label=_("corrective action due on"), required=False, widget=DATE_INPUT
    )

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, inspection=inspection, **kwargs)
        self.findings = [f for f in inspection.findings.all() if f.is_nonconformity]
        for finding in self.findings:
            self.fields[f"conclusion_{finding.pk}"] = forms.ChoiceField(
                label=str(finding), choices=ConclusionKind.choices, help_text=finding.observation
            )
            self.fields[f"new_kind_{finding.pk}"] = forms.ChoiceField(
                label=_("new kind (if reclassified)"),
                choices=[("", "—"), *FindingKind.choices],
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action_description") and not data.get("action_due_on"):
            self.add_error("action_due_on", _("Give the date by which the action is due."))
        return data

    def submit(self, *, by: User) -> object:
        data = self.cleaned_data
        conclusions = {
            finding: Conclusion(
                ConclusionKind(data[f"conclusion_{finding.pk}"]),
                FindingKind(data[f"new_kind_{finding.pk}"])
                if data[f"new_kind_{finding.pk}"]
                else None,
            )
            for finding in self.findings
        }
        actions = (
            [ActionPlan(data["action_description"], data["action_due_on"])]
            if data["action_description"]
            else []
        )
        return evaluation.evaluate_report(
            self.inspection,
            by=by,
            conclusions=conclusions,
            measure=Measure(data["measure"]),
            corrective_actions=actions,
            note=data["note"],
        )


class CloseActionForm(forms.Form):
    note = _text_field(_("closing note"))
    closed_on = _date_field(_("closed on"))

    def __init__(self, *args: Any, action: CorrectiveAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action

    def submit(self, *, by: User) -> CorrectiveAction:
        return evaluation.close_corrective_action(
            self.action,
            by=by,
            note=self.cleaned_data["note"],
            closed_on=self.cleaned_data["closed_on"],
        )
