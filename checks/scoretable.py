"""The score table as a tree of indicators: 一级 → 二级 → 三级, each with the weight it is printed
with (分值 / 权重, in its own column or in its label, “投入（20分）”) and, where scored, the points
awarded. One tree per score table of the report, whatever its layout (domain.md §2):

- level names in columns, a weight column beside each level or only beside the last
  (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评价标准 | 指标说明 | 得分), weights of the
  upper levels in their labels (“过 程(40分)”), or no weight column at all (“相关性(5分)”);
- one name column whose numbering gives the level (一、产出指标 › （一）数量指标 › 1.…), each level
  with its own weight and score (得分系数 × 权重 自评表);
- 10号 / 四川 project forms, whose 预算执行 weight and score sit in the money block (of the same
  table, or of the money table just before it) and whose indicator block may state its own
  weight (“绩效指标（90分）”).

The grid comes from the readers with merged cells joined (a cell repeated after a page break is
the same cell), so an indicator is one cell of its name column, and a weight printed in one
merged cell for two indicators (经济效益 and 社会效益 sharing 6 points) is one weight. This module
only builds; the SCT rules in checks/rules/evaluation.py compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from checks.context import Context
from checks.evaluation import _BAND_BOUND, Layout, _execution_row, _layout, _points
from checks.intervals import Interval
from checks.tableview import Figure, TableView
from extractor.model import Block, Cell, LocatedQuantity
from extractor.outline import numbering_of
from extractor.segment import segment
from extractor.text import fold, squash

_LABEL_POINTS = regex.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")  # 投入（20分）
_BARE_LABEL_POINTS = regex.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*[)）]\s*$")  # 预算执行(24): only with its level, below
_TOTAL_LABEL = regex.compile(r"^(?:合计|总计|总分|得分合计|合\s*计)")
_SUBTOTAL_LABEL = regex.compile(r"小计$")
_FULL_MARKS_BEFORE = regex.compile(r"(?:指标|满|体系|设置|设定|权重)[，,、\s]*$")
# 总分为100分，自评得分95分: a score awarded later in the sentence makes the 总分 the full marks
_SCORE_AFTER = regex.compile(r"(?:自评|综合|最终|实际|评价)?(?:得分|评分)\s*(?:为|是|:|：)?\s*\d")
_ADJUSTED_LABEL = regex.compile(r"折算")
_APPLICABLE_HEADER = regex.compile(r"适用(?:分值|权重)")
_NOT_APPLICABLE = regex.compile(r"不适用|不考核|不参与|^\s*N\s*/?\s*A\s*$", regex.IGNORECASE)
_PART_LABEL = regex.compile(r"^绩效指标\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")  # 四川: the indicator block's weight
_DEPT = regex.compile(r"部门整体|整体支出|机关整体|单位整体|整体绩效")
_PROJECT = regex.compile(r"项目|专项")
_TOTAL_STATEMENT = regex.compile(
    r"(?:自评得分|综合得分|综合评分|总得分|自评总分|总分|评价得分|(?<!\p{Han})合计得分)\s*(?:为|是|:|：)?\s*(?P<n>\d+(?:\.\d+)?)\s*分"
    + _BAND_BOUND)  # “，合计得分94分” after the parts; not “产出指标合计得分28分”


@dataclass
class Points:
    """A weight or a score as printed. `key` names the cell it is printed in, so one merged cell
    shared by two indicators is one weight."""

    value: Decimal
    interval: Interval
    text: str
    row: int
    col: int
    last: int  # the last grid row its cell covers
    key: tuple[str, int, int]

    @classmethod
    def of(cls, figure: Figure) -> Points:
        f = _points(figure)
        assert f is not None
        return cls(f.value, f.interval, f.quantity.text, f.cell.row, f.cell.col, f.cell.row + f.cell.rowspan - 1,
                   ("cell", f.cell.row, f.cell.col))

    @classmethod
    def label(cls, cell: Cell, bare: bool = False) -> Points | None:
        m = (_BARE_LABEL_POINTS if bare else _LABEL_POINTS).search(fold(cell.text.strip()))
        if m is None:
            return None
        value = Decimal(m[1])
        decimals = len(m[1].split(".")[1]) if "." in m[1] else 0
        interval = Interval.exact(value) if decimals == 0 else Interval.shown(value, decimals)
        return cls(value, interval, m[1], cell.row, cell.col, cell.row + cell.rowspan - 1, ("label", cell.row, cell.col))


@dataclass
class Indicator:
    name: str
    level: int  # 0: 一级
    cell: Cell  # its name cell
    first: int  # grid rows it covers
    last: int
    weights: list[Points] = field(default_factory=list)  # usually one; a 二级 printed as 6 + 12 has two
    score: Points | None = None
    not_applicable: bool = False
    children: list[Indicator] = field(default_factory=list)

    @property
    def weight(self) -> Interval | None:
        return total_of(self.weights) if self.weights else None

    @property
    def leaves(self) -> list[Indicator]:
        return [self] if not self.children else [leaf for c in self.children for leaf in c.leaves]

    def covers(self, points: Points) -> bool:
        return self.first <= points.row and points.last <= self.last


@dataclass
class Execution:
    """The 预算执行 weight and score of a 10号 / 四川 money block."""

    block: Block
    row: int
    weight: Points | None
    score: Points | None


@dataclass
class ScoreTable:
    view: TableView
    layout: Layout
    roots: list[Indicator]
    kind: str | None  # "dept" | "project" | None: what the report calls it, for the narrative's total
    total_row: int | None = None
    total_weights: list[Points] = field(default_factory=list)  # the 合计 row's weight(s), by column
    total_score: Points | None = None
    adjusted_score: Points | None = None  # 折算得分 row
    applicable: Interval | None = None  # Σ 适用分值, when the table has that column
    part_weight: Points | None = None  # 绩效指标（90分）
    execution: Execution | None = None

    @property
    def block(self) -> Block:
        return self.view.block

    @property
    def indicators(self) -> list[Indicator]:
        out: list[Indicator] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


def total_of(points: list[Points]) -> Interval:
    total = Interval.exact(0)
    for p in points:
        total = total + p.interval
    return total


def weight_frontier(nodes: list[Indicator]) -> list[Points] | None:
    """The weights one level down: each indicator's own, or its children's when it has none; None
    when some indicator has no weight anywhere below it. A merged weight cell is counted once."""
    out: list[Points] = []
    for node in nodes:
        if node.weights:
            out.extend(node.weights)
        elif node.children and (below := weight_frontier(node.children)) is not None:
            out.extend(below)
        else:
            return None
    return distinct(out)


def bottom_weight(nodes: list[Indicator]) -> Interval | None:
    """What the indicators' weights add up to from the bottom level up (each indicator counted at
    its deepest weighted items): a level that disagrees with its items only because one of them
    disagrees with its own is not a second mistake."""
    total = Interval.exact(0)
    seen: set[tuple[str, int, int]] = set()
    for node in nodes:
        below = bottom_weight(node.children) if node.children else None
        if below is not None:
            total = total + below
        elif node.weights:
            for p in node.weights:
                if p.key not in seen:
                    seen.add(p.key)
                    total = total + p.interval
        else:
            return None
    return total


def score_frontier(nodes: list[Indicator]) -> list[Points] | None:
    """The awarded scores one level down (a not-applicable indicator counts nothing); None when
    some indicator is neither scored nor marked not applicable."""
    out: list[Points] = []
    for node in nodes:
        if node.score is not None:
            out.append(node.score)
        elif node.not_applicable:
            continue
        elif node.children and (below := score_frontier(node.children)) is not None:
            out.extend(below)
        else:
            return None
    return distinct(out)


def leaf_scores(node: Indicator) -> list[Points] | None:
    """The scores awarded to the indicators under `node` at the bottom level (a subtotal is held
    to these, not to the subtotals printed between)."""
    out: list[Points] = []
    for leaf in node.leaves:
        if leaf.score is not None:
            out.append(leaf.score)
        elif not leaf.not_applicable:
            return None
    return distinct(out)


def distinct(points: list[Points]) -> list[Points]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for p in points:
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out


# ---- building ---------------------------------------------------------------------------------

def score_tables(ctx: Context) -> list[ScoreTable]:
    cached = getattr(ctx, "_score_tables", None)
    if cached is None:
        cached = []
        previous: TableView | None = None
        for view in ctx.views():
            table = _build(ctx, view, previous)
            if table is not None:
                cached.append(table)
            previous = view
        ctx._score_tables = cached  # type: ignore[attr-defined]
    return cached


def _build(ctx: Context, view: TableView, previous: TableView | None) -> ScoreTable | None:
    layout = _layout(view, label_weights=True)
    if layout is None:
        return None
    body = _body_rows(view, layout)
    if not body:
        return None
    numbered = len(layout.names) == 1 and any(numbering_of(_text(view, r, layout.names[0])) for r in body)
    roots = _numbered_tree(view, layout, body) if numbered else _column_tree(view, layout, body)
    _bare_label_weights(roots)
    if not any(n.weights for n in _walk(roots)):
        return None  # no weight anywhere: not a score table
    _take_subtotals(view, layout, roots, body)
    table = ScoreTable(view, layout, roots, _kind(ctx, view))
    _totals(table, body)
    table.part_weight = _part_weight(view, layout)
    table.execution = _execution(view)
    if table.execution is None and previous is not None and _adjacent(ctx, previous.block, view.block):
        table.execution = _money_table_of(table, _execution(previous))
    return table


def _money_table_of(table: ScoreTable, execution: Execution | None) -> Execution | None:
    """The money table printed just before is this table's own when the indicator block says it is
    part of a whole (“绩效指标（90分）”) or when its weight completes the indicators' to 100."""
    if execution is None or execution.weight is None:
        return None
    if table.part_weight is not None:
        return execution
    top = weight_frontier(table.roots)
    if top is None:
        return None
    indicators = total_of(top)
    hundred = Decimal(100)
    return execution if not indicators.contains(hundred) and (indicators + execution.weight.interval).contains(hundred) else None


