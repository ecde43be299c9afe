"""GRIM001 percent.granularity: a percentage that no whole count out of N can give."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval
from checks.quote import candidate, shown
from checks.registry import Rule, register
from extractor.claims import Claim, same_time

_RATE_NAME = regex.compile(r"(?:完成|合格|整改|达标|覆盖|办结|到位|通过|及格|优良|出勤|回收|兑现|落实|验收)率$")
_SHARE_OF = regex.compile(r"[\p{Han}“”]{0,8}中")  # 14个项目中80%已完成验收: a share of the count just named


def possible(n: int, shown: Decimal, decimals: int) -> bool:
    """Is there a whole k in 0…n with k/n×100 rounding to `shown` at `decimals` places?"""
    band = Interval.shown(shown, decimals)
    lo = (band.lo * n / 100).to_integral_value(ROUND_CEILING)
    hi = (band.hi * n / 100).to_integral_value(ROUND_FLOOR)
    return max(lo, 0) <= min(hi, n)


def _counts_the_rate(count: Claim, rate: Claim) -> bool:
    """Is the count the rate's numerator — its name holds what the rate measures (不合格 of 不合格率,
    整改 of 整改率)? Then the base is another figure, and no granularity follows from this one."""
    stem = rate.subject.removesuffix("率")[-3:]
    return len(stem) >= 2 and stem in count.subject


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

    def check(self, ctx: Context) -> Iterator[Finding]:
        by_group: dict[tuple[int, tuple[int, int] | None], list[Claim]] = {}
        for c in ctx.claims.prose():
            by_group.setdefault((c.block, c.group), []).append(c)
        for (index, span), claims in by_group.items():
            counts = [c for c in claims if c.kind == "count" and c.decimals == 0 and not c.direction
                      and c.role not in ("operand", "result")]  # 2件以上 too: with two counts the base is unclear
            if len(counts) != 1 or counts[0].role == "bound" or not 1 <= counts[0].value <= 10000:
                continue
            count = counts[0]
            block = ctx.block(index)
            n = int(count.value)
            for rate in claims:
                if rate.kind != "percent" or rate.start < count.end or rate.decimals is None or rate.role != "plain":
                    continue
                if not 0 < rate.value < 100 or not same_time(rate.qualifiers, count.qualifiers):
                    continue
                if not (_RATE_NAME.search(rate.subject) or _SHARE_OF.fullmatch(block.text[count.end:rate.start])):
                    continue
                if _counts_the_rate(count, rate):
                    continue  # 发现不合格食品41批次，不合格率1.88%: 41 is what the rate counts, not its base
                ctx.coverage.checked += 1
                if possible(n, rate.value, rate.decimals):
                    continue
                yield self._finding(ctx, block, span, count, rate, n)

    def _finding(self, ctx: Context, block, span, count: Claim, rate: Claim, n: int) -> Finding:  # type: ignore[no-untyped-def]
        """Either the percentage or the count is misprinted: the nearest percentages the count can
        give, and the nearest counts that can give the percentage."""
        d = rate.decimals or 0
        step = Decimal(1).scaleb(-d)
        near = sorted({(Decimal(k) * 100 / n).quantize(step) for k in range(n + 1)},
                      key=lambda v: abs(v - rate.value))[:2]
        bases = sorted((m for m in range(max(1, n - 5), n + 6) if m != n and possible(m, rate.value, d)),
                       key=lambda m: (abs(m - n), m))[:2]
        unit = count.quantity.unit or ""
        candidates = [candidate(f"若基数无误，百分比可能为 {shown(v, '%')}", f"if the count is right, the percentage may be "
                                f"{shown(v, '%')}", v) for v in sorted(near)]
        if bases:
            said = " 或 ".join(f"{m}{unit}" for m in sorted(bases))
            candidates.append(candidate(f"若百分比无误，基数可能为 {said}",
                                        f"if the percentage is right, the count may be {' or '.join(map(str, sorted(bases)))}"))
        text = block.text[span[0]:span[1]] if span else block.text
        return ctx.finding(
            self.code, block,
            f"基数为 {count.text} 时，{rate.text} 不可能出现（没有整数个能得出），二者不一致；"
            f"若基数无误，百分比可能为 {' 或 '.join(shown(v, '%') for v in sorted(near))}"
            + (f"；{candidates[-1]['text']}" if bases else ""),
            excerpt=text.strip("。；;"), stated=rate.value, expected=None, unit="%",
            detail={"base": count.text, "possible_nearby": [str(v) for v in sorted(near)], "candidates": candidates},
            anchor=rate.text, span=(rate.start, rate.end))
