"""Requirements documents through ``parse_requirements``: every form of the model, section 2."""

from __future__ import annotations

from pathlib import Path

from spectrace.model import Ears, Kind, Requirement, Story
from spectrace.parse.markdown import parse_markdown
from spectrace.parse.requirements.reader import RequirementsParse, parse_requirements

CASES = Path(__file__).resolve().parent / "cases" / "requirements"


def parse(text: str) -> RequirementsParse:
    return parse_requirements(parse_markdown(text, "docs/requirements.md"))


def by_id(text: str) -> dict[str, Requirement]:
    return {r.id: r for r in parse(text).requirements}


def criteria(requirement: Requirement) -> list[tuple[str, str]]:
    return [(c.id, c.text) for c in requirement.criteria]


KIRO = """# Requirements Document

## Introduction

A parking garage sells tickets at the gate.

## Requirements

### Requirement 1: Ticket sales

**User Story:** As a driver, I want to buy a ticket at the gate, so that I can park.

#### Acceptance Criteria

1. WHEN a driver pays THEN the Gate SHALL print a ticket
1. IF the payment fails THEN the Gate SHALL keep the barrier closed
1. WHILE the garage is full the Gate SHALL show a red light

### Requirement 2

**User Story:** As an attendant, I want to see today's takings, so that I can close the till.

#### Acceptance Criteria

3. THE Gate SHALL total the takings of the day
4. WHERE a printer is attached, THE Gate SHALL print the total

### Requirement 5A: Refunds

#### Acceptance Criteria

1. WHEN an attendant refunds a ticket THEN the Gate SHALL void it
"""


def test_kiro_requirements_number_their_criteria_by_position() -> None:
    found = by_id(KIRO)
    assert list(found) == ["1", "2", "5A"]
    sales = found["1"]
    assert sales.title == "Ticket sales"
    assert sales.story == Story(
        role="driver", want="buy a ticket at the gate", benefit="I can park"
    )
    assert sales.text.startswith("As a driver, I want to buy a ticket")
    assert criteria(sales) == [
        ("1.1", "WHEN a driver pays THEN the Gate SHALL print a ticket"),
        ("1.2", "IF the payment fails THEN the Gate SHALL keep the barrier closed"),
        ("1.3", "WHILE the garage is full the Gate SHALL show a red light"),
    ]
    assert [c.ears for c in sales.criteria] == [Ears.EVENT, Ears.UNWANTED, Ears.STATE]
    assert all(c.requirement_id == "1" for c in sales.criteria)
    # Markers 3. and 4. do not matter: the position in the list does.
    assert [c.id for c in found["2"].criteria] == ["2.1", "2.2"]
    assert [c.id for c in found["5A"].criteria] == ["5A.1"]
    assert found["1"].kind == Kind.FUNCTIONAL


def test_kiro_spans_run_from_the_heading_to_the_last_line_of_content() -> None:
    found = by_id(KIRO)
    sales = found["1"]
    assert (sales.span.file, sales.span.line, sales.span.end_line) == (
        "docs/requirements.md",
        9,
        17,
    )
    first = sales.criteria[0]
    assert (first.span.line, first.span.end_line) == (15, 15)
    assert found["2"].span.line == 19
    assert found["2"].span.end_line == 26


def test_untitled_requirement_takes_its_title_from_the_story() -> None:
    assert by_id(KIRO)["2"].title == "see today's takings"


def test_several_lists_continue_the_count_and_nested_bullets_stay_in_their_item() -> None:
    text = """### Requirement 4: Accounts

#### Acceptance Criteria

**Sign in**:

1. The portal SHALL ask for an email and a password
   - the email is case-insensitive
   - the password is never shown

2. The portal SHALL lock an account after five failures

**Sign out**:

1. The portal SHALL forget the session
"""
    (accounts,) = parse(text).requirements
    assert criteria(accounts) == [
        (
            "4.1",
            "The portal SHALL ask for an email and a password the email is case-insensitive "
            "the password is never shown",
        ),
        ("4.2", "The portal SHALL lock an account after five failures"),
        ("4.3", "The portal SHALL forget the session"),
    ]
    assert (accounts.criteria[0].span.line, accounts.criteria[0].span.end_line) == (7, 9)


