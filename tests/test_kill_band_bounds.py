"""Mutants of checks/scoring.py (`_settle_bounds`, `_is_points_figure`, `_gaps_and_overlaps`) killed
through the band edges, scores and problems a reviewer reads off a scoring rule as reports write it.
Expected points and problems are worked out by hand from each rule's wording."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import parse_rule


def score(text: str, value: str, weight: str = "4"):  # type: ignore[no-untyped-def]
    return parse_rule(text, D(weight)).score(D(value), D(weight))


def test_以下_includes_its_bound_when_no_neighbour_claims_it() -> None:
    # 80%以下 includes 80 and 90%以上 includes 90 by the legal convention; 80%-90% says nothing of
    # its ends, so it yields both: 80 → 2 points, 85 → 3, 90 → 4; the bands meet, no problem
    text = "80%以下计2分；80%-90%计3分；90%以上计4分"
    assert parse_rule(text, D(4)).problems == []
    for value, points in (("80", "2"), ("79.99", "2"), ("85", "3"), ("80.01", "3"), ("90", "4"), ("89.99", "3")):
        s = score(text, value)
        assert (s.points, s.ambiguous) == (D(points), False), value


def test_以下_yields_its_bound_to_a_neighbour_that_says_含() -> None:
    # 80%（含）-90% claims 80 in so many words; 80%以下 includes it only by convention and yields:
    # 80 → 3 points, not 2, and no bound belongs to two bands
    text = "80%以下计2分；80%（含）-90%计3分；≥90%计4分"
    assert parse_rule(text, D(4)).problems == []
    assert score(text, "80").points == D(3)
    assert score(text, "79.9").points == D(2)
    assert score(text, "90").points == D(4)


def test_a_bound_left_out_of_both_bands_is_said_with_the_figure() -> None:
    # 低于90% and 高于90% both leave 90 out: a 90% has no score
    text = "低于90%不得分；高于90%计4分"
    assert parse_rule(text, D(4)).problems == ["边界 90 不属于任何一档（恰为 90 时没有规定得分）"]
    s = score(text, "90")
    assert (s.points, s.note) == (None, "90 不在任何档位内")


def test_a_bound_scored_on_its_own_is_no_problem() -> None:
    # 90% exactly has its own points (90%计2分): the bound between 低于90% and 高于90% is covered
    text = "低于90%不得分；90%计2分；高于90%计4分"
    assert parse_rule(text, D(4)).problems == []
    assert score(text, "90").points == D(2)
    assert score(text, "90.5").points == D(4)
    assert score(text, "89.5").points == D(0)


def test_a_gap_is_said_before_an_overlap() -> None:
    # sorted: 低于70% | 80%-95% | ≥90%: nothing between 70 and 80, and 80%-95% runs into ≥90%
    rule = parse_rule("≥90%计4分；80%-95%计3分；低于70%不得分", D(4))
    assert rule.problems == ["档位之间有空档：70 至 80 之间没有规定得分", "档位重叠：“80%-95%计3分”与“≥90%计4分”"]


def test_count_bands_that_meet_in_whole_numbers_are_checked_further_up() -> None:
    # 0-10人 and 11-20人 leave no whole count out, but 20 is claimed by 11-20人（含） and by ≥20人
    text = "0-10人计5分；11-20人（含）计3分；≥20人不得分"
    assert parse_rule(text, D(5)).problems == ["边界 20 同时属于两档"]
    # and 15-30人 runs into 11-20人
    assert parse_rule("0-10人计1分；11-20人计2分；15-30人计3分", D(3)).problems == [
        "档位重叠：“11-20人计2分”与“15-30人计3分”"]


def test_a_points_figure_written_with_a_space_is_not_a_band() -> None:
    # points first, as some score tables write a cell: 计4 分值：满意度≥90%. The 4 is the points
    # (a space before 分值, as text taken from a PDF often has), the band is ≥90%: 95% scores 4
    text = "计4 分值：满意度≥90%"
    rule = parse_rule(text, D(4))
    assert [(b.lo, b.points) for b in rule.bands] == [(D(90), D(4))]
    assert score(text, "95").points == D(4)
    assert score(text, "4").points is None
