"""Design forms real authors write, read through the public API: what is an item, what carries a
reference, what is traced through what."""

from __future__ import annotations

from pathlib import Path

import pytest

from spectrace.model import ItemResult, RefOrigin, SpecReport

from .test_link import run


def by_name(report: SpecReport) -> dict[str, ItemResult]:
    return {result.item.name: result for result in report.items}


def written(result: ItemResult) -> list[tuple[str, str]]:
    return [
        (link.target, link.origin.value)
        for link in result.covers
        if link.origin != RefOrigin.INFERRED
    ]


COMPONENT_BLOCK = """# Design

## Components and Interfaces

### API Layer

#### SignupHandler

| Field | Detail |
|-------|--------|
| Intent | Takes a sign-up and creates the account |
| Requirements | 1.1, 2 |

**Responsibilities & Constraints**
- Validates the form

##### Service Interface

```typescript
interface SignupService {
  signUp(form: SignupForm): Promise<Account>;
}
```

##### State Management

- State model: none, every call stands alone
"""


def test_a_heading_over_an_intent_table_is_a_component_its_subsections_are_facets(
    tmp_path: Path,
) -> None:
    report = run(tmp_path, COMPONENT_BLOCK)
    items = by_name(report)
    handler = items["SignupHandler"]
    assert handler.item.kind.value == "component"
    # It holds the table's references itself; what is inside its section inherits them.
    assert written(handler) == [("1.1", "explicit"), ("2", "explicit")]
    # The interface under the component's sub-section inherits the table's references.
    assert written(items["SignupService"]) == [("1.1", "inherited"), ("2", "inherited")]
    components = [r.item.name for r in report.items if r.item.kind.value == "component"]
    assert components == ["SignupHandler"]  # not "Service Interface", not "State Management"
    assert not any(r.orphan for r in report.items)


def test_headings_that_list_parts_are_not_parts(tmp_path: Path) -> None:
    design = """# Design

## Components

### Component Summary

Every part below, in one place.

### Client Components

The screens the user sees.

### AccountService

Creates accounts.
"""
    components = sorted(
        r.item.name for r in run(tmp_path, design).items if r.item.kind.value == "component"
    )
    assert components == ["AccountService"]


def test_plain_text_endpoint_entries_own_their_requirement_lines(tmp_path: Path) -> None:
    design = """# Design

## API Endpoints

```
POST /api/accounts
- Description: Create an account
- Status Codes: 201, 400, 409
- Requirements: 1.1

POST /api/sessions
- Description: Sign in
- Requirements: 1.2
```
"""
    items = by_name(run(tmp_path, design))
    assert written(items["POST /api/accounts"]) == [("1.1", "explicit")]
    assert written(items["POST /api/sessions"]) == [("1.2", "explicit")]


def test_a_route_tree_gives_each_route_its_own_line(tmp_path: Path) -> None:
    design = """# Design

## API

```
/api/
├── accounts/
│   └── POST /accounts
└── audit/
    └── GET /audit
```
"""
    items = by_name(run(tmp_path, design))
    # The route's words are its line alone, not the folder names after it.
    assert "audit" not in items["POST /accounts"].item.text.lower()


@pytest.mark.parametrize(
    ("code", "name", "members"),
    [
        (
            "export const signupSchema = z.object({\n  email: z.string().email(),\n"
            "  password: z.string().min(10),\n});",
            "signupSchema",
            ("email", "password"),
        ),
        (  # the sketch designs write for one
            "// Sync operation\nSyncOperationSchema = {\n  entityType: string (required),\n"
            "  serverId: string (optional)\n}",
            "SyncOperationSchema",
            ("entityType", "serverId"),
        ),
    ],
)
def test_a_named_schema_is_one_item_and_its_members_are_parts(
    tmp_path: Path, code: str, name: str, members: tuple[str, str]
) -> None:
    design = f"# Design\n\n## Validation\n\n```typescript\n{code}\n```\n"
    report = run(tmp_path, design)
    schema = by_name(report)[name]
    assert schema.item.kind.value == "interface"
    assert all(member in schema.item.text for member in members)
    assert not [r for r in report.items if r.item.kind.value == "rule"]


def test_property_forms_among_correctness_properties(tmp_path: Path) -> None:
    design = """# Design

## Correctness Properties

- **Property 1 (1.1-1.2)**: every account has one email
- **監査判定プロパティ（2.1）**: 監査は一件ずつ記録される

**Property 2A: Tokens expire**
*For any* token, it expires after an hour.
**Validates: Requirements 1.2**

**Example 1: Sign-up page**
Verify that the sign-up page exists.
**Validates: Requirements 1.1**
"""
    report = run(tmp_path, design)
    properties = sorted(r.item.name for r in report.items if r.item.kind.value == "property")
    assert properties == ["Example 1", "Property 1", "Property 2A", "監査判定プロパティ"]
    items = by_name(report)
    assert written(items["Property 1"]) == [("1.1", "explicit"), ("1.2", "explicit")]
    assert written(items["監査判定プロパティ"]) == [("2.1", "explicit")]
    assert written(items["Property 2A"]) == [("1.2", "explicit")]
    assert written(items["Example 1"]) == [("1.1", "explicit")]


def test_a_part_holding_a_traced_item_is_no_orphan(tmp_path: Path) -> None:
    design = """# Design

## Components

### Signup Module

```typescript
// Requirements: 1.1
interface SignupRequest {
  email: string;
}
```

### Weather Widget

```typescript
interface ForecastEntry {
  city: string;
}
```
"""
    items = by_name(run(tmp_path, design))
    assert not items["Signup Module"].orphan
    assert items["Signup Module"].traced_via == "interface:signup_request"
    assert items["Weather Widget"].orphan and items["ForecastEntry"].orphan