def _bare_label_weights(roots: list[Indicator]) -> None:
    """Weights printed in the labels of a level without 分 (“过程(40)”, “预算执行(24)”): read only where
    every indicator of that level, above the bottom one, ends its label so and has no weight otherwise,
    and the level's numbers add up to 100 — a number in brackets is a weight only as a share of the whole."""
    levels: dict[int, list[Indicator]] = {}
    for node in _walk(roots):
        levels.setdefault(node.level, []).append(node)
    for nodes in levels.values():
        if any(n.weights or not n.children for n in nodes):
            continue
        points = [Points.label(n.cell, bare=True) for n in nodes]
        if any(p is None for p in points) or not total_of(distinct(points)).contains(Decimal(100)):  # type: ignore[arg-type]
            continue
        for node, p in zip(nodes, points, strict=True):
            node.weights = [p]  # type: ignore[list-item]
            node.name = _BARE_LABEL_POINTS.sub("", node.name)


def _walk(nodes: list[Indicator]) -> list[Indicator]:
    return [n for node in nodes for n in [node, *_walk(node.children)]]


def _body_rows(view: TableView, layout: Layout) -> list[int]:
    """The indicator rows: after the heading row, up to the 合计 row or the next heading row
    (a 小计 row is no indicator)."""
    out = []
    for r in range(layout.header_row + 1, view.table.n_rows):
        if view.is_header_like(r) or _is_total(view, r, layout):
            break
        if not _is_subtotal(view, layout, r):
            out.append(r)
    return out


