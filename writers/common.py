"""What several writers share: where a finding is, in words; severities in Chinese and English."""

from __future__ import annotations

from checks.finding import Finding

SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


_WHERE = {
    "zh": {"page": "第{}页", "table": "表{}", "row": "第{}行", "col": "第{}列", "block": "第{}块", "heading": "（标题）",
           "sep": " "},
    "en": {"page": "page {}", "table": "table {}", "row": "row {}", "col": "column {}", "block": "block {}",
           "heading": " (heading)", "sep": ", "},
}


def where(f: Finding, lang: str = "zh") -> str:
    """表3 第2行 第9列 / 第12块, with the page for PDF (or the same in English)."""
    w, loc = _WHERE[lang], f.location
    parts = [w["page"].format(loc.page)] if loc.page else []
    if loc.kind == "table":
        parts.append(w["table"].format((loc.table or 0) + 1))
        if loc.row is not None:
            parts.append(w["row"].format(loc.row + 1))
        if loc.col is not None:
            parts.append(w["col"].format(loc.col + 1))
    else:
        parts.append(w["block"].format(loc.block + 1) + (w["heading"] if loc.kind == "heading" else ""))
    return w["sep"].join(parts)


def unread_phrase(coverage: object, lang: str = "zh") -> str:
    """未能读取 3 处（图片 2、无文字页 1）, or "" when everything met was read."""
    from checks.rules.unread import KIND_NAMES

    n = getattr(coverage, "unread", 0)
    if not n:
        return ""
    names = KIND_NAMES[lang]
    kinds = getattr(coverage, "unread_kinds", {}) or {}
    if lang == "zh":
        return f"未能读取 {n} 处（" + "、".join(f"{names.get(k, k)} {c}" for k, c in kinds.items()) + "）"
    return f"{n} not read (" + ", ".join(f"{names.get(k, k)} {c}" for k, c in kinds.items()) + ")"


def number(value: object) -> str:
    return "—" if value is None else format(value, "f") if not isinstance(value, str) else value


def english(f: Finding) -> str:
    """An English message from the rule's English title and the finding's figures (source text
    such as labels and excerpts stays as the report wrote it)."""
    from checks.registry import load_rules
    from writers.phrases import figures

    rule = load_rules().get(f.rule)
    title = rule.title_en if rule is not None and rule.title_en else f.name
    stated, expected = figures(f, "en")
    parts = [title[0].upper() + title[1:]]
    if stated is not None:
        parts.append(f"stated {stated}")
    if expected is not None:
        parts.append(f"expected {expected}")
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
