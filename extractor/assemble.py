"""Turn a reader's stream of paragraphs and tables into ordered blocks with section paths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from extractor.model import Block, Document, Table, Unread
from extractor.outline import Outline, classify, is_part_title
from extractor.tables import (
    declared_unit,
    glue,
    guess_header_rows,
    is_continuation_caption,
    join_repeated_cells,
    same_columns,
)

_CAPTION_MAX = 80


class Paragraphish(Protocol):
    @property
    def text(self) -> str: ...


def assemble(file: str, fmt: str, items: Iterable[object]) -> Document:
    doc = Document(file=file, format=fmt)  # type: ignore[arg-type]
    outline = Outline()
    table_block: dict[int, int] = {}  # stream position -> block index, for nested tables' parents
    for source, item in enumerate(items):
        index = len(doc.blocks)
        if isinstance(item, Unread):  # sits in or after the last block
            doc.unread.append(item.model_copy(update={"block": index - 1 if index else None}))
            continue
        if isinstance(item, Table):
            table_block[source] = index
            if item.nested_in is not None and item.nested_in.block in table_block:
                _finish_nested(item, doc.blocks[table_block[item.nested_in.block]])
            else:
                _finish_table(item, doc.blocks[-2:])
                if _continue_table(doc.blocks, item, source):
                    continue
            pages = item.pages
            doc.blocks.append(Block(index=index, kind="table", text="", section=outline.path, table=item,
                                    page=pages[0] if pages else None, pages=pages, source=source))
            continue
        text = item.text.strip()  # type: ignore[attr-defined]
        if not text:
            continue
        guess = classify(text, emphasized=getattr(item, "emphasized", False),
                         style_level=getattr(item, "style_level", None))
        level = None
        if not guess.is_heading and is_part_title(text) and any(b.kind == "heading" for b in doc.blocks):
            outline.start_part(text)
        if guess.style is not None and guess.title:
            label = (guess.numbering or "") + guess.title
            level = outline.enter(guess.style, label, guess.numbering, guess.is_heading)
        pages = list(getattr(item, "pages", []) or [])
        doc.blocks.append(Block(
            index=index, kind="heading" if guess.is_heading else "paragraph", text=text,
            level=level if guess.is_heading else None, numbering=guess.numbering, title=guess.title,
            section=outline.path, page=pages[0] if pages else None, pages=pages, source=source,
            part_starts=_part_starts(text, getattr(item, "parts", None) or []),
        ))
    return doc


def _part_starts(text: str, parts: list[str]) -> list[int]:
    """Where each part after the first starts in the joined text (found by its opening characters)."""
    starts: list[int] = []
    at = 0
    for part in parts[1:]:
        probe = part.strip()[:6]
        found = text.find(probe, at + 1) if probe else -1
        if found < 0:
            break
        starts.append(found)
        at = found
    return starts


def _finish_nested(table: Table, parent: Block) -> None:
    """A table read out of a cell: it names that cell, and the parent's unit holds unless it declares its own."""
    assert table.nested_in is not None and parent.table is not None
    table.nested_in.block = parent.index
    table.caption = f"嵌套表（位于上方表格第{table.nested_in.row + 1}行第{table.nested_in.col + 1}列）"
    _finish_table(table, [])
    if table.unit is None:
        table.unit = parent.table.unit


def _finish_table(table: Table, before: list[Block]) -> None:
    """Attach caption and declared unit (from the one or two short lines just above the table,
    e.g. "表1 支出表" then "单位：万元"); find header rows when the file did not mark them."""
    for block in reversed(before):
        if block.kind == "table" or len(block.text) > _CAPTION_MAX:
            break
        unit = declared_unit(block.text)
        if table.unit is None and unit:
            table.unit = unit
        if table.caption is None and "表" in block.text:
            table.caption = block.text
        if not unit and "表" not in block.text:
            break
    if table.unit is None:
        for cell in table.cells:
            if cell.row <= 1 and (unit := declared_unit(cell.text)):
                table.unit = unit
                break
    if table.header_rows == 0:
        table.header_rows = guess_header_rows(table)
    for cell in table.cells:
        for inner in cell.tables:
            _finish_table(inner, [])


def _continue_table(blocks: list[Block], table: Table, source: int) -> bool:
    """Join a table to the one before it when it is that table's rest, split by hand: nothing but
    a page break between them, or a caption saying so (续表, 表1（续）, with perhaps 单位：万元), and
    the same columns. The caption lines go: the joined table keeps the first part's caption, and
    every row remembers the part it came from (`row_sources`, for comments written into the file)."""
    between: list[Block] = []
    for block in reversed(blocks[-3:]):
        if block.kind == "table":
            break
        between.append(block)
    else:
        return False  # no table just before
    prev = blocks[-len(between) - 1]
    said = any(is_continuation_caption(b.text) for b in between)
    if between and not (said and all(is_continuation_caption(b.text) or _unit_line(b.text) for b in between)):
        return False
    if prev.table is None or not same_columns(prev.table, table, said):
        return False
    if any(cell.tables for cell in table.cells):
        return False  # its nested tables name its own rows and block: read it as a table of its own
    first = prev.table.row_sources or [(prev.source or 0, r) for r in range(prev.table.n_rows)]
    joined = join_repeated_cells(glue(prev.table, table, rejoin_broken=False))
    skip = prev.table.n_rows + table.n_rows - joined.n_rows  # a repeated header dropped
    joined.row_sources = first + [(source, r) for r in range(skip, table.n_rows)]
    prev.table = joined
    prev.pages = sorted(set(prev.pages) | set(table.pages))
    del blocks[len(blocks) - len(between):]
    return True


def _unit_line(text: str) -> bool:
    return len(text) <= 20 and declared_unit(text) is not None
