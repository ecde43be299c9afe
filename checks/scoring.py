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
# a scoring rule is read clause by clause: a sentence (；。 or a line) is cut at its commas, and a
# piece without points of its own is read with the piece that gives them (80%（含）-90%，计4分)
_SENTENCE = regex.compile(r"[；;。\n]")
_COMMA = regex.compile(r"，|,(?!(?<=\d,)\d{3}(?!\d))")  # not the thousands separator of 1,200人次
_GIVES_POINTS = regex.compile(r"(?:计|得|给|赋|扣)\s*(?:\d|满分)|不得分|不计分|满分|\d\s*分")
_POINTS = regex.compile(r"(?:计|得|给|赋)\s*(?P<n>\d+(?:\.\d+)?)\s*分|(?P<zero>不得分|不计分|计0分|得0分|0分)|(?P<full>满分)")
_FLOOR = regex.compile(r"(?:最低|扣至|扣到|减至|降至|直至)\s*(?:为)?\s*0\s*分|扣完为止")
_UP = "超过|超出|高于|高出|大于|多于|增长|增加|上升|超|多|高"
_DOWN = "低于|少于|小于|降低|减少|下降|不足|未达|欠|低|少"
# 每超过一个百分点扣0.5分 / 每低于5%扣2分 / 超出部分每1个百分点扣1分 / 每超过（降低）5%扣2分
_LINEAR = regex.compile(
    rf"(?:(?P<before>{_UP}|{_DOWN})(?:的)?部分\s*)?每\s*(?P<dir>{_UP}|{_DOWN})?\s*(?:[（(]\s*(?:或)?(?P<other>{_UP}|{_DOWN})\s*[)）])?\s*"
    r"(?:(?P<one>一个|1个)?百分点|(?P<step>\d+(?:\.\d+)?)\s*(?:%|个百分点)"
    r"|(?P<units>\d+(?:\.\d+)?|[一两])\s*(?P<unit>个(?!百分点)|人次|人|名|户|家|所|项|座|处|件|台|套|场|期|批|篇|辆|亩|公里|千米|吨))"
    r"[^扣]{0,6}扣\s*(?P<deduct>\d+(?:\.\d+)?)\s*分")
_UP_WORD = regex.compile(rf"^(?:{_UP})$")
# what a started step costs, when the rule says: 不足5%的按5%计 / 不足一档按一档扣 (a whole step), 不足5%的不扣分 (none)
_PARTIAL_STEP = regex.compile(r"不足(?:一档|\d+(?:\.\d+)?\s*(?:%|个百分点))的?(?:部分)?[，,]?(?P<how>按|也|不扣|不计)")
_STANDARD = regex.compile(r"以\s*(?P<v>\d+(?:\.\d+)?)\s*%?\s*为(?:标准|基准|上限|目标)")
_PROPORTIONAL = regex.compile(r"(?:完成率|执行率|达成率|完成值\s*/\s*指标值|实际完成值\s*/\s*年度指标值|比率|得分系数|系数)\s*[×*xX]\s*(?:该指标)?(?:分值|权重|满分|指标权重)"
                              r"|按(?:实际)?(?:完成|执行)(?:率|比例)(?:计分|计算得分|得分)|按比例(?:计分|得分)")
_CHECKLIST = regex.compile(r"每(?:出现|发现|有|缺|延误|少)[一1]?(?:例|项|次|处|个)|[①②③④⑤⑥⑦⑧⑨]")
_EQUALS_BEFORE = regex.compile(r"(?:^|[^\d])(?:为|达到|等于)\s*$")
_EQUALS_FIRST = regex.compile(r"^\s*=")
_NAME_EQUALS_RANGE = regex.compile(r"^[^\d=]*=(?=\s*\d+(?:\.\d+)?\s*%?\s*[-－—~～至])")  # 预算控制率=0-10%（含）
_SCORED_AFTER = regex.compile(r"\s*(?:%|)\s*(?:计满分|计|得)")
_POINTS_AFTER = regex.compile(r"\s*分")
_LESS_BEFORE = regex.compile(r"(?:不足|未达到|未达|未满|低于|少于|小于)\s*$")
_MORE_BEFORE = regex.compile(r"(?:超过|高于|大于|多于)\s*$")
_LOOSE_BOUND_AFTER = regex.compile(r"\s*(?:及)?以[上下]")  # 90%以上: included by convention, unless a neighbour says （含）
# 60%以下0分-3分 / 计0-3分（酌情）: a range of points, left to the evaluator — not a range of scores as a
# condition (80-90分的计3分, 80-90分计3分, 80-90分以上)
_POINTS_RANGE = regex.compile(r"\d+(?:\.\d+)?\s*分?\s*[-－—~～至]\s*\d+(?:\.\d+)?\s*分(?!\s*(?:的|计|得|给|赋|为|以|之间|及|[-－—~～至]|\d))")
_FULL_STATED = regex.compile(r"满分(?:为|是|值)?\s*[:：]?\s*(?P<n>\d+(?:\.\d+)?)\s*分")  # 本项满分4分
_QUALITATIVE = regex.compile(r"酌情|视情|根据.*(?:情况|成效)|健全|完整|按规定|符合")


