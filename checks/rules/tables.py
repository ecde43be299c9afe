"""Table arithmetic: footing (TBL001), cross-footing (TBL002), hierarchy and 其中 rows (TBL003),
share columns (TBL004)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from checks.context import Context
from checks.finding import Finding
from checks.intervals import Interval, round_half_up
from checks.quote import candidate, named, readings, shown, sum_candidates
from checks.registry import Rule, register
from checks.rowtree import Group, relation
from checks.tableview import SUBTOTAL, Figure, TableView

_TOTAL_COL = regex.compile(r"^(?:.{0,6})(合计|小计|总计|本年支出|本年收入|支出合计|收入合计|总额|合计数)(?:[(（].*)?$")
_SHARES = ("percent", "permille")  # figures that are no amounts, whatever their column
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
        if stated is None or not view.additive(c, total_row) or stated.quantity.kind in _SHARES:
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


def _owned_by_score_rules(ctx: Context, view: TableView) -> set[int]:
    """The weight and score columns of a score table: the SCT rules add those level by level on the
    table's indicator tree (a merged weight counts once, a 10号 total includes 预算执行, a 小计 of
    scores is its items'). Reporting them here too would say the same thing twice."""
    from checks.scoretable import score_tables

    owned: set[int] = set()
    for table in score_tables(ctx):
        if table.view is view:
            owned.update(table.layout.weights.values())
            owned.add(table.layout.score)
    return owned


def _miss(mismatches: list[tuple[int, Figure, list[Figure], Decimal]]) -> Decimal:
    """How far a reading's totals are off, relative to the stated totals: a typo is off by little,
    adding a row and its own parts again by a lot."""
    return sum((abs(stated.value - expected) / max(abs(stated.value), Decimal(1))
                for _, stated, _, expected in mismatches), Decimal(0))


def _share_of(amount: Figure, whole: Interval, share: Figure) -> bool:
    computed = amount.interval / whole
    return computed is not None and computed.scale(100).overlaps(share.interval)


def _amount(value: Decimal, like: Figure) -> str:
    """A figure of the table as a message prints it: at the precision and in the unit of `like`."""
    return shown(value, like.quantity.unit, _decimals(like))


def _column(view: TableView, c: int, r: int) -> str:
    """Column `c` as a message names it: by the heading over row `r` (a body heading row counts)."""
    header = view.header(c, r)
    return f"{named(header)}列" if named(header) else f"第{c + 1}列"


def _describe(view: TableView, figures: list[Figure]) -> list[dict[str, object]]:
    return [{"row": f.cell.row, "label": view.label(f.cell.row), "value": f.quantity.text} for f in figures]


_THIS_YEAR_TOTAL = regex.compile(r"^本年(?:度)?(?:收入|支出)(?:合计|小计|总计)")
_CARRIED = regex.compile(r"^(?:[一二三四五六七八九十\d]+[、.])?(?:上年结转|上年结余|年初结转|年初结余|年末结转|年末结余|结余分配)")


def _rank(view: TableView, r: int) -> int:
    """小计 < 合计 (共计) < 总计: a total passes over the totals below its own rank."""
    label = view.label(r)
    return 1 if SUBTOTAL.search(label) else 3 if regex.search(r"总\s*计$", label) else 2


def _leading(view: TableView, rows: list[int], i: int) -> bool:
    """Does row `rows[i]` open its block (a total standing first)? The first row, a row under a
    heading row, a total right under a higher total that opens the table (支出总计 / 基本支出合计 / …),
    and a total whose sibling before it (the last total of its rank above it) opened its own."""
    if i == 0 or view.is_header_like(rows[i - 1]):
        return True
    r = rows[i]  # a total: _scope asks only of totals
    above = rows[i - 1]
    if view.is_total(above) and _rank(view, above) > _rank(view, r):
        return _leading(view, rows, i - 1)
    for j in range(i - 1, -1, -1):
        k = rows[j]
        if view.is_header_like(k) or (view.is_total(k) and _rank(view, k) > _rank(view, r)):
            return False
        if view.is_total(k) and _rank(view, k) == _rank(view, r):
            return _leading(view, rows, j)
    return False


