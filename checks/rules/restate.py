"""RST001 restated.value: the same fact stated twice with different values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from checks.context import Context
from checks.finding import Finding
from checks.indicators import find as find_indicator
from checks.intervals import Interval, in_base, round_half_up
from checks.named_rates import made_of
from checks.quote import candidate, named, readings, section_place, see, shown
from checks.registry import Rule, register
from checks.rules.chain import formula_findings
from checks.sentences import sentence_around
from extractor.claims import Claim, Claims, same_entity, same_time
from extractor.labels import is_known, is_name

_KINDS = {"amount", "percent", "count", "permille"}
# a rate named for what it measures (路面预防性养护完成率, 适龄儿童疫苗接种率) is one fact wherever it is
# written; 完成率 or 满意率 alone may be of anything the sentence just named
_NAMED_RATE = regex.compile(r"\p{Han}{5,}率")
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
            specific = is_known(key) or find_indicator(key) is not None or _NAMED_RATE.fullmatch(key) is not None
            peers = _peers(claims, group, specific)
            for claim in group:
                finding = self._verdict(ctx, claim, peers)
                if finding is not None:
                    yield finding

    def _verdict(self, ctx: Context, claim: Claim, peers: _Peers) -> Finding | None:
        mine_peers = peers.of[claim.id]
        if not mine_peers:
            return None
        ctx.coverage.checked += 1
        mine = peers.value[claim.id]
        results = [p for p in mine_peers if p.role == "result"]
        if claim.role != "result" and results:
            ref = results[0]
            return None if mine.overlaps(peers.value[ref.id]) else self._report(ctx, ref, claim)
        if claim.role == "result":
            return None  # a formula's result is held to its own arithmetic (FML001), not to prose
        plain = [p for p in mine_peers if p.role != "result"]
        against = [p for p in plain if not mine.overlaps(peers.value[p.id])]
        if not against:
            return None
        support = 1 + len(plain) - len(against)
        strength = peers.strength
        ref = max(against, key=lambda p: (strength[p.id], -p.block, -p.start))
        if strength[ref.id] > support or (strength[ref.id] == support and (ref.block, ref.start) < (claim.block, claim.start)):
            return self._report(ctx, ref, claim)
        return None

    def _report(self, ctx: Context, ref: Claim, other: Claim) -> Finding | None:
        q, rq = other.quantity, ref.quantity
        places = max(q.decimals or 0, rq.decimals or 0) if (q.decimals, rq.decimals) != (None, None) else 2
        mid = in_base(rq)
        ref_value = round_half_up(Interval(mid.lo / q.scale, mid.hi / q.scale).mid, places)
        block, ref_block = ctx.block(other.block), ctx.block(ref.block)
        where = "同段前文" if ref.block == other.block else section_place(ref_block.section, ref.block < other.block)
        label = named(other.subject)
        here = f"{label}此处写作 {shown(q.value, q.unit, q.decimals)}"
        there = shown(rq.value, rq.unit, rq.decimals)
        detail = {"label": other.subject, "reference": rq.text, "reference_block": ref.block,
                  "reference_computed": ref.role == "result", "qualifiers": other.qualifiers.model_dump(mode="json")}
        common = {"excerpt": sentence_around(block.text, q.start), "stated": q.value, "unit": q.unit,
                  "anchor": other.subject, "span": (q.start, q.end)}
        if ref.role == "result":
            wrong = _formula_finding(ctx, ref)
            if wrong is None:  # the formula's own inputs give the result: it is the value
                return ctx.finding(self.code, block, f"{here}，而{where}公式结果为 {there}，应为 {shown(ref_value, q.unit)}",
                                   expected=ref_value, detail=detail, severity="error", **common)
            right = wrong.expected
            if right is not None and (wrong.unit or "") == (q.unit or "") \
                    and Interval.shown(q.value, q.decimals).overlaps(Interval.shown(right, rq.decimals)):
                return None  # the restatement is the right value; the formula misprints its result (FML001)
            said = shown(right, wrong.unit) if right is not None else "另一值"
            return ctx.finding(self.code, block,
                               f"{here}，与{where}公式结果 {there} 不一致；该公式本身算错，见 FML001：按其输入应得 {said}",
                               expected=None, detail={**detail, "see": see(wrong)}, severity="error", **common)
        candidates = [
            candidate(f"若{where}无误，此处应为 {shown(ref_value, q.unit)}",
                      f"if the other place is right, this one should be {shown(ref_value, q.unit)}", ref_value),
            candidate(f"若此处无误，{where}应为 {shown(q.value, rq.unit if rq.unit == q.unit else q.unit, q.decimals)}",
                      f"if this place is right, the other should be {shown(q.value, q.unit, q.decimals)}",
                      q.value if rq.unit == q.unit else None),
        ]
        return ctx.finding(self.code, block, f"{here}，{where}写作 {there}，二者不一致；{readings(candidates)}",
                           expected=None, detail={**detail, "candidates": candidates}, severity="warning", **common)


def _formula_finding(ctx: Context, result: Claim) -> Finding | None:
    """The FML001 finding on a formula's printed result, when the formula itself is wrong."""
    for f in formula_findings(ctx):
        if f.rule == "FML001" and f.location.block == result.block and f.location.row is None \
                and f.location.start is not None and f.location.end is not None \
                and f.location.start < result.end and result.start < f.location.end:
            return f
    return None


