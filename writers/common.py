"""What several writers share: where a finding is, in words; severities in Chinese and English."""

from __future__ import annotations

from checks.finding import Finding

SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


def where(f: Finding, lang: str = "zh") -> str:
    loc = f.location
    if lang == "en":
        parts = [f"page {loc.page}"] if loc.page else []
        if loc.kind == "table":
            parts.append(f"table {(loc.table or 0) + 1}")
            if loc.row is not None:
                parts.append(f"row {loc.row + 1}")
            if loc.col is not None:
                parts.append(f"column {loc.col + 1}")
        else:
            parts.append(f"block {loc.block + 1}{' (heading)' if loc.kind == 'heading' else ''}")
        return ", ".join(parts)
    parts = [f"第{loc.page}页"] if loc.page else []
    if loc.kind == "table":
        parts.append(f"表{(loc.table or 0) + 1}")
        if loc.row is not None:
            parts.append(f"第{loc.row + 1}行")
        if loc.col is not None:
            parts.append(f"第{loc.col + 1}列")
    else:
        parts.append(f"第{loc.block + 1}块{'（标题）' if loc.kind == 'heading' else ''}")
    return " ".join(parts)


def number(value: object) -> str:
    return "—" if value is None else format(value, "f") if not isinstance(value, str) else value


def english(f: Finding) -> str:
    """An English message from the rule's English title and the finding's figures (source text
    such as labels and excerpts stays as the report wrote it)."""
    from checks.registry import load_rules

    rule = load_rules().get(f.rule)
    title = rule.title_en if rule is not None and rule.title_en else f.name
    unit = f" {f.unit}" if f.unit else ""
    parts = [title[0].upper() + title[1:]]
    if f.stated is not None:
        parts.append(f"stated {number(f.stated)}{unit}")
    if f.expected is not None:
        parts.append(f"expected {number(f.expected)}{unit}")
    label = f.detail.get("label") if isinstance(f.detail, dict) else None
    if label:
        parts.append(f"({label})")
    return parts[0] + (": " + ", ".join(parts[1:]) if len(parts) > 1 else "")


def localize(results: list, lang: str) -> list:
    """With --lang en, every message becomes English; the Chinese stays in `message_zh`."""
    if lang != "en":
        return results
    for result in results:
        for f in result.findings:
            if "message_zh" not in f.detail:
                f.detail["message_zh"] = f.message
                f.message = english(f)
    return results
