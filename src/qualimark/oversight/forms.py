"""Staff forms of external oversight; each ends in one service call.

The forms check what was typed; the services decide whether the act is allowed, and
their refusals are shown on the form.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.oversight import evaluation, planning, reports, services
from qualimark.oversight.evaluation import ActionPlan, Conclusion
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
    Sample,
)


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, initial=clock.today, widget=AdminDateWidget, required=required
    )


def _text_field(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class PlanForm(forms.Form):
    certificate = forms.ModelChoiceField(
        Certificate.objects.all(),
        label=_("certificate"),
        widget=AutocompleteSelect(Inspection._meta.get_field("certificate"), admin.site),
    )
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


class InspectionActionForm(forms.Form):
    """A form about one inspection whose `submit` calls one service."""

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspection = inspection

    def submit(self, *, by: User) -> object:
        raise NotImplementedError


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
        label=_("corrective action due on"), required=False, widget=AdminDateWidget
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
