"""Deterministic generator of large, realistic specs for benchmarks.

    python benchmarks/generate.py OUT_DIR --requirements 5000 [--specs 1] [--seed 7]

Each spec is a Kiro-style folder: requirements.md with N requirements of 3 to 5 EARS criteria,
and design.md with SQL tables, endpoints in bullets, code blocks and tables, validation rules,
components and correctness properties, explicit references on most items, about 5% of the
requirements left uncovered and 5% partly covered (gaps), and about 5% of the items referencing
nothing (orphans).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

NOUNS = (
    "account",
    "order",
    "invoice",
    "payment",
    "refund",
    "customer",
    "product",
    "category",
    "review",
    "shipment",
    "warehouse",
    "supplier",
    "coupon",
    "cart",
    "wishlist",
    "ticket",
    "message",
    "notification",
    "report",
    "session",
    "device",
    "subscription",
    "plan",
    "team",
    "project",
    "task",
    "comment",
    "attachment",
    "label",
    "budget",
    "expense",
    "receipt",
)
VERBS = (
    ("create", "POST"),
    ("list", "GET"),
    ("view", "GET"),
    ("update", "PUT"),
    ("delete", "DELETE"),
    ("search", "GET"),
    ("archive", "POST"),
    ("export", "GET"),
    ("approve", "POST"),
)
#: Words a module's subject is built from, so that a large spec has the vocabulary of a real
#: one (thousands of distinct words), not a few dozen repeated ten thousand times.
KINDS = (
    "recurring", "shared", "draft", "bulk", "scheduled", "regional", "archived", "pending",
    "external", "internal", "priority", "seasonal", "trial", "corporate", "personal", "mobile",
)  # fmt: skip
FIELDS = (
    "title", "amount", "currency", "due_date", "owner", "status", "priority", "region",
    "quantity", "discount", "tax_rate", "email", "phone", "address", "postcode", "notes",
    "rating", "weight", "colour", "size", "deadline", "budget_code", "reference", "version",
)  # fmt: skip
SYLLABLES = (
    "ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "bri", "ost", "fel", "gar", "mun",
    "pel", "quo", "ris", "tan", "ul", "wen", "zar", "hal", "cor", "nim", "bex",
)  # fmt: skip
QUALIFIERS = (
    "within two seconds",
    "with a clear message",
    "for the signed-in user",
    "in pages of 20",
    "sorted by date",
    "and record an audit entry",
    "once per day",
    "unless it is locked",
)
ROLES = ("member", "administrator", "clerk", "manager", "guest", "auditor")


@dataclass(frozen=True)
class Module:
    """One feature area: five requirements and the design items that serve them."""

    brand: str
    """A made-up product word, distinct per module (as real specs name their features)."""
    kind: str
    noun: str
    fields: tuple[str, ...]
    numbers: tuple[int, ...]

    @property
    def subject(self) -> str:
        return f"{self.brand} {self.kind} {self.noun}"

    @property
    def table(self) -> str:
        return f"{self.brand}_{self.kind}_{self.noun}"


def _brand(rng: random.Random, taken: set[str]) -> str:
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        if word not in taken:
            taken.add(word)
            return word


def requirement_text(rng: random.Random, number: int, module: Module) -> list[str]:
    """One Kiro requirement with its user story and 3-5 EARS criteria."""
    role = rng.choice(ROLES)
    noun = module.noun
    subject = module.subject
    lines = [
        f"### Requirement {number}: {subject.title()} {rng.choice(VERBS)[0]} ({number})",
        "",
        f"**User Story:** As a {role}, I want to manage {subject} records and their "
        f"{', '.join(module.fields[:2]).replace('_', ' ')}, so that the {noun} data stays "
        f"correct for everyone who relies on it.",
        "",
        "#### Acceptance Criteria",
        "",
    ]
    for index in range(rng.randint(3, 5)):
        verb, _method = rng.choice(VERBS)
        qualifier = rng.choice(QUALIFIERS)
        field = rng.choice(module.fields).replace("_", " ")
        form = index % 4
        if form == 0:
            sentence = (
                f"WHEN a {role} asks to {verb} a {subject} THEN the system SHALL {verb} the "
                f"{noun} {qualifier} and show its {field}"
            )
        elif form == 1:
            sentence = (
                f"IF the {field} of a {subject} is missing or invalid THEN the system SHALL "
                f"refuse to {verb} it and name the {field} in the message"
            )
        elif form == 2:
            sentence = (
                f"WHILE a {subject} is open the system SHALL allow the {role} to {verb} it "
                f"and change its {field}"
            )
        else:
            sentence = (
                f"The system SHALL keep the history of every {subject} {qualifier}, "
                f"including each change of its {field}"
            )
        lines.append(f"{index + 1}. {sentence}")
    lines.append("")
    return lines


def generate(requirements: int, seed: int) -> tuple[str, str]:
    """(requirements.md, design.md) of one spec."""
    rng = random.Random(seed)
    req_lines = [
        "# Requirements Document",
        "",
        "## Introduction",
        "",
        "A generated system for benchmarking spectrace.",
        "",
        "## Requirements",
        "",
    ]
    design: list[str] = [
        "# Design Document",
        "",
        "## Overview",
        "",
        "A generated design: one module per group of requirements.",
        "",
    ]
    taken: set[str] = set()
    modules = [
        Module(
            brand=_brand(rng, taken),
            kind=rng.choice(KINDS),
            noun=rng.choice(NOUNS),
            fields=tuple(rng.sample(FIELDS, 4)),
            numbers=tuple(range(start, min(start + 5, requirements + 1))),
        )
        for start in range(1, requirements + 1, 5)
    ]
    criteria_counts: dict[int, int] = {}
    for module in modules:
        for number in module.numbers:
            block = requirement_text(rng, number, module)
            criteria_counts[number] = sum(1 for line in block if line[:1].isdigit())
            req_lines.extend(block)
    for module in modules:
        design.extend(_module(rng, module, criteria_counts))
    design.extend(
        [
            "## Error Handling",
            "",
            "- 400 for invalid input",
            "- 404 for an unknown record",
            "",
        ]
    )
    return "\n".join(req_lines) + "\n", "\n".join(design) + "\n"


def _refs(rng: random.Random, numbers: Sequence[int], counts: dict[int, int]) -> str:
    """A few criterion ids of the module's requirements (about 5% of requirements: none)."""
    chosen = []
    for number in numbers:
        if number % 20 == 7:
            continue  # a gap: this requirement is never referenced
        chosen.append(f"{number}.{rng.randint(1, counts[number])}")
    return ", ".join(chosen)


