"""The role table: who a person is for Qualimark, and what they are towards one object.

Every rule of who may act is read from here: the services ask it (through `Act.check`) before
they change anything, and pages ask the same `Act` which buttons to show. It sits in
`parties`, below every domain app, because it needs only people, organisations and their
roles; a rule about one kind of object (who sees a file, who is assigned to an inspection)
lives with that object's app and hands its answer here as a `Standing`.

A user's roles come from one query (plus one for inspection bodies and one for declared
ties), kept on the user instance: a page asks these questions many times, for every line of
a list. The cache carries the generation of the role tables it was read at, so that a role
given or taken in the same process (an invitation, a test) is seen at once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.errors import (
    ConflictOfInterest,
    DomainError,
    ImpartialityError,
    NotPermitted,
    NotVisible,
    SeparationOfDutiesError,
)
from qualimark.parties.models import Organisation, Role, RoleKind, Tie, TieKind

AnyUser = User | AnonymousUser
# Who acts: a signed-in user, the system itself (`system_actor()`), or None for the public.
Actor = User | AnonymousUser | None

CB_KINDS = frozenset(
    {RoleKind.FILE_MANAGER, RoleKind.REVIEWER, RoleKind.DECISION_MAKER, RoleKind.AUDITOR}
)
HOLDER_KINDS = frozenset({RoleKind.HOLDER_ADMINISTRATOR, RoleKind.INVITED_USER})

# The account in whose name the system acts by itself (the daily run's lapses, a comment
# window closed by date). It never signs in: it is inactive and has no usable password.
SYSTEM_EMAIL = "system@qualimark.invalid"


class Capacity(models.TextChoices):
    """The roles in which one acts; each act of the system names those that may take it."""

    ADMINISTRATOR = "administrator", _("administrator")
    FILE_MANAGER = "file_manager", _("file manager")
    REVIEWER = "reviewer", _("reviewer")
    DECISION_MAKER = "decision_maker", _("decision maker")
    AUDITOR = "auditor", _("auditor")
    INSPECTOR = "inspector", _("assigned inspector")
    HOLDER_ADMINISTRATOR = "holder_admin", _("administrator of the holder")
    HOLDER_USER = "holder_user", _("user of the holder")
    SYSTEM = "system", _("the system")
    PUBLIC = "public", _("anyone")


# The body's people who act; READERS may also read what they act on (the auditor only reads).
STAFF = frozenset(
    {Capacity.ADMINISTRATOR, Capacity.FILE_MANAGER, Capacity.REVIEWER, Capacity.DECISION_MAKER}
)
READERS = STAFF | {Capacity.AUDITOR}
_STAFF_KIND = {
    RoleKind.FILE_MANAGER: Capacity.FILE_MANAGER,
    RoleKind.REVIEWER: Capacity.REVIEWER,
    RoleKind.DECISION_MAKER: Capacity.DECISION_MAKER,
    RoleKind.AUDITOR: Capacity.AUDITOR,
}

_CACHE_ATTRIBUTE = "_qualimark_roles"
_generation = 0


def roles_changed(**_kwargs: Any) -> None:
    """Forget every cached answer (connected to changes of roles, ties and inspection bodies)."""
    global _generation
    _generation += 1


@dataclass(frozen=True)
class _Profile:
    generation: int
    staff_roles: frozenset[RoleKind]
    holder_roles: frozenset[tuple[int, RoleKind]]  # (organisation id, kind)
    inspector: bool


_NOBODY = _Profile(0, frozenset(), frozenset(), False)
_TIES_ATTRIBUTE = "_qualimark_ties"
Ties = tuple[tuple[int, date, date | None, str], ...]  # (organisation id, from, until, kind)


def _active(user: Actor) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def _profile(user: Actor) -> _Profile:
    account = _active(user)
    if account is None:
        return _NOBODY
    cached: _Profile | None = getattr(account, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached.generation == _generation:
        return cached
    generation = _generation
    staff: set[RoleKind] = set()
    holder: set[tuple[int, RoleKind]] = set()
    rows = Role.objects.filter(person__user=account).values_list(
        "organisation_id", "kind", "organisation__is_certification_body"
    )
    for organisation_id, kind, at_cb in rows:
        if at_cb and kind in CB_KINDS:
            staff.add(RoleKind(kind))
        elif kind in HOLDER_KINDS:
            holder.add((organisation_id, RoleKind(kind)))
    inspector = account.inspection_bodies.filter(active=True).exists()
    profile = _Profile(generation, frozenset(staff), frozenset(holder), inspector)
    setattr(account, _CACHE_ATTRIBUTE, profile)
    return profile


def _ties(user: Actor) -> Ties:
    """The user's declared ties, read when a rule first needs them (only the body's people
    have any: a holder's page never asks)."""
    account = _active(user)
    if account is None:
        return ()
    cached: tuple[int, Ties] | None = getattr(account, _TIES_ATTRIBUTE, None)
    if cached is not None and cached[0] == _generation:
        return cached[1]
    generation = _generation
    ties = tuple(
        Tie.objects.filter(user=account).values_list(
            "organisation_id", "valid_from", "valid_until", "kind"
        )
    )
    setattr(account, _TIES_ATTRIBUTE, (generation, ties))
    return ties


