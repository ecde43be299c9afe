"""Mutants of checks/scoring.py (`ScoringRule.score` and the reading of a rule's clauses and bounds)
killed through the scores and notes a reader gets for a scoring rule as reports write it. Every
expected figure and note is worked out by hand from the rule text in the test."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import parse_rule

DEDUCTION_ONLY = "以100%为标准，每低于5个百分点扣1分，扣完为止。"


def score(text: str, value: str, weight: str | None = "4"):  # type: ignore[no-untyped-def]
    w = D(weight) if weight else None
    return parse_rule(text, w).score(D(value), w)


def test_a_deduction_only_rule_gives_full_marks_on_the_safe_side() -> None:
    # nothing is below 100%: full marks, the weight 4; 90% is two whole steps below: 4 - 2×1 = 2
    for value in ("100", "103.5"):
        s = score(DEDUCTION_ONLY, value)
        assert (s.points, s.ambiguous, s.note) == (D(4), False, "")
    assert score(DEDUCTION_ONLY, "90").points == D(2)


def test_a_deduction_only_rule_without_a_weight_says_full_marks_are_unknown() -> None:
    # no weight column and no points in the rule: what "full marks" is cannot be known
    s = score(DEDUCTION_ONLY, "100", weight=None)
    assert (s.points, s.ambiguous, s.note) == (None, False, "满分未知")


def test_a_value_outside_the_bands_on_the_side_without_deduction_is_not_scored() -> None:
    # the rule scores 90%–100% and deducts above 100%; 85% is in no band and below where deduction
    # starts, so the rule gives it no score at all (not the full 4 points)
    rule = "90%（含）-100%（含）计4分；超过100%的每超过1个百分点扣0.5分，扣完为止。"
    s = score(rule, "85")
    assert (s.points, s.note) == (None, "85 不在任何档位内")
    assert score(rule, "95").points == D(4)
    assert score(rule, "102").points == D(3)  # 4 - 2×0.5


def test_proportional_scoring_without_a_weight_says_full_marks_are_unknown() -> None:
    s = score("得分=实际完成率×分值。", "95", weight=None)
    assert (s.points, s.ambiguous, s.note) == (None, False, "满分未知")


def test_full_marks_are_the_weight_given_when_reading_or_when_scoring() -> None:
    # a weight of 4 given when the rule is read: 95% × 4 = 3.8, scored without repeating the weight
    assert parse_rule("得分=实际完成率×分值。", D(4)).score(D(95)).points == D("3.8")
    # read without a weight (its top numbered band is 3) and scored with the weight 5: 计满分 is 5
    rule = parse_rule("≥90%计满分；80%（含）-90%计3分；低于80%不得分。", None)
    assert rule.score(D(95), D(5)).points == D(5)
    assert rule.score(D(85), D(5)).points == D(3)


def test_checklists_and_qualitative_rules_say_they_are_not_recomputed() -> None:
    for text in ("每出现一例违规扣1分，扣完为止。", "根据项目实施成效酌情计分。"):
        s = score(text, "2")
        assert (s.points, s.ambiguous, s.note) == (None, False, "定性或清单式评分，未复核")


def test_a_value_on_a_bound_no_band_claims_is_ambiguous_and_says_which_band() -> None:
    # neither 90%-100% nor 80%-90% says whether 90 is in: 90 can be 5 or 3 points
    s = score("90%-100%计5分；80%-90%计3分", "90", weight="5")
    assert (s.points, s.ambiguous) == (None, True)
    assert s.note == "90 恰在“90%-100%计5分”的边界上，规则未说明是否含"


def test_a_以上_bound_yields_to_a_later_band_that_claims_it() -> None:
    # 80%-90%（含） claims 90, so 90%以上 starts just above 90: 90 scores 3, 90.5 scores 4
    rule = "90%以上计4分；80%-90%（含）计3分；低于80%不得分。"
    assert parse_rule(rule, D(4)).problems == []
    assert score(rule, "90").points == D(3)
    assert score(rule, "90.5").points == D(4)
    assert score(rule, "79.9").points == D(0)


def test_the_condition_is_the_figure_before_the_points_not_an_aside_after_them() -> None:
    # （年度目标100%） comes after 得4分: the band is ≥90%, so 95% scores 4 and 85% scores 0
    rule = "完成率≥90%得4分（年度目标100%）；低于90%不得分。"
    assert score(rule, "95").points == D(4)
    assert score(rule, "85").points == D(0)
