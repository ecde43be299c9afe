"""Format-independent table logic: header rows, declared units, gluing page-broken tables, and
merged cells that a page break cut in two."""

from __future__ import annotations

import regex

from extractor.model import Cell, Table
from extractor.text import fold, squash

_UNIT_RE = regex.compile(r"(?:金额|计量)?单位\s*[:：]\s*(亿元|万元|千元|元|%|人|个|分)")
_COLUMN_UNIT_RE = regex.compile(r"[(（]\s*(亿元|万元|千元|元|%|‰|人|人次|个|家|次|分|项|天|年|平方米|㎡|吨)\s*[)）]\s*$")
_TOTAL_LABEL = regex.compile(r"(?:合计|小计|总计|共计)")
_NUMERIC_RE = regex.compile(r"^[\s\-+]*[\d,.]+(?:，\d{3}(?:\.\d+)?)*\s*(?:%|万元|元|亿元|分|人)?\s*$")


def declared_unit(text: str) -> str | None:
    """The unit a caption or a title row declares for the whole table (单位：万元)."""
    m = _UNIT_RE.search(fold(text).replace(" ", ""))
    return m.group(1) if m else None


def column_unit(header: str) -> str | None:
    """The unit a column header declares: 金额（万元）, 占比(%)."""
    m = _COLUMN_UNIT_RE.search(fold(header.strip()))
    return m.group(1) if m else None


def is_numeric(text: str) -> bool:
    return bool(text.strip()) and bool(_NUMERIC_RE.match(fold(text)))


def guess_header_rows(table: Table) -> int:
    """Leading rows with no figure in them and at least two labels, widened over their row spans."""
    rows = table.rows_text()
    grid = table.grid()
    n = 0
    while n < min(len(rows), 4):
        cells = [t for t in rows[n] if t.strip()]
        distinct = {id(c) for c in grid[n] if c is not None and c.text.strip()}
        if len(distinct) < 2 or any(is_numeric(t) or cell_figure_text(t) is not None for t in cells):  # 12.00（当年下达）
            break
        if any(_TOTAL_LABEL.match(squash(t)) for t in cells):
            break
        n += 1
        if not _has_header_word(rows[n - 1]):
            n -= 1
            break
    # a header cell spanning further down pulls the header with it
    for cell in table.cells:
        if cell.row < n:
            n = max(n, cell.row + cell.rowspan)
    return min(n, table.n_rows)


_HEADER_WORDS = regex.compile(
    r"指标|项目|名称|分值|得分|权重|金额|预算|决算|支出|收入|单位|科目|编码|序号|合计|类别|内容|说明|"
    r"标准|完成|执行|数|率|占比|比例|原因|备注|年|值"
)


