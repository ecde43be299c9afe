"""Table arithmetic: footing (TBL001), cross-footing (TBL002), hierarchy and 其中 rows (TBL003),
share columns (TBL004)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from checks.context import Context
from checks.intervals import Interval, round_half_up
from checks.quote import fmt_number
from checks.registry import Rule, register
from checks.tableview import OTHER, SUB_ITEMS, SUBTOTAL, Figure, TableView

_TOTAL_COL = regex.compile(r"^(?:.{0,6})(合计|小计|总计|本年支出|本年收入|支出合计|收入合计|总额|合计数)(?:[(（].*)?$")
_SHARE_COL = regex.compile(r"占比|比重|构成|所占比例")


def _sum(figures: list[Figure]) -> Interval:
    total = Interval.exact(0)
    for f in figures:
        total = total + f.interval
    return total


def _decimals(f: Figure) -> int:
    return f.quantity.decimals if f.quantity.decimals is not None else 2


def _addends(view: TableView, rows: list[int], c: int) -> tuple[list[Figure], bool]:
    """Figures of `rows` in column `c`; blanks and dashes count as zero only when at least one row
    has a figure. Returns (figures, ok) — ok is False when a cell holds text that is not a figure."""
    figures = []
    for r in rows:
        f = view.figure(r, c)
        if f is not None:
            figures.append(f)
        elif view.origin(r, c) is not None and not view.is_blank(r, c):
            return [], False
    return figures, True


def _mismatches(view: TableView, total_row: int, rows: list[int], exhaustive: bool,
                ctx: Context | None = None) -> Iterator[tuple[int, Figure, list[Figure], Decimal]]:
    """Columns where the figure in `total_row` is not the sum of `rows` (beyond rounding).
    A partial list (`exhaustive=False`) only disagrees when its items exceed the total.
    With `ctx`, every comparison made is counted in the coverage."""
    for c in view.figure_cols():
        stated = view.figure(total_row, c)
        if stated is None or not view.additive(c, total_row) or stated.quantity.kind in ("percent", "permille"):
            continue
        figures, ok = _addends(view, rows, c)
        if not ok or not figures:
            continue
        if ctx is not None:
            ctx.table_footed(view.block)
            ctx.coverage.checked += 1
        computed = _sum(figures)
        if computed.overlaps(stated.interval) or (not exhaustive and computed.lo <= stated.interval.hi):
            continue
        yield c, stated, figures, round_half_up(computed.mid, _decimals(stated))


_MAX_INFERRED_ROWS = 400  # inferring a hierarchy from the numbers is quadratic; long flat lists need none


def _top_level(view: TableView, rows: list[int], total_row: int) -> list[int] | None:
    """Rows that are not the breakdown of a row above them, when only the numbers show the
    hierarchy (no codes, no indentation): a row whose figures equal, in every column, the sum of
    the rows right under it is their parent. Used only where the top level foots in more columns
    than the flat reading does (so a wrong total is still reported, against the right addends)."""
    cols = [c for c in view.figure_cols() if view.additive(c, total_row) and view.figure(total_row, c) is not None]
    if not cols or len(rows) > _MAX_INFERRED_ROWS:
        return None
    children: set[int] = set()
    for i, parent in enumerate(rows):
        for n in range(1, len(rows) - i):
            run = rows[i + 1:i + 1 + n]
            sums = []
            for c in cols:
                own = view.figure(parent, c)
                figures, ok = _addends(view, run, c)
                if own is None or not ok or not figures:
                    break
                sums.append((own.interval, _sum(figures)))
            else:
                if all(total.overlaps(own) for own, total in sums):
                    children.update(run)
                    break
                if any(total.lo > own.hi for own, total in sums):
                    break
                continue
            break
    top = [k for k in rows if k not in children]
    if not children:
        return None
    flat_wrong = len(list(_mismatches(view, total_row, rows, True)))
    return top if len(list(_mismatches(view, total_row, top, True))) < flat_wrong else None


def _execution_share(ctx: Context, view: TableView, r: int, c: int, stated: Figure, figures: list[Figure]) -> bool:
    """10号 / 四川 project forms: the indicator table's 合计 of weights (or scores) includes the 预算执行
    weight (or score) of the money block. The total holds when that term is added."""
    from checks.evaluation import evaluation

    ev = evaluation(ctx)
    if ev.execution is None or ev.table is None or ev.table.block.index != view.block.index:
        return False
    header = view.header(c, r)
    extra = ev.execution.weight if regex.search(r"权重|分值", header) else ev.execution.score if "得分" in header else None
    return extra is not None and (_sum(figures) + extra.interval).overlaps(stated.interval)


def _describe(view: TableView, figures: list[Figure]) -> list[dict[str, object]]:
    return [{"row": f.cell.row, "label": view.label(f.cell.row), "value": f.quantity.text} for f in figures]


@register
class Footing(Rule):
    """合计/小计/总计行不等于其组成项之和。

    错误示例：
        支出项目 | 金额（万元）
        办公费 | 8.20
        印刷费 | 1.35
        ……
        合计 | 42.56
        （各项之和为41.56）
    正确示例：
        ……
        合计 | 41.56

    按科目编码层级只加总顶层（类），“其中”行不重复计入；空白或“—”仅在同列其他项有数时按0计。
    """

    code = "TBL001"
    name = "table.footing"
    severity = "error"
    title = "合计数不等于分项之和"
    title_en = "total row is not the sum of its items"

    def check(self, ctx: Context) -> None:
        for view in ctx.views():
            for r in view.rows:
                if view.is_total(r):
                    self._total(ctx, view, r)

    def _scope(self, view: TableView, r: int) -> list[int]:
        rows = list(view.rows)
        i = rows.index(r)
        below = i == 0 or view.is_header_like(rows[i - 1])
        picked: list[int] = []
        step = rows[i + 1:] if below else reversed(rows[:i])
        for k in step:
            if view.is_header_like(k) or (view.is_total(k) and not (SUBTOTAL.search(view.label(k)) and
                                                                    not SUBTOTAL.search(view.label(r)))):
                break
            picked.append(k)
        return sorted(picked)

    def _items(self, view: TableView, r: int, scope: list[int]) -> list[int] | None:
        subtotals = [k for k in scope if SUBTOTAL.search(view.label(k))]
        if subtotals and not SUBTOTAL.search(view.label(r)):
            return subtotals
        codes = {k: view.code(k) for k in scope}
        coded = {k: c for k, c in codes.items() if c}
        if coded:
            if len(coded) != len(scope):
                return None  # some rows coded, some not: the levels are not clear
            top = min(len(c) for c in coded.values())
            return [k for k in scope if len(coded[k]) == top]
        indents = {k: view.indent(k) for k in scope}
        if len({i for i in indents.values() if i is not None}) > 1:
            top = min(i for i in indents.values() if i is not None)
            scope = [k for k in scope if indents[k] in (None, top)]
        items = []
        skipping = False
        for k in scope:
            if SUB_ITEMS.match(view.label(k)):
                skipping = True  # 其中 rows break down the row above; they are not addends of the total
                continue
            if skipping and not any(view.figure(k, c) for c in view.figure_cols()):
                continue
            if skipping:
                return None  # where a 其中 run ends is not written down: do not guess
            items.append(k)
        return items

    def _total(self, ctx: Context, view: TableView, r: int) -> None:
        scope = self._scope(view, r)
        items = self._items(view, r, scope)
        excerpt = view.row_text(r)
        if not scope:
            return
        if items is None:
            ctx.coverage.could_not_parse(excerpt)
            return
        if any(_mismatches(view, r, items, True)):
            nested = _top_level(view, items, r)
            if nested is not None:
                items = nested  # the rows are a hierarchy that only the numbers show: add the top level
        for c, stated, figures, expected in _mismatches(view, r, items, True, ctx):
            if _execution_share(ctx, view, r, c, stated, figures):
                continue
            ctx.report(
                self.code, view.block,
                f"{view.label(r) or '合计'}“{view.header(c, r) or f'第{c + 1}列'}”写作 {stated.quantity.text}，"
                f"而 {len(figures)} 个分项之和为 {fmt_number(expected)}（相差 {fmt_number(stated.value - expected)}）",
                row=r, col=c, excerpt=excerpt, stated=stated.value, expected=expected, unit=stated.quantity.unit,
                detail={"addends": _describe(view, figures), "formula": "合计 = Σ 分项"},
                anchor=f"{view.label(r)}|{view.header(c)}",
            )


@register
class CrossFooting(Rule):
    """合计列不等于其组成列之和（横向核对）。

    错误示例：
        项目 | 本年支出 | 基本支出 | 项目支出
        行政运行 | 120.00 | 80.00 | 30.00
    正确示例：
        项目 | 本年支出 | 基本支出 | 项目支出
        行政运行 | 120.00 | 80.00 | 40.00

    若每一行都有同向差额，提示可能漏列了一列。
    """

    code = "TBL002"
    name = "table.crossfoot"
    severity = "error"
    title = "合计列不等于各组成列之和"
    title_en = "total column is not the sum of its component columns"

    def check(self, ctx: Context) -> None:
        for view in ctx.views():
            for total_col, parts in self._relations(view):
                self._check(ctx, view, total_col, parts)

    def _relations(self, view: TableView) -> list[tuple[int, list[int]]]:
        cols = [c for c in view.figure_cols() if view.additive(c) or _TOTAL_COL.match(view.header(c))]
        out = []
        for i, c in enumerate(cols):
            if not _TOTAL_COL.match(view.header(c)):
                continue
            right = _contiguous(cols[i + 1:], c, 1)
            left = _contiguous(list(reversed(cols[:i])), c, -1)
            parts = right if len(right) >= 2 else left if len(left) >= 2 else []
            parts = [p for p in parts if not _TOTAL_COL.match(view.header(p))]
            if len(parts) >= 2 and all(view.units[p] == view.units[c] for p in parts):
                out.append((c, parts))
        return out

    def _check(self, ctx: Context, view: TableView, total_col: int, parts: list[int]) -> None:
        residuals: list[tuple[int, Figure, Interval, list[Figure]]] = []
        checked = 0
        for r in view.rows:
            stated = view.figure(r, total_col)
            if stated is None:
                continue
            figures, ok = _addends(view, [r], parts[0])
            row_figs = []
            for p in parts:
                f = view.figure(r, p)
                if f is not None:
                    row_figs.append(f)
                elif view.origin(r, p) is not None and not view.is_blank(r, p):
                    ok = False
            if not ok or not row_figs:
                continue
            checked += 1
            ctx.coverage.checked += 1
            computed = _sum(row_figs)
            if not computed.overlaps(stated.interval):
                residuals.append((r, stated, computed, row_figs))
        if checked:
            ctx.table_footed(view.block)
        if not residuals:
            return
        gaps = [s.value - c.mid for _, s, c, _ in residuals]
        missing_column = checked >= 2 and len(residuals) == checked and (all(g > 0 for g in gaps))
        for r, stated, computed, figures in residuals:
            expected = round_half_up(computed.mid, _decimals(stated))
            names = "、".join(view.header(p) for p in parts)
            message = (f"第{r + 1}行“{view.label(r)}”：{view.header(total_col)} {stated.quantity.text} ≠ {names}之和 "
                       f"{fmt_number(expected)}（相差 {fmt_number(stated.value - expected)}）")
            if missing_column:
                message += "；各行均有未解释的差额，可能缺少一列"
            ctx.report(self.code, view.block, message, row=r, col=total_col, excerpt=view.row_text(r),
                       stated=stated.value, expected=expected, unit=stated.quantity.unit,
                       detail={"components": [{"col": f.cell.col, "header": view.header(f.cell.col),
                                               "value": f.quantity.text} for f in figures],
                               "unexplained": str(stated.value - expected), "missing_column": missing_column},
                       anchor=f"{view.label(r)}|{view.header(total_col)}")


def _contiguous(cols: list[int], start: int, step: int) -> list[int]:
    out = []
    expect = start + step
    for c in cols:
        if c != expect:
            break
        out.append(c)
        expect += step
    return out


@register
class Hierarchy(Rule):
    """上级行不等于其下级行之和：类 = Σ款，款 = Σ项（按科目编码），“其中”所列各项与其上一行。

    错误示例：
        科目编码 | 科目名称 | 本年支出
        213 | 农林水支出 | 330.00
        21301 | 农业农村 | 320.00
        （213 类下只有 21301 一款，款之和 320.00 与类 330.00 不符）
    正确示例：
        213 | 农林水支出 | 320.00
        21301 | 农业农村 | 320.00

    “其中”列举不完整（无“其他”项）时，只在分项之和超过上级数时报告。
    """

    code = "TBL003"
    name = "table.hierarchy"
    severity = "error"
    title = "上级数不等于下级数之和"
    title_en = "parent row is not the sum of its sub-rows"

    def check(self, ctx: Context) -> None:
        for view in ctx.views():
            self._codes(ctx, view)
            self._sub_items(ctx, view)

    def _codes(self, ctx: Context, view: TableView) -> None:
        coded = [(r, code) for r in view.rows if (code := view.code(r))]
        for i, (r, code) in enumerate(coded):
            children: list[int] = []
            child_len: int | None = None
            for k, child in coded[i + 1:]:
                if not child.startswith(code) or len(child) <= len(code):
                    break
                child_len = child_len or len(child)
                if len(child) == child_len:  # 类 adds its 款, not the 项 under them
                    children.append(k)
            if children:
                self._compare(ctx, view, r, children, exhaustive=True, why=f"科目 {code} 的下级科目")

    def _sub_items(self, ctx: Context, view: TableView) -> None:
        rows = list(view.rows)
        for i, r in enumerate(rows[1:], start=1):
            if not SUB_ITEMS.match(view.label(r)):
                continue
            parent = rows[i - 1]
            cols = [c for c in view.figure_cols() if view.additive(c, parent) and view.figure(parent, c) is not None
                    and view.figure(parent, c).quantity.kind not in ("percent", "permille")]  # type: ignore[union-attr]
            if not cols:
                continue
            run = []
            for k in rows[i:]:
                if view.is_total(k) or view.is_header_like(k) or not any(
                        view.figure(k, c) is not None or view.is_blank(k, c) for c in cols):
                    break
                if not any(view.figure(k, c) is not None for c in cols):
                    break
                run.append(k)
            self._sub_run(ctx, view, parent, run, cols)

    def _sub_run(self, ctx: Context, view: TableView, parent: int, run: list[int], cols: list[int]) -> None:
        if not run:
            return
        for n in range(len(run), 0, -1):  # the longest prefix that adds up in every column is the list
            if all(self._fits(view, parent, run[:n], c) for c in cols):
                self._compare(ctx, view, parent, run[:n], exhaustive=True, why="“其中”所列各项")
                return
        others = [i for i, k in enumerate(run) if OTHER.match(view.label(k))]
        if others:  # an “其他” row closes the list
            self._compare(ctx, view, parent, run[:others[-1] + 1], exhaustive=True, why="“其中”所列各项")
        else:
            # where an unfinished 其中 list ends is not written down; only its first item is surely in it
            self._compare(ctx, view, parent, run[:1], exhaustive=False, why="“其中”首项")

    def _fits(self, view: TableView, parent: int, rows: list[int], c: int) -> bool:
        stated = view.figure(parent, c)
        figures, ok = _addends(view, rows, c)
        if stated is None or not ok or not figures:
            return True
        return _sum(figures).overlaps(stated.interval)

    def _compare(self, ctx: Context, view: TableView, parent: int, rows: list[int], exhaustive: bool,
                 why: str) -> None:
        for c, stated, figures, expected in _mismatches(view, parent, rows, exhaustive, ctx):
            over = "" if exhaustive else "（分项之和已超过上级数）"
            ctx.report(
                self.code, view.block,
                f"“{view.label(parent)}”{view.header(c, parent)} {stated.quantity.text} ≠ {why}之和 {fmt_number(expected)}{over}",
                row=parent, col=c, excerpt=view.row_text(parent), stated=stated.value, expected=expected,
                unit=stated.quantity.unit, detail={"addends": _describe(view, figures), "exhaustive": exhaustive},
                anchor=f"{view.label(parent)}|{view.header(c, parent)}",
            )


@register
class ShareColumn(Rule):
    """占比列与“金额÷合计”不符。

    错误示例：
        支出项目 | 金额（万元） | 占比（%）
        办公费 | 8.20 | 21.73
        ……
        合计 | 41.56 | 100.00
        （8.20÷41.56=19.73%）
    正确示例：
        办公费 | 8.20 | 19.73

    微小金额的占比按显示位数判断：20 元占 450,020 元的 0.004%，写作 0% 也一致。
    """

    code = "TBL004"
    name = "table.share"
    severity = "warning"
    title = "占比与金额不符"
    title_en = "share does not match amount ÷ total"

    def check(self, ctx: Context) -> None:
        for view in ctx.views():
            for s in view.figure_cols():
                if not _SHARE_COL.search(view.header(s)):
                    continue
                amount_col = next((c for c in reversed(range(s)) if c in view.figure_cols() and view.additive(c)), None)
                if amount_col is not None:
                    self._column(ctx, view, s, amount_col)

    def _column(self, ctx: Context, view: TableView, s: int, a: int) -> None:
        totals = [r for r in view.rows if view.is_total(r) and view.figure(r, a) is not None]
        items = [r for r in view.rows if r not in totals and not SUB_ITEMS.match(view.label(r))]
        if totals:
            total = view.figure(totals[0], a)
            whole, whole_text = total.interval, total.quantity.text  # type: ignore[union-attr]
        else:
            figures, ok = _addends(view, items, a)
            if not ok or not figures:
                return
            whole = _sum(figures)
            whole_text = fmt_number(round_half_up(whole.mid, _decimals(figures[0])))
        for r in list(view.rows):
            share, amount = view.figure(r, s), view.figure(r, a)
            if share is None or amount is None:
                continue
            computed = amount.interval / whole
            if computed is None:
                continue
            computed = computed.scale(100)
            ctx.table_footed(view.block)
            ctx.coverage.checked += 1
            if computed.overlaps(share.interval):
                continue
            expected = round_half_up(computed.mid, _decimals(share))
            ctx.report(
                self.code, view.block,
                f"“{view.label(r)}”占比写作 {share.quantity.text}%，按 {amount.quantity.text}÷{whole_text} "
                f"应为 {fmt_number(expected)}%",
                row=r, col=s, excerpt=view.row_text(r), stated=share.value, expected=expected, unit="%",
                detail={"amount": amount.quantity.text, "whole": whole_text, "formula": "占比 = 金额 ÷ 合计 × 100%"},
                anchor=f"{view.label(r)}|{view.header(s)}",
            )
