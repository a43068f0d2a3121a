"""The HTML report's inline style sheet and script (no network: nothing is fetched)."""

from __future__ import annotations

STYLE = """
:root { --ok: #1a7f37; --part: #9a6700; --bad: #cf222e; --line: #d0d7de; --soft: #f6f8fa;
  --ink: #1f2328; --dim: #59636e; color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Noto Sans CJK JP", sans-serif; color: var(--ink); margin: 0 auto; padding: 16px 24px 48px;
  max-width: 1600px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 4px; padding-top: 12px; border-top: 2px solid var(--line); }
h2 small, h3 small { font-weight: normal; color: var(--dim); font-size: 13px; }
h3 { font-size: 15px; margin: 22px 0 6px; }
.files, .where, footer { color: var(--dim); font-size: 12px; }
p.spec-note { background: #fff8c5; border-left: 3px solid var(--part); padding: 4px 8px;
  margin: 6px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 130px;
  display: flex; flex-direction: column; background: var(--soft); }
.card .label { font-size: 11px; text-transform: uppercase; color: var(--dim);
  letter-spacing: .04em; }
.card .value { font-size: 20px; font-weight: 600; }
.card .sub { font-size: 12px; color: var(--dim); }
.controls { position: sticky; top: 0; z-index: 3; background: #fff; padding: 8px 0;
  border-bottom: 1px solid var(--line); display: flex; gap: 16px; align-items: center; }
.controls input { width: 280px; padding: 4px 6px; }
#shown { color: var(--dim); }
table { border-collapse: collapse; margin: 4px 0 8px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
table.sortable thead th { cursor: pointer; user-select: none; }
table.sortable thead th::after { content: " ↕"; color: #afb8c1; }
th[aria-sort="ascending"]::after { content: " ↑"; color: var(--ink); }
th[aria-sort="descending"]::after { content: " ↓"; color: var(--ink); }
td.status { font-weight: 600; }
.covered { color: var(--ok); } .partial { color: var(--part); } .uncovered { color: var(--bad); }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px;
  margin: 1px 2px; font-size: 12px; background: #fff; }
.chip.inherited { border-style: dashed; }
.chip.inferred { border-style: dotted; color: var(--dim); }
.crit { display: inline-block; font-size: 11px; padding: 0 4px; margin: 1px; border-radius: 3px;
  border: 1px solid currentColor; }
ul { margin: 0; padding-left: 18px; }
.scroll { display: inline-block; max-width: 100%; overflow: auto; max-height: 80vh;
  border: 1px solid var(--line); }
table.matrix { margin: 0; }
table.matrix th.item { vertical-align: bottom; height: 170px; padding: 4px 2px; min-width: 22px; }
table.matrix th.item span { writing-mode: vertical-rl; transform: rotate(180deg);
  white-space: nowrap; display: inline-block; max-height: 160px; overflow: hidden;
  text-overflow: ellipsis; font-weight: normal; }
table.matrix thead th { position: sticky; top: 0; z-index: 2; }
table.matrix tbody th { position: sticky; left: 0; background: #fff; white-space: nowrap;
  font-weight: 600; }
table.matrix tr.crit-row th { font-weight: normal; padding-left: 16px; }
table.matrix tr.req td, table.matrix tr.req th { border-top: 2px solid #afb8c1; }
td.mark { text-align: center; color: #0969da; }
td.mark.whole { color: #9ec5fe; }
td.mark.inferred { color: var(--dim); }
.legend { color: var(--dim); font-size: 12px; margin: 0 0 4px; }
tr.suppressed td, tr.baselined td { color: var(--dim); }
tr.error td:nth-child(3) { color: var(--bad); font-weight: 600; }
tr.warning td:nth-child(3) { color: var(--part); font-weight: 600; }
.diagram { overflow: auto; border: 1px solid var(--line); padding: 8px; }
.diagram svg { max-width: 100%; height: auto; }
details.section { margin: 4px 0; }
details.section > summary { cursor: pointer; font-weight: 600; }
details.section > .diagram { margin-top: 6px; }
[id^="spec-"] { scroll-margin-top: 56px; }
tr:target > td, tr:target > th, details:target > summary { background: #fff8c5; }
[hidden] { display: none !important; }
@media print { .controls { display: none; } .scroll { max-height: none; overflow: visible; } }
"""

SCRIPT = """
(() => {
  "use strict";
  const filter = document.getElementById("filter");
  const status = document.getElementById("status");
  const shown = document.getElementById("shown");
  const rows = Array.from(document.querySelectorAll("table.filterable tbody tr"));
  const words = new Map(
    rows.map((row) => [row, (row.textContent + " " + (row.dataset.search || "")).toLowerCase()])
  );
  function apply() {
    const query = filter.value.trim().toLowerCase();
    const wanted = status.value;
    let visible = 0;
    for (const row of rows) {
      const own = row.dataset.status;
      const ok = (!query || words.get(row).includes(query)) && (!wanted || !own || own === wanted);
      row.hidden = !ok;
      if (ok) visible += 1;
    }
    shown.textContent = query || wanted ? visible + " of " + rows.length + " rows shown" : "";
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function value(cell) {
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function sortBy(table, header, index) {
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const list = Array.from(body.rows);
    list.sort((a, b) => {
      const x = value(a.cells[index]);
      const y = value(b.cells[index]);
      const nx = Number(x);
      const ny = Number(y);
      const numbers = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny);
      const order = numbers ? nx - ny : collator.compare(x, y);
      return ascending ? order : -order;
    });
    const fragment = document.createDocumentFragment();
    for (const row of list) fragment.appendChild(row);
    body.appendChild(fragment);
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    Array.from(table.tHead.rows[0].cells).forEach((header, index) => {
      header.tabIndex = 0;
      header.title = "Sort by " + header.textContent;
      const go = () => sortBy(table, header, index);
      header.addEventListener("click", go);
      header.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          go();
        }
      });
    });
  }
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  apply();
  // A link of a diagram (or any #anchor) may land in a folded section or a filtered-out row:
  // unfold the sections around it and show every row again.
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target.closest("tr[hidden]")) {
      filter.value = "";
      status.value = "";
      apply();
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
"""