def _scope(view: TableView, r: int) -> list[int]:
    """The rows a total row closes (or opens, when it stands first): up to the next heading row or
    the next total of its own rank or above. A 合计 passes over 小计 rows (the row tree holds their
    items); a 总计 passes over a 合计 that opens the table, and over the rows that 合计 adds up
    (收入总计 = 本年收入合计 + 上年结转结余); a 总计 that opens the table adds up the 合计s under it
    that open their own rows (支出总计 / 基本支出合计 / … / 项目支出合计 / …)."""
    rows = list(view.rows)
    i = rows.index(r)
    below = _leading(view, rows, i)
    picked: list[int] = []
    closed: set[int] = set()  # the items of a lower total already counted through it
    step = rows[i + 1:] if below else reversed(rows[:i])
    for k in step:
        if view.is_header_like(k):
            break
        if view.is_total(k) and _rank(view, k) >= _rank(view, r):
            break
        if k in closed:
            continue
        if view.is_total(k) and _rank(view, k) > 1:  # a lower total that is not a 小计
            if below and not _leading(view, rows, rows.index(k)):
                break
            if below:
                # 支出总计 / 基本支出合计 / … / 项目支出合计 / …: each 合计 opens its own rows, and the 总计 adds the 合计s
                picked.append(k)
                closed |= set(_scope(view, k))
                continue
            if not _leading(view, rows, rows.index(k)):
                # 本年收入合计 closing its rows, then 上年结转结余, then 收入总计: the 合计 stands for its rows
                picked.append(k)
                closed |= set(_scope(view, k))
                continue
            inside = set(_scope(view, k))
            picked = [p for p in picked if p not in inside] + [k]
            break
        picked.append(k)
    if _THIS_YEAR_TOTAL.match(view.label(r)):  # 本年收入合计 is this year's income: not the balance carried in
        picked = [k for k in picked if not _CARRIED.search(view.label(k))]
    return _own_rows(view, r, sorted(picked)) if below else sorted(picked)


def _own_rows(view: TableView, r: int, rows: list[int]) -> list[int]:
    """A total that opens the table adds up the rows under it, which may stop before the next total:
    “本年收入合计 / 　财政拨款收入 / 　其他收入 / 上年结转结余 / 收入总计” — the rows indented under it, or,
    where the indentation is lost, the first rows that add up to it when the rows after them add up
    with it to the total that follows."""
    own = view.indent(r)
    if own is not None and rows and (view.indent(rows[0]) or 0) > own:  # its rows start indented under it
        for n, k in enumerate(rows):
            indent = view.indent(k)
            if n and indent is not None and indent <= own:
                return rows[:n]
        return rows
    if len(rows) < 2 or view.tree.inferred(rows) or relation(view, r, view.tree.top(rows)) == "foot":
        return rows
    every = list(view.rows)
    at = every.index(rows[-1]) + 1
    closing = every[at] if at < len(every) and view.is_total(every[at]) and _rank(view, every[at]) > _rank(view, r) \
        else None
    if closing is None:
        return rows
    top = view.tree.top(rows)
    for n in range(1, len(top)):
        rest = [k for k in rows if k > top[n - 1]]
        if relation(view, r, top[:n]) == "foot" and relation(view, closing, [r, *view.tree.top(rest)]) == "foot":
            return [k for k in rows if k <= top[n - 1]]
    return rows


