"""Golden reports of the fixtures, rewritten only by `pytest --update-golden`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

import spectrace
from spectrace.render.registry import FORMATS

from .conftest import FIXTURES, GOLDEN, ROOT

CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_golden_report(
    case: str, fmt: str, in_root: Path, golden: Callable[[Path, str], None]
) -> None:
    report = spectrace.check([Path("fixtures") / case])
    text = FORMATS[fmt].renderer()(report)
    golden(GOLDEN / case / f"report{FORMATS[fmt].suffix}", text)


@pytest.mark.parametrize("case", CASES)
def test_json_matches_its_schema(case: str, in_root: Path) -> None:
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    text = FORMATS["json"].renderer()(spectrace.check([Path("fixtures") / case]))
    jsonschema.validate(json.loads(text), schema)


def test_same_input_same_bytes(in_root: Path) -> None:
    render = FORMATS["json"].renderer()
    first = render(spectrace.check(["fixtures"]))
    second = render(spectrace.check(["fixtures"]))
    assert first == second
    assert str(ROOT) not in first and os.sep + "tmp" not in first
