"""Design items from Markdown designs, through parse_design and merge_items."""

from __future__ import annotations

from spectrace.model import DesignItem, ItemKind, Span
from spectrace.parse.design.reader import DesignParse, is_cross_cutting, merge_items, parse_design
from spectrace.parse.markdown import parse_markdown


def parse(text: str) -> DesignParse:
    return parse_design(parse_markdown(text, "design.md"))


def items(text: str) -> list[DesignItem]:
    return list(parse(text).items)


def merged(text: str) -> dict[str, DesignItem]:
    return {item.id: item for item in merge_items(items(text))}


def ids(text: str, kind: ItemKind) -> list[str]:
    return sorted(i.id for i in merge_items(items(text)) if i.kind == kind)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if fragment in line)


# -- entities -----------------------------------------------------------------------------------

SCHEMA = """# Design

## Data Model

```sql
-- Requirements: 1.1
CREATE TABLE IF NOT EXISTS public."Shelves" (
    id SERIAL PRIMARY KEY,
    label VARCHAR(40) NOT NULL
);

CREATE TABLE volumes (
    id SERIAL PRIMARY KEY,
    shelf_id INT REFERENCES shelves(id),
    title TEXT NOT NULL,
    CONSTRAINT fk_owner FOREIGN KEY (owner_id) REFERENCES readers (id)
);

ALTER TABLE readers ADD CONSTRAINT fk_card FOREIGN KEY (card_id) REFERENCES cards (id);
```
"""


def test_create_table_gives_entity_fields_and_foreign_keys() -> None:
    found = merged(SCHEMA)
    shelves = found["entity:shelf"]
    assert shelves.name == "Shelves"
    assert shelves.kind == ItemKind.ENTITY
    volumes = found["entity:volume"]
    assert volumes.uses == ("shelves", "readers")
    assert found["entity:reader"].uses == ("cards",)
    field = found["field:volume.shelf_id"]
    assert (field.name, field.parent, field.kind) == ("volumes.shelf_id", "entity:volume", "field")
    assert field.span.line == line_of(SCHEMA, "shelf_id INT")


def test_comment_right_above_create_table_is_in_its_extent() -> None:
    shelves = merged(SCHEMA)["entity:shelf"]
    assert shelves.extent == (line_of(SCHEMA, "-- Requirements"), line_of(SCHEMA, ");"))
    assert shelves.span.line == line_of(SCHEMA, 'CREATE TABLE IF NOT EXISTS public."Shelves"')
    assert shelves.section == "Design > Data Model"


def test_unreadable_sql_statement_is_a_note_and_the_rest_is_kept() -> None:
    text = """# Design

```sql
CREATE TABLE good (id INT PRIMARY KEY);

CREATE TABLE broken (
    id INT PRIMARY KEY,
    total NUMERIC(10,
);
```
"""
    result = parse(text)
    assert {i.id for i in result.items if i.kind == ItemKind.ENTITY} == {
        "entity:good",
        "entity:broken",
    }
    assert "field:broken.total" in {i.id for i in result.items}
    (finding,) = result.findings
    assert finding.code == "ST503"
    assert finding.severity.value == "note"
    assert finding.span.line == line_of(text, "CREATE TABLE broken")
    assert finding.subject == "design.md: CREATE TABLE broken ("


def test_data_model_headings_name_entities_with_their_fields() -> None:
    text = """# Design

## Data Models

### 1. Borrower Model

| Field | Type | Notes |
|-------|------|-------|
| `id` | uuid | primary key |
| `branch_id` | uuid | FK → branches.id |

### Entity: Branch

- `name`: text
- **city**: text

### `LateFee`

Charged per day.

### Reader Entity (PostgreSQL)

### 借书记录表 (loan_records)

### Migration Strategy

Add the tables in one migration.
"""
    found = merged(text)
    assert ids(text, ItemKind.ENTITY) == [
        "entity:borrower",
        "entity:branch",
        "entity:late_fee",
        "entity:loan_record",
        "entity:reader",
    ]
    assert found["entity:borrower"].name == "Borrower"
    assert found["entity:late_fee"].name == "LateFee"
    assert found["entity:borrower"].uses == ("branches",)
    assert set(ids(text, ItemKind.FIELD)) == {
        "field:borrower.id",
        "field:borrower.branch_id",
        "field:branch.name",
        "field:branch.city",
    }
    assert found["field:branch.city"].parent == "entity:branch"
    borrower = found["entity:borrower"]
    assert borrower.extent == (line_of(text, "Borrower Model"), line_of(text, "branch_id"))


