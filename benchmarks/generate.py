"""Deterministic generator of large, realistic specs for benchmarks.

    python benchmarks/generate.py OUT_DIR --requirements 5000 [--specs 1] [--seed 7]

Each spec is a Kiro-style folder: requirements.md with N requirements of 3 to 5 EARS criteria,
and design.md with SQL tables, endpoints in bullets, code blocks and tables, validation rules,
components and correctness properties, explicit references on most items, about 5% of the
requirements left uncovered (gaps) and about 5% of the items referencing nothing (orphans).
"""

from __future__ import annotations

import argparse
import random
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


def requirement_text(rng: random.Random, number: int, noun: str) -> list[str]:
    """One Kiro requirement with its user story and 3-5 EARS criteria."""
    role = rng.choice(ROLES)
    lines = [
        f"### Requirement {number}: Manage {noun} records ({number})",
        "",
        f"**User Story:** As a {role}, I want to manage {noun} records, so that the {noun} "
        f"data stays correct.",
        "",
        "#### Acceptance Criteria",
        "",
    ]
    for index in range(rng.randint(3, 5)):
        verb, _method = rng.choice(VERBS)
        qualifier = rng.choice(QUALIFIERS)
        form = index % 4
        if form == 0:
            sentence = (
                f"WHEN a {role} asks to {verb} a {noun} THEN the system SHALL {verb} the "
                f"{noun} {qualifier}"
            )
        elif form == 1:
            sentence = f"IF the {noun} is invalid THEN the system SHALL refuse to {verb} it"
        elif form == 2:
            sentence = f"WHILE a {noun} is open the system SHALL allow the {role} to {verb} it"
        else:
            sentence = f"The system SHALL keep the history of every {noun} {qualifier}"
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
    criteria_counts: dict[int, int] = {}
    for number in range(1, requirements + 1):
        noun = NOUNS[number % len(NOUNS)]
        block = requirement_text(rng, number, noun)
        criteria_counts[number] = sum(1 for line in block if line[:1].isdigit())
        req_lines.extend(block)
    group = 5
    for start in range(1, requirements + 1, group):
        numbers = list(range(start, min(start + group, requirements + 1)))
        module = f"{NOUNS[start % len(NOUNS)]}_{start}"
        design.extend(_module(rng, module, numbers, criteria_counts))
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


def _refs(rng: random.Random, numbers: list[int], counts: dict[int, int]) -> str:
    """A few criterion ids of the module's requirements (about 5% of requirements: none)."""
    chosen = []
    for number in numbers:
        if number % 20 == 7:
            continue  # a gap: this requirement is never referenced
        chosen.append(f"{number}.{rng.randint(1, counts[number])}")
    return ", ".join(chosen)


def _module(
    rng: random.Random, module: str, numbers: list[int], counts: dict[int, int]
) -> list[str]:
    table = module
    refs = _refs(rng, numbers, counts) or str(numbers[0])
    orphan = rng.random() < 0.05
    lines = [
        f"## Module {module}",
        "",
        "```sql",
        f"-- Requirements: {refs}",
        f"CREATE TABLE {table} (",
        "    id SERIAL PRIMARY KEY,",
        "    name VARCHAR(200) NOT NULL,",
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
        ref = "" if number % 20 == 7 else f" (Requirements: {number}.1)"
        lines.append(f"- `{method} /api/{table}/{verb}-{number}` - {verb} a record{ref}")
    lines += [
        "",
        "| Method | Path | Requirements |",
        "|--------|------|--------------|",
    ]
    for number in numbers:
        if number % 20 == 7:
            continue
        lines.append(f"| GET | /api/{table}/{number}/history | {number}.{counts[number]} |")
    lines += [
        "",
        "```ts",
        f"// Implements Requirement {numbers[0]}",
        f"export interface {module.title().replace('_', '')}Record {{",
        "  id: number;",
        "  name: string;",
        "}",
        "```",
        "",
        "### Validation Rules",
        "",
        f"- `name`: 1 to 200 characters (Requirements: {refs})",
        "- `status`: one of open, closed",
        "",
        f"### Property {numbers[0]}: {module} names are never empty",
        "",
        f"*For any* {module} record, its name has at least one character.",
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
