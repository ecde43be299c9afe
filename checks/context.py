"""What a rule sees: the document, its located figures, shared indexes, and the coverage tally."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

from checks.finding import Coverage, Finding, FindingLocation, Severity
from checks.registry import RULES
from extractor.claims import Claims, read_claims
from extractor.figures import document_quantities
from extractor.model import Block, Document, LocatedQuantity, Table


class Context:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.coverage = Coverage()
        self.table_ordinal: dict[int, int] = {}
        for i, (block, _) in enumerate((b, b.table) for b in doc.blocks if b.table is not None):
            self.table_ordinal[block.index] = i
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
        return FindingLocation(kind=block.kind, block=block.index, table=self.table_ordinal.get(block.index),
                               row=row, col=col, page=_row_page(block, row), section=block.section)

    def finding(self, code: str, block: Block, message: str, *, row: int | None = None, col: int | None = None,
                excerpt: str = "", stated: Decimal | None = None, expected: Decimal | None = None,
                unit: str | None = None, detail: dict[str, Any] | None = None, anchor: str = "",
                severity: Severity | None = None, span: tuple[int, int] | None = None) -> Finding:
        """A finding of rule `code` at `block` (row/col of a table, span of the figure): built, not
        recorded. A rule yields it from `check`; the runner collects what every rule returns."""
        rule = RULES[code]
        location = self.location(block, row, col)
        if span is not None:
            location.start, location.end = span
        finding = Finding(
            rule=code, name=rule.name, severity=severity or rule.severity, message=message,
            location=location, excerpt=excerpt, stated=stated, expected=expected, unit=unit,
            detail=detail or {},
        ).with_fingerprint(anchor)
        return finding



def _row_page(block: Block, row: int | None) -> int | None:
    if block.table is not None and row is not None and row < len(block.table.row_pages):
        return block.table.row_pages[row]
    return block.page
