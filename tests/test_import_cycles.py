"""No import cycle between Qualimark's apps.

The graph is built from module-level imports (an import inside a function or under
`TYPE_CHECKING` is not a dependency of the module), as `../shared/tools/app_cycles.py`
builds it. The read side follows the domain through the change feed (`feed`), so no domain
app imports the apps that read it.
"""

import ast
from pathlib import Path

import qualimark

ROOT = Path(qualimark.__file__).parent


def _door(path: Path) -> bool:
    """An admin page or a management command: a door, which nothing of the domain imports."""
    return path.stem.startswith("admin") or "commands" in path.parts


def _apps() -> set[str]:
    return {d.name for d in ROOT.iterdir() if d.is_dir() and (d / "__init__.py").exists()}


def _imported(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def import_graph(*, doors: bool = True) -> dict[str, set[str]]:
    """App → the apps its modules import at module level (without admin pages and
    commands if `doors` is false)."""
    apps = _apps()
    graph: dict[str, set[str]] = {app: set() for app in apps}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] not in apps or "migrations" in parts:
            continue
        if not doors and _door(path.relative_to(ROOT)):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for name in _imported(node):
                bits = name.split(".")
                inside = len(bits) > 1 and bits[0] == "qualimark" and bits[1] in apps
                if inside and bits[1] != parts[0]:
                    graph[parts[0]].add(bits[1])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in sorted(graph[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    assert cycles(import_graph()) == []


def test_admin_pages_and_commands_close_no_cycle() -> None:
    """Taking every admin page and command away leaves the same cycles: none of them makes
    or widens one (they import the domain; the domain never imports them)."""
    with_doors = sorted(map(sorted, cycles(import_graph())))
    assert with_doors == sorted(map(sorted, cycles(import_graph(doors=False))))


def test_the_change_feed_imports_no_other_app_but_the_records_and_the_clock() -> None:
    """The feed sits under the domain: it imports none of the apps that write to it or read
    it (its projectors are named in settings, not imported)."""
    assert import_graph().get("feed", set()) == set()


def test_the_cycle_finder_finds_a_cycle_and_leaves_a_chain_alone() -> None:
    """The finder itself: a test of a graph walk that always says "no cycle" would pass."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
