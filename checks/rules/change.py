"""Change rates (CHG001) and growth from a zero base (CHG002), both read from one list of the
report's stated changes: a rate, the change it is a rate of, and the base it is measured on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, in_base, round_half_up
from checks.quote import fmt_number
from checks.registry import Rule, register
from checks.statements import statements
from extractor.claims import Claim
from extractor.labels import is_name
from extractor.model import Block
from extractor.text import fold

_FROM = regex.compile(r"(?:由|从)\s*$")
_TO = regex.compile(r"(?:增长|增加|上升|提高|提升|下降|减少|降低|降|增)?(?:到|至)\s*$")
_DIRECTION_TAIL = regex.compile(r"(?:同比|较上年|比上年|与上年相比|较去年)?(?:增长|增加|上升|提高|提升|下降|减少|降低|压减)$")
_CURRENT_ROLES = {"plain", "total", "item", "result"}


@dataclass
class StatedChange:
    """`rate` says the figure changed by `change` (signed, base unit) from `base`."""

    block: Block
    rate: Claim
    change: Interval
    base: Interval
    formula: str
    sentence_text: str


def stated_changes(ctx: Context) -> list[StatedChange]:
    cached = ctx.__dict__.get("_stated_changes")
    if cached is not None:
        return cached
    by_sentence: dict[tuple[int, tuple[int, int] | None], list[Claim]] = {}
    for c in ctx.claims.prose():
        by_sentence.setdefault((c.block, c.sentence), []).append(c)
    out: list[StatedChange] = []
    for (index, span), claims in by_sentence.items():
        block = ctx.block(index)
        text = block.text[span[0]:span[1]].strip("。；; ") if span else block.text
        for rate in (c for c in claims if c.role == "change_rate" and c.kind == "percent"):
            found = _explained(ctx, block, claims, rate)
            if found is None:
                if any(c.role == "change" and c.end <= rate.start for c in claims):
                    ctx.coverage.could_not_parse(text)  # a change and its rate, but no base to hold them to
                continue
            change, base, formula = found
            out.append(StatedChange(block, rate, change, base, formula, text))
    ctx.__dict__["_stated_changes"] = out
    return out


def _explained(ctx: Context, block: Block, claims: list[Claim], rate: Claim) -> tuple[Interval, Interval, str] | None:
    """The change and base a rate is computed from, as the sentence states them."""
    earlier = [c for c in claims if c.end <= rate.start]
    since_rate = [c for c in earlier if c.role == "change_rate"]
    if since_rate:  # only what lies between the previous rate and this one
        earlier = [c for c in earlier if c.start > since_rate[-1].end]
    deltas = [c for c in earlier if c.role == "change" and c.kind in ("amount", "count")]
    text = block.text
    for start in earlier:  # 由A增加到B（，增加C），增长D%: A is the base, whatever year the clause names
        if start.role in _CURRENT_ROLES and _FROM.search(fold(text[max(0, start.start - 2):start.start])):
            end = next((c for c in earlier if c.start > start.end and c.measure == start.measure
                        and _TO.search(fold(text[start.end:c.start]))), None)
            if end is not None:
                base = in_base(start.quantity)
                if deltas and deltas[-1].start > end.end and deltas[-1].measure == start.measure:
                    delta = deltas[-1]
                    change = in_base(delta.quantity) if delta.direction == "increase" else -in_base(delta.quantity)
                    return change, base, f"{delta.text}÷{start.text}"
                return in_base(end.quantity) - base, base, f"（{end.text}−{start.text}）÷{start.text}"
    if deltas:
        delta = deltas[-1]
        if delta.direction != rate.direction:
            return None
        before = [c for c in claims if c.end <= delta.start and c.measure == delta.measure and c.role in _CURRENT_ROLES]
        if is_name(_DIRECTION_TAIL.sub("", delta.subject)):  # “；政府性基金…收入同比减少160.00万元”: a figure of
            before = [c for c in before if c.group == delta.group]  # its own, not of the group before
        change = in_base(delta.quantity) if delta.direction == "increase" else -in_base(delta.quantity)
        sign = "−" if delta.direction == "increase" else "+"
        named = {c.qualifiers.year for c in [*before, delta] if c.qualifiers.year_from in ("clause", "sentence")}
        if (versus := _compared_year(text, delta, claims)) is not None:
            return change, in_base(versus.quantity), f"{delta.text}÷{versus.text}"
        if len(named) >= 2:  # 2022年…434.80万元，2023年…471.28万元，比上年增加: the years say which is which
            latest = max(y for y in named if y is not None)
            prior = [c for c in before if c.qualifiers.year == latest - 1]
        else:
            prior = [c for c in before if c.qualifiers.period in ("prior",)]
        if prior:
            return change, in_base(prior[-1].quantity), f"{delta.text}÷{prior[-1].text}"
        current = [c for c in before if c.qualifiers.period in (None, "current")]
        if current:
            return change, in_base(current[-1].quantity) - change, f"{delta.text}÷（{current[-1].text}{sign}{delta.text}）"
        stated = _stated_before(ctx, block, delta)
        if stated is not None:
            return change, in_base(stated) - change, f"{delta.text}÷（{stated.text}{sign}{delta.text}）"
        return None
    prior = [c for c in earlier if c.qualifiers.period == "prior" and c.role in _CURRENT_ROLES]
    if prior:
        current = [c for c in earlier if c.end <= prior[-1].start and c.measure == prior[-1].measure
                   and c.role in _CURRENT_ROLES and c.qualifiers.period in (None, "current")]
        if current and prior[-1] is earlier[-1]:  # 支出X，去年同期Y，增长Z%
            base = in_base(prior[-1].quantity)
            return (in_base(current[-1].quantity) - base, base,
                    f"（{current[-1].text}−{prior[-1].text}）÷{prior[-1].text}")
    return None


_COMPARED_WITH = regex.compile(r"(?:比|较|与|同)\s*(?P<year>(?:19|20)\d{2})\s*年度?(?:同期)?(?:相比)?[^，,；;。（()）\d]{0,8}$")


def _compared_year(text: str, delta: Claim, claims: list[Claim]) -> Claim | None:
    """“（2022年比2021年增加1,428元，增幅11.50%）” after a series 2021年、2022年、2023年…分别为: the
    change names the year it is measured from, and that year's figure is its base (a per-head
    figure too: 人均纯收入 is the level that changed)."""
    m = _COMPARED_WITH.search(fold(text[max(0, delta.start - 24):delta.start]))
    if m is None:
        return None
    year = int(m["year"])
    of_year = [c for c in claims if c.end <= delta.start and c.measure == delta.measure and c.qualifiers.year == year
               and c.role in (*_CURRENT_ROLES, "per_head") and c.qualifiers.year_from in ("clause", "sentence")]
    return of_year[-1] if len(of_year) == 1 else None


def _stated_before(ctx: Context, block: Block, delta: Claim):  # type: ignore[no-untyped-def]
    """"比上年增加36.48万元" with the current figure named in an earlier sentence."""
    from checks.labels import canonical, label_before

    label = _DIRECTION_TAIL.sub("", label_before(block.text, delta.start))
    key = (canonical(label), delta.quantity.base_unit or "")
    found = [s.quantity for s in statements(ctx) if s.key == key and s.block.index <= block.index]
    if not found and label:  # 支出较上年增加…, after “2024年度支出合计8,633.33万元” in the same paragraph
        found = [s.quantity for s in statements(ctx) if s.block.index == block.index and s.quantity.end <= delta.start
                 and s.label.startswith(label) and s.claim.measure == delta.measure
                 and s.claim.role in ("plain", "total", "result")]
    return found[-1] if found else None


@register
class ChangeRate(Rule):
    """增减率与增减额不符：增长率 = 增加额 ÷ 上年数（上年数未写明时为本年数 − 增加额）。

    错误示例：支出总计471.28万元，比上年增加36.48万元，增长9.39%。（36.48÷434.80=8.39%）
    正确示例：……增长8.39%。

    上年数取自句中标明“去年同期”“上年”“较上年”或上一年度的数；“由A增长到B”按（B−A）÷A。
    """

    code = "CHG001"
    name = "change.rate"
    severity = "error"
    title = "增减率与增减额不符"
    title_en = "change rate does not match the change amount"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for stated in stated_changes(ctx):
            computed = stated.change / stated.base
            if computed is None:
                continue  # a zero base: CHG002
            ctx.coverage.checked += 1
            rate = stated.rate
            signed = computed.scale(100) if rate.direction == "increase" else -computed.scale(100)
            if signed.overlaps(Interval.shown(abs(rate.value), rate.decimals)):
                continue
            expected = round_half_up(signed.mid, rate.decimals if rate.decimals is not None else 2)
            yield ctx.finding(
                self.code, stated.block, f"增减率写作 {rate.text}，按 {stated.formula} 应为 {fmt_number(expected)}%",
                excerpt=stated.sentence_text, stated=abs(rate.value), expected=expected, unit="%",
                detail={"formula": stated.formula, "base": fmt_number(round_half_up(stated.base.mid, 2))},
                anchor=rate.text, span=(rate.start, rate.end))


@register
class GrowthFromZero(Rule):
    """基期为0却给出增长百分比。

    错误示例：上年无此项支出，本年支出12.00万元，增加12.00万元，增长100%。
    正确示例：上年无此项支出，本年新增支出12.00万元（增长率不适用）。
    """

    code = "CHG002"
    name = "change.zero_base"
    severity = "warning"
    title = "基期为0的增长率"
    title_en = "growth rate stated from a zero base"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for stated in stated_changes(ctx):
            if stated.change / stated.base is not None:
                continue
            ctx.coverage.checked += 1
            yield ctx.finding(self.code, stated.block,
                              f"上年（基期）数为0，增减率无意义，报告却写作 {stated.rate.text}",
                              excerpt=stated.sentence_text, stated=stated.rate.value, unit="%",
                              detail={"formula": stated.formula}, anchor=stated.rate.text,
                              span=(stated.rate.start, stated.rate.end))
