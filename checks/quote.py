"""How findings print figures: in the unit and at the precision the report itself used."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import regex

from checks.intervals import Interval, round_half_up


def fmt_number(value: Decimal, decimals: int | None = None) -> str:
    if decimals is not None:
        value = round_half_up(value, decimals)
    text = format(value, "f")
    return text


def fmt_interval(interval: Interval, decimals: int | None) -> str:
    """A computed value for a message: one number when rounding settles it, else a range."""
    d = 2 if decimals is None else decimals
    lo, hi = round_half_up(interval.lo, d), round_half_up(interval.hi, d)
    if lo == hi:
        return fmt_number(lo)
    return f"{fmt_number(lo)}～{fmt_number(hi)}"


def shown(value: Decimal | float | int | str | None, unit: str | None = None, decimals: int | None = None,
          group: bool | None = None) -> str:
    """A figure as a reader expects to see it printed: at its own precision (or `decimals`),
    thousands separators from 10 000 up (or as `group` says), the unit after it (％/% glued,
    other units glued too, as Chinese reports print them). None is "—"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value + (unit or "")
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = round_half_up(number, decimals)
    if group is None:
        group = abs(number) >= 10000
    text = format(number, ",f" if group else "f")
    return text + (unit or "")


def quoted(label: str) -> str:
    """A name in Chinese quotes, once: “公用经费控制率”. A name already quoted whole stays as it is;
    quotes inside a name become the inner pair (“‘三公经费’控制率”), never ““…”…”."""
    text = label.strip()
    if len(text) >= 2 and text[0] == "“" and text[-1] == "”" and "“" not in text[1:-1] and "”" not in text[1:-1]:
        return text
    inner = text.replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def named(label: str | None, fallback: str = "") -> str:
    """A label as a message prints it: cleaned the way labels are read (extractor.labels.display_label)
    and quoted once; `fallback` (unquoted words) when there is no name."""
    from extractor.labels import display_label

    text = display_label(label or "")
    return quoted(text) if text else fallback


# units the tool itself reasons in, in English; a report's own count words (部, 宗, 万头…) stay as written
UNIT_EN = {"元": " yuan", "千元": " thousand yuan", "万元": " 10k yuan", "亿元": " 100M yuan", "分": " points",
           "人": " persons", "人次": " person-times", "次": " times", "天": " days", "年": " years", "个月": " months",
           "平方米": " m²", "万平方米": " 10k m²", "公里": " km", "％": "%"}
_FIGURE_UNIT = regex.compile(r"(?<=\d)(" + "|".join(sorted(map(regex.escape, UNIT_EN), key=len, reverse=True)) + ")")


def candidate(text: str, text_en: str, value: Decimal | None = None) -> dict[str, str | None]:
    """One reading of a finding whose culprit is not known (detail["candidates"]); the English
    reading gets English units (2,838.27 10k yuan, not 2,838.27万元)."""
    text_en = _FIGURE_UNIT.sub(lambda m: UNIT_EN[m.group(1)], text_en)
    return {"text": text, "text_en": text_en, "value": None if value is None else format(value, "f")}


def sum_candidates(total: Decimal, summed: Decimal, unit: str | None, decimals: int | None,
                   whole: str = "合计", whole_en: str = "the total", parts: str = "分项",
                   parts_en: str = "the items") -> list[dict[str, str | None]]:
    """A breakdown that does not add up: either the total or one of the parts is wrong."""
    gap = total - summed
    return [
        candidate(f"若{parts}无误，{whole}应为 {shown(summed, unit, decimals)}",
                  f"if {parts_en} are right, {whole_en} should be {shown(summed, unit, decimals)}", summed),
        candidate(f"若{whole}无误，{parts}之和差 {shown(abs(gap), unit, decimals)}",
                  f"if {whole_en} is right, {parts_en} are {shown(abs(gap), unit, decimals)} "
                  f"{'short' if gap > 0 else 'over'}"),
    ]


def readings(candidates: list[dict[str, str | None]]) -> str:
    """The candidates as one clause of a message: “若分项无误，合计应为 …；若合计无误，…”."""
    return "；".join(str(c["text"]) for c in candidates)


def see(finding: Any) -> dict[str, str]:  # noqa: ANN401 - a checks.finding.Finding
    """detail["see"]: the finding that already names the computed value of this figure."""
    return {"rule": finding.rule, "fingerprint": finding.fingerprint}


def section_place(section: str, before: bool = True) -> str:
    """Another place in the text as a reader finds it: the section it is in (“3、在职人员控制率”一节),
    never a block number; 前文 / 后文 when the section has no heading."""
    last = section.split("›")[-1].strip() if section else ""
    return f"{quoted(last)}一节" if last else ("前文" if before else "后文")


def clip(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters for a message, never inside a quotation: a cut that
    would leave “ open ends before it; a cut text ends with “…”."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    depth, opened = 0, -1
    for i, ch in enumerate(cut):
        if ch == "“":
            depth, opened = depth + 1, (i if depth == 0 else opened)
        elif ch == "”" and depth:
            depth -= 1
    if depth:
        closing = text.find("”", limit)
        cut = text[:closing + 1] if 0 <= closing < limit + 12 else cut[:opened]
    cut = cut.rstrip("，,；;、：: ")
    return cut + "…" if len(cut) < len(text) else cut
