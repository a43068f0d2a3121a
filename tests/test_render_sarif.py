"""SARIF: valid against the official schema, rules for every code, relative URIs, suppressions."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spectrace.codes import CODES
from spectrace.model import Span
from spectrace.render.sarif import FINGERPRINT, render

from .render_sample import LIB_DESIGN, empty_report, lending_spec, sample_report


def _log(report: Any = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report if report is not None else sample_report()))
    return data


def _schema() -> dict[str, Any]:
    path = os.environ.get("SPECTRACE_SARIF_SCHEMA")
    if not path:
        pytest.skip("SPECTRACE_SARIF_SCHEMA is not set (.ci/run sets it)")
    schema: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return schema


@pytest.mark.parametrize("report", [sample_report(), empty_report()], ids=["sample", "empty"])
def test_validates_against_the_sarif_schema(report: Any) -> None:
    jsonschema.validate(_log(report), _schema())


def test_every_code_has_a_rule_with_metadata() -> None:
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    # The sample has no task list: the plan's rules (ST7xx) are left out (test_render_plan.py).
    assert [rule["id"] for rule in rules] == sorted(c for c in CODES if not c.startswith("ST7"))
    for rule in rules:
        code = CODES[rule["id"]]
        assert rule["name"] == code.name
        assert rule["shortDescription"]["text"] == code.title
        assert rule["fullDescription"]["text"] == code.explanation
        assert rule["defaultConfiguration"]["level"] == code.severity.value


def test_results_point_at_relative_paths_and_one_based_lines() -> None:
    results = _log()["runs"][0]["results"]
    assert len(results) == len(sample_report().findings)
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": LIB_DESIGN, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 14}
    assert first["ruleId"] == "ST101" and first["level"] == "error"
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_suppressed_and_baselined_findings_carry_suppressions() -> None:
    results = _log()["runs"][0]["results"]
    by_message = {r["message"]["text"]: r for r in results}
    inline = by_message["entity legacy_cards traces to no requirement"]
    assert inline["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "spectrace: ignore comment next to the item",
        }
    ]
    baselined = next(r for r in results if r.get("baselineState") == "unchanged")
    assert baselined["ruleId"] == "ST201"
    assert baselined["suppressions"][0]["kind"] == "external"
    counted = by_message["entity audit_log traces to no requirement"]
    assert "suppressions" not in counted


def test_a_configured_ignore_is_an_external_suppression() -> None:
    spec = lending_spec()
    findings = tuple(replace(f, suppressed=True) if f.code == "ST101" else f for f in spec.findings)
    report = replace(sample_report(), specs=(replace(spec, findings=findings),))
    dangling = next(r for r in _log(report)["runs"][0]["results"] if r["ruleId"] == "ST101")
    assert dangling["suppressions"][0]["kind"] == "external"
    assert "configuration" in dangling["suppressions"][0]["justification"]


def test_fingerprints_survive_moved_lines() -> None:
    spec = lending_spec()
    moved = tuple(
        replace(f, span=Span(file=f.span.file, line=f.span.line + 7)) for f in spec.findings
    )
    before = [
        r["partialFingerprints"][FINGERPRINT]
        for r in _log(replace(sample_report(), specs=(spec,)))["runs"][0]["results"]
    ]
    after = [
        r["partialFingerprints"][FINGERPRINT]
        for r in _log(replace(sample_report(), specs=(replace(spec, findings=moved),)))["runs"][0][
            "results"
        ]
    ]
    assert before == after
    assert len(set(before)) == len(before)


def test_paths_outside_the_root_and_odd_characters_become_valid_uris() -> None:
    spec = lending_spec()
    findings = (
        replace(spec.findings[0], span=Span(file="/elsewhere/my specs/design.md", line=3)),
        replace(spec.findings[1], span=Span(file="docs/仕様/design.md", line=0)),
    )
    report = replace(sample_report(), specs=(replace(spec, findings=findings),))
    results = _log(report)["runs"][0]["results"]
    outside = results[0]["locations"][0]["physicalLocation"]
    assert outside["artifactLocation"] == {"uri": "file:///elsewhere/my%20specs/design.md"}
    inside = results[1]["locations"][0]["physicalLocation"]
    assert inside["artifactLocation"]["uri"] == "docs/%E4%BB%95%E6%A7%98/design.md"
    assert "region" not in inside  # line 0: no region rather than an invalid startLine


def test_same_report_same_bytes() -> None:
    assert render(sample_report()) == render(sample_report())
