"""``--report report.html``: one self-contained page to read a run's changes side by side.

Every changed file gets a table of the lines its changes touch: the original on the left, the
cleaned text on the right, each change highlighted and its rule, fix safety, confidence and reason
listed beneath. Checkboxes by rule, a minimum-confidence slider and the choice of applied edits
and/or suggestions filter what is shown: a change filtered out is shown as if it were not made,
and a line (or file) left with no change is hidden. The page needs nothing from the network: its
style and script are inline, and it works from a file on disk.
"""

from __future__ import annotations

import datetime as _dt
import html
import os

from ..base.version import __version__
from ..text.edits import Edit, findings
from ..text.fileio import write_atomic
from .report import FileReport, Lines

_CSS = """
:root { --del: #ffd7d5; --del-ink: #82071e; --ins: #ccffd8; --ins-ink: #055d20; --sug: #fff1c2; --sug-ink: #7a4e00;
        --line: #8c959f; --rule: #0550ae; --border: #d0d7de; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { margin: 0; color: #1f2328; background: #f6f8fa; }
header { background: #fff; border-bottom: 1px solid var(--border); padding: 12px 20px; position: sticky; top: 0; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 6px; }
.totals { color: #59636e; font-size: 13px; margin-bottom: 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; font-size: 13px; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: 6px; }
.filters label { white-space: nowrap; cursor: pointer; }
.filters code { color: var(--rule); }
main { padding: 12px 20px 40px; }
.errors { background: #fff; border: 1px solid #cf222e; color: #cf222e; padding: 8px 12px; margin-bottom: 12px; }
section.file { background: #fff; border: 1px solid var(--border); border-radius: 6px; margin-bottom: 16px; }
section.file > h2 { font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid var(--border); background: #f6f8fa;
                    font-family: ui-monospace, SFMono-Regular, Menlo, monospace; display: flex; justify-content: space-between; }
section.file > h2 .count { font-family: system-ui, sans-serif; font-weight: normal; color: #59636e; }
table.sbs { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.sbs td { vertical-align: top; padding: 6px 10px; font-size: 14px; line-height: 1.5; white-space: pre-wrap; word-wrap: break-word; }
table.sbs td.no { width: 3.5em; color: var(--line); text-align: right; font-family: ui-monospace, monospace; font-size: 12px; padding-right: 6px; }
table.sbs td.before { border-right: 1px solid var(--border); }
table.sbs tr.notes td { padding-top: 0; padding-bottom: 8px; white-space: normal; border-bottom: 1px solid #eaeef2; }
table.sbs th { font-size: 12px; color: #59636e; text-align: left; font-weight: 600; padding: 4px 10px; background: #fafbfc; }
.before .chg { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
.before .chg.empty::after { content: "‸"; color: var(--del-ink); }
.after .chg ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; }
.after .chg .old { display: none; }
.after .chg.sugg .old { display: inline; background: var(--sug); border-bottom: 2px dashed var(--sug-ink); }
.after .chg.sugg ins { display: none; }
.after .chg.sugg::after { content: " → " attr(data-to); color: var(--sug-ink); font-size: 12px; background: var(--sug); }
.chg.off { background: none !important; color: inherit !important; text-decoration: none !important; }
.before .chg.off.empty::after, .after .chg.off::after { content: none !important; }
.after .chg.off .old { display: inline; background: none; border: 0; }
.after .chg.off ins { display: none; }
ul.why { list-style: none; margin: 0; padding: 0; font-size: 12.5px; color: #424a53; }
ul.why li { margin: 2px 0; }
ul.why li.off { display: none; }
ul.why .rule { font-family: ui-monospace, monospace; color: var(--rule); font-weight: 600; }
ul.why .tag { display: inline-block; padding: 0 5px; border-radius: 8px; font-size: 11px; background: #ddf4ff; color: #0969da; }
ul.why .tag.suggest { background: var(--sug); color: var(--sug-ink); }
ul.why .was { color: var(--del-ink); } ul.why .now { color: var(--ins-ink); }
.hidden { display: none !important; }
#empty { color: #59636e; font-style: italic; }
details { margin-bottom: 12px; font-size: 13px; } summary { cursor: pointer; color: #59636e; }
nav.files { font-size: 13px; margin: 6px 0 0; columns: 3 18em; }
nav.files a { color: #0969da; text-decoration: none; font-family: ui-monospace, monospace; }
"""

