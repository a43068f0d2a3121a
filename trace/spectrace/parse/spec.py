"""One spec's documents, read and parsed: requirements, design item occurrences, parse findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spectrace.codes import finding
from spectrace.model import DesignItem, Finding, Reference, Requirement, Span
from spectrace.parse.code.fenced import CodeMemo
from spectrace.parse.design.attach import attach_references
from spectrace.parse.design.reader import DesignParse, parse_design
from spectrace.parse.markdown import Document, parse_markdown
from spectrace.parse.references import id_keys, id_prefixes
from spectrace.parse.requirements.reader import parse_requirements
from spectrace.parse.source import decode


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedSpec:
    """What the documents of one spec say, before linking."""

    name: str
    """The spec's name."""
    requirements_file: str
    """Requirements document as shown in reports."""
    design_files: tuple[str, ...]
    """Design documents as shown in reports."""
    requirements: tuple[Requirement, ...]
    """In document order, duplicates kept."""
    occurrences: tuple[DesignItem, ...]
    """Design items as found, one per place (not merged yet), with the references they hold
    or inherit."""
    covering: tuple[DesignItem, ...]
    """Statements, and sections holding a reference no item inside them holds."""
    references: tuple[Reference, ...]
    """Every reference the design documents write, in document order."""
    design_docs: tuple[Document, ...]
    """The parsed design documents (references are read from them)."""
    findings: tuple[Finding, ...]
    """Documents where nothing was recognised, unreadable code blocks."""


def parse_spec(
    name: str,
    requirements: tuple[str, bytes],
    design: Sequence[tuple[str, bytes]],
    *,
    read: Callable[[], RequirementsRead] | None = None,
    read_design: Callable[[str, bytes], DesignRead] | None = None,
) -> ParsedSpec:
    """Parse one spec: ``(display path, bytes)`` of its requirements and design documents.

    ``read``: gives what ``read_requirements`` gives for the requirements document, called once
    the design is read (the requirements can be read on another process meanwhile, or come from
    a cache); ``read_design``: what ``read_design_document`` gives for one design document (a
    cache may answer it)."""
    req_display, req_data = requirements
    findings: tuple[Finding, ...] = ()
    docs: list[Document] = []
    occurrences: list[DesignItem] = []
    for display, data in design:
        doc, parsed = (read_design or read_design_document)(display, data)
        docs.append(doc)
        occurrences.extend(parsed.items)
        findings += parsed.findings
    parsed_requirements, found = read() if read else read_requirements(req_display, req_data)
    findings = found + findings
    if design and not occurrences:
        findings += (
            _empty("ST502", design[0][0], "no design item recognised in the design documents"),
        )
    attached = attach_references(
        docs, occurrences, id_prefixes(parsed_requirements), id_keys(parsed_requirements)
    )
    return ParsedSpec(
        name=name,
        requirements_file=req_display,
        design_files=tuple(display for display, _data in design),
        requirements=parsed_requirements,
        occurrences=attached.items,
        covering=attached.covering,
        references=attached.references,
        design_docs=tuple(docs),
        findings=findings,
    )


RequirementsRead = tuple[tuple[Requirement, ...], tuple[Finding, ...]]
DesignRead = tuple[Document, DesignParse]


def read_design_document(display: str, data: bytes, code: CodeMemo | None = None) -> DesignRead:
    """One design document, parsed, and the items it defines (before references attach);
    ``code``: its code blocks as a previous reading read them (see ``CodeMemo``)."""
    doc = parse_markdown(decode(data, display), display)
    return doc, parse_design(doc, code)


def read_requirements(display: str, data: bytes) -> RequirementsRead:
    """The requirements of one document, and a finding when none is recognised."""
    parsed = parse_requirements(parse_markdown(decode(data, display), display)).requirements
    if parsed:
        return parsed, ()
    return parsed, (_empty("ST501", display, "no requirement recognised in this document"),)


def _empty(code: str, file: str, message: str) -> Finding:
    return finding(code, Span(file=file, line=1), file, message)
