"""Markdown: a summary table, the evaluation, and the findings by section (for tickets and mail)."""

from __future__ import annotations

from checks.runner import Result
from writers.common import SEVERITY, number, unread_phrase, where


def _cell(text: object) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def render_markdown(results: list[Result], lang: str = "zh") -> str:
    sev = SEVERITY[lang]
    out = ["# audit-check", "", "| 文件 | 状态 | 错误 | 警告 | 提示 |" if lang == "zh" else "| file | status | errors | warnings | infos |",
           "|---|---|---:|---:|---:|"]
    for r in results:
        c = r.counts()
        out.append(f"| {_cell(r.file)} | {_cell(r.status)} | {c['error']} | {c['warning']} | {c['info']} |")
    for r in results:
        out += ["", f"## {r.file}", ""]
        if r.status != "ok":
            out.append(f"> {r.error}")
            continue
        cov = r.coverage
        out.append(f"核查覆盖：数字 {cov.figures}，公式 {cov.formulas}，表格 {cov.tables}，核对 {cov.checked}，未解析 {cov.unparsed}"
                   if lang == "zh" else f"Coverage: {cov.figures} figures, {cov.formulas} formulas, {cov.tables} tables, "
                   f"{cov.checked} checks, {cov.unparsed} unparsed")
        if unread := unread_phrase(cov, lang):
            out[-1] += ("，" if lang == "zh" else ", ") + unread
        for ev in r.all_evaluations():
            if ev.get("title"):
                out += ["", f"**{'评价重算' if lang == 'zh' else 'Evaluation re-done'}：{ev['title']}**"]
            out += ["", "| 指标 | 报告值 | 重算值 | 分值 | 自评得分 | 应得分 | 结论 |", "|---|---:|---:|---:|---:|---:|---|"]
            for row in ev["rows"]:
                out.append("| " + " | ".join(_cell(row[k]) for k in ("indicator", "stated_value", "recomputed_value", "weight",
                                                                         "awarded", "expected", "verdict")) + " |")
        sections: dict[str, list] = {}
        for f in r.findings:
            sections.setdefault(f.location.section or "—", []).append(f)
        for section, findings in sections.items():
            out += ["", f"### {section}", ""]
            for f in findings:
                out.append(f"- **{sev[f.severity]} {f.rule}** ({where(f, lang)}): {f.message}  ")
                if f.excerpt:
                    out.append(f"  原文：`{f.excerpt[:120]}`  " if lang == "zh" else f"  text: `{f.excerpt[:120]}`  ")
                if f.stated is not None or f.expected is not None:
                    out.append(f"  {number(f.stated)} → {number(f.expected)} {f.unit or ''}")
        if not r.findings:
            out += ["", "未发现不一致。" if lang == "zh" else "No inconsistency found."]
    return "\n".join(out) + "\n"