def _criteria(number: int, counts: dict[int, int]) -> str:
    """All criteria of a requirement as a range; about 5% of requirements: the first only
    (partly covered)."""
    if number % 20 == 13:
        return f"{number}.1"
    return f"{number}.1-{number}.{counts[number]}"


def _module(rng: random.Random, module: Module, counts: dict[int, int]) -> list[str]:
    numbers = module.numbers
    table = module.table
    refs = _refs(rng, numbers, counts) or str(numbers[0])
    orphan = rng.random() < 0.35  # with the unreferenced rules: about 5% of the items
    columns = [f"    {field} VARCHAR(200)," for field in module.fields]
    lines = [
        f"## Module {module.subject.title()}",
        "",
        f"The {module.subject} module stores each {module.noun} with its "
        f"{', '.join(module.fields).replace('_', ' ')}, and answers the requests below. "
        f"Changes are written in one transaction and every change is kept in the history.",
        "",
        "```sql",
        f"-- Requirements: {refs}",
        f"CREATE TABLE {table} (",
        "    id SERIAL PRIMARY KEY,",
        *columns,
        "    status VARCHAR(20) NOT NULL,",
        "    created_at TIMESTAMP NOT NULL",
        ");",
        "```",
        "",
        "### Endpoints",
        "",
    ]
    for number in numbers:
        verb, method = rng.choice(VERBS)
        ref = "" if number % 20 == 7 else f" (Requirements: {_criteria(number, counts)})"
        lines.append(
            f"- `{method} /api/{table}/{verb}-{number}` - {verb} a {module.noun} record{ref}"
        )
    lines += [
        "",
        "| Method | Path | Requirements |",
        "|--------|------|--------------|",
    ]
    for number in numbers:
        if number % 20 == 7:
            continue
        lines.append(f"| GET | /api/{table}/{number}/history | {number}.{counts[number]} |")
    record = module.table.title().replace("_", "")
    lines += [
        "",
        "```ts",
        f"// Implements Requirement {numbers[0]}",
        f"export interface {record}Record {{",
        "  id: number;",
        *[f"  {field}: string;" for field in module.fields],
        "}",
        "```",
        "",
        "### Validation Rules",
        "",
        f"- `{module.fields[0]}`: 1 to 200 characters (Requirements: {refs})",
        "- `status`: one of open, closed",
        "",
        f"### Property {numbers[0]}: {module.subject} {module.fields[0]} is never empty",
        "",
        f"*For any* {module.subject} record, its {module.fields[0].replace('_', ' ')} has at "
        f"least one character.",
        "",
        f"**Validates: Requirements {numbers[0]}.1**",
        "",
    ]
    if orphan:
        lines += [f"- `GET /api/{table}/internal-stats` - counters nobody asked for", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write the spec folders."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--requirements", type=int, default=500)
    parser.add_argument("--specs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for index in range(args.specs):
        folder = args.out if args.specs == 1 else args.out / f"spec-{index:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        requirements, design = generate(args.requirements, args.seed + index)
        (folder / "requirements.md").write_text(requirements, encoding="utf-8")
        (folder / "design.md").write_text(design, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
