"""Which rows a table total adds up, as TBL001 and TBL002 show it (checks/rules/tables.py `_leading`,
`_addends`, `CrossFooting.relations`): a total that opens its block is held to the rows under it, one
that closes it to the rows above; a cell of text among the items makes a column unaddable; a total
column at the right end adds up the columns on its left.

Every table is built in memory inside its test. The figures are chosen so that they add up under one
reading of the table only (the rows under a total add up to it, the rows above it to something else,
or the other way round): a test that reads the block the wrong way round sees a different finding.
Expected sums come from the test's own arithmetic.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

from checks.finding import Finding
from tests.builders import check_tables

HEAD = ["项目", "金额"]


def footing(*rows: list[str]) -> list[Finding]:
    """TBL001's findings on one table: the header row HEAD, then `rows` (amounts in 万元)."""
    return check_tables("TBL001", [HEAD, *rows]).findings


def addend_rows(f: Finding) -> list[int]:
    return [a["row"] for a in f.detail["addends"]]


def message(label: str, column: str, stated: D, summed: D, count: int) -> str:
    """TBL001's message as its template words it (amounts in 万元 at two places)."""
    gap = abs(stated - summed)
    return (f"“{label}”行{column}写作 {stated:.2f}万元，{count} 个分项之和为 {summed:.2f}万元，二者不一致："
            f"若分项无误，合计应为 {summed:.2f}万元；若合计无误，分项之和差 {gap:.2f}万元")


# ---- _leading: a heading row inside the body ---------------------------------------------------

def test_a_total_two_rows_under_a_heading_row_closes_the_row_between() -> None:
    # 收入合计 opens the table (150.00 = 100.00 + 50.00); a heading row 支出项目 | 支出金额 starts the
    # second part, whose one item 办公费 30.00 is closed by 支出合计 35.00. The 支出合计 stands last:
    # it does not open an (empty) block of its own, nor does the 收入合计 far above make it one
    income, office, stated = D("100.00") + D("50.00"), D("30.00"), D("35.00")
    assert income == D("150.00")
    [f] = footing(["收入合计", f"{income:.2f}"], ["财政拨款收入", "100.00"], ["事业收入", "50.00"],
                  ["支出项目", "支出金额"], ["办公费", f"{office:.2f}"], ["支出合计", f"{stated:.2f}"])
    assert (f.rule, f.severity, f.location.row, f.location.col, f.stated) == ("TBL001", "error", 6, 1, stated)
    assert addend_rows(f) == [5]
    assert f.message == message("支出合计", "“支出金额”列", stated, office, 1)


def test_a_total_closing_the_first_part_is_not_opened_by_a_lone_total_after_a_heading_row() -> None:
    # 收入合计 155.00 closes 财政拨款收入 and 事业收入 (100.00 + 50.00 = 150.00: 5.00 short); after a
    # heading row the second part holds its 支出合计 alone. The 支出合计 at the foot of the table
    # says nothing about how the first part runs
    stated, summed = D("155.00"), D("100.00") + D("50.00")
    [f] = footing(["财政拨款收入", "100.00"], ["事业收入", "50.00"], ["收入合计", f"{stated:.2f}"],
                  ["支出项目", "支出金额"], ["支出合计", "150.00"])
    assert (f.location.row, f.location.col, f.stated, addend_rows(f)) == (3, 1, stated, [1, 2])
    assert f.message == message("收入合计", "“金额”列", stated, summed, 2)


# ---- _leading: totals that open their blocks ------------------------------------------------------

def test_a_total_right_under_the_opening_total_opens_its_own_block() -> None:
    # 合计 heads the table; 基本支出合计 right under it opens its block: 190.00 + 70.00 = 260.00, not
    # 265.00; 项目支出合计 opens its own (160.00 = 160.00); the 合计 425.00 = 265.00 + 160.00
    assert D("265.00") + D("160.00") == D("425.00")
    stated, summed = D("265.00"), D("190.00") + D("70.00")
    [f] = footing(["合计", "425.00"], ["基本支出合计", f"{stated:.2f}"], ["工资福利支出", "190.00"],
                  ["商品和服务支出", "70.00"], ["项目支出合计", "160.00"], ["专项业务费", "160.00"])
    assert (f.location.row, f.stated, addend_rows(f)) == (2, stated, [3, 4])
    assert f.message == message("基本支出合计", "“金额”列", stated, summed, 2)