def _parts_of(view: TableView, r: int) -> list[int]:
    """The rows a row adds up, as the row tree reads the table: its sub-rows, or for a total row
    the top rows it closes."""
    kids = view.tree.children(r)
    if kids or not view.is_total(r):
        return kids
    return view.tree.top(_scope(view, r))


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

    分项按表的层级取顶层：科目编码、缩进、科目名称（类/款/项，见 checks/data/expenditure_subjects.toml）、
    编号（1、2、…），都没有时按数字推断（其后若干行之和等于该行即为其下级）；类/款/项表的合计只加各“类”，
    小计只加其组内各行，“其中”行不重复计入。层级仅由数字推断时，任一读法相符即不报。空白或“—”仅在同列
    其他项有数时按0计。评分表的权重和得分由 SCT 规则逐级核对（10号表另含预算执行一项）。
    """

    code = "TBL001"
    name = "table.footing"
    severity = "error"
    title = "合计数不等于分项之和"
    title_en = "total row is not the sum of its items"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for view in ctx.views():
            owned = _owned_by_score_rules(ctx, view)
            for r in view.rows:
                if view.is_total(r):
                    yield from self._total(ctx, view, r, owned)

    def _readings(self, view: TableView, r: int) -> tuple[list[list[int]], bool, bool] | None:
        """The ways of reading the total's items: the first is the table's own structure; the others
        are other plausible readings where that structure rests on the figures (or where a “其中”
        list leaves rows unplaced). Also: is the structure certain, and are some rows unplaced?"""
        tree = view.tree
        group = tree.groups.get(r)
        if group is not None and group.how == "sub":
            return None  # a total broken down by “其中” rows: the hierarchy rule reads those
        scope = tree.descendants(r) if group is not None and group.how == "subtotal" else _scope(view, r)
        if not scope:
            return None
        readings = [tree.top(scope)]
        if tree.inferred(scope):  # the figures alone say which rows nest: no nesting is as likely
            readings.insert(0, tree.flat(scope))
        unclear = any(k in tree.unclear for k in scope)
        if unclear:
            readings.append(tree.top(scope, with_unclear=True))
        return readings, not tree.inferred(scope), unclear

    def _total(self, ctx: Context, view: TableView, r: int, owned: set[int]) -> Iterator[Finding]:
        found = self._readings(view, r)
        if found is None:
            return
        ways, certain, unclear = found
        excerpt = view.row_text(r)
        checks = []
        for items in ways:
            wrong = [m for m in _mismatches(view, r, items, True) if m[0] not in owned]
            checks.append((items, wrong))
            if not wrong:
                break
        if not checks[-1][1]:
            items, wrong = checks[-1]  # one reading adds up: where the structure is a guess, that is trusted
        else:  # where the nesting is a guess: the reading that misses in fewest columns, and by least
            items, wrong = checks[0] if certain else min(checks, key=lambda pair: (len(pair[1]), _miss(pair[1])))
        for _ in _mismatches(view, r, items, True, ctx):  # counts the comparisons in the coverage
            pass
        if not wrong:
            return
        if unclear:
            ctx.coverage.could_not_parse(excerpt)  # where an open “其中” list ends is not written down
            return
        for c, stated, figures, expected in wrong:
            candidates = sum_candidates(stated.value, expected, stated.quantity.unit, _decimals(stated))
            yield ctx.finding(
                self.code, view.block,
                f"{named(view.label(r), '合计')}行{_column(view, c, r)}写作 {_amount(stated.value, stated)}，"
                f"{len(figures)} 个分项之和为 {_amount(expected, stated)}，二者不一致：{readings(candidates)}",
                row=r, col=c, excerpt=excerpt, stated=stated.value, expected=None, unit=stated.quantity.unit,
                detail={"addends": _describe(view, figures), "formula": "合计 = Σ 分项", "candidates": candidates},
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        for view in ctx.views():
            for total_col, parts in self.relations(view):
                yield from self._check(ctx, view, total_col, parts)

    def relations(self, view: TableView) -> list[tuple[int, list[int]]]:
        cols = [c for c in view.figure_cols() if view.additive(c) or _TOTAL_COL.match(view.header(c))]
        out = []
        for i, c in enumerate(cols):
            if not _TOTAL_COL.match(view.header(c)):
                continue
            # the parts run up to the next total column: 年初预算合计 | 基本 | 项目 | 调整后预算合计 | 基本 | 项目
            right = _until_total(view, _contiguous(cols[i + 1:], c, 1))
            left = sorted(_until_total(view, _contiguous(list(reversed(cols[:i])), c, -1)))  # named left to right
            parts = right if len(right) >= 2 else left if len(left) >= 2 else []
            if len(parts) >= 2 and all(view.units[p] == view.units[c] for p in parts):
                out.append((c, parts))
        return out

    def _check(self, ctx: Context, view: TableView, total_col: int, parts: list[int]) -> Iterator[Finding]:
        residuals: list[tuple[int, Figure, Interval, list[Figure]]] = []
        checked = 0
        for r in view.rows:
            stated = view.figure(r, total_col)
            if stated is None or stated.quantity.kind in _SHARES:
                continue
            ok, row_figs = True, []
            for p in parts:
                f = view.figure(r, p)
                if f is not None and f.quantity.kind in _SHARES:
                    ok = False  # 70% in an amount column is no amount to add
                elif f is not None:
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
        gap_of = {r: stated.value - round_half_up(computed.mid, _decimals(stated)) for r, stated, computed, _ in residuals}
        for r, stated, computed, figures in residuals:
            summed = round_half_up(computed.mid, _decimals(stated))
            total_name = named(view.header(total_col), "合计列")
            names = "、".join(named(view.header(p), f"第{p + 1}列") for p in parts)
            candidates = sum_candidates(stated.value, summed, stated.quantity.unit, _decimals(stated),
                                        whole=total_name, whole_en="the total column", parts="各组成列",
                                        parts_en="the component columns")
            row = named(view.label(r), f"第{r + 1}")
            message = (f"{row}行：{total_name} {_amount(stated.value, stated)} 与{names}之和 "
                       f"{_amount(summed, stated)} 不一致")
            culprit = self._culprit(view, r, total_col, parts, stated.value - summed)
            if culprit is not None:
                yield self._component_finding(ctx, view, r, total_col, culprit, stated, figures, stated.value - summed)
                continue
            inherited = self._inherited(view, r, gap_of)
            if inherited:
                message += ("；差额即所加各行" if view.is_total(r) else "；差额即下级行") + \
                    "、".join(named(view.label(k), f"第{k + 1}行") for k in inherited) + "的差额"
            if missing_column:
                message += "；各行均有未解释的差额，可能缺少一列"
            message += "：" + readings(candidates)
            yield ctx.finding(self.code, view.block, message, row=r, col=total_col, excerpt=view.row_text(r),
                              stated=stated.value, expected=None, unit=stated.quantity.unit,
                              detail={"components": [{"col": f.cell.col, "header": view.header(f.cell.col),
                                                      "value": f.quantity.text} for f in figures],
                                      "unexplained": str(stated.value - summed), "missing_column": missing_column,
                                      "from_rows": inherited, "candidates": candidates},
                              anchor=f"{view.label(r)}|{view.header(total_col)}")

    def _culprit(self, view: TableView, r: int, total_col: int, parts: list[int], gap: Decimal) -> tuple[int, int] | None:
        """The component cell that is wrong, where the columns say so: the row's total agrees with
        the rows it is added with (and up from), while exactly one component column misses there by
        the row's own gap. Returns (column, parent-or-total row that shows it) or None."""
        relations = _vertical_relations(view, r)
        if not relations or any(_column_adds_up(view, whole, rows, total_col) is not True for whole, rows in relations):
            return None
        found: list[tuple[int, int]] = []
        for p in parts:
            own = view.figure(r, p)
            verdicts = [(whole, _column_adds_up(view, whole, rows, p), _column_adds_up(view, whole, rows, p, (r, gap)))
                        for whole, rows in relations]
            verdicts = [v for v in verdicts if v[1] is not None]
            if not verdicts or all(v[1] for v in verdicts):
                continue
            if own is None or not all(not before and after for _, before, after in verdicts):
                return None  # a column misses, but not by this cell's gap: no single culprit
            found.append((p, next(whole for whole, before, _ in verdicts if not before)))
        return found[0] if len(found) == 1 else None

    def _component_finding(self, ctx: Context, view: TableView, r: int, total_col: int, culprit: tuple[int, int],
                           total: Figure, figures: list[Figure], gap: Decimal) -> Finding:
        c, shown_by = culprit
        own = view.figure(r, c)
        assert own is not None
        expected = own.value + gap
        row = named(view.label(r), f"第{r + 1}")
        total_name = named(view.header(total_col), "合计列")
        col_name = named(view.header(c), f"第{c + 1}")
        where = "本行" if shown_by == r else f"上级行{named(view.label(shown_by), f'第{shown_by + 1}行')}"
        message = (f"{row}行{col_name}{'' if named(view.header(c)) else '列'} {_amount(own.value, own)} 与本行{total_name} {_amount(total.value, total)} "
                   f"不相容（减去其他组成列应为 {_amount(expected, own)}）：{total_name}列上下级相加相符，"
                   f"而{col_name}列{where}与其下级各行之和恰差 {_amount(abs(gap), own)}（即本格的差额），"
                   f"错的是本格，应为 {_amount(expected, own)}")
        return ctx.finding(self.code, view.block, message, row=r, col=c, excerpt=view.row_text(r),
                           stated=own.value, expected=expected, unit=own.quantity.unit,
                           detail={"components": [{"col": f.cell.col, "header": view.header(f.cell.col),
                                                   "value": f.quantity.text} for f in figures],
                                   "unexplained": str(gap), "missing_column": False, "from_rows": [],
                                   "culprit": {"col": c, "header": view.header(c), "confirmed_by_row": shown_by,
                                               "total_col": total_col}},
                           anchor=f"{view.label(r)}|{view.header(c)}")

    def _inherited(self, view: TableView, r: int, gap_of: dict[int, Decimal]) -> list[int]:
        """The sub-rows (in the table's row tree) whose own gaps add up to this row's gap: a parent
        row that only carries its parts' mistake up."""
        kids = [k for k in _parts_of(view, r) if k in gap_of]
        return kids if kids and sum((gap_of[k] for k in kids), Decimal(0)) == gap_of[r] else []