def test_numbered_list_right_under_a_requirement_without_criteria_heading() -> None:
    text = """### Requirement 7: Exports

1. THE Portal SHALL export invoices as CSV
2. THE Portal SHALL name the file after the month

- Note: exports are rare.
"""
    (exports,) = parse(text).requirements
    assert [c.id for c in exports.criteria] == ["7.1", "7.2"]
    assert exports.span.end_line == 6


def test_criteria_heading_at_the_same_level_still_belongs_to_the_requirement() -> None:
    text = """### Requirement 1: Login

### Acceptance Criteria

1. WHEN a user signs in THEN the app SHALL open the home page

### Requirement 2: Logout

1. WHEN a user signs out THEN the app SHALL close the session
"""
    found = by_id(text)
    assert [c.id for c in found["1"].criteria] == ["1.1"]
    assert [c.id for c in found["2"].criteria] == ["2.1"]


def test_paragraph_criteria_under_a_criteria_heading() -> None:
    text = """### Requirement 3: Search

#### Acceptance Criteria

**WHEN** a shopper types a word
**THEN** the shop **SHALL** list matching products
**AND** the shop **SHALL** highlight the word

**WHEN** nothing matches
**THEN** the shop **SHALL** suggest a category
"""
    (search,) = parse(text).requirements
    assert criteria(search) == [
        (
            "3.1",
            "WHEN a shopper types a word THEN the shop SHALL list matching products AND the shop "
            "SHALL highlight the word",
        ),
        ("3.2", "WHEN nothing matches THEN the shop SHALL suggest a category"),
    ]
    assert search.criteria[0].ears == Ears.EVENT


def test_self_numbered_paragraphs_keep_their_numbers() -> None:
    text = """### Requirement 25: Reports

#### Acceptance Criteria

25.1. THE System SHALL count visits per day

25.2. THE System SHALL count visits per month
"""
    (reports,) = parse(text).requirements
    assert criteria(reports) == [
        ("25.1", "THE System SHALL count visits per day"),
        ("25.2", "THE System SHALL count visits per month"),
    ]


def test_localised_kiro_headings_stories_and_criteria_headings() -> None:
    text = (CASES / "localised.md").read_text(encoding="utf-8")
    found = by_id(text)
    assert list(found) == ["1", "2", "3", "4", "5"]
    zh, ja, pt, ko, vi = found.values()
    assert zh.story == Story(role="读者", want="预约图书", benefit="按时借到")
    assert [c.id for c in zh.criteria] == ["1.1", "1.2"]
    assert zh.criteria[0].ears == Ears.EVENT
    assert (ja.title, ja.aliases) == ("会員登録", ("REQ-2-1",))
    assert ja.story == Story(role="来店客", want="会員登録したい", benefit="ポイントを貯めるため")
    assert [c.ears for c in ja.criteria] == [Ears.EVENT, Ears.UNWANTED]
    assert pt.story == Story(role="cliente", want="cancelar o pedido", benefit="evitar cobrança")
    assert [c.id for c in pt.criteria] == ["3.1"]
    assert [c.id for c in ko.criteria] == ["4.1"]
    assert [c.id for c in vi.criteria] == ["5.1"]


def test_non_functional_sections_in_other_languages() -> None:
    text = """## 要件

### 要件1: 検索

1. システムは商品を検索できる

## 非機能要件

### 要件2: 応答時間

1. システムは1秒以内に応答する
"""
    found = by_id(text)
    assert (found["1"].kind, found["2"].kind) == (Kind.FUNCTIONAL, Kind.NON_FUNCTIONAL)


ID_HEADINGS = """# Booking

## Functional requirements

### REQ-001: Book a room

Guests book a room for one or more nights.

- [ ] AC-1.1 WHEN a guest picks free dates THEN the site SHALL hold the room
- [x] AC-1.2 IF the dates are taken THEN the site SHALL offer other rooms

### FR-2: Cancel a booking

- Guests can cancel up to a day before arrival
- The site refunds the deposit
  - by the original payment method

#### R3 — Invoices

- R3.1 (Event-driven): When a stay ends, the site shall send an invoice.
- R3.2 (Ubiquitous): The site shall keep invoices for ten years.

### AC-4: 客房清洁

**描述**: 清洁人员查看待打扫的房间

**验收标准**:
- 支持按楼层筛选
- 支持标记为已打扫

### REQ-5 Loyalty

- **AC-5.1**: WHEN a guest stays ten nights THEN the site SHALL grant a free night

## Non-functional requirements

### NFR-1: Speed
- Pages load within two seconds
"""