@dataclass
class Band:
    lo: Decimal
    hi: Decimal
    lo_inclusive: bool | None  # None: the rule text does not say
    hi_inclusive: bool | None
    points: Decimal | None  # None: 满分
    text: str
    unit: str | None = None  # of the bounds: % for rates, 人/个/次 for counts
    loose: bool = False  # inclusion only by the 以上/以下 convention: a neighbour's （含） or ≥ overrides it

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
    two_sided: bool = False  # 每超过（降低）5%扣2分: points lost on either side of the threshold
    text: str = ""
    counted: bool = False  # 每少1场扣1分: steps of units counted, not of a rate


@dataclass
class Score:
    points: Decimal | None
    ambiguous: bool = False
    note: str = ""
    alternatives: list[Decimal] = field(default_factory=list)
    rule: str = ""  # the rule applied when the report states none for the indicator (10号: 完成值÷指标值×分值)


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
                return Score(None, ambiguous=True, note=f"{value} 恰在“{band.text.strip()}”的边界上，规则未说明是否含")
            # a band that names its points holds on the deducted side too (…每低于1个百分点扣0.2分，
            # 完成率低于80%的计1分: 70% is 1 point, not what the deduction leaves) — a band of what the
            # deduction counts (参训率低于60%的不得分 is no band of the sessions 每少1场 deducts for)
            if inside and (self.deduction is None or not self._deducts(value) or
                           (band.points is not None and (band.unit == "%") != self.deduction.counted)):
                points = band.points if band.points is not None else full  # 计满分
                return Score(points) if points is not None else Score(None, note="满分未知")
        if self.deduction is not None and self._deducts(value):
            return self._deduct(value, full)
        if self.deduction is not None and not self._safe_bands():
            # nothing to deduct and no band on that side (以100%为标准，每低于5个百分点扣1分; or its only
            # band is on the deducted side: …，低于60%的计0分): full marks
            top = self._full_points(full)
            return Score(top) if top is not None else Score(None, note="满分未知")
        return Score(None, note=f"{value} 不在任何档位内")

    def _deducts(self, value: Decimal) -> bool:
        d = self.deduction
        assert d is not None
        if d.two_sided:
            return value != d.threshold
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
        """The points a deduction starts from: the best of the bands on the side it does not deduct
        (90%-100%计4分；80%-90%计3分；低于80%的每低于1个百分点扣0.5分 starts from 4), else the full marks —
        never a band on the deducted side (…每低于1个百分点扣0.2分，完成率低于80%的计1分 starts from the weight)."""
        safe = [b.points for b in self._safe_bands() if b.points is not None]
        if safe:
            return max(safe)
        return full

    def _safe_bands(self) -> list[Band]:
        """The bands on the side the deduction does not touch (all of them without a deduction)."""
        d = self.deduction
        return [b for b in self.bands if d is None or (b.contains(d.threshold) if d.two_sided else
                                                        b.hi <= d.threshold if d.over else b.lo >= d.threshold)]


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
        return Band(q.value, q.high or q.value, q.low_inclusive, q.high_inclusive, None, clause, q.unit)
    text = fold(clause)
    before = text[:q.start].rstrip()[-4:]  # spaces are no words: 未达到  90% is 未达到90%
    comparison = q.comparison
    if comparison is None and _LESS_BEFORE.search(before):
        comparison = "<"  # 不足90%的
    elif comparison is None and _MORE_BEFORE.search(before):
        comparison = ">"
    loose = comparison in (">=", "<=") and bool(_LOOSE_BOUND_AFTER.match(text, q.end))
    if comparison == ">=":
        return Band(v, INF, None if loose else True, False, None, clause, q.unit, loose)
    if comparison == ">":
        return Band(v, INF, False, False, None, clause, q.unit)
    if comparison == "<=":
        return Band(-INF, v, False, None if loose else True, None, clause, q.unit, loose)
    if comparison == "<":
        return Band(-INF, v, False, False, None, clause, q.unit)
    if before.endswith("=") or _EQUALS_BEFORE.search(before) or _EQUALS_FIRST.match(text):
        return Band(v, v, True, True, None, clause, q.unit)
    if _SCORED_AFTER.match(text, q.end) or q.start <= 1:
        return Band(v, v, True, True, None, clause, q.unit)
    return None


