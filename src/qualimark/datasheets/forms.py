"""Staff forms for technical datasheets; each ends in one call of datasheets/services.py.

The back-office shows them (`backoffice/views/datasheets.py`): the forms check what was
typed, the services decide whether the act is allowed.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes, services
from qualimark.datasheets.characteristics import CharacteristicsField
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetStatusPeriod,
    DatasheetVersion,
)


class DatasheetForm(forms.Form):
    """A new datasheet of one file, with its first version as a draft."""

    product_name = forms.CharField(label=_("product"), max_length=200)
    trade_name = forms.CharField(label=_("trade name"), max_length=200)
    characteristics = CharacteristicsField()
    legacy_quick_code = forms.CharField(
        label=_("legacy quick code"),
        max_length=20,
        required=False,
        help_text=_(
            "Only for a datasheet brought over from an earlier registry; "
            "leave empty to get a new quick code."
        ),
    )

    def __init__(self, *args: Any, certificate: Certificate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.certificate = certificate
        self.created: Datasheet | None = None  # once `create` has made it

    def create(self, *, by: User) -> Datasheet:
        data = self.cleaned_data
        self.created = services.create_datasheet(
            self.certificate,
            by=by,
            product_name=data["product_name"],
            trade_name=data["trade_name"],
            characteristics=data["characteristics"],
            legacy_quick_code=data["legacy_quick_code"] or None,
        )
        return self.created


class DatasheetActionForm(forms.Form):
    """A form about one datasheet whose `submit` calls one service."""

    def __init__(self, *args: Any, datasheet: Datasheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.datasheet = datasheet

    def submit(self, *, by: User) -> object:
        raise NotImplementedError


class VersionForm(DatasheetActionForm):
    trade_name = forms.CharField(label=_("trade name"), max_length=200)
    characteristics = CharacteristicsField()

    def __init__(self, *args: Any, datasheet: Datasheet, **kwargs: Any) -> None:
        super().__init__(*args, datasheet=datasheet, **kwargs)
        latest = datasheet.versions.order_by("-number").first()
        if latest is not None and not self.is_bound:
            self.initial.update(
                trade_name=latest.trade_name, characteristics=latest.characteristics
            )

    def submit(self, *, by: User) -> DatasheetVersion:
        return services.add_datasheet_version(
            self.datasheet,
            by=by,
            trade_name=self.cleaned_data["trade_name"],
            characteristics=self.cleaned_data["characteristics"],
        )


def _effective_field() -> forms.DateField:
    return forms.DateField(label=_("effective from"), initial=clock.today)


class VersionChoiceField(forms.ModelChoiceField[DatasheetVersion]):
    def label_from_instance(self, obj: DatasheetVersion) -> str:
        return f"v{obj.number}: {obj.trade_name}"


class PublishForm(DatasheetActionForm):
    version = VersionChoiceField(DatasheetVersion.objects.none(), label=_("version"))
    effective = _effective_field()

    def __init__(self, *args: Any, datasheet: Datasheet, **kwargs: Any) -> None:
        super().__init__(*args, datasheet=datasheet, **kwargs)
        versions = datasheet.versions.order_by("-number")
        field = self.fields["version"]
        assert isinstance(field, VersionChoiceField)
        field.queryset = versions
        field.empty_label = None
        if not self.is_bound and (latest := versions.first()) is not None:
            self.initial["version"] = latest.pk

    def submit(self, *, by: User) -> DatasheetStatusPeriod:
        return services.publish_datasheet_version(
            self.cleaned_data["version"], by=by, effective=self.cleaned_data["effective"]
        )


class WithdrawForm(DatasheetActionForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    effective = _effective_field()

    def submit(self, *, by: User) -> DatasheetStatusPeriod:
        return services.withdraw_datasheet(
            self.datasheet,
            by=by,
            reason=self.cleaned_data["reason"],
            effective=self.cleaned_data["effective"],
        )


class SupersedeForm(DatasheetActionForm):
    replacement = forms.CharField(
        label=_("replaced by (quick code)"),
        max_length=20,
        help_text=_("The quick code of the published datasheet that takes its place."),
    )
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    effective = _effective_field()

    def clean_replacement(self) -> Datasheet:
        code = quickcodes.normalise(self.cleaned_data["replacement"])
        replacement = Datasheet.objects.filter(quick_code=code).first()
        if replacement is None:
            raise ValidationError(_("No datasheet has quick code %(code)s."), params={"code": code})
        return replacement

    def submit(self, *, by: User) -> DatasheetStatusPeriod:
        return services.supersede_datasheet(
            self.datasheet,
            by=by,
            replacement=self.cleaned_data["replacement"],
            reason=self.cleaned_data["reason"],
            effective=self.cleaned_data["effective"],
        )