def test_id_headings_with_explicit_and_derived_criteria() -> None:
    found = by_id(ID_HEADINGS)
    assert list(found) == ["REQ-001", "FR-2", "R3", "AC-4", "REQ-5", "NFR-1"]
    book = found["REQ-001"]
    assert (book.title, book.text) == ("Book a room", "Guests book a room for one or more nights.")
    assert criteria(book) == [
        ("AC-1.1", "WHEN a guest picks free dates THEN the site SHALL hold the room"),
        ("AC-1.2", "IF the dates are taken THEN the site SHALL offer other rooms"),
    ]
    cancel = found["FR-2"]
    assert criteria(cancel) == [
        ("FR-2.1", "Guests can cancel up to a day before arrival"),
        ("FR-2.2", "The site refunds the deposit by the original payment method"),
    ]
    invoices = found["R3"]
    assert invoices.title == "Invoices"
    assert [c.id for c in invoices.criteria] == ["R3.1", "R3.2"]
    assert [c.ears for c in invoices.criteria] == [Ears.EVENT, Ears.UBIQUITOUS]
    assert invoices.criteria[0].text.startswith("(Event-driven): When a stay ends")
    cleaning = found["AC-4"]
    assert (cleaning.title, cleaning.text) == ("客房清洁", "清洁人员查看待打扫的房间")
    assert [c.id for c in cleaning.criteria] == ["AC-4.1", "AC-4.2"]
    assert criteria(found["REQ-5"])[0][0] == "AC-5.1"
    assert found["NFR-1"].kind == Kind.NON_FUNCTIONAL
    assert [c.id for c in found["NFR-1"].criteria] == ["NFR-1.1"]
    assert found["REQ-001"].kind == Kind.FUNCTIONAL


def test_id_headings_end_where_the_next_requirement_starts() -> None:
    found = by_id(ID_HEADINGS)
    # FR-2's section holds the R3 heading one level down: FR-2 stops before it.
    assert (found["FR-2"].span.line, found["FR-2"].span.end_line) == (12, 16)
    assert found["R3"].span.line == 18


SPEC_KIT = """# Feature Specification: Parcel lockers

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Collect a parcel (Priority: P1)

A resident opens a locker with the code from a text message.

**Why this priority**: Collecting is the point of the lockers.

**Acceptance Scenarios**:

1. **Given** a parcel in locker 4, **When** the resident types the code, **Then** locker 4 opens.
2. **Given** a wrong code, **When** it is typed three times, **Then** the keypad locks.

---

### User Story 2 — Return a parcel (Priority: P2)

A resident sends a parcel back.

**Acceptance Scenarios**:

1. **Given** a return label, **When** the resident scans it, **Then** a locker opens.

### Edge Cases

- What if two residents share a code? Each code opens one locker.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST send the code by text message when a parcel arrives.
- **FR-002**: Couriers MUST be able to open every locker with a master card.
  - The master card is logged on each use.
- **FR-002a** *(Nice to Have)*: System SHOULD remind residents after two days.
- FR-003: Lockers MUST stay closed during a power cut.

### Key Entities

- **Locker**: a numbered box with a door and a keypad
- **Parcel**: an item waiting in a locker

## Success Criteria *(mandatory)*

- **SC-001**: Residents collect 95% of parcels within three days.
"""


