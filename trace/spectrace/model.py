"""The records every stage passes on: requirements, design items, links, findings."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A place in a document."""

    file: str
    """Path as shown in reports (relative to the working directory when under it, posix)."""
    line: int
    """1-based first line."""
    end_line: int = 0
    """1-based last line (inclusive); 0 when unknown (then the same as ``line``)."""

    @property
    def last(self) -> int:
        """The last line, never before the first."""
        return max(self.line, self.end_line)


class Ears(StrEnum):
    """The EARS pattern of a criterion's sentence."""

    UBIQUITOUS = "ubiquitous"
    EVENT = "event"
    STATE = "state"
    UNWANTED = "unwanted"
    OPTIONAL = "optional"
    COMPLEX = "complex"
    NONE = "none"


class Kind(StrEnum):
    """Functional or non-functional requirement."""

    FUNCTIONAL = "functional"
    NON_FUNCTIONAL = "non-functional"


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A user story: As a <role>, I want <want>, so that <benefit>."""

    role: str = ""
    """Who asks."""
    want: str = ""
    """What they want."""
    benefit: str = ""
    """Why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    """One acceptance criterion (or scenario) of a requirement."""

    id: str
    """As written (``3.2``, ``AC-2.1``) or derived from its position (``REQ-1.2``)."""
    requirement_id: str
    """The requirement it belongs to."""
    text: str
    """Its sentence, markup stripped."""
    ears: Ears
    """Its EARS pattern."""
    span: Span
    """Where it is written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """A requirement with its acceptance criteria."""

    id: str
    """As written: ``3`` for ``Requirement 3``, ``FR-001``, ``REQ-1``, ``US1``."""
    title: str
    """Heading title or first words of the sentence."""
    text: str
    """The body: user story or requirement sentence."""
    story: Story | None
    """The user story, when the text has one."""
    criteria: tuple[Criterion, ...]
    """Its acceptance criteria in document order."""
    kind: Kind
    """Functional or non-functional."""
    span: Span
    """Where it is written."""
    aliases: tuple[str, ...] = ()
    """Other ids the documents use for it (``REQ-1-1`` next to ``要件1``, ``User Story 1``)."""

    @property
    def label(self) -> str:
        """How messages name it: ``Requirement 3 (Loans)``, ``FR-003 (Export)``."""
        return requirement_name(self.id, self.title)


def requirement_name(ident: str, title: str) -> str:
    """``Requirement 3 (Loans)`` for Kiro's numbers, ``FR-003 (Export)`` otherwise."""
    name = f"Requirement {ident}" if ident[:1].isdigit() else ident
    return f"{name} ({title})" if title else name


class ItemKind(StrEnum):
    """What a design item is."""

    ENTITY = "entity"
    FIELD = "field"
    ENDPOINT = "endpoint"
    RULE = "rule"
    INTERFACE = "interface"
    COMPONENT = "component"
    PROPERTY = "property"
    STATEMENT = "statement"
    SECTION = "section"


#: Kinds that can be reported as orphans (fields, statements and sections never are).
TRACEABLE_KINDS = frozenset(
    {
        ItemKind.ENTITY,
        ItemKind.ENDPOINT,
        ItemKind.RULE,
        ItemKind.INTERFACE,
        ItemKind.COMPONENT,
        ItemKind.PROPERTY,
    }
)


