"""Mutants of extractor/quantities.py killed on what a sentence is read as: the figures, units and
ranges every rule works from (a range read as two numbers, or 万元 read as 元, changes every check
downstream). Values are written down by hand."""

from __future__ import annotations

from decimal import Decimal as D

from extractor.quantities import parse_quantities


def read(text: str) -> list[tuple[object, ...]]:
    return [(q.kind, q.value, q.high, q.unit, q.base_unit, q.scale, q.low_inclusive, q.high_inclusive)
            for q in parse_quantities(text)]


def test_a_bare_dash_between_two_unitless_numbers_is_arithmetic_not_a_range() -> None:
    assert read("人数为5-10") == [("number", D(5), None, None, None, 1, None, None),
                                  ("number", D(10), None, None, None, 1, None, None)]


def test_a_range_said_in_words_or_closed_by_含_is_a_range_without_units() -> None:
    assert read("人数为5至10") == [("range", D(5), D(10), None, None, 1, None, None)]
    assert read("人数为5（含）-10") == [("range", D(5), D(10), None, None, 1, True, None)]
    assert read("人数为5-10（含）") == [("range", D(5), D(10), None, None, 1, None, True)]


def test_a_range_in_wan_yuan_is_money_in_units_of_ten_thousand_yuan() -> None:
    assert read("资金50-100万元") == [("range", D(50), D(100), "万元", "元", D(10000), None, None)]


def test_a_range_may_be_a_single_value_but_never_run_backwards() -> None:
    assert read("完成率90%-90%") == [("range", D(90), D(90), "%", "%", 1, None, None)]
    assert read("完成率90%-80%") == [("percent", D(90), None, "%", "%", 1, None, None),
                                   ("percent", D(80), None, "%", "%", 1, None, None)]


def test_a_range_is_as_precise_as_its_finer_bound() -> None:
    (q,) = parse_quantities("完成率85.5%-90%")
    assert (q.kind, q.value, q.high, q.decimals) == ("range", D("85.5"), D(90), 1)


def test_a_percentage_in_words_with_a_decimal_point() -> None:
    assert [(q.kind, q.value, q.unit, q.base_unit) for q in parse_quantities("群众满意度达到百分之九十五点五。")] == [
        ("percent", D("95.5"), "%", "%")]
    assert [(q.kind, q.value, q.unit) for q in parse_quantities("群众满意度达到百分之九十。")] == [("percent", D(90), "%")]
    assert [(q.kind, q.value) for q in parse_quantities("占比百分之十二点二五。")] == [("percent", D("12.25"))]


def test_numbers_in_words_are_whole_counts_and_points() -> None:
    assert [(q.kind, q.value, q.unit, q.base_unit, q.scale, q.decimals) for q in parse_quantities("共三人参加，扣两分")] == [
        ("count", D(3), "人", "人", 1, 0), ("score", D(2), "分", "分", 1, 0)]


def test_a_quoted_slogan_counts_its_items_but_三公_is_a_name() -> None:
    assert [(q.kind, q.value, q.unit, q.base_unit, q.scale) for q in parse_quantities("推进“四个全面”")] == [
        ("count", D(4), "全面", "全面", 1)]
    assert parse_quantities("“三公”经费") == []
    assert parse_quantities("落实“两公开”要求") == []  # a name like “三公”, not two of something
    assert [(q.kind, q.value) for q in parse_quantities("推进“3同步”")] == [("number", D(3))]
