"""FML001 formula.chain, and PRC001 precision.truncated which it shares with other comparisons."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from checks.context import Context
from checks.finding import Finding
from checks.formula import UNIT_SCALE, Chain, EvalError, Segment, evaluate, find_chains, money_part
from checks.intervals import Interval, compare, round_half_up
from checks.quote import fmt_interval, named, shown
from checks.registry import Rule, register
from extractor.model import Block


@register
class FormulaChain(Rule):
    """公式链中各步计算结果不一致。

    错误示例：预算调整率=本年追加/年初预算×100%=23.70/438.60×100%=6.40%
              （23.70÷438.60=5.40%，不是6.40%）
    正确示例：预算调整率=本年追加/年初预算×100%=23.70/438.60×100%=5.40%

    每个数字按其显示位数视为区间（5.40% 即 [5.395%, 5.405%]），只有区间不相交才报告。
    """

    code = "FML001"
    name = "formula.chain"
    severity = "error"
    title = "公式计算结果与所列数字不符"
    title_en = "printed formula does not compute to its result"

    def check(self, ctx: Context) -> Iterator[Finding]:
        return (f for f in formula_findings(ctx) if f.rule == self.code)


def formula_findings(ctx: Context) -> list[Finding]:
    """Every printed formula recomputed once; FML001 reports the wrong ones, PRC001 the truncated."""
    cached = ctx.__dict__.get("_formula_findings")
    if cached is not None:
        return cached
    out: list[Finding] = []
    for block in ctx.text_blocks():
        for chain in find_chains(block.text):
            _chain(ctx, out, block, block.text, chain, None, None)
    for block, table in ctx.tables():
        for cell in table.cells:
            if "=" in cell.text or "＝" in cell.text:
                for chain in find_chains(cell.text):
                    _chain(ctx, out, block, cell.text, chain, cell.row, cell.col)
    ctx.__dict__["_formula_findings"] = out
    return out


def _chain(ctx: Context, out: list[Finding], block: Block, text: str, chain: Chain, row: int | None,
           col: int | None) -> None:
    numeric = [s for s in chain.segments if s.kind in ("numeric", "mixed")]
    excerpt = text[chain.start:chain.end]
    if any(s.kind == "mixed" for s in numeric):
        ctx.coverage.could_not_parse(excerpt)
        return
    ctx.coverage.formulas += 1
    for left, right in zip(numeric, numeric[1:], strict=False):
        try:
            computed = evaluate(_units_carried(left))
            target = evaluate(right) if not right.is_single_number else None
        except EvalError:
            ctx.coverage.could_not_parse(excerpt)
            return
        if computed is None:
            return  # a zero divisor: another rule speaks to undefined rates
        ctx.coverage.checked += 1
        if right.is_single_number:
            if not _agrees(ctx, out, block, chain, excerpt, left, right, computed, row, col):
                return
        elif target is not None and not computed.overlaps(target):
            out.append(ctx.finding(
                "FML001", block, f"公式{named(chain.name)}前后两步结果不一致：{left.text} 与 {right.text} 不相等",
                row=row, col=col, excerpt=excerpt, detail={"left": left.text, "right": right.text}, anchor=chain.name))
            return

_MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})



def _units_carried(segment: Segment) -> Segment:
    """A sum or difference whose amounts carry one money unit except some written bare
    (318.46万元+152.82): the bare ones are in that unit too. Products and quotients keep a bare
    number a number (a count, a rate)."""
    if any(k == "op" and v not in "+-" for k, v in segment.tokens):
        return segment
    units = {lit.unit for lit in segment.literals if lit.unit}
    if len(units) != 1 or not units <= _MONEY_UNITS or all(lit.unit for lit in segment.literals):
        return segment
    unit = next(iter(units))
    carried = {id(lit): replace(lit, unit=unit) for lit in segment.literals if not lit.unit}
    return replace(segment, literals=[carried.get(id(lit), lit) for lit in segment.literals],
                   tokens=[(k, carried.get(id(v), v)) for k, v in segment.tokens])


def _agrees(ctx: Context, out: list[Finding], block: Block, chain: Chain, excerpt: str, left: Segment, right: Segment,
            computed: Interval, row: int | None, col: int | None) -> bool:
    literal = right.literals[0]
    negative = any(k == "op" and v == "-" for k, v in right.tokens)
    value = -literal.value if negative else literal.value
    factor = UNIT_SCALE.get(money_part(literal.unit), Decimal(1))
    if literal.unit not in ("%", "‰") and not any(lit.unit for lit in left.literals):
        factor = Decimal(1)  # 单处平均投资=512.85÷12=42.74万元: the operands are in the result's unit
    in_unit = Interval(computed.lo / factor, computed.hi / factor)
    if literal.unit is None and (chain.name.endswith("率") or "%" in left.text):
        as_percent = in_unit.scale(100)  # "=84.62" after ×100% without the sign
        if as_percent.overlaps(Interval.shown(value, literal.decimals)):
            return True
    from extractor.model import Quantity

    printed = Quantity(kind="number", value=value, decimals=literal.decimals, text=literal.text, start=0, end=0)
    verdict = compare(in_unit, printed, Interval.shown(value, literal.decimals))
    if verdict.consistent:
        return True
    name = chain.name or "计算式"  # the fingerprint's anchor, as before
    said = named(chain.name, "公式")
    expected = round_half_up(in_unit.mid, literal.decimals)
    unit = literal.unit or ""
    detail = {"formula": left.text, "operands": [lit.text for lit in left.literals],
              "computed": fmt_interval(in_unit, literal.decimals + 2), "rounding": f"按{literal.decimals}位小数四舍五入"}
    if verdict.truncated_only:
        out.append(ctx.finding("PRC001", block, f"{said}：{left.text} 得 {fmt_interval(in_unit, literal.decimals + 2)}{unit}，"
                   f"四舍五入应为 {shown(expected, unit)}，报告写作 {'-' if negative else ''}{literal.text}（截尾而非四舍五入）",
                   row=row, col=col, excerpt=excerpt, stated=value, expected=expected, unit=unit or None,
                   detail=detail, anchor=name, span=(right.start, right.end)))
        return False
    out.append(ctx.finding("FML001", block, f"{said}计算错误：{left.text} 应得 {shown(expected, unit)}，"
               f"报告写作 {'-' if negative else ''}{literal.text}",
               row=row, col=col, excerpt=excerpt, stated=value, expected=expected, unit=unit or None,
               detail=detail, anchor=name, span=(right.start, right.end)))
    return False




@register
class Truncated(Rule):
    """数值被截尾而非四舍五入（仅在截尾时才一致）。

    错误示例：完成率=2458/1000×100%=245%（实为245.8%，四舍五入应写作246%）
    正确示例：完成率=2458/1000×100%=246%
              （或保留一位小数写作245.8%）
    """

    code = "PRC001"
    name = "precision.truncated"
    severity = "info"
    title = "截尾而非四舍五入"
    title_en = "value consistent only if truncated"

    def check(self, ctx: Context) -> Iterator[Finding]:
        return (f for f in formula_findings(ctx) if f.rule == self.code)