class RefOrigin(StrEnum):
    """How a link between a design item and a requirement came to be."""

    EXPLICIT = "explicit"
    INHERITED = "inherited"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """A requirement or criterion id written in a design document."""

    target: str
    """The id as written, after range expansion (``1.2``, ``FR-003``)."""
    text: str
    """The text the id was read from (for messages)."""
    span: Span
    """Where it is written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DesignItem:
    """Something the design defines: an entity, an endpoint, a rule, a component, ..."""

    id: str
    """Stable key, unique in a spec: ``entity:book``, ``endpoint:GET /api/books``."""
    kind: ItemKind
    """What it is."""
    name: str
    """Its identity in reports (table name as written, ``METHOD /path``, ``Property 3``)."""
    span: Span
    """Where it is first defined (``end_line``: the end of its definition)."""
    extent: tuple[int, int] = (0, 0)
    """First and last line of the text that belongs to it, a comment directly before it included,
    in the file of ``span``; (0, 0) means ``span``'s lines."""
    locations: tuple[Span, ...] = ()
    """Every place it is defined or mentioned, first one included."""
    section: str = ""
    """Heading path of the first definition (``Design > Data Models``)."""
    text: str = ""
    """Its words (title, body, columns), for display and inference."""
    parent: str = ""
    """Id of the item it belongs to (a field's entity, a nested item's component)."""
    refs: tuple[Reference, ...] = ()
    """Explicit references written in its own text."""
    inherited: tuple[Reference, ...] = ()
    """References it inherits from the headings of the sections around it."""
    uses: tuple[str, ...] = ()
    """Names of other things it depends on (foreign-key targets, related entities)."""
    cross_cutting: bool = False
    """Defined in a cross-cutting section (architecture, error handling, ...): never an orphan."""
    suppressed: tuple[str, ...] = ()
    """Finding names silenced next to it (``<!-- spectrace: ignore orphan -->``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A design item covers a requirement or a criterion."""

    source: str
    """Design item id (or section id)."""
    target: str
    """Requirement or criterion id."""
    origin: RefOrigin
    """Explicit, inherited or inferred."""
    score: float = 1.0
    """1.0 for references; the inference score otherwise."""
    evidence: tuple[str, ...] = ()
    """The words or names that matched (inferred links)."""
    span: Span | None = None
    """Where the reference is written (explicit and inherited links)."""


class Severity(StrEnum):
    """SARIF's words, so every format sees the same levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return {"note": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """Something the user should look at or fix."""

    code: str
    """Stable code (``ST101``)."""
    severity: Severity
    """How bad."""
    message: str
    """One line for a person."""
    span: Span
    """File and line it is about."""
    subject: str = ""
    """What it is about (an id or item name): with the code, what a baseline matches on."""
    item: str = ""
    """Id of the design item it is about, if any (inline suppressions sit next to items)."""
    suppressed: bool = False
    """Silenced by configuration or an inline comment: reported, never counted."""
    baselined: bool = False
    """Listed in the baseline file (known before the gate was adopted): reported, never counted."""


class Status(StrEnum):
    """Coverage status of a requirement or criterion."""

    COVERED = "covered"
    PARTIAL = "partial"
    UNCOVERED = "uncovered"


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionResult:
    """Coverage of one criterion."""

    criterion: Criterion
    """The criterion."""
    status: Status
    """Covered or uncovered."""
    covered_by: tuple[Link, ...]
    """Links that cover it, directly or through its requirement."""
    planned_by: tuple[str, ...] = ()
    """Keys of the tasks that implement it, directly or through its requirement (with a plan)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementResult:
    """Coverage of one requirement."""

    requirement: Requirement
    """The requirement."""
    status: Status
    """Covered, partial or uncovered."""
    covered_by: tuple[Link, ...]
    """Links to the requirement as a whole."""
    criteria: tuple[CriterionResult, ...]
    """Its criteria's coverage."""
    plan: RequirementPlan | None = None
    """What the task list does for it; None when the spec has no task list."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemResult:
    """One design item as analysed."""

    item: DesignItem
    """The item."""
    covers: tuple[Link, ...]
    """Its links to requirements and criteria."""
    orphan: bool
    """Traces to no requirement."""
    traced_via: str = ""
    """Id of the linked item it is reached from, when it is not linked itself."""
    built_by: tuple[str, ...] = ()
    """Keys of the tasks that name it (with a plan)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Suggestion:
    """A likely link that nobody wrote: for gaps and orphans."""

    item: str
    """Design item id."""
    target: str
    """Requirement or criterion id."""
    score: float
    """Inference score in [0, 1]."""
    evidence: tuple[str, ...]
    """The terms that matched."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """The numbers of one spec (or of a whole run)."""

    requirements: int = 0
    requirements_covered: int = 0
    requirements_partial: int = 0
    criteria: int = 0
    criteria_covered: int = 0
    design_items: int = 0
    orphans: int = 0
    dangling: int = 0
    units: int = 0
    """Things that can be covered: criteria, plus requirements that have none."""
    units_covered: int = 0
    """Covered criteria, plus covered requirements that have none."""

    @property
    def coverage(self) -> float:
        """Percentage of covered units.

        0.0 when there is nothing to cover: a requirements document spectrace could not read
        (ST501 says so) must never pass a coverage gate.
        """
        if self.units == 0:
            return 0.0
        return round(100.0 * self.units_covered / self.units, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecReport:
    """Everything spectrace found about one spec."""

    name: str
    """Folder name (relative to the root given)."""
    requirements_file: str
    """Requirements document as shown in reports."""
    design_files: tuple[str, ...]
    """Design documents (spec-kit: plan.md, data-model.md, contracts)."""
    links_mode: str
    """The link mode asked for (explicit, inferred, auto, both)."""
    links_used: str
    """What auto resolved to, or the mode itself."""
    requirements: tuple[RequirementResult, ...]
    """Requirements in document order."""
    items: tuple[ItemResult, ...]
    """Design items sorted by id."""
    dangling: tuple[Reference, ...]
    """References to ids that do not exist."""
    findings: tuple[Finding, ...]
    """Sorted by file, line, code."""
    summary: Summary
    """The numbers."""
    derived: tuple[tuple[str, str, str], ...] = ()
    """Derived design edges (source item id, target item id, relation)."""
    suggestions: tuple[Suggestion, ...] = ()
    """Candidate links for gaps and orphans."""
    notes: tuple[str, ...] = ()
    """Sentences every output shows (``no explicit references: traced by inference``)."""
    tasks_file: str = ""
    """The task list as shown in reports ("" when the spec has none)."""
    tasks: tuple[TaskResult, ...] = ()
    """Its tasks in document order."""
    plan: PlanSummary | None = None
    """The plan's numbers; None when the spec has no task list (nothing plan-related is shown)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """A whole run: one report per spec and the total."""

    specs: tuple[SpecReport, ...]
    """Sorted by name."""
    total: Summary = field(default_factory=Summary)
    """Sum over specs."""
    plan_total: PlanSummary | None = None
    """Sum over the specs that have a task list; None when none has."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every spec."""
        return tuple(f for spec in self.specs for f in spec.findings)


