"""The documents of lot inspections, for the body's staff."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from qualimark.backoffice.views.common import acting_user
from qualimark.documents.pdf import lot_refusal_pdf
from qualimark.lots.models import LotRefusal
from qualimark.lots.permissions import lot_standing
from qualimark.signin.decorators import office_required


@office_required
def refusal_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The refusal of a lot, listing the failed characteristics, for whoever sees the lot."""
    refusal = LotRefusal.objects.filter(request__reference=reference).first()
    if refusal is None or not lot_standing(acting_user(request), refusal.request).visible:
        raise Http404(_("No refusal has this reference."))
    language = translation.get_language() or "en"
    response = HttpResponse(
        lot_refusal_pdf(refusal, language=language), content_type="application/pdf"
    )
    filename = f"refusal-{reference}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename) or ""
    return response
