"""The form a design already writes its references in, learned from the design itself.

Prose: a reference on a line of its own (``_Requirements: 1.1_``, ``**Validates: Requirements
2.2**``, ``**验证需求: 1.2**``) gives its whole line as the form; one closing a sentence in
parentheses (``(Requirements: 2.1)``) gives the parenthesis. The form used most wins; with none,
Kiro's ``_Requirements: 1.1, 1.2_``. Code blocks: the words after the comment marker
(``-- Satisfies: REQ-001``, ``// Implements FR-002``), else ``Requirements:``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spectrace.parse.markdown import BlockKind, Document
from spectrace.parse.references import find_references

#: The form written when the design has none of its own.
DEFAULT_PROSE = "_Requirements: {ids}_"
DEFAULT_CODE_LABEL = "Requirements: "

#: Comment markers by code block language.
COMMENT_MARKERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "sql",
            "postgresql",
            "postgres",
            "psql",
            "plpgsql",
            "mysql",
            "sqlite",
            "tsql",
            "plsql",
            "sqlserver",
            "mssql",
            "hive",
            "bigquery",
            "snowflake",
        ),
        "--",
    ),
    **dict.fromkeys(
        (
            "ts",
            "typescript",
            "tsx",
            "js",
            "javascript",
            "jsx",
            "java",
            "kotlin",
            "kt",
            "cs",
            "csharp",
            "c#",
            "go",
            "golang",
            "rust",
            "rs",
            "swift",
            "scala",
            "prisma",
            "dart",
            "c",
            "cpp",
            "c++",
            "php",
            "groovy",
            "proto",
            "protobuf",
            "jsonc",
        ),
        "//",
    ),
    **dict.fromkeys(
        (
            "python",
            "py",
            "yaml",
            "yml",
            "toml",
            "ruby",
            "rb",
            "sh",
            "bash",
            "shell",
            "graphql",
            "gql",
            "r",
            "perl",
            "elixir",
            "ex",
            "dockerfile",
            "hcl",
            "terraform",
        ),
        "#",
    ),
    "mermaid": "%%",
}

_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+|^\s+")
# What a continuation line must not start with: it would open a block of its own (heading,
# quote, list, table, code fence, HTML, thematic break or setext underline).
_OPENS_BLOCK = re.compile(r"^\s*(?:[#>|<=]|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~|---|\*\*\*)")
_COMMENT = re.compile(r"^\s*(--|//|#|%%)\s*")
_MAX_LABEL = 40


@dataclass(frozen=True, slots=True, kw_only=True)
class Style:
    """How references are written in one design."""

    prose: str = DEFAULT_PROSE
    """A line of Markdown with ``{ids}`` where the ids go."""
    code_label: str = DEFAULT_CODE_LABEL
    """What follows the comment marker in a code block, before the ids."""

    def line(self, ids: Sequence[str]) -> str:
        """The reference to ``ids`` as a line of prose."""
        return self.prose.replace("{ids}", ", ".join(ids))

    def comment(self, marker: str, ids: Sequence[str]) -> str:
        """The reference to ``ids`` as a code comment."""
        return f"{marker} {self.code_label}{', '.join(ids)}"


def learn_style(docs: Iterable[Document], prefixes: frozenset[str]) -> Style:
    """The dominant forms of the documents' references (ties: the first met)."""
    prose: Counter[str] = Counter()
    code: Counter[str] = Counter()
    for doc in docs:
        lines = doc.text.split("\n")
        in_code = _code_lines(doc)
        for number, line in enumerate(lines, start=1):
            if number in in_code:
                label = _code_label(line, prefixes)
                if label:
                    code[label] += 1
            else:
                form = _prose_form(line, prefixes)
                if form:
                    prose[form] += 1
    return Style(
        prose=_dominant(prose, DEFAULT_PROSE),
        code_label=_dominant(code, DEFAULT_CODE_LABEL),
    )


def _dominant(counts: Counter[str], default: str) -> str:
    # Counter keeps the order forms were first met; most_common is stable for equal counts.
    return counts.most_common(1)[0][0] if counts else default


def _code_lines(doc: Document) -> frozenset[int]:
    return frozenset(
        number
        for block in doc.blocks
        if block.kind == BlockKind.CODE
        for number in range(block.line, block.end_line + 1)
    )


def _prose_form(line: str, prefixes: frozenset[str]) -> str:
    hits = [hit for hit in find_references(line, prefixes=prefixes) if hit.labelled]
    if not hits:
        return ""
    before, after = line[: hits[0].start], line[hits[-1].end :]
    opening = before.rfind("(")
    if opening >= 0 and after.startswith(")") and len(before) - opening <= _MAX_LABEL:
        return _usable(before[opening:] + "{ids})", prefixes)
    label = _LIST_MARKER.sub("", before, count=1)
    tail = after.rstrip()
    if len(label) <= _MAX_LABEL and len(tail) <= 4 and not any(c.isalnum() for c in tail):
        return _usable(label + "{ids}" + tail, prefixes)
    return ""


def _code_label(line: str, prefixes: frozenset[str]) -> str:
    marker = _COMMENT.match(line)
    if marker is None:
        return ""
    hits = [hit for hit in find_references(line, prefixes=prefixes) if hit.labelled]
    if not hits:
        return ""
    label = line[marker.end() : hits[0].start]
    return label if 0 < len(label) <= _MAX_LABEL else ""


def _usable(form: str, prefixes: frozenset[str]) -> str:
    """The form, when a line made from it is read back as exactly its ids and opens no block."""
    if _OPENS_BLOCK.match(form):
        return ""
    sample = form.replace("{ids}", "1.1, 2.3")
    read = [hit.target for hit in find_references(sample, prefixes=prefixes)]
    return form if read == ["1.1", "2.3"] else ""
