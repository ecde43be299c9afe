"""Writers for results: plain text for the terminal and JSON / JSON lines for scripts."""

from __future__ import annotations

import json

from checks.finding import SEVERITY_RANK, Finding
from checks.runner import Result
from writers.common import SEVERITY, unread_phrase, where
from writers.phrases import EVALUATION_COLUMNS, LABELS, evaluation_cells, evaluation_heading, total_line, values_line

_MARK = {"error": "✗", "warning": "!", "info": "·"}


def render_text(result: Result, lang: str = "zh") -> str:
    t = LABELS[lang]
    sev = SEVERITY[lang]
    pages = f"{'，' if lang == 'zh' else ', '}{result.n_pages} {t['pages']}" if result.n_pages else ""
    head = f"{result.file}（{result.format or '?'}{pages}）" if lang == "zh" else f"{result.file} ({result.format or '?'}{pages})"
    if result.status != "ok":
        return f"{head}\n  {t['unreadable']}{t['colon']}{result.error}"
    lines = [head]
    for warning in result.warnings:
        lines.append(f"  {t['note']}{t['colon']}{warning}")
    for ev in result.all_evaluations():
        lines.extend(render_evaluation(ev, lang))
    sections: dict[str, list[Finding]] = {}
    for f in result.findings:
        sections.setdefault(f.location.section or t["start"], []).append(f)
    ordered = sorted(sections.items(), key=lambda kv: (-max(SEVERITY_RANK[f.severity] for f in kv[1]),
                                                       min(f.location.block for f in kv[1])))
    for section, findings in ordered:
        lines.append(f"§ {section}")
        for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.location.block, f.location.row or 0)):
            lines.append(f"  {_MARK[f.severity]} {sev[f.severity]} {f.rule} {f.name}  {where(f, lang)}")
            lines.append(f"    {f.message}")
            if f.excerpt:
                lines.append(f"    {t['text']}{t['colon']}{f.excerpt[:120]}")
            if values := values_line(f, lang):
                lines.append("    " + values)
    counts = result.counts()
    cov = result.coverage
    if not result.findings:
        lines.append(t["clean"])
    lines.append(t["summary"].format(e=counts["error"], w=counts["warning"], i=counts["info"]))
    unread = unread_phrase(cov, lang)
    lines.append(t["coverage"].format(f=cov.figures, m=cov.formulas, t=cov.tables, c=cov.checked, u=cov.unparsed)
                 + (t["sep"] + unread if unread else ""))
    for example in cov.unparsed_examples[:5]:
        lines.append(f"    {t['unparsed']}{t['colon']}{example}")
    if result.waived or result.baseline_hidden:
        lines.append(t["waived"].format(w=len(result.waived), b=result.baseline_hidden))
    return "\n".join(lines)


def render_json(results: list[Result], many: bool) -> str:
    payload = [r.to_json() for r in results]
    return json.dumps(payload if many else payload[0], ensure_ascii=False, indent=1)


def render_jsonl(result: Result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def render_evaluation(ev: dict, lang: str = "zh") -> list[str]:
    """The re-done evaluation as one compact table under its heading, before the findings, and
    its total line: the stated total, the table's own total and the recomputed sum; the grades."""
    t = LABELS[lang]
    head = tuple(t[label] for _, label in EVALUATION_COLUMNS)
    rows = [head] + [tuple(evaluation_cells(r, lang)) for r in ev["rows"]]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    out = [evaluation_heading(ev, lang) + t["colon"].rstrip()]
    for row in rows:
        out.append("  " + "  ".join(_pad(text, widths[i]) for i, text in enumerate(row)).rstrip())
    out.append("  " + total_line(ev, lang))
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