def _vertical_relations(view: TableView, r: int) -> list[tuple[int, list[int]]]:
    """The sums a row takes part in down its columns, where the table's labels say which rows
    they are: the row with its siblings under their parent, and the row as the parent of its own
    sub-rows. The groups are read from codes, 科目 names, indentation or numbering and add up in at
    least one column (a 款 whose 项 names are not all in the catalogue, placed by a PDF that lost the
    indentation, counts when its rows add up); a nesting guessed from the figures alone does not."""
    tree = view.tree
    out = []
    parent = tree.parent.get(r)
    for whole in ([parent] if parent is not None else []) + ([r] if r in tree.groups else []):
        group = tree.groups[whole]
        if group.how == "sub" and not group.exhaustive:
            continue
        if group.how == "sub" or Hierarchy.sure(view, group) or (
                group.how in ("code", "name", "indent", "number") and len(group.children) >= 2
                and Hierarchy._confirmed(view, group)):
            out.append((whole, list(group.children)))
    return out


def _column_adds_up(view: TableView, whole: int, rows: list[int], c: int,
                    changed: tuple[int, Decimal] | None = None) -> bool | None:
    """Does column `c` of `whole` equal the sum of `rows` (with one row's cell moved by an amount,
    when `changed` says so)? None where the column has no figures there to add."""
    stated = view.figure(whole, c)
    if stated is None or not view.additive(c, whole) or stated.quantity.kind in _SHARES:
        return None
    figures, ok = _addends(view, rows, c)
    if not ok or not figures:
        return None
    total = _sum(figures)
    if changed is not None:
        row, by = changed
        if row == whole:
            total = total - Interval.exact(by)
        elif row in rows:
            total = total + Interval.exact(by)
    return total.overlaps(stated.interval)


