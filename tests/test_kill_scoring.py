"""Mutants of checks/scoring.py killed through the scores a reader would recompute from a scoring
rule as reports write it. Expected points are worked out by hand in each test."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import parse_rule

STEPS = "以100%为标准，每低于5个百分点扣1分，{partial}扣完为止。"


def score(text: str, value: str, weight: str | None = "4"):  # type: ignore[no-untyped-def]
    w = D(weight) if weight else None
    return parse_rule(text, w).score(D(value), w)


def test_a_started_step_that_the_rule_counts_costs_a_whole_step() -> None:
    # 94%: 6 points short = one whole step of 5 and a started one, counted: 2 steps, 4 - 2×1 = 2
    s = score(STEPS.format(partial="不足5个百分点的按5个百分点计，"), "94")
    assert (s.points, s.ambiguous) == (D(2), False)


def test_a_started_step_that_the_rule_forgives_costs_nothing() -> None:
    # 94%: one whole step of 5 only: 4 - 1 = 3
    s = score(STEPS.format(partial="不足5个百分点的不扣分，"), "94")
    assert (s.points, s.ambiguous) == (D(3), False)


def test_a_started_step_the_rule_is_silent_on_gives_both_readings() -> None:
    s = score(STEPS.format(partial=""), "94")
    assert (s.points, s.ambiguous, s.alternatives) == (D(2), True, [D(2), D(3)])


def test_a_deduction_without_full_marks_is_not_scored() -> None:
    s = score(STEPS.format(partial=""), "94", weight=None)
    assert s.points is None
    assert "满分未知" in s.note