def test_bold_labels_under_an_entity_heading_say_what_their_list_holds() -> None:
    text = """# Data Model: Lending

## Entities

### 1. Copy

**Fields**:

| Column | Type |
|--------|------|
| `barcode` | text |

**Validation Rules**:
- Barcode: 12 digits

**Indexes**:
- shelf_id: for the shelf view
"""
    found = merged(text)
    assert ids(text, ItemKind.FIELD) == ["field:copy.barcode"]
    assert found["rule:barcode"].parent == "entity:copy"
    assert ids(text, ItemKind.RULE) == ["rule:barcode"]


def test_mermaid_er_diagram_entities_and_relationships() -> None:
    text = """# Design

## Data Model

```mermaid
erDiagram
    AUTHOR ||--o{ BOOK : writes
    BOOK {
        string isbn PK
        string title
    }
```
"""
    found = merged(text)
    assert found["entity:book"].uses == ("AUTHOR",)
    assert found["entity:author"].uses == ()
    assert set(ids(text, ItemKind.FIELD)) == {"field:book.isbn", "field:book.title"}
    assert len(found["entity:book"].locations) == 2


def test_prisma_models_and_relations() -> None:
    text = """# Design

```prisma
/// A loan of one copy
model Loan {
  id       String @id
  copyId   String
  copy     Copy   @relation(fields: [copyId], references: [id])
}

enum LoanState {
  OPEN
  CLOSED
}
```
"""
    found = merged(text)
    loan = found["entity:loan"]
    assert loan.uses == ("Copy",)
    assert loan.extent[0] == line_of(text, "/// A loan")
    assert found["interface:loan_state"].kind == ItemKind.INTERFACE
    assert "field:loan.copy_id" in found


def test_relationship_bullets_name_entities_and_foreign_key_direction() -> None:
    text = """# Design

### Entity Relationships

- **Author** has many **Book**
- **Book** belongs to **Shelf**
"""
    found = items(text)
    uses = {(i.name, i.uses) for i in found}
    assert ("Book", ("Author",)) in uses
    assert ("Author", ()) in uses
    assert ("Book", ("Shelf",)) in uses
    assert {i.kind for i in found} == {ItemKind.ENTITY}


def test_bold_names_over_field_bullets_in_a_data_model_section() -> None:
    text = """# Design

## Database Schema

**Member**
- id: UUID (primary key)
- email: String (unique)

**Visit**
- memberId: UUID (foreign key to Member)
"""
    found = merged(text)
    assert ids(text, ItemKind.ENTITY) == ["entity:member", "entity:visit"]
    assert found["field:visit.member_id"].parent == "entity:visit"
    assert found["entity:member"].extent == (line_of(text, "**Member**"), line_of(text, "email"))


def test_django_and_sqlalchemy_models_are_entities() -> None:
    text = """# Design

```python
from django.db import models

class Ticket(models.Model):
    title = models.CharField(max_length=80)
    desk = models.ForeignKey("helpdesk.Desk", on_delete=models.CASCADE)

class Note(Base):
    __tablename__ = "notes"
    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id"))
```
"""
    found = merged(text)
    assert found["entity:ticket"].uses == ("Desk",)
    assert found["entity:note"].name == "notes"
    assert found["entity:note"].uses == ("tickets",)
    assert "field:note.ticket_id" in found


# -- interfaces ---------------------------------------------------------------------------------


def test_typescript_declarations_are_interfaces_with_leading_comments() -> None:
    text = """# Design

## Interfaces

```typescript
/**
 * What a search returns.
 */
export interface SearchResult {
  hits: number;
}

export type Cursor = { after: string };
type Mode = "a" | "b";
export enum Order { Asc, Desc }
export class Searcher {}
```
"""
    found = merged(text)
    assert ids(text, ItemKind.INTERFACE) == [
        "interface:cursor",
        "interface:order",
        "interface:search_result",
        "interface:searcher",
    ]
    result = found["interface:search_result"]
    assert result.extent == (line_of(text, "/**"), line_of(text, "hits: number") + 1)
    assert result.span.line == line_of(text, "export interface SearchResult")
    assert "hits" in result.text


def test_python_java_csharp_and_kotlin_classes() -> None:
    text = """# Design

```python
@dataclass
class Receipt:
    total: int

class ReceiptIn(BaseModel):
    total: int
```

```java
public class Invoice {
    private long id;
}
```

```csharp
public record Payment(decimal Amount);
```

```kotlin
data class Refund(val amount: Long)
```
"""
    assert ids(text, ItemKind.INTERFACE) == [
        "interface:invoice",
        "interface:payment",
        "interface:receipt",
        "interface:receipt_in",
        "interface:refund",
    ]
    receipt = merged(text)["interface:receipt"]
    assert receipt.extent[0] == line_of(text, "@dataclass")


