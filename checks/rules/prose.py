"""Breakdowns (SUM001) and per-head totals (SUM002) written in prose."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, in_base, round_half_up, rounded
from checks.quote import readings, shown, sum_candidates
from checks.registry import Rule, register
from extractor.claims import Claim, Enumeration
from extractor.model import Block
from extractor.text import fold


@register
class Breakdown(Rule):
    """“共计X，其中A、B、C”：分项之和与总数不符。

    错误示例：支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。（分项之和481.28万元）
    正确示例：支出总计471.28万元，其中基本支出318.46万元，项目支出152.82万元。

    列举（其中、分别为、包括、“X中”）延续到句末，可跨分号；按量纲分别加总（人数与人数、金额换算到元后
    与金额），故“医疗救助62人，发放资金13.1万元；……”是人数与金额两组分项。去年同期等另一年度的数结束
    列举。分项之和超过总数为错误；列举完整（含“其他”项、“分别为”、“由……组成”或写明项数，或各项逐一附带的
    另一组数——如各类项目的金额——恰好加总为其总数）而不等为错误；未言明是否完整、差额不超过总数10%时为
    警告；其余视为部分列举，不报告。
    """

    code = "SUM001"
    name = "prose.breakdown"
    severity = "error"
    title = "分项之和与总数不符"
    title_en = "breakdown in text does not add up to its total"

    def check(self, ctx: Context) -> Iterator[Finding]:
        claims = ctx.claims.claims
        for e in ctx.claims.enumerations:
            if e.total is None:
                continue
            parts = [claims[i] for i in e.items]
            candidates = [claims[i] for i in e.candidates]
            if len(parts) == 1 and not e.trigger.startswith("其中"):
                continue  # 所属3个单位…，包括基本支出和12个项目支出: one figure among named things is no breakdown
            ctx.coverage.checked += 1
            summed = Interval.exact(0)
            for c in parts:
                summed = summed + in_base(c.quantity)
            if any(summed.overlaps(in_base(c.quantity)) for c in candidates):
                continue  # the list adds up to a figure stated before it
            if others := _with_the_other_unit(ctx, e, claims[e.total]):
                # 386,540卷（件），其中…卷、…卷、声像档案30,400件: the total counts the items in both units
                parts = sorted(parts + others, key=lambda c: c.start)
                for c in others:
                    summed = summed + in_base(c.quantity)
                if summed.overlaps(in_base(claims[e.total].quantity)):
                    continue
            finding = self._verdict(ctx, e, claims[e.total], parts, summed, _paired_whole(ctx, e))
            if finding is not None:
                yield finding

    def _verdict(self, ctx: Context, e: Enumeration, total: Claim, parts: list[Claim], summed: Interval,
                 paired: Enumeration | None = None) -> Finding | None:
        whole = in_base(total.quantity)
        over = summed.lo > whole.hi
        gap = (whole.mid - summed.mid) / whole.mid if whole.mid else 0
        if over:
            severity, why = "error", "分项之和超过总数"
        elif e.complete and not e.partial:
            severity, why = "error", "列举完整但分项之和不等于总数"
        elif paired is not None and not e.partial:
            pair_total = ctx.claims.claims[paired.total] if paired.total is not None else None
            severity = "error"
            why = (f"同一列举各项所附的另一组数恰好加总为{pair_total.text if pair_total else '其总数'}，"
                   "各项已列全，但本组分项之和不等于总数")
        elif len(parts) >= 2 and not e.partial and gap <= 0.10 and not _names_some(e):
            severity, why = "warning", "分项之和小于总数，若为完整列举则有误"
        else:
            return None  # a partial list: the rest of the whole is simply not named
        q = total.quantity
        places = q.decimals if q.decimals is not None else 2
        sum_in_unit = round_half_up(summed.mid / q.scale, places)
        candidates = sum_candidates(q.value, sum_in_unit, q.unit, places, whole="总数", whole_en="the total",
                                    parts="分项", parts_en="the items")
        if severity == "warning":  # or the list names only some of the parts
            candidates[1]["text"] = f"{candidates[1]['text']}（或列举不全）"
            candidates[1]["text_en"] = f"{candidates[1]['text_en']} (or the list is not complete)"
        block = ctx.block(e.block)
        start = total.start if total.block == e.block else e.start
        return ctx.finding(
            self.code, block,
            f"{why}：总数 {shown(q.value, q.unit, q.decimals)}，所列 {len(parts)} 项"
            f"（{'、'.join(shown(c.quantity.value, c.quantity.unit, c.quantity.decimals) for c in parts)}）之和为 "
            f"{shown(sum_in_unit, q.unit, places)}，二者不一致；{readings(candidates)}",
            excerpt=block.text[min(start, e.start):e.end].strip("，,。；;"),
            stated=q.value, expected=None, unit=q.unit,
            detail={"parts": [{"label": c.subject, "value": c.text} for c in parts], "exhaustive": e.complete,
                    "trigger": e.trigger, "candidates": candidates},
            severity=severity, anchor=q.text,  # type: ignore[arg-type]
            span=(total.start, total.end) if total.block == e.block else None,
        )


_OTHER_UNIT = regex.compile(r"\s*[（(](?P<u>[\p{Han}]{1,2})[)）]")


def _with_the_other_unit(ctx: Context, e: Enumeration, total: Claim) -> list[Claim]:
    """The items of the list in the second unit of a total written with one in brackets (馆藏档案
    386,540卷（件）counts the 卷 and the 件 listed after it), in the order of the text; none without one.
    (A count in the list's lead-in, 三个街道中, is no item: the items come after where the list starts.)"""
    m = _OTHER_UNIT.match(ctx.block(total.block).text, total.end)
    if m is None:
        return []
    return [c for c in ctx.claims.prose() if c.block == e.block and e.start < c.start < e.end
            and c.kind == total.kind and c.measure == m["u"] and c.role == "plain"]


def _paired_whole(ctx: Context, e: Enumeration) -> Enumeration | None:
    """The list of another measure written item by item alongside this one (“A类3个、执行1,685.92万元；
    B类2个、执行289.91万元；…”) when its items add up to its own total: every item of the whole is
    then listed, so this measure's items must add up as well. None when there is no such list."""
    claims = ctx.claims.claims
    for other in ctx.claims.enumerations:
        if other is e or other.block != e.block or other.measure == e.measure \
                or other.total is None or len(other.items) != len(e.items) or len(other.items) < 2 \
                or other.partial or _names_some(other):
            continue
        items = [claims[i] for i in other.items]
        if not _interleaved([claims[i] for i in e.items], items):
            continue
        summed = Interval.exact(0)
        for c in items:
            summed = summed + in_base(c.quantity)
        if summed.overlaps(in_base(claims[other.total].quantity)):
            return other
    return None


def _interleaved(mine: list[Claim], theirs: list[Claim]) -> bool:
    """Do the two lists pair item by item: each of mine followed by one of theirs (or the other way
    round) before the next item begins?"""
    first, second = (mine, theirs) if mine[0].start < theirs[0].start else (theirs, mine)
    return all(a.start < b.start for a, b in zip(first, second, strict=True)) and \
        all(b.start < a.start for b, a in zip(second, first[1:], strict=False))


def _names_some(e: Enumeration) -> bool:
    """“教育支出中，普通教育…；职业教育…”: a whole named and some of its parts given, with no word
    that claims the list is whole (unlike 其中, which lists the parts of the figure just stated)."""
    return e.trigger.endswith("中") and not e.trigger.startswith("其中")


@register
class PerHead(Rule):
    """“N人……人均X元……共计Y元”：人数×人均数与总数不符。

    错误示例：为32名学员发放补助，每人1,500元，共计50,000元。（32×1,500=48,000元）
    正确示例：……每人1,500元，共计48,000元。

    人均、次均数常是四舍五入到分的平均数：按其显示位数的区间相乘（228.30元即[228.295, 228.305)），乘积
    区间与总数相交即一致。句中另写的目标值（“超过目标值800人”）不是发放的人数。
    """

    code = "SUM002"
    name = "prose.per_head"
    severity = "error"
    title = "人数×人均数与总数不符"
    title_en = "count × per-head amount does not give the total"

    def check(self, ctx: Context) -> Iterator[Finding]:
        by_sentence: dict[tuple[int, tuple[int, int] | None], list[Claim]] = {}
        for c in ctx.claims.prose():
            by_sentence.setdefault((c.block, c.sentence), []).append(c)
        for (index, span), claims in by_sentence.items():
            block = ctx.block(index)
            found = _triple(block.text, claims)
            if found is not None:
                yield from self._judge(ctx, block, span, *found)
                continue
            groups: dict[tuple[int, int] | None, list[Claim]] = {}
            for c in claims:  # 小学A人×720元/生·年，应安排X；初中B人×940元/生·年，应安排Y: one product a group
                groups.setdefault(c.group, []).append(c)
            if len(groups) < 2:
                yield from self._one_total(ctx, block, span, claims)
                continue
            paired = [g for g, members in groups.items() if _pair(block.text, members) is not None]
            triples = {g: t for g in paired if (t := _triple(block.text, groups[g])) is not None}
            if paired and len(triples) == len(paired):
                for group, found in triples.items():  # each product with its own total
                    yield from self._judge(ctx, block, group, *found)
            else:
                yield from self._summed(ctx, block, span, {g: groups[g] for g in paired}, groups)

    def _summed(self, ctx: Context, block: Block, span: tuple[int, int] | None,
                paired: dict[tuple[int, int] | None, list[Claim]],
                groups: dict[tuple[int, int] | None, list[Claim]]) -> Iterator[Finding]:
        """276人，每人每月50元；42人，每人每月100元，全年合计216,000元: products in several groups and one
        total after the last of them — the total is their sum."""
        pairs = [p for members in paired.values() if (p := _pair(block.text, members)) is not None]
        # a rate is no total, even one that is an amount paid per show (每场…补助3,500元)
        rates = sorted((r for _, r in pairs), key=lambda c: c.start)
        totals = [c for members in groups.values() for c in _amounts(members, rates) if all(c is not r for r in rates)]
        if len(pairs) < 2 or len(totals) != 1 or any(totals[0].start < rate.start for _, rate in pairs):
            return
        text = block.text[span[0]:span[1]] if span else block.text
        computed, exact, product = Interval.exact(0), Interval.exact(0), []
        for head, rate in pairs:
            times = _times_for(head, fold(block.text[max(span[0] if span else 0, rate.start - 8):rate.start]), text)
            if times is None:
                return
            computed = computed + in_base(head.quantity) * rounded(rate.quantity).scale(rate.quantity.scale * times)
            exact = exact + in_base(head.quantity) * Interval.exact(rate.quantity.value).scale(rate.quantity.scale * times)
            product.append(f"{head.text}×{rate.text}" + (f"×{times}" if times != 1 else ""))
        ctx.coverage.checked += 1
        total = totals[0]
        if computed.overlaps(in_base(total.quantity)):
            return
        q = total.quantity
        places = _places(exact, q.scale, q.decimals)
        expected = round_half_up(exact.mid / q.scale, places)
        yield ctx.finding(
            self.code, block, f"{' + '.join(product)} {_about(places, q.decimals)}为 {shown(expected, q.unit, places)}，报告写作 "
                              f"{shown(q.value, q.unit, q.decimals)}",
            excerpt=text.strip("。；;"), stated=q.value, expected=expected, unit=q.unit,
            detail={"products": product, "formula": "总数 = Σ 人数 × 人均"}, anchor=q.text, span=(q.start, q.end))

    def _one_total(self, ctx: Context, block: Block, span: tuple[int, int] | None,
                   claims: list[Claim]) -> Iterator[Finding]:
        """每亩118.50元 × 30.4216万亩 and 户均854.54元 × 42,186户, both of one total (共发放3,604.96万元):
        several rates, each with the one count of what it is per. The total is wrong when no product
        gives it; when one does, a product that does not is left alone (which of its figures is off,
        the sentence does not say)."""
        found = _products(block.text, claims)
        if found is None:
            return
        pairs, total = found
        text = block.text[span[0]:span[1]] if span else block.text
        products = []
        for head, rate in pairs:
            times = _times_for(head, fold(block.text[max(span[0] if span else 0, rate.start - 8):rate.start]), text)
            if times is None:
                return
            products.append(in_base(head.quantity) * rounded(rate.quantity).scale(rate.quantity.scale * times))
        if any(p.overlaps(in_base(total.quantity)) for p in products):
            ctx.coverage.checked += 1
            return
        yield from self._judge(ctx, block, span, *pairs[0], total)

    def _judge(self, ctx: Context, block: Block, span: tuple[int, int] | None, head: Claim, rate: Claim,
               total: Claim) -> Iterator[Finding]:
        text = block.text[span[0]:span[1]] if span else block.text
        times = _times_for(head, fold(block.text[max(span[0] if span else 0, rate.start - 8):rate.start]), text)
        if times is None:
            return
        ctx.coverage.checked += 1
        # the per-head figure with its rounding: an average shown to the cent stands for ±0.005元 a head
        computed = in_base(head.quantity) * rounded(rate.quantity).scale(rate.quantity.scale * times)
        if computed.overlaps(in_base(total.quantity)):
            return
        q = total.quantity
        exact = in_base(head.quantity) * Interval.exact(rate.quantity.value).scale(rate.quantity.scale * times)  # a standard
        places = _places(exact, q.scale, q.decimals)
        expected = round_half_up(exact.mid / q.scale, places)
        product = f"{head.text}×{rate.text}" + (f"×{times}" if times != 1 else "")
        yield ctx.finding(
            self.code, block, f"{product} {_about(places, q.decimals)}为 {shown(expected, q.unit, places)}，报告写作 "
                              f"{shown(q.value, q.unit, q.decimals)}",
            excerpt=text.strip("。；;"), stated=q.value, expected=expected, unit=q.unit,
            detail={"count": head.text, "per_head": rate.text, "formula": "总数 = 人数 × 人均" + ("× 期数" if times != 1 else "")},
            anchor=q.text, span=(q.start, q.end))


def _places(computed: Interval, scale: Decimal | int, decimals: int | None) -> int:
    """The decimals a product can be shown to: the total's own, or fewer where the factors' rounding
    leaves more than a unit of the last place either way (30.4216万亩 × 118.50元 is 3,604.9596万元
    ± 0.0059, the 万亩 being rounded: 3,604.96万元, not a fourth decimal the figures do not give)."""
    places = decimals if decimals is not None else 2
    half = (computed.hi - computed.lo) / 2 / scale
    while places > 0 and half > Decimal(1).scaleb(-places):
        places -= 1
    return places


def _about(places: int, decimals: int | None) -> str:
    """应 — or 应约, when the product is shown to fewer decimals than the total it is held to."""
    return "应约" if places < (decimals if decimals is not None else 2) else "应"


def _amounts(claims: list[Claim], rates: list[Claim]) -> list[Claim]:
    """The stated amounts among `claims` that can be a total: not last year's figure written after
    a rate of this year (`rates`: the sentence's rates, in order)."""
    return [c for c in claims if c.kind == "amount" and c.role in _STATED and not c.approximate
            and not (rates and c.start > rates[0].start and c.qualifiers.period == "prior"
                     and rates[0].qualifiers.period != "prior")]


def _pair(text: str, claims: list[Claim]) -> tuple[Claim, Claim] | None:
    """The one head count and the one per-head amount of a group, the count counting what the amount is per."""
    rates, per, heads = _rates_and_heads(text, claims)
    if len(heads) > 1:
        heads = [c for c in heads if c.qualifiers.basis not in _TARGET] or heads
    if len(heads) != 1 or len(rates) != 1:
        return None
    return (heads[0], rates[0]) if per is None or heads[0].measure in per else None


def _rates_and_heads(text: str, claims: list[Claim]) -> tuple[list[Claim], set[str] | None, list[Claim]]:
    """The per-head amounts of `claims`, what the one of them is per, and the counts that may count it."""
    rates = [c for c in claims if c.role == "per_head" and c.kind == "amount"]
    if not rates:  # 每场向承演剧团补助3,500.00元: the 每场 further back than the reader looks for it
        rates = [c for c in claims if c.kind == "amount" and c.role == "plain" and not c.approximate
                 and _PER_WORD.match(fold(c.subject))]
    per = _per_what(text, rates[0]) if len(rates) == 1 else None
    countable = _HEADS | (per or set())  # 送戏下乡86场，每场补助…: a count of 场 counts what the amount is per
    if len(rates) == 1 and _monthly(text, rates[0]) and (per is None or "人" in per):
        per = None if per is None else per | {"人月"}
        countable = countable | {"人月"}  # 累计2,436人月，每人每月1,200元: the months are counted already
    return rates, per, _heads(claims, countable)


def _triple(text: str, claims: list[Claim]) -> tuple[Claim, Claim, Claim] | None:
    """The one head count, one per-head amount and one total of `claims`, when there is exactly one
    of each and the count is of what the amount is per (每亩100元 is no amount per 户)."""
    rates, per, heads = _rates_and_heads(text, claims)
    totals = [c for c in claims if c.kind == "amount" and c.role in _STATED and not c.approximate
              and c not in rates
              and not (rates and c.start > rates[0].start and c.qualifiers.period == "prior"
                       and rates[0].qualifiers.period != "prior")]
    # 生均6,167.93元，较上年5,836.20元: last year's rate per head, not a total
    if len(heads) > 1:  # 为1,286人次发放…，超过目标值1,200人次: the target is not who was paid
        heads = [c for c in heads if c.qualifiers.basis not in _TARGET] or heads
    if len(heads) != 1 or len(rates) != 1 or len(totals) != 1:
        return None
    if per is not None and heads[0].measure not in per:
        return None
    return heads[0], rates[0], totals[0]


def _products(text: str, claims: list[Claim]) -> tuple[list[tuple[Claim, Claim]], Claim] | None:
    """Two or more rates, each saying what it is per and having the one count of that, and one total."""
    rates = [c for c in claims if c.role == "per_head" and c.kind == "amount"]
    if len(rates) < 2:
        return None
    pairs = []
    for rate in rates:
        per = _per_what(text, rate)
        if not per:
            return None
        heads = [c for c in _heads(claims, per) if c.qualifiers.basis not in _TARGET]
        if len(heads) != 1:
            return None
        pairs.append((heads[0], rate))
    if len({head.id for head, _ in pairs}) != len(pairs):
        return None
    totals = [c for c in _amounts(claims, rates) if c not in rates]
    return (pairs, totals[0]) if len(totals) == 1 else None


def _heads(claims: list[Claim], countable: set[str]) -> list[Claim]:
    """The stated counts of `claims` that count one of `countable` — or measure it: 30.4216万亩 counts
    the 亩 of an amount per 亩."""
    return [c for c in claims if (c.kind == "count" or (c.kind == "measure" and c.measure in _MEASURED))
            and c.measure in countable and c.role in _STATED and not c.approximate]


# what an amount is per: 每亩 / 亩均 / 元/生·年 — and the counts that count it
_PER_WORD = regex.compile(r"(?:每|按每)(人次|人|名|生|户|所|家|亩|台|个|项|件|场|期|村|次|公里|平方米|吨)|"
                          r"(人|户|生|亩|次|场|期|台)均")
_COUNTED_BY = {"人": {"人", "名", "人次"}, "名": {"人", "名", "人次"}, "生": {"人", "名"}, "人次": {"人次", "次"},
               "次": {"人次", "次"},
               "户": {"户"}, "所": {"所"}, "家": {"家"}, "场": {"场"}, "期": {"期"}, "台": {"台"},
               "亩": {"亩"}, "公里": {"公里"}, "平方米": {"平方米"}, "吨": {"吨"}}
_MEASURED = {"亩", "公里", "平方米", "吨"}  # measures (not counts) that an amount can be per: 每亩118.50元 × 30.4216万亩


_PER_UNIT = regex.compile(r"[^/]{0,4}/\s*(人次|人|名|生|户|亩|所|家|台|件|场|期|次)")


def _per_what(text: str, rate: Claim) -> set[str] | None:
    """The head measures that can count what `rate` is an amount per; None when it does not say."""
    # 元/人, 720元/生·年 or 15元 / 人次 as printed (the pattern is anchored: it reads only what follows the rate)
    m = _PER_UNIT.match((rate.quantity.unit or "") + fold(text[rate.end:]))
    word = m.group(1) if m else None
    if word is None:
        found = list(_PER_WORD.finditer(fold(text[max(0, rate.start - 10):rate.start])))
        if found:
            word = found[-1].group(1) or found[-1].group(2)
    if word is None:
        return None
    return _COUNTED_BY.get(word, set())


_HEADS = {"人", "户", "人次", "所", "家"}
_STATED = {"plain", "total", "item"}
_TARGET = {"目标", "计划"}
_PER_PERIOD = regex.compile(r"每(?:月|季度|季|天|日|周|次|年)")


def _monthly(text: str, rate: Claim) -> bool:
    return "每月" in fold(text[max(0, rate.start - 8):rate.start])


def _times_for(head: Claim, before: str, sentence: str) -> int | None:
    """`_times`, but once for a count of person-months (2,436人月 × 每人每月1,200元)."""
    return 1 if head.measure == "人月" else _times(before, sentence)


def _times(before: str, sentence: str) -> int | None:
    """How many periods a per-head rate counts for: 1, 12 for 每人每月 over 全年, 4 for 每季;
    None when the rate is per day, per visit or per period without a stated span."""
    m = _PER_PERIOD.search(before)
    if m is None or m.group(0) == "每年":
        return 1
    if m.group(0) == "每次" and "一次性" in before:
        return 1
    if "全年" in sentence or "年度" in sentence:
        return {"每月": 12, "每季": 4, "每季度": 4}.get(m.group(0))
    return None
