"""Mutants of checks/scoring.py killed through the scores a reader would recompute from a scoring
rule as reports write it. Expected points are worked out by hand in each test."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import differences, parse_rule, quotes_part_of

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
    assert s.note == "满分未知"


def pairs(a: str, b: str, weight: str | None):  # type: ignore[no-untyped-def]
    w = D(weight) if weight else None
    return differences(parse_rule(a, w), parse_rule(b, w), w)


def test_the_same_threshold_in_the_other_direction_is_a_different_rule() -> None:
    over = "以100%为标准，每超过一个百分点扣0.5分，扣完为止。"
    under = "以100%为标准，每低于一个百分点扣0.5分，扣完为止。"
    assert pairs(over, under, "4") == [("以100%为标准，每超过一个百分点扣0.5分", "以100%为标准，每低于一个百分点扣0.5分")]


def test_a_band_rule_against_a_rule_read_only_by_its_figures_compares_the_figures() -> None:
    bands, loose = "≥90%计4分；低于90%不得分。", "完成率95%以上的酌情计分。"
    assert parse_rule(loose, D(4)).kind == "qualitative"
    assert pairs(bands, loose, "4") == [(bands, loose)]


def test_full_marks_without_a_weight_are_the_rules_own_top() -> None:
    # no weight column: 计满分 is the most the rule gives elsewhere; the same rule twice is no difference
    rule = "≥90%计满分；80%（含）-90%计3分；低于80%不得分。"
    assert pairs(rule, rule, None) == []
    assert quotes_part_of(parse_rule("≥90%计满分；80%（含）-90%计3分", None), parse_rule(rule, None), None)


def test_a_text_quoting_the_band_of_full_marks_quotes_part_of_the_table() -> None:
    table = parse_rule("≥90%计满分；80%（含）-90%计3分；低于80%不得分。", D(4))
    assert quotes_part_of(parse_rule("≥90%计满分", D(4)), table, D(4))
    assert quotes_part_of(parse_rule("≥90%计4分", D(4)), table, D(4))
    assert not quotes_part_of(parse_rule("≥90%计3分", D(4)), table, D(4))


def test_a_deduction_starts_from_the_points_of_the_band_not_from_the_weight() -> None:
    # ≤100% keeps 4 of a weight of 5: 101% loses one step of 0.5 from 4, not from 5
    s = score("以100%为标准，≤100%计4分；每超过一个百分点扣0.5分，扣完为止。", "101", weight="5")
    assert s.points == D("3.5")


def test_a_rule_read_only_by_its_figures_against_a_band_rule_compares_the_figures() -> None:
    bands, loose, unread = "≥90%计5分；低于90%不得分。", "完成率95%以上的酌情计分。", "成效较好的计6分；一般3分"
    assert (parse_rule(loose, D(6)).kind, parse_rule(unread, D(6)).kind) == ("qualitative", "unparsed")
    listed = "每出现一例违规扣1分，扣完为止。"
    assert parse_rule(listed, D(6)).kind == "checklist"
    for other in (loose, unread, listed):  # on either side
        assert pairs(other, bands, "6") == [(other, bands)]
        assert pairs(bands, other, "6") == [(bands, other)]


def test_every_band_that_differs_is_quoted_joined_by_a_semicolon() -> None:
    text, table = "≥90%计4分；80%（含）-90%计3分", "≥95%计4分；85%（含）-95%计3分"
    assert pairs(text, table, "4") == [(text, table)]


def test_a_bound_included_in_one_place_and_excluded_in_the_other_is_a_difference() -> None:
    # 90% scores 4 under the first and 2 under the second; the lower bands agree (及以下 is loose)
    assert pairs("≥90%计4分；低于90%计2分", "＞90%计4分；90%及以下计2分", "4") == [("≥90%计4分", "＞90%计4分")]


def test_a_bound_included_only_by_the_以上_convention_is_no_difference_of_its_own() -> None:
    assert pairs("90%以上计4分；低于90%计2分", "≥90%计4分；低于90%计2分", "4") == []
    # 90% is in the 3-point band of the text (（含）, so 以上 yields) and in the 4-point band of the
    # table: the difference is told once, at the band that says so, not at the 以上 band
    assert pairs("90%以上计4分；80%-90%（含）计3分", "≥90%计4分；80%（含）-90%计3分", "4") == [
        ("80%-90%（含）计3分", "80%（含）-90%计3分")]


def test_a_value_exactly_at_where_deduction_starts_keeps_its_bands_points() -> None:
    # 80% is in the 3-point band; deduction starts below 80%: 80% scores 3, 78% scores 4 - 2×0.5 = 3.0
    under = "90%（含）-100%计4分；80%（含）-90%计3分；低于80%的每低于1个百分点扣0.5分，扣完为止。"
    assert score(under, "80").points == D(3)
    assert score(under, "78").points == D(3)
    over = "90%（含）-100%（含）计4分；100%-110%（含）计3分；超过110%的每超过1个百分点扣0.5分，扣完为止。"
    assert score(over, "110").points == D(3)
    assert score(over, "112").points == D(3)


def test_a_deduction_with_its_direction_in_brackets_or_none_at_all() -> None:
    over = parse_rule("以100%为标准，每（高于）一个百分点扣0.5分，扣完为止。", D(4))
    assert (over.kind, over.deduction.threshold, over.deduction.over) == ("deduction", D(100), True)  # type: ignore[union-attr]
    unclear = parse_rule("以100%为标准，每一个百分点扣0.5分，扣完为止。", D(4))
    assert unclear.deduction is None
    assert unclear.problems == ["扣分方向不明：以100%为标准，每一个百分点扣0.5分"]


def test_where_deduction_starts_is_read_from_the_clause_the_bands_or_the_standard() -> None:
    # the clause's own figure: below 90%, 0.5 a point: 85% → 4 - 5×0.5 = 1.5
    assert score("执行率低于90%的，每低于1个百分点扣0.5分，扣完为止。", "85").points == D("1.5")
    # a bare number: above 0, 0.4 a point: 2.5 → 4 - 2.5×0.4 = 3.0
    assert score("变动率高于0的，每超过1个百分点扣0.4分，扣完为止。", "2.5").points == D("3.0")
    # the lower bound of the last band that keeps points: from 80%, so 79% → 4 - 0.5 = 3.5
    assert score("≥90%计4分；80%（含）-90%计3分；每低于1个百分点扣0.5分，扣完为止。", "79").points == D("3.5")
    # the upper bound of the band that keeps full marks, not the open band above: 104% → 4 - 4×0.5 = 2
    assert score("≤100%计4分；≥120%不得分；每超过1个百分点扣0.5分，扣完为止。", "104").points == D(2)
    # the standard, said in a sentence of its own: 94% is one whole step of 5 and a started one
    s = score("以100%为标准。每低于5个百分点扣1分，不足5个百分点的也扣1分，扣完为止。", "94")
    assert (s.points, s.ambiguous) == (D(2), False)
    unread = parse_rule("每低于5个百分点扣1分，扣完为止。", D(4))
    assert unread.problems == ["扣分起点不明：每低于5个百分点扣1分"]


def test_a_deduction_per_1_point_is_linear_not_in_whole_steps() -> None:
    # 101.5%: 1.5 points over, 0.5 a point: 4 - 0.75 = 3.25, exactly
    for rule in ("以100%为标准，每超过1个百分点扣0.5分，扣完为止。", "以100%为标准，每超过1%扣0.5分，扣完为止。"):
        s = score(rule, "101.5")
        assert (s.points, s.ambiguous) == (D("3.25"), False)


def test_an_open_lower_band_is_not_where_deduction_starts() -> None:
    # below 90% loses 0.5 a point (低于80%不得分 is a band, not the start): 85% → 4 - 5×0.5 = 1.5
    assert score("≥90%计4分；低于80%不得分；每低于1个百分点扣0.5分，扣完为止。", "85").points == D("1.5")


def test_a_text_leaving_out_bands_of_the_table_is_no_difference_either_way_round() -> None:
    part, whole = "≥90%计满分", "≥90%计满分；80%（含）-90%计3分；低于80%不得分"
    assert pairs(part, whole, "4") == []
    assert pairs(whole, part, "4") == []
