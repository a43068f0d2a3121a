"""A small report built by hand, for the renderer tests (no parser involved).

Two specs: a Kiro-style one with covered, partial and uncovered requirements, an orphan, a
dangling reference, a suppressed and a baselined finding and a suggestion; and a spec-kit-style one
with bare `FR-` requirements. Some text is hostile on purpose: a title that is a script tag, an
item named `"]; x [`, a pipe, a spreadsheet formula, markup, non-ASCII words.
"""

from __future__ import annotations

from spectrace.codes import CODES
from spectrace.model import (
    Criterion,
    CriterionResult,
    DesignItem,
    Ears,
    Finding,
    ItemKind,
    ItemResult,
    Kind,
    Link,
    Reference,
    RefOrigin,
    Report,
    Requirement,
    RequirementResult,
    Span,
    SpecReport,
    Status,
    Suggestion,
    Summary,
)

SCRIPT_TITLE = "<script>alert(1)</script>"
ODD_ITEM = '"]; x ['

LIB_REQ = "specs/lending/requirements.md"
LIB_DESIGN = "specs/lending/design.md"
TODO_REQ = "specs/todo/spec.md"
TODO_PLAN = "specs/todo/plan.md"


def _criterion(req: str, number: int, text: str, line: int) -> Criterion:
    return Criterion(
        id=f"{req}.{number}",
        requirement_id=req,
        text=text,
        ears=Ears.EVENT,
        span=Span(file=LIB_REQ, line=line),
    )


def _item(
    kind: ItemKind, name: str, line: int, file: str = LIB_DESIGN, **extra: object
) -> DesignItem:
    return DesignItem(
        id=f"{kind.value}:{name.lower()}",
        kind=kind,
        name=name,
        span=Span(file=file, line=line),
        section="Design > API",
        **extra,  # type: ignore[arg-type]
    )


def _link(item: DesignItem, target: str, origin: RefOrigin, line: int = 0) -> Link:
    if origin == RefOrigin.INFERRED:
        return Link(
            source=item.id, target=target, origin=origin, score=0.62, evidence=("loan", "due")
        )
    return Link(
        source=item.id,
        target=target,
        origin=origin,
        span=Span(file=item.span.file, line=line or item.span.line),
    )


def _finding(
    code: str, file: str, line: int, subject: str, message: str, **extra: object
) -> Finding:
    return Finding(
        code=code,
        severity=CODES[code].severity,
        message=message,
        span=Span(file=file, line=line),
        subject=subject,
        **extra,  # type: ignore[arg-type]
    )


