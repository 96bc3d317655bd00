"""Certificates, datasheets and holders, each found by the code people read."""

from django.http import HttpRequest
from ninja import Router
from ninja.decorators import decorate_view

from qualimark import clock
from qualimark.api import present
from qualimark.api.access import (
    certificate_by_number,
    datasheet_by_quick_code,
    holder_by_enterprise_number,
    public_certificates,
    public_datasheets,
)
from qualimark.api.caching import conditional
from qualimark.api.schemas import CertificateOut, DatasheetOut, ErrorOut, HolderOut
from qualimark.datasheets.models import Datasheet
from qualimark.links import verification_url
from qualimark.verification.verify import verify

router = Router(tags=["registry"])

_ERRORS = {400: ErrorOut, 404: ErrorOut}


@router.get(
    "/certificates/{number}",
    response={200: CertificateOut, **_ERRORS},
    summary="A certificate with its status timeline",
)
@decorate_view(conditional)
def certificate_detail(request: HttpRequest, number: str) -> CertificateOut:
    """A certificate file that reached the trial period; others are 404 not_found."""
    certificate = certificate_by_number(number)
    datasheets = list(public_datasheets().filter(certificate=certificate))
    return present.certificate(certificate, datasheets)


@router.get(
    "/datasheets/{quick_code}",
    response={200: DatasheetOut, **_ERRORS},
    summary="A published datasheet with its status timeline",
)
@decorate_view(conditional)
def datasheet_detail(request: HttpRequest, quick_code: str) -> DatasheetOut:
    """A datasheet that was ever published.

    404 `mistyped_code` (with `suggestions`) when the check digit fails, 404 `not_found`
    when no published datasheet has the code, 400 `malformed_code` when it is no quick code.
    """
    datasheet = datasheet_by_quick_code(quick_code)
    today = clock.today()
    state = datasheet.state_on(today)
    versions = {version.pk: version for version in datasheet.versions.all()}
    # Withdrawn or superseded, it is shown as it was last published.
    published = [s.status.version_id for s in reversed(datasheet.timeline) if s.status.version_id]
    shown = versions.get(state.version_id or (published[0] if published else 0))
    replacements = [s.status.superseded_by_id for s in datasheet.timeline]
    codes = dict(
        Datasheet.objects.filter(pk__in=[pk for pk in replacements if pk]).values_list(
            "pk", "quick_code"
        )
    )
    numbers = {pk: version.number for pk, version in versions.items()}
    answer = verify(datasheet.quick_code, today)
    return DatasheetOut(
        quick_code=datasheet.quick_code,
        product_name=datasheet.product_name,
        trade_name=shown.trade_name if shown else datasheet.product_name,
        version=numbers.get(state.version_id) if state.version_id else None,
        status=state.status,
        outcome=answer.outcome,
        valid=answer.valid,
        certificate=present.certificate_summary(datasheet.certificate, today),
        timeline=[present.datasheet_period(s, numbers, codes) for s in datasheet.timeline],
        verification_url=verification_url(datasheet.quick_code),
    )


@router.get(
    "/holders/{enterprise_number}",
    response={200: HolderOut, **_ERRORS},
    summary="A certificate holder with its production units and public certificates",
)
@decorate_view(conditional)
def holder_detail(request: HttpRequest, enterprise_number: str) -> HolderOut:
    holder = holder_by_enterprise_number(enterprise_number)
    today = clock.today()
    certificates = public_certificates().filter(holder=holder).order_by("number")
    return HolderOut(
        name=holder.name,
        trade_name=holder.trade_name,
        enterprise_number=holder.enterprise_number_display or None,
        country=holder.country,
        postal_code=holder.postal_code,
        town=holder.town,
        production_units=[present.production_unit(u) for u in holder.production_units.all()],
        certificates=[present.certificate_summary(c, today) for c in certificates],
    )
