"""Change rates (CHG001) and growth from a zero base (CHG002), both read from one list of the
report's stated changes: a rate, the change it is a rate of, and the base it is measured on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, in_base, round_half_up
from checks.quote import fmt_number, named, quoted
from checks.registry import Rule, register
from checks.statements import statements
from checks.tableview import TableView
from extractor.claims import Claim
from extractor.labels import is_name
from extractor.model import Block
from extractor.segment import inside_brackets
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
        prior = _outside_asides(text, prior, delta)
        if prior:
            return change, in_base(prior[-1].quantity), f"{delta.text}÷{prior[-1].text}"
        current = _outside_asides(text, [c for c in before if c.qualifiers.period in (None, "current")], delta)
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


def _outside_asides(text: str, claims: list[Claim], delta: Claim) -> list[Claim]:
    """The candidates for a change's base, without the figures of a bracketed aside the change is
    not in — “上年同期支出13.85万元（公务接待费3.51万元、…），较上年减少1.38万元”: the bracket breaks
    the figure before it down; its items are not what the change is measured on. Where every
    candidate is in such an aside (“支出471.28万元（上年434.80万元），增加…”), they are kept."""
    if inside_brackets(text, delta.start):
        return claims
    outside = [c for c in claims if not inside_brackets(text, c.start)]
    return outside or claims


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


_RATE_HEAD = regex.compile(r"增减率|增长率|变动率|变化率|增减幅度|增幅|降幅|增减比例|增减(?:%|％)")
_AMOUNT_HEAD_WORDS = regex.compile(r"率|比例|比重|占比|%|％|额|差|幅")
_YEAR_HEAD = regex.compile(r"((?:19|20)\d{2})\s*年")
_PRIOR_HEAD = regex.compile(r"上年|上期|去年|基期|上一年")
_CURRENT_HEAD = regex.compile(r"本年|本期|当年|今年")


def _rate_columns(view: TableView) -> Iterator[tuple[int, int, int]]:
    """(rate column, base column, current column) of each 增减率 column whose two columns its header
    names (“2023年较2022年增减率”: the columns headed 2023年 and 2022年) or the table makes plain (one
    上年 and one 本年 column; or exactly two year columns before it)."""
    amounts = [c for c in view.figure_cols() if not _AMOUNT_HEAD_WORDS.search(fold(view.header(c)))]
    for s in view.figure_cols():
        head = fold(view.header(s))
        if not _RATE_HEAD.search(head):
            continue
        years = sorted({int(y) for y in _YEAR_HEAD.findall(head)})
        if len(years) == 2:
            base = [c for c in amounts if _YEAR_HEAD.findall(fold(view.header(c))) == [str(years[0])]]
            current = [c for c in amounts if _YEAR_HEAD.findall(fold(view.header(c))) == [str(years[1])]]
        elif not years:
            before = [c for c in amounts if c < s]
            base = [c for c in before if _PRIOR_HEAD.search(view.header(c))]
            current = [c for c in before if _CURRENT_HEAD.search(view.header(c))]
            if not base and not current:
                dated = {c: _YEAR_HEAD.findall(fold(view.header(c))) for c in before}
                dated = {c: int(ys[0]) for c, ys in dated.items() if len(ys) == 1}
                if len(dated) == 2 and len(set(dated.values())) == 2:
                    (b, _), (k, _) = sorted(dated.items(), key=lambda item: item[1])
                    base, current = [b], [k]
        else:
            continue
        if len(base) == 1 and len(current) == 1 and base[0] != current[0]:
            yield s, base[0], current[0]


@register
class ChangeRate(Rule):
    """增减率与增减额不符：增长率 = 增加额 ÷ 上年数（上年数未写明时为本年数 − 增加额）。

    错误示例：支出总计471.28万元，比上年增加36.48万元，增长9.39%。（36.48÷434.80=8.39%）
    正确示例：……增长8.39%。

    上年数取自句中标明“去年同期”“上年”“较上年”或上一年度的数；“由A增长到B”按（B−A）÷A。表中的
    增减率列（“2023年较2022年增减率”，或“上年数 | 本年数 | 增减率”）按同行两列核对：（本年−上年）÷上年。
    """

    code = "CHG001"
    name = "change.rate"
    severity = "error"
    title = "增减率与增减额不符"
    title_en = "change rate does not match the change amount"

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self._prose(ctx)
        for view in ctx.views():
            for s, base_col, current_col in _rate_columns(view):
                yield from self._rate_column(ctx, view, s, base_col, current_col)

    def _rate_column(self, ctx: Context, view: TableView, s: int, base_col: int, current_col: int) -> Iterator[Finding]:
        """A 增减率 column: each row's rate is (本年 − 上年) ÷ 上年 of its own row."""
        for r in view.rows:
            rate, base, current = view.figure(r, s), view.figure(r, base_col), view.figure(r, current_col)
            if rate is None or base is None or current is None or base.value == 0:
                continue  # a blank or “—” rate, or growth from nothing (CHG002's matter)
            if {base.quantity.kind, current.quantity.kind} & {"percent", "permille"}:
                continue  # a rate's change is in 百分点, not a growth rate
            computed = (current.interval - base.interval) / base.interval
            if computed is None:
                continue
            computed = computed.scale(100)
            ctx.table_footed(view.block)
            ctx.coverage.checked += 1
            if computed.overlaps(rate.interval):
                continue
            places = rate.quantity.decimals if rate.quantity.decimals is not None else 2
            expected = round_half_up(computed.mid, places)
            formula = (f"（{current.quantity.text}−{base.quantity.text}）÷{base.quantity.text}")
            yield ctx.finding(
                self.code, view.block,
                f"{(name + '行') if (name := named(view.label(r))) else f'第{r + 1}行'}{quoted(view.header(s))}列写作 {rate.quantity.text}，"
                f"按 {formula} 应为 {fmt_number(expected)}%",
                row=r, col=s, excerpt=view.row_text(r), stated=rate.value, expected=expected, unit="%",
                detail={"formula": formula, "base": base.quantity.text, "base_column": view.header(base_col),
                        "current_column": view.header(current_col)},
                anchor=f"{view.label(r)}|{view.header(s)}")

    def _prose(self, ctx: Context) -> Iterator[Finding]:
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
