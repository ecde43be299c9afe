"""The one document model every reader produces and every check consumes."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

BlockKind = Literal["heading", "paragraph", "table"]


class Cell(BaseModel):
    """An origin cell of a table grid; a merged cell is stored once."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    tables: list[Table] = Field(default_factory=list, description="nested tables")


class Nesting(BaseModel):
    """Where a nested table sits: the block of the table around it, and the cell."""

    block: int
    row: int
    col: int


class Table(BaseModel):
    n_rows: int
    n_cols: int
    cells: list[Cell]
    header_rows: int = 0
    unit: str | None = None
    caption: str | None = None
    pages: list[int] = Field(default_factory=list)
    row_pages: list[int] = Field(
        default_factory=list, description="the page each grid row starts on (PDF; .docx when Word saved its layout)"
    )
    col_edges: list[float] = Field(
        default_factory=list, exclude=True,
        description="x of every column edge in points, where the format has it (to tell a continuation)",
    )
    row_sources: list[tuple[int, int]] = Field(
        default_factory=list, exclude=True,
        description="a table joined from parts split by hand: (reader stream position, row there) of every row",
    )
    nested_in: Nesting | None = Field(
        None, description=".docx: a table inside a table's cell, read as its own block after it"
    )

    def grid(self) -> list[list[Cell | None]]:
        """Every grid position mapped to the origin cell covering it (None where no cell is drawn)."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    out[r][c] = cell
        return out

    def rows_text(self) -> list[list[str]]:
        """Text at every grid position, merged cells repeated (what a reader sees)."""
        return [[c.text if c else "" for c in row] for row in self.grid()]

    def iter_nested(self) -> Iterator[Table]:
        for cell in self.cells:
            for inner in cell.tables:
                yield inner
                yield from inner.iter_nested()


class Block(BaseModel):
    index: int
    kind: BlockKind
    text: str = ""
    level: int | None = Field(None, description="heading depth in the numbering outline")
    numbering: str | None = Field(None, description="the number as printed: 一、 （一） 1. 1.1 ①")
    title: str | None = Field(None, description="heading text without its number")
    section: str = ""
    page: int | None = None
    pages: list[int] = Field(default_factory=list)
    table: Table | None = None
    source: int | None = Field(None, description="position in the reader's stream (.docx: body element order)")
    part_starts: list[int] = Field(
        default_factory=list, exclude=True,
        description=".docx: where each further Word paragraph of a block joined from several (a sentence "
                    "pasted one line per paragraph) starts in its text, for counting paragraphs as Word shows them",
    )


class PageProblem(BaseModel):
    page: int
    problem: Literal["no_text_layer", "cid_text"]


class Unread(BaseModel):
    """Something the reader met and could not turn into text (so “no findings” never hides “not read”)."""

    kind: Literal["image", "chart", "object", "equation", "textbox", "altchunk", "page", "other"]
    block: int | None = Field(None, description="the block it sits in or after (None: before the first)")
    page: int | None = None
    detail: str = Field("", description="what it is, as the file names it (图片 1, Chart 2, Equation.3 …)")


class Document(BaseModel):
    file: str
    format: Literal["docx", "pdf"]
    n_pages: int | None = None
    blocks: list[Block] = Field(default_factory=list)
    page_problems: list[PageProblem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    unread: list[Unread] = Field(default_factory=list, description="content met but not read as text")

    def tables(self) -> Iterator[tuple[Block, Table]]:
        """Every table, nested ones after their parent, with the block that holds it."""
        for block in self.blocks:
            if block.table is not None:
                yield block, block.table
                for inner in block.table.iter_nested():
                    yield block, inner


class Quantity(BaseModel):
    """A figure as stated: value in the stated unit, with what is needed to recompute it."""

    kind: Literal[
        "amount", "percent", "points", "permille", "count", "measure", "score", "number",
        "fraction", "range",
    ]
    value: Decimal
    unit: str | None = None
    base_unit: str | None = None
    scale: Decimal = Decimal(1)
    decimals: int | None = Field(None, description="digits shown after the point; None if exact")
    text: str
    start: int
    end: int
    comparison: Literal[">=", "<=", ">", "<", "="] | None = None
    direction: Literal["increase", "decrease"] | None = None
    high: Decimal | None = Field(None, description="range: upper bound (value is the lower)")
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    chinese: bool = False
    approximate: bool = Field(False, description="约/近/余/多/左右: no rounding promise")

    @property
    def base_value(self) -> Decimal:
        return self.value * self.scale


class Marker(BaseModel):
    """A number that is not a quantity: a year, a date, a document number, a list marker…"""

    kind: Literal["year", "date", "docnum", "marker", "ordinal", "code", "time"]
    text: str
    start: int
    end: int


class Location(BaseModel):
    block: int
    kind: BlockKind
    page: int | None = None
    section: str = ""
    row: int | None = None
    col: int | None = None


class LocatedQuantity(Quantity):
    location: Location
    implied_unit: str | None = Field(None, description="unit declared by the table or column")


Cell.model_rebuild()
