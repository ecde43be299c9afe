"""Interval arithmetic for printed figures (domain.md §7).

A printed number stands for every value that rounds to it: 84.62% is [84.615, 84.625]. Intervals
are carried through the arithmetic, and two figures disagree only when their intervals do not
overlap — as XBRL Calculations 1.1 does for summations.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from checks.settings import current as current_settings
from extractor.model import Quantity

ZERO = Decimal(0)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        v = Decimal(value)
        return cls(v, v)

    @classmethod
    def shown(cls, value: Decimal, decimals: int | None) -> Interval:
        """All values that print as `value` when rounded to `decimals` places (None: exact)."""
        if decimals is None:
            return cls.exact(value)
        half = Decimal(5).scaleb(-decimals - 1)
        return cls(value - half, value + half)

    @classmethod
    def truncated(cls, value: Decimal, decimals: int) -> Interval:
        """All values that print as `value` when the digits past `decimals` are cut off."""
        step = Decimal(1).scaleb(-decimals)
        return cls(value, value + step) if value >= 0 else cls(value - step, value)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def exact_value(self) -> bool:
        return self.lo == self.hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    def scale(self, factor: Decimal | int) -> Interval:
        return self * Interval.exact(factor)

    def __truediv__(self, other: Interval) -> Interval | None:
        """None when the divisor may be zero: the quotient is undefined."""
        if other.lo <= 0 <= other.hi:
            return None
        # quotients taken directly, not through 1/x: 186÷192 is exactly 0.96875, which rounds to 96.88%
        quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(quotients), max(quotients))

    def overlaps(self, other: Interval, slack: Decimal = ZERO) -> bool:
        relative = current_settings().relative_tolerance  # configured: extra slack as a share of the magnitude
        if relative:
            slack += relative * max(abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi


def stated(q: Quantity) -> Interval:
    """The interval a stated figure promises, in its stated unit.

    Whole counts, whole points and amounts to the cent in 元 are exact (there is nothing finer to
    round away: points are awarded, people counted); everything else is rounded at its shown
    precision; an approximate figure promises ±10%.
    """
    if q.approximate:
        spread = abs(q.value) / 10
        return Interval(q.value - spread, q.value + spread)
    if q.kind in ("count", "score") and q.decimals == 0:
        return Interval.exact(q.value)
    if q.kind == "amount" and q.scale == 1 and (q.decimals or 0) >= 2:
        return Interval.exact(q.value)
    return Interval.shown(q.value, q.decimals)


def rounded(q: Quantity) -> Interval:
    """Every value that prints as `q` at its shown precision, in its stated unit — even a 元 amount to
    the cent, which `stated` takes as exact. For an operand that is multiplied: a per-head or per-unit
    amount (人均, 次均) is often an average rounded to the cent, and a cent's rounding times 32,932
    persons is 165元 of the product."""
    if q.kind == "amount" and not q.approximate:
        return Interval.shown(q.value, q.decimals)
    return stated(q)  # a count or a score promises what `stated` says; an approximate figure ±10%


def in_base(q: Quantity) -> Interval:
    """The stated interval in the base unit (元, 人, %…)."""
    return stated(q).scale(q.scale)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Verdict:
    consistent: bool
    truncated_only: bool = False


def compare(computed: Interval, stated_q: Quantity, stated_interval: Interval | None = None) -> Verdict:
    """Does a computed interval agree with a stated figure (both in the stated unit)?"""
    shown = stated_interval or stated(stated_q)
    if computed.overlaps(shown):
        return Verdict(True)
    truncatable = stated_q.decimals is not None and not stated_q.approximate
    if truncatable and computed.overlaps(Interval.truncated(stated_q.value, stated_q.decimals)):  # type: ignore[arg-type]
        return Verdict(False, truncated_only=True)
    return Verdict(False)
