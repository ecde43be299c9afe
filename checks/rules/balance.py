"""BAL001 balance.rollforward: income, budget and carry-over figures that must tie together."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, round_half_up
from checks.quote import candidate, readings, shown
from checks.registry import Rule, register
from checks.statements import Statement, first_value
from extractor.labels import canonical

# result, [(sign, term)], optional terms
_RELATIONS: list[tuple[str, list[tuple[int, str]], set[str]]] = [
    ("收入总计", [(1, "本年收入"), (1, "上年结转")], set()),
    ("调整后预算", [(1, "年初预算"), (1, "本年追加"), (-1, "本年追减")], {"本年追减"}),
    ("年末结转结余", [(1, "收入总计"), (-1, "支出总计")], set()),
]


_NUMBERING = regex.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*")
_TABLE_KEYS = {"收入总计", "本年收入", "上年结转", "年末结转结余", "支出总计", "本年支出"}


@register
class RollForward(Rule):
    """结转结余与收支勾稽关系不成立。

    错误示例：收入总计486.50万元（本年收入462.30万元、上年结转24.20万元），支出总计471.28万元，年末结转结余16.22万元。
    正确示例：……年末结转结余15.22万元。
              （486.50−471.28=15.22）

    核对：收入总计 = 本年收入 + 上年结转；调整后预算 = 年初预算 + 追加 − 追减；年末结转结余 = 收入总计 − 支出总计。
    只在报告写出了关系中各项时核对。
    """

    code = "BAL001"
    name = "balance.rollforward"
    severity = "error"
    title = "收支结转勾稽不符"
    title_en = "income, spending and carry-over do not tie"

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self._tables(ctx)
        for result_key, terms, optional in _RELATIONS:
            result = first_value(ctx, result_key)
            found: list[tuple[int, Statement]] = []
            for sign, key in terms:
                s = first_value(ctx, key, entity=result.claim.qualifiers.entity) if result else None
                if s is None and key not in optional:
                    break
                if s is not None:
                    found.append((sign, s))
            else:
                if result is not None and found and (finding := self._relation(ctx, result, found)):
                    yield finding

    def _tables(self, ctx: Context) -> Iterator[Finding]:
        """The same relations down each amount column of a table whose rows name them (一、本年收入 /
        二、上年结转 / 收入总计 / 三、本年支出 / 四、年末结转结余); 本年支出 stands for 支出总计 where the
        table has no row of that name."""
        for view in ctx.views():
            rows: dict[str, int] = {}
            for r in view.rows:
                key = canonical(_NUMBERING.sub("", view.label(r)))
                if key in _TABLE_KEYS and key not in rows:
                    rows[key] = r
            if "支出总计" not in rows and "本年支出" in rows:
                rows["支出总计"] = rows["本年支出"]
            if "收入总计" in rows and ("上年结转" not in rows or "总计" not in view.label(rows["收入总计"])):
                rows.pop("收入总计")  # a 收入合计 may be this year's income only: the carry-over must be in the table
            for result_key, terms, optional in _RELATIONS:
                if result_key not in rows or any(k not in rows for _, k in terms if k not in optional):
                    continue
                for c in view.figure_cols():
                    stated_f = view.figure(rows[result_key], c)
                    parts = [(sign, k, view.figure(rows[k], c)) for sign, k in terms if k in rows]
                    if stated_f is None or not view.additive(c) or any(f is None for _, _, f in parts) \
                            or stated_f.quantity.kind in ("percent", "permille"):
                        continue
                    ctx.coverage.checked += 1
                    computed = Interval.exact(0)
                    for sign, _, f in parts:
                        computed = computed + f.interval if sign > 0 else computed - f.interval  # type: ignore[union-attr]
                    if computed.overlaps(stated_f.interval):
                        continue
                    yield self._table_finding(ctx, view, rows[result_key], c, stated_f, computed,
                                              [(sign, rows[k], f) for sign, k, f in parts])  # type: ignore[misc]

    def _table_finding(self, ctx: Context, view, r: int, c: int, stated_f, computed: Interval,  # type: ignore[no-untyped-def]
                       parts) -> Finding:  # type: ignore[no-untyped-def]
        q = stated_f.quantity
        places = q.decimals if q.decimals is not None else 2
        value = round_half_up(computed.mid, places)  # a column's figures are in the column's unit
        unit = q.unit
        def name(k: int) -> str:
            return _NUMBERING.sub("", view.label(k))
        label = name(r)
        formula = "".join(f"{'+' if sign > 0 else '−'}{name(k)}{f.quantity.text}" for sign, k, f in parts).lstrip("+")
        names = "、".join(name(k) for _, k, _ in parts)
        gap = shown(abs(q.value - value), unit, places)
        candidates = [
            candidate(f"若{names}无误，{label}应为 {shown(value, unit, places)}",
                      f"if {names} are right, {label} should be {shown(value, unit, places)}", value),
            candidate(f"若{label}无误，{names}中有 {gap} 的差错", f"if {label} is right, {names} are off by {gap}"),
        ]
        return ctx.finding(
            self.code, view.block,
            f"“{label}”行“{view.header(c)}”列写作 {shown(q.value, unit, q.decimals)}，而 {formula} = "
            f"{shown(value, unit, places)}，二者不一致；{readings(candidates)}",
            row=r, col=c, excerpt=view.row_text(r), stated=q.value, expected=None, unit=unit,
            detail={"formula": formula, "candidates": candidates}, anchor=f"{label}|{view.header(c)}")

    def _relation(self, ctx: Context, result: Statement, terms: list[tuple[int, Statement]]) -> Finding | None:
        ctx.coverage.checked += 1
        computed = Interval.exact(0)
        for sign, s in terms:
            computed = computed + s.interval if sign > 0 else computed - s.interval
        if computed.overlaps(result.interval):
            return None
        q = result.quantity
        places = q.decimals if q.decimals is not None else 2
        computed_value = round_half_up(computed.mid / q.scale, places)
        formula = "".join(f"{'+' if sign > 0 else '−'}{s.label}{shown(s.quantity.value, s.quantity.unit, s.quantity.decimals)}"
                          for sign, s in terms).lstrip("+")
        names = "、".join(s.label for _, s in terms)
        gap = shown(abs(q.value - computed_value), q.unit, places)
        candidates = [
            candidate(f"若{names}无误，{result.label}应为 {shown(computed_value, q.unit, places)}",
                      f"if {names} are right, {result.label} should be {shown(computed_value, q.unit, places)}",
                      computed_value),
            candidate(f"若{result.label}无误，{names}中有 {gap} 的差错", f"if {result.label} is right, {names} are off by {gap}"),
        ]
        return ctx.finding(
            self.code, result.block,
            f"{result.label}写作 {shown(q.value, q.unit, q.decimals)}，而 {formula} = {shown(computed_value, q.unit, places)}，"
            f"二者不一致；{readings(candidates)}",
            excerpt=q.text, stated=q.value, expected=None, unit=q.unit,
            detail={"formula": formula, "terms": [{"label": s.label, "value": s.quantity.text,
                                                   "block": s.block.index} for _, s in terms], "candidates": candidates},
            anchor=result.label, span=(q.start, q.end))
