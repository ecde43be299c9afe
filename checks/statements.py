"""Named statements for the evaluation and the balance rule: the claims (extractor/claims.py) that
have a name and state this year's figure — neither a formula's operand, nor a change, a bound, a
per-head rate or another year's figure."""

from __future__ import annotations

from dataclasses import dataclass

from checks.context import Context
from checks.intervals import Interval, in_base
from extractor.claims import Claim, same_entity
from extractor.labels import is_name
from extractor.model import Block, LocatedQuantity

_KINDS = {"amount", "percent", "count", "permille"}
_ROLES = {"plain", "total", "item", "result"}


@dataclass
class Statement:
    label: str
    key: tuple[str, str]  # canonical label, base unit
    quantity: LocatedQuantity
    block: Block
    computed: bool  # the result of a printed formula
    claim: Claim

    @property
    def interval(self) -> Interval:
        return in_base(self.quantity)


def statements(ctx: Context) -> list[Statement]:
    cached = getattr(ctx, "_statements", None)
    if cached is not None:
        return cached
    blocks = {b.index: b for b in ctx.doc.blocks}
    out = [Statement(c.subject, (c.key, c.quantity.base_unit or ""), c.quantity, blocks[c.block], c.role == "result", c)
           for c in ctx.claims.prose()
           if c.kind in _KINDS and c.role in _ROLES and not c.approximate
           and c.qualifiers.period not in ("prior", "other") and is_name(c.subject)]
    ctx._statements = out  # type: ignore[attr-defined]
    return out


def first_value(ctx: Context, key: str, base_unit: str = "元", entity: str | None = None) -> Statement | None:
    """The first statement of a canonical name (the one later places are held to); with `entity`,
    only statements of that project or part (extractor.claims.same_entity)."""
    matches = [s for s in statements(ctx) if s.key == (key, base_unit)
               and (entity is None or same_entity(s.claim.qualifiers.entity, entity))]
    computed = [s for s in matches if s.computed]
    return (computed or matches or [None])[0]

