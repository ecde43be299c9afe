"""A 完成率 column beside a target column and an actual column (绩效指标 | 年度目标 | 实际完成 | 完成率):
each row's rate is actual ÷ target × 100%, checkable where both are figures of the same unit; a 偏差率
column likewise: (actual − target) ÷ target × 100%."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, in_base, round_half_up
from checks.quote import named, shown
from checks.tableview import TableView
from extractor.model import Quantity
from extractor.quantities import parse_quantities
from extractor.text import fold, squash

_TARGET = regex.compile(r"目标|指标值|计划值")
_ACTUAL = regex.compile(r"实际|完成值|完成情况|完成数")
_RATE = regex.compile(r"完成率|完成比例|达成率|完成程度")
_DEVIATION = regex.compile(r"偏差率|偏离率|偏离度|偏差度")
# 偏差率＝（实际完成值−年度目标值）÷年度目标值×100%: the report says the gap is relative, also for rates
# (a PDF may have lost the minus sign's glyph: the division by the target is what makes it relative)
_RELATIVE_DEFINED = regex.compile(r"偏(?:差|离)率\s*[=＝]\s*[（(]?\s*实际[^=＝。；;]{0,24}?[)）]?\s*[÷/／]\s*[^=＝。；;]{0,6}目标")


def _columns(view: TableView, rate_head: regex.Pattern[str] = _RATE) -> tuple[int, int, int] | None:
    """The target, actual and rate columns, when the heading names exactly one of each."""
    heads = [fold(view.header(c)) for c in range(view.table.n_cols)]
    rate = [c for c, h in enumerate(heads) if rate_head.search(h)]
    target = [c for c, h in enumerate(heads) if _TARGET.search(h) and c not in rate and not _ACTUAL.search(h)]
    actual = [c for c, h in enumerate(heads) if _ACTUAL.search(h) and c not in rate and c not in target]
    if len(rate) != 1 or len(target) != 1 or len(actual) != 1:
        return None
    return target[0], actual[0], rate[0]


def _one(view: TableView, r: int, c: int) -> Quantity | None:
    cell = view.origin(r, c)
    if cell is None or not cell.text.strip():
        return None
    qs = parse_quantities(squash(cell.text))
    return qs[0] if len(qs) == 1 and qs[0].kind not in ("range", "fraction") else None


def _name(view: TableView, r: int, before: int) -> str:
    """The indicator's name: the nearest text to the left of the target column (not a ditto mark)."""
    for c in range(before - 1, -1, -1):
        cell = view.grid[r][c]
        text = squash(cell.text) if cell is not None else ""
        if text and not regex.fullmatch(r"[〃″\"”'同上\-—]+", text):
            return text
    return ""


@dataclass
class _Row:
    view: TableView
    r: int
    target: Quantity
    actual: Quantity
    rate: Quantity
    t_col: int
    a_col: int
    r_col: int


def _rows(ctx: Context, rate_head: regex.Pattern[str]) -> Iterator[_Row]:
    """Every row with a single target figure, a single actual figure of the same unit and a % rate
    under the three columns the heading names (定性 rows, dates, “达成” and ranges skipped)."""
    for view in ctx.views():
        cols = _columns(view, rate_head)
        if cols is None:
            continue
        t_col, a_col, r_col = cols
        for r in view.rows:
            target, actual, rate = _one(view, r, t_col), _one(view, r, a_col), _one(view, r, r_col)
            if target is None or actual is None or rate is None or rate.unit != "%" or rate.comparison:
                continue
            if actual.comparison or target.direction or actual.direction:
                continue
            if target.base_unit is None or target.base_unit != actual.base_unit:
                continue
            yield _Row(view, r, target, actual, rate, t_col, a_col, r_col)


def _finding(ctx: Context, code: str, row: _Row, computed: Interval, what: str, how: str, formula: str) -> Finding:
    view, r, rate = row.view, row.r, row.rate
    decimals = rate.decimals or 0
    name = _name(view, r, min(row.t_col, row.a_col))
    target_text = squash(view.origin(r, row.t_col).text)  # type: ignore[union-attr]
    expected = round_half_up(computed.mid, decimals)
    return ctx.finding(
        code, view.block,
        f"{named(name, f'第{r + 1}行')}{what}写作 {shown(rate.value, '%', rate.decimals)}，"
        f"按{how.format(actual=row.actual.text, target=target_text)} 应为 {shown(expected, '%', decimals)}",
        row=r, col=row.r_col, excerpt=view.row_text(r), stated=rate.value, expected=expected, unit="%",
        detail={"target": target_text, "actual": row.actual.text, "formula": formula},
        anchor=f"{name}|{view.header(row.r_col)}",
    )


