"""No door asks a permission before it changes state: the services decide who may act.

Pages, the API, admin pages, forms and commands call a service and show its refusal; they
may ask the same rules only to choose what to offer (which buttons, which links), never on
the path that changes something. This reads their code: a function that calls a service
(directly, or through a form's method that does) must not also ask a permission.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import qualimark
from qualimark.parties.roles import SERVICES

ROOT = Path(qualimark.__file__).parent
AUDIENCES = ("api", "backoffice", "portal", "public", "signin")
# What asks a permission or a role on the way to an act.
ASKING = frozenset(
    {
        "has_perm",
        "allows",
        "refusal",
        "open_to",
        "may_take",
        "require",
        "is_cb_staff",
        "has_staff_role",
        "staff_roles",
        "is_member_of",
        "is_holder_admin_of",
        "is_inspector",
        "check_impartial",
    }
)


def door_modules() -> Iterator[Path]:
    """The modules that are doors: the audience apps, and admin pages, forms and commands."""
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts:
            continue
        name = path.stem
        if (
            parts[0] in AUDIENCES
            or name.startswith("admin")
            or name == "forms"
            or "commands" in parts
        ):
            yield path


def _called(function: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Attribute):
                names.add(target.attr)
            elif isinstance(target, ast.Name):
                names.add(target.id)
    return names


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            yield node


def askers_before_acting(modules: list[tuple[str, str]]) -> list[str]:
    """The functions of `modules` (name, source) that both change state and ask first."""
    acting = {name.rsplit(".", 1)[1] for name in SERVICES}
    calls = {
        (module, function.name, function.lineno): _called(function)
        for module, source in modules
        for function in _functions(ast.parse(source))
    }
    # A form's method that calls a service changes state too, and so does what calls it.
    while True:
        more = {name for (_m, name, _l), called in calls.items() if called & acting} - acting
        if not more:
            break
        acting |= more
    return [
        f"{module}:{line} {name}() calls {sorted(called & acting)} and asks "
        f"{sorted(called & ASKING)}"
        for (module, name, line), called in sorted(calls.items())
        if called & acting and called & ASKING
    ]


def test_no_door_asks_a_permission_on_the_way_to_a_service() -> None:
    modules = [(str(path.relative_to(ROOT)), path.read_text("utf-8")) for path in door_modules()]
    assert askers_before_acting(modules) == []


def test_the_reader_finds_a_view_that_asks_first() -> None:
    """The check itself can fail: a view that asks `has_perm` and then suspends is found."""
    view = (
        "def suspend(request, certificate):\n"
        "    if not request.user.has_perm('certification.decide', certificate):\n"
        "        return forbidden(request)\n"
        "    form.submit(by=request.user)\n"
        "class Form:\n"
        "    def submit(self, by):\n"
        "        suspend_certificate(self.certificate, by=by, reason='x')\n"
    )
    assert askers_before_acting([("views.py", view)]) == [
        "views.py:1 suspend() calls ['submit'] and asks ['has_perm']"
    ]
