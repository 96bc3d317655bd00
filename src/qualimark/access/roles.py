"""Who a user is for Qualimark: CB staff, an inspector, a user of one or more holders.

Every answer comes from one query per user (its roles) plus one for inspection bodies, kept on
the user instance: a page asks these questions many times, for every line of a list. The cache
carries the generation of the role tables it was read at, so that a role given or taken in the
same process (an invitation, a test) is seen at once.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qualimark.accounts.models import User
from qualimark.parties.models import Organisation, Role, RoleKind

AnyUser = User | AnonymousUser

CB_KINDS = frozenset({RoleKind.FILE_MANAGER, RoleKind.REVIEWER, RoleKind.DECISION_MAKER})
HOLDER_KINDS = frozenset({RoleKind.HOLDER_ADMINISTRATOR, RoleKind.INVITED_USER})

_CACHE_ATTRIBUTE = "_qualimark_access"
_generation = 0


def roles_changed(**_kwargs: Any) -> None:
    """Forget every cached answer (connected to changes of roles and inspection bodies)."""
    global _generation
    _generation += 1


@dataclass(frozen=True)
class _Profile:
    generation: int
    staff_roles: frozenset[RoleKind]
    holder_roles: frozenset[tuple[int, RoleKind]]  # (organisation id, kind)
    inspector: bool


def _profile(user: AnyUser) -> _Profile:
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return _Profile(_generation, frozenset(), frozenset(), False)
    cached: _Profile | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached.generation == _generation:
        return cached
    generation = _generation
    staff: set[RoleKind] = set()
    holder: set[tuple[int, RoleKind]] = set()
    rows = Role.objects.filter(person__user=user).values_list(
        "organisation_id", "kind", "organisation__is_certification_body"
    )
    for organisation_id, kind, at_cb in rows:
        if at_cb and kind in CB_KINDS:
            staff.add(RoleKind(kind))
        elif kind in HOLDER_KINDS:
            holder.add((organisation_id, RoleKind(kind)))
    inspector = user.inspection_bodies.filter(active=True).exists()
    profile = _Profile(generation, frozenset(staff), frozenset(holder), inspector)
    setattr(user, _CACHE_ATTRIBUTE, profile)
    return profile


def staff_roles(user: AnyUser) -> frozenset[RoleKind]:
    """The roles the user holds at a certification body (file manager, reviewer, decision maker)."""
    return _profile(user).staff_roles


def is_superuser(user: AnyUser) -> bool:
    return isinstance(user, User) and user.is_active and user.is_superuser


def is_cb_staff(user: AnyUser) -> bool:
    """Staff of the certification body: one of its roles, or the administrator (superuser)."""
    return is_superuser(user) or bool(staff_roles(user))


def has_staff_role(user: AnyUser, *kinds: RoleKind) -> bool:
    return bool(staff_roles(user) & set(kinds))


def is_inspector(user: AnyUser) -> bool:
    """A member of an active inspection body."""
    return _profile(user).inspector


def is_holder_user(user: AnyUser) -> bool:
    """An administrator or invited user of at least one organisation."""
    return bool(_profile(user).holder_roles)


def holder_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(organisation_id for organisation_id, _kind in _profile(user).holder_roles)


def holder_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user acts for as administrator or invited user."""
    return Organisation.objects.filter(pk__in=holder_organisation_ids(user))


def is_holder_admin_of(user: AnyUser, organisation: Organisation | int) -> bool:
    """Administrator of `organisation` (an instance or its id)."""
    pk = organisation if isinstance(organisation, int) else organisation.pk
    return (pk, RoleKind.HOLDER_ADMINISTRATOR) in _profile(user).holder_roles


def is_member_of(user: AnyUser, organisation: Organisation | int) -> bool:
    """Administrator or invited user of `organisation` (an instance or its id)."""
    pk = organisation if isinstance(organisation, int) else organisation.pk
    return pk in holder_organisation_ids(user)
