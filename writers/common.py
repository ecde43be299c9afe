"""What several writers share: where a finding is, in words; severities in Chinese and English."""

from __future__ import annotations

from checks.finding import Finding

SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


_WHERE = {
    "zh": {"page": "（第{}页）", "table": "表{}", "row": "“{}”行", "row_n": "第{}行", "col": "“{}”列", "col_n": "第{}列",
           "paragraph": "第{}段", "heading": "（标题）", "sep": " ", "doc": "正文"},
    "en": {"page": " (page {})", "table": "table {}", "row": "row “{}”", "row_n": "row {}", "col": "column “{}”",
           "col_n": "column {}", "paragraph": "paragraph {}", "heading": " (heading)", "sep": ", ", "doc": "body"},
}
_SECTION_DEPTH = 2  # the last two levels of the path: “3.2过程 › 5、公用经费控制率”
_LABEL_MAX = 20


def where(f: Finding, lang: str = "zh") -> str:
    """Where a finding is, as a reader finds it in Word or a PDF viewer: “§ 3.2过程 › 5、公用经费控制率
    第3段（第12页）”, “表2 “办公费”行 “金额（元）”列（第5页）” (or the same in English). Every writer
    prints a location through this; block indexes stay in JSON only."""
    w, loc = _WHERE[lang], f.location
    parts: list[str] = []
    if loc.kind == "table":
        parts.append(_table_words(loc, w, lang))
        if loc.row is not None:
            parts.append(w["row"].format(_short(loc.row_label)) if loc.row_label else w["row_n"].format(loc.row + 1))
        if loc.col is not None:
            parts.append(w["col"].format(_short(loc.col_label)) if loc.col_label else w["col_n"].format(loc.col + 1))
    else:
        section = " › ".join(loc.section.split(" › ")[-_SECTION_DEPTH:]) if loc.section else ""
        if section:
            parts.append("§ " + section + (w["heading"] if loc.kind == "heading" else ""))
        if loc.kind == "paragraph" and loc.paragraph is not None:
            parts.append(w["paragraph"].format(loc.paragraph) if section else
                         w["doc"] + (" " if lang == "en" else "") + w["paragraph"].format(loc.paragraph))
        if not parts:
            parts.append(w["doc"])
    text = w["sep"].join(parts)
    return text + (w["page"].format(loc.page) if loc.page else "")


def _table_words(loc: object, w: dict[str, str], lang: str) -> str:
    label = getattr(loc, "table_label", None)
    ordinal = getattr(loc, "table", None)
    if label and not (lang == "en" and ordinal is not None and label == f"表{ordinal + 1}"):
        return _short(label, 30)
    if ordinal is not None:
        return w["table"].format(ordinal + 1)
    return "表格" if lang == "zh" else "table"


def _short(text: str | None, limit: int = _LABEL_MAX) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


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
