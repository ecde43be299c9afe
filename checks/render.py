"""Writers for results: plain text for the terminal and JSON / JSON lines for scripts."""

from __future__ import annotations

import json

from checks.finding import SEVERITY_RANK, Finding
from checks.runner import Result

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_MARK = {"error": "✗", "warning": "!", "info": "·"}


def where(f: Finding) -> str:
    loc = f.location
    parts = []
    if loc.page:
        parts.append(f"第{loc.page}页")
    if loc.kind == "table":
        parts.append(f"表{(loc.table or 0) + 1}")
        if loc.row is not None:
            parts.append(f"第{loc.row + 1}行")
        if loc.col is not None:
            parts.append(f"第{loc.col + 1}列")
    else:
        parts.append(f"第{loc.block + 1}块{'（标题）' if loc.kind == 'heading' else ''}")
    return " ".join(parts)


def _number(value: object) -> str:
    return "—" if value is None else format(value, "f") if not isinstance(value, str) else value


def render_text(result: Result) -> str:
    head = f"{result.file}（{result.format or '?'}{f'，{result.n_pages} 页' if result.n_pages else ''}）"
    if result.status != "ok":
        return f"{head}\n  无法核查：{result.error}"
    lines = [head]
    for warning in result.warnings:
        lines.append(f"  注意：{warning}")
    if result.evaluation:
        lines.extend(render_evaluation(result.evaluation))
    sections: dict[str, list[Finding]] = {}
    for f in result.findings:
        sections.setdefault(f.location.section or "（正文开头）", []).append(f)
    ordered = sorted(sections.items(), key=lambda kv: (-max(SEVERITY_RANK[f.severity] for f in kv[1]),
                                                       min(f.location.block for f in kv[1])))
    for section, findings in ordered:
        lines.append(f"§ {section}")
        for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.location.block, f.location.row or 0)):
            lines.append(f"  {_MARK[f.severity]} {_SEVERITY_ZH[f.severity]} {f.rule} {f.name}  {where(f)}")
            lines.append(f"    {f.message}")
            if f.excerpt:
                lines.append(f"    原文：{f.excerpt[:120]}")
            if f.stated is not None or f.expected is not None:
                unit = f.unit or ""
                lines.append(f"    报告值 {_number(f.stated)}{unit}　应为 {_number(f.expected)}{unit}")
    counts = result.counts()
    cov = result.coverage
    if not result.findings:
        lines.append("未发现不一致。")
    lines.append(f"汇总：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}")
    lines.append(f"核查覆盖：读取数字 {cov.figures} 个，重算公式 {cov.formulas} 条，核对表格 {cov.tables} 张，"
                 f"核对 {cov.checked} 处；看似可核查但未能解析 {cov.unparsed} 处")
    for example in cov.unparsed_examples[:5]:
        lines.append(f"    未解析：{example}")
    return "\n".join(lines)


def render_json(results: list[Result], many: bool) -> str:
    payload = [r.to_json() for r in results]
    return json.dumps(payload if many else payload[0], ensure_ascii=False, indent=1)


def render_jsonl(result: Result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def render_evaluation(ev: dict) -> list[str]:
    """The re-done evaluation as one compact table, before the findings."""
    head = ("指标", "报告值", "重算值", "分值", "自评得分", "应得分", "结论")
    rows = [head] + [(r["indicator"], _cell(r["stated_value"]), _cell(r["recomputed_value"]), _cell(r["weight"]),
                      _cell(r["awarded"]), _cell(r["expected"]), r["verdict"]) for r in ev["rows"]]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    out = ["评价重算："]
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
