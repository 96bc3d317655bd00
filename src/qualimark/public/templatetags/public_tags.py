"""Template helpers of the public pages: language switcher, codes, dates."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import slugify

from qualimark.datasheets import quickcodes
from qualimark.lots import codes as lot_codes
from qualimark.schemes.models import DocumentVersion, ReferenceDocument

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def _in_language(path: str, current: str, code: str) -> str:
    translated = translate_url(path, code)
    if translated != path or code == current:
        return translated
    # A path that resolves to nothing (a 404) still moves to the other language's prefix.
    prefix = f"/{current}/"
    return f"/{code}/{path[len(prefix) :]}" if path.startswith(prefix) else f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """The same page in every language of the site, named in its own language."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    for code, _name in settings.LANGUAGES:
        name = translation.get_language_info(code)["name_local"]
        links.append(LanguageLink(code, name, _in_language(path, current, code), code == current))
    return links


@register.simple_tag
def site_name() -> str:
    return str(settings.QUALIMARK_CB_NAME)


@register.filter
def quick_code(code: Any) -> str:
    return quickcodes.format_code(str(code))


@register.filter
def lot_code(code: Any) -> str:
    return lot_codes.format_code(str(code))


@register.filter
def in_force_on(version: DocumentVersion, day: date) -> bool:
    """Whether a document version is in force on `day` (both ends of its period inclusive)."""
    return version.valid_from <= day and (version.valid_until is None or day <= version.valid_until)


@register.filter
def day_before(day: date | None) -> date | None:
    """The last day of a period given by its first day after (as `expires_on` is stored)."""
    return day - timedelta(days=1) if day is not None else None


@register.filter
def document_anchor(document: ReferenceDocument) -> str:
    """The page anchor of a document, built on its kind and number, never a database id."""
    return slugify(f"doc {document.kind} {document.number}")
