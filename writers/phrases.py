"""What the text, Markdown and HTML writers print besides the finding's own message, in Chinese and
English: labels, the evaluation's verdicts and total line, and a finding's figures — stated and
expected at the report's own precision (checks.quote.shown), the candidates when the culprit is not
known, "见 FML001" when another finding names the value, and where the offending figure sits in the
excerpt (to highlight it)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from checks.finding import Finding
from checks.quote import UNIT_EN, shown

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "预算绩效自评报告核查结果", "file": "文件", "status": "状态", "error": "错误", "warning": "警告",
        "info": "提示", "pages": "页", "note": "注意", "start": "（正文开头）", "text": "原文", "stated": "报告值",
        "expected": "应为", "see": "见 {rule}", "inconsistent": "不一致", "clean": "未发现不一致。",
        "summary": "汇总：错误 {e}，警告 {w}，提示 {i}",
        "coverage": "核查覆盖：读取数字 {f} 个，重算公式 {m} 条，核对表格 {t} 张，核对 {c} 处；看似可核查但未能解析 {u} 处",
        "unparsed": "未解析", "unreadable": "无法核查", "evaluation": "评价重算",
        "waived": "已豁免 {w} 处，基线中已有 {b} 处（未列出）", "page_of": "第 {n} 页，共 {m} 页",
        "findings": "发现的问题", "sep": "；", "colon": "：",
        "stated_total": "报告总分", "table_total": "表内合计", "recomputed_total": "重算得分合计",
        "stated_grade": "报告等级", "expected_grade": "应得等级",
        "indicator": "指标", "stated_value": "报告值", "recomputed_value": "重算值", "weight": "分值",
        "awarded": "自评得分", "expected_score": "应得分", "verdict": "结论",
    },
    "en": {
        "title": "audit-check results", "file": "file", "status": "status", "error": "errors", "warning": "warnings",
        "info": "infos", "pages": "pages", "note": "note", "start": "(opening)", "text": "text", "stated": "stated",
        "expected": "expected", "see": "see {rule}", "inconsistent": "inconsistent", "clean": "No inconsistency found.",
        "summary": "Summary: {e} errors, {w} warnings, {i} infos",
        "coverage": "Coverage: {f} figures read, {m} formulas recomputed, {t} tables footed, {c} checks; "
                    "{u} statements looked checkable but could not be parsed",
        "unparsed": "unparsed", "unreadable": "could not be checked", "evaluation": "Evaluation re-done",
        "waived": "{w} waived, {b} already in the baseline (not listed)", "page_of": "page {n} of {m}",
        "findings": "Findings", "sep": "; ", "colon": ": ",
        "stated_total": "stated total", "table_total": "table total", "recomputed_total": "recomputed total",
        "stated_grade": "stated grade", "expected_grade": "expected grade",
        "indicator": "indicator", "stated_value": "stated", "recomputed_value": "recomputed", "weight": "weight",
        "awarded": "awarded", "expected_score": "expected", "verdict": "verdict",
    },
}

STATUS = {"zh": {"ok": "已核查", "unreadable": "无法读取", "timeout": "超时"},
          "en": {"ok": "checked", "unreadable": "unreadable", "timeout": "timed out"}}

# the columns of the re-done evaluation: JSON key, label key
EVALUATION_COLUMNS = (("indicator", "indicator"), ("stated_value", "stated_value"),
                      ("recomputed_value", "recomputed_value"), ("weight", "weight"), ("awarded", "awarded"),
                      ("expected", "expected_score"), ("verdict", "verdict"))
# verdicts a reviewer must look at
BAD_VERDICTS = ("得分不符", "指标值不符", "正文与表不符")

# checks/evaluation.py and checks/scoring.py give verdicts in Chinese; these are their English
_VERDICT_EN = {
    "一致": "consistent", "得分不符": "score differs", "指标值不符": "indicator value differs",
    "正文与表不符": "text and table differ", "未复核": "not re-checked", "不适用": "not applicable",
    "分母为0，指标值无定义": "denominator is 0, no value", "无评分标准": "no scoring rule",
    "定性指标，未复核": "qualitative indicator, not re-checked", "评分标准未能解析": "scoring rule not parsed",
    "未找到指标值": "indicator value not found", "指标值与完成值不可比": "target and actual not comparable",
    "满分未知": "full marks unknown", "定性或清单式评分，未复核": "qualitative or checklist scoring, not re-checked",
    "指标值为0，无法按比例计分": "target is 0, cannot score proportionally",
    "完成值÷指标值×分值": "actual ÷ target × weight",
    "指标值÷完成值×分值（反向指标）": "target ÷ actual × weight (an upper-bound indicator)",
}
# verdicts with figures or the report's own words in them (those stay as written)
_VERDICT_EN_PATTERNS = (
    (regex.compile(r"^(?P<v>\S+) 恰在“(?P<band>.*)”的边界上，规则未说明是否含$"),
     "{v} is on the edge of “{band}”; the rule does not say which side it belongs to"),
    (regex.compile(r"^(?P<v>\S+) 不在任何档位内$"), "{v} is in no band of the rule"),
    (regex.compile(r"^差距 (?P<gap>\S+) 不是整档（每档 (?P<step>\S+)），规则未说明零头是否扣分$"),
     "gap {gap} is not a whole step (step {step}); the rule does not say whether the remainder costs points"),
    (regex.compile(r"^未达指标值，按(?P<rule>.+)计$"), "target not met, scored as {rule}"),
)

GRADE_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}

_UNIT_EN = UNIT_EN


def unit(name: str | None, lang: str) -> str:
    """A unit as printed after a figure: 万元 in Chinese, " 10k yuan" in English."""
    if not name:
        return ""
    return _UNIT_EN.get(name, name) if lang == "en" else name


def verdict(text: str | None, lang: str) -> str:
    """An evaluation row's verdict in the output language (an unknown one stays as written)."""
    if not text or lang != "en":
        return text or "—"
    if text in _VERDICT_EN:
        return _VERDICT_EN[text]
    for pattern, english in _VERDICT_EN_PATTERNS:
        if m := pattern.match(text):
            return english.format(**{k: _VERDICT_EN.get(v, v) for k, v in m.groupdict().items()})
    return text