def test_python_that_does_not_parse_is_a_note() -> None:
    text = """# Design

```python
class Broken(
    total: int (required)
```
"""
    result = parse(text)
    assert [f.code for f in result.findings] == ["ST503"]
    assert not [i for i in result.items if i.kind == ItemKind.INTERFACE]


def test_python_signatures_without_bodies_still_give_their_class() -> None:
    text = """# Design

```python
class Mailer:
    def send(self, to: str) -> bool
```
"""
    result = parse(text)
    assert [i.id for i in result.items] == ["interface:mailer"]
    assert result.findings == ()


# -- endpoints ----------------------------------------------------------------------------------


def test_endpoints_in_bullets_headings_tables_and_code() -> None:
    text = """# Design

## API

### `DELETE /api/shelves/{id}`

Removes an empty shelf.

### Other routes

- `POST /api/shelves` - create a shelf
- **GET /api/shelves?page=2** - list shelves

| Method | Path | Purpose |
|--------|------|---------|
| PUT | `/api/shelves/:id/` | rename |

```text
PATCH /api/shelves/<id>   // move a shelf
GET   https://example.org/api/health
```

```python
@router.get("/api/readers/{reader_id}")
def reader(reader_id: int) -> Reader: ...
```
"""
    assert ids(text, ItemKind.ENDPOINT) == [
        "endpoint:DELETE /api/shelves/{}",
        "endpoint:GET /api/health",
        "endpoint:GET /api/readers/{}",
        "endpoint:GET /api/shelves",
        "endpoint:PATCH /api/shelves/{}",
        "endpoint:POST /api/shelves",
        "endpoint:PUT /api/shelves/{}",
    ]
    found = merged(text)
    assert found["endpoint:PUT /api/shelves/{}"].name == "PUT /api/shelves/:id"
    heading = found["endpoint:DELETE /api/shelves/{}"]
    assert heading.extent == (line_of(text, "### `DELETE"), line_of(text, "Removes an empty"))


def test_one_endpoint_written_several_ways_is_one_item_named_as_first_written() -> None:
    text = """# Design

- `GET /api/books/{bookId}` - one book
- `GET /api/books/:id` - the same, Express style
- `GET /api/books/[id]/` - the same, Next style
"""
    (book,) = merge_items(items(text))
    assert book.name == "GET /api/books/{bookId}"
    assert [span.line for span in book.locations] == [3, 4, 5]


def test_prose_that_mentions_an_endpoint_defines_none() -> None:
    text = """# Design

The service adds `GET /api/fines` for members.

## Overview

The client calls GET /api/books and then `POST /api/loans` to borrow.

- Test that GET /api/books returns every book

## Decisions

### D1: A page for librarians

The page lists copies from `GET /api/copies` (new, librarians only).
"""
    assert ids(text, ItemKind.ENDPOINT) == ["endpoint:GET /api/copies"]


def test_bold_endpoint_paragraph_owns_the_bullets_under_it() -> None:
    text = """# Design

## Routes

**POST /api/loans**
- Body: the copy to borrow
- Returns the loan

**GET /api/loans**
- Lists open loans
"""
    found = merged(text)
    assert found["endpoint:POST /api/loans"].extent == (
        line_of(text, "**POST"),
        line_of(text, "Returns the loan"),
    )
    assert found["endpoint:GET /api/loans"].extent[1] == line_of(text, "Lists open loans")


def test_sequence_diagram_calls_are_endpoints() -> None:
    text = """# Design

```mermaid
sequenceDiagram
    UI->>API: POST /api/loans {copyId}
    API-->>UI: 201 Created
```
"""
    assert ids(text, ItemKind.ENDPOINT) == ["endpoint:POST /api/loans"]


# -- components ---------------------------------------------------------------------------------


def test_components_are_the_headings_under_a_components_section() -> None:
    text = """# Design

## Components and Interfaces

### 1. `CatalogService`

Looks books up.

- `GET /api/catalog` - search the catalogue

### 2. 借阅控制器 (LoanController)

Handles loans.

## Error Handling

### Timeout Service Errors

Retries twice.
"""
    found = merged(text)
    assert ids(text, ItemKind.COMPONENT) == [
        "component:catalog_service",
        "component:loan_controller",
    ]
    assert found["component:catalog_service"].name == "CatalogService"
    assert found["component:loan_controller"].name == "LoanController"
    assert found["endpoint:GET /api/catalog"].parent == "component:catalog_service"
    catalog = found["component:catalog_service"]
    assert catalog.extent == (line_of(text, "### 1."), line_of(text, "search the catalogue"))


