"""Markdown: the same summary as the text output (counts, coverage, the re-done evaluation with its
labelled total and grade line) and the findings by section (for tickets and mail)."""

from __future__ import annotations

import re

from checks.runner import Result
from writers.common import SEVERITY, unread_phrase, where
from writers.phrases import (
    EVALUATION_COLUMNS,
    LABELS,
    STATUS,
    evaluation_cells,
    evaluation_heading,
    total_line,
    values_line,
)


def _cell(text: object) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """Report text as inline code, whatever backticks it holds."""
    text = text.replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(results: list[Result], lang: str = "zh") -> str:
    t = LABELS[lang]
    sev = SEVERITY[lang]
    out = ["# audit-check", "", f"| {t['file']} | {t['status']} | {t['error']} | {t['warning']} | {t['info']} |",
           "|---|---|---:|---:|---:|"]
    for r in results:
        c = r.counts()
        out.append(f"| {_cell(r.file)} | {_cell(STATUS[lang].get(r.status, r.status))} | {c['error']} | {c['warning']} "
                   f"| {c['info']} |")
    for r in results:
        out += ["", f"## {r.file}", ""]
        if r.status != "ok":
            out.append(f"> {r.error}")
            continue
        for warning in r.warnings:
            out.append(f"> {t['note']}{t['colon']}{warning}")
        counts, cov = r.counts(), r.coverage
        out.append(t["summary"].format(e=counts["error"], w=counts["warning"], i=counts["info"]) + "  ")
        unread = unread_phrase(cov, lang)
        out.append(t["coverage"].format(f=cov.figures, m=cov.formulas, t=cov.tables, c=cov.checked, u=cov.unparsed)
                   + (t["sep"] + unread if unread else ""))
        if r.waived or r.baseline_hidden:
            out[-1] += "  "
            out.append(t["waived"].format(w=len(r.waived), b=r.baseline_hidden))
        for ev in r.all_evaluations():
            out += ["", f"### {evaluation_heading(ev, lang)}", "",
                    "| " + " | ".join(t[label] for _, label in EVALUATION_COLUMNS) + " |",
                    "|---|---:|---:|---:|---:|---:|---|"]
            for row in ev["rows"]:
                out.append("| " + " | ".join(_cell(c) for c in evaluation_cells(row, lang)) + " |")
            out += ["", f"**{total_line(ev, lang)}**"]
        sections: dict[str, list] = {}
        for f in r.findings:
            sections.setdefault(f.location.section or t["start"], []).append(f)
        for section, findings in sections.items():
            out += ["", f"### § {section}", ""]
            for f in findings:
                out.append(f"- **{sev[f.severity]} {f.rule}** {f.name} ({where(f, lang)}){t['colon']}{f.message}  ")
                if f.excerpt:
                    out.append(f"  {t['text']}{t['colon']}{_code(f.excerpt[:120])}  ")
                if values := values_line(f, lang):
                    out.append("  " + values)
        if not r.findings:
            out += ["", t["clean"]]
    return "\n".join(out) + "\n"
