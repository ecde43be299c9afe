"""Change rates (CHG001) and growth from a zero base (CHG002)."""

from __future__ import annotations

import regex

from checks.context import Context
from checks.intervals import Interval, in_base, round_half_up
from checks.labels import canonical, label_before
from checks.quote import fmt_number
from checks.registry import Rule, register
from checks.sentences import Sentence, sentences
from checks.statements import statements
from extractor.model import LocatedQuantity

_FROM_TO = regex.compile(r"(?:由|从)\s*$")
_TO = regex.compile(r"(?:增长|增加|上升|提高|提升|下降|减少|降低|降|增)?(?:到|至)\s*$")
_DIRECTION_TAIL = regex.compile(r"(?:同比|较上年|比上年|与上年相比|较去年)?(?:增长|增加|上升|提高|提升|下降|减少|降低|压减)$")


def _rate_after(sentence: Sentence, q: LocatedQuantity) -> LocatedQuantity | None:
    return next((p for p in sentence.figures if p.start > q.end and p.kind == "percent" and p.direction), None)


@register
class ChangeRate(Rule):
    """增减额与增减率不符：增长率 = 增加额 ÷（本年数 − 增加额）。

    错误示例：支出总计471.28万元，比上年增加36.48万元，增长9.39%。（36.48÷434.80=8.39%）
    正确示例：……增长8.39%。
    """

    code = "CHG001"
    name = "change.rate"
    severity = "error"
    title = "增减率与增减额不符"
    title_en = "change rate does not match the change amount"
    reports = ("CHG002",)

    def check(self, ctx: Context) -> None:
        for sentence in sentences(ctx):
            text = sentence.block.text
            for q in sentence.figures:
                if q.kind == "amount" and q.direction:
                    self._delta(ctx, sentence, q)
                elif q.kind in ("amount", "count") and _FROM_TO.search(text[max(sentence.start, q.start - 2):q.start]):
                    self._from_to(ctx, sentence, q)

    def _current(self, ctx: Context, sentence: Sentence, delta: LocatedQuantity) -> LocatedQuantity | None:
        earlier = [p for p in sentence.figures if p.end <= delta.start and p.kind == delta.kind
                   and p.base_unit == delta.base_unit and not p.direction]
        if earlier:
            return earlier[-1]
        label = _DIRECTION_TAIL.sub("", label_before(sentence.block.text, delta.start))
        key = (canonical(label), delta.base_unit or "")
        found = [s.quantity for s in statements(ctx) if s.key == key and s.block.index <= sentence.block.index]
        return found[-1] if found else None

    def _delta(self, ctx: Context, sentence: Sentence, delta: LocatedQuantity) -> None:
        rate = _rate_after(sentence, delta)
        if rate is None or rate.direction != delta.direction:
            return
        current = self._current(ctx, sentence, delta)
        if current is None:
            ctx.coverage.could_not_parse(sentence.text)
            return
        change = in_base(delta) if delta.direction == "increase" else -in_base(delta)
        base = in_base(current) - change
        self._compare(ctx, sentence, rate, change, base, f"{delta.text}÷（{current.text}−{delta.text}）"
                      if delta.direction == "increase" else f"{delta.text}÷（{current.text}+{delta.text}）")

    def _from_to(self, ctx: Context, sentence: Sentence, start: LocatedQuantity) -> None:
        text = sentence.block.text
        end = next((p for p in sentence.figures if p.start > start.end and p.kind == start.kind
                    and p.base_unit == start.base_unit and _TO.search(text[start.end:p.start])), None)
        if end is None:
            return
        rate = _rate_after(sentence, end)
        if rate is None:
            return
        base = in_base(start)
        self._compare(ctx, sentence, rate, in_base(end) - base, base, f"（{end.text}−{start.text}）÷{start.text}")

    def _compare(self, ctx: Context, sentence: Sentence, rate: LocatedQuantity, change: Interval, base: Interval,
                 formula: str) -> None:
        ctx.coverage.checked += 1
        computed = change / base
        if computed is None:
            ctx.report("CHG002", sentence.block, f"上年（基期）数为0，增减率无意义，报告却写作 {rate.text}",
                       excerpt=sentence.text.strip("。；;"), stated=rate.value, unit="%",
                       detail={"formula": formula}, anchor=rate.text)
            return
        computed = computed.scale(100)
        stated_value = abs(rate.value)
        signed = computed if rate.direction == "increase" else -computed
        if signed.overlaps(Interval.shown(stated_value, rate.decimals)):
            return
        expected = round_half_up(signed.mid, rate.decimals if rate.decimals is not None else 2)
        ctx.report(self.code, sentence.block,
                   f"增减率写作 {rate.text}，按 {formula} 应为 {fmt_number(expected)}%",
                   excerpt=sentence.text.strip("。；;"), stated=stated_value, expected=expected, unit="%",
                   detail={"formula": formula, "base": fmt_number(round_half_up(base.mid, 2))}, anchor=rate.text,
                   span=(rate.start, rate.end))


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
