"""Named statements: every figure in the prose that has a name before it, and every result of a
printed formula. Shared by the rules that compare one place of a report with another."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from checks.context import Context
from checks.formula import find_chains
from checks.intervals import Interval, in_base
from checks.labels import canonical, is_name, label_before, year_before
from checks.sentences import inside_brackets
from extractor.model import Block, LocatedQuantity

_KINDS = {"amount", "percent", "count", "permille"}


@dataclass
class Statement:
    label: str
    key: tuple[str, str]  # canonical label, base unit
    quantity: LocatedQuantity
    block: Block
    computed: bool  # the result of a printed formula
    year: str | None = None  # "2018" in 2018年决算数: figures of different years are different figures

    @property
    def interval(self) -> Interval:
        return in_base(self.quantity)


def statements(ctx: Context) -> list[Statement]:
    cached = getattr(ctx, "_statements", None)
    if cached is not None:
        return cached
    by_block: dict[int, list[LocatedQuantity]] = {}
    for q in ctx.quantities:
        if q.location.kind != "table":
            by_block.setdefault(q.location.block, []).append(q)
    out: list[Statement] = []
    for block in ctx.text_blocks():
        figures = by_block.get(block.index, [])
        chains = find_chains(block.text)
        spans = [(c.start, c.end) for c in chains]
        results = {c.segments[-1].start: c.name for c in chains if c.name and c.segments[-1].is_single_number}
        for q in figures:
            if q.kind not in _KINDS or q.direction or q.comparison or q.approximate:
                continue
            if q.start in results:
                label, computed = results[q.start], True
            elif any(s <= q.start < e for s, e in spans):
                continue  # an operand inside a formula
            elif inside_brackets(block.text, q.start):
                continue  # a detail in brackets belongs to whatever the bracket explains, not to its own name
            else:
                label, computed = label_before(block.text, q.start), False
            if not is_name(label):
                continue
            out.append(Statement(label, (canonical(label), q.base_unit or ""), q, block, computed,
                                 year_before(block.text, q.start)))
    ctx._statements = out  # type: ignore[attr-defined]
    return out


def first_value(ctx: Context, key: str, base_unit: str = "元") -> Statement | None:
    """The first statement of a canonical name (the one later places are held to)."""
    matches = [s for s in statements(ctx) if s.key == (key, base_unit)]
    computed = [s for s in matches if s.computed]
    return (computed or matches or [None])[0]


def base_value_text(s: Statement) -> str:
    return s.quantity.text


def scale_to(value: Decimal, s: Statement) -> Decimal:
    """A base-unit value back in the unit the statement was written in."""
    return value / s.quantity.scale
