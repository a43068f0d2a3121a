"""A task list (``tasks.md``) to ``Task`` records: ids, states, nesting, citations and names.

Which lines are tasks: a checkbox list item that opens with a task id (``- [ ] 2.1 ...``,
``- [x] T014 ...``) and a heading that names one (``### T-1.1: ...``). A list that has no id at
all is a plain checklist: each checkbox item is a task (numbered by its list marker when the
list is ordered). In a list whose tasks carry ids, a checkbox without one is a step of the task
around it (a heading task is done when its steps are), or, outside every task, a line of a
checklist such as a definition of done, which is not a task.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spectrace.model import Mention, Reference, Span, Task, TaskState
from spectrace.parse.markdown import Block, BlockKind, Document, plain
from spectrace.parse.references import Found, find_references, find_row_references
from spectrace.parse.tasks.lines import TaskLine, checkbox_line, heading_line, story_labels
from spectrace.parse.tasks.mentions import find_mentions
from spectrace.parse.tasks.tables import table_citations

#: The inline suppression comment, the same grammar as next to a design item.
_SUPPRESS = re.compile(r"<!--\s{0,8}spectrace:\s{0,8}ignore\s{1,8}([\w\-, ]{1,200}?)\s{0,8}-->")
#: A heading task's status line: ``**Status**: Complete``, ``状态：已完成``.
_STATUS = re.compile(
    r"^(?:status|estado|状态|狀態|ステータス|상태)\s{0,2}[:：]\s{0,4}(?P<value>.{1,40})",
    re.IGNORECASE,
)
_DONE_WORDS = re.compile(
    r"^(?:✅|✔|done|complete|completed|finished|conclu[ií]d[oa]|hecho|terminad[oa]|已完成|完成"
    r"|完了|済み|완료)",
    re.IGNORECASE,
)
_STARTED_WORDS = re.compile(
    r"^(?:🔄|⏳|in[ -]progress|started|doing|wip|em andamento|en curso|进行中|進行中|作業中|진행)",
    re.IGNORECASE,
)
_TEXT_KINDS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.ROW})


@dataclass(frozen=True, slots=True, kw_only=True)
class TasksParse:
    """What a task list says."""

    tasks: tuple[Task, ...]
    """Every task in document order (parents before their subtasks)."""
    checklist_lines: int = 0
    """Checkboxes that are not tasks (steps of a task, lines of a definition of done)."""


@dataclass(slots=True)
class _Draft:
    """A task while the document is read (mutable: nesting and ownership are filled in passes)."""

    line: TaskLine
    """What its first line says."""
    block: int
    """Index of its list item or heading in ``Document.blocks``."""
    start: int
    """Its first line."""
    end: int
    """The last line of its extent (its list item, or its heading's section)."""
    heading: bool
    """A heading task."""
    ident: str
    """Its id (a plain numbered checklist's item number when the line has none)."""
    parent: int = -1
    """Index of its parent draft, -1 for none."""
    own: list[int] | None = None
    """Indexes of its own blocks (in its extent and no subtask's)."""
    steps: list[TaskState] | None = None
    """States of the id-less checkboxes inside it (a heading task's state comes from them)."""


def parse_tasks(
    doc: Document, prefixes: frozenset[str] = frozenset(), known: frozenset[str] | None = None
) -> TasksParse:
    """The tasks of a parsed task list; ``prefixes`` are the requirement id prefixes (``FR``) that
    make an unlabelled id (``(FR-004)``) a citation, as in the design; ``known`` the keys of the
    spec's ids: a bracket with no label cites only those (``(1.5-2.5h)`` is an estimate), as in
    the design."""
    drafts, checklist = _find(doc)
    _nest(drafts)
    _own_blocks(doc, drafts)
    keys = _keys(drafts)
    headings = _HeadingRefs(doc, prefixes, known)
    lines = doc.text.split("\n")
    owned = {number for draft in drafts for number in draft.own or ()}
    loose = [block for number, block in enumerate(doc.blocks) if number not in owned]
    tabled = table_citations(loose, [d.ident for d in drafts], doc.path, prefixes, known)
    tasks: list[Task] = []
    for index, draft in enumerate(drafts):
        refs, mentions, text = _read_own(doc, draft, prefixes, known)
        refs += tuple(tabled.get(index, ()))
        parent = drafts[draft.parent] if draft.parent >= 0 else None
        inherited = headings.above(doc.blocks[draft.block], draft.heading)
        if parent is not None:
            parent_task = tasks[draft.parent]
            inherited = _unique((*parent_task.refs, *parent_task.inherited, *inherited))
        block = doc.blocks[draft.block]
        section = block.section if not draft.heading else doc.sections[block.section].parent
        tasks.append(
            Task(
                id=draft.ident,
                key=keys[index],
                title=draft.line.title,
                text=text,
                state=_state(doc, draft),
                optional=draft.line.optional,
                parent=keys[draft.parent] if parent is not None else "",
                span=Span(file=doc.path, line=draft.start, end_line=draft.end),
                section=" > ".join(doc.section_path(section)),
                refs=_unique((*_story_refs(doc, draft), *refs)),
                inherited=inherited,
                mentions=mentions,
                parallel=draft.line.parallel,
                labels=_plain_labels(draft.line.labels),
                suppressed=_suppressed(lines, draft.start),
            )
        )
    return TasksParse(tasks=tuple(tasks), checklist_lines=checklist)


def _find(doc: Document) -> tuple[list[_Draft], int]:
    """Task drafts in document order, and how many checkboxes are checklist lines."""
    boxes: list[_Draft] = []
    for index, block in enumerate(doc.blocks):
        if block.kind == BlockKind.ITEM:
            found = checkbox_line(block.text)
            if found is not None:
                ident = found.id or (str(block.number) if block.number is not None else "")
                boxes.append(_Draft(found, index, block.line, block.end_line, False, ident))
        elif block.kind == BlockKind.HEADING:
            found = heading_line(block.text)
            if found is not None:
                end = doc.sections[block.section].end_line
                boxes.append(_Draft(found, index, block.line, end, True, found.id))
    if not any(draft.line.id for draft in boxes):
        return _number_plain(doc, boxes), 0
    # One sweep in document order: a step belongs to the innermost task whose extent holds it.
    stack: list[_Draft] = []
    steps = 0
    for draft in boxes:
        while stack and stack[-1].end < draft.start:
            stack.pop()
        if draft.line.id:
            stack.append(draft)
            continue
        steps += 1
        owner = stack[-1] if stack else None
        if owner is not None and draft.line.state is not None:
            if owner.steps is None:
                owner.steps = []
            owner.steps.append(draft.line.state)
    return [draft for draft in boxes if draft.line.id], steps


def _number_plain(doc: Document, drafts: list[_Draft]) -> list[_Draft]:
    """A plain checklist: an ordered list's items take their marker number (``2.1`` nested)."""
    for draft in drafts:
        draft.ident = ""
    _nest(drafts)
    for draft in drafts:
        number = doc.blocks[draft.block].number
        if number is None:
            continue
        parent = drafts[draft.parent] if draft.parent >= 0 else None
        draft.ident = f"{parent.ident}.{number}" if parent and parent.ident else str(number)
    return drafts


def _nest(drafts: list[_Draft]) -> None:
    """Parents: the innermost task whose extent holds the task; else the task its id extends
    (``2.1`` under ``2``, when the list writes them side by side)."""
    stack: list[int] = []
    by_id: dict[str, int] = {}
    for index, draft in enumerate(drafts):
        while stack and drafts[stack[-1]].end < draft.start:
            stack.pop()
        draft.parent = stack[-1] if stack else -1
        if draft.parent < 0 and "." in draft.ident:
            draft.parent = by_id.get(draft.ident.rsplit(".", 1)[0], -1)
        by_id.setdefault(draft.ident, index)
        stack.append(index)


def _own_blocks(doc: Document, drafts: list[_Draft]) -> None:
    """Each task's own blocks: those in its extent and in no subtask's."""
    starts: dict[int, list[int]] = {}
    for index, draft in enumerate(drafts):
        draft.own = []
        starts.setdefault(draft.block, []).append(index)
    stack: list[int] = []
    for number, block in enumerate(doc.blocks):
        while stack and drafts[stack[-1]].end < block.line:
            stack.pop()
        stack.extend(starts.get(number, ()))
        if stack:
            owned = drafts[stack[-1]].own
            assert owned is not None
            owned.append(number)


def _keys(drafts: Sequence[_Draft]) -> list[str]:
    """Unique keys: the id, ``2.1#2`` for its second use, ``#3`` for the third id-less task."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    unnamed = 0
    for draft in drafts:
        if not draft.ident:
            unnamed += 1
            keys.append(f"#{unnamed}")
            continue
        seen[draft.ident] = seen.get(draft.ident, 0) + 1
        count = seen[draft.ident]
        keys.append(draft.ident if count == 1 else f"{draft.ident}#{count}")
    return keys


def _read_own(
    doc: Document, draft: _Draft, prefixes: frozenset[str], known: frozenset[str] | None
) -> tuple[tuple[Reference, ...], tuple[Mention, ...], str]:
    refs: list[Reference] = []
    mentions: list[Mention] = []
    words: list[str] = []
    for number in draft.own or ():
        block = doc.blocks[number]
        if block.kind not in _TEXT_KINDS:
            continue
        start = block.content_line or block.line
        shown = plain(block.text)
        # The task's own line reads as its title (no checkbox, id or labels).
        own_line = number == draft.block
        words.append(draft.line.title if own_line else shown)
        if own_line and "\n" in block.text:
            words.append(plain(block.text.split("\n", 1)[1]))
        for cell, found in _citations(block, prefixes, known):
            line = block.line if cell >= 0 else start + block.text.count("\n", 0, found.start)
            refs.append(
                Reference(target=found.target, text=shown, span=Span(file=doc.path, line=line))
            )
        mentions.extend(find_mentions(block.text, start))
    unique_mentions = tuple(dict.fromkeys(mentions))
    return _unique(refs), _first_of_each(unique_mentions), "\n".join(w for w in words if w)


def _citations(
    block: Block, prefixes: frozenset[str], known: frozenset[str] | None
) -> Iterator[tuple[int, Found]]:
    """(cell index or -1, found id) of every citation in a block."""
    if block.kind == BlockKind.ROW:
        yield from find_row_references(block.cells, block.header, prefixes=prefixes, known=known)
        return
    for found in find_references(block.text, prefixes=prefixes, known=known):
        yield -1, found


def _story_refs(doc: Document, draft: _Draft) -> tuple[Reference, ...]:
    shown = plain(doc.blocks[draft.block].text.split("\n", 1)[0])
    return tuple(
        Reference(target=label, text=shown, span=Span(file=doc.path, line=draft.start))
        for label in story_labels(draft.line.labels)
    )


def _plain_labels(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Labels that are not story tags (those are citations)."""
    stories = set(story_labels(labels))
    return tuple(label for label in labels if label not in stories)


def _first_of_each(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """One mention per kind and name (its first line)."""
    seen: dict[tuple[str, str], Mention] = {}
    for mention in mentions:
        seen.setdefault((mention.kind.value, mention.text), mention)
    return tuple(seen.values())


def _unique(refs: Sequence[Reference]) -> tuple[Reference, ...]:
    """References once per id and line, in order."""
    seen: dict[tuple[str, str, int], Reference] = {}
    for ref in refs:
        seen.setdefault((ref.target, ref.span.file, ref.span.line), ref)
    return tuple(seen.values())


def _state(doc: Document, draft: _Draft) -> TaskState:
    """The checkbox; for a heading task, its status line, else its steps (done when all are)."""
    if draft.line.state is not None:
        return draft.line.state
    if draft.heading:
        status = _status_line(doc, draft)
        if status is not None:
            return status
    steps = draft.steps or []
    if steps and all(step == TaskState.DONE for step in steps):
        return TaskState.DONE
    if any(step != TaskState.OPEN for step in steps):
        return TaskState.IN_PROGRESS
    return TaskState.OPEN


def _status_line(doc: Document, draft: _Draft) -> TaskState | None:
    """The state a ``Status: Complete`` line of a heading task gives, if it has one."""
    for number in draft.own or ():
        block = doc.blocks[number]
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.ITEM):
            continue
        for text in plain(block.text).split("\n"):
            status = _STATUS.match(text.strip())
            if status is None:
                continue
            value = status.group("value").strip()
            if _DONE_WORDS.match(value):
                return TaskState.DONE
            if _STARTED_WORDS.match(value):
                return TaskState.IN_PROGRESS
            return TaskState.OPEN
    return None


def _suppressed(lines: Sequence[str], line: int) -> tuple[str, ...]:
    """Finding names of an ignore comment on the line right before ``line`` (1-based)."""
    if not 2 <= line <= len(lines) + 1:
        return ()
    match = _SUPPRESS.search(lines[line - 2])
    if match is None:
        return ()
    return tuple(n.strip().lower() for n in match.group(1).split(",") if n.strip())


class _HeadingRefs:
    """Citations in the headings above a task, read once per heading."""

    def __init__(
        self, doc: Document, prefixes: frozenset[str], known: frozenset[str] | None
    ) -> None:
        self.doc = doc
        self.prefixes = prefixes
        self.known = known
        self.read: dict[int, tuple[Reference, ...]] = {}

    def above(self, block: Block, heading_task: bool) -> tuple[Reference, ...]:
        """Citations of every heading around ``block`` (a heading task's own heading excluded)."""
        section = block.section
        if heading_task and section >= 0:
            section = self.doc.sections[section].parent
        found: list[Reference] = []
        for index in reversed(self.doc.ancestors(section) if section >= 0 else ()):
            found.extend(self._of(index))
        return tuple(found)

    def _of(self, index: int) -> tuple[Reference, ...]:
        if index not in self.read:
            heading = self.doc.sections[index]
            self.read[index] = tuple(
                Reference(
                    target=hit.target,
                    text=heading.title,
                    span=Span(file=self.doc.path, line=heading.line),
                )
                for hit in find_references(heading.raw, prefixes=self.prefixes, known=self.known)
            )
        return self.read[index]
