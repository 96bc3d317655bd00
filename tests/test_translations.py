"""Every user-facing string exists in Dutch and French, and the compiled catalogues are current."""

import ast
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "src" / "qualimark" / "locale"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (missing, fuzzy) == ([], [])
    assert len(catalogue) > 100


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(folder / "django.po")).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == source, "run `make messages` to recompile the catalogues"


# The functions that mark a message in Python, and the position of their msgid (after a
# context for the p-forms).
_MARKERS = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
}


def _marked_in_python() -> set[tuple[str | None, str, str]]:
    """(context, msgid, where) of every literal message marked in Qualimark's Python."""
    found = set()
    for path in (LOCALE.parent).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = _MARKERS.get(name or "")
            if position is None or len(node.args) <= position:
                continue
            literals = [
                arg.value
                for arg in node.args[: position + 1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if len(literals) != position + 1:
                continue  # a message built at run time: nothing to look up
            context = literals[0] if position else None
            found.add((context, literals[-1], f"{path.name}:{node.lineno}"))
    return found


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_marked_in_the_code_is_in_the_catalogue(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    absent = sorted(
        f"{where}: {msgid}"
        for context, msgid, where in _marked_in_python()
        if (context, msgid) not in known
    )
    assert absent == [], "run `make messages` and translate what it adds"