def _until_total(view: TableView, cols: list[int]) -> list[int]:
    """The columns of a run before the first total column in it."""
    out = []
    for c in cols:
        if _TOTAL_COL.match(view.header(c)):
            break
        out.append(c)
    return out


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

    层级来自科目编码或科目名称（类/款/项）；由缩进或编号（1、2、…）读出的层级只在至少一列相符时才核对其余
    各列；仅由数字推断的层级不报告。“其中”列举不完整（无“其他”项）时，只在分项之和超过上级数时报告。
    """

    code = "TBL003"
    name = "table.hierarchy"
    severity = "error"
    title = "上级数不等于下级数之和"
    title_en = "parent row is not the sum of its sub-rows"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for view in ctx.views():
            tree = view.tree
            owned = _owned_by_score_rules(ctx, view)
            for parent in sorted(tree.groups):
                group = tree.groups[parent]
                if group.how == "sub":
                    whole = group.exhaustive or self._confirmed(view, group)
                    why = "其中所列各项" if group.exhaustive else \
                        f"{self._listed(view, group.children)}（其余各列均恰好相加，所列已全）" if whole else \
                        self._listed(view, group.children)
                    found = self._compare(ctx, view, parent, group.children, whole, why)
                elif self.sure(view, group):
                    found = self._compare(ctx, view, parent, group.children, True, self._why(view, group))
                else:
                    continue
                yield from (f for f in found if f.location.col not in owned)

    @classmethod
    def sure(cls, view: TableView, group: Group) -> bool:
        """Are the group's parts known well enough to hold the parent to their sum? Codes and 科目
        names say so; indentation and numbering only when the parts add up in some other column;
        a nesting read from the figures alone adds up by construction."""
        if group.how in ("code", "name"):
            return group.certain
        if group.how == "indent":
            return group.certain and len(group.children) >= 2 and cls._confirmed(view, group)
        if group.how == "number":
            return len(group.children) >= 2 and (cls._confirmed(view, group) or cls._numbering_proven(view, group))
        return False

    @classmethod
    def _numbering_proven(cls, view: TableView, group: Group) -> bool:
        """The table's own numbering is its hierarchy when another numbered group of the same table
        adds up (一、工程施工费 = its 1.–4.): then 二、 is held to its 1.–4. as well, even where the
        table has no second column that could confirm it."""
        return any(other is not group and other.how == "number" and len(other.children) >= 2
                   and cls._confirmed(view, other) for other in view.tree.groups.values())

    @staticmethod
    def _listed(view: TableView, rows: list[int]) -> str:
        """A partial “其中” list, in words: 其中所列“X”一项 / 其中所列 3 项."""
        if len(rows) == 1:
            return f"其中所列{named(view.label(rows[0]), '一行')}一项"
        return f"其中所列 {len(rows)} 项"

    def _why(self, view: TableView, group: Group) -> str:
        if group.how == "code":
            return f"科目 {view.code(group.parent)} 的下级科目"
        if group.how == "name":
            return "其下级科目（按科目名称）"
        if group.how == "number":
            return "其下编号各项"
        return "其下缩进各行"

    @staticmethod
    def _confirmed(view: TableView, group: Group) -> bool:
        """Numbered or indented rows under a row are all its parts (not a partial list, nor a list of
        something else) only if they add up to it somewhere: in at least one column not all zeros."""
        for c in view.figure_cols():
            own = view.figure(group.parent, c)
            if own is None or not view.additive(c, group.parent) or own.quantity.kind in _SHARES:
                continue
            figures, ok = _addends(view, group.children, c)
            if ok and len(figures) == len(group.children) and own.value != 0 and _sum(figures).overlaps(own.interval):
                return True
        return False

    def _compare(self, ctx: Context, view: TableView, parent: int, rows: list[int], exhaustive: bool,
                 why: str) -> Iterator[Finding]:
        for c, stated, figures, summed in _mismatches(view, parent, rows, exhaustive, ctx):
            unit, places = stated.quantity.unit, _decimals(stated)
            if exhaustive:
                candidates = sum_candidates(stated.value, summed, unit, places, whole="上级数", whole_en="the parent row",
                                            parts="下级各项", parts_en="the sub-rows")
            else:  # a partial list: its items may not exceed the row they are part of
                candidates = [
                    candidate(f"若所列各项无误，上级数至少应为 {shown(summed, unit, places)}",
                              f"if the listed items are right, the parent row should be at least {shown(summed, unit, places)}",
                              summed),
                    candidate(f"若上级数无误，所列各项之和多出 {shown(summed - stated.value, unit, places)}",
                              f"if the parent row is right, the listed items are {shown(summed - stated.value, unit, places)} over"),
                ]
            over = "" if exhaustive else "（所列各项之和已超过上级数）"
            yield ctx.finding(
                self.code, view.block,
                f"{named(view.label(parent), '上级')}行{_column(view, c, parent)} {_amount(stated.value, stated)} "
                f"与{why}之和 {_amount(summed, stated)} 不一致{over}：{readings(candidates)}",
                row=parent, col=c, excerpt=view.row_text(parent), stated=stated.value, expected=None,
                unit=unit, detail={"addends": _describe(view, figures), "exhaustive": exhaustive, "candidates": candidates},
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

    微小金额的占比按显示位数判断：20 元占 450,020 元的 0.004%，写作 0% 也一致。无合计行时以顶层各行之和
    为分母（类/款/项表只加“类”，“其中”行不计入）。表中有一行占比印作 100（一、本年收入 | … | 100.0，其下的
    收入总计另加上年结转、不列占比）时，以该行金额为分母。
    """

    code = "TBL004"
    name = "table.share"
    severity = "warning"
    title = "占比与金额不符"
    title_en = "share does not match amount ÷ total"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for view in ctx.views():
            for s in view.figure_cols():
                if not _SHARE_COL.search(view.header(s)):
                    continue
                amount_col = self._amounts_of(view, s)
                if amount_col is not None:
                    yield from self._column(ctx, view, s, amount_col)

    def _amounts_of(self, view: TableView, s: int) -> int | None:
        """The amount column the shares are of: the nearest one to their left, unless the shares bear
        out another one better (科目 | 本年支出 | 基本支出 | 项目支出 | 占比: the share of 本年支出)."""
        columns = [c for c in reversed(range(s)) if c in view.figure_cols() and view.additive(c)]
        if len(columns) < 2:
            return columns[0] if columns else None
        fits = [self._fit(view, s, c) for c in columns]
        best = max(fits)
        if fits[0] == best:
            return columns[0]
        return columns[fits.index(best)] if fits.count(best) == 1 else None

    def _fit(self, view: TableView, s: int, a: int) -> int:
        """How many rows' shares the amounts of column `a` explain (with its best-fitting whole)."""
        pairs = [(share, amount) for r in view.rows
                 if (share := view.figure(r, s)) is not None and (amount := view.figure(r, a)) is not None]
        return max((sum(1 for share, amount in pairs if _share_of(amount, whole, share)) for whole, _ in self._wholes(view, a, s)),
                   default=0)

    def _wholes(self, view: TableView, a: int, s: int | None = None) -> list[tuple[Interval, str]]:
        """The whole the shares are of: the amount of the one row whose share is printed as 100 (一、本年收入
        | 2,946,372.18 | 100.0 above its items, and a 收入总计 below that adds the 上年结转 without a
        share); else the 合计 of the amount column; without one, the sum of the top rows (a 类/款/项
        table adds its 类 only, and “其中” parts are never added) — and, where the figures alone show
        the nesting, the sum of every row as well."""
        if s is not None:
            hundred = {amount.value: amount for r in view.rows
                       if (share := view.figure(r, s)) is not None and share.value == 100
                       and (amount := view.figure(r, a)) is not None}
            if len(hundred) == 1:
                amount = next(iter(hundred.values()))
                return [(amount.interval, _amount(amount.value, amount))]  # type: ignore[arg-type]
        totals = [r for r in view.rows if view.is_total(r) and view.figure(r, a) is not None]
        if totals:
            total = view.figure(totals[0], a)
            return [(total.interval, _amount(total.value, total))]  # type: ignore[union-attr,arg-type]
        tree = view.tree
        rows = [r for r in view.rows if not view.is_header_like(r)]
        if any(r in tree.unclear for r in rows):
            return []  # where an open “其中” list ends is not written down
        readings = [tree.top(rows)] + ([tree.flat(rows)] if tree.inferred(rows) else [])
        out = []
        for items in readings:
            figures, ok = _addends(view, items, a)
            if ok and figures:
                whole = _sum(figures)
                if all(whole.mid != other.mid for other, _ in out):
                    out.append((whole, _amount(round_half_up(whole.mid, _decimals(figures[0])), figures[0])))
        return out

    def _parts_sum(self, view: TableView, a: int) -> tuple[Interval, str] | None:
        """The sum of the top rows of column `a` other than its totals, as the row tree reads them."""
        rows = [r for r in view.rows if not view.is_header_like(r) and not view.is_total(r)]
        if not rows or any(r in view.tree.unclear for r in rows):
            return None
        figures, ok = _addends(view, view.tree.top(rows), a)
        if not ok or not figures:
            return None
        whole = _sum(figures)
        return whole, f"各项之和 {_amount(round_half_up(whole.mid, _decimals(figures[0])), figures[0])}"

    def _column(self, ctx: Context, view: TableView, s: int, a: int) -> Iterator[Finding]:
        pairs = [(r, share, amount) for r in view.rows
                 if (share := view.figure(r, s)) is not None and (amount := view.figure(r, a)) is not None]
        wholes = self._wholes(view, a, s)
        if len(wholes) > 1:  # the nesting is a guess: the whole the shares themselves bear out
            fit = [sum(1 for _, share, amount in pairs if _share_of(amount, whole, share)) for whole, _ in wholes]
            if fit.count(max(fit)) > 1:
                return  # both readings explain the shares equally: do not guess
            wholes = [wholes[fit.index(max(fit))]]
        if not wholes:
            return
        whole, whole_text = wholes[0]
        printed = {r for r, share, _ in pairs if view.is_total(r) or share.value == 100}
        parts = self._parts_sum(view, a)
        if printed and parts is not None and not parts[0].overlaps(whole) and \
                sum(1 for _, share, amount in pairs if _share_of(amount, parts[0], share)) > \
                sum(1 for _, share, amount in pairs if _share_of(amount, whole, share)):
            # 合计 9,302,087.50 whose items add to 9,032,087.50, the shares of the items' sum: the total's
            # figure is the slip (TBL001 says so), not every share
            (whole, whole_text), pairs = parts, [p for p in pairs if p[0] not in printed]
        for r, share, amount in pairs:
            computed = amount.interval / whole
            if computed is None:
                continue
            computed = computed.scale(100)
            ctx.table_footed(view.block)
            ctx.coverage.checked += 1
            if computed.overlaps(share.interval):
                continue
            expected = round_half_up(computed.mid, _decimals(share))
            yield ctx.finding(
                self.code, view.block,
                f"{named(view.label(r), f'第{r + 1}行')}占比写作 {shown(share.value, '%', _decimals(share))}，"
                f"按 {_amount(amount.value, amount)}÷{whole_text} 应为 {shown(expected, '%')}",
                row=r, col=s, excerpt=view.row_text(r), stated=share.value, expected=expected, unit="%",
                detail={"amount": amount.quantity.text, "whole": whole_text, "formula": "占比 = 金额 ÷ 合计 × 100%"},
                anchor=f"{view.label(r)}|{view.header(s)}",
            )
