"""The planning of inspections: one by hand, several chosen files at once, or every due file;
and the reassignment of a planned inspection to another inspector or day.

What is due, and who is responsible for it, is worked out in `due.py`; its names are
re-exported here so that callers find the whole of planning in one place.
"""

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import UNDER_OVERSIGHT, Status
from qualimark.certification.models import Certificate
from qualimark.certification.services import next_number
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.oversight.due import (
    DueInspection,
    by_body,
    by_inspector,
    due_inspections,
)
from qualimark.oversight.exceptions import InvalidInspection, PlanningRefused
from qualimark.oversight.lifecycle import PLAN, InspectionStatus
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.oversight.permissions import inspection_standing
from qualimark.parties import roles
from qualimark.parties.roles import performs
from qualimark.schemes.models import Kind

__all__ = [
    "DueInspection",
    "PlannedInspections",
    "Site",
    "by_body",
    "by_inspector",
    "check_under_oversight",
    "due_inspections",
    "plan_due_inspections",
    "plan_inspection",
    "plan_inspections",
    "reassign_inspection",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    """Where an execution is inspected: the site and the project it belongs to."""

    street: str = ""
    postal_code: str = ""
    town: str = ""
    project: str = ""


class PlannedInspections(list[Inspection]):
    """The inspections planned in one run, and the files skipped with the reason why."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[tuple[DueInspection, str]] = []


def check_under_oversight(certificate: Certificate, day: date) -> None:
    """Refuse to inspect a file that is not in trial period, certified or suspended on `day`."""
    status = certificate.status_on(day)
    if status not in UNDER_OVERSIGHT:
        raise InvalidInspection(
            _(
                "File %(number)s is not under oversight on %(date)s (it is %(status)s): only "
                "a file in trial period, certified or suspended is inspected."
            )
            % {
                "number": certificate.number,
                "date": date_format(day),
                "status": Status(status).label if status else _("not yet applied for"),
            }
        )


@performs(PLAN)
@transaction.atomic
def plan_inspection(
    certificate: Certificate,
    *,
    by: User,
    body: InspectionBody,
    inspector: User,
    planned_on: date,
    unannounced: bool = True,
    site: Site | None = None,
) -> Inspection:
    """Plan an inspection of `certificate` by `inspector` of `body` on `planned_on`.

    The body must be active and inspect for the file's programme, the inspector must be
    one of its inspectors, and the file must be under oversight on that day. A product
    is inspected at its production unit; an execution on a site, which `site` names.
    A file manager plans.
    """
    locked = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("programme__scheme", "production_unit")
        .get(pk=certificate.pk)
    )
    PLAN.check(roles.standing(by, holder=locked.holder_id))
    check_under_oversight(locked, planned_on)
    _check_body(locked, body, inspector)
    site = _checked_site(locked, site)
    inspection = Inspection.objects.create(
        reference=_next_reference(),
        certificate=locked,
        body=body,
        inspector=inspector,
        planned_on=planned_on,
        unannounced=unannounced,
        site_street=site.street,
        site_postal_code=site.postal_code,
        site_town=site.town,
        project_name=site.project,
        created_at=clock.now(),
    )
    record(
        "inspection.planned",
        inspection,
        actor=by,
        data={
            "certificate": locked.number,
            "body": body.name,
            "inspector": inspector.pk,
            "planned_on": planned_on,
            "unannounced": unannounced,
            "site": asdict(site),
        },
    )
    return inspection


@performs(PLAN)
@transaction.atomic
def plan_inspections(
    certificates: Sequence[Certificate],
    *,
    by: User,
    body: InspectionBody,
    inspector: User,
    planned_on: date,
    unannounced: bool = True,
) -> list[Inspection]:
    """Plan one inspection of each of `certificates` by `inspector` of `body` on `planned_on`.

    All or nothing: each file goes through `plan_inspection`, and a file that already has a
    planned inspection is refused too (the list it was chosen from is out of date). If any
    file is refused, nothing is planned and `PlanningRefused` names every file with its
    reason, so that the planner corrects the choice once. Only products are planned this
    way: an execution needs its site, which `plan_inspection` then asks for.
    """
    PLAN.check(roles.standing(by))
    if not certificates:
        raise InvalidInspection(_("Choose the files to plan."))
    # The files are locked before they are checked: two planners choosing the same file at
    # once plan it once, the second is told it is planned.
    list(
        Certificate.objects.select_for_update()
        .filter(pk__in=[certificate.pk for certificate in certificates])
        .order_by("pk")
    )
    already = dict(
        Inspection.objects.filter(
            certificate__in=certificates, status=InspectionStatus.PLANNED
        ).values_list("certificate_id", "reference")
    )
    planned: list[Inspection] = []
    refusals: list[str] = []
    for certificate in certificates:
        if certificate.pk in already:
            refusals.append(
                _("%(number)s: inspection %(reference)s is already planned.")
                % {"number": certificate.number, "reference": already[certificate.pk]}
            )
            continue
        try:
            planned.append(
                plan_inspection(
                    certificate,
                    by=by,
                    body=body,
                    inspector=inspector,
                    planned_on=planned_on,
                    unannounced=unannounced,
                )
            )
        except DomainError as error:
            refusals.append(
                _("%(number)s: %(reason)s") % {"number": certificate.number, "reason": error}
            )
    if refusals:
        # Raised inside the transaction: the inspections planned before it are undone.
        raise PlanningRefused(refusals)
    return planned


@performs(PLAN)
@transaction.atomic
def reassign_inspection(
    inspection: Inspection, *, by: User, inspector: User, planned_on: date
) -> Inspection:
    """Give a planned inspection to another inspector of its body, or another day, or both.

    The same checks as planning: the inspection is still planned, its body is active and
    inspects for the file's programme, the inspector is one of the body's, and the file is
    under oversight on the new day. A file manager reassigns.
    """
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("certificate__programme", "body", "inspector")
        .get(pk=inspection.pk)
    )
    PLAN.check(inspection_standing(by, locked))
    if locked.status != InspectionStatus.PLANNED:
        raise InvalidInspection(
            _("Inspection %(reference)s is %(status)s: only a planned inspection is reassigned.")
            % {"reference": locked.reference, "status": locked.get_status_display()}
        )
    if locked.inspector_id == inspector.pk and locked.planned_on == planned_on:
        raise InvalidInspection(_("Choose another inspector or another day: nothing changes."))
    check_under_oversight(locked.certificate, planned_on)
    _check_body(locked.certificate, locked.body, inspector)
    before = {"inspector": locked.inspector_id, "planned_on": locked.planned_on}
    locked.inspector, locked.planned_on = inspector, planned_on
    locked.save(update_fields=["inspector", "planned_on"])
    record(
        "inspection.reassigned",
        locked,
        actor=by,
        data={
            "inspector": inspector.pk,
            "inspector_name": str(inspector),
            "planned_on": planned_on,
            "before": before,
        },
    )
    inspection.inspector, inspection.planned_on = inspector, planned_on
    return inspection


def inspection_reference(year: int, serial: int) -> str:
    """The reference of the `serial`th inspection planned in `year`, as people quote it."""
    return f"{year}-{serial:05d}"


def _next_reference() -> str:
    year = clock.today().year
    return inspection_reference(year, next_number(f"inspection-{year}"))


def _check_body(certificate: Certificate, body: InspectionBody, inspector: User) -> None:
    if not body.active:
        raise InvalidInspection(
            _("%(body)s is no longer an active inspection body.") % {"body": body.name}
        )
    if not body.programmes.filter(pk=certificate.programme_id).exists():
        raise InvalidInspection(
            _("%(body)s does not inspect for %(programme)s.")
            % {"body": body.name, "programme": certificate.programme}
        )
    if not body.inspectors.filter(pk=inspector.pk).exists():
        raise InvalidInspection(
            _("%(person)s is not an inspector of %(body)s.")
            % {"person": inspector, "body": body.name}
        )


def _checked_site(certificate: Certificate, site: Site | None) -> Site:
    """The site of an execution, all of it given; none for a product (its unit applies)."""
    site = Site(*(part.strip() for part in asdict(site or Site()).values()))
    if certificate.programme.scheme.kind == Kind.EXECUTION:
        if not all(asdict(site).values()):
            raise InvalidInspection(
                _(
                    "An execution is inspected on site: give the street, postal code and "
                    "town of the site, and the project."
                )
            )
        return site
    if any(asdict(site).values()):
        raise InvalidInspection(
            _(
                "A product is inspected at its production unit (%(unit)s): a site and a "
                "project belong to execution certification only."
            )
            % {"unit": certificate.production_unit}
        )
    return site


@performs(PLAN)
def plan_due_inspections(day: date, *, by: User, horizon_days: int = 30) -> PlannedInspections:
    """Plan every file due by `day` + `horizon_days` that has no planned inspection yet.

    Each is planned with its responsible body and inspector on its due date (today when
    overdue), each in its own transaction. Files that cannot be planned this way (no
    frequency, body or inspector known; an execution, whose site only a person can name;
    a refusal of `plan_inspection`) are left in `skipped` with the reason. Someone who may
    not plan is refused before anything is looked at.
    """
    PLAN.check(roles.standing(by))
    planned = PlannedInspections()
    for item in due_inspections(day, horizon_days=horizon_days):
        if item.planned is not None:
            continue
        reason = _cannot_plan(item)
        if reason is None and item.body is not None and item.inspector is not None:
            try:
                inspection = plan_inspection(
                    item.certificate,
                    by=by,
                    body=item.body,
                    inspector=item.inspector,
                    planned_on=max(item.due_on or day, day),
                )
            except DomainError as error:
                reason = error.message
            else:
                planned.append(inspection)
                continue
        planned.skipped.append((item, reason or ""))
        logger.warning("Inspection of %s not planned: %s", item.certificate.number, reason)
    return planned


def _cannot_plan(item: DueInspection) -> str | None:
    if not item.frequency_known:
        return _("No regulation in force sets how often this file is inspected.")
    if item.body is None:
        return _("No active inspection body inspects for %(programme)s.") % {
            "programme": item.certificate.programme
        }
    if item.inspector is None:
        return _("No inspector is known for this file yet: plan the inspection by hand.")
    if item.certificate.programme.scheme.kind == Kind.EXECUTION:
        return _("An execution is inspected on a site that only a person can name.")
    return None
