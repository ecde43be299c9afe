"""Every figure of a document, located: paragraphs and headings by block, tables by row and column."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractor.model import Block, Document, LocatedQuantity, Location, Quantity, Table
from extractor.quantities import parse_quantities, unit_info
from extractor.tables import column_unit

_CODE_HEADER = regex.compile(r"编码|代码|编号|序号|电话|账号")
_SCORE_HEADER = regex.compile(r"分值|得分|权重|满分")


def column_units(table: Table) -> list[str | None]:
    """The unit each column's figures are in when a cell does not say: the column header's own
    unit (金额（万元）, 占比(%)), points for score columns, else the table's declared unit."""
    grid = table.grid()
    units: list[str | None] = []
    for c in range(table.n_cols):
        header = " ".join(
            cell.text for r in range(table.header_rows) if (cell := grid[r][c]) is not None
        )
        if _CODE_HEADER.search(header):
            units.append("code")
        elif unit := column_unit(header):
            units.append(unit)
        elif _SCORE_HEADER.search(header):
            units.append("分")
        else:
            units.append(table.unit)
    return units


def _locate(q: Quantity, loc: Location, implied: str | None = None) -> LocatedQuantity:
    located = LocatedQuantity(**q.model_dump(), location=loc)
    if implied and q.unit is None and q.kind == "number":
        located.implied_unit = implied
        kind, base, scale = unit_info(implied)
        located.kind, located.base_unit, located.scale = kind, base, scale  # type: ignore[assignment]
    return located


def table_quantities(block: Block, table: Table) -> Iterator[LocatedQuantity]:
    units = column_units(table)
    for cell in table.cells:
        if not cell.text or cell.row < table.header_rows or units[cell.col] == "code":
            continue
        loc = Location(block=block.index, kind="table", page=block.page, section=block.section,
                       row=cell.row, col=cell.col)
        for q in parse_quantities(cell.text):
            yield _locate(q, loc, units[cell.col])


def document_quantities(doc: Document) -> list[LocatedQuantity]:
    out: list[LocatedQuantity] = []
    for block in doc.blocks:
        if block.table is not None:
            out.extend(table_quantities(block, block.table))
            for inner in block.table.iter_nested():
                out.extend(table_quantities(block, inner))
            continue
        loc = Location(block=block.index, kind=block.kind, page=block.page, section=block.section)
        out.extend(_locate(q, loc) for q in parse_quantities(block.text))
    return out
