"""Coverage, gaps, orphans and findings, through the public API on small real specs."""

from __future__ import annotations

from pathlib import Path

import spectrace
from spectrace.model import SpecReport, Status

WORKED_REQUIREMENTS = """# Requirements

### Requirement 1: Orders

#### Acceptance Criteria

1. WHEN a customer places an order THEN the system SHALL store it
2. WHEN a customer opens an order THEN the system SHALL show its details

### Requirement 2: Invoices

#### Acceptance Criteria

1. WHEN an order ships THEN the system SHALL send an invoice
"""

# The worked example of the traceability model, section 6.
WORKED_DESIGN = """# Design

### Orders (Requirement 1)

- `POST /api/orders` - place an order
- `GET /api/orders/{id}` - order details (Requirements: 1.2, 9.1)
- `GET /api/metrics` - counters

## Schema

```sql
CREATE TABLE orders (id INT PRIMARY KEY);
CREATE TABLE audit (id INT PRIMARY KEY);
```
"""


def run(tmp_path: Path, requirements: str, design: str) -> SpecReport:
    (tmp_path / "requirements.md").write_text(requirements, encoding="utf-8")
    (tmp_path / "design.md").write_text(design, encoding="utf-8")
    (report,) = spectrace.check([tmp_path]).specs
    return report


def statuses(report: SpecReport) -> dict[str, str]:
    found = {r.requirement.id: r.status.value for r in report.requirements}
    found.update({c.criterion.id: c.status.value for r in report.requirements for c in r.criteria})
    return found


def test_worked_example_of_the_model(tmp_path: Path) -> None:
    report = run(tmp_path, WORKED_REQUIREMENTS, WORKED_DESIGN)
    assert statuses(report) == {
        "1": "covered",
        "1.1": "covered",
        "1.2": "covered",
        "2": "uncovered",
        "2.1": "uncovered",
    }
    assert [ref.target for ref in report.dangling] == ["9.1"]
    orphans = sorted(r.item.name for r in report.items if r.orphan)
    assert orphans == ["audit"]
    by_name = {r.item.name: r for r in report.items}
    assert by_name["orders"].traced_via == "endpoint:POST /api/orders"
    metrics = by_name["GET /api/metrics"]
    assert [(link.target, link.origin.value) for link in metrics.covers] == [("1", "inherited")]
    codes = sorted(f.code for f in report.findings)
    # ST402: GET /api/metrics names no entity of the design (a note).
    assert codes == ["ST101", "ST201", "ST203", "ST301", "ST402"]


def test_criterion_covered_through_its_requirement_says_so(tmp_path: Path) -> None:
    report = run(tmp_path, WORKED_REQUIREMENTS, WORKED_DESIGN)
    first = report.requirements[0].criteria[0]
    assert first.status == Status.COVERED
    assert {link.target for link in first.covered_by} == {"1"}


def test_summary_counts_add_up(tmp_path: Path) -> None:
    report = run(tmp_path, WORKED_REQUIREMENTS, WORKED_DESIGN)
    summary = report.summary
    assert (summary.requirements, summary.requirements_covered, summary.requirements_partial) == (
        2,
        1,
        0,
    )
    assert (summary.criteria, summary.criteria_covered) == (3, 2)
    assert summary.coverage == round(100 * 2 / 3, 1)
    assert summary.orphans == 1
    assert summary.dangling == 1


def test_duplicate_requirement_ids_are_errors(tmp_path: Path) -> None:
    requirements = WORKED_REQUIREMENTS + "\n### Requirement 2: Invoices again\n\nText.\n"
    report = run(tmp_path, requirements, WORKED_DESIGN)
    duplicates = [f for f in report.findings if f.code == "ST102"]
    assert [(f.subject, f.severity.value) for f in duplicates] == [("2", "error")]


def test_partial_requirement_lists_missing_criteria(tmp_path: Path) -> None:
    design = "# Design\n\n- `POST /api/orders` - place (Requirements: 1.1)\n"
    report = run(tmp_path, WORKED_REQUIREMENTS, design)
    assert report.requirements[0].status == Status.PARTIAL
    (partial,) = [f for f in report.findings if f.code == "ST202"]
    assert partial.message.endswith("1 of 2 criteria uncovered (1.2)")


def test_empty_requirements_document_gets_a_finding(tmp_path: Path) -> None:
    report = run(tmp_path, "# Notes\n\nNothing here yet.\n", WORKED_DESIGN)
    assert [f.code for f in report.findings if f.code == "ST501"] == ["ST501"]
    assert report.summary.requirements == 0
