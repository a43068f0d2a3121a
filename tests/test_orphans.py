"""When an unreferenced item is an orphan (ST301) and when only a note (ST302), in auto mode."""

from __future__ import annotations

from pathlib import Path

import spectrace
from spectrace.model import SpecReport

REQUIREMENTS = """# Requirements

### Requirement 1: Orders

#### Acceptance Criteria

1. WHEN a buyer confirms a basket THEN the shop SHALL create an order
2. WHEN a buyer opens an order THEN the shop SHALL show its status

### Requirement 2: Refunds

#### Acceptance Criteria

1. WHEN a buyer cancels an unpaid order THEN the shop SHALL remove it
"""


def run(tmp_path: Path, design: str, tasks: str | None = None) -> SpecReport:
    (tmp_path / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "design.md").write_text(design, encoding="utf-8")
    if tasks is not None:
        (tmp_path / "tasks.md").write_text(tasks, encoding="utf-8")
    (report,) = spectrace.check([tmp_path]).specs
    return report


def verdicts(report: SpecReport) -> dict[str, str]:
    """Item name -> ST301, ST302 or "" (linked or traced)."""
    codes = {f.item: f.code for f in report.findings if f.code in ("ST301", "ST302")}
    return {r.item.name: codes.get(r.item.id, "") for r in report.items}


DESIGN = """# Design

## API

- `POST /api/orders` - place an order (Requirements: 1.1)
- `GET /api/coupons` - list the coupons of the week
- `DELETE /api/orders/{id}` - remove an unpaid order
- `DELETE /api/push/unsubscribe` - stop push messages

## Data Model

```sql
CREATE TABLE coupons (code TEXT PRIMARY KEY, created_at TIMESTAMP, status TEXT);
CREATE TABLE order_notes (id INT PRIMARY KEY, note TEXT);
```
"""


def test_an_item_whose_name_no_requirement_uses_is_an_orphan(tmp_path: Path) -> None:
    found = verdicts(run(tmp_path, DESIGN))
    # "coupons" appears in no requirement; its columns (created_at, status) say nothing.
    assert found["coupons"] == "ST301"
    assert found["GET /api/coupons"] == "ST301"


def test_an_item_whose_name_a_requirement_uses_is_a_note(tmp_path: Path) -> None:
    report = run(tmp_path, DESIGN)
    found = verdicts(report)
    assert found["order_notes"] == "ST302"
    note = next(f for f in report.findings if f.code == "ST302" and "order_notes" in f.message)
    assert "no reference" in note.message


def test_a_delete_needs_a_requirement_that_asks_to_remove(tmp_path: Path) -> None:
    # Requirement 2 asks to remove an order: the DELETE is traced to it, or at least noted.
    assert verdicts(run(tmp_path, DESIGN))["DELETE /api/orders/{id}"] in ("", "ST302")
    push = """# Requirements

### Requirement 1: Orders

#### Acceptance Criteria

1. WHEN a buyer confirms a basket THEN the shop SHALL create an order
2. WHEN a buyer turns push messages off THEN the shop SHALL stop sending them
"""
    design = """# Design

## API

- `DELETE /api/orders/{id}` - remove an order
- `DELETE /api/push/unsubscribe` - stop push messages
"""
    (tmp_path / "push").mkdir()
    (tmp_path / "push" / "requirements.md").write_text(push, encoding="utf-8")
    (tmp_path / "push" / "design.md").write_text(design, encoding="utf-8")
    (report,) = spectrace.check([tmp_path / "push"]).specs
    found = verdicts(report)
    # Nobody asks to delete an order: that DELETE is scope of its own.
    assert found["DELETE /api/orders/{id}"] == "ST301"
    # A path naming its action (unsubscribe) removes no resource: push messages are asked for,
    # and inference links it to them.
    assert found["DELETE /api/push/unsubscribe"] == ""
    unsubscribe = next(r for r in report.items if r.item.name == "DELETE /api/push/unsubscribe")
    assert {link.target for link in unsubscribe.covers} == {"1.2"}


def test_a_task_that_builds_an_orphan_for_a_requirement_makes_it_a_note(tmp_path: Path) -> None:
    tasks = """# Tasks

- [ ] 1. Coupons of the week on the order page
  - Build `GET /api/coupons` and the coupons table
  - _Requirements: 1.2_
"""
    report = run(tmp_path, DESIGN, tasks)
    found = verdicts(report)
    assert found["GET /api/coupons"] == "ST302"
    note = next(f for f in report.findings if f.code == "ST302" and "GET /api/coupons" in f.message)
    assert "task 1 builds it for 1.2" in note.message