@dataclass
class _Peers:
    """For one group of claims with the same name: each claim's value, the claims it may be compared
    with, and how many statements agree with it (itself included) — worked out once per group, so a
    name repeated in every section of a long report costs n², not n³."""

    value: dict[int, Interval]
    of: dict[int, list[Claim]]
    strength: dict[int, int]


def _peers(claims: Claims, group: list[Claim], specific: bool) -> _Peers:
    value = {c.id: in_base(c.quantity) for c in group}
    of: dict[int, list[Claim]] = {c.id: [] for c in group}
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            if comparable(claims, a, b, specific):  # symmetric: one test for both
                of[a.id].append(b)
                of[b.id].append(a)
    order = {c.id: k for k, c in enumerate(group)}
    for c in group:
        of[c.id].sort(key=lambda p: order[p.id])
    strength = {c.id: 1 + sum(1 for o in of[c.id] if o.role != "result" and value[c.id].overlaps(value[o.id]))
                for c in group}
    return _Peers(value, of, strength)


def comparable(claims: Claims, a: Claim, b: Claim, specific: bool) -> bool:
    """Are `a` and `b` statements of one fact? Same period and year, same project, the same thing
    for a generic name, and neither an item of the other's list nor the total that list breaks down."""
    if a.enumeration is not None and a.enumeration == b.enumeration:
        return False
    if a.block == b.block and a.sentence is not None and a.sentence == b.sentence and a.group != b.group:
        return False  # 小学…应安排X；初中…应安排Y: the groups of one sentence state parallel things
    if _part_of(claims, a, b) or _part_of(claims, b, a):
        return False
    qa, qb = a.qualifiers, b.qualifiers
    if not same_time(qa, qb):
        return False
    if a.kind == b.kind == "percent":  # each read once: the claims of one sentence are looked up per call
        own_a, own_b = _own_counts(claims, a), _own_counts(claims, b)
        if own_a is not None and own_b is not None and own_a != own_b:
            return False  # 焊工培训96人，取证79人，取证率… and 共培训1,111人，取证1,010人，取证率…: two rates of two things
    if not same_entity(qa.entity, qb.entity) or _basis(a) != _basis(b):
        return False
    return specific or qa.scope == qb.scope


def _own_counts(claims: Claims, rate: Claim) -> tuple[Decimal, Decimal] | None:
    """The two figures a rate is stated right after (its numerator and base), when it has them."""
    if rate.kind != "percent":
        return None
    found = made_of(rate, [c for c in claims.claims if c.block == rate.block and c.sentence == rate.sentence])
    return None if found is None else (found[0].value, found[1].value)


def _basis(claim: Claim) -> str:
    """The basis a figure is stated on. A count of people or things without one is what there
    actually is: “实际在编人数11名” and “实有在编在册人员11名” state one fact (a sum of money without a
    basis may be a budget or an outturn, so 实际 stays apart there)."""
    basis = claim.qualifiers.basis or ""
    return "" if basis == "实际" and claim.kind == "count" else basis


def _part_of(claims: Claims, item: Claim, total: Claim) -> bool:
    return item.enumeration is not None and total.id in claims.enumerations[item.enumeration].candidates
