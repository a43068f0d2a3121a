"""SARIF 2.1.0 for code scanning: one run, a rule per finding code, a result per finding.

Paths are relative to the repository root (the working folder, ``%SRCROOT%``), regions 1-based,
so GitHub annotates the Markdown lines. Suppressed and baselined findings stay in the file with
SARIF ``suppressions``, so the upload closes their alerts instead of losing them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from spectrace import jsontext
from spectrace.baseline import spec_key
from spectrace.codes import CODES, Code
from spectrace.model import Finding, Report, SpecReport
from spectrace.render.common import inline_silencers, silenced_inline
from spectrace.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: The partialFingerprints key: spec, code and subject, never the line (alerts survive moves).
FINGERPRINT = "spectraceFinding/v1"

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")

#: A rule's tags, by the first digit of its code: what kind of problem it is.
_TAGS = {
    "1": ("traceability", "integrity"),
    "2": ("traceability", "coverage"),
    "3": ("traceability", "orphan"),
    "4": ("traceability", "consistency"),
    "5": ("traceability", "input"),
    "6": ("traceability", "change"),
    "7": ("traceability", "plan"),
}
#: Codes about the task list: their rules are listed only when a spec has one, so that the log
#: of a spec without tasks is what it was before plans were read.
_PLAN_FAMILY = "ST7"


def render(report: Report) -> str:
    """The report as a SARIF log."""
    return jsontext.dumps(to_sarif(report))


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    planned = report.plan_total is not None
    codes = sorted(code for code in CODES if planned or not code.startswith(_PLAN_FAMILY))
    index = {code: position for position, code in enumerate(codes)}
    results: list[dict[str, Any]] = []
    for spec in report.specs:
        results.extend(_results(spec, index))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spectrace",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(CODES[code]) for code in codes],
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {"text": "The repository root: the folder spectrace ran in."}
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "coverage": report.total.coverage,
                    "specs": [spec.name for spec in report.specs],
                },
            }
        ],
    }


def _rule(code: Code) -> dict[str, Any]:
    help_text = f"{code.explanation}\n\nRun `spectrace explain {code.code}` for this text."
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.explanation},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": code.severity.value},
        "properties": {"tags": list(_TAGS.get(code.code[2:3], ("traceability",)))},
    }


def _results(spec: SpecReport, index: dict[str, int]) -> list[dict[str, Any]]:
    silencers = inline_silencers(spec)
    seen: Counter[str] = Counter()
    results = []
    for finding in spec.findings:
        identity = "\0".join((spec_key(spec), finding.code, finding.subject))
        seen[identity] += 1
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": finding.severity.value,
            "message": {"text": finding.message},
            "locations": [_location(finding)],
            "partialFingerprints": {FINGERPRINT: _fingerprint(identity, seen[identity])},
        }
        suppression = _suppression(finding, silenced_inline(finding, silencers))
        if suppression is not None:
            result["suppressions"] = [suppression]
        if finding.baselined:
            result["baselineState"] = "unchanged"
        results.append(result)
    return results


def _fingerprint(identity: str, occurrence: int) -> str:
    digest = hashlib.sha256(f"{identity}\0{occurrence}".encode()).hexdigest()
    return digest[:32]


def _location(finding: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.span.file)}
    if finding.span.line >= 1:
        region = {"startLine": finding.span.line}
        if finding.span.last > finding.span.line:
            region["endLine"] = finding.span.last
        physical["region"] = region
    return {"physicalLocation": physical}


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path against ``%SRCROOT%``; a path outside the root as an absolute file URI."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if _WINDOWS_DRIVE.match(path):
        return {"uri": "file:///" + quote(path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _suppression(finding: Finding, inline: bool) -> dict[str, Any] | None:
    if finding.suppressed:
        return {
            "kind": "inSource" if inline else "external",
            "status": "accepted",
            "justification": "spectrace: ignore comment next to the item"
            if inline
            else "ignored by the spectrace configuration",
        }
    if finding.baselined:
        return {
            "kind": "external",
            "status": "accepted",
            "justification": "in the spectrace baseline file",
        }
    return None