def system_actor() -> User:
    """The account in whose name the system acts by itself (made on first use).

    It never signs in (inactive, no usable password) and is known by its mark, never by
    its address: an account someone made with that address is not the system.
    """
    user = User.objects.filter(is_system_actor=True).first()
    if user is not None:
        return user
    taken = set(User.objects.filter(email__startswith="system").values_list("email", flat=True))
    local, domain = SYSTEM_EMAIL.split("@")
    email = next(
        address
        for n in range(len(taken) + 1)
        if (address := SYSTEM_EMAIL if n == 0 else f"{local}+{n}@{domain}") not in taken
    )
    return User.objects.create_user(
        email, None, first_name="Qualimark", last_name="", is_active=False, is_system_actor=True
    )


def is_system(user: Actor) -> bool:
    return isinstance(user, User) and user.is_system_actor and not user.is_active


def is_reserved_address(email: str) -> bool:
    """Addresses no person has (the `.invalid` domain of RFC 2606, the system's among them)."""
    return email.strip().lower().rsplit("@", 1)[-1].endswith(".invalid")


def staff_roles(user: Actor) -> frozenset[RoleKind]:
    """The roles the user holds at a certification body (file manager, reviewer, decision maker)."""
    return _profile(user).staff_roles


def is_superuser(user: Actor) -> bool:
    account = _active(user)
    return account is not None and account.is_superuser


def is_cb_staff(user: Actor) -> bool:
    """Staff of the certification body: one of its roles (the auditor's included, who only
    reads), or the administrator (superuser)."""
    return is_superuser(user) or bool(staff_roles(user))


def has_staff_role(user: Actor, *kinds: RoleKind) -> bool:
    return bool(staff_roles(user) & set(kinds))


def is_inspector(user: Actor) -> bool:
    """A member of an active inspection body."""
    return _profile(user).inspector


def is_holder_user(user: Actor) -> bool:
    """An administrator or invited user of at least one organisation."""
    return bool(_profile(user).holder_roles)


def holder_organisation_ids(user: Actor) -> frozenset[int]:
    return frozenset(organisation_id for organisation_id, _kind in _profile(user).holder_roles)


def holder_organisations(user: Actor) -> QuerySet[Organisation]:
    """The organisations the user acts for as administrator or invited user."""
    return Organisation.objects.filter(pk__in=holder_organisation_ids(user))


def _pk(organisation: Organisation | int) -> int:
    return organisation if isinstance(organisation, int) else organisation.pk


def is_holder_admin_of(user: Actor, organisation: Organisation | int) -> bool:
    """Administrator of `organisation` (an instance or its id)."""
    return (_pk(organisation), RoleKind.HOLDER_ADMINISTRATOR) in _profile(user).holder_roles


def is_member_of(user: Actor, organisation: Organisation | int) -> bool:
    """Administrator or invited user of `organisation` (an instance or its id)."""
    return _pk(organisation) in holder_organisation_ids(user)


def is_impartial_role(user: Actor) -> bool:
    """Staff of the body or an inspector: people who may never act for a holder."""
    return is_cb_staff(user) or is_inspector(user)


