"""JUnit XML for CI test dashboards: a test suite per spec, a test case per requirement.

A requirement's case fails when it is uncovered or partial, its criteria listed in the failure.
Every other finding (dangling and duplicate ids, orphans, design consistency) is a case of its
own; those about the task list (unplanned requirements, unbuilt items, task citations) are cases
of ``SPEC.plan``. One rule decides a case: a counted error or warning fails it, a note passes
with the note in ``system-out``, a suppressed or baselined finding skips it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from spectrace.model import (
    Finding,
    Report,
    RequirementResult,
    Severity,
    SpecReport,
    Status,
)
from spectrace.render.common import GAP_CODES, item_names, requirement_label, where

# XML 1.0 cannot hold most control characters, even escaped: they are replaced.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    """The report as a JUnit XML document."""
    root = ET.Element("testsuites", {"name": "spectrace"})
    totals: Counter[str] = Counter()
    for spec in report.specs:
        suite = _suite(spec)
        root.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, "0"))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(spec: SpecReport) -> ET.Element:
    suite = ET.Element("testsuite", {"name": _clean(spec.name)})
    gaps = {
        (f.code, f.subject): f for f in spec.findings if f.code in GAP_CODES and f.code != "ST203"
    }
    names = item_names(spec)
    for result in spec.requirements:
        suite.append(_requirement_case(spec, result, gaps, names))
    seen: Counter[str] = Counter()
    for finding in spec.findings:
        if finding.code not in GAP_CODES:
            suite.append(_finding_case(spec, finding, seen))
    cases = list(suite)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    return suite


def _requirement_case(
    spec: SpecReport,
    result: RequirementResult,
    gaps: dict[tuple[str, str], Finding],
    names: dict[str, str],
) -> ET.Element:
    requirement = result.requirement
    case = _case(
        f"{spec.name}.requirements",
        requirement_label(requirement),
        requirement.span.file,
        requirement.span.line,
    )
    if result.status == Status.COVERED:
        return case
    finding = gaps.get(("ST201", requirement.id)) or gaps.get(("ST202", requirement.id))
    missing = [c.criterion.id for c in result.criteria if c.status == Status.UNCOVERED]
    message = f"{result.status.value}: {requirement_label(requirement)}"
    if missing:
        message += f"; uncovered criteria: {', '.join(missing)}"
    lines = [f"{where(requirement.span)}: {message}"]
    for criterion in result.criteria:
        covered_by = sorted({names.get(link.source, link.source) for link in criterion.covered_by})
        status = f"covered by {', '.join(covered_by)}" if covered_by else "UNCOVERED"
        lines.append(f"  {criterion.criterion.id} {status}: {criterion.criterion.text}")
    if finding is None:  # no finding to weigh (a gap code ignored upstream): a gap still fails
        _fail(case, "uncovered-requirement", message, "\n".join(lines))
    else:
        _outcome(case, finding, message, "\n".join(lines))
    return case


def _finding_case(spec: SpecReport, finding: Finding, seen: Counter[str]) -> ET.Element:
    name = f"{finding.code} {finding.subject or finding.message}"
    seen[name] += 1
    if seen[name] > 1:  # two findings of one kind about one thing: tell the cases apart
        name = f"{name} #{seen[name]}"
    group = "plan" if finding.code.startswith("ST7") else "findings"
    case = _case(f"{spec.name}.{group}", name, finding.span.file, finding.span.line)
    _outcome(case, finding, finding.message, f"{where(finding.span)}: {finding.message}")
    return case


def _case(classname: str, name: str, file: str, line: int) -> ET.Element:
    attributes = {"classname": _clean(classname), "name": _clean(name), "file": _clean(file)}
    if line > 0:
        attributes["line"] = str(line)
    return ET.Element("testcase", attributes)


def _outcome(case: ET.Element, finding: Finding, message: str, body: str) -> None:
    if finding.suppressed or finding.baselined:
        reason = "suppressed" if finding.suppressed else "in the baseline"
        ET.SubElement(case, "skipped", {"message": _clean(f"{reason}: {message}")})
    elif finding.severity == Severity.NOTE:
        out = ET.SubElement(case, "system-out")
        out.text = _clean(f"note {finding.code}: {body}")
    else:
        _fail(case, finding.code, f"{finding.severity.value}: {message}", body)


def _fail(case: ET.Element, kind: str, message: str, body: str) -> None:
    failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": _clean(kind)})
    failure.text = _clean(body)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
