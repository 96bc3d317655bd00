"""Characteristics typed one per line: "name | value | unit"."""

import pytest

from qualimark.datasheets.proposals import (
    ProposalError,
    format_characteristics,
    parse_characteristics,
)


def test_lines_become_characteristics_and_empty_lines_are_skipped() -> None:
    text = "mass per unit area | 200 | g/m²\n\n  polymer | PP  \n   \n"

    assert parse_characteristics(text) == [
        {"name": "mass per unit area", "value": "200", "unit": "g/m²"},
        {"name": "polymer", "value": "PP", "unit": ""},
    ]


def test_an_empty_text_declares_nothing() -> None:
    assert parse_characteristics("\n \n") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("mass | 200 | g/m²\ntensile strength", 2),
        ("mass | 200\n\n | 40 | kN/m", 3),
        ("mass |  | g/m²", 1),
    ],
)
def test_a_line_without_a_name_or_a_value_is_refused_with_its_number(text: str, line: int) -> None:
    with pytest.raises(ProposalError, match=f"Line {line} needs at least a name and a value"):
        parse_characteristics(text)


def test_a_line_with_too_many_parts_is_refused() -> None:
    with pytest.raises(ProposalError, match="Line 1 has more than three parts"):
        parse_characteristics("mass | 200 | g/m² | extra")


def test_formatted_characteristics_read_back_the_same() -> None:
    declared = [
        {"name": "mass per unit area", "value": "200", "unit": "g/m²"},
        {"name": "polymer", "value": "PP", "unit": ""},
    ]

    assert parse_characteristics(format_characteristics(declared)) == declared
