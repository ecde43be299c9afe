"""What a rule sees: the document, its located figures, shared indexes, and the coverage tally."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

from checks.finding import Coverage, Finding, FindingLocation, Severity
from checks.places import Places, excerpt_around, figure_in, place_words, row_label
from checks.registry import RULES
from extractor.claims import Claims, read_claims
from extractor.figures import document_quantities
from extractor.model import Block, Document, LocatedQuantity, Table


class Context:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.coverage = Coverage()
        self.places = Places(doc)
        self.table_ordinal = self.places.ordinal  # block index -> 0-based ordinal among the tables a reader counts
        self._footed: set[int] = set()

    @cached_property
    def quantities(self) -> list[LocatedQuantity]:
        figures = document_quantities(self.doc)
        self.coverage.figures = len(figures)
        return figures

    @cached_property
    def claims(self) -> Claims:
        """Every stated figure with its subject, qualifiers and role (extractor/claims.py), read once."""
        return read_claims(self.doc, self.quantities)

    def block(self, index: int) -> Block:
        blocks = self.__dict__.get("_blocks")
        if blocks is None:
            blocks = self.__dict__["_blocks"] = {b.index: b for b in self.doc.blocks}
        return blocks[index]

    def view(self, block: Block):  # type: ignore[no-untyped-def]
        """The arithmetic view of a table block, built once and shared by every rule."""
        from checks.tableview import TableView

        cache = self.__dict__.setdefault("_views", {})
        if block.index not in cache:
            cache[block.index] = TableView(block, block.table)  # type: ignore[arg-type]
        return cache[block.index]

    def views(self):  # type: ignore[no-untyped-def]
        """Every table's arithmetic view, in document order."""
        return (self.view(b) for b in self.doc.blocks if b.table is not None)

    def text_blocks(self) -> Iterator[Block]:
        return (b for b in self.doc.blocks if b.kind != "table" and b.text)

    def tables(self) -> Iterator[tuple[Block, Table]]:
        return ((b, b.table) for b in self.doc.blocks if b.table is not None)

    def table_footed(self, block: Block) -> None:
        if block.index not in self._footed:
            self._footed.add(block.index)
            self.coverage.tables += 1

    def location(self, block: Block, row: int | None = None, col: int | None = None) -> FindingLocation:
        """Where a finding is, in the model's indexes and in the words a reader follows: the table's
        label, the row's label and the column's header, the paragraph's ordinal in its section."""
        location = FindingLocation(kind=block.kind, block=block.index, table=self.table_ordinal.get(block.index),
                                   row=row, col=col, page=_row_page(block, row), section=block.section,
                                   paragraph=self.places.paragraph.get(block.index))
        if block.table is not None:
            location.table_label = self.places.table_label(block)
            view = self.view(block)
            if row is not None and 0 <= row < block.table.n_rows:
                location.row_label = row_label(view, row, col)
                if col is not None and 0 <= col < block.table.n_cols and row >= block.table.header_rows:
                    location.col_label = view.header(col, row) or None
        return location

    def place_words(self, block: Block, row: int | None = None, col: int | None = None, lang: str = "zh") -> str:
        """Another place named in a message, as a reader finds it (“§ 3.1投入 › 3、在职人员控制率 第2段”),
        never as a block number."""
        return place_words(self.location(block, row, col), lang)

    def finding(self, code: str, block: Block, message: str, *, row: int | None = None, col: int | None = None,
                excerpt: str = "", stated: Decimal | None = None, expected: Decimal | None = None,
                unit: str | None = None, detail: dict[str, Any] | None = None, anchor: str = "",
                severity: Severity | None = None, span: tuple[int, int] | None = None) -> Finding:
        """A finding of rule `code` at `block` (row/col of a table, span of the figure): built, not
        recorded. A rule yields it from `check`; the runner collects what every rule returns. The
        excerpt the rule gives is widened here to the clause a reader can search for."""
        rule = RULES[code]
        location = self.location(block, row, col)
        if span is not None:
            location.start, location.end = span
        finding = Finding(
            rule=code, name=rule.name, severity=severity or rule.severity, message=message,
            location=location, excerpt=excerpt, stated=stated, expected=expected, unit=unit,
            detail=detail or {},
        ).with_fingerprint(anchor)  # from the rule's own excerpt: fingerprints stay as they were
        finding.excerpt, finding.excerpt_start, finding.excerpt_end = self._excerpt(block, location, excerpt, stated)
        if block.part_starts and location.paragraph is not None:  # the Word paragraph of the figure
            at = location.start
            if at is None and finding.excerpt_start is not None:
                lead = 1 if finding.excerpt.startswith("…") else 0
                at = block.text.find(finding.excerpt[lead:].rstrip("…"))
                at = at + finding.excerpt_start - lead if at >= 0 else None
            if at is not None:
                location.paragraph += sum(1 for s in block.part_starts if s <= at)
        return finding

    def _excerpt(self, block: Block, loc: FindingLocation, given: str,
                 stated: Decimal | None) -> tuple[str, int | None, int | None]:
        """The clause holding the figure, in the text it sits in (the paragraph, or the cell led by its
        row's label); the figure found by the span, else by the rule's excerpt, else by its value."""
        table = block.table
        label = ""
        if table is None:
            text = block.text
        elif loc.row is not None and loc.col is not None and 0 <= loc.row < table.n_rows \
                and 0 <= loc.col < table.n_cols:
            cell = self.view(block).grid[loc.row][loc.col]
            text = cell.text if cell is not None else ""
            label = loc.row_label or ""
            if text.strip() and _figure_place(text, loc.start, loc.end, given, stated) is None:
                given = ""  # the rule quoted the row: the figure is the cell's
        elif loc.row is not None and 0 <= loc.row < table.n_rows:
            text = self.view(block).row_text(loc.row)
        else:
            text = ""
        place = _figure_place(text, loc.start, loc.end, given, stated)
        if place is None and label and not given and text.strip():
            place = (0, len(text))  # a cell named by the rule without a figure: the cell
        if place is None:  # not in the text it points at: the rule's own words, the figure marked in them
            mark = figure_in(given, stated)
            return given, mark[0] if mark else None, mark[1] if mark else None
        excerpt, start, end = excerpt_around(text, *place)
        if label and label not in excerpt and len(excerpt) < 40:
            lead = label + " "
            excerpt = lead + excerpt
            start, end = (start + len(lead), end + len(lead)) if start is not None and end is not None else (None, None)
        return excerpt, start, end



def _figure_place(text: str, start: int | None, end: int | None, given: str,
                  stated: Decimal | None) -> tuple[int, int] | None:
    if not text:
        return None
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return start, end
    if given and (at := text.find(given)) >= 0:
        return figure_in(text, stated, at, at + len(given)) or (at, at + len(given))
    if given.strip() and (at := text.find(given.strip())) >= 0:
        return figure_in(text, stated, at, at + len(given.strip())) or (at, at + len(given.strip()))
    return figure_in(text, stated) if not given else None


def _row_page(block: Block, row: int | None) -> int | None:
    if block.table is not None and row is not None and row < len(block.table.row_pages):
        return block.table.row_pages[row]
    return block.page