def completion_findings(ctx: Context, code: str) -> Iterator[Finding]:
    """Rows whose printed rate is not actual ÷ target. A target of at most (≤, ＜: a cost or a rate
    kept low) has no such rate; a rate printed as 100% where the target is exceeded is a capped rate."""
    for row in _rows(ctx, _RATE):
        if row.target.comparison in ("<=", "<"):
            continue
        quotient = in_base(row.actual) / in_base(row.target)
        if quotient is None:
            continue
        computed = quotient.scale(100)
        ctx.coverage.checked += 1
        if computed.overlaps(in_base(row.rate)) or (row.rate.value == 100 and computed.lo >= 100):
            continue
        yield _finding(ctx, code, row, computed, "完成率", "实际完成 {actual}÷年度目标 {target}",
                       "完成率 = 实际完成值 ÷ 年度目标值 × 100%")


def deviation_findings(ctx: Context, code: str) -> Iterator[Finding]:
    """Rows whose printed 偏差率 is not (actual − target) ÷ target. For an indicator that is itself a
    rate, reports also print the gap in 百分点 as its 偏差率: both readings pass unless the report
    defines the 偏差率 as relative."""
    relative_only = any(_RELATIVE_DEFINED.search(fold(b.text)) for b in ctx.text_blocks())
    for row in _rows(ctx, _DEVIATION):
        if row.target.value == 0:
            continue
        goal = Interval.exact(row.target.value).scale(row.target.scale)  # a set value (90%以上), not a rounded one
        quotient = (in_base(row.actual) - goal) / goal
        if quotient is None:
            continue
        computed = quotient.scale(100)
        ctx.coverage.checked += 1
        if computed.overlaps(in_base(row.rate)):
            continue
        if row.target.unit == "%" and not relative_only and (in_base(row.actual) - goal).overlaps(in_base(row.rate)):
            continue  # 92.60% against 90%: a gap of 2.60 百分点, printed as the 偏差率
        yield _finding(ctx, code, row, computed, "偏差率", "（实际完成 {actual}−年度目标 {target}）÷年度目标",
                       "偏差率 = （实际完成值 − 年度目标值）÷ 年度目标值 × 100%")


_EXEC_RATE = regex.compile(r"执行率")
_EXEC_BUDGET = (regex.compile(r"全年预算|调整后预算"), regex.compile(r"预算数|预算金额|^预算$"))
_EXEC_INITIAL = regex.compile(r"年初预算")
_EXEC_SPENT = regex.compile(r"全年执行|执行数|实际支出|支出数|决算数")


_RATE_HEAD = regex.compile(r"(\p{Han}{2})率")
_NOT_A_QUOTIENT = regex.compile(r"增长|增减|变动|下降|占比|比重|偏差|偏离|执行率|完成率")


def _rate_columns(view: TableView, h: int) -> list[tuple[int, int, int, int | None]]:
    """Under heading row `h`: each 执行率 column with its budget and spent columns (and 年初预算), and
    each other X率 column (到位率, 取证率) with the one column named for its stem (到位数, 取证人数)
    and the column right before that one as its base (计划数 | 到位数 | 到位率)."""
    out = []
    found = _execution_columns(view, h)
    if found is not None:
        out.append(found)
    heads = [fold(squash(c.text)) if c is not None else "" for c in view.grid[h]]
    for r, head in enumerate(heads):
        m = _RATE_HEAD.search(head)
        if m is None or _NOT_A_QUOTIENT.search(head):
            continue
        parts = [c for c, t in enumerate(heads[:r]) if m.group(1) in t and not _RATE_HEAD.search(t)]
        if len(parts) == 1 and parts[0] > 0 and heads[parts[0] - 1] and not _RATE_HEAD.search(heads[parts[0] - 1]):
            out.append((parts[0] - 1, parts[0], r, None))
    return out


def _execution_columns(view: TableView, h: int) -> tuple[int, int, int, int | None] | None:
    """Under heading row `h`: the budget, spent and 执行率 columns (and 年初预算, if it is there)."""
    heads = [fold(squash(c.text)) if c is not None else "" for c in view.grid[h]]
    rate = [c for c, t in enumerate(heads) if _EXEC_RATE.search(t)]
    spent = [c for c, t in enumerate(heads) if _EXEC_SPENT.search(t) and c not in rate]
    budget = next(([c for c, t in enumerate(heads) if rx.search(t) and not _EXEC_INITIAL.search(t) and c not in rate]
                   for rx in _EXEC_BUDGET if any(rx.search(t) and not _EXEC_INITIAL.search(t) for t in heads)), [])
    initial = [c for c, t in enumerate(heads) if _EXEC_INITIAL.search(t)]
    if len(rate) != 1 or len(spent) != 1 or len(budget) != 1:
        return None
    return budget[0], spent[0], rate[0], initial[0] if len(initial) == 1 else None


