"""Content that exists in several languages: one column per language, read with fallback."""

from django.db import models
from django.utils import translation

CONTENT_LANGUAGES = ("nl", "fr", "en", "de")
# Dutch and French are the languages in which every reference text exists; English and
# German are often missing, so a reader falls back to the other national language.
FALLBACK = {"nl": ("fr", "en"), "fr": ("nl", "en"), "en": ("nl", "fr"), "de": ("en", "nl", "fr")}


def in_language(obj: models.Model, field: str, language: str | None = None) -> str:
    """The value of `field_<language>` on `obj`, or the best fallback that is filled in."""
    language = (language or translation.get_language() or "nl")[:2]
    order = (language, *FALLBACK.get(language, ("nl", "fr", "en")))
    for code in order:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""
