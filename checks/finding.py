"""One finding model; every writer (text, JSON, Word comments…) renders it, none re-derives it."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class Coverage(BaseModel):
    """How much was checked: a clean result must show that it looked, not just that it found nothing."""

    figures: int = 0
    formulas: int = 0
    tables: int = 0
    checked: int = 0
    unparsed: int = 0
    unparsed_examples: list[str] = Field(default_factory=list)
    unread: int = Field(0, description="places the reader met and could not read (images, pages without text…)")
    unread_kinds: dict[str, int] = Field(default_factory=dict, description="unread places by kind: image, page…")

    def could_not_parse(self, excerpt: str) -> None:
        self.unparsed += 1
        if len(self.unparsed_examples) < 20:
            self.unparsed_examples.append(excerpt[:80])


class FindingLocation(BaseModel):
    """Where a finding is. Every index says whether it counts from 0 (positions in the reader's
    model, as JSON and SARIF give them) or from 1 (as a person counts: pages, paragraphs); the same
    in every format. `where()` (writers/common.py) turns this into words a reviewer can follow."""

    kind: Literal["paragraph", "table", "heading"]
    block: int = Field(description="0-based index of the block in the document model (not shown to readers)")
    table: int | None = Field(None, description="0-based ordinal of the table among the document's tables as a "
                                                "reader sees them (nested tables, one-cell boxes and continuations "
                                                "not counted); the same in .docx and PDF")
    row: int | None = Field(None, description="0-based grid row of the table (header rows included)")
    col: int | None = Field(None, description="0-based grid column of the table")
    page: int | None = Field(None, description="1-based page: PDF, and .docx when Word saved its layout "
                                               "(w:lastRenderedPageBreak); None when not known")
    section: str = Field("", description="section path as printed, outermost first, joined by ' › '")
    start: int | None = Field(None, description="0-based character offsets of the figure in the block (or cell) "
                                                "text, end exclusive")
    end: int | None = None
    table_label: str | None = Field(None, description="the table's caption, or the nearest preceding “表N”, "
                                                      "else 表<table+1>")
    row_label: str | None = Field(None, description="the row's label cell (办公费)")
    col_label: str | None = Field(None, description="the column's header (金额（元）)")
    paragraph: int | None = Field(None, description="1-based ordinal of the paragraph within its section "
                                                    "(headings and tables not counted)")


class Finding(BaseModel):
    rule: str
    name: str
    severity: Severity
    message: str
    location: FindingLocation
    excerpt: str = Field("", description="the clause holding the figure (at least 12 characters, at most about "
                                         "120), as the report writes it: findable with Ctrl+F")
    excerpt_start: int | None = Field(None, description="0-based offsets of the offending figure in `excerpt`, "
                                                        "end exclusive")
    excerpt_end: int | None = None
    stated: Decimal | None = None
    expected: Decimal | None = None
    unit: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)
    fingerprint: str = ""

    @field_serializer("stated", "expected")
    def _plain_number(self, value: Decimal | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)

    def with_fingerprint(self, anchor: str) -> Finding:
        """A fingerprint from what the finding is about, not where the block happens to sit:
        it survives re-runs and edits elsewhere in the document."""
        key = "|".join([self.rule, self.location.section, self.location.kind, anchor, "".join(self.excerpt.split()),
                        str(self.stated)])
        self.fingerprint = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return self