class TaskState(StrEnum):
    """Where a task stands: its checkbox, or for a parent, its subtasks."""

    DONE = "done"
    IN_PROGRESS = "in-progress"
    OPEN = "open"


class MentionKind(StrEnum):
    """How a task names something the design may define."""

    ENDPOINT = "endpoint"
    """``METHOD /path``."""
    PATH = "path"
    """A file path (``src/models/user.py``) or a URL path alone (``/api/books``)."""
    IDENTIFIER = "identifier"
    """A code identifier: in backticks, CamelCase, camelCase or snake_case."""
    NAME = "name"
    """A word a kind word names (``Transaction model``, ``notifications table``, ``Property 3``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name in a task's text that may be a design item (matched by name when linking)."""

    kind: MentionKind
    """What shape it has."""
    text: str
    """As written, markup removed (``POST /api/loans``, ``LoanService``, ``Property 3``)."""
    line: int
    """1-based line in the task list."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """One task of a task list (``tasks.md``)."""

    id: str
    """As written, markup and trailing dot removed (``2.1``, ``T014``, ``T-1.1``, ``Task 1.1``);
    "" for a task of a plain checklist."""
    key: str
    """Unique in its task list: the id, ``2.1#2`` for a repeated one, ``#3`` for the third task
    without an id."""
    title: str
    """Its first line, plain text, id and markers removed."""
    text: str
    """All of its own words (title and detail lines, not its subtasks'), plain text."""
    state: TaskState
    """As written: the checkbox, or for a heading task its status line or sub-checklist."""
    optional: bool
    """Marked optional (``- [ ]*``, ``2.1*``, ``(optional)``): the plan is complete without it."""
    parent: str
    """Key of the task it belongs to (by nesting, else by id: ``2.1`` under ``2``); "" for none."""
    span: Span
    """Its first line and the last line of its extent (subtasks included)."""
    section: str = ""
    """Heading path above it (``Tasks > Phase 3: User Story 1``)."""
    refs: tuple[Reference, ...] = ()
    """Requirement and criterion ids its own text cites (``_Requirements: 1.1_``, ``[US1]``)."""
    inherited: tuple[Reference, ...] = ()
    """Ids cited by the headings above it and by the tasks it belongs to."""
    mentions: tuple[Mention, ...] = ()
    """Names in its own text that may be design items."""
    parallel: bool = False
    """Marked as parallelisable (``[P]``, ``(P)``)."""
    labels: tuple[str, ...] = ()
    """Other bracketed labels after the id (``SETUP``, ``POLISH``)."""
    suppressed: tuple[str, ...] = ()
    """Finding names an ignore comment on the line before it silences (``untraced-task``)."""


class PlanStatus(StrEnum):
    """What the task list does for a requirement."""

    PLANNED = "planned"
    """Every criterion (or the requirement as a whole) is implemented by a task."""
    PARTIAL = "partial"
    """Some criteria are."""
    UNPLANNED = "unplanned"
    """No task implements it or any of its criteria."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementPlan:
    """One requirement's place in the plan: its tasks and how far they are."""

    status: PlanStatus
    """Planned, partial or unplanned."""
    tasks: tuple[str, ...]
    """Keys of the tasks that implement it or one of its criteria, in document order (subtasks
    stand for their parent)."""
    done: int
    """Of those, how many are done."""
    total: int
    """How many count toward progress (an open optional task does not)."""

    @property
    def chain(self) -> str:
        """``planned 3/5 done``, ``partial 0/2 done``, ``unplanned``."""
        if self.status == PlanStatus.UNPLANNED:
            return self.status.value
        return f"{self.status.value} {self.done}/{self.total} done"


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskResult:
    """One task as analysed."""

    task: Task
    """The task."""
    state: TaskState
    """Its state; a parent is done when its required subtasks are."""
    implements: tuple[Link, ...]
    """Links to the requirements and criteria it cites (source: ``task:<key>``)."""
    builds: tuple[str, ...]
    """Ids of the design items it names, sorted."""
    leaf: bool
    """Has no subtasks: a unit of work (parents are groupings and do not count twice)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanSummary:
    """The plan's numbers of one spec (or of the specs of a run that have a task list)."""

    tasks: int = 0
    """Tasks read (parents included)."""
    work: int = 0
    """Leaf tasks that count toward progress (an open optional one does not)."""
    work_done: int = 0
    """Of those, done."""
    untraced: int = 0
    """Tasks that cite no requirement and name no design item."""
    requirements: int = 0
    """Requirements (as in ``Summary``)."""
    requirements_planned: int = 0
    """Requirements every criterion of which a task implements."""
    requirements_partial: int = 0
    """Requirements some criteria of which a task implements."""
    criteria: int = 0
    """Acceptance criteria."""
    criteria_planned: int = 0
    """Criteria a task implements (directly or through their requirement)."""
    units: int = 0
    """Things that can be planned: criteria, plus requirements that have none."""
    units_planned: int = 0
    """Planned criteria, plus planned requirements that have none."""
    design_items: int = 0
    """Design items a task can build (entities, endpoints, interfaces, components, properties)."""
    design_items_built: int = 0
    """Of those, the ones a task names."""
    dangling: int = 0
    """Task references to ids that do not exist."""

    @property
    def coverage(self) -> float:
        """Percentage of planned units (0.0 when there is nothing to plan, as for coverage)."""
        if self.units == 0:
            return 0.0
        return round(100.0 * self.units_planned / self.units, 1)

    @property
    def progress(self) -> float:
        """Percentage of the counted work done (0.0 when there is none)."""
        if self.work == 0:
            return 0.0
        return round(100.0 * self.work_done / self.work, 1)


def _fast_pickling(cls: type) -> None:
    """Give a slotted dataclass a quick ``__getstate__``/``__setstate__``.

    ``dataclass(slots=True)`` pickles through ``dataclasses.fields()`` once per object, which
    made reading a cached 5,000-requirement report (250,000 objects) take seconds; the field
    names are the same for every object of a class, so they are looked up once here.
    """
    names = tuple(item.name for item in fields(cls))
    setter = object.__setattr__

    def getstate(self: object) -> list[object]:
        return [getattr(self, name) for name in names]

    def setstate(self: object, state: list[object]) -> None:
        for name, value in zip(names, state, strict=True):
            setter(self, name, value)

    setattr(cls, "__getstate__", getstate)  # noqa: B010 (mypy rejects assigning a method)
    setattr(cls, "__setstate__", setstate)  # noqa: B010


for _class in tuple(globals().values()):
    if isinstance(_class, type) and is_dataclass(_class) and "__slots__" in _class.__dict__:
        _fast_pickling(_class)
