"""JUnit XML: a suite per spec, a case per requirement, integrity findings as cases of their own."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from spectrace.model import Severity
from spectrace.render.junit import render

from .render_sample import empty_report, lending_spec, sample_report


def _root(report: object = None) -> ET.Element:
    return ET.fromstring(render(report if report is not None else sample_report()))  # type: ignore[arg-type]


def _cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in suite.iter("testcase")}


def test_one_suite_per_spec_and_totals_that_add_up() -> None:
    root = _root()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["lending", "todo"]
    for suite in suites:
        cases = list(suite.iter("testcase"))
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
        assert suite.get("skipped") == str(sum(1 for c in cases if c.find("skipped") is not None))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("9", "5", "2")


def test_requirement_cases_fail_when_uncovered_or_partial_with_the_criteria() -> None:
    lending = _cases(_root().findall("testsuite")[0])
    assert list(lending["1 Borrow books"]) == []  # covered: passes
    partial = lending["2 Renew | extend **loans**"].find("failure")
    assert partial is not None
    assert partial.get("type") == "ST202"
    assert "uncovered criteria: 2.2" in (partial.get("message") or "")
    assert "2.1 covered by PUT /api/loans/{id}/renew, loans" in (partial.text or "")
    assert "2.2 UNCOVERED: =SUM(A1:A9) fines | charged daily" in (partial.text or "")
    todo = _cases(_root().findall("testsuite")[1])
    failure = todo["FR-002 @import tasks from CSV"].find("failure")
    assert (
        failure is not None
        and failure.get("message") == "warning: uncovered: FR-002 @import tasks from CSV"
    )
    case = todo["FR-002 @import tasks from CSV"]
    assert (case.get("classname"), case.get("file"), case.get("line")) == (
        "todo.requirements",
        "specs/todo/spec.md",
        "6",
    )


def test_integrity_findings_are_cases_of_their_own() -> None:
    lending = _cases(_root().findall("testsuite")[0])
    dangling = lending["ST101 9.1"]
    assert dangling.get("classname") == "lending.findings"
    failure = dangling.find("failure")
    assert failure is not None and failure.get("message") == (
        "error: reference to 9.1, which no requirement defines"
    )
    assert lending['ST301 component:"]; x ['].find("failure") is not None


def test_suppressed_and_baselined_findings_are_skipped() -> None:
    lending = _cases(_root().findall("testsuite")[0])
    skipped = lending["ST301 entity:legacy_cards"].find("skipped")
    assert skipped is not None and (skipped.get("message") or "").startswith("suppressed:")
    baselined = lending["3 <script>alert(1)</script>"].find("skipped")
    assert baselined is not None and (baselined.get("message") or "").startswith("in the baseline:")


def test_notes_pass_with_system_out_and_duplicates_get_distinct_names() -> None:
    spec = lending_spec()
    note = replace(
        spec.findings[0],
        code="ST402",
        severity=Severity.NOTE,
        message="endpoint GET /x names no entity",
        subject="GET /x",
    )
    findings = (*spec.findings, note, replace(note, message="second"))
    root = _root(replace(sample_report(), specs=(replace(spec, findings=findings),)))
    cases = _cases(root.findall("testsuite")[0])
    out = cases["ST402 GET /x"].find("system-out")
    assert out is not None and "note ST402" in (out.text or "")
    assert cases["ST402 GET /x"].find("failure") is None
    assert "ST402 GET /x #2" in cases


def test_control_characters_do_not_break_the_xml() -> None:
    spec = lending_spec()
    bad = replace(spec.findings[0], message="bell\x07 and form\x0c feed", subject="9.1")
    text = render(replace(sample_report(), specs=(replace(spec, findings=(bad,)),)))
    assert "\x07" not in text
    assert ET.fromstring(text) is not None


def test_empty_report() -> None:
    root = _root(empty_report())
    assert root.tag == "testsuites" and root.get("tests") == "0"
