"""The reference documents (PTV, TRA, BRS) and their versions, as the staff read them, and
a new version added by a file manager when the publisher issues one.

Every decision records the versions in force on its effective date: a version added here
is what later decisions will be traced to.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from qualimark.backoffice.forms import DocumentVersionForm
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted
from qualimark.parties import roles
from qualimark.schemes.models import DocumentVersion, ReferenceDocument
from qualimark.schemes.services import ADD_DOCUMENT_VERSION
from qualimark.signin.decorators import office_required


def _check_reader(request: HttpRequest) -> None:
    if not roles.is_cb_staff(acting_user(request)):
        raise Http404(_("No such page."))


@office_required
def documents_page(request: HttpRequest) -> HttpResponse:
    _check_reader(request)
    documents = ReferenceDocument.objects.prefetch_related(
        Prefetch("versions", DocumentVersion.objects.order_by("-valid_from"))
    ).order_by("kind", "number")
    return render(
        request,
        "backoffice/documents.html",
        {
            "documents": documents,
            "may_add": ADD_DOCUMENT_VERSION.allows(
                roles.standing(acting_user(request), public=True)
            ),
        },
    )


@office_required
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    _check_reader(request)
    document = ReferenceDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404(_("No such document."))
    if request.method == "POST":
        return _add_version(request, document)
    # The form is shown to whoever may add a version; the service says why to others.
    refusal = ADD_DOCUMENT_VERSION.refusal(roles.standing(acting_user(request), public=True))
    if refusal is not None:
        raise refusal
    return _version_page(request, document, html5_dates(DocumentVersionForm(document=document)))


def _add_version(request: HttpRequest, document: ReferenceDocument) -> HttpResponse:
    form = html5_dates(DocumentVersionForm(request.POST, document=document))
    if submitted(
        request,
        form,
        lambda by: form.add(by=by),
        lambda version: _("Version %(version)s is added.") % {"version": version},
    ):
        return HttpResponseRedirect(reverse("backoffice:documents") + f"#document-{document.pk}")
    return _version_page(request, document, form)


def _version_page(
    request: HttpRequest, document: ReferenceDocument, form: DocumentVersionForm
) -> HttpResponse:
    return render(request, "backoffice/document_version.html", {"document": document, "form": form})