def execution_findings(ctx: Context, code: str) -> Iterator[Finding]:
    """Every row of a table with 预算数 | 执行数 | 执行率 columns (the 10号 money block's 其中 rows, a
    spending table by use): 执行率 = 执行数 ÷ 预算数 × 100%. A rate that fits 年初预算 instead is
    another base (IND002's), not a slip; a total row whose rate fits its top rows' sum leaves the
    total's own figure to the table rules (TBL001)."""
    for view in ctx.views():
        for h in range(view.table.n_rows):
            found = _rate_columns(view, h)
            if not found:
                continue
            yield from _rate_rows(ctx, code, view, h, found)
            break  # one heading row a table


def _rate_rows(ctx: Context, code: str, view: TableView, h: int,
               found: list[tuple[int, int, int, int | None]]) -> Iterator[Finding]:
    """Each row's X率 against its two columns (a rate that fits another amount of the row as its base
    is another question, IND002's)."""
    for budget, spent, rate_col, _initial in found:  # (年初预算 is one of the row's other amounts)
        rate_name = squash(view.grid[h][rate_col].text) if view.grid[h][rate_col] is not None else "执行率"  # type: ignore[union-attr]
        rows = []
        for k in range(h + 1, view.table.n_rows):
            if view.is_header_like(k) or view.figure(k, spent) is None:
                break
            rows.append(k)
        for k in rows:
            b, x, rate = view.figure(k, budget), view.figure(k, spent), view.figure(k, rate_col)
            if b is None or x is None or rate is None or b.value == 0 or rate.quantity.kind not in ("percent", "number"):
                continue
            quotient = x.interval / b.interval
            if quotient is None:
                continue
            computed, shown_rate = quotient.scale(100), Interval.shown(rate.value, rate.quantity.decimals)
            ctx.coverage.checked += 1
            if computed.overlaps(shown_rate) or _other_base(view, k, rows, x, b, spent, shown_rate):
                continue
            decimals = rate.quantity.decimals or 0
            expected = round_half_up(computed.mid, decimals)
            name = view.label(k)
            top, bottom = squash(view.grid[h][spent].text), squash(view.grid[h][budget].text)  # type: ignore[union-attr]
            yield ctx.finding(
                code, view.block,
                f"{named(name, f'第{k + 1}行')}{rate_name}写作 {shown(rate.value, '%', rate.quantity.decimals)}，"
                f"按{top} {x.quantity.text}÷{bottom} {b.quantity.text} 应为 {shown(expected, '%', decimals)}",
                row=k, col=rate_col, excerpt=view.row_text(k), stated=rate.value, expected=expected, unit="%",
                detail={"budget": b.quantity.text, "spent": x.quantity.text,
                        "formula": f"{rate_name} = {top} ÷ {bottom} × 100%"},
                anchor=f"{name}|{rate_name}")


_TOTAL_WORD = regex.compile(r"^(?:小计|合计|总计)$")


def _totals(view: TableView, k: int) -> bool:
    """A total row, also where its 小计 stands beside a merged first-level cell (产出 | … | 小计)."""
    return view.is_total(k) or any(c is not None and _TOTAL_WORD.match(squash(c.text)) for c in view.grid[k])


def _other_base(view: TableView, k: int, rows: list[int], x, b, spent: int,  # type: ignore[no-untyped-def]
                rate: Interval) -> bool:
    """Does the rate fit another amount of the row as its base (年初预算, 到位资金: 执行数 ÷ 到位资金 is
    IND002's question of the base, not a slip), or (for a total row) the sum of the top rows above it?"""
    for c in view.figure_cols():  # 年初预算 among them
        other = view.figure(k, c)
        if c == spent or other is None or other.quantity.kind not in ("amount", "number") or not other.value:
            continue
        if (q := x.interval / other.interval) is not None and q.scale(100).overlaps(rate):
            return True
    if not _totals(view, k):
        return False
    above = [j for j in rows if j < k]
    group = above[max((n + 1 for n, j in enumerate(above) if _totals(view, j)), default=0):]  # since the last total
    # its own items: the row tree's, else the rows since the last total above it (a total standing first
    # opens the rows below it: then the table's top rows)
    top = view.tree.children(k) or (view.tree.top(group) if group and k != rows[0] else
                                   view.tree.top([j for j in rows if j != k and not _totals(view, j)]))
    figures = [view.figure(j, spent) for j in top]
    if not figures or any(f is None for f in figures):
        return False
    summed = Interval.exact(0)
    for f in figures:
        summed = summed + f.interval  # type: ignore[union-attr]
    q = summed / b.interval
    return q is not None and q.scale(100).overlaps(rate)
