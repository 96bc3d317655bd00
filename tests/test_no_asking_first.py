"""No door asks a permission before it changes state: the services decide who may act.

Pages, the API, admin pages, forms and commands call a service and show its refusal; they
may ask the same rules only to choose what to offer (which buttons, which links), never on
the path that changes something. This reads their code: a function that calls a service
(directly, or through a form's method that does) must not also ask a permission.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import qualimark
from qualimark.parties.roles import SERVICES

ROOT = Path(qualimark.__file__).parent
AUDIENCES = ("api", "backoffice", "portal", "public", "signin")
# What asks a permission or a role on the way to an act.
ASKING = frozenset(
    {
        "has_perm",
        "check",
        "capacities",
        "file_standing",
        "inspection_standing",
        "lot_standing",
        "complaint_standing",
        "appeal_standing",
        "sees_complaints",
        "visible",  # a standing's answer, read as an attribute
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


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and what it holds, but not the functions defined in it (each is read alone)."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield from _walk(child)


def _called(nodes: list[ast.stmt]) -> set[str]:
    names = set()
    for statement in nodes:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for node in _walk(statement):
            if isinstance(node, ast.Call):
                target = node.func
                if isinstance(target, ast.Attribute):
                    names.add(target.attr)
                elif isinstance(target, ast.Name):
                    names.add(target.id)
            elif isinstance(node, ast.Attribute) and node.attr == "visible":
                names.add(node.attr)
    return names


def _method_test(statement: ast.stmt) -> str:
    """ "POST" for `if request.method == "POST": … return`, "GET" for a branch taken by
    every other method (`if request.method != "POST":`), "" for anything else."""
    if not isinstance(statement, ast.If) or not isinstance(statement.test, ast.Compare):
        return ""
    test = statement.test
    method = isinstance(test.left, ast.Attribute) and test.left.attr == "method"
    post = any(isinstance(c, ast.Constant) and c.value == "POST" for c in test.comparators)
    if not (method and post and len(test.ops) == 1):
        return ""
    returns = any(isinstance(node, ast.Return) for node in statement.body)
    if isinstance(test.ops[0], ast.Eq) and returns:
        return "POST"
    return "GET" if isinstance(test.ops[0], ast.NotEq) else ""


def paths(function: ast.FunctionDef) -> list[set[str]]:
    """What each path through `function` calls. A view that branches on its method has a
    path that changes something (POST) and one that shows a page (GET); the statements
    before the branch belong to both. Any other function has one path."""
    body = function.body
    for index, statement in enumerate(body):
        branch = _method_test(statement)
        if branch:
            assert isinstance(statement, ast.If)
            before, after = body[:index], body[index + 1 :]
            if branch == "POST":
                return [_called([*before, *statement.body]), _called([*before, *after])]
            return [_called([*before, *after]), _called([*before, *statement.body])]
    return [_called(body)]


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            yield node


def _form_methods(tree: ast.AST) -> Iterator[ast.FunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name.endswith("Form"):
            yield from (item for item in node.body if isinstance(item, ast.FunctionDef))


def askers_before_acting(modules: list[tuple[str, str]]) -> list[str]:
    """The functions of `modules` (name, source) that ask a permission on a path that
    changes state: a path that calls a service, a form's method that calls one, or a
    function of the same module that does."""
    services = {name.rsplit(".", 1)[1] for name in SERVICES}
    trees = {module: ast.parse(source) for module, source in modules}
    acting = set(services)
    local: dict[str, set[str]] = {module: set() for module in trees}
    while True:
        grown = False
        for module, tree in trees.items():
            for method in _form_methods(tree):
                if method.name not in acting and _called(method.body) & (acting | local[module]):
                    acting.add(method.name)
                    grown = True
            for function in _functions(tree):
                reach = acting | local[module]
                if function.name not in reach and _called(function.body) & reach:
                    local[module].add(function.name)
                    grown = True
        if not grown:
            break
    found = []
    for module, tree in sorted(trees.items()):
        reach = acting | local[module]
        for function in _functions(tree):
            for called in paths(function):
                if called & reach and called & ASKING:
                    found.append(
                        f"{module}:{function.lineno} {function.name}() calls "
                        f"{sorted(called & reach)} and asks {sorted(called & ASKING)}"
                    )
    return found


def test_no_door_asks_a_permission_on_the_way_to_a_service() -> None:
    modules = [(str(path.relative_to(ROOT)), path.read_text("utf-8")) for path in door_modules()]
    assert askers_before_acting(modules) == []


FORM = (
    "class SuspendForm:\n"
    "    def submit(self, by):\n"
    "        suspend_certificate(self.certificate, by=by, reason='x')\n"
)


def test_the_reader_finds_a_view_that_asks_first() -> None:
    """The check itself can fail: a view that asks `has_perm` and then suspends is found,
    also when the asking happens before its POST branch."""
    view = (
        "def suspend(request, certificate):\n"
        "    if not request.user.has_perm('certification.decide', certificate):\n"
        "        return forbidden(request)\n"
        "    form.submit(by=request.user)\n"
        "def suspend_page(request, certificate):\n"
        "    if not request.user.has_perm('certification.decide', certificate):\n"
        "        return forbidden(request)\n"
        "    if request.method == 'POST':\n"
        "        return _suspend(request)\n"
        "    return render(request)\n"
        "def _suspend(request):\n"
        "    return form.submit(by=request.user)\n"
    )
    assert askers_before_acting([("forms.py", FORM), ("views.py", view)]) == [
        "views.py:1 suspend() calls ['submit'] and asks ['has_perm']",
        "views.py:5 suspend_page() calls ['_suspend'] and asks ['has_perm']",
    ]


@pytest.mark.parametrize(
    "asking",
    [
        "DECIDE.check(file_standing(request.user, certificate))",
        "assert file_standing(request.user, certificate).visible",
        "assert SUSPEND.allows(inspection_standing(request.user, certificate))",
    ],
)
def test_the_reader_finds_every_way_of_asking(asking: str) -> None:
    view = f"def suspend(request, certificate):\n    {asking}\n    form.submit(by=request.user)\n"
    assert len(askers_before_acting([("forms.py", FORM), ("views.py", view)])) == 1


def test_asking_on_the_page_that_shows_the_form_is_not_asking_first() -> None:
    """A GET path may ask which form to show; its POST path only calls the service."""
    view = (
        "def suspend_page(request, certificate):\n"
        "    if request.method == 'POST':\n"
        "        return form.submit(by=request.user)\n"
        "    if not request.user.has_perm('certification.decide', certificate):\n"
        "        return forbidden(request)\n"
        "    return render(request)\n"
    )
    assert askers_before_acting([("forms.py", FORM), ("views.py", view)]) == []
