"""Content that exists in several languages: one column per language, read with fallback."""

from collections.abc import Mapping

from django.db import models
from django.utils import translation

CONTENT_LANGUAGES = ("nl", "fr", "en", "de")
# Dutch and French are the languages in which every reference text exists; English and
# German are often missing, so a reader falls back to the other national language.
FALLBACK = {"nl": ("fr", "en"), "fr": ("nl", "en"), "en": ("nl", "fr"), "de": ("en", "nl", "fr")}


def in_language(obj: models.Model, field: str, language: str | None = None) -> str:
    """The value of `field_<language>` on `obj`, or the best fallback that is filled in."""
    return first_filled(
        {code: getattr(obj, f"{field}_{code}", "") for code in CONTENT_LANGUAGES}, language
    )


def first_filled(values: Mapping[str, str], language: str | None = None) -> str:
    """The value for `language` (the current one) of `values` by language code, or the best
    fallback that is filled in."""
    language = (language or translation.get_language() or "nl")[:2]
    for code in (language, *FALLBACK.get(language, ("nl", "fr", "en"))):
        value = values.get(code)
        if value:
            return str(value)
    return ""