def test_spec_kit_user_stories_and_requirement_bullets() -> None:
    parsed = parse(SPEC_KIT)
    assert parsed.ids() == ("US1", "US2", "FR-001", "FR-002", "FR-002a", "FR-003", "SC-001")
    found = {r.id: r for r in parsed.requirements}
    collect = found["US1"]
    assert collect.title == "Collect a parcel"
    assert collect.aliases == ("User Story 1", "US-1")
    assert collect.text == "A resident opens a locker with the code from a text message."
    assert collect.story is None
    assert [c.id for c in collect.criteria] == ["US1.1", "US1.2"]
    assert collect.criteria[0].text == (
        "Given a parcel in locker 4, When the resident types the code, Then locker 4 opens."
    )
    assert {c.ears for c in collect.criteria} == {Ears.EVENT}
    assert found["US2"].title == "Return a parcel"
    assert [c.id for c in found["US2"].criteria] == ["US2.1"]
    assert (
        found["FR-001"].text == "System MUST send the code by text message when a parcel arrives."
    )
    assert found["FR-001"].criteria == ()
    assert found["FR-002"].text.endswith(
        "with a master card. The master card is logged on each use."
    )
    assert found["FR-002a"].text == "System SHOULD remind residents after two days."
    assert found["FR-003"].text == "Lockers MUST stay closed during a power cut."
    assert found["SC-001"].kind == Kind.NON_FUNCTIONAL
    assert found["FR-001"].kind == Kind.FUNCTIONAL
    assert (found["FR-002"].span.line, found["FR-002"].span.end_line) == (35, 36)


def test_bullet_requirement_titles_are_lead_phrases_or_first_words() -> None:
    text = """## Quality

- **QR-1**: Availability: the service is up 99.9% of a month.
- **QR-2**: The service must answer every request in under three hundred milliseconds.
"""
    found = by_id(text)
    assert found["QR-1"].title == "Availability"
    assert found["QR-2"].title == "The service must answer every request in under"


def test_story_headings_with_bold_story_markers() -> None:
    text = """## User Stories

### US-1: Team rooms
**As a** coach
**I want** a room for my team
**So that** I can reach everyone at once

**Acceptance Criteria:**
- Each team gets a room
- Coaches can pin messages

### US2: Direct messages

**Acceptance Criteria:**
- Any member can message any other member
"""
    found = by_id(text)
    rooms = found["US-1"]
    assert rooms.aliases == ("US1", "User Story 1")
    assert rooms.story == Story(
        role="coach", want="a room for my team", benefit="I can reach everyone at once"
    )
    assert [c.id for c in rooms.criteria] == ["US-1.1", "US-1.2"]
    assert found["US2"].aliases == ("US-2", "User Story 2")
    assert [c.id for c in found["US2"].criteria] == ["US2.1"]


OPENSPEC = """## ADDED Requirements

### Requirement: Member card
The system SHALL issue one card per member.

#### Scenario: Card is issued on sign-up
- **WHEN** a member signs up
- **THEN** a card with a unique number is created

#### Scenario: Lost card
- **WHEN** a member reports a card lost
- **THEN** the card is blocked

### Requirement: Card renewal
The system SHALL renew cards every year.
"""


def test_openspec_requirements_and_scenarios() -> None:
    found = by_id(OPENSPEC)
    assert list(found) == ["Member card", "Card renewal"]
    card = found["Member card"]
    assert (card.title, card.text) == ("Member card", "The system SHALL issue one card per member.")
    assert criteria(card) == [
        (
            "Member card.1",
            "Card is issued on sign-up WHEN a member signs up THEN a card with a unique number "
            "is created",
        ),
        ("Member card.2", "Lost card WHEN a member reports a card lost THEN the card is blocked"),
    ]
    assert card.criteria[0].ears == Ears.EVENT
    assert (card.criteria[1].span.line, card.criteria[1].span.end_line) == (10, 12)
    assert (card.span.line, card.span.end_line) == (3, 12)
    assert found["Card renewal"].criteria == ()


def test_bold_ids_opening_paragraphs_and_checklists() -> None:
    text = """# Loader

## 3. Requisitos Funcionais

**RF-T001**: Dado um arquivo válido, quando o sistema carrega, então os valores são lidos.

## 4. Requisitos de Segurança

**RS001**: Sistema MUST rejeitar caminhos absolutos.

**Implementação**:
```ts
validate(path)
```

## 9. Checklist de Aceitação

- [ ] **TA001**: Loader implementado como singleton
- [ ] Revisar a documentação
"""
    found = by_id(text)
    assert list(found) == ["RF-T001", "RS001", "TA001"]
    assert found["RS001"].kind == Kind.NON_FUNCTIONAL
    assert found["RF-T001"].kind == Kind.FUNCTIONAL
    assert found["TA001"].text == "Loader implementado como singleton"
    assert found["RS001"].span.end_line == found["RS001"].span.line


