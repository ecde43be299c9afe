"""Mutants of checks/scoring.py `_band_of` killed through the points a reader gives a stated value
under a scoring rule as reports write it: values exactly on, just inside and just outside each edge
of each band (不足/超过 exclude the bound, 不超过/（含）/以下 include it, a band of one value, open ends).
Every expected score is read off the rule text by hand; the rule is parsed inside each test."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks.scoring import differences, parse_rule


def scored(text: str, value: str, weight: str = "4"):  # type: ignore[no-untyped-def]
    return parse_rule(text, D(weight)).score(D(value), D(weight))


# 不足90%: below 90, 90 itself excluded; 90%（含）以上: 90 and above
BELOW_IN_WORDS = "不足90%的不得分；90%（含）以上计4分。"


@pytest.mark.parametrize(("value", "expected"), [
    ("0", "0"), ("89.99", "0"), ("90", "4"), ("90.01", "4"), ("100", "4"),
])
def test_不足_before_a_figure_opens_the_band_below_it(value: str, expected: str) -> None:
    rule = parse_rule(BELOW_IN_WORDS, D(4))
    assert rule.problems == []
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


# 超过百分之九十: above 90, 90 excluded; 90%（含）以下: 90 and below
ABOVE_IN_WORDS = "超过百分之九十计4分；90%（含）以下计2分。"


@pytest.mark.parametrize(("value", "expected"), [
    ("0", "2"), ("89.99", "2"), ("90", "2"), ("90.01", "4"), ("100", "4"),
])
def test_超过_before_a_percentage_in_words_opens_the_band_above_it(value: str, expected: str) -> None:
    rule = parse_rule(ABOVE_IN_WORDS, D(4))
    assert rule.problems == []
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


# 不超过5%: 5 and below (the 超过 inside 不超过 is no lower bound); 超过5%: above 5
NOT_ABOVE = "预算偏差率不超过5%计4分；超过5%不得分。"


@pytest.mark.parametrize(("value", "expected"), [
    ("0", "4"), ("4.99", "4"), ("5", "4"), ("5.01", "0"), ("20", "0"),
])
def test_不超过_is_an_upper_bound_that_includes_its_figure(value: str, expected: str) -> None:
    rule = parse_rule(NOT_ABOVE, D(4))
    assert rule.problems == []
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


# 60%以下 includes 60 only by convention; the neighbour's 60%（含） claims it: 60 scores 2, not 0
LOOSE_BELOW = "60%以下计0分；60%（含）-80%计2分；80%（含）以上计4分。"


@pytest.mark.parametrize(("value", "expected"), [
    ("0", "0"), ("59.99", "0"), ("60", "2"), ("60.01", "2"), ("79.99", "2"), ("80", "4"), ("80.01", "4"),
])
def test_a_loose_以下_yields_its_bound_to_a_neighbours_含(value: str, expected: str) -> None:
    rule = parse_rule(LOOSE_BELOW, D(4))
    assert rule.problems == []  # no bound in two bands, no gap
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


def test_count_bands_that_meet_at_whole_numbers_leave_no_gap() -> None:
    # 10人及以下 then 11-20人: no whole count between 10 and 11 is left without points
    text = "10人及以下计1分；11-20人计2分；20人以上计4分。"
    rule = parse_rule(text, D(4))
    assert rule.problems == []
    assert [rule.score(D(v), D(4)).points for v in ("0", "10", "15", "21")] == [D(1), D(1), D(2), D(4)]


@pytest.mark.parametrize(("text", "kept", "short"), [
    ("完成率超过90%计4分，每少1个扣1分。", "95", "85"),
    ("差错率低于1%计4分，每多1件扣1分。", "0.5", "3"),
    ("建设完成率为100%计4分，每少1个扣1分。", "100", "97"),
    ("建设完成率100%计4分，每少1个扣1分。", "100", "97"),
])
def test_a_deduction_per_unit_counted_does_not_start_from_a_percentage_band(text: str, kept: str, short: str) -> None:
    # 每少1个 counts missing units, which a rate does not give: the rule keeps its one band of
    # full marks, and a rate outside it is left unscored rather than charged per percentage point
    rule = parse_rule(text, D(4))
    assert (rule.kind, rule.deduction) == ("bands", None)
    assert rule.score(D(kept), D(4)).points == D(4)
    s = rule.score(D(short), D(4))
    assert (s.points, s.note) == (None, f"{short} 不在任何档位内")


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("≥90%计4分；低于90%计1分。", "≥90%计4分；低于90%不得分。", [("低于90%计1分", "低于90%不得分")]),
    ("完成率为100%计4分；低于100%不得分。", "完成率为100%计3分；低于100%不得分。",
     [("完成率为100%计4分", "完成率为100%计3分")]),
])
def test_two_statements_differing_in_one_band_are_quoted_in_their_own_words(a: str, b: str, expected) -> None:  # type: ignore[no-untyped-def]
    w = D(4)
    assert differences(parse_rule(a, w), parse_rule(b, w), w) == expected


@pytest.mark.parametrize("text", ["完成率100%计4分；低于100%不得分。", "完成率=100%的，计4分；低于100%不得分。"])
@pytest.mark.parametrize(("value", "expected"), [("99", "0"), ("99.99", "0"), ("100", "4")])
def test_a_figure_given_its_points_is_a_band_of_that_one_value(text: str, value: str, expected: str) -> None:
    s = scored(text, value)
    assert (s.points, s.ambiguous) == (D(expected), False)


# 90%（含）-100% leaves 100 open; the band of exactly 100 claims it: 100 scores 4
UP_TO_THE_POINT = ["执行率90%（含）-100%计3分；执行率为100%计4分。", "执行率90%（含）-100%计3分；执行率100%计4分。"]


@pytest.mark.parametrize("text", UP_TO_THE_POINT)
@pytest.mark.parametrize(("value", "expected"), [("90", "3"), ("90.01", "3"), ("99.99", "3"), ("100", "4")])
def test_a_band_of_one_value_claims_the_open_upper_bound_of_a_range(text: str, value: str, expected: str) -> None:
    rule = parse_rule(text, D(4))
    assert rule.problems == []
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


# 0-5%（含） leaves 0 open; the band of exactly 0 (满分 = the weight 4) claims it; 5%以上 yields 5 to （含）
FROM_THE_POINT = ["偏差率0-5%（含）计3分；偏差率为0计满分；5%以上不得分。",
                  "偏差率0-5%（含）计3分；偏差率0%计满分；5%以上不得分。"]


@pytest.mark.parametrize("text", FROM_THE_POINT)
@pytest.mark.parametrize(("value", "expected"), [("0", "4"), ("0.01", "3"), ("5", "3"), ("5.01", "0")])
def test_a_band_of_one_value_claims_the_open_lower_bound_of_a_range(text: str, value: str, expected: str) -> None:
    rule = parse_rule(text, D(4))
    assert rule.problems == []
    s = rule.score(D(value), D(4))
    assert (s.points, s.ambiguous) == (D(expected), False)


@pytest.mark.parametrize(("value", "expected"), [("0", "0"), ("99.99", "0"), ("100", "4")])
def test_a_figure_opening_its_clause_after_one_word_is_the_value_scored(value: str, expected: str) -> None:
    # 达100%的: the rate of 100 itself; 未达100%的: below it
    s = scored("达100%的，计4分；未达100%的，不得分。", value)
    assert (s.points, s.ambiguous) == (D(expected), False)


def test_a_figure_the_rule_does_not_compare_against_is_not_read_as_a_band() -> None:
    # 超额10%完成: done 10% beyond the target, not a rate of exactly 10; the rule cannot be read
    rule = parse_rule("超额10%完成的，计4分；按期完成的，计3分。", D(4))
    assert (rule.kind, rule.bands) == ("unparsed", [])
    assert rule.score(D(10), D(4)).points is None
