"""Printed formulas evaluated: each numeric segment of a chain read by extractor/formula.py is
computed with interval arithmetic.

Percent is a number here (84.62% is 0.8462), so ×100% and ÷100% both multiply by one: the
arithmetic is checked, the form of the formula is another rule's business.
"""

from __future__ import annotations

from decimal import Decimal

from checks.intervals import Interval
from extractor.formula import Chain, Literal, Segment, find_chains

__all__ = ["Chain", "EvalError", "Literal", "Segment", "evaluate", "find_chains", "literal_interval", "money_part"]

# what one of a unit is in the formula's base (the unit of a figure written without one); a difference
# of percentages is written in 个百分点 (95%-90%=5个百分点)
UNIT_SCALE = {"万元": Decimal(10**4), "亿元": Decimal(10**8), "千元": Decimal(10**3), "万": Decimal(10**4),
              "%": Decimal("0.01"), "‰": Decimal("0.001"), "个百分点": Decimal("0.01"), "百分点": Decimal("0.01")}


def literal_interval(lit: Literal) -> Interval:
    """Whole numbers in a formula are the counts and constants as recorded; decimals are rounded."""
    if lit.decimals == 0 and lit.unit not in ("万元", "亿元", "万"):
        base = Interval.exact(lit.value)
    else:
        base = Interval.shown(lit.value, lit.decimals)
    return base.scale(UNIT_SCALE.get(money_part(lit.unit), Decimal(1)))


def money_part(unit: str | None) -> str:
    """万元 of 万元/公里: what a rate per unit is counted in (the unit itself when it is no rate)."""
    return "".join((unit or "").split()).split("/")[0]


class EvalError(Exception):
    pass


def evaluate(segment: Segment) -> Interval | None:
    """Interval value of a numeric segment; None if the divisor may be zero."""
    toks = [(k, v) for k, v in segment.tokens if k != "word"]
    pos = 0

    def peek() -> tuple[str, object] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, object]:
        nonlocal pos
        if pos >= len(toks):
            raise EvalError("unexpected end")
        pos += 1
        return toks[pos - 1]

    def expr() -> Interval | None:
        left = term()
        while (t := peek()) and t[0] == "op" and t[1] in "+-":
            take()
            right = term()
            if left is None or right is None:
                left = None
            else:
                left = left + right if t[1] == "+" else left - right
        return left

    def term() -> Interval | None:
        left = factor()
        while (t := peek()) and t[0] == "op" and t[1] in "×*÷/xX✕·":
            take()
            right = factor()
            if left is None or right is None:
                left = None
            elif t[1] in "÷/":
                left = left / right
            else:
                left = left * right
        return left

    def factor() -> Interval | None:
        t = take()
        if t[0] == "op" and t[1] == "-":
            inner = factor()
            return -inner if inner is not None else None
        if t[0] == "num":
            return literal_interval(t[1])  # type: ignore[arg-type]
        if t[0] == "open":
            inner = expr()
            if take()[0] != "close":
                raise EvalError("unbalanced")
            return inner
        raise EvalError(f"unexpected {t}")

    result = expr()
    if pos != len(toks):
        raise EvalError("trailing tokens")
    return result
