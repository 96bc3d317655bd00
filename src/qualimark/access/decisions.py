"""Which permission a decision on a file needs: steering the file, or deciding on it."""

from qualimark.access.roles import AnyUser
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Certificate

# The steps that move an application along: a file manager may take them. Every other
# decision changes what is certified and is a decision maker's (ISO/IEC 17065 7.6).
STEERING = frozenset(
    {Transition.ADMIT, Transition.REJECT, Transition.START_TRIAL, Transition.WITHDRAW_APPLICATION}
)


def permission_for(transition: Transition) -> str:
    """The permission name needed to take `transition` on a file."""
    return "certification.steer_file" if transition in STEERING else "certification.decide"


def may_take(user: AnyUser, certificate: Certificate, transition: Transition) -> bool:
    """Whether the user may take `transition` on the file (the status is checked elsewhere)."""
    return user.has_perm(permission_for(transition), certificate)
