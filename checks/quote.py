"""How findings print figures: in the unit and at the precision the report itself used."""

from __future__ import annotations

from decimal import Decimal

from checks.intervals import Interval, round_half_up


def fmt_number(value: Decimal, decimals: int | None = None) -> str:
    if decimals is not None:
        value = round_half_up(value, decimals)
    text = format(value, "f")
    return text


def fmt_interval(interval: Interval, decimals: int | None) -> str:
    """A computed value for a message: one number when rounding settles it, else a range."""
    d = 2 if decimals is None else decimals
    lo, hi = round_half_up(interval.lo, d), round_half_up(interval.hi, d)
    if lo == hi:
        return fmt_number(lo)
    return f"{fmt_number(lo)}～{fmt_number(hi)}"
