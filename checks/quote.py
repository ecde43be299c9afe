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


def shown(value: Decimal | float | int | str | None, unit: str | None = None, decimals: int | None = None,
          group: bool | None = None) -> str:
    """A figure as a reader expects to see it printed: at its own precision (or `decimals`),
    thousands separators from 10 000 up (or as `group` says), the unit after it (％/% glued,
    other units glued too, as Chinese reports print them). None is "—"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value + (unit or "")
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = round_half_up(number, decimals)
    if group is None:
        group = abs(number) >= 10000
    text = format(number, ",f" if group else "f")
    return text + (unit or "")