def _clauses(text: str) -> list[str]:
    """The rule cut into clauses, each a condition with its points (or a deduction, or a note)."""
    out = []
    for sentence in _SENTENCE.split(text):
        pending = ""
        for piece in _COMMA.split(sentence):
            pending = f"{pending}，{piece}" if pending else piece
            if _GIVES_POINTS.search(fold(piece)):
                out.append(pending)
                pending = ""
        if pending.strip():
            out.append(pending)
    return [c for c in out if c.strip()]


def parse_rule(text: str, weight: Decimal | None = None) -> ScoringRule:
    rule = ScoringRule(text=text, kind="unparsed", full=weight)
    folded = fold(text)
    if _PROPORTIONAL.search(folded):
        rule.kind = "proportional"
        return rule
    standard = _STANDARD.search(folded)
    for written in _clauses(text):
        # 预算控制率=0-10%（含）: the name blanked, so that the offsets in the clause stay those of the text
        clause = _NAME_EQUALS_RANGE.sub(lambda m: " " * len(m.group(0)), written)
        lin = _LINEAR.search(fold(clause))
        if lin and lin["units"] and not (lin["before"] or lin["dir"] or lin["other"]):
            lin = None  # 每一个专项未按进度扣0.5分: a checklist's count, not a shortfall below a count
        if lin:
            _read_deduction(rule, clause, lin, standard, folded, written)
            continue
        if _FLOOR.search(fold(clause)) and not regex.search(r"(?:计|得)\s*[1-9]", fold(clause)):
            continue  # 最低0分 / 扣至0分为止: the floor, not a band
        points, found, full = _points(clause)
        if not found or _POINTS_RANGE.search(fold(clause)):
            continue  # (60%以下0分-3分: points left to the evaluator, as 酌情计0-3分 — no band)
        qs = [q for q in parse_quantities(clause) if q.kind in ("percent", "range", "number", "count", "amount", "points")]
        qs = [q for q in qs if not _is_points_figure(clause, q)]
        if not qs:
            if points:  # 按期完成得0.5分: points without a condition are the full marks (其余不得分 is none)
                rule.full = max(rule.full or 0, points)
            continue
        at = _points_at(clause)
        ahead = [q for q in qs if q.start < at]
        band = _band_of(clause, ahead[-1] if ahead else qs[0])  # the condition nearest its points
        if band is None:
            continue
        band.points = None if full else points
        rule.bands.append(band)
    if rule.bands or rule.deduction:
        rule.kind = "deduction" if rule.deduction else "bands"
        _settle_bounds(rule)
        rule.problems.extend(_gaps_and_overlaps(rule))
        if rule.full is None:
            rule.full = _full_without_weight(rule, folded)
    elif _CHECKLIST.search(folded):
        rule.kind = "checklist"
    elif _QUALITATIVE.search(folded) or not parse_quantities(text):
        rule.kind = "qualitative"
    return rule


def _full_without_weight(rule: ScoringRule, folded: str) -> Decimal | None:
    """Full marks when no weight is given: as the rule states them (满分4分), else the highest band's
    points — unknown when a band says only 计满分 (≥90%计满分；其余计3分 says nothing of the full
    marks but that they are more than 3), and never a band of 0 (不得分 is no full marks)."""
    stated = _FULL_STATED.search(folded)
    if stated:
        return Decimal(stated["n"])
    if any(b.points is None for b in rule.bands):
        return None
    return max((b.points for b in rule.bands if b.points), default=None)


def _points_at(clause: str) -> int:
    found = list(_POINTS.finditer(fold(clause)))
    return found[-1].start() if found else len(clause)


