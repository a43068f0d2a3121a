"""Task lists (``tasks.md``) to ``Task`` records: the work plan of a spec.

``parse_tasks(doc, prefixes)`` reads Kiro and cc-sdd lists (``- [ ]* 2.1 Title`` with
``_Requirements: 1.1_`` lines), spec-kit lists (``- [ ] T014 [P] [US1] Title``), heading tasks
(``### T-1.1: Title``) and plain checklists; each task keeps its id as written, title, state,
optional marker, parent, place, the requirement ids it cites and the names it mentions.
"""

from spectrace.parse.tasks.reader import TasksParse, parse_tasks

__all__ = ["TasksParse", "parse_tasks"]
