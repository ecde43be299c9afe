"""RST001 restated.value: the same named quantity stated twice with different values."""

from __future__ import annotations

from checks.context import Context
from checks.intervals import Interval, round_half_up
from checks.registry import Rule, register
from checks.sentences import sentence_around
from checks.statements import Statement, statements


@register
class RestatedValue(Rule):
    """同一指标或数额在不同位置的数值不一致。

    错误示例：在职人员控制率=11/13×100%=84.62%……本年度在职人员控制率为100%，故计4分。
    正确示例：……本年度在职人员控制率为84.62%，故计4分。

    名称按同义词表与分词归一（“三公经费”与三公经费、绩效目标明确性与绩效指标明确性视为同一）。
    与公式计算结果不符为错误；两处陈述彼此不符为警告。
    """

    code = "RST001"
    name = "restated.value"
    severity = "error"
    title = "同一数值前后表述不一致"
    title_en = "same figure restated with another value"

    def check(self, ctx: Context) -> None:
        groups: dict[tuple[str, str], list[Statement]] = {}
        for s in statements(ctx):
            groups.setdefault(s.key, []).append(s)
        for group in groups.values():
            if len(group) < 2:
                continue
            reference = next((s for s in group if s.computed), group[0])
            years = {s.year for s in group if s.year}
            for other in group:
                if other is reference or not _same_year(other.year, reference.year, years):
                    continue
                ctx.coverage.checked += 1
                if other.interval.overlaps(reference.interval):
                    continue
                self._report(ctx, reference, other)

    def _report(self, ctx: Context, ref: Statement, other: Statement) -> None:
        q, rq = other.quantity, ref.quantity
        places = max(q.decimals or 0, rq.decimals or 0) if (q.decimals, rq.decimals) != (None, None) else 2
        expected = round_half_up(Interval(ref.interval.lo / q.scale, ref.interval.hi / q.scale).mid, places)
        where = f"第{ref.block.index + 1}块"
        how = "公式结果为" if ref.computed else "写作"
        ctx.report(
            self.code, other.block,
            f"“{other.label}”此处写作 {q.text}，而{where}（{ref.block.section or '前文'}）{how} {rq.text}",
            excerpt=sentence_around(other.block.text, q.start), stated=q.value, expected=expected, unit=q.unit,
            detail={"label": other.label, "reference": rq.text, "reference_block": ref.block.index,
                    "reference_computed": ref.computed},
            severity="error" if ref.computed else "warning", anchor=other.label, span=(q.start, q.end),
        )


def _same_year(a: str | None, b: str | None, years: set[str]) -> bool:
    """Two statements are of the same year when they name the same one, or when one names none
    and the group names at most one year (2018年决算数 and 本年决算数 are not compared)."""
    if a and b:
        return a == b
    return len(years) <= 1
