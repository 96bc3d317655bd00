"""Who does what: every lifecycle's table and every other act, read from the code's tables.

The same tables the services check, so the page cannot say something the services do not do.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst

from qualimark.applications import lifecycle as applications  # noqa: F401  (its table)
from qualimark.certification import lifecycle as certification  # noqa: F401
from qualimark.complaints import lifecycle as complaints  # noqa: F401
from qualimark.datasheets import lifecycle as datasheets  # noqa: F401
from qualimark.lifecycle import LIFECYCLES
from qualimark.lots import lifecycle as lots  # noqa: F401
from qualimark.oversight import lifecycle as oversight  # noqa: F401
from qualimark.parties.roles import SERVICES, Act, roles_text
from qualimark.signin.decorators import office_required


@dataclass(frozen=True)
class Row:
    action: str
    sources: str
    target: str
    who: str
    impartial: bool


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[Row]


def _tables() -> list[Table]:
    tables = []
    for lifecycle in LIFECYCLES.values():
        labels = lifecycle.statuses
        rows = [
            Row(
                str(capfirst(transition.label)),
                ", ".join(sorted(str(labels(s).label) for s in rule.sources)),
                str(labels(rule.target).label),
                roles_text(rule.act.by),
                rule.act.impartial,
            )
            for transition, rule in lifecycle.rules.items()
        ]
        tables.append(Table(capfirst(str(lifecycle.noun)), rows))
    return tables


def _other_acts() -> list[Row]:
    in_tables = {rule.act for lifecycle in LIFECYCLES.values() for rule in lifecycle.rules.values()}
    acts: dict[str, Act] = {
        act.name: act for acts in SERVICES.values() for act in acts if act not in in_tables
    }
    return [
        Row(capfirst(str(act.label)), "", "", roles_text(act.by), act.impartial)
        for act in sorted(acts.values(), key=lambda act: str(act.label))
    ]


@office_required
def rules_page(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/rules.html", {"tables": _tables(), "others": _other_acts()})
