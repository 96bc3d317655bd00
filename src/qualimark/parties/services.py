"""The services of the parties: the organisations the body deals with and their units."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User
from qualimark.journal.services import record
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.roles import Capacity, act, performs, standing

# The register of holders and their production units is the body's: its file managers
# keep it (a holder tells them of a new plant; the application then names it).
KEEPERS = frozenset({Capacity.FILE_MANAGER, Capacity.ADMINISTRATOR})
REGISTER_ORGANISATION = act("parties.register_organisation", _("register an organisation"), KEEPERS)
ADD_PRODUCTION_UNIT = act("parties.add_production_unit", _("add a production unit"), KEEPERS)


@performs(REGISTER_ORGANISATION)
@transaction.atomic
def register_organisation(*, by: User, **fields: Any) -> Organisation:
    """Create an organisation after validating it (enterprise number included)."""
    # A new organisation is nobody's yet: whoever is refused is refused for their role.
    REGISTER_ORGANISATION.check(standing(by, public=True))
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    record("organisation.registered", organisation, actor=by, data=fields)
    return organisation


@performs(ADD_PRODUCTION_UNIT)
@transaction.atomic
def add_production_unit(organisation: Organisation, *, by: User, **fields: Any) -> ProductionUnit:
    """Add a production unit to `organisation` after validating it."""
    ADD_PRODUCTION_UNIT.check(standing(by, holder=organisation))
    unit = ProductionUnit(organisation=organisation, **fields)
    unit.full_clean()
    unit.save()
    record("production_unit.added", unit, actor=by, data=fields)
    return unit
