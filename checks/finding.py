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
    kind: Literal["paragraph", "table", "heading"]
    block: int
    table: int | None = Field(None, description="ordinal of the table in the document, 0-based")
    row: int | None = None
    col: int | None = None
    page: int | None = None
    section: str = ""
    start: int | None = Field(None, description="character offsets of the figure in the block (or cell) text")
    end: int | None = None


class Finding(BaseModel):
    rule: str
    name: str
    severity: Severity
    message: str
    location: FindingLocation
    excerpt: str = ""
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