def tie_to(user: Actor, organisation: Organisation | int, day: date | None = None) -> str:
    """The kind of the user's tie to `organisation` in force on `day` (today), or ''."""
    day = day or clock.today()
    pk = _pk(organisation)
    for organisation_id, start, end, kind in _ties(user):
        if organisation_id == pk and start <= day and (end is None or day < end):
            return kind
    return ""


def capacities(user: Actor) -> frozenset[Capacity]:
    """The roles the user holds whatever the object (staff roles, the system, the public)."""
    if is_system(user):
        return frozenset({Capacity.SYSTEM})
    found = {Capacity.PUBLIC}
    found.update(_STAFF_KIND[kind] for kind in staff_roles(user))
    if is_superuser(user):
        found.add(Capacity.ADMINISTRATOR)
    return frozenset(found)


def people_in(by: Iterable[Capacity]) -> QuerySet[User]:
    """The active accounts that hold one of the capacities `by` whatever the object: a role
    at a certification body, or the administrator's (a superuser). For choosing a person
    to name in an act (a handler); the service still asks the act about that person."""
    wanted = frozenset(by)
    kinds = [kind for kind, capacity in _STAFF_KIND.items() if capacity in wanted]
    condition = Q(
        person__roles__kind__in=kinds, person__roles__organisation__is_certification_body=True
    )
    if Capacity.ADMINISTRATOR in wanted:
        condition |= Q(is_superuser=True)
    return User.objects.filter(condition, is_active=True).distinct()


@dataclass(frozen=True)
class Standing:
    """What one actor is towards one object: whether they see it, their roles, their ties."""

    actor: Actor
    visible: bool
    capacities: frozenset[Capacity]
    # Why the actor may not take the body's impartial acts on this object, if anything.
    conflict: ImpartialityError | None = None
    # The object as refusals name it ("file BENOR-000123").
    subject: str = ""


def standing(
    actor: Actor,
    *,
    holder: Organisation | int | None = None,
    public: bool = False,
    assigned: bool = False,
    involvement: str = "",
    subject: str = "",
) -> Standing:
    """The standing of `actor` towards an object of `holder`.

    `public`: anyone may see the object; `assigned`: the actor is its assigned inspector;
    `involvement`: how the actor took part in evaluating it ("inspector", "reviewer"), which
    bars their decisions on it (ISO/IEC 17065 7.6); `subject` names the object in refusals.
    """
    found = set(capacities(actor))
    if assigned:
        found.add(Capacity.INSPECTOR)
    if holder is not None and is_member_of(actor, holder):
        found.add(Capacity.HOLDER_USER)
        if is_holder_admin_of(actor, holder):
            found.add(Capacity.HOLDER_ADMINISTRATOR)
    # An object is seen by whoever holds a role towards it, or by anyone when it is public
    # (an act on no object, such as declaring one's ties, hides nothing: `public=True`).
    visible = public or assigned or bool(found - {Capacity.PUBLIC})
    conflict = _conflict(actor, holder, involvement, subject)
    return Standing(actor, visible, frozenset(found), conflict, subject)


def _conflict(
    actor: Actor, holder: Organisation | int | None, involvement: str, subject: str
) -> ImpartialityError | None:
    if involvement:
        return SeparationOfDutiesError(
            gettext(
                "%(person)s was %(role)s of %(subject)s and so cannot decide on it "
                "(ISO/IEC 17065: the decision is made by someone not involved in the evaluation)."
            )
            % {"person": actor, "role": involvement, "subject": subject}
        )
    # Only the body's people and inspectors take impartial acts: nobody else is asked.
    if holder is None or not is_impartial_role(actor):
        return None
    if is_member_of(actor, holder):
        name = holder if isinstance(holder, Organisation) else _organisation_name(holder)
        return ConflictOfInterest(
            gettext(
                "%(person)s is a user of %(holder)s and so can neither evaluate nor decide on "
                "its files (ISO/IEC 17065: impartiality)."
            )
            % {"person": actor, "holder": name}
        )
    kind = tie_to(actor, holder)
    if kind:
        name = holder if isinstance(holder, Organisation) else _organisation_name(holder)
        return ConflictOfInterest(
            gettext(
                "%(person)s declared a tie to %(holder)s (%(tie)s) and so can neither evaluate "
                "nor decide on its files (ISO/IEC 17065: impartiality)."
            )
            % {"person": actor, "holder": name, "tie": _tie_label(kind)}
        )
    return None


