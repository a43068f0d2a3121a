"""Where explicit references attach: the smallest item, section leads, comments, sections."""

from __future__ import annotations

from pathlib import Path

import spectrace
from spectrace.model import SpecReport

REQUIREMENTS = """# Requirements

### Requirement 1: Accounts

#### Acceptance Criteria

1. WHEN a user signs up THEN the system SHALL create an account
2. WHEN a user signs in THEN the system SHALL issue a token

### Requirement 2: Audit

#### Acceptance Criteria

1. The system SHALL record every sign-in
"""


def run(tmp_path: Path, design: str) -> SpecReport:
    (tmp_path / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "design.md").write_text(design, encoding="utf-8")
    (report,) = spectrace.check([tmp_path]).specs
    return report


def covers(report: SpecReport) -> dict[str, list[tuple[str, str]]]:
    return {
        r.item.name: [(link.target, link.origin.value) for link in r.covers]
        for r in report.items
        if r.covers
    }


def test_sql_comment_right_before_create_table(tmp_path: Path) -> None:
    design = """# Design

## Schema

```sql
-- Requirements: 1.1
CREATE TABLE accounts (id INT PRIMARY KEY);

CREATE TABLE sign_ins (id INT PRIMARY KEY, account INT); -- Requirements: 2.1
```
"""
    assert covers(run(tmp_path, design)) == {
        "accounts": [("1.1", "explicit")],
        "sign_ins": [("2.1", "explicit")],
    }


def test_lead_paragraph_is_inherited_by_items_inside(tmp_path: Path) -> None:
    design = """# Design

## Accounts API

Serves Requirement 1.

- `POST /api/accounts` - sign up
- `POST /api/sessions` - sign in (Requirements: 2.1)
"""
    assert covers(run(tmp_path, design)) == {
        "POST /api/accounts": [("1", "inherited")],
        "POST /api/sessions": [("1", "inherited"), ("2.1", "explicit")],
    }


def test_reference_no_item_holds_is_a_statement(tmp_path: Path) -> None:
    design = """# Design

## Security considerations

Passwords are hashed with argon2.

- ✅ Tokens expire after an hour (Requirements: 1.2)
"""
    report = run(tmp_path, design)
    (statement,) = [r for r in report.items if r.item.kind.value == "statement"]
    assert statement.item.name == "Tokens expire after an hour"
    assert statement.item.span.line == 7
    assert [(link.target, link.origin.value) for link in statement.covers] == [("1.2", "explicit")]
    assert not statement.orphan
    assert report.requirements[0].criteria[1].status.value == "covered"
    assert report.summary.design_items == 0  # a statement is not a design item to count


def test_heading_reference_of_a_section_without_items_goes_to_the_section(tmp_path: Path) -> None:
    design = """# Design

## Session cookies (Requirement 1.2)

Cookies are httpOnly and secure.
"""
    report = run(tmp_path, design)
    (section,) = [r for r in report.items if r.item.kind.value == "section"]
    assert section.item.name == "Session cookies (Requirement 1.2)"
    assert [(link.target, link.origin.value) for link in section.covers] == [("1.2", "explicit")]
    assert not [r for r in report.items if r.item.kind.value == "statement"]


def test_comment_before_an_interface(tmp_path: Path) -> None:
    design = """# Design

## Interfaces

```ts
// Implements Requirement 2
export interface SignInEvent {
  accountId: string;
}

export interface Token {
  value: string;
}
```
"""
    written = {
        name: links
        for name, links in covers(run(tmp_path, design)).items()
        if any(origin != "inferred" for _target, origin in links)
    }
    assert written == {"SignInEvent": [("2", "explicit")]}
