"""How a code typed by a person finds what the public may read (the rule: `registry.access`)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from qualimark.api.errors import MALFORMED_CODE, MISTYPED_CODE, ApiError, not_found
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.parties.models import Organisation
from qualimark.registry import access
from qualimark.verification.verify import Outcome, verify

# Longer input is no code of ours; refusing it early keeps absurd input away from queries.
MAX_CODE_LENGTH = 64


def check_printable(raw: str) -> None:
    """Refuse control characters (a NUL byte is not even storable in PostgreSQL)."""
    if len(raw) > MAX_CODE_LENGTH or not raw.isprintable():
        raise ApiError(400, MALFORMED_CODE, _("This is not a code of the registry."))


def public_certificates() -> models.QuerySet[Certificate]:
    return (
        access.public_certificates()
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .prefetch_related("status_periods")
    )


def public_datasheets() -> models.QuerySet[Datasheet]:
    return (
        access.public_datasheets()
        .select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
        )
        .prefetch_related("status_periods", "certificate__status_periods", "versions")
    )


def certificate_by_number(raw: str) -> Certificate:
    check_printable(raw)
    number = "".join(raw.split()).upper()
    certificate = public_certificates().filter(number=number).first()
    if certificate is None:
        raise not_found(_("No public certificate has the number %(number)s.") % {"number": raw})
    return certificate


def datasheet_by_quick_code(raw: str) -> Datasheet:
    """The public datasheet of a quick code; a mistyped code is told apart from an unknown one."""
    check_printable(raw)
    code = quickcodes.normalise(raw)
    if not code.isdigit():
        raise ApiError(
            400, MALFORMED_CODE, _("%(code)s is not a quick code (8 digits).") % {"code": raw}
        )
    datasheet = public_datasheets().filter(quick_code=code).first()
    if datasheet is not None:
        return datasheet
    # The verification answer already tells a mistyped code apart and finds what was meant.
    verdict = verify(raw)
    if verdict.outcome == Outcome.MISTYPED:
        raise ApiError(404, MISTYPED_CODE, verdict.message, suggestions=verdict.suggestions)
    raise not_found(_("No published datasheet has the quick code %(code)s.") % {"code": raw})


def holder_by_enterprise_number(raw: str) -> Organisation:
    check_printable(raw)
    try:
        number = clean_enterprise_number(raw)
    except ValidationError as error:
        raise ApiError(400, MALFORMED_CODE, " ".join(error.messages)) from None
    holder = (
        Organisation.objects.filter(
            enterprise_number=number, certificates__in=public_certificates().values("pk")
        )
        .distinct()
        .first()
    )
    if holder is None:
        raise not_found(
            _("No holder of a public certificate has the enterprise number %(number)s.")
            % {"number": raw}
        )
    return holder
