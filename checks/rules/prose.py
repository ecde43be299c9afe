"""Breakdowns (SUM001) and per-head totals (SUM002) written in prose."""

from __future__ import annotations

import regex

from checks.context import Context
from checks.intervals import Interval, in_base, round_half_up
from checks.labels import canonical, label_before
from checks.quote import fmt_number
from checks.registry import Rule, register
from checks.sentences import Sentence, inside_brackets, sentences
from checks.statements import statements
from extractor.model import LocatedQuantity

_OF_WHICH = regex.compile(r"其中[:：，,]?")
_X_ZHONG = regex.compile(r"(?:^|(?<=[，,。；;]))(?P<label>[\p{Han}“”\"]{2,14}?)中[，,]?(?=[\p{Han}“”])")
_STOP = regex.compile(r"另有|另外|此外|还有|以及其他|除此")
_PARTIAL = regex.compile(r"等|主要|包括|部分|重点")
_EXHAUSTIVE = regex.compile(r"分别为|分别是|由.{1,20}(?:组成|构成)")
_OTHER = regex.compile(r"^(?:其他|其它|其余|剩余)")
_PER_HEAD = regex.compile(r"人均|每人|生均|户均|每户|每名|按每人|每生")
_TOTAL_WORD = regex.compile(r"(?:共计|合计|总计|累计|共|计|总额为?)(?:发放|支付|拨付|兑现)?\s*$")  # 共发放6.00万元
_KINDS = {"amount", "count"}


def _dimension(q: LocatedQuantity) -> str:
    return q.base_unit or ""


@register
class Breakdown(Rule):
    """“共计X，其中A、B、C”：分项之和与总数不符。

    错误示例：支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。（分项之和481.28万元）
    正确示例：支出总计471.28万元，其中基本支出318.46万元，项目支出152.82万元。

    按量纲分别加总（人与人、金额换算到元后与金额）。分项之和超过总数为错误；列举完整（含“其他”项或
    “分别为”）而不等为错误；未言明是否完整、差额不超过总数10%时为警告；其余视为部分列举，不报告。
    """

    code = "SUM001"
    name = "prose.breakdown"
    severity = "error"
    title = "分项之和与总数不符"
    title_en = "breakdown in text does not add up to its total"

    def check(self, ctx: Context) -> None:
        previous: list[LocatedQuantity] = []
        block_seen = -1
        for sentence in sentences(ctx):
            text = sentence.block.text
            if sentence.block.index != block_seen:
                previous, block_seen = [], sentence.block.index
            for m in _OF_WHICH.finditer(text, sentence.start, sentence.end):
                before = [q for q in sentence.figures if q.end <= m.start() and q.kind in _KINDS and not q.direction]
                if not before and not text[sentence.start:m.start()].strip():
                    before = previous[-1:]  # "…共205人。其中，在职113人、…" refers back to the sentence before
                if before:
                    self._breakdown(ctx, sentence, before[-1], m.end())
            for m in _X_ZHONG.finditer(text, sentence.start, sentence.end):
                label = m["label"]
                if label.endswith("其") or "其中" in label:
                    continue
                after = [q for q in sentence.figures if q.start >= m.end() and q.kind in _KINDS]
                if not after:
                    continue
                key = (canonical(label), _dimension(after[0]))
                earlier = [s.quantity for s in statements(ctx) if s.key == key and (
                    s.block.index < sentence.block.index
                    or (s.block.index == sentence.block.index and s.quantity.start < m.start()))]
                if earlier:  # "本年收入中财政拨款收入…" breaks down the 本年收入 stated before
                    self._breakdown(ctx, sentence, earlier[-1], m.end())
            previous = [q for q in sentence.figures if q.kind in _KINDS and not q.direction] or previous

    def _breakdown(self, ctx: Context, sentence: Sentence, total: LocatedQuantity, from_pos: int) -> None:
        text = sentence.block.text
        stop = _STOP.search(text, from_pos, sentence.end)
        until = stop.start() if stop else sentence.end
        nxt = _OF_WHICH.search(text, from_pos, until)
        until = nxt.start() if nxt else until
        parts = [q for q in sentence.figures if from_pos <= q.start < until and _dimension(q) == _dimension(total)
                 and q.kind in _KINDS and not q.direction and not q.comparison and not inside_brackets(text, q.start)
                 and not _PER_HEAD.search(text[max(from_pos, q.start - 4):q.start])]
        if not parts:
            return
        ctx.coverage.checked += 1
        whole = in_base(total)
        summed = Interval.exact(0)
        for q in parts:
            summed = summed + in_base(q)
        if summed.overlaps(whole):
            return
        labels = [label_before(text, q.start) for q in parts]
        tail = text[parts[-1].end:until]
        exhaustive = any(_OTHER.match(lb) for lb in labels) or bool(_EXHAUSTIVE.search(text, sentence.start, until))
        partial = bool(_PARTIAL.match(tail.strip("，,、 ")) or _PARTIAL.search(text[from_pos:parts[0].start]))
        over = summed.lo > whole.hi
        gap = (whole.mid - summed.mid) / whole.mid if whole.mid else 0
        if over:
            severity, why = "error", "分项之和超过总数"
        elif exhaustive and not partial:
            severity, why = "error", "列举完整但分项之和不等于总数"
        elif len(parts) >= 2 and not partial and gap <= 0.10:
            severity, why = "warning", "分项之和小于总数，若为完整列举则有误"
        else:
            return  # a partial list: the rest of the whole is simply not named
        expected = round_half_up(summed.mid / total.scale, total.decimals if total.decimals is not None else 2)
        ctx.report(
            self.code, sentence.block,
            f"{why}：总数 {total.text}，所列 {len(parts)} 项（{'、'.join(q.text for q in parts)}）之和为 "
            f"{fmt_number(expected)}{total.unit or ''}",
            excerpt=text[total.start if total.start >= sentence.start else sentence.start:until].strip("，,"),
            stated=total.value, expected=expected, unit=total.unit,
            detail={"parts": [{"label": lb, "value": q.text} for lb, q in zip(labels, parts, strict=True)],
                    "exhaustive": exhaustive}, severity=severity, anchor=total.text,  # type: ignore[arg-type]
            span=(total.start, total.end) if total.location.block == sentence.block.index else None,
        )


