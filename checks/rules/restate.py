"""RST001 restated.value: the same fact stated twice with different values."""

from __future__ import annotations

from collections.abc import Iterator

from checks.context import Context
from checks.finding import Finding
from checks.indicators import find as find_indicator
from checks.intervals import Interval, in_base, round_half_up
from checks.registry import Rule, register
from checks.sentences import sentence_around
from extractor.claims import Claim, Claims, same_entity, same_time
from extractor.labels import is_known, is_name

_KINDS = {"amount", "percent", "count", "permille"}
_ROLES = {"plain", "total", "item", "result"}


@register
class RestatedValue(Rule):
    """同一指标或数额在不同位置的数值不一致。

    错误示例：在职人员控制率=11/13×100%=84.62%……本年度在职人员控制率为100%，故计4分。
    正确示例：……本年度在职人员控制率为84.62%，故计4分。

    只比较同一事实的两次陈述：名称按同义词表与分词归一（“三公经费”与三公经费、绩效目标明确性与
    绩效指标明确性视为同一），且年度（本年、上年、去年同期）、所属项目一致；泛称（发放资金、参保金额）
    还须所指对象一致（医疗救助的发放资金不与生活救助的比较）。同一列举的各项之间、分项与其总数之间
    不比较。与公式计算结果不符为错误；两处陈述彼此不符为警告，多数一致时报告少数的一处。
    """

    code = "RST001"
    name = "restated.value"
    severity = "error"
    title = "同一数值前后表述不一致"
    title_en = "same figure restated with another value"

    def check(self, ctx: Context) -> Iterator[Finding]:
        claims = ctx.claims
        groups: dict[tuple[str, str], list[Claim]] = {}
        for c in claims.prose():
            if c.kind in _KINDS and c.role in _ROLES and not c.approximate and c.key and is_name(c.subject):
                groups.setdefault((c.key, c.measure), []).append(c)
        for (key, _), group in groups.items():
            if len(group) < 2:
                continue
            specific = is_known(key) or find_indicator(key) is not None
            for claim in group:
                finding = self._verdict(ctx, claims, group, claim, specific)
                if finding is not None:
                    yield finding

    def _verdict(self, ctx: Context, claims: Claims, group: list[Claim], claim: Claim, specific: bool) -> Finding | None:
        peers = [p for p in group if p is not claim and comparable(claims, claim, p, specific)]
        if not peers:
            return None
        ctx.coverage.checked += 1
        mine = in_base(claim.quantity)
        results = [p for p in peers if p.role == "result"]
        if claim.role != "result" and results:
            ref = results[0]
            return None if mine.overlaps(in_base(ref.quantity)) else self._report(ctx, ref, claim)
        if claim.role == "result":
            return None  # a formula's result is held to its own arithmetic (FML001), not to prose
        plain = [p for p in peers if p.role != "result"]
        against = [p for p in plain if not mine.overlaps(in_base(p.quantity))]
        if not against:
            return None
        support = 1 + len(plain) - len(against)

        def strength(p: Claim) -> int:
            iv = in_base(p.quantity)
            return 1 + sum(1 for o in group if o is not p and comparable(claims, p, o, specific) and o.role != "result"
                           and iv.overlaps(in_base(o.quantity)))

        ref = max(against, key=lambda p: (strength(p), -p.block, -p.start))
        if strength(ref) > support or (strength(ref) == support and (ref.block, ref.start) < (claim.block, claim.start)):
            return self._report(ctx, ref, claim)
        return None

    def _report(self, ctx: Context, ref: Claim, other: Claim) -> Finding:
        q, rq = other.quantity, ref.quantity
        places = max(q.decimals or 0, rq.decimals or 0) if (q.decimals, rq.decimals) != (None, None) else 2
        mid = in_base(rq)
        expected = round_half_up(Interval(mid.lo / q.scale, mid.hi / q.scale).mid, places)
        block, ref_block = ctx.block(other.block), ctx.block(ref.block)
        where = f"第{ref.block + 1}块"
        how = "公式结果为" if ref.role == "result" else "写作"
        return ctx.finding(
            self.code, block,
            f"“{other.subject}”此处写作 {q.text}，而{where}（{ref_block.section or '前文'}）{how} {rq.text}",
            excerpt=sentence_around(block.text, q.start), stated=q.value, expected=expected, unit=q.unit,
            detail={"label": other.subject, "reference": rq.text, "reference_block": ref.block,
                    "reference_computed": ref.role == "result", "qualifiers": other.qualifiers.model_dump(mode="json")},
            severity="error" if ref.role == "result" else "warning", anchor=other.subject, span=(q.start, q.end),
        )


def comparable(claims: Claims, a: Claim, b: Claim, specific: bool) -> bool:
    """Are `a` and `b` statements of one fact? Same period and year, same project, the same thing
    for a generic name, and neither an item of the other's list nor the total that list breaks down."""
    if a.enumeration is not None and a.enumeration == b.enumeration:
        return False
    if _part_of(claims, a, b) or _part_of(claims, b, a):
        return False
    qa, qb = a.qualifiers, b.qualifiers
    if not same_time(qa, qb):
        return False
    if not same_entity(qa.entity, qb.entity) or _basis(a) != _basis(b):
        return False
    return specific or qa.scope == qb.scope


def _basis(claim: Claim) -> str:
    """The basis a figure is stated on. A count of people or things without one is what there
    actually is: “实际在编人数11名” and “实有在编在册人员11名” state one fact (a sum of money without a
    basis may be a budget or an outturn, so 实际 stays apart there)."""
    basis = claim.qualifiers.basis or ""
    return "" if basis == "实际" and claim.kind == "count" else basis


def _part_of(claims: Claims, item: Claim, total: Claim) -> bool:
    return item.enumeration is not None and total.id in claims.enumerations[item.enumeration].candidates
