"""One task's first line: checkbox, state, optional marker, id, labels and title.

Kiro / cc-sdd ``- [ ]* 2.1 Title (P)``, spec-kit ``- [X] **T014** [P] [US1] Title``, plain
checklists ``- [ ] Title`` and ``1. [ ] Title``, and heading tasks ``### T-1.1: Title``,
``#### **Task 1.1**: Title``, ``### [x] TASK-12: Title``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spectrace.model import TaskState
from spectrace.parse.markdown import plain

# Hand-written patterns (a task line is a tiny grammar no library reads); bounded repetition,
# no nested quantifiers: linear on any input.

#: A checkbox and its mark: `` `` open, ``x`` done, ``-`` ``~`` ``/`` in progress (Kiro writes
#: ``[-]`` for a task under way); then the optional-task star (``[ ]*``, ``[ ]\*``).
_CHECKBOX = re.compile(r"\[(?P<mark>[ xX\-~/])\](?P<star>\\?\*)?[ \t]{0,8}")
#: A task id: spec-kit ``T014``, ``T003a``, ``T0.1``, ``T-1.1``, ``TASK-12``, ``Task 1.1``; Kiro
#: ``1.``, ``2.1``, ``3A.1``, ``9.5.1``, ``11.4a``. A number alone needs its dot (``1.``): a
#: checklist line "36 scenarios verified" has no id.
_ID = re.compile(
    r"(?P<bold>\*\*)?(?P<id>"
    r"(?:TASK|Task|task|T)[-_ ]?[0-9]{1,4}(?:\.[0-9]{1,3}){0,3}[a-z]?"
    r"|[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,3}[a-z]?){1,3}(?![0-9])"
    r"|[0-9]{1,4}[A-Z]?(?=\.(?:[^0-9]|$))"
    r")(?:\*\*)?(?P<star>\\?\*)?(?:\*\*)?"
    r"(?P<after>[.:：)]?)(?=[ \t]|$)"
)
#: Heading tasks must say they are tasks (``T-1.1``, ``Task 3``, ``タスク 2``): a numbered heading
#: such as ``## 1. Domain Layer`` is a phase, not a task.
_HEADING_ID = re.compile(
    r"(?P<bold>\*\*)?(?P<id>(?:TASK|Task|task|T|タスク|任务|任務|작업)[-_ ]?[0-9]{1,4}"
    r"(?:\.[0-9]{1,3}){0,3}[a-z]?)(?:\*\*)?(?P<after>[.:：)\-–—]?)(?=[ \t]|$)"
)
#: What may stand before a heading task's id: a checkbox, or a status mark.
_HEADING_MARK = re.compile(r"(?:\[(?P<mark>[ xX\-~/])\]|(?P<done>[✅✔☑])|[⏳🟢🟡🔄⬜])[ \t]{0,4}")
#: Labels right after the id: ``[P]`` (parallel), ``[US1]`` (story: a reference, read with the
#: other references), ``[SETUP]``; cc-sdd's ``(P)``.
_LABEL = re.compile(r"[ \t]{0,4}(?:\[(?P<label>[A-Z][A-Za-z0-9_-]{0,19})\](?!\()|\((?P<p>P)\))")
_TRAILING_PARALLEL = re.compile(r"[ \t]\(P\)\s*$")
_OPTIONAL = re.compile(
    r"[(（\[]\s{0,2}(?:optional|opcional|opcionais|可选|任意|オプション|선택)\s{0,2}[)）\]]",
    re.IGNORECASE,
)
_STORY_LABEL = re.compile(r"US-?[0-9]{1,4}", re.IGNORECASE)

_STATES = {
    " ": TaskState.OPEN,
    "x": TaskState.DONE,
    "X": TaskState.DONE,
    "-": TaskState.IN_PROGRESS,
    "~": TaskState.IN_PROGRESS,
    "/": TaskState.IN_PROGRESS,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskLine:
    """What a task's first line says."""

    id: str
    """The id as written, markup and trailing dot removed; "" when the line has none."""
    title: str
    """The rest of the line, plain text, labels and markers removed."""
    state: TaskState | None
    """The checkbox's state; None for a heading task without one."""
    optional: bool
    """An optional marker (``[ ]*``, ``2.1*``, ``(optional)``)."""
    parallel: bool
    """``[P]`` or ``(P)``."""
    labels: tuple[str, ...]
    """Other bracketed labels (``SETUP``); story tags are references, not labels."""


def checkbox_line(text: str) -> TaskLine | None:
    """The task a list item's first paragraph holds, when it opens with a checkbox."""
    first = text.split("\n", 1)[0]
    box = _CHECKBOX.match(first)
    if box is None:
        return None
    rest = first[box.end() :]
    found = _ID.match(rest)
    ident = ""
    optional = bool(box.group("star"))
    if found is not None:
        ident = found.group("id")
        optional = optional or bool(found.group("star"))
        rest = rest[found.end() :]
    return _finish(ident, rest, _STATES[box.group("mark")], optional)


def heading_line(text: str) -> TaskLine | None:
    """The task a heading names (``T-1.1: Title``), or None for any other heading."""
    rest = text.strip()
    state: TaskState | None = None
    mark = _HEADING_MARK.match(rest)
    if mark is not None:
        if mark.group("mark") is not None:
            state = _STATES[mark.group("mark")]
        elif mark.group("done"):
            state = TaskState.DONE
        rest = rest[mark.end() :]
    found = _HEADING_ID.match(rest)
    if found is None:
        return None
    return _finish(found.group("id"), rest[found.end() :], state, False)


def story_labels(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels that are story tags (``US1``): spec-kit's reference to a user story."""
    return tuple(label for label in labels if _STORY_LABEL.fullmatch(label))


def _finish(ident: str, rest: str, state: TaskState | None, optional: bool) -> TaskLine:
    parallel = False
    labels: list[str] = []
    while True:
        label = _LABEL.match(rest)
        if label is None:
            break
        if label.group("p") or label.group("label") == "P":
            parallel = True
        else:
            labels.append(label.group("label").strip())
        rest = rest[label.end() :]
    if _TRAILING_PARALLEL.search(rest):
        parallel = True
        rest = _TRAILING_PARALLEL.sub("", rest)
    title = plain(rest.lstrip(" \t:-–—"))
    return TaskLine(
        id=" ".join(ident.split()),
        title=title,
        state=state,
        optional=optional or bool(_OPTIONAL.search(title)),
        parallel=parallel,
        labels=tuple(labels),
    )