def grade(text: object, lang: str) -> str:
    """A grade as the report names it (优), or its English under --lang en."""
    if text is None or text == "":
        return "—"
    name = str(text)
    return GRADE_EN.get(name, name) if lang == "en" else name


def score(value: object) -> str:
    """A score or total from the evaluation (JSON int/float): as written, at most two decimals."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    number = Decimal(str(value))
    places = -number.as_tuple().exponent if isinstance(number.as_tuple().exponent, int) else 0
    return shown(number, None, 2 if places > 2 else None)


def _as_printed(row: dict, key: str) -> object:
    """A figure of an evaluation row as the report printed it (13.60) where the JSON keeps its text,
    else the JSON number (results written before the text fields existed)."""
    text = row.get(f"{key}_text")
    return text if text else row.get(key)


def evaluation_cells(row: dict, lang: str) -> list[str]:
    """One row of the re-done evaluation as the cells the writers print."""
    return [str(row.get("indicator") or "—")] + [score(_as_printed(row, k)) for k, _ in EVALUATION_COLUMNS[1:-1]] + [
        verdict(row.get("verdict"), lang)]


def evaluation_heading(ev: dict, lang: str) -> str:
    """评价重算（<the table's title>）, or 评价重算 when the table has none."""
    title = ev.get("title")
    base = LABELS[lang]["evaluation"]
    if not title:
        return base
    return f"{base}（{title}）" if lang == "zh" else f"{base} ({title})"