def _is_subtotal(view: TableView, layout: Layout, r: int) -> bool:
    """A 小计 row: its label, or any name column's own cell, says 小计 (决策 | 20 | 小计 | 20 | 17.70,
    the first-level cell merged down over it)."""
    if _SUBTOTAL_LABEL.search(view.label(r)):
        return True
    return any((cell := view.grid[r][col]) is not None and cell.row == r and _SUBTOTAL_LABEL.search(squash(cell.text))
               for col in layout.names)


def _take_subtotals(view: TableView, layout: Layout, roots: list[Indicator], body: list[int]) -> None:
    """A 小计 row printed under a group is its parent's score (and weight, where the parent has none
    of its own): in 决策 | 20 | 小计 | 20 | 17.70 the 17.70 is 决策's, held to the sum of its items."""
    if not body:
        return
    nodes = _walk(roots)
    for r in range(layout.header_row + 1, body[-1] + 2):
        if r >= view.table.n_rows or r in body or not _is_subtotal(view, layout, r):
            continue
        level = next((i for i, col in enumerate(layout.names) if (cell := view.grid[r][col]) is not None
                      and cell.row == r and _SUBTOTAL_LABEL.search(squash(cell.text))), 0)
        above = [n for n in nodes if n.level == level - 1 and n.first <= r <= n.last] if level > 0 else []
        if not above:  # the 小计 closes the group just above it
            above = [n for n in nodes if n.level == max(level - 1, 0) and n.last == r - 1 and n.children]
        if len(above) != 1:
            continue
        parent = above[0]
        if parent.score is None and layout.score is not None and (f := view.figure(r, layout.score)) is not None:
            parent.score = Points.of(f)
        weight_col = layout.weights.get(layout.names[level]) if level < len(layout.names) else None
        if not parent.weights and weight_col is not None and (f := view.figure(r, weight_col)) is not None:
            parent.weights = [Points.of(f)]


