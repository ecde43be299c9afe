"""GRIM001 percent.granularity: a percentage that no whole count out of N can give."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import regex

from checks.context import Context
from checks.formula import find_chains
from checks.intervals import Interval
from checks.labels import label_before, year_before
from checks.registry import Rule, register
from checks.sentences import sentences

_RATE_NAME = regex.compile(r"(?:完成|合格|整改|达标|覆盖|办结|到位|通过|及格|优良|出勤|回收|兑现|落实|验收)率$")


def possible(n: int, shown: Decimal, decimals: int) -> bool:
    """Is there a whole k in 0…n with k/n×100 rounding to `shown` at `decimals` places?"""
    band = Interval.shown(shown, decimals)
    lo = (band.lo * n / 100).to_integral_value(ROUND_CEILING)
    hi = (band.hi * n / 100).to_integral_value(ROUND_FLOOR)
    return max(lo, 0) <= min(hi, n)


@register
class Granularity(Rule):
    """百分比与其整数基数不相容（GRIM 检验）：N个中没有任何整数个能得出所述百分比。

    错误示例：共排查安全隐患12个，整改率为92.50%。（k/12 只能是 91.67% 或 100.00% 等）
    正确示例：共排查安全隐患12个，整改率为91.67%。
    """

    code = "GRIM001"
    name = "percent.granularity"
    severity = "warning"
    title = "百分比不可能由整数基数得出"
    title_en = "percentage impossible for a whole count"

    def check(self, ctx: Context) -> None:
        for sentence in sentences(ctx):
            text = sentence.block.text
            chains = [(c.start, c.end) for c in find_chains(sentence.text)]
            counts = [q for q in sentence.figures if q.kind == "count" and q.decimals == 0 and not q.direction]
            if len(counts) != 1 or not 1 <= counts[0].value <= 10000:
                continue
            n = int(counts[0].value)
            for q in sentence.figures:
                if q.kind != "percent" or q.start < counts[0].end or q.decimals is None or q.comparison:
                    continue
                if any(s <= q.start - sentence.start < e for s, e in chains) or not 0 < q.value < 100:
                    continue
                if not _RATE_NAME.search(label_before(text, q.start)):
                    continue
                if (year := year_before(text, q.start)) and year != year_before(text, counts[0].start):
                    continue  # 2022年整改率为90.00%: another year's rate, of another count
                ctx.coverage.checked += 1
                if possible(n, q.value, q.decimals):
                    continue
                near = sorted({(Decimal(k) * 100 / n).quantize(Decimal(1).scaleb(-q.decimals)) for k in range(n + 1)},
                              key=lambda v: abs(v - q.value))[:2]
                ctx.report(self.code, sentence.block,
                           f"基数为 {counts[0].text} 时，{q.text} 不可能出现（相近的可能值：{'、'.join(f'{v}%' for v in sorted(near))}）",
                           excerpt=sentence.text.strip("。；;"), stated=q.value, expected=near[0], unit="%",
                           detail={"base": counts[0].text, "possible_nearby": [str(v) for v in near]}, anchor=q.text,
                           span=(q.start, q.end))
