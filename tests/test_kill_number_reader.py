"""Mutants of the number reader of extractor/quantities.py (`_number`, `_decimal`) killed on what a
sentence is read as: the figure every finding quotes — its value, unit, scale, shown decimals and
whether it is an approximation. Values are written down by hand."""

from __future__ import annotations

from decimal import Decimal as D

from extractor.quantities import parse_quantities


def read(text: str) -> list[tuple[object, ...]]:
    return [(q.kind, q.value, q.unit, q.base_unit, q.scale, q.decimals, q.approximate, text[q.start:q.end])
            for q in parse_quantities(text)]


def test_a_full_width_comma_between_thousands_is_a_separator() -> None:
    # 1，300.00万元 is one thousand three hundred 万元, shown to two places, not 1 and 300.00
    assert read("项目预算合计1，300.00万元，已全部到位。") == [
        ("amount", D("1300.00"), "万元", "元", D(10000), 2, False, "1，300.00万元")]
    assert read("支付工程款2，450，000元。") == [
        ("amount", D(2450000), "元", "元", D(1), 0, False, "2，450，000元")]


def test_a_counter_that_starts_a_word_is_not_the_figures_unit() -> None:
    # 3部分: 部分 is a word ("three parts"), not three 部 of something; the figure is the bare 3
    assert read("项目分3部分实施。") == [("number", D(3), None, None, D(1), 0, False, "3")]
    assert read("全年开展培训12次，发放1次性补助。") == [
        ("count", D(12), "次", "次", D(1), 0, False, "12次"),
        ("number", D(1), None, None, D(1), 0, False, "1")]


def test_a_score_in_ten_thousands_keeps_its_scale_word_in_the_unit() -> None:
    # 3.2万分 is 32,000 points: shown as 万分, so a message never prints it as 3.2分
    (q,) = parse_quantities("志愿服务累计积分3.2万分。")
    assert (q.kind, q.value, q.unit, q.base_unit, q.scale) == ("score", D("3.2"), "万分", "分", D(10000))
    assert q.base_value == D(32000)


def test_a_percentage_written_百分比_is_shown_with_the_percent_sign() -> None:
    assert read("资金到位率为98百分比。") == [("percent", D(98), "%", "%", D(1), 0, False, "98百分比")]


def test_about_after_the_unit_makes_the_figure_an_approximation() -> None:
    # 左右 after the figure: no rounding promise (decimals None), as for 约 before it
    assert read("项目投入资金50万元左右。") == [("amount", D(50), "万元", "元", D(10000), None, True, "50万元")]
    assert read("培训基层干部200人左右，") == [("count", D(200), "人", "人", D(1), None, True, "200人")]
    assert read("发放补贴3.5万元多。") == [("amount", D("3.5"), "万元", "元", D(10000), None, True, "3.5万元")]
    # without it, the same figure promises its places
    assert read("项目投入资金50.00万元。") == [("amount", D("50.00"), "万元", "元", D(10000), 2, False, "50.00万元")]


def test_spaces_between_a_comparison_or_about_word_and_its_figure_do_not_change_the_reading() -> None:
    # a justified line or a pasted table puts runs of spaces there: the reading is the one without them
    for n in range(0, 11):
        gap = " " * n
        assert [q.comparison for q in parse_quantities(f"满意度不低于{gap}90%")] == [">="], n
        assert [q.comparison for q in parse_quantities(f"满意度90%{gap}以上")] == [">="], n
        (about,) = parse_quantities(f"约{gap}5万元")
        assert (about.approximate, about.decimals) == (True, None), n
    # after the figure a space ends it: 多 is the next word's (多项措施), the 5万元 stays exact
    (q,) = [q for q in parse_quantities("投入5万元 多项措施") if q.unit == "万元"]
    assert (q.approximate, q.decimals) == (False, 0)


def test_a_scale_word_before_baifenbi_is_shown_with_the_percent_sign() -> None:
    # 3万百分比 is 30,000%: shown in 万% (as 3万% is), never as a bare 3%
    assert [(q.kind, q.unit, q.scale) for q in parse_quantities("3万百分比")] == \
        [(q.kind, q.unit, q.scale) for q in parse_quantities("3万%")]
    assert parse_quantities("3万百分比")[0].unit == "万%"


def test_any_run_of_spaces_between_a_comparison_word_and_its_figure_is_skipped() -> None:
    # a form pasted as text can leave dozens of spaces there; the comparison still belongs to the figure
    for n in (25, 41, 60):
        assert [q.comparison for q in parse_quantities("满意度不低于" + " " * n + "90%")] == [">="], n
        assert [q.comparison for q in parse_quantities("满意度90%" + " " * n + "以上")] == [">="], n
        assert [q.approximate for q in parse_quantities("约" + " " * n + "5万元")] == [True], n
