from typing import Any

from django.db import transaction

from qualimark.accounts.models import User
from qualimark.journal.services import record
from qualimark.parties.models import Organisation, ProductionUnit


@transaction.atomic
def register_organisation(*, by: User | None, **fields: Any) -> Organisation:
    """Create an organisation after validating it (enterprise number included)."""
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    record("organisation.registered", organisation, actor=by, data=fields)
    return organisation


@transaction.atomic
def add_production_unit(
    organisation: Organisation, *, by: User | None, **fields: Any
) -> ProductionUnit:
    unit = ProductionUnit(organisation=organisation, **fields)
    unit.full_clean()
    unit.save()
    record("production_unit.added", unit, actor=by, data=fields)
    return unit