def total_parts(ev: dict, lang: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The evaluation's total line, labelled: the report's stated total, the score table's own total
    and the recomputed sum side by side, then the stated and the expected grade."""
    t = LABELS[lang]
    totals = [(t["stated_total"], score(ev.get("stated_total"))), (t["table_total"], score(ev.get("table_total"))),
              (t["recomputed_total"], score(ev.get("recomputed_total")))]
    grades = [(t["stated_grade"], grade(ev.get("stated_grade"), lang)),
              (t["expected_grade"], grade(ev.get("expected_grade"), lang))]
    return totals, grades


def total_line(ev: dict, lang: str) -> str:
    totals, grades = total_parts(ev, lang)
    comma = "，" if lang == "zh" else ", "
    return (comma.join(f"{k} {v}" for k, v in totals) + LABELS[lang]["sep"]
            + comma.join(f"{k} {v}" for k, v in grades))


# ---------------------------------------------------------------- a finding's figures

# a figure as a whole token: never the "449646.2" of "449646.20" nor the "4" of "14"
_FIGURE = regex.compile(r"(?<![\d.,])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)")


# a scoring rule's own words: bands, deductions, formulas (its points are not an awarded score)
_SCORING_RULE = regex.compile(r"扣|每|不得分|满分|[（(]含[）)]|[≥≤＞＜><]|[×÷]|以上|以下|\d分[；;，,]")


def _value(token: str) -> Decimal | None:
    try:
        return Decimal(token.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def figure_span(f: Finding) -> tuple[int, int] | None:
    """Where the offending figure is in `f.excerpt`: the rule's own offsets when it gave them,
    else the stated figure found as a whole number (the first one followed by the unit). None when
    it cannot be placed — a score whose excerpt is the scoring rule is not marked on a band's points."""
    start, end = getattr(f, "excerpt_start", None), getattr(f, "excerpt_end", None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(f.excerpt):
        return start, end
    if f.stated is None or not f.excerpt:
        return None
    if f.unit == "分" and _SCORING_RULE.search(f.excerpt):
        return None  # an awarded score quoted beside its rule: the rule's "计4分" is a band, not the award
    hits = [m for m in _FIGURE.finditer(f.excerpt) if _value(m.group()) == f.stated]
    if not hits:
        return None
    if f.unit:
        with_unit = [m for m in hits if f.excerpt.startswith(f.unit, m.end())]
        hits = with_unit or hits
    chosen = hits[0]
    end = chosen.end()
    if f.unit and f.excerpt.startswith(f.unit, end):
        end += len(f.unit)  # the figure as it reads: 0.65%, 43.6万元
    return chosen.start(), end


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def stated_places(f: Finding) -> int | None:
    """Decimals of the stated figure as the report printed it (449646.20 has two)."""
    span = figure_span(f)
    if span is None:
        return None
    token = f.excerpt[span[0]:span[1]]
    m = _FIGURE.search(token)
    return _places(_value(m.group()) or Decimal(0)) if m else None


def figures(f: Finding, lang: str = "zh") -> tuple[str | None, str | None]:
    """The stated and the expected figure at the report's precision, with the unit."""
    places = stated_places(f)
    out: list[str | None] = []
    for value in (f.stated, f.expected):
        if value is None:
            out.append(None)
            continue
        value = Decimal(str(value))
        own = _places(value)
        out.append(shown(value, unit(f.unit, lang), max(own, places) if places is not None else None))
    return out[0], out[1]


def candidates(f: Finding, lang: str) -> list[str]:
    """What the finding says in place of 应为 when the culprit is not known."""
    found = f.detail.get("candidates") if isinstance(f.detail, dict) else None
    if not isinstance(found, list):
        return []
    key = "text_en" if lang == "en" else "text"
    return [str(c.get(key) or c.get("text") or "") for c in found if isinstance(c, dict) and (c.get(key) or c.get("text"))]


def see(f: Finding) -> dict | None:
    """The finding that already names the value (`detail.see`), if any."""
    found = f.detail.get("see") if isinstance(f.detail, dict) else None
    return found if isinstance(found, dict) and found.get("rule") else None


def value_parts(f: Finding, lang: str) -> list[tuple[str, str, str]]:
    """The finding's figures as (kind, label, figure): ("stated", "报告值", "0.65%"), ("expected", "应为",
    "0.64%"), ("candidates", "不一致", "若分项无误，合计应为 481.28；…") or ("see", "", "见 FML001")."""
    t = LABELS[lang]
    stated, expected = figures(f, lang)
    parts: list[tuple[str, str, str]] = []
    if stated is not None:
        parts.append(("stated", t["stated"], stated))
    other = candidates(f, lang)
    if expected is not None:
        parts.append(("expected", t["expected"], expected))
    elif other:
        parts.append(("candidates", t["inconsistent"], t["sep"].join(other)))
    if (ref := see(f)) is not None:
        parts.append(("see", "", t["see"].format(rule=ref["rule"])))
    return parts


def values_line(f: Finding, lang: str) -> str:
    """报告值 0.65%　应为 0.64% (text and Markdown)."""
    gap, colon = ("　", "：") if lang == "zh" else ("  ", ": ")
    return gap.join(label + (colon if kind == "candidates" else " ") + value if label else value
                    for kind, label, value in value_parts(f, lang))