_JS = """
(function () {
  const boxes = Array.from(document.querySelectorAll('input[name=rule]'));
  const kinds = Array.from(document.querySelectorAll('input[name=kind]'));
  const conf = document.getElementById('minconf');
  const confOut = document.getElementById('minconf-value');
  const shown = document.getElementById('shown');
  function apply() {
    const rules = new Set(boxes.filter(b => b.checked).map(b => b.value));
    const allowedKinds = new Set(kinds.filter(b => b.checked).map(b => b.value));
    const min = parseFloat(conf.value);
    confOut.textContent = min.toFixed(2);
    let visible = 0;
    document.querySelectorAll('[data-id]').forEach(el => {
      const on = el.dataset.rules.split('+').some(r => rules.has(r)) &&
                 parseFloat(el.dataset.conf) >= min - 1e-9 && allowedKinds.has(el.dataset.kind);
      el.classList.toggle('off', !on);
    });
    document.querySelectorAll('tbody.change').forEach(row => {
      const any = row.querySelector('ul.why li:not(.off)') !== null;
      row.classList.toggle('hidden', !any);
    });
    document.querySelectorAll('section.file').forEach(sec => {
      const n = sec.querySelectorAll('ul.why li:not(.off)').length;
      visible += n;
      sec.classList.toggle('hidden', n === 0);
      sec.querySelector('.count .n').textContent = n;
      const link = document.querySelector('nav.files a[href="#' + sec.id + '"]');
      if (link) link.parentElement.classList.toggle('hidden', n === 0);
    });
    shown.textContent = visible;
    document.getElementById('empty').classList.toggle('hidden', visible !== 0);
  }
  boxes.concat(kinds).forEach(b => b.addEventListener('change', apply));
  conf.addEventListener('input', apply);
  document.getElementById('all-rules').addEventListener('click', () => { boxes.forEach(b => b.checked = true); apply(); });
  document.getElementById('no-rules').addEventListener('click', () => { boxes.forEach(b => b.checked = false); apply(); });
  apply();
})();
"""


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _attrs(edit: Edit, ident: str, kind: str) -> str:
    return (f'data-id="{ident}" data-rules="{_e(edit.rule)}" data-conf="{edit.confidence:.4f}" '
            f'data-kind="{kind}" title="{_e(edit.rule)} · {"suggestion" if kind == "suggestion" else edit.applicability}'
            f' · {edit.confidence:.2f} · {_e(edit.message)}"')


def _rows(report: FileReport) -> list[tuple[int, int, list[tuple[Edit, bool]]]]:
    """Groups of whole lines, [start, end) offsets, with the findings inside them."""
    text = report.original
    items = findings(report.edits, report.suggestions, by_rule=False)
    rows: list[tuple[int, int, list]] = []
    for edit, applied in items:
        start = text.rfind("\n", 0, edit.start) + 1
        last = edit.end - 1 if edit.end > edit.start else edit.start
        end = text.find("\n", last)
        end = max(len(text) if end < 0 else end, edit.end)
        if rows and start <= rows[-1][1]:
            rows[-1] = (rows[-1][0], max(rows[-1][1], end), rows[-1][2] + [(edit, applied)])
        else:
            rows.append((start, end, [(edit, applied)]))
    return rows


def _render_row(report: FileReport, start: int, end: int, items, ident: str, before_lines: Lines,
                shift: int, after_lines: Lines) -> str:
    text = report.original
    left, right, notes = [], [], []
    pos = start
    for n, (edit, applied) in enumerate(items):
        kind = "edit" if applied else "suggestion"
        attrs = _attrs(edit, f"{ident}-{n}", kind)
        left.append(_e(text[pos:edit.start]))
        right.append(_e(text[pos:edit.start]))
        empty = " empty" if edit.start == edit.end else ""
        left.append(f'<span class="chg{empty}" {attrs}>{_e(edit.original)}</span>')
        sugg = "" if applied else f' sugg" data-to="{_e(edit.replacement) or "(remove)"}'
        right.append(f'<span class="chg{sugg}" {attrs}><span class="old">{_e(edit.original)}</span>'
                     f'<ins>{_e(edit.replacement)}</ins></span>')
        pos = edit.end
        tag = (f'<span class="tag">{_e(edit.applicability)}</span>' if applied
               else '<span class="tag suggest">suggestion</span>')
        notes.append(f'<li {attrs}><span class="rule">{_e(edit.rule)}</span> {tag} {edit.confidence:.2f} · '
                     f'{_e(edit.message)} · <span class="was">{_e(repr(edit.original)[1:-1][:80])}</span> → '
                     f'<span class="now">{_e(repr(edit.replacement)[1:-1][:80])}</span></li>')
    left.append(_e(text[pos:end]))
    right.append(_e(text[pos:end]))
    l_no = before_lines.line_col(start)[0]
    r_no = after_lines.line_col(start + shift)[0]
    return (f'<tbody class="change"><tr><td class="no">{l_no}</td><td class="before">{"".join(left)}</td>'
            f'<td class="no">{r_no}</td><td class="after">{"".join(right)}</td></tr>'
            f'<tr class="notes"><td></td><td colspan="3"><ul class="why">{"".join(notes)}</ul></td></tr></tbody>')


