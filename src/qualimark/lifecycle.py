"""The one shape of every lifecycle: a table of transitions and one gate.

Each lifecycle of Qualimark (a certification file, a complaint, an appeal, an inspection, a
lot request, an online application, a datasheet proposal, a datasheet) is a `Lifecycle`: a
table that says, for each transition, from which statuses it may be taken, to which status
it leads and who may take it (an `Act` of the role table). Its services pass through
`Lifecycle.gate`, which checks the actor first and the status second; nothing else decides
whether a status may follow another. Pages read the same table to show what is open.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.translation import gettext

from qualimark.errors import DomainError
from qualimark.parties.roles import Act, Standing, StrOrPromise

S = TypeVar("S", bound=models.TextChoices)
T = TypeVar("T", bound=models.TextChoices)


class TransitionNotAllowed(DomainError):
    """The object's status does not allow the transition (each lifecycle names its code)."""

    code = "transition_not_allowed"


@dataclass(frozen=True)
class Rule(Generic[S]):
    """From which statuses a transition may be taken, where it leads, and who takes it."""

    sources: frozenset[S]
    target: S
    act: Act


class Lifecycle(Generic[S, T]):
    """A transition table with its gate.

    `noun` names the object in refusals ("the file", "the complaint"); `error` is the
    lifecycle's own refusal, a `TransitionNotAllowed` with its stable code.
    """

    def __init__(
        self,
        name: str,
        statuses: type[S],
        transitions: type[T],
        rules: Mapping[T, Rule[S]],
        *,
        noun: StrOrPromise,
        error: type[TransitionNotAllowed] = TransitionNotAllowed,
        refusal: StrOrPromise | None = None,
    ) -> None:
        self.name = name
        self.statuses = statuses
        self.transitions = transitions
        self.rules: dict[T, Rule[S]] = dict(rules)
        self.noun = noun
        self.error = error
        self.refusal = refusal
        LIFECYCLES[name] = self

    def rule(self, transition: T) -> Rule[S]:
        return self.rules[transition]

    def gate(self, transition: T, current: S | str | None, standing: Standing) -> S:
        """The status after `transition`, once the actor and the status both allow it.

        Refuses with the act's refusal (NotVisible, NotPermitted, an impartiality error)
        before it looks at the status, then with the lifecycle's error.
        """
        self.rules[transition].act.check(standing, transition.label)
        return self.check(transition, current)

    def check(self, transition: T, current: S | str | None) -> S:
        """The status after `transition` from `current`, whoever takes it."""
        rule = self.rules[transition]
        if current not in rule.sources:
            raise self.error(self._refusal(transition, current, rule.sources))
        return rule.target

    def open_from(self, current: S | str | None) -> list[T]:
        """The transitions the table opens from `current`."""
        return [t for t, rule in self.rules.items() if current in rule.sources]

    def open_to(self, current: S | str | None, standing: Standing) -> list[T]:
        """The transitions open from `current` that the actor of `standing` may take."""
        return [t for t in self.open_from(current) if self.rules[t].act.allows(standing)]

    @property
    def acts(self) -> list[Act]:
        return [rule.act for rule in self.rules.values()]

    def _refusal(self, transition: T, current: S | str | None, sources: Iterable[S]) -> str:
        allowed = ", ".join(sorted(str(self.statuses(s).label) for s in sources))
        now = self.statuses(current).label if current else gettext("not yet applied for")
        template = (
            str(self.refusal)
            if self.refusal is not None
            else gettext(
                "Cannot %(action)s: %(noun)s is %(current)s; this is only possible when it is "
                "%(allowed)s."
            )
        )
        return template % {
            "action": transition.label,
            "noun": self.noun,
            "current": now,
            "allowed": allowed,
        }


LIFECYCLES: dict[str, "Lifecycle[Any, Any]"] = {}
