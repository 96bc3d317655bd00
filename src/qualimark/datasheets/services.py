"""Services for technical datasheets: create, version, publish, withdraw, supersede.

Each takes its actor and passes the gate of the datasheet's lifecycle (`lifecycle.py`):
the body's file managers prepare datasheets and publish them, if they are not tied to the
holder.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import FINAL, Status
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.errors import DatasheetError as DatasheetError
from qualimark.datasheets.errors import QuickCodeTaken as QuickCodeTaken
from qualimark.datasheets.lifecycle import DATASHEET, PREPARE, PUBLISH, Transition
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
)
from qualimark.datasheets.permissions import file_standing
from qualimark.feed import services as feed
from qualimark.journal.services import record
from qualimark.parties.roles import performs

# A datasheet is prepared during the trial period and lives on with its certificate.
PUBLISHABLE = frozenset({Status.TRIAL, Status.CERTIFIED, Status.SUSPENDED})


def allocate_quick_code() -> str:
    """A new random quick code that no datasheet has yet."""
    for _attempt in range(settings.QUALIMARK_QUICK_CODE_ATTEMPTS):
        code = quickcodes.random_code()
        if not Datasheet.objects.filter(quick_code=code).exists():
            return code
    raise DatasheetError(_("No free quick code was found; the code space is nearly full."))


def _clean_legacy_code(raw: str) -> str:
    code = quickcodes.normalise(raw)
    if not code.isdigit() or not 4 <= len(code) <= 12:
        raise DatasheetError(
            _("A legacy quick code has 4 to 12 digits; %(code)s does not.") % {"code": raw}
        )
    if Datasheet.objects.filter(quick_code=code).exists():
        raise QuickCodeTaken(_("Quick code %(code)s is already in use.") % {"code": code})
    return code


@performs(PREPARE)
@transaction.atomic
def create_datasheet(
    certificate: Certificate,
    *,
    by: User,
    product_name: str,
    trade_name: str,
    characteristics: list[dict[str, Any]] | None = None,
    legacy_quick_code: str | None = None,
) -> Datasheet:
    """A new datasheet for a product of `certificate`, with its first version as a draft."""
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    PREPARE.check(file_standing(by, locked))
    if locked.status_on(clock.today()) in FINAL:
        raise DatasheetError(
            _("File %(number)s is closed: it cannot get new datasheets.")
            % {"number": locked.number}
        )
    code = _clean_legacy_code(legacy_quick_code) if legacy_quick_code else allocate_quick_code()
    try:
        with transaction.atomic():
            datasheet = Datasheet.objects.create(
                certificate=locked,
                quick_code=code,
                quick_code_legacy=bool(legacy_quick_code),
                product_name=product_name,
                created_at=clock.now(),
            )
    except IntegrityError:  # a concurrent creation took the same code between check and insert
        raise QuickCodeTaken(_("Quick code %(code)s is already in use.") % {"code": code}) from None
    _new_version(datasheet, by=by, trade_name=trade_name, characteristics=characteristics or [])
    record(
        "datasheet.created",
        datasheet,
        actor=by,
        data={"certificate": locked.number, "quick_code": code, "legacy": bool(legacy_quick_code)},
    )
    return datasheet


def _new_version(
    datasheet: Datasheet, *, by: User, trade_name: str, characteristics: list[dict[str, Any]]
) -> DatasheetVersion:
    last = datasheet.versions.aggregate(last=Max("number"))["last"] or 0
    return DatasheetVersion.objects.create(
        datasheet=datasheet,
        number=last + 1,
        trade_name=trade_name,
        characteristics=characteristics,
        created_at=clock.now(),
        created_by=by,
    )


@performs(PREPARE)
@transaction.atomic
def add_datasheet_version(
    datasheet: Datasheet,
    *,
    by: User,
    trade_name: str,
    characteristics: list[dict[str, Any]],
) -> DatasheetVersion:
    """A new draft version; it takes effect only when published."""
    locked = _locked(datasheet.pk)
    DATASHEET.gate(
        Transition.ADD_VERSION,
        locked.state_on(clock.today()).status,
        file_standing(by, locked.certificate),
    )
    version = _new_version(locked, by=by, trade_name=trade_name, characteristics=characteristics)
    record("datasheet.version_added", locked, actor=by, data={"version": version.number})
    feed.append(
        "datasheet.version_added",
        locked,
        codes=[locked.quick_code],
        data={"version": version.number, "trade_name": version.trade_name},
    )
    return version


def _locked(pk: int) -> Datasheet:
    # of=self: the file is only read here; its own services lock it.
    locked = Datasheet.objects.select_for_update(of=("self",)).select_related("certificate")
    return locked.get(pk=pk)


def _append(
    datasheet: Datasheet,
    status: DatasheetStatus,
    *,
    by: User,
    effective: date,
    reason: str = "",
    version: DatasheetVersion | None = None,
    superseded_by: Datasheet | None = None,
) -> DatasheetStatusPeriod:
    last = datasheet.status_periods.order_by("-id").first()
    if last is not None and effective < last.valid_from:
        raise DatasheetError(
            _(
                "A change of datasheet %(code)s already takes effect on %(date)s; "
                "a new one cannot take effect before it."
            )
            % {"code": datasheet.quick_code, "date": last.valid_from.isoformat()}
        )
    datasheet.forget_history()
    return DatasheetStatusPeriod.objects.create(
        datasheet=datasheet,
        status=status,
        version=version,
        superseded_by=superseded_by,
        valid_from=effective,
        recorded_at=clock.now(),
        recorded_by=by,
        reason=reason,
    )


@performs(PUBLISH)
@transaction.atomic
def publish_datasheet_version(
    version: DatasheetVersion, *, by: User, effective: date | None = None
) -> DatasheetStatusPeriod:
    """Publish `version`; from `effective` on it replaces the version before it."""
    effective = effective or clock.today()
    datasheet = _locked(version.datasheet_id)
    DATASHEET.gate(
        Transition.PUBLISH,
        datasheet.state_on(effective).status,
        file_standing(by, datasheet.certificate),
    )
    published = datasheet.status_periods.filter(version__number__gte=version.number)
    if published.exists():
        raise DatasheetError(
            _("Version %(number)s of datasheet %(code)s, or a later one, is already published.")
            % {"number": version.number, "code": datasheet.quick_code}
        )
    if datasheet.certificate.status_on(effective) not in PUBLISHABLE:
        raise DatasheetError(
            _(
                "File %(number)s is not in its trial period or certified on that date: "
                "its datasheets cannot be published."
            )
            % {"number": datasheet.certificate.number}
        )
    row = _append(datasheet, DatasheetStatus.PUBLISHED, by=by, effective=effective, version=version)
    if DatasheetVersion.datasheet.is_cached(version):
        version.datasheet.forget_history()
    record(
        "datasheet.published",
        datasheet,
        actor=by,
        data={"version": version.number, "effective": effective},
    )
    feed.append(
        "datasheet.published",
        datasheet,
        codes=[datasheet.quick_code],
        data={"row": row.pk, "version": version.number, "effective": effective.isoformat()},
    )
    return row


@performs(PUBLISH)
@transaction.atomic
def withdraw_datasheet(
    datasheet: Datasheet, *, by: User, reason: str, effective: date | None = None
) -> DatasheetStatusPeriod:
    """Take a published datasheet out of the registry from `effective` on."""
    effective = effective or clock.today()
    locked = _locked(datasheet.pk)
    DATASHEET.gate(
        Transition.WITHDRAW,
        locked.state_on(effective).status,
        file_standing(by, locked.certificate),
    )
    row = _append(locked, DatasheetStatus.WITHDRAWN, by=by, effective=effective, reason=reason)
    record("datasheet.withdrawn", locked, actor=by, data={"effective": effective, "reason": reason})
    feed.append(
        "datasheet.withdrawn",
        locked,
        codes=[locked.quick_code],
        data={"row": row.pk, "effective": effective.isoformat()},
    )
    datasheet.forget_history()
    return row


@performs(PUBLISH)
@transaction.atomic
def supersede_datasheet(
    datasheet: Datasheet,
    *,
    by: User,
    replacement: Datasheet,
    reason: str = "",
    effective: date | None = None,
) -> DatasheetStatusPeriod:
    """Replace `datasheet` by another one (another quick code) from `effective` on."""
    effective = effective or clock.today()
    if replacement.pk == datasheet.pk:
        raise DatasheetError(_("A datasheet cannot supersede itself."))
    locked = _locked(datasheet.pk)
    DATASHEET.gate(
        Transition.SUPERSEDE,
        locked.state_on(effective).status,
        file_standing(by, locked.certificate),
    )
    if replacement.state_on(effective).status != DatasheetStatus.PUBLISHED:
        raise DatasheetError(
            _("The replacement %(code)s must be published on that date.")
            % {"code": replacement.quick_code}
        )
    row = _append(
        locked,
        DatasheetStatus.SUPERSEDED,
        by=by,
        effective=effective,
        reason=reason,
        superseded_by=replacement,
    )
    record(
        "datasheet.superseded",
        locked,
        actor=by,
        data={"by": replacement.quick_code, "effective": effective, "reason": reason},
    )
    feed.append(
        "datasheet.superseded",
        locked,
        codes=[locked.quick_code, replacement.quick_code],
        data={"row": row.pk, "by": replacement.quick_code, "effective": effective.isoformat()},
    )
    datasheet.forget_history()
    return row
