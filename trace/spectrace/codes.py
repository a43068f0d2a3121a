"""Every finding code: its name, default severity, title and explanation (``spectrace explain``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spectrace.model import DesignItem, Finding, Severity, Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    """A kind of finding."""

    code: str
    """Stable code, never reused."""
    name: str
    """Short kebab-case name (used in suppressions and configuration too)."""
    severity: Severity
    """Default severity."""
    title: str
    """One line."""
    explanation: str
    """What it means and what to do."""


_ALL = (
    Code(
        code="ST101",
        name="dangling-reference",
        severity=Severity.ERROR,
        title="Reference to a requirement or criterion that does not exist",
        explanation=(
            "The design names an id (for example `Requirements: 9.1` or `FR-012`) that no "
            "requirement or acceptance criterion has. The reference covers nothing. Fix the id, "
            "or add the requirement it meant."
        ),
    ),
    Code(
        code="ST102",
        name="duplicate-requirement",
        severity=Severity.ERROR,
        title="Two requirements share one id",
        explanation=(
            "References to this id are ambiguous: spectrace cannot tell which requirement a design "
            "item covers. Give each requirement its own id."
        ),
    ),
    Code(
        code="ST103",
        name="duplicate-criterion",
        severity=Severity.ERROR,
        title="Two acceptance criteria share one id",
        explanation=(
            "Two criteria carry the same id (written, or derived from the requirement id and the "
            "position). References to it are ambiguous. Renumber them."
        ),
    ),
    Code(
        code="ST104",
        name="ambiguous-reference",
        severity=Severity.WARNING,
        title="Reference matches more than one requirement",
        explanation=(
            "The id as written matches several requirements once case, separators and leading "
            "zeros are ignored (for example `FR-1` and `FR-001`). The reference covers all of "
            "them; write the id exactly as the requirement does."
        ),
    ),
    Code(
        code="ST201",
        name="uncovered-requirement",
        severity=Severity.WARNING,
        title="Requirement not covered by the design",
        explanation=(
            "No design item links to this requirement or to any of its criteria. Add the design "
            "for it, or reference it from the item that already serves it."
        ),
    ),
    Code(
        code="ST202",
        name="partial-requirement",
        severity=Severity.WARNING,
        title="Requirement only partly covered",
        explanation=(
            "Some acceptance criteria of this requirement are covered by the design and some are "
            "not; the message lists the uncovered ones."
        ),
    ),
    Code(
        code="ST203",
        name="uncovered-criterion",
        severity=Severity.NOTE,
        title="Acceptance criterion not covered",
        explanation=(
            "No design item links to this criterion or to its requirement. Reported on the "
            "criterion's own line so that an annotation lands where the gap is."
        ),
    ),
    Code(
        code="ST301",
        name="orphan",
        severity=Severity.WARNING,
        title="Design item traces to no requirement",
        explanation=(
            "The item is not linked to any requirement, and no linked item reaches it (an endpoint "
            "reaches the entities it uses, an entity the tables its foreign keys name, a section "
            "the items inside it). In the default link mode, nothing in the requirements meets "
            "the item's own words either (otherwise it is ST302, a note). It is scope nobody "
            "asked for, or a link nobody wrote."
        ),
    ),
    Code(
        code="ST302",
        name="unreferenced-item",
        severity=Severity.NOTE,
        title="Design item that no reference reaches, probably serving a requirement",
        explanation=(
            "No written reference reaches the item and inference is not sure enough to count a "
            "link, but its own words meet a requirement a reviewer would look at (named in the "
            "message), or they are in another language than the requirements and cannot be "
            "compared. Not an orphan: write the reference (`_Requirements: 2.3_`) to make the "
            "trace explicit, or check the item by hand."
        ),
    ),
    Code(
        code="ST401",
        name="unknown-foreign-key",
        severity=Severity.WARNING,
        title="Foreign key to a table the design does not define",
        explanation=(
            "A column references a table that no schema, model or diagram in the design defines."
        ),
    ),
    Code(
        code="ST402",
        name="endpoint-without-entity",
        severity=Severity.NOTE,
        title="Endpoint whose resource matches no entity",
        explanation=(
            "No segment of the endpoint's path names an entity of the design. Fine for actions "
            "(`/login`), worth a look for resources."
        ),
    ),
    Code(
        code="ST501",
        name="no-requirements",
        severity=Severity.WARNING,
        title="No requirement recognised in the requirements document",
        explanation=(
            "None of the known forms (`### Requirement N`, `REQ-1`, `- **FR-001**: ...`, user "
            "stories, ...) was found. See docs/formats.md for what spectrace reads."
        ),
    ),
    Code(
        code="ST502",
        name="no-design-items",
        severity=Severity.WARNING,
        title="No design item recognised in the design document",
        explanation=(
            "No table, endpoint, rule, interface, component or property was found. See "
            "docs/formats.md for what spectrace reads."
        ),
    ),
    Code(
        code="ST503",
        name="unreadable-code-block",
        severity=Severity.NOTE,
        title="A code block could not be parsed",
        explanation=(
            "A SQL, Prisma, TypeScript or Python block has a syntax error; the items spectrace "
            "could still read are kept."
        ),
    ),
    Code(
        code="ST601",
        name="suspect-link",
        severity=Severity.WARNING,
        title="Link to a requirement whose text changed since the lock",
        explanation=(
            "When `spectrace lock` last ran, this design item was linked to the requirement or "
            "criterion, and the lock recorded its text; the text has changed since (edits of "
            "whitespace or Markdown markup alone do not count). Re-review the item against the "
            "new wording and change the design if it no longer fits, then record the review with "
            "`spectrace lock --accept ID` (or `spectrace lock` for everything). Without a lock "
            "file there are no suspect links."
        ),
    ),
    Code(
        code="ST701",
        name="unplanned-requirement",
        severity=Severity.WARNING,
        title="Requirement no task implements",
        explanation=(
            "The spec has a task list, but no task cites this requirement or any of its "
            "criteria (`_Requirements: 2.1_`, `[US2]`, `(FR-004)`), and no heading above a task "
            "does. Add the task that builds it, or cite the requirement from the task that "
            "already does."
        ),
    ),
    Code(
        code="ST702",
        name="unplanned-criterion",
        severity=Severity.NOTE,
        title="Acceptance criterion no task implements",
        explanation=(
            "Tasks implement some criteria of this requirement but not this one (neither it nor "
            "its whole requirement is cited). Reported on the criterion's own line; only for "
            "requirements the plan does take up (an unplanned requirement is ST701 alone)."
        ),
    ),
    Code(
        code="ST703",
        name="unbuilt-design-item",
        severity=Severity.NOTE,
        title="Design item no task builds",
        explanation=(
            "No task names this entity, endpoint, interface, component or property (by its "
            "name, `METHOD /path`, a file named after it, or `Property N`). Reported only when "
            "the tasks name design items at all, and never for cross-cutting items. Name it in "
            "the task that builds it."
        ),
    ),
    Code(
        code="ST704",
        name="dangling-task-reference",
        severity=Severity.ERROR,
        title="Task cites a requirement or criterion that does not exist",
        explanation=(
            "A task (or a heading above tasks) cites an id, for example `_Requirements: 9.1_` "
            "or `[US7]`, that no requirement or acceptance criterion has. The citation plans "
            "nothing. Fix the id, or add the requirement it meant."
        ),
    ),
    Code(
        code="ST705",
        name="untraced-task",
        severity=Severity.NOTE,
        title="Task cites no requirement and names no design item",
        explanation=(
            "Nothing ties this task to the spec: no requirement id in its text, its headings "
            "or its parent task, and no name the design defines. Fine for chores (set-up, "
            "checkpoints); otherwise cite what it implements."
        ),
    ),
    Code(
        code="ST706",
        name="no-tasks",
        severity=Severity.WARNING,
        title="No task recognised in the task list",
        explanation=(
            "The spec has a task list, but no checkbox task (`- [ ] 1.1 ...`, "
            "`- [ ] T001 ...`, `- [ ] ...`) or task heading (`### T-1: ...`) was found in it. "
            "Its plan coverage is 0%. See docs/formats.md for what spectrace reads."
        ),
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}
BY_NAME: dict[str, Code] = {c.name: c for c in _ALL}


def lookup(code_or_name: str) -> Code | None:
    """The code for ``ST101`` or ``dangling-reference`` (any case), else None."""
    key = code_or_name.strip()
    return CODES.get(key.upper()) or BY_NAME.get(key.lower())


def finding(code: str, span: Span, subject: str, message: str, *, item: str = "") -> Finding:
    """A finding of ``code`` at its default severity (configuration may change it later)."""
    return Finding(
        code=code,
        severity=CODES[code].severity,
        message=message,
        span=span,
        subject=subject,
        item=item,
    )


def item_finding(code: str, item: DesignItem, says: str) -> Finding:
    """A finding about a design item: ``endpoint GET /x <says>``, about ``kind:name``."""
    named = f"{item.kind.value} {item.name}"
    return finding(
        code, item.span, f"{item.kind.value}:{item.name}", f"{named} {says}", item=item.id
    )


def silences(names: Iterable[str], code: str) -> bool:
    """Whether an ignore comment naming ``names`` silences ``code``: its code or name (any case),
    or ``all``."""
    known = CODES.get(code)
    wanted = {code.lower(), known.name if known else "", "all"}
    return any(name.lower() in wanted for name in names)
