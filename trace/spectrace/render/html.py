"""One self-contained HTML page for a design review: works offline, fetches nothing.

Summary, requirements, the requirement × design-item matrix, gaps, orphans, dangling
references, suggestions, findings, the diagram and the design's sections, per spec
(``html_diagram``: the diagram's rows, columns and boxes link to their place in the page). A
little inline script filters and sorts the tables and unfolds the section a link lands in. Every
piece of document text goes through ``html.escape``; the one JSON block is made safe for a
``<script>`` element; a Content-Security-Policy forbids any network fetch and runs only the
page's own script (by its hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape

from spectrace.model import (
    CriterionResult,
    ItemResult,
    Link,
    PlanSummary,
    Report,
    RequirementResult,
    SpecReport,
    Summary,
)
from spectrace.render.common import (
    item_names,
    plural,
    requirement_label,
    severity_counts,
    silenced_counts,
    state,
    uncovered,
    where,
)
from spectrace.render.html_assets import SCRIPT, STYLE
from spectrace.render.html_diagram import diagrams, requirement_anchors
from spectrace.render.html_plan import (
    PLAN_STYLE,
    index_plan_cells,
    plan_gaps,
    progress_cell,
    tasks_table,
)
from spectrace.version import __version__

#: The matrix is drawn when it has at most this many design-item columns ...
MATRIX_MAX_COLUMNS = 300
#: ... and at most this many cells; beyond, the requirements table says the same thing smaller.
MATRIX_MAX_CELLS = 200_000

_MARKS = {"explicit": "●", "inherited": "◐", "inferred": "○"}
_ORDER = {origin: rank for rank, origin in enumerate(_MARKS)}


def render(report: Report) -> str:
    """The report as one HTML document."""
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="spectrace">',
        f"<title>spectrace: {report.total.coverage:.1f}% coverage</title>",
        f"<style>{STYLE}{PLAN_STYLE if report.plan_total is not None else ''}</style>",
        "</head>",
        "<body>",
        _header(report),
        _controls(),
        *(_spec(spec, number) for number, spec in enumerate(report.specs, start=1)),
        f"<footer>spectrace {escape(__version__)}: same input, same page.</footer>",
        '<script type="application/json" id="spectrace-data">'
        f"{script_json(_data(report))}</script>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def script_json(data: object) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _data(report: Report) -> dict[str, object]:
    data: dict[str, object] = {
        "specs": [_spec_data(spec) for spec in report.specs],
        "coverage": report.total.coverage,
    }
    if report.plan_total is not None:
        data["plan"] = report.plan_total.coverage
        data["progress"] = report.plan_total.progress
    return data


def _spec_data(spec: SpecReport) -> dict[str, object]:
    data: dict[str, object] = {
        "name": spec.name,
        "coverage": spec.summary.coverage,
        "orphans": spec.summary.orphans,
    }
    if spec.plan is not None:
        data["plan"] = spec.plan.coverage
        data["progress"] = spec.plan.progress
    return data


def _header(report: Report) -> str:
    findings = report.findings
    silenced = silenced_counts(findings)
    return (
        "<header>"
        f"<h1>spectrace traceability report</h1>"
        f"<p>{plural(len(report.specs), 'spec')} · findings: {escape(severity_counts(findings))}"
        f"{escape(f' ({silenced})') if silenced else ''}</p>"
        f"{_cards(report.total, report.plan_total)}"
        f"{_spec_index(report)}"
        "</header>"
    )


def _cards(summary: Summary, plan: PlanSummary | None = None) -> str:
    cards = [
        ("coverage", f"{summary.coverage:.1f}%", _level(summary.coverage)),
        (
            "requirements",
            f"{summary.requirements_covered}/{summary.requirements}",
            f"{summary.requirements_partial} partial, {uncovered(summary)} uncovered",
        ),
        ("criteria", f"{summary.criteria_covered}/{summary.criteria}", "covered"),
        ("design items", str(summary.design_items), f"{summary.orphans} orphans"),
        ("dangling", str(summary.dangling), "references"),
    ]
    if plan is not None:
        cards += [
            (
                "plan",
                f"{plan.coverage:.1f}%",
                f"{plan.requirements_planned}/{plan.requirements} requirements planned",
            ),
            ("progress", f"{plan.work_done}/{plan.work}", "tasks done"),
        ]
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card"><span class="label">{escape(label)}</span>'
            f'<span class="value">{escape(value)}</span>'
            f'<span class="sub">{escape(sub)}</span></div>'
            for label, value, sub in cards
        )
        + "</div>"
    )


def _level(coverage: float) -> str:
    return "all covered" if coverage >= 100 else "of units covered"


def _spec_index(report: Report) -> str:
    if len(report.specs) < 2:
        return ""
    planned = report.plan_total is not None
    rows = "".join(
        f'<tr><td><a href="#spec-{number}">{escape(spec.name)}</a></td>'
        f'<td data-sort="{spec.summary.coverage}">{spec.summary.coverage:.1f}%</td>'
        f"<td>{spec.summary.requirements}</td><td>{spec.summary.orphans}</td>"
        f"<td>{spec.summary.dangling}</td>{index_plan_cells(spec) if planned else ''}</tr>"
        for number, spec in enumerate(report.specs, start=1)
    )
    return (
        '<table class="sortable filterable index"><thead><tr><th>spec</th><th>coverage</th>'
        "<th>requirements</th><th>orphans</th><th>dangling</th>"
        f"{'<th>plan</th><th>tasks done</th>' if planned else ''}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _controls() -> str:
    return (
        '<div class="controls" role="search">'
        '<label>Filter <input type="search" id="filter" '
        'placeholder="id, title, item, file…"></label>'
        '<label>Status <select id="status">'
        '<option value="">any</option><option value="covered">covered</option>'
        '<option value="partial">partial</option><option value="uncovered">uncovered</option>'
        "</select></label>"
        '<span id="shown" aria-live="polite"></span>'
        "</div>"
    )


def _spec(spec: SpecReport, number: int) -> str:
    names = item_names(spec)
    files = ", ".join(
        (spec.requirements_file, *spec.design_files, *filter(None, [spec.tasks_file]))
    )
    notes = "".join(f'<p class="spec-note">{escape(note)}</p>' for note in spec.notes)
    sections = [
        f'<section class="spec" id="spec-{number}">',
        f"<h2>{escape(spec.name)} <small>links: {escape(spec.links_used)}</small></h2>",
        f'<p class="files">{escape(files)}</p>',
        notes,
        _cards(spec.summary, spec.plan),
        _requirements(spec, names, number),
        _matrix(spec),
        _gaps(spec, number),
        plan_gaps(spec),
        tasks_table(spec, names),
        _orphans(spec, number),
        _dangling(spec),
        _suggestions(spec, names),
        _findings(spec),
        diagrams(spec, number),
        "</section>",
    ]
    return "\n".join(part for part in sections if part)


def _table(
    title: str, header: tuple[str, ...], rows: list[str], *, css: str = "", anchor: str = ""
) -> str:
    heads = "".join(f"<th>{escape(h)}</th>" for h in header)
    where_to = f' id="{escape(anchor)}"' if anchor else ""
    return (
        f"<h3>{escape(title)} <small>({len(rows)})</small></h3>"
        f'<table{where_to} class="sortable filterable {css}"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _status_cell(status: str) -> str:
    return f'<td class="status {escape(status)}">{escape(status)}</td>'


def _names_cell(links: tuple[Link, ...] | set[Link], names: dict[str, str]) -> str:
    # One chip per item, showing its strongest link (explicit over inherited over inferred).
    best: dict[str, str] = {}
    for link in links:
        name = names.get(link.source, link.source)
        origin = link.origin.value
        if name not in best or _ORDER[origin] < _ORDER[best[name]]:
            best[name] = origin
    chips = "".join(
        f'<span class="chip {escape(origin)}" title="{escape(origin)}">{escape(name)}</span>'
        for name, origin in sorted(best.items())
    )
    return f"<td>{chips}</td>"


def _requirements(spec: SpecReport, names: dict[str, str], number: int) -> str:
    rows = []
    for result, anchor in zip(spec.requirements, requirement_anchors(spec, number), strict=True):
        requirement = result.requirement
        links = {*result.covered_by, *(link for c in result.criteria for link in c.covered_by)}
        covered = sum(1 for c in result.criteria if c.status.value == "covered")
        criteria = "".join(
            f'<span class="crit {escape(c.status.value)}" title="{escape(c.criterion.text)}">'
            f"{escape(c.criterion.id)}</span>"
            for c in result.criteria
        )
        count = f"{covered}/{len(result.criteria)}" if result.criteria else "-"
        # Words only in title attributes (the story, the criteria) are found by the filter too.
        search = " ".join((requirement.text, *(c.criterion.text for c in result.criteria)))
        rows.append(
            f'<tr id="{escape(anchor)}" data-status="{escape(result.status.value)}" '
            f'data-search="{escape(search)}"><td>{escape(requirement.id)}</td>'
            f'<td title="{escape(requirement.text)}">'
            f"{escape(requirement.title or requirement.text)}</td>"
            f"{_status_cell(result.status.value)}"
            f'<td data-sort="{covered}">{count} {criteria}</td>'
            f"{_names_cell(links, names)}"
            f"{progress_cell(result) if spec.plan is not None else ''}"
            f"<td>{escape(where(requirement.span))}</td></tr>"
        )
    plan = ("plan",) if spec.plan is not None else ()
    header = ("id", "title", "status", "criteria", "covered by", *plan, "where")
    return _table("Requirements", header, rows)


def _matrix(spec: SpecReport) -> str:
    columns = [result for result in spec.items if result.covers]
    columns.sort(key=lambda r: (r.item.kind.value, r.item.name.casefold(), r.item.id))
    rows: list[tuple[str, str, str, str, tuple[Link, ...], str]] = []
    tasks: list[tuple[str, ...]] = []  # the tasks column: what implements each row
    for result in spec.requirements:
        rows.append(_matrix_row(result))
        tasks.append(result.plan.tasks if result.plan is not None else ())
        rows.extend(_criterion_row(result, c) for c in result.criteria)
        tasks.extend(c.planned_by for c in result.criteria)
    planned = spec.plan is not None
    if not columns or not rows:
        return ""
    if len(columns) > MATRIX_MAX_COLUMNS or len(columns) * len(rows) > MATRIX_MAX_CELLS:
        return (
            "<h3>Traceability matrix</h3>"
            f'<p class="spec-note">{len(rows)} rows × {len(columns)} design items '
            "is too large to draw; "
            "the requirements table lists what covers each requirement.</p>"
        )
    heads = "".join(
        f'<th class="item" title="{escape(_item_title(r))}"><span>{escape(r.item.name)}</span></th>'
        for r in columns
    )
    body = []
    for (ident, text, status, css, links, whole), keys in zip(rows, tasks, strict=True):
        by_item: dict[str, list[Link]] = {}
        for link in links:
            by_item.setdefault(link.source, []).append(link)
        cells = "".join(_matrix_cell(by_item.get(r.item.id, []), whole) for r in columns)
        task_cell = f'<td class="tasks">{escape(", ".join(keys))}</td>' if planned else ""
        body.append(
            f'<tr class="{css}" data-status="{escape(status)}" data-search="{escape(text)}">'
            f'<th scope="row" title="{escape(text)}">'
            f"{escape(ident)}</th>{_status_cell(status)}{task_cell}{cells}</tr>"
        )
    legend = (
        '<p class="legend">● explicit reference · ◐ inherited from a heading · ○ inferred · '
        "pale: covers the whole requirement"
        + (" · tasks: the tasks that implement the row" if planned else "")
        + "</p>"
    )
    task_head = "<th>tasks</th>" if planned else ""
    return (
        f"<h3>Traceability matrix <small>({len(rows)} × {len(columns)})</small></h3>{legend}"
        '<div class="scroll"><table class="matrix filterable"><thead><tr><th>id</th><th>status</th>'
        f"{task_head}{heads}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _item_title(result: ItemResult) -> str:
    return f"{result.item.kind.value} {result.item.name} · {where(result.item.span)}"


def _matrix_row(result: RequirementResult) -> tuple[str, str, str, str, tuple[Link, ...], str]:
    requirement = result.requirement
    return (
        requirement.id,
        requirement_label(requirement),
        result.status.value,
        "req",
        (*result.covered_by, *(link for c in result.criteria for link in c.covered_by)),
        "",
    )


def _criterion_row(
    result: RequirementResult, criterion: CriterionResult
) -> tuple[str, str, str, str, tuple[Link, ...], str]:
    return (
        criterion.criterion.id,
        criterion.criterion.text,
        criterion.status.value,
        "crit-row",
        criterion.covered_by,
        result.requirement.id,
    )


def _matrix_cell(links: list[Link], whole: str) -> str:
    if not links:
        return "<td></td>"
    best = min(links, key=lambda link: _ORDER[link.origin.value])
    pale = bool(whole) and all(link.target == whole for link in links)
    detail = "; ".join(
        sorted(
            f"{link.origin.value} → {link.target}"
            + (f" ({where(link.span)})" if link.span is not None else "")
            + (f" score {link.score:.2f}" if link.origin.value == "inferred" else "")
            for link in links
        )
    )
    css = f"mark {best.origin.value}{' whole' if pale else ''}"
    return f'<td class="{css}" title="{escape(detail)}">{_MARKS[best.origin.value]}</td>'


def _gaps(spec: SpecReport, number: int) -> str:
    rows = []
    for result in spec.requirements:
        if result.status.value == "covered":
            continue
        missing = [c for c in result.criteria if c.status.value == "uncovered"]
        listed = "".join(
            f"<li><b>{escape(c.criterion.id)}</b> {escape(c.criterion.text)} "
            f'<span class="where">{escape(where(c.criterion.span))}</span></li>'
            for c in missing
        )
        rows.append(
            f'<tr data-status="{escape(result.status.value)}">'
            f"<td>{escape(requirement_label(result.requirement))}</td>"
            f"{_status_cell(result.status.value)}<td><ul>{listed}</ul></td>"
            f"<td>{escape(where(result.requirement.span))}</td></tr>"
        )
    if not rows:
        return ""
    header = ("requirement", "status", "uncovered criteria", "where")
    return _table("Gaps", header, rows, anchor=f"spec-{number}-gaps")


def _orphans(spec: SpecReport, number: int) -> str:
    marks = {f.item: state(f) for f in spec.findings if f.code == "ST301" and f.item}
    rows = [
        f"<tr><td>{escape(r.item.kind.value)}</td><td>{escape(r.item.name)}</td>"
        f"<td>{escape(r.item.section)}</td><td>{escape(marks.get(r.item.id, ''))}</td>"
        f"<td>{escape(where(r.item.span))}</td></tr>"
        for r in spec.items
        if r.orphan
    ]
    if not rows:
        return ""
    header = ("kind", "item", "section", "state", "where")
    return _table("Orphans", header, rows, anchor=f"spec-{number}-orphans")


def _dangling(spec: SpecReport) -> str:
    rows = [
        f"<tr><td>{escape(ref.target)}</td><td>{escape(ref.text)}</td>"
        f"<td>{escape(where(ref.span))}</td></tr>"
        for ref in spec.dangling
    ]
    if not rows:
        return ""
    return _table("Dangling references", ("reference", "written as", "where"), rows)


def _suggestions(spec: SpecReport, names: dict[str, str]) -> str:
    rows = [
        f"<tr><td>{escape(names.get(s.item, s.item))}</td><td>{escape(s.target)}</td>"
        f'<td data-sort="{s.score}">{s.score:.2f}</td><td>{escape(", ".join(s.evidence))}</td></tr>'
        for s in spec.suggestions
    ]
    if not rows:
        return ""
    return _table(
        "Suggested links (inferred, not counted)",
        ("design item", "target", "score", "evidence"),
        rows,
    )


def _findings(spec: SpecReport) -> str:
    rows = [
        f'<tr class="{escape(state(f) or f.severity.value)}"><td>{escape(where(f.span))}</td>'
        f"<td>{escape(f.code)}</td><td>{escape(f.severity.value)}</td>"
        f"<td>{escape(state(f))}</td><td>{escape(f.message)}</td></tr>"
        for f in spec.findings
    ]
    if not rows:
        return ""
    return _table("Findings", ("where", "code", "severity", "state", "message"), rows)
