"""Belgian enterprise numbers (KBO/BCE), validated by python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.be import vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def clean_enterprise_number(value: str) -> str:
    """The compact 10-digit form of `value`, or a ValidationError that says what is wrong."""
    try:
        return str(vat.validate(value))
    except InvalidChecksum:
        raise ValidationError(
            _("%(value)s is not a Belgian enterprise number: its check digits do not match.")
            % {"value": value},
            code="enterprise_number_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a Belgian enterprise number (10 digits, e.g. 0403.170.701).")
            % {"value": value},
            code="enterprise_number_format",
        ) from None


def format_enterprise_number(compact: str) -> str:
    """0403170701 → 0403.170.701, the way the Crossroads Bank for Enterprises writes it."""
    return f"{compact[:4]}.{compact[4:7]}.{compact[7:]}" if len(compact) == 10 else compact