def test_a_component_heading_with_facet_sub_headings_stays_one_component() -> None:
    text = """# Design

## Components

### LoanService

#### Responsibilities

- lends copies

#### Interface

```ts
interface LoanService { lend(copyId: string): Loan }
```
"""
    found = merged(text)
    assert ids(text, ItemKind.COMPONENT) == ["component:loan_service"]
    assert found["interface:loan_service"].parent == "component:loan_service"
    assert found["component:loan_service"].extent[1] == line_of(text, "interface LoanService") + 1


def test_group_headings_and_bold_names_in_component_sections() -> None:
    text = """# Design

## Components

### Backend Layer

#### ReminderJob

Runs nightly.

### UI Components

- **ShelfGrid.vue**: the grid of shelves
- **Purpose**: shows the catalogue

### Services

**AuditService**
- writes the audit trail

**MailService**
- sends reminders
"""
    found = merged(text)
    assert ids(text, ItemKind.COMPONENT) == [
        "component:audit_service",
        "component:mail_service",
        "component:reminder_job",
        "component:shelf_grid_vue",
    ]
    audit = found["component:audit_service"]
    assert audit.extent == (line_of(text, "**AuditService**"), line_of(text, "audit trail"))


# -- rules --------------------------------------------------------------------------------------


def test_validation_bullets_and_rows_are_rules_a_named_schema_is_one_item() -> None:
    text = """# Design

## Validation Rules

- `email`: a valid address
- **age**: 18 or more
- Titles are trimmed before saving, always

| Field | Rule |
|-------|------|
| `isbn` | 13 digits |

```typescript
export const loanSchema = z.object({
  copyId: z.string().uuid(),
  days: z.number().int().max(30),
});
```
"""
    assert ids(text, ItemKind.RULE) == [
        "rule:age",
        "rule:email",
        "rule:isbn",
        "rule:titles_are_trimmed_before_saving",
    ]
    # A named schema is one item; its fields are parts of it (named in its words), not rules.
    schema = merged(text)["interface:loan_schema"]
    assert schema.name == "loanSchema"
    assert "copyId" in schema.text and "days" in schema.text


def test_json_schema_properties_under_a_validation_heading_are_rules() -> None:
    text = """# Design

### Request Validation

```json
{
  "type": "object",
  "properties": {
    "copyId": {
      "type": "string"
    },
    "days": { "type": "integer", "maximum": 30 }
  }
}
```
"""
    found = merged(text)
    assert ids(text, ItemKind.RULE) == ["rule:copy_id", "rule:day"]
    assert found["rule:copy_id"].span.line == line_of(text, '"copyId"')


def test_a_bold_label_in_a_validation_section_is_one_rule_with_its_bullets() -> None:
    text = """# Design

### Business Rules

**Renewal**:
- at most twice
- not when reserved

**Fine cap**:
- never above the book's price
"""
    found = merged(text)
    assert ids(text, ItemKind.RULE) == ["rule:fine_cap", "rule:renewal"]
    assert found["rule:renewal"].extent == (line_of(text, "**Renewal**"), line_of(text, "reserved"))


def test_bullets_outside_validation_sections_are_not_rules() -> None:
    text = """# Design

## Notes

- `email`: stored lower case
"""
    assert ids(text, ItemKind.RULE) == []


# -- properties ---------------------------------------------------------------------------------


def test_properties_as_headings_bold_paragraphs_and_localised() -> None:
    text = """# Design

## Correctness Properties

### Property 1: Loans never exceed copies

*For any* book, open loans stay within its copies.

**Property 2: Returned loans close**
*For any* loan, returning it closes it.
**Validates: Requirements 2.1**

**Property 3: Fines are positive**
*For any* fine, the amount is above zero.

### 属性 4: 往返一致

归还后状态一致。
"""
    found = merged(text)
    assert ids(text, ItemKind.PROPERTY) == [
        "property:property_1",
        "property:property_2",
        "property:property_3",
        "property:属性_4",
    ]
    first = found["property:property_1"]
    assert first.name == "Property 1"
    assert first.text.startswith("Loans never exceed copies")
    assert first.extent == (line_of(text, "### Property 1"), line_of(text, "open loans stay"))
    second = found["property:property_2"]
    assert second.extent == (line_of(text, "**Property 2"), line_of(text, "**Validates"))
    assert found["property:属性_4"].name == "属性 4"