def _has_header_word(row: list[str]) -> bool:
    return sum(1 for t in row if t.strip() and _HEADER_WORDS.search(t)) >= max(1, len([t for t in row if t.strip()]) // 2)


def row_signature(table: Table, r: int) -> tuple[str, ...]:
    return tuple(squash(t) for t in table.rows_text()[r])


def continues(prev: Table, nxt: Table, prev_edges: list[float], next_edges: list[float], tol: float = 4.0) -> bool:
    """Do two tables on consecutive pages form one? Same column count and x-edges within `tol` points."""
    if prev.n_cols != nxt.n_cols or len(prev_edges) != len(next_edges):
        return False
    return all(abs(a - b) <= tol for a, b in zip(prev_edges, next_edges, strict=False))


def regrid(table: Table, edges: list[float], target: list[float], tol: float = 4.0) -> Table | None:
    """The table laid on a finer set of column edges that holds all of its own (the form's header
    rows, 项目名称 | … over wide cells, at the foot of one page, and its body in narrow columns on the
    next): the same outer edges, every inner edge one of `target`'s. None when they do not fit."""
    if len(target) <= len(edges) or abs(edges[0] - target[0]) > tol or abs(edges[-1] - target[-1]) > tol:
        return None
    at: list[int] = []
    for e in edges:
        j = min(range(len(target)), key=lambda i: abs(target[i] - e))
        if abs(target[j] - e) > tol or (at and j <= at[-1]):
            return None
        at.append(j)
    cells = [c.model_copy(update={"col": at[c.col], "colspan": at[c.col + c.colspan] - at[c.col]}) for c in table.cells]
    return table.model_copy(update={"n_cols": len(target) - 1, "cells": cells, "col_edges": list(target)})


_CONTINUED = regex.compile(r"^续表|[(（]\s*续(?:表|上表)?\s*[)）]|^(?:表\s*[\dA-Za-z\-.－]+\s*)?续[:：]?$")
_CAPTION_LEN = 40


def is_continuation_caption(text: str) -> bool:
    """A caption saying the table goes on: 续表, 续表2, 表1（续）, 表1 支出表（续表）."""
    flat = squash(text)
    return 0 < len(flat) <= _CAPTION_LEN and bool(_CONTINUED.search(flat))


def same_columns(prev: Table, nxt: Table, said: bool, tol: float = 4.0) -> bool:
    """Is `nxt` the rest of `prev`, split by hand (a page break, a 续表 caption, or nothing)?
    The columns must be the same: their count, their widths where the format gives them, the
    header when `nxt` repeats one, and the kind of content (figures or labels) in each body column.
    Without a caption saying so (`said`), `prev` must have a header that `nxt` goes on under and
    must not already end in its total."""
    if prev.n_cols != nxt.n_cols or prev.n_rows == 0 or nxt.n_rows == 0:
        return False
    if len(prev.col_edges) == len(nxt.col_edges) == prev.n_cols + 1:
        x0, y0 = prev.col_edges[0], nxt.col_edges[0]
        if any(abs((a - x0) - (b - y0)) > tol for a, b in zip(prev.col_edges, nxt.col_edges, strict=True)):
            return False
    if nxt.header_rows:
        head = [row_signature(prev, r) for r in range(prev.header_rows)]
        return bool(head) and nxt.header_rows == prev.header_rows and \
            [row_signature(nxt, r) for r in range(nxt.header_rows)] == head
    if not _same_kinds(prev, nxt):
        return False
    return said or (prev.header_rows > 0 and not _ends_in_total(prev))


def _column_kinds(table: Table) -> list[set[str]]:
    kinds: list[set[str]] = [set() for _ in range(table.n_cols)]
    for cell in table.cells:
        if cell.row >= table.header_rows and cell.text.strip() and cell.colspan == 1:
            kinds[cell.col].add("figure" if is_numeric(cell.text) or cell_figure_text(cell.text) else "label")
    return kinds


def _same_kinds(prev: Table, nxt: Table) -> bool:
    """No column holds only figures in one part and only labels in the other."""
    return all(not (a and b and a != b and len(a) == len(b) == 1)
               for a, b in zip(_column_kinds(prev), _column_kinds(nxt), strict=True))


def _ends_in_total(table: Table) -> bool:
    return any(regex.match(r"^(?:合计|总计|合\s*计|总\s*计)", squash(t)) for t in table.rows_text()[-1])


_NOTE = regex.compile(r"[(（][^()（）\d]*[)）]")
_UNIT_ONLY = regex.compile(r"^(?:亿元|万元|千元|元|%|‰|人|人次|个|家|次|分|项|天)$")


def cell_figure_text(text: str) -> str | None:
    """The figure a cell shows when it has a note beside it: "15.35" over "（含结转）" on a second
    paragraph is 15.35, "1,300.00" over "万元" is 1,300.00万元. A bracketed note without digits is
    dropped; a paragraph that is only a unit joins the figure. None when the cell is not one figure
    (two figures, a note with figures in it, or text)."""
    if is_numeric(text):
        return "".join(text.split("\n")) if "\n" in text else text
    parts = [_NOTE.sub("", p).strip() for p in text.split("\n")]
    parts = [p for p in parts if p]
    figures = [p for p in parts if is_numeric(p)]
    if len(figures) != 1:
        return None
    units = [p for p in parts if p is not figures[0]]
    if len(units) > 1 or (units and not _UNIT_ONLY.match(fold(units[0]))):
        return None
    joined = figures[0] + (units[0] if units else "")
    return joined if is_numeric(joined) else None


def glue(prev: Table, nxt: Table, rejoin_broken: bool = True) -> Table:
    """Append a continuation to a table: drop a repeated header and rejoin a row the page broke
    (`rejoin_broken`: only where a page break can cut a row, not between tables split by hand).
    A merged cell that the page cut (repeated or left blank on the new page) is joined afterwards,
    by `join_repeated_cells`, as for every format."""
    skip = 0
    if prev.header_rows:
        head = [row_signature(prev, r) for r in range(prev.header_rows)]
        if nxt.n_rows >= prev.header_rows and [row_signature(nxt, r) for r in range(prev.header_rows)] == head:
            skip = prev.header_rows
    else:
        skip = _repeated_lead(prev, nxt)
    prev_grid = prev.grid()
    last = prev.n_rows - 1
    cells = [c.model_copy(deep=True) for c in prev.cells]
    by_id = {(c.row, c.col): c for c in cells}
    next_rows = list(range(skip, nxt.n_rows))
    if not next_rows:
        return prev
    first = next_rows[0]
    nxt_grid = nxt.grid()
    broken = rejoin_broken and _is_broken_row(prev_grid[last], nxt_grid[first], prev.n_cols)
    offset = prev.n_rows - skip - (1 if broken else 0)
    for cell in nxt.cells:
        if cell.row < skip:
            continue
        above = prev_grid[last][cell.col]
        origin = by_id.get((above.row, above.col)) if above is not None else None
        same_span = above is not None and above.col == cell.col and above.colspan == cell.colspan
        if broken and cell.row == first and origin is not None and same_span:
            origin.text = _concat(origin.text, cell.text)
            origin.rowspan = max(origin.row + origin.rowspan, cell.row + cell.rowspan + offset) - origin.row
            continue
        moved = cell.model_copy(deep=True)
        moved.row = cell.row + offset
        cells.append(moved)
    n_rows = nxt.n_rows + offset
    row_pages = prev.row_pages + nxt.row_pages[skip + (1 if broken else 0):]
    return Table(
        n_rows=n_rows, n_cols=prev.n_cols, cells=sorted(cells, key=lambda c: (c.row, c.col)),
        header_rows=prev.header_rows, unit=prev.unit or nxt.unit, caption=prev.caption,
        pages=sorted(set(prev.pages) | set(nxt.pages)), row_pages=row_pages, col_edges=prev.col_edges,
    )


def _repeated_lead(prev: Table, nxt: Table) -> int:
    """The rows a continuation repeats from the top of its table where the reader found no header
    there (a form's title row and its money block's heading, repeated by Word on every page): up to
    three rows without a figure, each the same as the table's own row — a title cell the new page
    cut short (凌川区…部门 for 凌川区…部门整体绩效自评表) still the same title. Without this, a lone
    repeated title would be read as the rest of the row the page broke (`_is_broken_row`)."""
    for k in (3, 2, 1):
        if prev.n_rows < k or nxt.n_rows < k:  # (a page may hold nothing but the repeated rows)
            continue
        pairs = [(row_signature(prev, r), row_signature(nxt, r)) for r in range(k)]
        if all(_same_lead_row(a, b) for a, b in pairs) and \
                (any(sum(1 for t in a if t) >= 2 for a, _ in pairs) or all(len("".join(a)) >= 8 for a, _ in pairs)):
            return k  # (one cell alone repeats only as a title, long enough not to be a coincidence)
    return 0


def _same_lead_row(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if any(is_numeric(t) for t in a + b):
        return False
    if a == b:
        return True
    filled_a, filled_b = [t for t in a if t], [t for t in b if t]
    return len(filled_a) == len(filled_b) == 1 and min(len(filled_a[0]), len(filled_b[0])) >= 8 and \
        (filled_a[0].startswith(filled_b[0]) or filled_b[0].startswith(filled_a[0]))


def _concat(a: str, b: str) -> str:
    return a + b if a and b else a or b


def _is_broken_row(last: list[Cell | None], first: list[Cell | None], n_cols: int) -> bool:
    """The first row of a continuation is the rest of the previous row when it fills only columns
    that the previous row also filled, fewer of them, and starts no new figure."""
    filled_last = {c for c in range(n_cols) if last[c] is not None and last[c].text.strip()}  # type: ignore[union-attr]
    filled_first = {c for c in range(n_cols) if first[c] is not None and first[c].text.strip()}  # type: ignore[union-attr]
    if not filled_first or not filled_first <= filled_last or len(filled_first) >= len(filled_last):
        return False
    if any(first[c] is not None and first[c].rowspan > 1 for c in filled_first):  # type: ignore[union-attr]
        return False
    return not any(is_numeric(first[c].text) for c in filled_first)  # type: ignore[union-attr]


def join_repeated_cells(table: Table) -> Table:
    """One cell where a merged cell was cut in two: Word restarts a vertical merge after a page
    break (so the 一级指标 cell and its weight appear again), an exporter repeats the label at the
    top of the new page or leaves the rest of the cell blank there. Such a cell is joined to the
    cell above it, so the same table gives the same grid from .docx and from PDF.

    A cell is joined when it sits exactly under a cell of the same columns, one of the two spans
    several rows, and either
    - every column to its left in that row continues from above, and it repeats the text above
      (a figure only after a label to its left was repeated: "过程 | 61" under "过程 | 61"), or
      it is blank after such a repeated label (the weight column of a repeated 二级指标); or
    - a page starts at that row (PDF) and it repeats the cell above or is blank.
    A new indicator to the left (a different label) ends the joining for the rest of the row, so
    equal weights of two different indicators stay two cells."""
    if table.n_rows < 2:
        return table
    grid = table.grid()
    gone: set[int] = set()
    paged = len(table.row_pages) == table.n_rows
    for r in range(1, table.n_rows):
        page_break = paged and table.row_pages[r] != table.row_pages[r - 1]
        continuing, repeated = True, False
        c = 0
        while c < table.n_cols:
            cell = grid[r][c]
            if cell is None:
                continuing, c = False, c + 1
                continue
            if cell.row < r:  # a merge already running on from above
                c = cell.col + cell.colspan
                continue
            above = grid[r - 1][c]
            if above is not None and _can_join(above, cell):
                same = bool(squash(cell.text)) and squash(cell.text) == squash(above.text)
                blank = not cell.text.strip() and bool(above.text.strip())
                label = same and not is_numeric(cell.text)
                if (continuing and (label or (same and repeated) or (blank and repeated))) or \
                        (page_break and (same or blank)):
                    above.rowspan = cell.row + cell.rowspan - above.row
                    gone.add(id(cell))
                    for k in range(cell.row, min(cell.row + cell.rowspan, table.n_rows)):
                        for j in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                            grid[k][j] = above
                    repeated = repeated or same
                    c = cell.col + cell.colspan
                    continue
            continuing = False
            c = cell.col + cell.colspan
    if gone:
        table.cells = [c for c in table.cells if id(c) not in gone]
    return table


def _can_join(above: Cell, cell: Cell) -> bool:
    return (above is not cell and above.col == cell.col and above.colspan == cell.colspan
            and (above.rowspan > 1 or cell.rowspan > 1) and not above.tables and not cell.tables)