def _render_file(report: FileReport, index: int) -> str:
    before_lines, after_lines = Lines(report.original), Lines(report.text)
    body = []
    rows = _rows(report)
    edits = sorted(report.edits, key=lambda e: e.start)
    k = shift = 0
    for r, (start, end, items) in enumerate(rows):
        while k < len(edits) and edits[k].end <= start:
            shift += len(edits[k].replacement) - (edits[k].end - edits[k].start)
            k += 1
        body.append(_render_row(report, start, end, items, f"f{index}r{r}", before_lines, shift, after_lines))
    total = len(report.edits) + len(report.suggestions)
    return (f'<section class="file" id="file-{index}" data-path="{_e(report.path)}"><h2><span>{_e(report.path)}</span>'
            f'<span class="count"><span class="n">{total}</span> of {total} changes shown</span></h2>'
            f'<table class="sbs"><colgroup><col style="width:3.5em"><col><col style="width:3.5em"><col></colgroup>'
            f'<thead><tr><th></th><th>original</th><th></th><th>cleaned</th></tr></thead>{"".join(body)}</table></section>')


def render(reports: list[FileReport], errors: list[str], *, mode: str) -> str:
    """The whole page, as a string."""
    shown = [r for r in reports if r.edits or r.suggestions]
    counts: dict[str, int] = {}
    for r in shown:
        for e in r.edits + r.suggestions:
            for rule in e.rule.split("+"):
                counts[rule] = counts.get(rule, 0) + 1
    n_edits = sum(len(r.edits) for r in reports)
    n_sugg = sum(len(r.suggestions) for r in reports)
    verb = "changed" if mode == "fix" else "would change"
    when = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    rule_boxes = "".join(
        f'<label><input type="checkbox" name="rule" value="{_e(rule)}" checked> <code>{_e(rule)}</code> ({n})</label>'
        for rule, n in sorted(counts.items()))
    nav = "".join(f'<div><a href="#file-{i}">{_e(r.path)}</a> ({len(r.edits) + len(r.suggestions)})</div>'
                  for i, r in enumerate(shown))
    errors_html = ""
    if errors:
        errors_html = ('<div class="errors"><strong>Not processed:</strong><ul>'
                       + "".join(f"<li>{_e(e)}</li>" for e in errors) + "</ul></div>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cleaner {__version__}">
<title>cleaner report: {len(shown)} file{"s" * (len(shown) != 1)} {verb}</title>
<style>{_CSS}</style></head>
<body>
<header>
<h1>cleaner report</h1>
<div class="totals">{when} · cleaner {mode if mode != "diff" else "fix --diff"} · {len(reports)} files scanned ·
{sum(1 for r in reports if r.edits)} {verb} · {n_edits} edit{"s" * (n_edits != 1)}{" applied" if mode == "fix" else ""} ·
{n_sugg} suggestion{"s" * (n_sugg != 1)} · showing <strong id="shown">{n_edits + n_sugg}</strong></div>
<div class="filters">
<fieldset><legend>Rules</legend>{rule_boxes}
<button type="button" id="all-rules">all</button><button type="button" id="no-rules">none</button></fieldset>
<fieldset><legend>Show</legend>
<label><input type="checkbox" name="kind" value="edit" checked> edits</label>
<label><input type="checkbox" name="kind" value="suggestion" checked> suggestions</label></fieldset>
<fieldset><legend>Min. confidence</legend>
<input type="range" id="minconf" min="0" max="1" step="0.05" value="0"> <output id="minconf-value">0.00</output></fieldset>
</div>
</header>
<main>
{errors_html}
<details{" open" if len(shown) <= 12 else ""}><summary>{len(shown)} file{"s" * (len(shown) != 1)} with changes</summary><nav class="files">{nav}</nav></details>
<p id="empty" class="hidden">No change matches these filters.</p>
{"".join(_render_file(r, i) for i, r in enumerate(shown))}
</main>
<script>{_JS}</script>
</body></html>
"""


def write_report(path: str, reports: list[FileReport], errors: list[str], *, mode: str) -> None:
    """Write the page atomically (a reader never sees half a report)."""

    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    write_atomic(path, render(reports, errors, mode=mode).encode("utf-8"))