@register
class PerHead(Rule):
    """“N人……人均X元……共计Y元”：人数×人均数与总数不符。

    错误示例：为32名学员发放补助，每人1,500元，共计50,000元。（32×1,500=48,000元）
    正确示例：……每人1,500元，共计48,000元。
    """

    code = "SUM002"
    name = "prose.per_head"
    severity = "error"
    title = "人数×人均数与总数不符"
    title_en = "count × per-head amount does not give the total"

    def check(self, ctx: Context) -> None:
        for sentence in sentences(ctx):
            text = sentence.block.text
            heads = [q for q in sentence.figures if q.kind == "count" and q.base_unit in ("人", "名", "户", "人次", "所", "家")]
            rates = [q for q in sentence.figures if q.kind == "amount" and
                     (_PER_HEAD.search(text[max(sentence.start, q.start - 6):q.start]) or "/" in (q.unit or ""))]
            totals = [q for q in sentence.figures if q.kind == "amount" and q not in rates and
                      _TOTAL_WORD.search(text[max(sentence.start, q.start - 6):q.start])]
            if len(heads) != 1 or len(rates) != 1 or len(totals) != 1:
                continue
            head, rate, total = heads[0], rates[0], totals[0]
            ctx.coverage.checked += 1
            computed = in_base(head) * Interval(in_base(rate).lo, in_base(rate).hi)
            if computed.overlaps(in_base(total)):
                continue
            expected = round_half_up(computed.mid / total.scale, total.decimals if total.decimals is not None else 2)
            ctx.report(self.code, sentence.block,
                       f"{head.text}×{rate.text} 应为 {fmt_number(expected)}{total.unit or ''}，报告写作 {total.text}",
                       excerpt=sentence.text.strip("。；;"), stated=total.value, expected=expected, unit=total.unit,
                       detail={"count": head.text, "per_head": rate.text, "formula": "总数 = 人数 × 人均"},
                       anchor=total.text, span=(total.start, total.end))
