"""Writers for results: plain text for the terminal and JSON / JSON lines for scripts."""

from __future__ import annotations

import json

from checks.finding import SEVERITY_RANK, Finding
from checks.runner import Result
from writers.common import SEVERITY, unread_phrase, where
from writers.common import number as _number

_MARK = {"error": "✗", "warning": "!", "info": "·"}


_LABELS = {
    "zh": {"pages": "页", "unreadable": "无法核查", "note": "注意", "start": "（正文开头）", "text": "原文", "stated": "报告值",
           "expected": "应为", "clean": "未发现不一致。", "summary": "汇总：错误 {e}，警告 {w}，提示 {i}",
           "coverage": "核查覆盖：读取数字 {f} 个，重算公式 {m} 条，核对表格 {t} 张，核对 {c} 处；看似可核查但未能解析 {u} 处",
           "unparsed": "未解析"},
    "en": {"pages": "pages", "unreadable": "could not be checked", "note": "note", "start": "(opening)", "text": "text",
           "stated": "stated", "expected": "expected", "clean": "No inconsistency found.",
           "summary": "Summary: {e} errors, {w} warnings, {i} infos",
           "coverage": "Coverage: {f} figures read, {m} formulas recomputed, {t} tables footed, {c} checks; "
                       "{u} statements looked checkable but could not be parsed", "unparsed": "unparsed"},
}


def render_text(result: Result, lang: str = "zh") -> str:
    t = _LABELS[lang]
    sev = SEVERITY[lang]
    pages = f"，{result.n_pages} {t['pages']}" if result.n_pages else ""
    head = f"{result.file}（{result.format or '?'}{pages}）"
    if result.status != "ok":
        return f"{head}\n  {t['unreadable']}：{result.error}"
    lines = [head]
    for warning in result.warnings:
        lines.append(f"  {t['note']}：{warning}")
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
                lines.append(f"    {t['text']}：{f.excerpt[:120]}")
            if f.stated is not None or f.expected is not None:
                unit = f.unit or ""
                lines.append(f"    {t['stated']} {_number(f.stated)}{unit}　{t['expected']} {_number(f.expected)}{unit}")
    counts = result.counts()
    cov = result.coverage
    if not result.findings:
        lines.append(t["clean"])
    lines.append(t["summary"].format(e=counts["error"], w=counts["warning"], i=counts["info"]))
    unread = unread_phrase(cov, lang)
    lines.append(t["coverage"].format(f=cov.figures, m=cov.formulas, t=cov.tables, c=cov.checked, u=cov.unparsed)
                 + (("；" if lang == "zh" else "; ") + unread if unread else ""))
    for example in cov.unparsed_examples[:5]:
        lines.append(f"    {t['unparsed']}：{example}")
    if result.waived or result.baseline_hidden:
        lines.append(f"已豁免 {len(result.waived)} 处，基线中已有 {result.baseline_hidden} 处（未列出）" if lang == "zh" else
                     f"{len(result.waived)} waived, {result.baseline_hidden} already in the baseline (not listed)")
    return "\n".join(lines)


def render_json(results: list[Result], many: bool) -> str:
    payload = [r.to_json() for r in results]
    return json.dumps(payload if many else payload[0], ensure_ascii=False, indent=1)


def render_jsonl(result: Result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def render_evaluation(ev: dict, lang: str = "zh") -> list[str]:
    """The re-done evaluation as one compact table, before the findings."""
    head = ("指标", "报告值", "重算值", "分值", "自评得分", "应得分", "结论") if lang == "zh" else (
        "indicator", "stated", "recomputed", "weight", "awarded", "expected", "verdict")
    rows = [head] + [(r["indicator"], _cell(r["stated_value"]), _cell(r["recomputed_value"]), _cell(r["weight"]),
                      _cell(r["awarded"]), _cell(r["expected"]), r["verdict"]) for r in ev["rows"]]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    title = ev.get("title")
    out = [(f"评价重算（{title}）：" if title else "评价重算：") if lang == "zh" else
           (f"Evaluation re-done ({title}):" if title else "Evaluation re-done:")]
    for row in rows:
        out.append("  " + "  ".join(_pad(text, widths[i]) for i, text in enumerate(row)).rstrip())
    grade = ""
    if ev.get("stated_grade") or ev.get("expected_grade"):
        grade = f"；等级 报告“{_cell(ev.get('stated_grade'))}” 应为“{_cell(ev.get('expected_grade'))}”"
    out.append(f"  总分 报告 {_cell(ev.get('stated_total'))}，表内 {_cell(ev.get('table_total'))}，"
               f"得分合计 {_cell(ev.get('recomputed_total'))}{grade}")
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
