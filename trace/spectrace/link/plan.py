"""A spec's task list once linked: what the analysis of the plan reads."""

from __future__ import annotations

from dataclasses import dataclass

from spectrace.model import Finding, Link, Reference, Task


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedPlan:
    """The tasks of one spec with their links to requirements and design items."""

    tasks_file: str
    """The task list as shown in reports."""
    tasks: tuple[Task, ...]
    """Every task in document order."""
    implements: dict[str, tuple[Link, ...]]
    """Task key -> its links to requirements and criteria (explicit: its own text; inherited: a
    heading above it or a task it belongs to); source ``task:<key>``."""
    builds: dict[str, tuple[str, ...]]
    """Task key -> ids of the design items it names, sorted."""
    dangling: tuple[Reference, ...]
    """Task citations of ids that do not exist, once per place, in document order."""
    findings: tuple[Finding, ...]
    """Dangling and ambiguous citations; a task list in which no task is recognised."""
    checklist_lines: int = 0
    """Checkboxes that are not tasks."""


def task_node(key: str) -> str:
    """Graph node (and ``Link.source``) of a task."""
    return f"task:{key}"
