"""Scoring rules as written in reports, turned into functions: value → points (domain.md §5).

Shapes: bands (with （含） bounds, 以上/以下, =0), a threshold with a linear deduction per point
and a floor (扣完为止), a per-step deduction (每低于5%扣2分), proportional scoring (完成率×分值),
and checklists (每出现一例扣1分), which need counts the report rarely gives and are left as
qualitative. A rule that cannot be read is said to be unread, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

import regex

from extractor.model import Quantity
from extractor.quantities import parse_quantities
from extractor.text import fold

INF = Decimal("1e18")
_CLAUSE = regex.compile(r"[；;。\n]|，(?=[^，；]*?(?:计|得|扣|不得分))")
_POINTS = regex.compile(r"(?:计|得|给|赋)\s*(?P<n>\d+(?:\.\d+)?)\s*分|(?P<zero>不得分|不计分|计0分|得0分|0分)|(?P<full>满分)")
_LINEAR = regex.compile(
    r"每(?P<dir>超过|超出|高于|多|低于|少于|降低|减少|下降|不足|欠)(?:(?P<one>一个|1个)?百分点|(?P<step>\d+(?:\.\d+)?)\s*(?:%|个百分点))"
    r"[^扣]{0,6}扣\s*(?P<deduct>\d+(?:\.\d+)?)\s*分")
# what a started step costs, when the rule says: 不足5%的按5%计 / 不足一档按一档扣 (a whole step), 不足5%的不扣分 (none)
_PARTIAL_STEP = regex.compile(r"不足(?:一档|\d+(?:\.\d+)?\s*(?:%|个百分点))的?(?:部分)?[，,]?(?P<how>按|也|不扣|不计)")
_STANDARD = regex.compile(r"以\s*(?P<v>\d+(?:\.\d+)?)\s*%?\s*为(?:标准|基准|上限|目标)")
_PROPORTIONAL = regex.compile(r"(?:完成率|执行率|达成率|完成值\s*/\s*指标值|实际完成值\s*/\s*年度指标值|比率|得分系数|系数)\s*[×*xX]\s*(?:该指标)?(?:分值|权重|满分|指标权重)"
                              r"|按(?:实际)?(?:完成|执行)(?:率|比例)(?:计分|计算得分|得分)|按比例(?:计分|得分)")
_CHECKLIST = regex.compile(r"每(?:出现|发现|有|缺|延误|少)[一1]?(?:例|项|次|处|个)|[①②③④⑤⑥⑦⑧⑨]")
_EQUALS_BEFORE = regex.compile(r"(?:^|[^\d])(?:为|达到|等于)\s*$")
_EQUALS_FIRST = regex.compile(r"^\s*=")
_SCORED_AFTER = regex.compile(r"\s*(?:%|)\s*(?:计满分|计|得)")
_POINTS_AFTER = regex.compile(r"\s*分")
_QUALITATIVE = regex.compile(r"酌情|视情|根据.*(?:情况|成效)|健全|完整|按规定|符合")


@dataclass
class Band:
    lo: Decimal
    hi: Decimal
    lo_inclusive: bool | None  # None: the rule text does not say
    hi_inclusive: bool | None
    points: Decimal | None  # None: 满分
    text: str

    def contains(self, v: Decimal) -> bool | None:
        """True/False, or None when v sits on a bound whose inclusion the text leaves open."""
        if self.lo < v < self.hi or (self.lo == self.hi == v):
            return True
        if v == self.lo:
            return self.lo_inclusive
        if v == self.hi:
            return self.hi_inclusive
        return False


@dataclass
class Deduction:
    threshold: Decimal
    over: bool  # True: points lost above the threshold; False: below it
    step: Decimal  # size of one step, in percentage points
    points: Decimal  # lost per step
    stepped: bool  # 每低于5% — whole steps; 每超过一个百分点 — linear
    floor: Decimal = Decimal(0)
    partial_counts: bool | None = None  # does a started step cost a whole one? None: the rule does not say


@dataclass
class Score:
    points: Decimal | None
    ambiguous: bool = False
    note: str = ""
    alternatives: list[Decimal] = field(default_factory=list)


@dataclass
class ScoringRule:
    text: str
    kind: str  # bands | deduction | proportional | checklist | qualitative | unparsed
    full: Decimal | None = None
    bands: list[Band] = field(default_factory=list)
    deduction: Deduction | None = None
    problems: list[str] = field(default_factory=list)

    def score(self, value: Decimal, weight: Decimal | None = None) -> Score:
        full = weight if weight is not None else self.full
        if self.kind == "proportional":
            if full is None:
                return Score(None, note="满分未知")
            return Score(min(full, max(Decimal(0), full * value / 100)))
        if self.kind not in ("bands", "deduction"):
            return Score(None, note="定性或清单式评分，未复核")
        for band in self.bands:
            inside = band.contains(value)
            if inside is None:
                return Score(None, ambiguous=True, note=f"{value} 恰在“{band.text}”的边界上，规则未说明是否含")
            if inside and (self.deduction is None or not self._deducts(value)):
                return Score(band.points if band.points is not None else full)
        if self.deduction is not None and self._deducts(value):
            return self._deduct(value, full)
        return Score(None, note=f"{value} 不在任何档位内")

    def _deducts(self, value: Decimal) -> bool:
        d = self.deduction
        assert d is not None
        return value > d.threshold if d.over else value < d.threshold

    def _deduct(self, value: Decimal, full: Decimal | None) -> Score:
        d = self.deduction
        assert d is not None
        top = self._full_points(full)
        if top is None:
            return Score(None, note="满分未知")
        gap = abs(value - d.threshold)
        if not d.stepped:
            return Score(max(d.floor, top - d.points * gap / d.step))
        whole = (gap / d.step).to_integral_value(ROUND_CEILING)
        up = max(d.floor, top - d.points * whole)
        if gap % d.step == 0:
            return Score(up)
        down = max(d.floor, top - d.points * (gap // d.step))
        if d.partial_counts is not None:  # the rule says what a started step costs
            return Score(up if d.partial_counts else down)
        # “每低于5%扣2分” with a shortfall of 3.13%: one step (a started step counts) or none
        return Score(up, ambiguous=True, alternatives=sorted({up, down}),
                     note=f"差距 {_fmt(gap)} 不是整档（每档 {_fmt(d.step)}），规则未说明零头是否扣分")

    def _full_points(self, full: Decimal | None) -> Decimal | None:
        satisfied = [b.points for b in self.bands if b.points is not None]
        if satisfied:
            return max(satisfied)
        return full


def _points(clause: str) -> tuple[Decimal | None, bool, bool]:
    """(points, found, means-full-marks)."""
    found = list(_POINTS.finditer(fold(clause)))
    m = found[-1] if found else None
    if m is None:
        return None, False, False
    if m["zero"]:
        return Decimal(0), True, False
    if m["full"]:
        return None, True, True
    return Decimal(m["n"]), True, False


def _band_of(clause: str, q: Quantity) -> Band | None:
    v = q.value
    if q.kind == "range":
        return Band(q.value, q.high or q.value, q.low_inclusive, q.high_inclusive, None, clause)
    text = fold(clause)
    before = text[max(0, q.start - 2):q.start]
    if q.comparison == ">=":
        return Band(v, INF, True, False, None, clause)
    if q.comparison == ">":
        return Band(v, INF, False, False, None, clause)
    if q.comparison == "<=":
        return Band(-INF, v, False, True, None, clause)
    if q.comparison == "<":
        return Band(-INF, v, False, False, None, clause)
    if before.endswith("=") or _EQUALS_BEFORE.search(before) or _EQUALS_FIRST.match(text):
        return Band(v, v, True, True, None, clause)
    if _SCORED_AFTER.match(text[q.end:q.end + 4]) or q.start <= 1:
        return Band(v, v, True, True, None, clause)
    return None


def parse_rule(text: str, weight: Decimal | None = None) -> ScoringRule:
    rule = ScoringRule(text=text, kind="unparsed", full=weight)
    folded = fold(text)
    if _PROPORTIONAL.search(folded):
        rule.kind = "proportional"
        return rule
    standard = _STANDARD.search(folded)
    for clause in (c for c in _CLAUSE.split(text) if c and c.strip()):
        lin = _LINEAR.search(fold(clause))
        if lin:
            over = lin["dir"] in ("超过", "超出", "高于", "多")
            step = Decimal(lin["step"]) if lin["step"] else Decimal(1)
            threshold = _threshold(rule, clause, lin.start(), standard, over)
            if threshold is None:
                rule.problems.append(f"扣分起点不明：{clause}")
                continue
            partial = _PARTIAL_STEP.search(folded)
            rule.deduction = Deduction(threshold, over, step, Decimal(lin["deduct"]), stepped=bool(lin["step"]) and step != 1,
                                       partial_counts=None if partial is None else partial["how"] in ("按", "也"))
            continue
        points, found, full = _points(clause)
        if not found:
            continue
        qs = [q for q in parse_quantities(clause) if q.kind in ("percent", "range", "number", "count", "amount", "points")
              and not (q.kind == "number" and q.comparison is None and q.start > 0 and clause[q.end:q.end + 1] == "分")]
        qs = [q for q in qs if not _is_points_figure(clause, q)]
        if not qs:
            if full or points is not None:
                rule.full = rule.full if points is None else max(rule.full or 0, points)  # e.g. "计满分"
            continue
        band = _band_of(clause, qs[0])
        if band is None:
            continue
        band.points = None if full else points
        rule.bands.append(band)
    if rule.bands or rule.deduction:
        rule.kind = "deduction" if rule.deduction else "bands"
        _settle_bounds(rule)
        rule.problems.extend(_gaps_and_overlaps(rule))
        if rule.full is None:
            rule.full = max((b.points for b in rule.bands if b.points is not None), default=None)
    elif _CHECKLIST.search(folded):
        rule.kind = "checklist"
    elif _QUALITATIVE.search(folded) or not parse_quantities(text):
        rule.kind = "qualitative"
    return rule


def _is_points_figure(clause: str, q: Quantity) -> bool:
    return q.kind in ("number", "score") and bool(_POINTS_AFTER.match(clause[q.end:q.end + 2]))


def _threshold(rule: ScoringRule, clause: str, at: int, standard: regex.Match[str] | None, over: bool) -> Decimal | None:
    """Where deduction starts: a figure in the same clause before 每…, else the bound of the band
    that keeps full marks, else 以X%为标准."""
    before = [q for q in parse_quantities(clause[:at]) if q.kind in ("percent", "number")]
    if before:
        return before[-1].value
    for band in reversed(rule.bands):
        if over and band.hi < INF:
            return band.hi
        if not over and band.lo > -INF:
            return band.lo
    if standard:
        return Decimal(standard["v"])
    return None


def _settle_bounds(rule: ScoringRule) -> None:
    """A bound the text leaves open belongs to the neighbouring band that claims it; one no band
    claims stays open (scoring a value exactly there is ambiguous)."""
    for band in rule.bands:
        for other in rule.bands:
            if other is band:
                continue
            if band.lo_inclusive is None and other.hi == band.lo:
                band.lo_inclusive = not bool(other.hi_inclusive) if other.hi_inclusive is not None else None
            if band.hi_inclusive is None and other.lo == band.hi:
                band.hi_inclusive = not bool(other.lo_inclusive) if other.lo_inclusive is not None else None
    for band in rule.bands:
        if band.lo == -INF:
            band.lo_inclusive = False
        if band.hi == INF:
            band.hi_inclusive = False


def _gaps_and_overlaps(rule: ScoringRule) -> list[str]:
    bands = sorted((b for b in rule.bands if b.lo != b.hi), key=lambda b: (b.lo, b.hi))
    points = [b for b in rule.bands if b.lo == b.hi]
    out = []
    for a, b in zip(bands, bands[1:], strict=False):
        if b.lo > a.hi and not any(a.hi <= p.lo <= b.lo for p in points):
            out.append(f"档位之间有空档：{_fmt(a.hi)} 至 {_fmt(b.lo)} 之间没有规定得分")
        elif b.lo < a.hi:
            out.append(f"档位重叠：“{a.text.strip()}”与“{b.text.strip()}”")
        elif b.lo == a.hi and a.hi_inclusive and b.lo_inclusive:
            out.append(f"边界 {_fmt(a.hi)} 同时属于两档")
        elif b.lo == a.hi and a.hi_inclusive is False and b.lo_inclusive is False and not any(p.lo == a.hi for p in points):
            out.append(f"边界 {_fmt(a.hi)} 不属于任何一档（恰为 {_fmt(a.hi)} 时没有规定得分）")
    return out


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f")
