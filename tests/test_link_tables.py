"""Summary tables and traceability matrices: a row's references go to the elements it names."""

from __future__ import annotations

from pathlib import Path

from spectrace.model import RefOrigin, SpecReport

from .test_link import covers, run


def written(report: SpecReport) -> dict[str, list[tuple[str, str]]]:
    """Every item's links that a reference wrote (inferred ones left out)."""
    found = {
        name: [(target, origin) for target, origin in links if origin != RefOrigin.INFERRED.value]
        for name, links in covers(report).items()
    }
    return {name: links for name, links in found.items() if links}


def test_matrix_row_links_the_components_it_names(tmp_path: Path) -> None:
    design = """# Design

## Requirements Traceability

| Requirement | Summary | Components | Interfaces | Flows |
|---|---|---|---|---|
| 1 | Accounts | AccountService, SignUp form | AccountApi | Sign-up flow |
| 2 | Audit | AuditLog | - | - |

## Components

### AccountService

Creates accounts and issues tokens.

### AuditLog Component

Appends one line per sign-in.

## Flows

### Sign-up Flow

- `POST /api/accounts` - create an account
"""
    report = run(tmp_path, design)
    links = written(report)
    assert links["AccountService"] == [("1", "explicit")]
    # "AuditLog" names the component headed "AuditLog Component": one item, not two.
    assert links["AuditLog Component"] == [("2", "explicit")]
    assert "AuditLog" not in links
    # The flow column names a section: the items inside it inherit the row's references.
    assert links["POST /api/accounts"] == [("1", "inherited")]
    # A name the design defines nowhere else is an element of its own, carrying the row.
    assert links["AccountApi"] == [("1", "explicit")]
    assert {r.item.kind.value for r in report.items if r.item.name == "AccountApi"} == {"interface"}
    # A phrase is not a name: it becomes no item.
    assert not [r for r in report.items if r.item.name == "SignUp form"]
    # No statement or section is made of the table: its rows are carried by what they name.
    assert not [r for r in report.items if r.item.kind.value in ("statement", "section")]


def test_summary_table_rows_are_components_merged_with_their_blocks(tmp_path: Path) -> None:
    design = """# Design

## Components and Interfaces

| Component | Layer | Intent | Req Coverage |
|---|---|---|---|
| Signup Handler | API | Takes sign-ups | 1.1 |
| AuditWriter | Storage | Records sign-ins | 2 |

### SignupHandler

Validates the form, then stores the account.
"""
    report = run(tmp_path, design)
    links = written(report)
    assert links["SignupHandler"] == [("1.1", "explicit")]
    assert links["AuditWriter"] == [("2", "explicit")]
    components = sorted(r.item.name for r in report.items if r.item.kind.value == "component")
    assert components == ["AuditWriter", "SignupHandler"]
    assert not any(r.orphan for r in report.items)


def test_a_row_that_defines_an_endpoint_keeps_its_references(tmp_path: Path) -> None:
    design = """# Design

## API

| Method | Path | Purpose | Requirements |
|---|---|---|---|
| POST | /api/accounts | sign up | 1.1 |

```sql
CREATE TABLE accounts (id INT PRIMARY KEY);
```
"""
    links = written(run(tmp_path, design))
    assert links["POST /api/accounts"] == [("1.1", "explicit")]
    assert "accounts" not in links


def test_a_row_naming_nothing_it_can_resolve_is_a_statement(tmp_path: Path) -> None:
    design = """# Design

## Traceability

| Requisito | Onde e implementado |
|---|---|
| 2 | registrado como opcional, fora do MVP |
"""
    report = run(tmp_path, design)
    (statement,) = [r for r in report.items if r.item.kind.value == "statement"]
    assert statement.item.name == "registrado como opcional, fora do MVP"
    assert [(link.target, link.origin.value) for link in statement.covers] == [("2", "explicit")]
