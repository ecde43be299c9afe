"""Scoring rules at the edges a mutation run found unguarded (checks/scoring.py `_deducts`, `parse_rule`):
a value exactly at the point where a deduction starts, when no band holds that value; and a band whose
points are written without 计 (低于60%的0分). Expected points are the rule's own arithmetic."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import parse_rule


def score(rule: str, value: str, weight: str = "4"):
    return parse_rule(rule, D(weight)).score(D(value), D(weight))


def test_a_value_exactly_where_a_deduction_below_starts_is_not_deducted_into_full_marks() -> None:
    # 90% and over earn 4; below 80% each point costs 0.5. 80% is neither: the rule leaves 80–90% unscored,
    # so no score is given (deducting 0 steps from 4 would award full marks to a value under the band)
    rule = "90%（含）以上计4分；低于80%的每低于1个百分点扣0.5分"
    s = score(rule, "80")
    assert (s.points, s.note) == (None, "80 不在任何档位内")
    assert score(rule, "78").points == D(4) - 2 * D("0.5")
    assert score(rule, "95").points == D(4)


def test_a_value_exactly_where_a_deduction_above_starts_is_not_deducted_into_full_marks() -> None:
    # ≤90% earns 4; over 100% each point costs 0.5: 100% is in neither
    rule = "≤90%计4分；超过100%的每超过1个百分点扣0.5分"
    s = score(rule, "100")
    assert (s.points, s.note) == (None, "100 不在任何档位内")
    assert score(rule, "103").points == D(4) - 3 * D("0.5")


def test_points_written_without_计_after_their_condition_make_a_band_of_that_condition() -> None:
    # 低于60%的0分: the condition is 低于60%, the 0分 its points (not a condition of its own)
    rule = "≥90%计4分；60%（含）-90%计2分；低于60%的0分"
    assert score(rule, "50").points == D(0)
    assert score(rule, "75").points == D(2)
    assert [(b.hi, b.points) for b in parse_rule(rule, D(4)).bands][-1] == (D(60), D(0))


def test_a_range_of_points_after_a_condition_is_left_to_the_evaluator_wherever_it_ends() -> None:
    # 60%以下0分-3分 (with or without a note after it) gives no band: 2 points at 50% are the evaluator's
    # call, not a 0-point band's slip; the bands above still score
    for rule in ("≥90%计5分；60%（含）-90%计3分；60%以下0分-3分", "≥90%计5分；60%（含）-90%计3分；60%以下0分-3分（酌情）"):
        assert [b.points for b in parse_rule(rule, D(5)).bands] == [D(5), D(3)]
        assert score(rule, "50", "5").points is None
        assert score(rule, "75", "5").points == D(3)
    # a range of scores as the condition is a band: 80-90分的计3分
    assert score("满意度测评80-90分的计3分；低于80分不得分", "85", "5").points == D(3)