def _read_deduction(rule: ScoringRule, clause: str, lin: regex.Match[str], standard: regex.Match[str] | None,
                    folded: str, written: str) -> None:
    """`clause` is read, `written` (the clause as the rule prints it) is quoted."""
    first = lin["before"] or lin["dir"] or lin["other"]
    if first is None:
        rule.problems.append(f"扣分方向不明：{written}")
        return
    over = bool(_UP_WORD.match(first))
    sides = {bool(_UP_WORD.match(d)) for d in (lin["before"], lin["dir"], lin["other"]) if d}
    units = lin["units"]
    # 每少1个扣0.5分: a step of whole units below the count that keeps full marks
    step = Decimal(lin["step"] or {None: 1, "一": 1, "两": 2}.get(units, units))
    threshold = _threshold(rule, clause, lin.start(), standard, over, counted=bool(units))
    if threshold is None:
        if not units:  # (每少1项扣1分 with no count to start from is a checklist)
            rule.problems.append(f"扣分起点不明：{written}")
        return
    partial = _PARTIAL_STEP.search(folded)
    rule.deduction = Deduction(threshold, over, step, Decimal(lin["deduct"]), stepped=bool(lin["step"] or units) and step != 1,
                               partial_counts=None if partial is None else partial["how"] in ("按", "也"),
                               two_sided=len(sides) == 2, text=written.strip(), counted=bool(units))


def _is_points_figure(clause: str, q: Quantity) -> bool:
    return q.kind in ("number", "score") and bool(_POINTS_AFTER.match(clause, q.end))


def _threshold(rule: ScoringRule, clause: str, at: int, standard: regex.Match[str] | None, over: bool,
               counted: bool = False) -> Decimal | None:
    """Where deduction starts: a figure in the same clause before 每…, else the bound of the band
    that keeps full marks, else 以X%为标准 (a deduction per unit counted starts only from a count:
    a band of counts or a count before it)."""
    kinds = ("count", "number") if counted else ("percent", "number")
    before = [q for q in parse_quantities(clause[:at]) if q.kind in kinds]
    if before:
        return before[-1].value
    for band in reversed(rule.bands):
        if counted and band.unit == "%":
            continue
        if over and band.hi < INF:
            return band.hi
        if not over and band.lo > -INF:
            return band.lo
    if standard and not counted:
        return Decimal(standard["v"])
    return None


def _settle_bounds(rule: ScoringRule) -> None:
    """A bound the text leaves open belongs to the neighbouring band that claims it; one no band
    claims stays open (scoring a value exactly there is ambiguous). A bound included only by the
    以上/以下 convention yields to a neighbour that claims it, and is included otherwise."""
    _claim_from_neighbours(rule)
    for a in rule.bands:  # 0-10人 and 11-20人: each range holds its whole-number end
        for b in rule.bands:
            if _whole_numbers_meet(a, b):
                a.hi_inclusive = True if a.hi_inclusive is None else a.hi_inclusive
                b.lo_inclusive = True if b.lo_inclusive is None else b.lo_inclusive
    for band in rule.bands:
        if band.loose:
            band.lo_inclusive = True if band.lo_inclusive is None and band.lo > -INF else band.lo_inclusive
            band.hi_inclusive = True if band.hi_inclusive is None and band.hi < INF else band.hi_inclusive
    _claim_from_neighbours(rule)
    for band in rule.bands:
        if band.lo == -INF:
            band.lo_inclusive = False
        if band.hi == INF:
            band.hi_inclusive = False


def _claim_from_neighbours(rule: ScoringRule) -> None:
    for band in rule.bands:
        for other in rule.bands:
            if other is band:
                continue
            if band.lo_inclusive is None and other.hi == band.lo:
                band.lo_inclusive = not bool(other.hi_inclusive) if other.hi_inclusive is not None else None
            if band.hi_inclusive is None and other.lo == band.hi:
                band.hi_inclusive = not bool(other.lo_inclusive) if other.lo_inclusive is not None else None


def _whole_numbers_meet(a: Band, b: Band) -> bool:
    """0-10人 and 11-20人 leave no count unscored; 0-10% and 11%-30% leave 10.5% out, and 少于10人
    and 11-20人 leave 10人 out."""
    units = {a.unit, b.unit}
    return (None not in units and "%" not in units and b.lo - a.hi == 1
            and a.hi_inclusive is not False and b.lo_inclusive is not False
            and a.hi == a.hi.to_integral_value() and b.lo == b.lo.to_integral_value())