def lending_spec() -> SpecReport:
    """Kiro style: requirements 1 (covered), 2 (partial), 3 (uncovered, hostile title)."""
    borrow = _criterion(
        "1", 1, "WHEN a member borrows a book THEN the system SHALL record a loan", 8
    )
    limit = _criterion("1", 2, "IF a member holds 5 loans THEN the system SHALL refuse", 9)
    renew = _criterion("2", 1, "WHEN a member renews THEN the due date SHALL move by 14 days", 16)
    fine = _criterion("2", 2, "=SUM(A1:A9) fines | charged daily", 17)
    notify = _criterion(
        "3", 1, "WHEN a loan is overdue THEN the system SHALL e-mail the member", 24
    )
    post_loans = _item(ItemKind.ENDPOINT, "POST /api/loans", 12)
    loans = _item(ItemKind.ENTITY, "loans", 30)
    renewal = _item(ItemKind.ENDPOINT, "PUT /api/loans/{id}/renew", 14)
    audit = _item(ItemKind.ENTITY, "audit_log", 40)
    odd = _item(ItemKind.COMPONENT, ODD_ITEM, 50)
    legacy = _item(ItemKind.ENTITY, "legacy_cards", 60, suppressed=("orphan",))
    l_borrow = _link(post_loans, "1", RefOrigin.INHERITED, 10)
    l_limit = _link(post_loans, "1.2", RefOrigin.EXPLICIT)
    l_renew = _link(renewal, "2.1", RefOrigin.EXPLICIT)
    l_inferred = _link(loans, "2.1", RefOrigin.INFERRED)
    requirements = (
        RequirementResult(
            requirement=Requirement(
                id="1",
                title="Borrow books",
                text="As a member, I want to borrow books, so that I can read them at home",
                story=None,
                criteria=(borrow, limit),
                kind=Kind.FUNCTIONAL,
                span=Span(file=LIB_REQ, line=3),
            ),
            status=Status.COVERED,
            covered_by=(l_borrow,),
            criteria=(
                CriterionResult(criterion=borrow, status=Status.COVERED, covered_by=(l_borrow,)),
                CriterionResult(
                    criterion=limit, status=Status.COVERED, covered_by=(l_limit, l_borrow)
                ),
            ),
        ),
        RequirementResult(
            requirement=Requirement(
                id="2",
                title="Renew | extend **loans**",
                text="Members renew loans",
                story=None,
                criteria=(renew, fine),
                kind=Kind.FUNCTIONAL,
                span=Span(file=LIB_REQ, line=13),
            ),
            status=Status.PARTIAL,
            covered_by=(),
            criteria=(
                CriterionResult(
                    criterion=renew, status=Status.COVERED, covered_by=(l_inferred, l_renew)
                ),
                CriterionResult(criterion=fine, status=Status.UNCOVERED, covered_by=()),
            ),
        ),
        RequirementResult(
            requirement=Requirement(
                id="3",
                title=SCRIPT_TITLE,
                text="Overdue notices",
                story=None,
                criteria=(notify,),
                kind=Kind.FUNCTIONAL,
                span=Span(file=LIB_REQ, line=21),
            ),
            status=Status.UNCOVERED,
            covered_by=(),
            criteria=(CriterionResult(criterion=notify, status=Status.UNCOVERED, covered_by=()),),
        ),
    )
    items = tuple(
        sorted(
            (
                ItemResult(item=post_loans, covers=(l_borrow, l_limit), orphan=False),
                ItemResult(item=renewal, covers=(l_renew,), orphan=False),
                ItemResult(
                    item=loans, covers=(l_inferred,), orphan=False, traced_via=post_loans.id
                ),
                ItemResult(item=audit, covers=(), orphan=True),
                ItemResult(item=odd, covers=(), orphan=True),
                ItemResult(item=legacy, covers=(), orphan=True),
            ),
            key=lambda r: r.item.id,
        )
    )
    dangling = (
        Reference(target="9.1", text="Requirements: 9.1", span=Span(file=LIB_DESIGN, line=14)),
    )
    findings: tuple[Finding, ...] = (
        _finding("ST203", LIB_REQ, 17, "2.2", "criterion 2.2 is not covered by the design"),
        _finding(
            "ST202",
            LIB_REQ,
            13,
            "2",
            "Requirement 2 (Renew | extend **loans**) is partly covered: "
            "1 of 2 criteria uncovered (2.2)",
        ),
        _finding(
            "ST201",
            LIB_REQ,
            21,
            "3",
            f"Requirement 3 ({SCRIPT_TITLE}) is not covered by the design",
            baselined=True,
        ),
        _finding("ST203", LIB_REQ, 24, "3.1", "criterion 3.1 is not covered by the design"),
        _finding("ST101", LIB_DESIGN, 14, "9.1", "reference to 9.1, which no requirement defines"),
        _finding(
            "ST301",
            LIB_DESIGN,
            40,
            "entity:audit_log",
            "entity audit_log traces to no requirement",
            item=audit.id,
        ),
        _finding(
            "ST301",
            LIB_DESIGN,
            50,
            f"component:{ODD_ITEM}",
            f"component {ODD_ITEM} traces to no requirement",
            item=odd.id,
        ),
        _finding(
            "ST301",
            LIB_DESIGN,
            60,
            "entity:legacy_cards",
            "entity legacy_cards traces to no requirement",
            item=legacy.id,
            suppressed=True,
        ),
    )
    findings = tuple(sorted(findings, key=lambda f: (f.span.file, f.span.line, f.code, f.subject)))
    return SpecReport(
        name="lending",
        requirements_file=LIB_REQ,
        design_files=(LIB_DESIGN,),
        links_mode="auto",
        links_used="explicit",
        requirements=requirements,
        items=items,
        dangling=dangling,
        findings=findings,
        summary=Summary(
            requirements=3,
            requirements_covered=1,
            requirements_partial=1,
            criteria=5,
            criteria_covered=3,
            design_items=6,
            orphans=3,
            dangling=1,
            units=5,
            units_covered=3,
        ),
        suggestions=(
            Suggestion(item=audit.id, target="2.2", score=0.41, evidence=("fine", "charge")),
        ),
    )


def todo_spec() -> SpecReport:
    """spec-kit style: two bare FR- requirements, one covered, one not; a Japanese title."""
    tasks = _item(ItemKind.ENDPOINT, "GET /tasks", 20, file=TODO_PLAN)
    link = _link(tasks, "FR-001", RefOrigin.EXPLICIT)
    return SpecReport(
        name="todo",
        requirements_file=TODO_REQ,
        design_files=(TODO_PLAN,),
        links_mode="auto",
        links_used="explicit",
        requirements=(
            RequirementResult(
                requirement=Requirement(
                    id="FR-001",
                    title="タスク一覧を表示する",
                    text="System MUST list tasks",
                    story=None,
                    criteria=(),
                    kind=Kind.FUNCTIONAL,
                    span=Span(file=TODO_REQ, line=5),
                ),
                status=Status.COVERED,
                covered_by=(link,),
                criteria=(),
            ),
            RequirementResult(
                requirement=Requirement(
                    id="FR-002",
                    title="@import tasks from CSV",
                    text="System MUST import tasks",
                    story=None,
                    criteria=(),
                    kind=Kind.FUNCTIONAL,
                    span=Span(file=TODO_REQ, line=6),
                ),
                status=Status.UNCOVERED,
                covered_by=(),
                criteria=(),
            ),
        ),
        items=(ItemResult(item=tasks, covers=(link,), orphan=False),),
        dangling=(),
        findings=(
            _finding(
                "ST201",
                TODO_REQ,
                6,
                "FR-002",
                "FR-002 (@import tasks from CSV) is not covered by the design",
            ),
        ),
        summary=Summary(
            requirements=2,
            requirements_covered=1,
            criteria=0,
            criteria_covered=0,
            design_items=1,
            units=2,
            units_covered=1,
        ),
        notes=("no explicit references in part of the plan: some links are inferred",),
    )


def combine(*specs: SpecReport) -> Report:
    """A run's report as the pipeline builds one: specs by name, their numbers summed."""
    ordered = tuple(sorted(specs, key=lambda s: s.name))
    total = Summary(
        **{
            name: sum(getattr(spec.summary, name) for spec in ordered)
            for name in Summary.__dataclass_fields__
        }
    )
    return Report(specs=ordered, total=total)


def sample_report() -> Report:
    """Both specs, combined as the pipeline combines them."""
    return combine(lending_spec(), todo_spec())


def empty_report() -> Report:
    """No specs at all."""
    return Report(specs=(), total=Summary())