def test_a_total_whose_sibling_three_items_above_opened_its_block_opens_its_own() -> None:
    # 基本支出合计 265.00 = 150.00 + 75.00 + 40.00 opens the table; 项目支出合计 160.00, three items
    # under it, opens its own block too: 100.00 + 50.00 = 150.00 — 10.00 short; the three rows above it
    # (265.00) are not its items
    assert D("150.00") + D("75.00") + D("40.00") == D("265.00")
    stated, summed = D("160.00"), D("100.00") + D("50.00")
    [f] = footing(["基本支出合计", "265.00"], ["工资福利支出", "150.00"], ["商品和服务支出", "75.00"],
                  ["对个人和家庭的补助", "40.00"], ["项目支出合计", f"{stated:.2f}"], ["专项业务费", "100.00"],
                  ["业务运行", "50.00"])
    assert (f.location.row, f.stated, addend_rows(f)) == (5, stated, [6, 7])
    assert f.message == message("项目支出合计", "“金额”列", stated, summed, 2)


def income_and_spending(project: str) -> list[list[str]]:
    # 收入总计 opens the table: 20.00 + 100.00 + 50.00 = 170.00; 本年收入合计 closes this year's income
    # (100.00 + 50.00 = 150.00, the balance carried in left out); 支出总计, right under that 合计,
    # opens the spending: 100.00 + project
    return [["收入总计", "170.00"], ["上年结转", "20.00"], ["财政拨款收入", "100.00"], ["事业收入", "50.00"],
            ["本年收入合计", "150.00"], ["支出总计", "160.00"], ["基本支出", "100.00"], ["项目支出", project]]


def test_a_grand_total_under_a_closing_total_opens_like_the_grand_total_before_it() -> None:
    assert D("20.00") + D("100.00") + D("50.00") == D("170.00") and D("100.00") + D("50.00") == D("150.00")
    # 160.00 = 100.00 + 60.00: nothing to report — 支出总计 is not held to the income above it (170.00)
    assert footing(*income_and_spending("60.00")) == []
    stated, summed = D("160.00"), D("100.00") + D("55.00")
    [f] = footing(*income_and_spending(f"{D('55.00'):.2f}"))
    assert (f.location.row, f.stated, addend_rows(f)) == (6, stated, [7, 8])
    assert f.message == message("支出总计", "“金额”列", stated, summed, 2)


# ---- _addends: a cell of text among the items -----------------------------------------------------

def test_an_item_written_in_words_makes_the_column_unaddable_a_dash_counts_as_zero() -> None:
    # 印刷费 另行列支 has no figure: 10.00 + ? cannot be held to 25.00, so nothing is said
    assert footing(["办公费", "10.00"], ["印刷费", "另行列支"], ["合计", "25.00"]) == []
    # a dash is a zero: 10.00 + 0 = 10.00, not 25.00
    stated, summed = D("25.00"), D("10.00")
    [f] = footing(["办公费", "10.00"], ["印刷费", "—"], ["合计", f"{stated:.2f}"])
    assert (f.location.row, f.stated, addend_rows(f)) == (3, stated, [1])
    assert f.message == message("合计", "“金额”列", stated, summed, 1)


# ---- CrossFooting.relations: a total column at the right end ------------------------------------

def test_a_total_column_at_the_right_end_adds_up_the_columns_on_its_left() -> None:
    # 办公楼维修: 30.00 + 50.00 = 80.00, not 90.00; 信息系统运维: 20.00 + 40.00 = 60.00
    stated, summed = D("90.00"), D("30.00") + D("50.00")
    assert D("20.00") + D("40.00") == D("60.00")
    found = check_tables("TBL002", [["项目", "基本支出", "项目支出", "合计"],
                                    ["办公楼维修", "30.00", "50.00", "90.00"],
                                    ["信息系统运维", "20.00", "40.00", "60.00"]]).findings
    [f] = found
    assert (f.rule, f.severity, f.location.row, f.location.col, f.stated, f.unit) == (
        "TBL002", "error", 1, 3, stated, "万元")
    assert [(c["col"], c["header"], c["value"]) for c in f.detail["components"]] == [
        (1, "基本支出", "30.00"), (2, "项目支出", "50.00")]  # left to right, as the table reads
    assert f.detail["unexplained"] == f"{stated - summed:.2f}" and f.detail["missing_column"] is False
    names = "“基本支出”、“项目支出”"
    assert re.fullmatch(
        f"“办公楼维修”行：“合计” {stated:.2f}万元 与{names}之和 {summed:.2f}万元 不一致："
        f"若各组成列无误，“合计”应为 {summed:.2f}万元；若“合计”无误，各组成列之和差 {stated - summed:.2f}万元",
        f.message), f.message