def test_tables_with_an_id_column() -> None:
    text = """## Requirements

| ID | Requirement | Priority |
|----|-------------|----------|
| **REQ-10** | Export the ledger as PDF | High |
| REQ-11 | Import bank statements | Low |
| note | not an id | - |

## Risks

| ID | Risk | Mitigation |
|----|------|------------|
| RK-1 | The bank changes its format | Tests |

## Open items

| ID | Question | Answer |
|----|----------|--------|
| Q-1 | Which banks? | Two |
"""
    parsed = parse(text)
    assert parsed.ids() == ("REQ-10", "REQ-11")
    ledger = parsed.requirements[0]
    assert (ledger.title, ledger.text) == (
        "Export the ledger as PDF",
        "Export the ledger as PDF High",
    )
    assert ledger.span.line == 5


def test_prose_lists_are_not_requirements() -> None:
    text = """# Requirements

## Introduction

This spec covers REQ-1 to REQ-3 of the roadmap.

## Glossary

- **Gate-1**: the north entrance
- **Till**: the cash box

## Scope

1. Selling tickets
2. Refunds

## Out of Scope

- **FR-9**: season passes (next year)

## Traceability

- R1-R3 -> design.md section "Gates"
- R4 -> tasks.md

## Notes

- UTF-8 everywhere
- ISO-8601: dates
- **Q1**: open question
"""
    assert parse(text).requirements == ()


def test_duplicates_are_kept_in_document_order() -> None:
    text = """### Requirement 1: A

1. THE app SHALL do a

### Requirement 1: B

1. THE app SHALL do b
"""
    parsed = parse(text)
    assert parsed.ids() == ("1", "1")
    assert [r.title for r in parsed.requirements] == ["A", "B"]
    assert parsed.duplicates() == ("1", "1.1")
    assert [c.id for c in parsed.criteria()] == ["1.1", "1.1"]


def test_heading_with_a_criterion_run_into_it_keeps_a_clean_title() -> None:
    text = """### Requirement 5: Assign volunteers1. THE API SHALL accept a volunteer
2. THE API SHALL refuse duplicates
"""
    (assign,) = parse(text).requirements
    assert assign.title == "Assign volunteers"
    assert [c.id for c in assign.criteria] == ["5.1"]


def test_empty_and_headless_documents() -> None:
    assert parse("").requirements == ()
    assert parse("Just a paragraph.\n\n- a bullet\n").requirements == ()


def test_a_large_document_reads_every_requirement() -> None:
    # Its speed is measured by benchmarks/run.py, never timed here.
    one = KIRO.split("## Requirements\n", 1)[1]
    text = "# Big\n\n## Requirements\n" + "".join(
        one.replace("Requirement 1:", f"Requirement {n}:")
        .replace("Requirement 2\n", f"Requirement {n}B\n")
        .replace("Requirement 5A", f"Requirement {n}C")
        for n in range(1, 1500)
    )
    parsed = parse_requirements(parse_markdown(text, "big.md"))
    assert len(parsed.requirements) == 3 * 1499
    assert sum(len(r.criteria) for r in parsed.requirements) == 6 * 1499


LETTERED = """# Requirements

### Requirement 4: Members

#### Acceptance Criteria

1. THE Club SHALL list its members
2. THE Club SHALL let an admin add a member
2a. WHEN an admin adds a member THEN the Club SHALL send a welcome note
2b. WHEN the note bounces THEN the Club SHALL flag the address
3. THE Club SHALL let an admin remove a member
"""


def test_lettered_criteria_folded_into_an_item_are_criteria_of_their_own() -> None:
    (requirement,) = parse(LETTERED).requirements
    assert [(c.id, c.span.line) for c in requirement.criteria] == [
        ("4.1", 7),
        ("4.2", 8),
        ("4.2a", 9),
        ("4.2b", 10),
        ("4.3", 11),
    ]
    assert requirement.criteria[1].text == "THE Club SHALL let an admin add a member"
    assert requirement.criteria[3].text.startswith("WHEN the note bounces")
