"""Ties that the certification body's people declare to holders (ISO/IEC 17065 4.2).

A person declares their own ties: a former employer, a relative who works for the holder,
a shareholding, paid work. While a tie is in force the person takes none of the body's
evaluations and decisions on the holder's files (`parties.roles.standing` reads them).
Declaring and ending a tie are journalled; a tie is never deleted.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.parties.models import Organisation, Tie, TieKind
from qualimark.parties.roles import STAFF, act, performs, standing

DECLARE_TIE = act("parties.declare_tie", _("declare a tie to a holder"), STAFF)


class InvalidTie(DomainError):
    code = "invalid_tie"


@performs(DECLARE_TIE)
@transaction.atomic
def declare_tie(
    *,
    by: User,
    organisation: Organisation,
    kind: TieKind,
    valid_from: date,
    valid_until: date | None = None,
    description: str = "",
) -> Tie:
    """Record that `by` is tied to `organisation` from `valid_from` (until `valid_until`)."""
    DECLARE_TIE.check(standing(by, public=True))
    if organisation.is_certification_body:
        raise InvalidTie(gettext("A tie is declared to a holder, not to the certification body."))
    if valid_until is not None and valid_until <= valid_from:
        raise InvalidTie(gettext("A tie must end after it starts."))
    tie = Tie.objects.create(
        user=by,
        organisation=organisation,
        kind=TieKind(kind),
        description=description.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        declared_at=clock.now(),
    )
    record(
        "tie.declared",
        tie,
        actor=by,
        data={
            "organisation": organisation.pk,
            "kind": tie.kind,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "description": tie.description,
        },
    )
    return tie


@performs(DECLARE_TIE)
@transaction.atomic
def end_tie(tie: Tie, *, by: User, on: date) -> Tie:
    """End one's own tie on `on` (it no longer counts from that day)."""
    DECLARE_TIE.check(standing(by, public=True))
    locked = Tie.objects.select_for_update().get(pk=tie.pk)
    if locked.user_id != by.pk:
        raise InvalidTie(gettext("Each person ends their own ties."))
    if on <= locked.valid_from or (locked.valid_until is not None and on >= locked.valid_until):
        raise InvalidTie(gettext("A tie ends within the period it was declared for."))
    if on < clock.today():
        # Who was tied on which days stays as it was recorded: a tie ends today or later.
        raise InvalidTie(gettext("A tie ends today or later, never in the past."))
    locked.valid_until = on
    locked.save(update_fields=["valid_until"])
    record("tie.ended", locked, actor=by, data={"valid_until": on})
    tie.valid_until = on
    return tie