def _is_total(view: TableView, r: int, layout: Layout) -> bool:
    first = next((c for c in view.grid[r] if c is not None and c.text.strip()), None)
    return first is not None and bool(_TOTAL_LABEL.match(squash(first.text)))


def _text(view: TableView, r: int, c: int) -> str:
    cell = view.grid[r][c]
    return cell.text.strip() if cell is not None else ""


def _column_tree(view: TableView, layout: Layout, body: list[int]) -> list[Indicator]:
    """Levels by column: an indicator is one cell of its name column; a cell that repeats the
    label of the indicator just above it (same parent, no weight of its own that differs) is the
    same indicator."""
    roots: list[Indicator] = []
    current: dict[int, Indicator] = {}  # level -> the indicator open at that level
    for r in body:
        parent: Indicator | None = None
        used: set[int] = set()
        for level, col in enumerate(layout.names):
            cell = view.grid[r][col]
            if cell is None or not squash(cell.text) or id(cell) in used:
                continue
            used.add(id(cell))
            node = current.get(level)
            if node is not None and node.cell is cell:
                node.last = max(node.last, r)
            elif node is not None and _repeats(view, layout, node, cell, parent, col):
                node.last = max(node.last, cell.row + cell.rowspan - 1)
            else:
                node = Indicator(_plain(cell.text), level, cell, cell.row, cell.row + cell.rowspan - 1)
                (parent.children if parent is not None else roots).append(node)
                current[level] = node
                for deeper in [k for k in current if k > level]:
                    del current[deeper]
            parent = node
    for node in _walk(roots):
        _weigh(view, layout, node, layout.weights.get(layout.names[node.level]))
        if not node.children:
            for deeper in layout.names[node.level + 1:]:  # an indicator with no level below it in its rows
                if not node.weights:
                    _weigh(view, layout, node, layout.weights.get(deeper), label=False)
            _score(view, layout, node)
    return roots


def _repeats(view: TableView, layout: Layout, node: Indicator, cell: Cell, parent: Indicator | None, col: int) -> bool:
    if squash(cell.text) != squash(node.cell.text) or node.last != cell.row - 1:
        return False
    if parent is not None and node not in parent.children:
        return False
    w = layout.weights.get(col)
    if w is None:
        return True
    mine, theirs = view.figure(node.first, w), view.figure(cell.row, w)
    return theirs is None or (mine is not None and mine.value == theirs.value)


def _numbered_tree(view: TableView, layout: Layout, body: list[int]) -> list[Indicator]:
    """One name column: the numbering (一、 （一） 1.) gives the level, in the order first seen."""
    col = layout.names[0]
    styles: list[str] = []
    roots: list[Indicator] = []
    stack: list[Indicator] = []
    for r in body:
        cell = view.grid[r][col]
        if cell is None or cell.row != r or not squash(cell.text):
            continue
        numbering = numbering_of(cell.text)
        style = numbering.style if numbering is not None else "none"
        if style not in styles:
            styles.append(style)
        level = styles.index(style)
        node = Indicator(_plain(numbering.rest if numbering else cell.text), level, cell, r, r + cell.rowspan - 1)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    weight_col = layout.weights.get(col)
    for node in _walk(roots):
        node.last = max([node.last] + [leaf.last for leaf in node.leaves])
        if weight_col is not None and (f := view.figure(node.first, weight_col)) is not None:
            node.weights = [Points.of(f)]
        elif (p := Points.label(node.cell)) is not None:
            node.weights = [p]
        _score(view, layout, node, own_row_only=True)
    return roots


