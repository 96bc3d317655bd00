"""The reference data: marks, what they certify, and the documents that set the rules."""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.decorators import decorate_view

from qualimark import clock
from qualimark.api import present
from qualimark.api.access import check_printable
from qualimark.api.caching import conditional
from qualimark.api.errors import not_found
from qualimark.api.schemas import (
    DocumentOut,
    DocumentVersionOut,
    ErrorOut,
    SchemeDetailOut,
    SchemeOut,
    SubjectDetailOut,
    SubjectOut,
)
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)

router = Router(tags=["reference data"])

_ERRORS = {400: ErrorOut, 404: ErrorOut}


def _scheme(scheme: Scheme) -> SchemeOut:
    return SchemeOut(
        code=scheme.code,
        name=scheme.name,
        owner=scheme.owner,
        kind=Kind(scheme.kind),
        validity_years=scheme.validity_years,
        description=scheme.description,
    )


@router.get("/schemes", response=list[SchemeOut], summary="The certification systems (marks)")
@decorate_view(conditional)
def scheme_list(request: HttpRequest) -> list[SchemeOut]:
    return [_scheme(scheme) for scheme in Scheme.objects.order_by("code")]


@router.get("/schemes/{code}", response={200: SchemeDetailOut, **_ERRORS}, summary="One mark")
@decorate_view(conditional)
def scheme_detail(request: HttpRequest, code: str) -> SchemeDetailOut:
    check_printable(code)
    scheme = Scheme.objects.filter(code__iexact=code.strip()).first()
    if scheme is None:
        raise not_found()
    subjects = Subject.objects.filter(programmes__scheme=scheme).order_by("code")
    return SchemeDetailOut(
        **_scheme(scheme).model_dump(),
        subjects=[present.subject_ref(subject) for subject in subjects],
    )


def _subjects() -> QuerySet[Subject]:
    programmes = Programme.objects.select_related("scheme").order_by("scheme__code")
    return Subject.objects.order_by("code").prefetch_related(
        Prefetch("programmes", queryset=programmes)
    )


def _subject(subject: Subject) -> SubjectOut:
    return SubjectOut(
        code=subject.code,
        kind=Kind(subject.kind),
        name=subject.name,
        schemes=[programme.scheme.code for programme in subject.programmes.all()],
    )


@router.get("/subjects", response=list[SubjectOut], summary="Products and execution types")
@decorate_view(conditional)
def subject_list(request: HttpRequest) -> list[SubjectOut]:
    return [_subject(subject) for subject in _subjects()]


@router.get(
    "/subjects/{code}",
    response={200: SubjectDetailOut, **_ERRORS},
    summary="One product or execution type, with the documents in force",
)
@decorate_view(conditional)
def subject_detail(request: HttpRequest, code: str) -> SubjectDetailOut:
    check_printable(code)
    subject = _subjects().filter(code=code.strip().lower()).first()
    if subject is None:
        raise not_found()
    today = clock.today()
    return SubjectDetailOut(
        **_subject(subject).model_dump(),
        programmes=[present.programme(p, today) for p in subject.programmes.all()],
    )


def _version(version: DocumentVersion) -> DocumentVersionOut:
    return DocumentVersionOut(
        label=version.label,
        first_day=version.valid_from,
        last_day=version.valid_until,
        languages=sorted(file.language for file in version.files.all()),
        inspections_min_per_year=version.inspections_min_per_year,
        inspections_max_per_year=version.inspections_max_per_year,
    )


@router.get(
    "/documents",
    response=list[DocumentOut],
    summary="Reference documents (PTV, TRA, BRS, guidelines) with all their versions",
)
@decorate_view(conditional)
def document_list(request: HttpRequest) -> list[DocumentOut]:
    versions = DocumentVersion.objects.order_by("-valid_from").prefetch_related("files")
    documents = ReferenceDocument.objects.order_by("kind", "number").prefetch_related(
        Prefetch("versions", queryset=versions), "programmes__subject"
    )
    return [
        DocumentOut(
            kind=DocumentKind(document.kind),
            number=document.number,
            title=document.title,
            subjects=sorted({p.subject.code for p in document.programmes.all()}),
            versions=[_version(version) for version in document.versions.all()],
        )
        for document in documents
    ]
