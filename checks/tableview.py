"""A table as the arithmetic rules see it: row labels, codes, additive figure columns and totals.

Numbers are read from origin cells only, so a merged cell (一级指标 weight spanning five rows, or
repeated after a page break and glued back by the reader) is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import regex

from checks.intervals import Interval, stated
from checks.rowtree import RowTree
from checks.rowtree import build as build_tree
from extractor.figures import column_units
from extractor.model import Block, Cell, Quantity, Table
from extractor.quantities import parse_quantities, unit_info
from extractor.tables import cell_figure_text, is_numeric
from extractor.text import fold, squash

TOTAL = regex.compile(r"^(?:[一二三四五六七八九十\d]+[、.])?(?:.{0,12}?)(合计|总计|小计|共计|合\s*计|总\s*计)$")
SUBTOTAL = regex.compile(r"小计$")
SUB_ITEMS = regex.compile(r"^其中[:：]?")
OTHER = regex.compile(r"^(?:其中[:：]?)?(?:其他|其它|其余)")
DASH = regex.compile(r"^[\s\-—–－/／\\~～0]*$")
_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,3}$")
_CODE_PART = regex.compile(r"^\d{2}$")  # 款 and 项 printed in columns of their own: 201 | 01 | 01
# 2010101 行政运行 / [301]工资福利支出 (功能 2xx, 经济 3xx), not 300万元以上项目
_CODE_IN_NAME = regex.compile(
    r"^[\[【]?([23]\d{2}(?:\s?\d{2}){0,3})(?:[\]】]\s*|\s+|(?![万亿元年月日个人次件项家名台套余多]))(?=\p{Han})")
_SERIAL_HEADER = regex.compile(r"^(?:序号|编号|行次|栏次|行号)$")
_HEADING_WORD = regex.compile(r"指标|分值|得分|金额|预算|数$|项目|名称")
_NON_ADDITIVE_HEADER = regex.compile(r"率|占比|比重|比例|构成|系数|单价|均|标准|指标值|完成值|%|年度|序号|编码|代码")


@dataclass
class Figure:
    cell: Cell
    quantity: Quantity
    interval: Interval  # in the column's unit

    @property
    def value(self) -> Decimal:
        return self.quantity.value


class TableView:
    def __init__(self, block: Block, table: Table) -> None:
        self.block, self.table = block, table
        self.grid = table.grid()
        self.units = column_units(table)

    @cached_property
    def rows(self) -> range:
        return range(self.table.header_rows, self.table.n_rows)

    def origin(self, r: int, c: int) -> Cell | None:
        cell = self.grid[r][c]
        return cell if cell is not None and cell.row == r and cell.col == c else None

    def header(self, c: int, r: int | None = None) -> str:
        """The column's heading; for row `r`, the nearest label row above it inside the body wins
        (10号 tables stack a money block and an indicator block with their own headings)."""
        if r is not None:
            for k in range(r - 1, self.table.header_rows - 1, -1):
                if self.is_header_like(k):
                    cell = self.grid[k][c]
                    return squash(cell.text) if cell is not None else ""
        parts = []
        for k in range(self.table.header_rows):
            cell = self.grid[k][c]
            if cell is not None and cell.text not in parts:
                parts.append(cell.text)
        return squash(" ".join(parts))

    def label(self, r: int) -> str:
        """The most specific name of a row: the last text cell before its first figure (a serial
        number in a 序号 column or a code in a 编码 column is no figure)."""
        name = ""
        for cell in self.grid[r]:
            if cell is None or not cell.text.strip() or DASH.match(fold(cell.text)):
                continue
            text = squash(cell.text)
            if is_numeric(cell.text) or (cell.row == r and self.figure(r, cell.col) is not None):
                if not name and (self.units[cell.col] == "code" or _SERIAL_HEADER.match(self.header(cell.col))):
                    continue
                break
            if not _CODE.match(text):
                name = text
        return name

    def row_text(self, r: int) -> str:
        seen: list[str] = []
        for cell in self.grid[r]:
            if cell is not None and squash(cell.text) and squash(cell.text) not in seen:
                seen.append(squash(cell.text))
        return " ".join(seen)

    def indent(self, r: int) -> int | None:
        """Leading spaces of the row's name cell (full-width counted as two), None without a name."""
        for cell in self.grid[r]:
            if cell is not None and cell.text.strip() and not is_numeric(cell.text) and \
                    not _CODE.match(squash(cell.text)) and squash(cell.text) == self.label(r):
                lead = cell.text[: len(cell.text) - len(cell.text.lstrip())]
                return sum(2 if ch == "\u3000" else 1 for ch in lead)
        return None

    def code(self, r: int) -> str | None:
        """The row's classification code: in the cells before its name (2010101, 201 01 01, or the
        类 | 款 | 项 parts in columns of their own), in a 编码 column, or before the name
        (2010101 行政运行)."""
        parts = ""
        for c in range(self.table.n_cols):
            cell = self.grid[r][c]
            text = squash(cell.text) if cell is not None else ""
            if not text or _SERIAL_HEADER.match(self.header(c)):
                continue
            if (_CODE.match(text) and not parts) or (parts and _CODE_PART.match(text)):
                parts += text
                continue
            break
        if _CODE.match(parts):
            return parts
        for c in range(self.table.n_cols):
            cell = self.grid[r][c]
            if cell is not None and self.units[c] == "code" and _CODE.match(squash(cell.text)):
                return squash(cell.text)
        label = self.label(r)
        m = _CODE_IN_NAME.match(label) if label else None
        return squash(m.group(1)) if m else None

    @cached_property
    def tree(self) -> RowTree:
        """Which rows add up to which (built once, read by every table rule)."""
        return build_tree(self)

    @cached_property
    def _figures(self) -> dict[tuple[int, int], Figure | None]:
        return {}

    def figure(self, r: int, c: int) -> Figure | None:
        key = (r, c)
        if key not in self._figures:
            self._figures[key] = self._read_figure(r, c)
        return self._figures[key]

    def _read_figure(self, r: int, c: int) -> Figure | None:
        """The single plain figure in an origin cell (no comparison sign, no range), or None; a note
        beside it (“（含结转）” on a second paragraph, a unit on its own line) is not part of it."""
        cell = self.origin(r, c)
        text = cell_figure_text(cell.text) if cell is not None and cell.text.strip() else None
        if cell is None or text is None:
            return None
        qs = parse_quantities(text)
        if len(qs) != 1 or qs[0].kind in ("range", "fraction") or qs[0].comparison or qs[0].direction:
            return None
        q = qs[0]
        unit = self.units[c]
        if q.unit is None and unit and unit != "code":
            kind, base, scale = unit_info(unit)
            q = q.model_copy(update={"kind": kind if kind != "number" else q.kind, "unit": unit, "base_unit": base,
                                     "scale": scale})
        return Figure(cell, q, stated(q))

    def is_blank(self, r: int, c: int) -> bool:
        cell = self.grid[r][c]
        return cell is None or bool(DASH.match(fold(cell.text)))

    def additive(self, c: int, r: int | None = None) -> bool:
        """Can figures in this column be added up? Not rates, shares, targets or codes."""
        if self.units[c] in ("%", "‰", "code"):
            return False
        return not _NON_ADDITIVE_HEADER.search(self.header(c, r))

    def is_total(self, r: int) -> bool:
        return bool(TOTAL.match(self.label(r)))

    def is_header_like(self, r: int) -> bool:
        if r not in self._header_like:
            self._header_like[r] = self._header_like_row(r)
        return self._header_like[r]

    @cached_property
    def _header_like(self) -> dict[int, bool]:
        return {}

    def _header_like_row(self, r: int) -> bool:
        """A label row inside the body (a second header): no figures, two or more distinct labels."""
        texts = {squash(cell.text) for cell in self.grid[r] if cell is not None and cell.text.strip()}
        return len(texts) >= 2 and not any(is_numeric(t) for t in texts) and \
            sum(1 for t in texts if _HEADING_WORD.search(t)) >= 2

    @cached_property
    def _figure_cols(self) -> list[int]:
        return [c for c in range(self.table.n_cols) if any(self.figure(r, c) is not None for r in self.rows)]

    def figure_cols(self) -> list[int]:
        return self._figure_cols