def _gaps_and_overlaps(rule: ScoringRule) -> list[str]:
    bands = sorted((b for b in rule.bands if b.lo != b.hi), key=lambda b: (b.lo, b.hi))
    points = [b for b in rule.bands if b.lo == b.hi]
    out, gaps = [], []
    for a, b in zip(bands, bands[1:], strict=False):
        # a band of one value fills a gap only as the one whole count between two bands of counts
        filled = any(_whole_numbers_meet(a, p) and _whole_numbers_meet(p, b) for p in points)
        if b.lo > a.hi and not filled and not _whole_numbers_meet(a, b):
            gaps.append(f"{_fmt(a.hi)} 至 {_fmt(b.lo)}")
        elif b.lo > a.hi:
            continue
        elif b.lo < a.hi:
            out.append(f"档位重叠：“{a.text.strip()}”与“{b.text.strip()}”")
        elif b.lo == a.hi and a.hi_inclusive and b.lo_inclusive:
            out.append(f"边界 {_fmt(a.hi)} 同时属于两档")
        elif b.lo == a.hi and a.hi_inclusive is False and b.lo_inclusive is False and not any(p.lo == a.hi for p in points):
            out.append(f"边界 {_fmt(a.hi)} 不属于任何一档（恰为 {_fmt(a.hi)} 时没有规定得分）")
    if gaps:
        out.insert(0, f"档位之间有空档：{'、'.join(gaps)} 之间没有规定得分")
    return out


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f")


_NUMBER = regex.compile(r"\d+(?:\.\d+)?")


def differences(stated: ScoringRule, other: ScoringRule, weight: Decimal | None = None) -> list[tuple[str, str]]:
    """Where two statements of one rule disagree, as (this wording, that wording) pairs.

    Read as rules when both can be read: a deduction against a deduction (start, step, points,
    direction), a band against a band (bounds, （含）, points; 满分 is the weight). A restatement
    that leaves out a part (only the band that keeps full marks, not the deduction) is no
    disagreement. Rules that cannot be read are held to their figures: each must have a figure
    the other lacks."""
    structured = ("bands", "deduction")
    if stated.kind in structured and other.kind in structured:
        out = []
        a, b = stated.deduction, other.deduction
        if a is not None and b is not None and _deduction_key(a) != _deduction_key(b):
            out.append((a.text, b.text))
        full_a, full_b = weight or stated.full, weight or other.full
        only_a = [x for x in stated.bands if not any(_same_band(x, y, full_a, full_b) for y in other.bands)]
        only_b = [y for y in other.bands if not any(_same_band(x, y, full_a, full_b) for x in stated.bands)]
        if only_a and only_b:
            out.append(("；".join(x.text.strip() for x in only_a), "；".join(y.text.strip() for y in only_b)))
        return out
    if stated.kind in ("unparsed", "qualitative", "checklist") or other.kind in ("unparsed", "qualitative", "checklist"):
        xs = sorted(Decimal(n) for n in _NUMBER.findall(fold(stated.text)))
        ys = sorted(Decimal(n) for n in _NUMBER.findall(fold(other.text)))
        if xs and ys and not _within(xs, ys) and not _within(ys, xs):
            return [(stated.text.strip(), other.text.strip())]
    return []


def quotes_part_of(stated: ScoringRule, other: ScoringRule, weight: Decimal | None = None) -> bool:
    """Every band of `stated` is a band of `other`: the text quoting part of the table's rule."""
    full_a, full_b = weight or stated.full, weight or other.full
    return bool(stated.bands) and all(any(_same_band(x, y, full_a, full_b) for y in other.bands) for x in stated.bands)


def _deduction_key(d: Deduction) -> tuple[object, ...]:
    return (d.threshold, d.two_sided or d.over, d.two_sided, d.step, d.points)


def _same_band(x: Band, y: Band, full_x: Decimal | None, full_y: Decimal | None) -> bool:
    px = x.points if x.points is not None else full_x
    py = y.points if y.points is not None else full_y
    if (x.lo, x.hi) != (y.lo, y.hi) or px != py:
        return False
    return all(p is None or q is None or p == q or (x.loose or y.loose)
               for p, q in ((x.lo_inclusive, y.lo_inclusive), (x.hi_inclusive, y.hi_inclusive)))


def _within(xs: list[Decimal], ys: list[Decimal]) -> bool:
    """Every figure of xs (with its repeats) is among ys."""
    rest = list(ys)
    for x in xs:
        if x not in rest:
            return False
        rest.remove(x)
    return True
