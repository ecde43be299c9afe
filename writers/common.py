"""What several writers share: where a finding is, in words; severities in Chinese and English."""

from __future__ import annotations

from checks.finding import Finding
from checks.places import place_words

SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


def where(f: Finding, lang: str = "zh") -> str:
    """Where a finding is, as a reader finds it in Word or a PDF viewer: “§ 3.2过程 › 5、公用经费控制率
    第3段（第12页）”, “表2 “办公费”行 “金额（元）”列（第5页）” (or the same in English). Every writer
    prints a location through this; block indexes stay in JSON only."""
    return place_words(f.location, lang)


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
