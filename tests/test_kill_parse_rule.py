"""Mutants of checks/scoring.py `parse_rule` (how a scoring rule is cut into clauses and read into
bands, a deduction and full marks) killed through the scores, full marks and problems a reader gets
for invented rules as reports write them. Every expected figure is worked out by hand from the rule
text in the test; the rule is read inside each test."""

from __future__ import annotations

from decimal import Decimal as D

from checks.scoring import parse_rule


def score(text: str, value: str, weight: str | None = "4"):  # type: ignore[no-untyped-def]
    w = D(weight) if weight else None
    return parse_rule(text, w).score(D(value), w)


def test_a_single_count_fills_a_gap_between_count_bands_only_when_it_meets_both() -> None:
    # 0-5人 and 10-20人 with only 9人 between: 6, 7 and 8 people get no score, a gap the reader is told of
    text = "0-5人计1分；9人计2分；10-20人计3分"
    assert parse_rule(text, D(3)).problems == ["档位之间有空档：5 至 10 之间没有规定得分"]
    assert score(text, "7", "3").points is None
    assert score(text, "9", "3").points == D(2)
    # 6人 right after 0-5人 but 10-20人 still far: 7, 8, 9 people unscored
    text = "0-5人计1分；6人计2分；10-20人计3分"
    assert parse_rule(text, D(3)).problems == ["档位之间有空档：5 至 10 之间没有规定得分"]
    # 0-5, 6, 7-20: every whole count from 0 to 20 has its points, no gap
    assert parse_rule("0-5人计1分；6人计2分；7-20人计3分", D(3)).problems == []


def test_a_per_item_clause_without_a_direction_is_no_deduction() -> None:
    # 每一个专项…扣0.5分 counts items, it says nothing below which count points are lost: no
    # deduction is read and the rule is left unrecomputed
    rule = parse_rule("每一个专项未按进度扣0.5分", D(4))
    assert (rule.deduction, rule.bands) == (None, [])
    s = rule.score(D(3), D(4))
    assert (s.points, s.note) == (None, "定性或清单式评分，未复核")
    # the same clause beside a band leaves the band as written
    assert score("完成率≥90%计4分；每一个专项未按进度扣0.5分", "95").points == D(4)


def test_a_band_after_a_deduction_and_its_floor_still_gives_full_marks() -> None:
    # no weight: full marks are the 5 points of 100%; 97% is 3 points below: 5 - 3×1 = 2
    text = "以100%为标准，每低于1个百分点扣1分，扣完为止；完成率达到100%计5分"
    rule = parse_rule(text)
    assert (rule.kind, rule.full) == ("deduction", D(5))
    assert rule.score(D(97)).points == D(2)
    assert rule.score(D(100)).points == D(5)
    assert rule.score(D(90)).points == D(0)  # 5 - 10×1 < 0: the floor


def test_a_clause_with_the_floor_and_points_of_its_own_is_a_band() -> None:
    # 扣完为止 runs into the next piece of the sentence, which gives its own 2 points below 90%
    text = "完成率90%（含）以上计4分；延期事项酌情扣分，扣完为止，完成率低于90%计2分"
    assert score(text, "85").points == D(2)
    assert score(text, "90").points == D(4)
    assert parse_rule(text, D(4)).problems == []


def test_points_stated_without_a_condition_are_the_full_marks_without_a_weight() -> None:
    # 按期完成得0.5分 is the most the indicator gives: 97% is 3 points below 100%, 0.5 - 3×0.1 = 0.2
    text = "按期完成得0.5分；以100%为标准，每低于1个百分点扣0.1分"
    rule = parse_rule(text)
    assert rule.full == D("0.5")
    assert rule.score(D(97)).points == D("0.2")
    assert rule.score(D(100)).points == D("0.5")
    assert rule.score(D(90)).points == D(0)  # 0.5 - 10×0.1


def test_a_zero_points_clause_without_a_condition_leaves_the_weight_as_full_marks() -> None:
    # weight 4: 计满分 is 4 points; 其余不得分 names no condition and does not lower full marks
    text = "≥90%计满分；80%（含）-90%计3分；其余不得分"
    rule = parse_rule(text, D(4))
    assert rule.full == D(4)
    assert rule.score(D(95)).points == D(4)
    assert rule.score(D(85)).points == D(3)


def test_a_band_on_an_amount() -> None:
    text = "结余资金≤5万元计2分；结余资金超过5万元不得分"
    assert [score(text, v, "2").points for v in ("3", "5", "6")] == [D(2), D(2), D(0)]


def test_a_band_on_percentage_points() -> None:
    text = "偏差不超过2个百分点计4分；超过2个百分点不得分"
    assert [score(text, v).points for v in ("1.5", "2", "3")] == [D(4), D(4), D(0)]


def test_a_count_followed_by_a_word_in_fen_is_still_the_condition() -> None:
    # 3个分中心: the 分 starts the word 分中心, it is no points figure
    text = "新建社区分中心达到3个分中心的，计4分；少于3个的，计1分"
    assert score(text, "3").points == D(4)
    assert score(text, "2").points == D(1)


def test_a_clause_whose_condition_cannot_be_read_leaves_the_later_bands() -> None:
    # 开展3次专项检查的计1分 has no bound to score against; the rate bands after it still score
    text = "开展3次专项检查的计1分；检查整改完成率≥90%计3分；低于90%不得分"
    assert score(text, "95").points == D(3)
    assert score(text, "80").points == D(0)
