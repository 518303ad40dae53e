"""The architecture's rules, checked on every import of the tree, function-local ones included.

An import hidden inside a function still makes a dependency: the rules read them all with `ast`.
Each rule is also run on small synthetic trees, so that a rule that cannot fail is itself caught.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("server", "schema", "matching", "workers", "bench", "tests", "harness")
# Only these compose the GraphQL schema into something runnable: the ASGI app and `export-schema`.
SCHEMA_COMPOSERS = frozenset({"server.app", "server.cli"})


@dataclass(frozen=True)
class Import:
    """One dependency: `source` imports `target` (both dotted module names of the project)."""

    source: str
    target: str
    where: str  # path:line, for the failure message


def module_paths(root: Path, packages: Iterable[str] = PROJECT_PACKAGES) -> dict[str, Path]:
    """Every Python module under the given top-level packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an `ImportFrom` names, relative imports resolved against `module`."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _known(name: str, modules: Mapping[str, Path]) -> str | None:
    """The longest prefix of `name` that is a module of the project (None for a third-party one)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def read_imports(root: Path, packages: Iterable[str] = PROJECT_PACKAGES) -> list[Import]:
    """Every import of a project module, wherever it stands (module level, function, TYPE_CHECKING)."""
    modules = module_paths(root, packages)
    found: list[Import] = []
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(module, path, node)
                # `from a import b` depends on the module a.b when there is one, else on a.
                names = [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            for name in names:
                target = _known(name, modules)
                if target is not None and target != module:
                    found.append(Import(module, target, where))
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def matching_leaks(imports: Iterable[Import]) -> list[Import]:
    """`matching/` is pure: it imports nothing of the rest of the project."""
    return [item for item in imports if _top(item.source) == "matching" and _top(item.target) != "matching"]


def schema_importers(imports: Iterable[Import]) -> set[str]:
    """The modules of `server/` that import `schema/`."""
    return {
        item.source for item in imports if _top(item.source) == "server" and _top(item.target) == "schema"
    }


def bench_on_tests(imports: Iterable[Import]) -> list[Import]:
    return [item for item in imports if _top(item.source) == "bench" and _top(item.target) == "tests"]


def unit_of(module: str, top: str = "server") -> str | None:
    """The package (or top-level module) of `top` a module belongs to: server.members.x → members."""
    parts = module.split(".")
    return parts[1] if parts[0] == top and len(parts) > 1 else None


def unit_cycle(
    imports: Iterable[Import], top: str = "server", allowed: frozenset[tuple[str, str]] = frozenset()
) -> list[str] | None:
    """A cycle between the packages and top-level modules of `top`, as a path, or None.

    `allowed` names the (source, target) steps left out of the graph, each with its reason where it
    is declared."""
    graph: dict[str, set[str]] = {}
    for item in imports:
        source, target = unit_of(item.source, top), unit_of(item.target, top)
        if source is not None and target is not None and source != target and (source, target) not in allowed:
            graph.setdefault(source, set()).add(target)
    done: set[str] = set()
    path: list[str] = []

    def visit(unit: str) -> list[str] | None:
        if unit in path:
            return [*path[path.index(unit) :], unit]
        if unit in done:
            return None
        path.append(unit)
        for following in sorted(graph.get(unit, ())):
            cycle = visit(following)
            if cycle is not None:
                return cycle
        path.pop()
        done.add(unit)
        return None

    for unit in sorted(graph):
        cycle = visit(unit)
        if cycle is not None:
            return cycle
    return None


def witnesses(imports: Iterable[Import], cycle: list[str], top: str = "server") -> list[str]:
    """The import statements that make each step of a cycle, for the failure message."""
    steps = set(itertools.pairwise(cycle))
    return sorted(
        f"{item.where}: {item.source} → {item.target}"
        for item in imports
        if (unit_of(item.source, top), unit_of(item.target, top)) in steps
    )


@pytest.fixture(scope="module")
def project() -> list[Import]:
    return read_imports(ROOT)


def test_the_reader_sees_the_project(project: list[Import]) -> None:
    # A reader that found nothing would make every rule below pass.
    assert len(project) > 500
    assert Import("server.app", "schema.api", "") in {Import(i.source, i.target, "") for i in project}


def test_matching_imports_nothing_of_the_project(project: list[Import]) -> None:
    assert [f"{item.where}: {item.target}" for item in matching_leaks(project)] == []


def test_server_imports_schema_only_in_the_app_factory_and_the_cli(project: list[Import]) -> None:
    assert schema_importers(project) == SCHEMA_COMPOSERS


def test_no_cycle_between_the_packages_of_server(project: list[Import]) -> None:
    cycle = unit_cycle(project)
    assert cycle is None, f"cycle {' → '.join(cycle)}:\n" + "\n".join(witnesses(project, cycle))


# GraphQL object types that reference each other make one cycle by nature: `Partner.users` lists
# `User`s and `User.partner` is a `Partner`. `schema.accounts` imports `schema.partners` at module
# level; the way back is a `strawberry.lazy` annotation (imported under TYPE_CHECKING for mypy) plus
# one import inside the `Partner.users` resolver, run only when the field is asked for. That single
# step is the allowed one, and the test after next holds it to those two imports.
SCHEMA_TYPE_CYCLES = frozenset({("partners", "accounts")})


def test_no_cycle_between_the_packages_of_schema(project: list[Import]) -> None:
    cycle = unit_cycle(project, "schema", SCHEMA_TYPE_CYCLES)
    assert cycle is None, f"cycle {' → '.join(cycle)}:\n" + "\n".join(witnesses(project, cycle, "schema"))


def test_the_allowed_schema_step_is_the_only_one_back(project: list[Import]) -> None:
    # the allowance covers exactly the imports it describes, no more
    back = [
        i for i in project if (unit_of(i.source, "schema"), unit_of(i.target, "schema")) in SCHEMA_TYPE_CYCLES
    ]
    assert sorted(item.target for item in back) == ["schema.accounts.types", "schema.accounts.types"]


def test_bench_does_not_import_the_tests(project: list[Import]) -> None:
    assert [f"{item.where}: {item.target}" for item in bench_on_tests(project)] == []


# The rules on synthetic trees: each must see a violation, including one hidden in a function.


def _tree(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


CLEAN = {
    "matching/__init__.py": "",
    "matching/scorer.py": "import numpy\nfrom matching import scorer as _\n",
    "server/__init__.py": "",
    "server/app.py": "from schema.api import schema\n",
    "server/cli.py": "def export():\n    from schema.api import schema\n",
    "server/accounts/__init__.py": "",
    "server/accounts/service.py": "from ..kit import errors\n",
    "server/members/__init__.py": "",
    "server/members/service.py": "from server.accounts import service\n",
    "server/kit/__init__.py": "",
    "server/kit/errors.py": "",
    "schema/__init__.py": "",
    "schema/api.py": "from server.members import service\n",
    "bench/__init__.py": "",
    "bench/run.py": "from harness.processes import start\n",
    "harness/__init__.py": "",
    "harness/processes.py": "def start() -> None: ...\n",
    "tests/__init__.py": "",
    "tests/support.py": "",
}


def test_a_clean_tree_breaks_no_rule(tmp_path: Path) -> None:
    imports = read_imports(_tree(tmp_path, CLEAN))
    assert matching_leaks(imports) == []
    assert schema_importers(imports) == SCHEMA_COMPOSERS
    assert unit_cycle(imports) is None
    assert unit_cycle(imports, "schema") is None
    assert bench_on_tests(imports) == []


def test_each_rule_sees_a_violation_even_inside_a_function(tmp_path: Path) -> None:
    broken = {
        **CLEAN,
        "matching/scorer.py": "def score():\n    from server.kit.errors import Oops\n",
        "server/members/service.py": "from server.accounts import service\nimport schema.api\n",
        "server/accounts/service.py": "async def accept():\n    from ..members import service\n",
        "bench/run.py": "def main():\n    import tests.support\n",
        "schema/types.py": "def resolve():\n    from schema.api import schema\n",
        "schema/api.py": "from server.members import service\nfrom schema import types\n",
    }
    imports = read_imports(_tree(tmp_path, broken))
    assert [(item.source, item.target) for item in matching_leaks(imports)] == [
        ("matching.scorer", "server.kit.errors")
    ]
    assert schema_importers(imports) == {"server.app", "server.cli", "server.members.service"}
    assert unit_cycle(imports) in (["accounts", "members", "accounts"], ["members", "accounts", "members"])
    assert unit_cycle(imports, "schema") in (["api", "types", "api"], ["types", "api", "types"])
    assert [(item.source, item.target) for item in bench_on_tests(imports)] == [
        ("bench.run", "tests.support")
    ]


def test_a_longer_cycle_is_found_and_explained(tmp_path: Path) -> None:
    tree = {
        "server/__init__.py": "",
        "server/a.py": "from server import b\n",
        "server/b.py": "from server.c import thing\n",
        "server/c/__init__.py": "",
        "server/c/thing.py": "import server.a\n",
    }
    imports = read_imports(_tree(tmp_path, tree))
    cycle = unit_cycle(imports)
    assert cycle == ["a", "b", "c", "a"]
    assert witnesses(imports, cycle) == [
        "server/a.py:1: server.a → server.b",
        "server/b.py:1: server.b → server.c.thing",
        "server/c/thing.py:1: server.c.thing → server.a",
    ]
