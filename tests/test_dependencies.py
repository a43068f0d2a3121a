"""Every package the tests, scripts and benchmarks import is declared where they are installed from.

The README's test command installs `.[test]` and nothing else; a test that imports a package only
another extra (or a dependency of a dependency) brings in passes in CI's fuller environment and
fails on a fresh machine. This reads pyproject.toml, not the installed metadata, so a package that
happens to be installed never hides a missing declaration.

Hand-written rather than deptry: deptry checks a package's imports against all its dependencies
together, while the failure this guards against is per folder (tests/ against the `test` extra,
scripts/ and benchmarks/ against the main dependencies, which is all `pip install -e .` gives).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from .conftest import ROOT

#: Folder of Python files -> the extra that installs what it runs on (None: the main dependencies).
RUN_WITH = {"tests": "test", "scripts": None, "benchmarks": None}


def _normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: dict[str, object], extra: str | None) -> frozenset[str]:
    """The distributions an install of the project with ``extra`` is declared to bring in."""
    project = pyproject["project"]
    assert isinstance(project, dict)
    own = _normalised(project["name"])
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    names: set[str] = set()
    wanted, seen = [None, extra], set()
    while wanted:
        group = wanted.pop()
        if group in seen:
            continue
        seen.add(group)
        for line in project["dependencies"] if group is None else extras.get(group, []):
            requirement = Requirement(line)
            if _normalised(requirement.name) == own:  # `spectrace[test]` inside `dev`
                wanted.extend(requirement.extras)
            else:
                names.add(_normalised(requirement.name))
    return frozenset(names)


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level module) of every absolute import in a file (code in strings is data)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def undeclared(root: Path, folder: str, extra: str | None) -> list[str]:
    """``file:line: message`` for each import in ``folder`` that its install does not declare."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    allowed = declared(pyproject, extra)
    providers = packages_distributions()
    # A script's own folder is on sys.path (benchmarks import `generate`); the repository's
    # folders are first-party (benchmarks/hostile.py reuses tests/robust_support.py).
    local = {p.stem for p in (root / folder).iterdir()} | {*RUN_WITH, "spectrace"}
    problems: list[str] = []
    for path in sorted((root / folder).rglob("*.py")):
        for line, module in imported(path):
            if module in sys.stdlib_module_names or module in local:
                continue
            installs = {_normalised(d) for d in providers.get(module, [])}
            if not installs & allowed:
                where = f"{path.relative_to(root).as_posix()}:{line}"
                group = f"the [{extra}] extra" if extra else "[project] dependencies"
                names = ", ".join(sorted(installs)) or "no installed distribution"
                problems.append(f"{where}: imports {module} ({names}), not declared in {group}")
    return problems


@pytest.mark.parametrize(("folder", "extra"), sorted(RUN_WITH.items()))
def test_every_import_is_declared(folder: str, extra: str | None) -> None:
    problems = undeclared(ROOT, folder, extra)
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_undeclared_import(tmp_path: Path) -> None:
    """The check can fail: an import of a package the extra does not declare is named, with its
    line, even though the package is installed (pytest brings in pluggy)."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "demo"\ndependencies = ["typer>=0.12"]\n'
        '[project.optional-dependencies]\ntest = ["pytest>=8"]\nall = ["demo[test]"]\n',
        encoding="utf-8",
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "import os\nimport pytest\nimport typer.testing\nfrom tests import helpers\n\n"
        'import pluggy\nCODE = "import django"\n',
        encoding="utf-8",
    )
    assert undeclared(tmp_path, "tests", "test") == [
        "tests/test_x.py:6: imports pluggy (pluggy), not declared in the [test] extra"
    ]
    assert undeclared(tmp_path, "tests", "all")[0].endswith("not declared in the [all] extra")
    pyproject = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared(pyproject, "all") == {"typer", "pytest"}