def test_property_mentioned_in_a_sentence_is_no_item() -> None:
    text = """# Design

## Correctness Properties

- Property 7.2 is redundant with Property 1.2, so it was dropped.
"""
    assert ids(text, ItemKind.PROPERTY) == []


# -- cross-cutting, suppressions, sections ------------------------------------------------------


def test_items_under_cross_cutting_headings_are_kept_and_flagged() -> None:
    text = """# Design

## Architecture

### Layers

- `GET /api/health` - liveness probe

## API

- `GET /api/books` - list books

## 테스트 전략

- `GET /api/test-reset` - resets the data

## Technical Context

- `GET /api/version` - build number
"""
    found = merged(text)
    assert found["endpoint:GET /api/health"].cross_cutting
    assert not found["endpoint:GET /api/books"].cross_cutting
    assert found["endpoint:GET /api/test-reset"].cross_cutting
    assert found["endpoint:GET /api/version"].cross_cutting


def test_cross_cutting_titles() -> None:
    for title in (
        "Architecture",
        "High-Level Architecture",
        "Error Handling",
        "Security Considerations",
        "Testing Strategy",
        "Tech Stack",
        "Project Structure",
        "Constitution Check",
        "アーキテクチャ",
        "エラーハンドリング",
        "测试策略",
        "错误处理",
        "Tratamento de Erros",
        "6. Deployment",
    ):
        assert is_cross_cutting(title), title
    for title in ("Security Service", "Data Models", "Components and Interfaces", "Loans"):
        assert not is_cross_cutting(title), title


def test_suppression_comment_before_or_on_the_item() -> None:
    text = """# Design

<!-- spectrace: ignore orphan -->
- `GET /api/metrics` - counters

- `GET /api/ping` - liveness <!-- spectrace: ignore orphan, endpoint-without-entity -->

- `GET /api/books` - list
"""
    found = merged(text)
    assert found["endpoint:GET /api/metrics"].suppressed == ("orphan",)
    assert found["endpoint:GET /api/ping"].suppressed == ("orphan", "endpoint-without-entity")
    assert found["endpoint:GET /api/books"].suppressed == ()


def test_items_come_in_document_order_with_their_section_path() -> None:
    text = """# Design

## API

### Books

- `GET /api/books` - list

## Components

### Indexer

Builds the index.
"""
    found = items(text)
    assert [i.id for i in found] == ["endpoint:GET /api/books", "component:indexer"]
    assert found[0].section == "Design > API > Books"
    assert found[0].span == Span(file="design.md", line=7, end_line=7)
    assert found[0].refs == () and found[0].inherited == () and found[0].locations == ()


# -- merge --------------------------------------------------------------------------------------


def _item(line: int, **extra: object) -> DesignItem:
    values: dict[str, object] = {
        "id": "entity:book",
        "kind": ItemKind.ENTITY,
        "name": "books",
        "span": Span(file="design.md", line=line),
    }
    values.update(extra)
    return DesignItem(**values)  # type: ignore[arg-type]


def test_merge_keeps_the_first_occurrence_and_unites_the_rest() -> None:
    first = _item(10, uses=("authors",), text="books table", section="Design > Schema")
    second = _item(
        40,
        name="Book",
        uses=("shelves", "authors"),
        text="Book has many Loan",
        suppressed=("orphan",),
        parent="component:catalog",
    )
    other = _item(5, id="entity:author", name="authors")
    (author, book) = merge_items([first, other, second])
    assert author.id == "entity:author"
    assert book.name == "books"
    assert book.section == "Design > Schema"
    assert book.span.line == 10
    assert [s.line for s in book.locations] == [10, 40]
    assert book.uses == ("authors", "shelves")
    assert book.suppressed == ("orphan",)
    assert book.text == "books table Book has many Loan"
    assert book.parent == "component:catalog"


def test_merge_is_cross_cutting_only_when_every_occurrence_is() -> None:
    some = merge_items([_item(1, cross_cutting=True), _item(2, cross_cutting=False)])
    every = merge_items([_item(1, cross_cutting=True), _item(2, cross_cutting=True)])
    assert not some[0].cross_cutting
    assert every[0].cross_cutting


def test_names_are_compared_without_case_separators_or_plural() -> None:
    text = """# Design

```sql
CREATE TABLE reading_lists (id INT PRIMARY KEY);
```

### Entity Relationships

- **ReadingList** has many **Entry**

```mermaid
erDiagram
    READING_LIST {
        int id
    }
```
"""
    (reading_list,) = [i for i in merge_items(items(text)) if i.id == "entity:reading_list"]
    assert reading_list.name == "reading_lists"
    assert len(reading_list.locations) == 3
