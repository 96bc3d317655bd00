"""Characteristics typed as rows of a form: name, value, unit, test method, class."""

from typing import Any

import pytest
from django import forms

from qualimark.datasheets.characteristics import CharacteristicsField


class Form(forms.Form):
    characteristics = CharacteristicsField()


def rows(*typed: tuple[str, ...]) -> dict[str, str]:
    """POST data of the rows as the widget names them."""
    fields = ("name", "value", "unit", "method", "class")
    data = {}
    for index, row in enumerate(typed):
        for field, value in zip(fields, (*row, "", "", "", "", ""), strict=False):
            data[f"characteristics-{index}-{field}"] = value
    return data


def cleaned(data: dict[str, Any]) -> Any:
    form = Form(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data["characteristics"]


def test_rows_become_characteristics_and_empty_rows_are_left_out() -> None:
    data = rows(
        ("mass per unit area", "200", "g/m²", "EN ISO 9864", ""),
        ("", "", "", "", ""),
        (" tensile strength ", "12.5", "kN/m", "EN ISO 10319", "T3"),
        ("polymer", "PP"),
    )
    assert cleaned(data) == [
        {"name": "mass per unit area", "value": "200", "unit": "g/m²", "method": "EN ISO 9864"},
        {
            "name": "tensile strength",
            "value": "12.5",
            "unit": "kN/m",
            "method": "EN ISO 10319",
            "class": "T3",
        },
        {"name": "polymer", "value": "PP", "unit": ""},
    ]


def test_no_rows_declare_nothing() -> None:
    assert cleaned(rows(("", ""), ("", ""))) == []


@pytest.mark.parametrize(
    ("typed", "row"),
    [
        ((("mass", "200", "g/m²"), ("tensile strength", "", "kN/m")), 2),
        ((("mass", "200"), ("", ""), ("", "40", "kN/m")), 3),
        ((("", "", "", "EN ISO 9864"),), 1),
    ],
)
def test_a_row_without_a_name_or_a_value_is_refused_with_its_number(
    typed: tuple[tuple[str, ...], ...], row: int
) -> None:
    form = Form(rows(*typed))
    assert not form.is_valid()
    assert form.errors["characteristics"] == [
        f"Row {row} needs a characteristic and its declared value."
    ]


def test_a_part_too_long_is_refused() -> None:
    form = Form(rows(("mass", "2" * 201)))
    assert not form.is_valid()
    assert "at most 200 characters" in form.errors["characteristics"][0]


def test_asking_for_more_rows_sends_nothing_and_shows_three_more() -> None:
    data = rows(*[(f"c{n}", str(n)) for n in range(6)])
    form = Form({**data, "characteristics-more": "1"})
    assert not form.is_valid()
    html = str(form["characteristics"])
    assert 'name="characteristics-5-name" id="id_characteristics-5-name" value="c5"' in html
    assert 'name="characteristics-11-name"' in html  # six typed, three blank, three more
    assert 'name="characteristics-12-name"' not in html


def test_the_rows_show_what_a_version_declares_and_room_for_more() -> None:
    form = Form(initial={"characteristics": [{"name": "mass", "value": 300, "unit": "g/m²"}]})
    html = str(form["characteristics"])
    assert 'name="characteristics-0-value" id="id_characteristics-0-value" value="300"' in html
    assert 'name="characteristics-5-name"' in html
    assert 'aria-label="Row 1: characteristic"' in html
