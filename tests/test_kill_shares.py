"""Mutants of checks/rules/tables.py's share column (TBL004: a 占比 column whose shares must be each
row's amount over the whole) killed as a reviewer reads the findings: the whole finding of a wrong
share (message, stated, expected, unit, detail, place), which row or figure the shares are of (the
row printed as 100, the 合计, the top rows, or every row when the nesting is only guessed from the
figures), which amount column they belong to, and the silence where the table does not say.
Tables are invented and built inline; expected values come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from tests.builders import check_tables

SHARE = "占比 = 金额 ÷ 合计 × 100%"


def run(*tables: list[list[str]]):  # noqa: ANN201 - checks.runner's result
    """Check one document holding `tables` (each with its header as first row) with TBL004 only."""
    return check_tables("TBL004", *tables)


def where(result) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in result.findings]


def pct(amount: str, whole: D | str, places: int = 2) -> D:
    """amount ÷ whole × 100, rounded half up to the places the share is printed with."""
    return (D(amount) / D(whole) * 100).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ---- the finding of a wrong share, read in full -------------------------------------------------

PUBLIC = [["支出项目", "金额（万元）", "占比（%）"], ["办公费", "8.20", "21.73"], ["印刷费", "1.35", "3.25"],
          ["水电费", "4.80", "11.55"], ["差旅费", "12.36", "29.74"], ["会议费", "0.00", "0.00"],
          ["培训费", "3.25", "7.82"], ["公务用车运行维护费", "11.60", "27.91"], ["合计", "41.56", "100.00"]]


def test_a_wrong_share_is_reported_with_its_amount_whole_and_expected_share() -> None:
    whole = D("8.20") + D("1.35") + D("4.80") + D("12.36") + D("0.00") + D("3.25") + D("11.60")
    assert whole == D("41.56")
    for row in PUBLIC[2:-1]:  # every other share is right
        assert pct(row[1], whole) == D(row[2])
    expected = pct("8.20", whole)
    assert expected == D("19.73")
    result = run(PUBLIC)
    assert where(result) == [(1, 2, D("21.73"), expected)]
    f = result.findings[0]
    assert f.message == "“办公费”占比写作 21.73%，按 8.20万元÷41.56万元 应为 19.73%"
    assert f.unit == "%"
    assert f.detail == {"amount": "8.20", "whole": "41.56万元", "formula": SHARE}
    # every one of the 8 rows with an amount and a share was compared: the coverage says so
    assert result.coverage.checked == 8


def test_a_row_without_a_name_is_named_by_its_number() -> None:
    # the third row of the table (the header is the first) leaves its name blank: 1.35 ÷ 41.56 = 3.25%
    rows = [["支出项目", "金额（万元）", "占比（%）"], ["办公费", "8.20", "19.73"], ["", "1.35", "4.25"],
            ["其他", "32.01", "77.02"], ["合计", "41.56", "100.00"]]
    assert D("8.20") + D("1.35") + D("32.01") == D("41.56")
    assert pct("8.20", "41.56") == D("19.73") and pct("32.01", "41.56") == D("77.02")
    result = run(rows)
    assert where(result) == [(2, 2, D("4.25"), pct("1.35", "41.56"))]
    assert result.findings[0].message == "第3行占比写作 4.25%，按 1.35万元÷41.56万元 应为 3.25%"


# ---- the whole the shares are of ----------------------------------------------------------------

def test_shares_of_the_row_printed_as_100_name_that_row_s_amount() -> None:
    # 一、本年收入 is the 100 row: 150 ÷ 200 = 75.0%, not 150 ÷ 250 (收入总计 adds the carry-over)
    rows = [["项目", "金额（万元）", "占本年收入比重（%）"], ["一、本年收入", "200.00", "100.0"],
            ["财政拨款", "150.00", "70.0"], ["其他收入", "50.00", "25.0"], ["二、上年结转", "50.00", ""],
            ["收入总计", "250.00", ""]]
    assert pct("50.00", "200.00", 1) == D("25.0")
    result = run(rows)
    assert where(result) == [(2, 2, D("70.0"), pct("150.00", "200.00", 1))]
    assert result.findings[0].message == "“财政拨款”占比写作 70.0%，按 150.00万元÷200.00万元 应为 75.0%"
    assert result.findings[0].detail["whole"] == "200.00万元"


def test_shares_of_a_total_row_that_prints_no_share_of_its_own() -> None:
    # no row says 100: the whole is the 合计's amount, 41.56
    rows = [["支出项目", "金额（万元）", "占比（%）"], ["办公费", "8.20", "21.73"], ["印刷费", "1.35", "3.25"],
            ["其他", "32.01", "77.02"], ["合计", "41.56", ""]]
    result = run(rows)
    assert where(result) == [(1, 2, D("21.73"), pct("8.20", "41.56"))]
    assert result.findings[0].message == "“办公费”占比写作 21.73%，按 8.20万元÷41.56万元 应为 19.73%"


def test_shares_without_a_total_of_a_single_lei_are_of_that_lei() -> None:
    # 201 is the only top row (no 合计, no 100 row): the 款 shares are of its 100.00
    rows = [["科目编码", "科目名称", "金额（万元）", "占比（%）"], ["201", "一般公共服务支出", "100.00", "—"],
            ["20101", "人大事务", "60.00", "60.00"], ["20102", "政协事务", "40.00", "45.00"]]
    whole = D("60.00") + D("40.00")
    assert whole == D("100.00") and pct("60.00", whole) == D("60.00")
    result = run(rows)
    assert where(result) == [(3, 3, D("45.00"), pct("40.00", whole))]
    assert result.findings[0].message == "“政协事务”占比写作 45.00%，按 40.00万元÷100.00万元 应为 40.00%"
    assert result.findings[0].detail["whole"] == "100.00万元"


def test_shares_of_every_row_where_the_nesting_is_only_a_guess_from_the_figures() -> None:
    # 图书资料 + 网络运维 = 设备购置 by chance (60 + 40 = 100): the figures alone suggest a nesting
    # (whole 100 + 50 = 150), but three of the four shares are of every row's sum, 250: the table is a
    # flat list, and 宣传推广's 50 is 20% of it, not 25%
    rows = [["项目", "金额（万元）", "占比（%）"], ["设备购置", "100.00", "40.00"], ["图书资料", "60.00", "24.00"],
            ["网络运维", "40.00", "16.00"], ["宣传推广", "50.00", "25.00"]]
    flat = D("100.00") + D("60.00") + D("40.00") + D("50.00")
    assert [pct(a, flat) for a in ("100.00", "60.00", "40.00")] == [D("40.00"), D("24.00"), D("16.00")]
    assert all(pct(a, D("150.00")) != D(s) for _, a, s in rows[1:])  # the nested reading explains none
    result = run(rows)
    assert where(result) == [(4, 2, D("25.00"), pct("50.00", flat))]
    assert result.findings[0].message == "“宣传推广”占比写作 25.00%，按 50.00万元÷250.00万元 应为 20.00%"
    assert result.findings[0].detail["whole"] == "250.00万元"
    assert result.coverage.checked == 4


def test_shares_no_reading_explains_better_are_not_judged() -> None:
    # the same guessed nesting: 设备购置's 66.67 is of 150 (the nested reading), 宣传推广's 20.00 of 250
    # (the flat one); one share each: which whole was meant is not written down, nothing is reported
    rows = [["项目", "金额（万元）", "占比（%）"], ["设备购置", "100.00", "66.67"], ["图书资料", "60.00", "30.00"],
            ["网络运维", "40.00", "20.00"], ["宣传推广", "50.00", "20.00"]]
    assert pct("100.00", "150.00") == D("66.67") and pct("50.00", "250.00") == D("20.00")
    for whole in ("150.00", "250.00"):
        assert sum(1 for _, a, s in rows[1:] if pct(a, whole) == D(s)) == 1
    assert run(rows).findings == []


def test_shares_taken_over_every_row_of_a_coded_table_count_each_kuan_twice() -> None:
    # the codes say 20101/20102 are parts of 201 and 20501 of 205: the whole is 100 + 50 = 150. The
    # shares printed are of every row's sum (300), which counts each 款 twice: all of them are wrong
    rows = [["科目编码", "科目名称", "金额（万元）", "占比（%）"], ["201", "一般公共服务支出", "100.00", "33.33"],
            ["20101", "人大事务", "60.00", "20.00"], ["20102", "政协事务", "40.00", "13.33"],
            ["205", "教育支出", "50.00", "16.67"], ["20501", "教育管理事务", "50.00", "16.67"]]
    whole = D("100.00") + D("50.00")
    assert all(pct(a, D(300)) == D(s) for _, _, a, s in rows[1:])
    assert where(run(rows)) == [(r, 3, D(rows[r][3]), pct(rows[r][2], whole)) for r in range(1, 6)]


def test_a_lei_row_that_leaves_the_amount_blank_gives_its_shares_no_whole() -> None:
    # 201 fills 上年数 only; its 本年数 is “—”: the 本年 shares have no whole to be checked against
    # (and 70 + 30 is 100: they are right)
    rows = [["科目编码", "科目名称", "上年数", "本年数", "本年占比（%）"], ["201", "一般公共服务支出", "100.00", "—", "—"],
            ["20101", "人大事务", "60.00", "70.00", "70.00"], ["20102", "政协事务", "40.00", "30.00", "30.00"]]
    result = run(rows)
    assert result.findings == []
    assert result.coverage.checked == 0


# ---- the amount column the shares are of --------------------------------------------------------

def test_a_text_column_between_amounts_and_shares_is_passed_over() -> None:
    # 资金用途 holds words: the shares are of 金额, and both are written on the other row (60/100 = 60%)
    rows = [["项目", "金额（万元）", "资金用途", "占比（%）"], ["甲", "60.00", "设备购置", "40.00"],
            ["乙", "40.00", "人员培训", "60.00"]]
    whole = D("60.00") + D("40.00")
    assert where(run(rows)) == [(1, 3, D("40.00"), pct("60.00", whole)), (2, 3, D("60.00"), pct("40.00", whole))]


def test_a_share_column_with_no_amounts_to_its_left_is_not_checked() -> None:
    # the shares come first, the amounts after them: nothing to divide (and no internal error)
    rows = [["项目", "占比（%）", "金额（万元）"], ["甲", "60.00", "60.00"], ["乙", "40.00", "40.00"]]
    result = run(rows)
    assert result.findings == []
    assert result.coverage.checked == 0


def test_shares_two_columns_explain_equally_well_are_not_judged() -> None:
    # 上年数 (nearest) explains only the 合计's 100; 预算数 explains 甲 (50) and 执行数 乙 (30), each
    # besides the 合计: which column the shares are of is not written down, nothing is reported
    rows = [["项目", "预算数", "执行数", "上年数", "占比（%）"], ["甲", "50.00", "40.00", "20.00", "50.00"],
            ["乙", "25.00", "30.00", "20.00", "30.00"], ["丙", "25.00", "30.00", "60.00", "20.00"],
            ["合计", "100.00", "100.00", "100.00", "100.00"]]

    def fits(c: int) -> int:
        return sum(1 for row in rows[1:] if pct(row[c], "100.00") == D(row[4]))

    assert (fits(1), fits(2), fits(3)) == (2, 2, 1)
    assert run(rows).findings == []


# ---- one finding each, never merged into another ----------------------------------------------

def test_two_wrong_shares_of_one_row_printed_alike_are_two_findings() -> None:
    # 甲's 上年 share 50.00 should be 40.00 and its 本年 share 50.00 should be 60.00: a waiver (by
    # fingerprint) of one must not silence the other, nor may one hide the other
    rows = [["项目", "上年金额（万元）", "上年占比（%）", "本年金额（万元）", "本年占比（%）"],
            ["甲", "40.00", "50.00", "60.00", "50.00"], ["乙", "60.00", "60.00", "40.00", "40.00"],
            ["合计", "100.00", "100.00", "100.00", "100.00"]]
    result = run(rows)
    assert where(result) == [(1, 2, D("50.00"), pct("40.00", "100.00")), (1, 4, D("50.00"), pct("60.00", "100.00"))]
    assert len({f.fingerprint for f in result.findings}) == 2


def test_the_same_wrong_share_in_two_tables_is_two_findings() -> None:
    # two tables (two years) each print 办公费's share as 21.73, both wrong, of different amounts
    this_year = [["支出项目", "金额（万元）", "占比（%）"], ["办公费", "8.20", "21.73"], ["其他", "33.36", "80.27"],
                 ["合计", "41.56", "100.00"]]
    last_year = [["支出项目", "金额（万元）", "占比（%）"], ["办公费", "9.00", "21.73"], ["其他", "31.00", "77.50"],
                 ["合计", "40.00", "100.00"]]
    assert pct("33.36", "41.56") == D("80.27") and pct("31.00", "40.00") == D("77.50")
    result = run(this_year, last_year)
    assert [(f.location.block, *w) for f, w in zip(result.findings, where(result), strict=True)] == [
        (0, 1, 2, D("21.73"), pct("8.20", "41.56")), (1, 1, 2, D("21.73"), pct("9.00", "40.00"))]
    assert len({f.fingerprint for f in result.findings}) == 2
