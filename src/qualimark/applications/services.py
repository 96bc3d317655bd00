"""The services of an online application: prepare a draft, then submit it.

One function per action, the actor keyword-only. Each runs in one transaction, locks the
application, passes the gate of its lifecycle (`lifecycle.py`: the holder's users change a
draft, and only a draft) and writes its journal entry. Submission opens
the certification file through `certification.services.apply_for_certification`, so the
rules of an application (production unit or not, an open file already) are the file's own.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.lifecycle import EDIT, LIFECYCLE, START, Transition
from qualimark.applications.models import (
    Application,
    ApplicationContact,
    ApplicationUpload,
    RequiredDocument,
)
from qualimark.applications.permissions import application_standing
from qualimark.certification import services as certification
from qualimark.certification.exceptions import InvalidApplication
from qualimark.certification.lifecycle import APPLY
from qualimark.certification.models import Certificate
from qualimark.journal.services import record
from qualimark.parties import roles
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.roles import performs
from qualimark.schemes.models import DocumentKind, DocumentVersion, Programme
from qualimark.uploads import check_upload

# The technical basis an applicant names: a PTV, or for an ATG its approval guideline.
BASIS_KINDS = (DocumentKind.PTV, DocumentKind.GUIDELINE)


@dataclass(frozen=True)
class ContactDetails:
    name: str
    function: str
    email: str
    phone: str = ""


def ptv_versions(programme: Programme) -> list[DocumentVersion]:
    """The PTV (or guideline) versions an application for `programme` may name today."""
    return [v for v in programme.versions_on(clock.today()) if v.document.kind in BASIS_KINDS]


def application_reference(year: int, serial: int) -> str:
    return f"A-{year}-{serial:04d}"


@performs(START)
@transaction.atomic
def start_application(
    organisation: Organisation,
    *,
    by: User,
    programme: Programme,
    production_unit: ProductionUnit | None = None,
    ptv_version: DocumentVersion | None = None,
    notes: str = "",
) -> Application:
    """A new draft application of `organisation` for `programme`, by one of its users."""
    START.check(roles.standing(by, holder=organisation))
    _check_choices(organisation, programme, production_unit, ptv_version)
    year = clock.today().year
    application = Application.objects.create(
        reference=application_reference(year, certification.next_number(f"A-{year}")),
        organisation=organisation,
        programme=programme,
        production_unit=production_unit,
        ptv_version=ptv_version,
        notes=notes.strip(),
        created_by=by,
        created_at=clock.now(),
    )
    record("application.started", application, actor=by, data=_choices_data(application))
    return application


@performs(EDIT)
@transaction.atomic
def update_application(
    application: Application,
    *,
    by: User,
    programme: Programme,
    production_unit: ProductionUnit | None,
    ptv_version: DocumentVersion | None,
    notes: str,
) -> Application:
    """Change what a draft applies for; uploads made for another programme lose their link."""
    locked = _locked_draft(application, by=by)
    _check_choices(locked.organisation, programme, production_unit, ptv_version)
    if programme.pk != locked.programme_id:
        # A document asked by the former programme's regulation answers nothing in the new one;
        # it is kept (the applicant uploaded it) as a document added of its own accord.
        locked.uploads.exclude(requirement=None).update(requirement=None)
    locked.programme = programme
    locked.production_unit = production_unit
    locked.ptv_version = ptv_version
    locked.notes = notes.strip()
    locked.save(update_fields=["programme", "production_unit", "ptv_version", "notes"])
    record("application.updated", locked, actor=by, data=_choices_data(locked))
    return locked


@performs(EDIT)
@transaction.atomic
def set_contacts(application: Application, *, by: User, contacts: Sequence[ContactDetails]) -> None:
    """Replace the contacts of a draft by `contacts`."""
    locked = _locked_draft(application, by=by)
    cleaned = [_clean_contact(number, contact) for number, contact in enumerate(contacts, 1)]
    locked.contacts.all().delete()
    ApplicationContact.objects.bulk_create(
        ApplicationContact(application=locked, **asdict(contact)) for contact in cleaned
    )
    record(
        "application.contacts_set",
        locked,
        actor=by,
        data={"contacts": [{"name": c.name, "email": c.email} for c in cleaned]},
    )


def _clean_contact(number: int, contact: ContactDetails) -> ContactDetails:
    cleaned = ContactDetails(
        name=contact.name.strip(),
        function=contact.function.strip(),
        email=contact.email.strip(),
        phone=contact.phone.strip(),
    )
    if not cleaned.name:
        raise InvalidApplicationDraft(_("Contact %(number)d needs a name.") % {"number": number})
    if cleaned.email:
        try:
            validate_email(cleaned.email)
        except ValidationError:
            raise InvalidApplicationDraft(
                _("%(email)s is not a valid e-mail address.") % {"email": cleaned.email}
            ) from None
    return cleaned


@performs(EDIT)
@transaction.atomic
def add_upload(
    application: Application,
    *,
    by: User,
    requirement: RequiredDocument | None,
    upload: UploadedFile,
) -> ApplicationUpload:
    """Keep a document for a draft: a PDF, PNG, JPEG, DOCX or XLSX within the size limit."""
    locked = _locked_draft(application, by=by)
    if requirement is not None and requirement.programme_id != locked.programme_id:
        raise InvalidApplicationDraft(
            _("%(document)s is not asked for by %(programme)s.")
            % {"document": requirement.name, "programme": locked.programme}
        )
    checked = check_upload(upload, error=InvalidApplicationDraft)
    row = ApplicationUpload(
        application=locked,
        requirement=requirement,
        original_name=checked.original_name,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=by,
        uploaded_at=clock.now(),
    )
    row.file.save(checked.stored_name, upload, save=False)
    try:
        row.save()
        record(
            "application.upload_added",
            locked,
            actor=by,
            data={
                "upload": row.pk,
                "name": row.original_name,
                "size": row.size,
                "requirement": requirement.pk if requirement else None,
            },
        )
    except Exception:  # the row did not land: the file written above must not stay behind
        row.file.delete(save=False)
        raise
    return row


@performs(EDIT)
@transaction.atomic
def remove_upload(upload: ApplicationUpload, *, by: User) -> None:
    """Take a document off a draft; the file goes once the removal is committed."""
    locked = _locked_draft(upload.application, by=by)
    row = ApplicationUpload.objects.get(pk=upload.pk, application=locked)
    name, storage = row.file.name, row.file.storage
    row.delete()
    record(
        "application.upload_removed",
        locked,
        actor=by,
        data={"upload": upload.pk, "name": row.original_name},
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@performs(EDIT, APPLY)
@transaction.atomic
def submit_application(application: Application, *, by: User) -> Certificate:
    """Submit a complete draft: the certification body receives it as a new file."""
    locked = _locked_draft(application, by=by, transition=Transition.SUBMIT)
    _check_choices(
        locked.organisation, locked.programme, locked.production_unit, locked.ptv_version
    )
    missing = missing_for_submission(locked)
    if missing:
        raise InvalidApplicationDraft(
            _("Application %(reference)s cannot be submitted yet. Missing: %(missing)s.")
            % {"reference": locked.reference, "missing": "; ".join(missing)}
        )
    certificate = certification.apply_for_certification(
        holder=locked.organisation,
        programme=locked.programme,
        production_unit=locked.production_unit,
        by=by,
    )
    locked.certificate = certificate
    locked.status = LIFECYCLE.rule(Transition.SUBMIT).target
    locked.submitted_by = by
    locked.submitted_at = clock.now()
    locked.save(update_fields=["certificate", "status", "submitted_by", "submitted_at"])
    record(
        "application.submitted",
        locked,
        actor=by,
        data={"certificate": certificate.number, **_choices_data(locked)},
    )
    _refresh(application, locked)
    return certificate


def missing_for_submission(application: Application) -> list[str]:
    """What a draft still lacks before it can be submitted, in words for the applicant."""
    missing: list[str] = []
    if application.ptv_version_id is None and ptv_versions(application.programme):
        missing.append(_("the PTV version"))
    uploaded = set(
        application.uploads.exclude(requirement=None).values_list("requirement_id", flat=True)
    )
    missing.extend(
        document.name
        for document in application.programme.required_documents.filter(mandatory=True)
        if document.pk not in uploaded
    )
    if not application.contacts.exclude(email="").exists():
        missing.append(_("a contact with an e-mail address"))
    return missing


@performs(EDIT)
@transaction.atomic
def discard_application(application: Application, *, by: User) -> None:
    """Throw a draft away, with its contacts and documents."""
    locked = _locked_draft(application, by=by, transition=Transition.DISCARD)
    files = [(row.file.storage, row.file.name) for row in locked.uploads.all() if row.file.name]
    record("application.discarded", locked, actor=by, data=_choices_data(locked))
    locked.uploads.all().delete()
    locked.contacts.all().delete()
    locked.delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _locked_draft(
    application: Application, *, by: User, transition: Transition = Transition.EDIT
) -> Application:
    """The application, locked, once its lifecycle lets `by` take `transition` on it."""
    locked = (
        # of=self: the unit and the PTV version are outer joins, which PostgreSQL will not lock.
        Application.objects.select_for_update(of=("self",))
        .select_related("organisation", "programme__scheme", "production_unit", "ptv_version")
        .get(pk=application.pk)
    )
    LIFECYCLE.gate(transition, locked.status, application_standing(by, locked))
    return locked


def _check_choices(
    organisation: Organisation,
    programme: Programme,
    unit: ProductionUnit | None,
    ptv_version: DocumentVersion | None,
) -> None:
    """Refuse at once what submission would refuse later, with the file's own words."""
    try:
        certification.check_application(organisation, programme, unit)
    except InvalidApplication as error:
        raise InvalidApplicationDraft(error.message) from error
    if ptv_version is not None:
        _check_ptv_version(programme, ptv_version)


def _check_ptv_version(programme: Programme, version: DocumentVersion) -> None:
    today = clock.today()
    in_force = DocumentVersion.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        pk=version.pk,
        document__programmes=programme,
        document__kind__in=BASIS_KINDS,
        valid_from__lte=today,
    )
    if not in_force.exists():
        raise InvalidApplicationDraft(
            _("%(version)s is not a version of %(programme)s's technical basis in force today.")
            % {"version": version, "programme": programme}
        )


def _choices_data(application: Application) -> dict[str, object]:
    return {
        "organisation": application.organisation_id,
        "programme": str(application.programme),
        "production_unit": application.production_unit_id,
        "ptv_version": str(application.ptv_version) if application.ptv_version else None,
    }


def _refresh(application: Application, locked: Application) -> None:
    """Let the caller's instance show what the service wrote."""
    for field in ("certificate", "status", "submitted_by", "submitted_at"):
        setattr(application, field, getattr(locked, field))
