"""One self-contained HTML page (styles inline, no scripts, no network): summary, coverage, the
re-done evaluation and the findings by section, the offending figure highlighted. Built from
writers/templates/report.html.j2 with autoescaping; prints on A4 with the file name and page
numbers in the footer of every page."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from checks.finding import Finding
from checks.runner import Result
from writers.common import SEVERITY, unread_phrase, where
from writers.phrases import (
    BAD_VERDICTS,
    EVALUATION_COLUMNS,
    LABELS,
    STATUS,
    evaluation_cells,
    evaluation_heading,
    figure_span,
    total_parts,
    value_parts,
)


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string: safe inside <style> (where HTML escapes are not decoded),
    whatever quotes, backslashes or "</style>" a file name holds."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("writers", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = css_string
    return env


def excerpt_parts(f: Finding) -> tuple[str, str, str]:
    """The excerpt cut around the offending figure: before, the figure, after ("" figure when
    it cannot be placed)."""
    span = figure_span(f)
    if span is None:
        return f.excerpt, "", ""
    return f.excerpt[:span[0]], f.excerpt[span[0]:span[1]], f.excerpt[span[1]:]


def _finding(f: Finding, lang: str) -> dict:
    see = f.detail.get("see") if isinstance(f.detail, dict) else None
    excerpt = excerpt_parts(f) if f.excerpt else None
    return {"severity": f.severity, "severity_name": SEVERITY[lang][f.severity], "rule": f.rule, "name": f.name,
            "where": where(f, lang), "message": f.message, "excerpt": excerpt,
            # the stated figure is marked in the excerpt, or (when it is not there to mark) where it is given
            "figures": value_parts(f, lang), "placed": bool(excerpt and excerpt[1]), "id": f.fingerprint,
            "see_id": see.get("fingerprint") if isinstance(see, dict) else None}


def _evaluation(ev: dict, lang: str) -> dict:
    totals, grades = total_parts(ev, lang)
    return {"heading": evaluation_heading(ev, lang),
            "rows": [{"cells": evaluation_cells(row, lang), "bad": row.get("verdict") in BAD_VERDICTS}
                     for row in ev["rows"]],
            "totals": totals, "grades": grades}


def _report(k: int, r: Result, lang: str, named_page: bool) -> dict:
    t = LABELS[lang]
    # several reports: each on its own named page, so the footer names its file
    report: dict = {"page": f"report{k}" if named_page else None, "file": r.file, "ok": r.status == "ok", "error": r.error,
                    "warnings": r.warnings}
    if r.status != "ok":
        return report
    counts, cov = r.counts(), r.coverage
    report["summary"] = t["summary"].format(e=counts["error"], w=counts["warning"], i=counts["info"])
    report["coverage"] = t["coverage"].format(f=cov.figures, m=cov.formulas, t=cov.tables, c=cov.checked,
                                              u=cov.unparsed)
    report["unread"] = unread_phrase(cov, lang)
    report["waived"] = (t["waived"].format(w=len(r.waived), b=r.baseline_hidden)
                        if r.waived or r.baseline_hidden else "")
    report["evaluations"] = [_evaluation(ev, lang) for ev in r.all_evaluations()]
    sections: dict[str, list[dict]] = {}
    for f in r.findings:
        sections.setdefault(f.location.section or t["start"], []).append(_finding(f, lang))
    report["sections"] = list(sections.items())
    return report


def render_html(results: list[Result], lang: str = "zh") -> str:
    t = LABELS[lang]
    rows = [{"file": r.file, "status": STATUS[lang].get(r.status, r.status), **r.counts()} for r in results]
    footer = results[0].file if len(results) == 1 else "audit-check"
    page = _environment().get_template("report.html.j2").render(
        t=t, lang="zh-CN" if lang == "zh" else "en", rows=rows, footer=footer,
        reports=[_report(k, r, lang, len(results) > 1) for k, r in enumerate(results)],
        columns=[t[label] for _, label in EVALUATION_COLUMNS],
        page_of=_page_counter(lang))
    return page


def _page_counter(lang: str) -> Markup:
    """The CSS `content` of the page number: 第 1 页，共 3 页 / page 1 of 3."""
    before, _, rest = LABELS[lang]["page_of"].partition("{n}")
    middle, _, after = rest.partition("{m}")
    return Markup(" ".join([css_string(before), "counter(page)", css_string(middle), "counter(pages)",
                            css_string(after)]))
