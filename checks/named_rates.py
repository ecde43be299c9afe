"""A rate stated right after the two counts it is made of (IND001).

    共发放问卷560份，回收542份，回收率97.14%。       (542 ÷ 560 = 96.79%)
    抽检300批次，合格298批次，合格率为99.33%。
    应到位资金500万元，实际到位480万元，到位率96%。

The rate's name tells its numerator: the last figure before it, in its own clause group (up to
；), whose name holds the rate's stem (回收率 → 回收, 合格率 → 合格, 到位率 → 到位). Its base is the
other figure of the same measure before it there, and there must be exactly one: with two (发放 and
回收 before an 有效率) the report does not say which it meant, and with none (抽检结果…公布2,104批次，
公布率96.51%, the base stated in another sentence or not at all) there is nothing to divide by. Rates of another year, change rates and rates whose
working is printed (FML001 checks those) are not read here.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, in_base, round_half_up
from checks.quote import shown
from extractor.claims import Claim

# the stem of a rate's name: its last two or three characters before 率 (问卷回收率 → 回收)
_STEM = regex.compile(r"(\p{Han}{2})率$")
_NOT_A_SHARE = regex.compile(r"(?:增长|增减|下降|减少|增加|变动|同比|环比|占比|比重|利用|使用|控制|调整|偏差|差异|"
                             r"结余|结转|负债|收益|贡献|覆盖|普及|发生|死亡|出生|失业|患病)率$")


def named_rate_findings(ctx: Context, code: str) -> Iterator[Finding]:
    by_sentence: dict[tuple[int, tuple[int, int] | None], list[Claim]] = {}
    for c in ctx.claims.prose():
        by_sentence.setdefault((c.block, c.sentence), []).append(c)
    for key, claims in by_sentence.items():
        for rate in claims:
            found = made_of(rate, claims)
            if found is None:
                continue
            part, base = found
            ctx.coverage.checked += 1
            q = rate.quantity
            computed = in_base(part.quantity) / in_base(base.quantity)
            computed = Interval(computed.lo * 100, computed.hi * 100)
            if computed.overlaps(Interval.shown(q.value, q.decimals)):
                continue
            places = q.decimals if q.decimals is not None else 2
            expected = round_half_up(computed.mid, places)
            block = ctx.block(key[0])
            yield ctx.finding(
                code, block,
                f"“{rate.subject}”写作 {q.text}，按所列“{part.subject}”{part.text} ÷ “{base.subject}”{base.text} "
                f"应为 {shown(expected, '%', places)}",
                excerpt=q.text, stated=q.value, expected=expected, unit="%", anchor=q.text,
                span=(rate.start, rate.end),
                detail={"numerator": part.text, "base": base.text, "formula": f"{rate.subject} = 分子 ÷ 分母 × 100%"})


def made_of(rate: Claim, claims: list[Claim]) -> tuple[Claim, Claim] | None:
    """The figure a rate counts and the one it is a share of, when the sentence says so plainly."""
    if rate.kind != "percent" or rate.role != "plain" or rate.qualifiers.period in ("prior", "other") \
            or rate.approximate:
        return None
    name = regex.sub(r"\s", "", rate.subject)
    m = _STEM.search(name)
    if m is None or _NOT_A_SHARE.search(name):
        return None
    stem = m.group(1)
    before = [c for c in claims if c.end <= rate.start and c.group == rate.group and c.kind in ("count", "amount")
              and not c.approximate and c.role in ("plain", "item", "total")
              and c.qualifiers.period not in ("prior", "other")]
    parts = [c for c in before if stem in c.subject]
    if not parts:
        return None
    part = parts[-1]
    bases = [c for c in before if c is not part and c.measure == part.measure and c.value >= part.value]
    if len(bases) != 1 or bases[0].value == 0:
        return None
    return part, bases[0]