def _weigh(view: TableView, layout: Layout, node: Indicator, weight_col: int | None, label: bool = True) -> None:
    """The distinct weight cells of the indicator's rows in its level's weight column (a cell
    shared with the next indicator counts once), else the weight in its label."""
    if weight_col is not None:
        seen: set[int] = set()
        for r in range(node.first, node.last + 1):
            cell = view.grid[r][weight_col]
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            if (f := view.figure(cell.row, weight_col)) is not None:
                node.weights.append(Points.of(f))
    if label and not node.weights and (p := Points.label(node.cell)) is not None:
        node.weights = [p]


def _score(view: TableView, layout: Layout, node: Indicator, own_row_only: bool = False) -> None:
    cell = view.grid[node.first][layout.score]
    if cell is None or (own_row_only and cell.row != node.first):
        return
    if _NOT_APPLICABLE.search(cell.text):
        node.not_applicable = True
    elif (f := view.figure(cell.row, layout.score)) is not None:
        node.score = Points.of(f)


def _plain(text: str) -> str:
    return regex.sub(r"\s+", "", regex.sub(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$", "", text.strip()))


def _totals(table: ScoreTable, body: list[int]) -> None:
    view, layout = table.view, table.layout
    after = body[-1] + 1
    while after < view.table.n_rows and _is_subtotal(view, layout, after):
        after += 1  # the last group's 小计 stands between its items and the 合计
    if after < view.table.n_rows and _is_total(view, after, layout):
        table.total_row = after
        seen: set[int] = set()
        for col in sorted(set(layout.weights.values())):
            cell = view.grid[after][col]
            if cell is not None and id(cell) not in seen and (f := view.figure(after, col)) is not None:
                seen.add(id(cell))
                table.total_weights.append(Points.of(f))
        if not table.total_weights:
            first = next((c for c in view.grid[after] if c is not None and c.text.strip()), None)
            if first is not None and (p := Points.label(first)) is not None:
                table.total_weights.append(p)
        if (f := view.figure(after, layout.score)) is not None:
            table.total_score = Points.of(f)
        nxt = after + 1
        if nxt < view.table.n_rows and any(c is not None and _ADJUSTED_LABEL.search(c.text) for c in view.grid[nxt]) \
                and (f := view.figure(nxt, layout.score)) is not None:
            table.adjusted_score = Points.of(f)
    heads = [squash(c.text) if c is not None else "" for c in view.grid[layout.header_row]]
    applicable = next((c for c, t in enumerate(heads) if _APPLICABLE_HEADER.search(t)), None)
    if applicable is not None:
        figures = [f for r in body if (f := view.figure(r, applicable)) is not None]
        if figures:
            table.applicable = total_of([Points.of(f) for f in figures])


def _part_weight(view: TableView, layout: Layout) -> Points | None:
    """四川: a full-width row “绩效指标（90分）” just above the indicator heading."""
    for r in (layout.header_row - 1, 0):
        if r < 0:
            continue
        cells = {id(c): c for c in view.grid[r] if c is not None and c.text.strip()}
        if len(cells) == 1:
            cell = next(iter(cells.values()))
            if _PART_LABEL.match(squash(fold(cell.text))):
                return Points.label(cell)
    return None


def _execution(view: TableView) -> Execution | None:
    row = _execution_row(view)
    if row is None or row.row is None:
        return None
    return Execution(view.block, row.row, Points.of(row.weight) if row.weight else None,
                     Points.of(row.score) if row.score else None)


def _adjacent(ctx: Context, before: Block, after: Block) -> bool:
    """Is `before` the money table of the indicator table `after` (四川 forms print them as two
    tables)? Nothing but a caption line or two between them, and no heading."""
    between = [b for b in ctx.doc.blocks if before.index < b.index < after.index]
    return len(between) <= 2 and all(b.kind == "paragraph" and len(b.text) <= 60 for b in between)


def _kind(ctx: Context, view: TableView) -> str | None:
    heads = " ".join(_text(view, r, c) for r in range(min(2, view.table.n_rows)) for c in range(min(2, view.table.n_cols)))
    text = " ".join(filter(None, [view.table.caption, view.block.section, heads]))
    if _DEPT.search(text):
        return "dept"
    if _PROJECT.search(text):
        return "project"
    return None


# ---- the total the narrative states ------------------------------------------------------------

@dataclass
class StatedTotal:
    block: Block
    quantity: LocatedQuantity
    kind: str | None


# 投入（20分）得19分 — the full marks before the score — is the same
_PART_SCORE = regex.compile(r"(?P<name>[\p{Han}]{2,8}?)(?:指标)?"
                            r"(?:\s*[（(]\s*(?:满分|权重|分值)?\s*(?P<full_before>\d+(?:\.\d+)?)\s*分\s*[)）])?"
                            r"(?:得分为|得分|得|计)\s*(?P<n>\d+(?:\.\d+)?)\s*分"
                            r"(?:\s*[（(]\s*(?:满分|权重|分值)\s*(?P<full>\d+(?:\.\d+)?)\s*分\s*[)）])?")
_FIRST_LEVEL = {"决策", "过程", "产出", "效益", "投入", "管理", "绩效", "满意度", "效果", "履职", "履职效能", "能力建设"}


def listed_parts(text: str, total_at: int) -> list[tuple[str, str]] | None:
    """The first-level scores listed in the total's sentence before it, one per clause, when they are
    the whole of the scoring: their full marks add to 100, or they are three or more of the standard
    first-level indicators (决策、过程、产出、效益…) each named once."""
    folded = fold(text)
    start = max(folded.rfind(stop, 0, total_at) for stop in "。！？\n") + 1
    found = list(_PART_SCORE.finditer(folded, start, total_at))
    if len(found) < 2:
        return None
    names = [regex.sub(r"^(?:其中|分别为|包括|依次为)", "", m["name"]).removesuffix("指标") for m in found]
    if len(set(names)) != len(names):
        return None
    fulls = [m["full"] or m["full_before"] for m in found]
    if all(fulls):
        if sum(Decimal(f) for f in fulls) != 100:
            return None
    elif len(found) < 3 or not all(name in _FIRST_LEVEL for name in names):
        return None
    return [(name, m["n"]) for name, m in zip(names, found, strict=True)]


def stated_totals(ctx: Context) -> list[StatedTotal]:
    """“自评得分95分”, “综合评分为88.68分”… in the text; not a grade band (“综合得分90分（含）以上为优”)."""
    out = []
    for block in ctx.text_blocks():
        folded = fold(block.text)
        for m in _TOTAL_STATEMENT.finditer(folded):
            if m.group(0).startswith("合计得分") and listed_parts(block.text, m.start("n")) is None:
                continue  # 绩效指标…合计得分89.20分: a sum of some scores; a total only after the parts it adds
            if m.group(0).startswith("总分"):
                end = next((s.end for s in segment(folded) if s.start <= m.end() < s.end), len(folded))
                if _FULL_MARKS_BEFORE.search(folded[max(0, m.start() - 6):m.start()]) or \
                        _SCORE_AFTER.search(folded, m.end(), end):
                    continue  # 指标体系总分100分 / 评价总分为100分，自评得分95分: the full marks, not a score
            q = next((q for q in ctx.quantities if q.location.block == block.index
                      and q.location.kind != "table" and q.start == m.start("n")), None)
            if q is None:
                continue
            claim = next((c for c in ctx.claims.in_block(block.index) if c.start == q.start), None)
            if claim is not None and claim.qualifiers.period in ("prior", "other"):
                continue  # （2022年度自评得分91.50分）: another year's total
            before = folded[max(0, m.start() - 30):m.start()]
            kind = "project" if _PROJECT.search(before + m.group(0)) else "dept" if _DEPT.search(before) or \
                regex.search(r"部门|本局|机关|本单位", before) else None
            out.append(StatedTotal(block, q, kind))
    return out


def table_for(ctx: Context, total: StatedTotal) -> list[ScoreTable]:
    """The score tables the statement may be about, nearest first: of its kind when both say
    (部门整体 / 项目), in its own part of the report (its section holds the table's, or the other
    way round); elsewhere only when no other table could be meant."""
    tables = [t for t in score_tables(ctx) if total.kind is None or t.kind is None or t.kind == total.kind]
    near = [t for t in tables if _same_part(t.block.section, total.block.section)]
    if not near and len(tables) == 1:
        near = tables
    return sorted(near, key=lambda t: abs(t.block.index - total.block.index))


def _same_part(a: str, b: str) -> bool:
    pa, pb = [x.strip() for x in a.split("›")], [x.strip() for x in b.split("›")]
    n = min(len(pa), len(pb))
    return bool(a and b) and pa[:n] == pb[:n]