def _organisation_name(pk: int) -> str:
    return str(Organisation.objects.filter(pk=pk).values_list("name", flat=True).first() or pk)


def _tie_label(kind: str) -> str:
    return str(TieKind(kind).label)


StrOrPromise = str | Promise


@dataclass(frozen=True)
class Act:
    """Something a person may do, with the roles that may do it.

    `impartial` marks the body's own evaluations and decisions: refused to whoever took
    part in evaluating the object and to whoever is tied to its holder or acts for it.
    Every act is listed in `ACTS` by its name, which is also its permission in `rules`
    (`user.has_perm(name, obj)`), so that pages ask the very rule the service applies.
    """

    name: str
    label: StrOrPromise
    by: frozenset[Capacity]
    impartial: bool = False

    def __post_init__(self) -> None:
        if self.name in ACTS and ACTS[self.name] != self:
            raise ValueError(f"Two acts are named {self.name}.")
        ACTS[self.name] = self

    def refusal(self, standing: Standing, action: StrOrPromise = "") -> DomainError | None:
        """Why the actor of `standing` may not take this act (or `action`, a step that
        needs it), or None if they may."""
        if not standing.visible:
            return NotVisible()
        if not standing.capacities & self.by:
            values = {
                "person": _who(standing.actor),
                "action": action or self.label,
                "subject": standing.subject,
                "roles": roles_text(self.by),
            }
            if standing.subject:
                message = gettext(
                    "%(person)s may not %(action)s on %(subject)s: that is for the %(roles)s."
                )
            else:
                message = gettext("%(person)s may not %(action)s: that is for the %(roles)s.")
            return NotPermitted(message % values)
        if (
            self.impartial
            and standing.conflict is not None
            and not (standing.capacities & {Capacity.SYSTEM})
        ):
            return standing.conflict
        return None

    def allows(self, standing: Standing) -> bool:
        return self.refusal(standing) is None

    def check(self, standing: Standing, action: StrOrPromise = "") -> None:
        """Raise the refusal (NotVisible, NotPermitted or an ImpartialityError), if any."""
        refusal = self.refusal(standing, action)
        if refusal is not None:
            raise refusal


ACTS: dict[str, Act] = {}


def act(name: str, label: StrOrPromise, by: Iterable[Capacity], *, impartial: bool = False) -> Act:
    return Act(name, label, frozenset(by), impartial)


def _who(actor: Actor) -> str:
    return str(actor) if _active(actor) is not None or is_system(actor) else gettext("Anyone")


def roles_text(by: Iterable[Capacity]) -> str:
    order = list(Capacity)
    return ", ".join(str(c.label) for c in sorted(by, key=order.index))


def register_permissions(
    acts: Iterable[Act], standing_of: Callable[[Actor, Any], Standing]
) -> None:
    """Make each act a permission of `rules`: `user.has_perm(act.name, obj)` asks the act."""
    from rules.permissions import set_perm

    for one in acts:
        set_perm(one.name, _predicate(one, standing_of))  # type: ignore[no-untyped-call]


def _predicate(one: Act, standing_of: Callable[[Actor, Any], Standing]) -> Callable[..., bool]:
    def allowed(user: Actor, obj: Any = None) -> bool:
        return one.allows(standing_of(user, obj))

    return allowed


F = TypeVar("F", bound=Callable[..., Any])

# Every service that takes an actor, with the acts it may perform: the permission matrix.
SERVICES: dict[str, tuple[Act, ...]] = {}


def performs(*acts: Act) -> Callable[[F], F]:
    """Mark a service with the acts it checks and performs (read by the permission matrix)."""

    def mark(service: F) -> F:
        SERVICES[f"{service.__module__}.{service.__name__}"] = acts
        service.performs = acts  # type: ignore[attr-defined]
        return service

    return mark
