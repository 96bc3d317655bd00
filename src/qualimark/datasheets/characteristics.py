"""Declared characteristics typed as rows of a form: name, value, unit, test method, class.

One field for every form that declares them (a holder's proposal, the staff's datasheet);
its widget shows the rows there are and a few empty ones, and needs no script.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qualimark.datasheets.errors import ProposalError
from qualimark.datasheets.proposals import FIELDS, clean_characteristics

LABELS = {
    "name": _("characteristic"),
    "value": _("declared value"),
    "unit": _("unit"),
    "method": _("test method"),
    "class": _("class or level"),
}
BLANK_ROWS = 3
MORE = "more"  # the button that asks for more rows, and the mark it leaves in the value
MIN_ROWS = 6
MAX_ROWS = 200  # a bound on what one form may send
MAX_LENGTH = 200


class CharacteristicsWidget(forms.Widget):
    template_name = "datasheets/widgets/characteristics.html"

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> list[dict[str, str]]:
        rows = []
        for index in range(MAX_ROWS):
            keys = [f"{name}-{index}-{field}" for field in FIELDS]
            if not any(key in data for key in keys):
                break
            rows.append(
                {field: str(data.get(key, "")) for field, key in zip(FIELDS, keys, strict=True)}
            )
        if f"{name}-{MORE}" in data:
            rows.append({MORE: "1"})
        return rows

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return f"{name}-0-name" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        rows_given = value if isinstance(value, list) else []
        given = [row for row in rows_given if isinstance(row, dict) and MORE not in row]
        more = BLANK_ROWS if len(given) < len(rows_given) else 0
        count = max(len(given) + BLANK_ROWS + more, MIN_ROWS)
        rows = given + [{} for _blank in range(count - len(given))]
        context["widget"]["columns"] = [(field, LABELS[field]) for field in FIELDS]
        context["widget"]["more"] = f"{name}-{MORE}"
        context["widget"]["rows"] = [
            [(f"{name}-{index}-{field}", _text(row.get(field)), LABELS[field]) for field in FIELDS]
            for index, row in enumerate(rows)
        ]
        return context


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class CharacteristicsField(forms.Field):
    """The rows typed, blank ones left out, each with a name and a value."""

    widget = CharacteristicsWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("declared characteristics"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", list)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[dict[str, Any]]:
        rows = value if isinstance(value, list) else []
        if any(isinstance(row, dict) and MORE in row for row in rows):
            raise ValidationError(
                _("Three more rows are ready: fill them, then send the form."), code=MORE
            )
        typed = []
        for number, row in enumerate(rows, 1):
            cells = {field: str(row.get(field, "")).strip() for field in FIELDS}
            if not any(cells.values()):
                continue  # an empty row of the form
            if any(len(text) > MAX_LENGTH for text in cells.values()):
                raise ValidationError(
                    _("Row %(row)d: each part is at most %(length)d characters long.")
                    % {"row": number, "length": MAX_LENGTH}
                )
            if not cells["name"] or not cells["value"]:
                raise ValidationError(
                    _("Row %(row)d needs a characteristic and its declared value.")
                    % {"row": number}
                )
            typed.append(cells)
        if self.required and not typed:
            raise ValidationError(self.error_messages["required"], code="required")
        try:
            return clean_characteristics(typed)
        except ProposalError as error:  # pragma: no cover - every row was checked above
            raise ValidationError(error.message) from None


def described(item: dict[str, Any]) -> str:
    """A characteristic's value as people read it: "12.5 kN/m (EN ISO 10319; class T3)"."""
    value = f"{_text(item.get('value'))} {_text(item.get('unit'))}".strip()
    notes = [_text(item.get("method")).strip()]
    if item.get("class"):
        notes.append(str(_("class %(level)s") % {"level": item["class"]}))
    notes = [note for note in notes if note]
    return f"{value} ({'; '.join(notes)})" if notes else value
