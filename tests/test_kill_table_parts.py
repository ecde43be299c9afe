"""Mutants of checks/rules/tables.py killed as a reviewer reads the findings: which rows a total
or a parent row adds up (TBL001, TBL003), which cell of a row that does not cross-foot is the wrong
one (TBL002: a 类 and its 款, a 其中 list, indented rows), and which amount column a share column is
of (TBL004). Tables are invented and built inline; expected values come from the test's own
arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table

HEAD = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
OTHER_HEAD = [*HEAD, "其他支出"]


def findings(code: str, rows: list[list[str]], unit: str | None = "万元") -> list:
    """The findings of one rule on a table whose first row is its header."""
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    table = Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1, unit=unit)
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="table", table=table)])
    return check_document(doc, {code}, Settings()).findings


def where(found: list) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in found]


# ---- TBL002: the wrong component cell, found from the column sums of a 类 and its 款 -------------

def test_a_wrong_component_of_a_kuan_is_named_by_its_lei() -> None:
    # 201's 项目支出 70 = 20101's + 20102's only if 20101's is 40; and 120 − 80 = 40 as well
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    expected = D("70.00") - D("30.00")
    assert expected == D("120.00") - D("80.00")
    found = findings("TBL002", rows)
    assert where(found) == [(2, 4, D("30.00"), expected)]
    assert found[0].message == (
        "“人大事务”行“项目支出” 30.00万元 与本行“合计” 120.00万元 不相容（减去其他组成列应为 40.00万元）："
        "“合计”列上下级相加相符，而“项目支出”列上级行“一般公共服务支出”与其下级各行之和恰差 10.00万元"
        "（即本格的差额），错的是本格，应为 40.00万元")
    assert found[0].detail["culprit"] == {"col": 4, "header": "项目支出", "confirmed_by_row": 1, "total_col": 2}


def test_a_wrong_component_of_a_lei_is_named_by_its_own_kuan() -> None:
    # the 类 row itself: its 项目支出 60 against 40 + 30 = 70 below it, and 200 − 130 = 70
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "60.00"],
            ["20101", "人大事务", "120.00", "80.00", "40.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    expected = D("40.00") + D("30.00")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 4, D("60.00"), expected)]
    assert "而“项目支出”列本行与其下级各行之和恰差 10.00万元（即本格的差额），错的是本格，应为 70.00万元" in found[0].message
    assert found[0].detail["culprit"]["confirmed_by_row"] == 1


def test_the_total_column_of_the_lei_not_adding_up_names_no_culprit() -> None:
    # 201's 合计 210 is not 120 + 80: the columns do not say which cell of 20101 is wrong
    rows = [HEAD, ["201", "一般公共服务支出", "210.00", "130.00", "70.00"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("210.00"), None), (2, 2, D("120.00"), None)]
    assert all("culprit" not in f.detail for f in found)
    assert found[1].detail["candidates"][0]["value"] == "110.00"  # 80 + 30


def test_a_column_off_by_another_amount_names_no_culprit() -> None:
    # 201's 项目支出 75 is 15 over 30 + 30, while 20101 misses by 10: no single cell explains both
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "75.00"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("200.00"), None), (2, 2, D("120.00"), None)]
    assert [f.detail["unexplained"] for f in found] == [str(D("200.00") - D("205.00")), str(D("120.00") - D("110.00"))]
    assert all("culprit" not in f.detail for f in found)


def test_a_column_all_dashes_below_the_lei_says_nothing_about_its_cell() -> None:
    # the 款 leave 其他支出 blank: that column cannot show whether 201's 5.00 is right
    rows = [OTHER_HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00", "5.00"],
            ["20101", "人大事务", "120.00", "80.00", "40.00", "—"],
            ["20102", "政协事务", "80.00", "50.00", "30.00", "—"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("200.00"), None)]
    assert found[0].detail["unexplained"] == str(D("200.00") - (D("130.00") + D("70.00") + D("5.00")))


def test_a_column_blank_in_the_lei_does_not_stop_the_culprit() -> None:
    # 其他支出 is used in 205 only; 201 and its 款 leave it blank
    rows = [OTHER_HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00", "—"],
            ["20101", "人大事务", "120.00", "80.00", "30.00", "—"],
            ["20102", "政协事务", "80.00", "50.00", "30.00", "—"],
            ["205", "教育支出", "15.00", "5.00", "5.00", "5.00"],
            ["20501", "普通教育", "15.00", "5.00", "5.00", "5.00"]]
    assert where(findings("TBL002", rows)) == [(2, 4, D("30.00"), D("70.00") - D("30.00"))]


def test_a_percentage_in_an_amount_column_is_not_added_down_the_column() -> None:
    # 201's 项目支出 is written as a percentage: it says nothing about 20101's 项目支出 cell
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70%"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(2, 2, D("120.00"), None)]
    assert "culprit" not in found[0].detail


def test_a_block_headed_in_percent_is_not_added_down_its_columns() -> None:
    # a second block (its own header row) gives the structure in %: not amounts to add up by 类
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00"],
            ["20101", "人大事务", "120.00", "80.00", "40.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"],
            ["科目编码", "项目名称", "预算构成合计（%）", "基本支出（%）", "项目支出（%）"],
            ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
            ["20101", "人大事务", "55.00", "35.00", "10.00"],
            ["20102", "政协事务", "45.00", "25.00", "20.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(6, 2, D("55.00"), None)]
    assert "culprit" not in found[0].detail


def test_the_culprit_of_a_kuan_in_the_second_lei() -> None:
    # the 类 that shows it stands further down the table
    rows = [HEAD, ["201", "一般公共服务支出", "90.00", "60.00", "30.00"],
            ["20101", "人大事务", "50.00", "30.00", "20.00"],
            ["20102", "政协事务", "30.00", "20.00", "10.00"],
            ["20103", "政府办公厅", "10.00", "10.00", "0.00"],
            ["205", "教育支出", "200.00", "130.00", "70.00"],
            ["20501", "普通教育", "120.00", "80.00", "30.00"],
            ["20502", "职业教育", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(6, 4, D("30.00"), D("120.00") - D("80.00"))]
    assert found[0].detail["culprit"]["confirmed_by_row"] == 5


# ---- TBL002: the gap a parent row only carries up from its parts ------------------------------

def test_a_lei_carrying_its_kuans_gap_says_so() -> None:
    # 20101: 120 ≠ 80 + 30 (gap 10); 201 adds its 款 in every column and so misses by the same 10
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "60.00"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("200.00"), None), (2, 2, D("120.00"), None)]
    assert found[0].message == (
        "“一般公共服务支出”行：“合计” 200.00万元 与“基本支出”、“项目支出”之和 190.00万元 不一致；"
        "差额即下级行“人大事务”的差额：若各组成列无误，“合计”应为 190.00万元；若“合计”无误，各组成列之和差 10.00万元")
    assert [f.detail["from_rows"] for f in found] == [[2], []]


def test_the_second_lei_carrying_its_kuans_gap_says_so() -> None:
    rows = [HEAD, ["201", "一般公共服务支出", "90.00", "60.00", "30.00"],
            ["20101", "人大事务", "50.00", "30.00", "20.00"],
            ["20102", "政协事务", "30.00", "20.00", "10.00"],
            ["20103", "政府办公厅", "10.00", "10.00", "0.00"],
            ["205", "教育支出", "200.00", "130.00", "60.00"],
            ["20501", "普通教育", "120.00", "80.00", "30.00"],
            ["20502", "职业教育", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(5, 2, D("200.00"), None), (6, 2, D("120.00"), None)]
    assert "；差额即下级行“普通教育”的差额：" in found[0].message
    assert [f.detail["from_rows"] for f in found] == [[6], []]


def test_a_total_row_carrying_an_items_gap_says_so() -> None:
    rows = [["项目", "合计", "基本支出", "项目支出"], ["甲", "120.00", "80.00", "30.00"],
            ["乙", "60.00", "60.00", "0.00"], ["合计", "180.00", "140.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("120.00"), None), (3, 1, D("180.00"), None)]
    assert "；差额即所加各行“甲”的差额：" in found[1].message
    assert [f.detail["from_rows"] for f in found] == [[], [1]]


def test_a_gap_the_parts_do_not_explain_is_not_said_to_be_carried_up() -> None:
    # 201 misses by 10, its 款 20101 by 5: the 类's gap is not its 款's
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "60.00"],
            ["20101", "人大事务", "120.00", "80.00", "35.00"],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("200.00"), None), (2, 2, D("120.00"), None)]
    assert [f.detail["from_rows"] for f in found] == [[], []]
    assert "差额即" not in found[0].message


# ---- TBL002: which groups of rows count as sums for the culprit -----------------------------

def test_a_complete_qizhong_list_names_the_wrong_part() -> None:
    # 其中 办公费 + 印刷费 = 办公经费 in 合计 and 基本支出: the list is complete, so 项目支出 20 is 10 short
    rows = [["项目", "合计", "基本支出", "项目支出"], ["办公经费", "100.00", "60.00", "40.00"],
            ["其中：办公费", "70.00", "40.00", "20.00"], ["印刷费", "30.00", "20.00", "10.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(2, 3, D("20.00"), D("70.00") - D("40.00"))]
    assert found[0].detail["culprit"]["confirmed_by_row"] == 1


def test_a_partial_qizhong_list_under_a_kuan_does_not_hide_the_culprit() -> None:
    # 其中：差旅费 is only part of 20102: it proves nothing, while 201 shows 20102's 项目支出 short by 10
    rows = [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00"],
            ["20101", "人大事务", "120.00", "80.00", "40.00"],
            ["20102", "政协事务", "80.00", "50.00", "20.00"],
            ["", "其中：差旅费", "30.00", "20.00", "10.00"]]
    assert where(findings("TBL002", rows)) == [(3, 4, D("20.00"), D("80.00") - D("50.00"))]


def _uncoded_rows(meeting: list[str], training: list[str]) -> list[list[str]]:
    return [HEAD, ["201", "一般公共服务支出", "200.00", "130.00", "70.00"],
            ["20101", "人大事务", "120.00", "80.00", "30.00"],
            ["", "会议", *meeting], ["", "培训", *training],
            ["20102", "政协事务", "80.00", "50.00", "30.00"]]


def test_uncoded_rows_that_add_up_to_their_kuan_can_contradict_the_lei() -> None:
    # 会议 + 培训 = 人大事务 in 合计 (120) and 项目支出 (30): they back 30; 201 says 40: no single culprit
    found = findings("TBL002", _uncoded_rows(["70.00", "50.00", "20.00"], ["50.00", "40.00", "10.00"]))
    assert where(found) == [(2, 2, D("120.00"), None)]


def test_uncoded_rows_that_do_not_add_up_are_not_a_breakdown_of_their_kuan() -> None:
    # 会议 + 培训 = 70 ≠ 120: notes under 人大事务, not its parts; 201 names the culprit
    found = findings("TBL002", _uncoded_rows(["40.00", "30.00", "10.00"], ["30.00", "20.00", "10.00"]))
    assert where(found) == [(2, 4, D("30.00"), D("120.00") - D("80.00"))]


def test_unnamed_rows_under_an_indented_row_that_add_up_can_contradict_its_parent() -> None:
    # the two rows without a name add up to 人员经费 in 合计 and 项目支出 (30), but 机关经费 says 40
    rows = [["项目", "合计", "基本支出", "项目支出"], ["机关经费", "200.00", "130.00", "70.00"],
            ["　　人员经费", "120.00", "80.00", "30.00"], ["", "70.00", "50.00", "20.00"],
            ["", "50.00", "40.00", "10.00"], ["　　公用经费", "80.00", "50.00", "30.00"]]
    found = findings("TBL002", rows)
    assert where(found) == [(2, 1, D("120.00"), None)]


# ---- TBL003: a partial 其中 list, numbered groups ----------------------------------------------

def _travel(*parts: list[str]) -> list[list[str]]:
    return [["项目", "金额", "占比（%）"], ["差旅费", "10.00", "20.00"], *parts]


def test_a_single_qizhong_item_over_its_row_is_named() -> None:
    found = findings("TBL003", _travel(["其中：国内差旅", "12.00", ""]))
    over = D("12.00") - D("10.00")
    assert where(found) == [(1, 1, D("10.00"), None)]
    assert found[0].message == (
        "“差旅费”行“金额”列 10.00万元 与其中所列“国内差旅”一项之和 12.00万元 不一致（所列各项之和已超过上级数）："
        f"若所列各项无误，上级数至少应为 12.00万元；若上级数无误，所列各项之和多出 {over}万元")


def test_two_qizhong_items_over_their_row_are_counted() -> None:
    found = findings("TBL003", _travel(["其中：国内差旅", "6.00", ""], ["国外差旅", "6.00", ""], ["会议费", "40.00", "80.00"]))
    assert where(found) == [(1, 1, D("10.00"), None)]
    assert "与其中所列 2 项之和 12.00万元 不一致（所列各项之和已超过上级数）" in found[0].message


def test_a_qizhong_item_with_a_placeholder_for_a_name_is_called_a_row() -> None:
    found = findings("TBL003", _travel(["其中：计算公式", "12.00", ""]))
    assert "与其中所列一行一项之和 12.00万元 不一致" in found[0].message


def test_a_numbered_group_with_two_items_that_adds_up_proves_the_numbering() -> None:
    # 一、 = its 1. and 2. (60 + 40): so 二、 is held to its own 1. and 2. (20 + 20 = 40, not 50)
    rows = [["项目", "金额"], ["一、工程施工费", "100.00"], ["1、土方工程", "60.00"], ["2、桥梁工程", "40.00"],
            ["二、设备购置费", "50.00"], ["1、检测设备", "20.00"], ["2、办公设备", "20.00"]]
    found = findings("TBL003", rows)
    assert where(found) == [(4, 1, D("50.00"), None)]
    assert found[0].detail["candidates"][0]["value"] == str(D("20.00") + D("20.00"))


# ---- TBL001: what a total adds up ------------------------------------------------------------

def test_an_income_grand_total_adds_the_year_total_and_the_carry_over() -> None:
    rows = [["项目", "金额"], ["财政拨款收入", "80.00"], ["其他收入", "20.00"], ["本年收入合计", "100.00"],
            ["上年结转结余", "30.00"], ["收入总计", "130.00"]]
    assert D("100.00") + D("30.00") == D("130.00")
    assert findings("TBL001", rows) == []
    rows[5][1] = "140.00"
    found = findings("TBL001", rows)
    assert where(found) == [(5, 1, D("140.00"), None)]
    assert found[0].detail["candidates"][0]["value"] == "130.00"


def test_a_guessed_nesting_reports_the_reading_that_misses_least() -> None:
    # numbered rows: 1./2. under 一、 and 二、 is a guess. All six rows add to 180, the two heads to 90;
    # 170 is nearer 180: that is the reading reported
    rows = [["项目", "金额"], ["一、人员经费", "50.00"], ["1、工资", "30.00"], ["2、津贴", "20.00"],
            ["二、公用经费", "40.00"], ["1、办公费", "25.00"], ["2、差旅费", "15.00"], ["合计", "170.00"]]
    flat = sum((D(r[1]) for r in rows[1:7]), D(0))
    assert flat == D("180.00")
    found = findings("TBL001", rows)
    assert where(found) == [(7, 1, D("170.00"), None)]
    assert found[0].message.startswith("“合计”行“金额”列写作 170.00万元，6 个分项之和为 180.00万元，二者不一致")


def test_a_guessed_nesting_weighs_each_columns_miss_against_its_total() -> None:
    # 金额 adds up over all six rows (200) and misses by 180 over the heads (90% of 200);
    # 面积 adds up over the heads (1.50) and misses by 1.50 over all rows (100% of 1.50):
    # the heads' reading misses less, and its 金额 is reported
    rows = [["项目", "金额（万元）", "面积（公顷）"], ["一、人员经费", "10.00", "1.00"], ["1、工资", "45.00", "0.60"],
            ["2、津贴", "45.00", "0.40"], ["二、公用经费", "10.00", "0.50"], ["1、办公费", "45.00", "0.30"],
            ["2、差旅费", "45.00", "0.20"], ["合计", "200.00", "1.50"]]
    heads = D("10.00") + D("10.00")
    assert (D("200.00") - heads) / D("200.00") < (D("3.00") - D("1.50")) / D("1.50")
    found = findings("TBL001", rows, unit=None)
    assert where(found) == [(7, 1, D("200.00"), None)]
    assert found[0].detail["candidates"][0]["value"] == str(heads)


# ---- TBL004: the amount column a share column is of -----------------------------------------

def test_shares_of_the_column_that_explains_them_when_the_nearest_cannot_be_added() -> None:
    # 执行数 holds a word, so it has no whole; 预算数 explains 甲's 60% of 100: 乙 is 40%, not 45%
    rows = [["项目", "预算数", "执行数", "占比（%）"], ["甲", "60.00", "未执行", "60.00"], ["乙", "40.00", "38.00", "45.00"]]
    expected = D("40.00") / (D("60.00") + D("40.00")) * 100
    found = findings("TBL004", rows)
    assert where(found) == [(2, 3, D("45.00"), expected)]


def test_shares_of_the_row_printed_as_100_pick_their_amount_column() -> None:
    # 本年数 explains every share with 一、本年收入 as the whole (150/200 = 75%, 50/200 = 25%);
    # 上年数 would not (60/100 = 60%): the shares are of 本年数, and they are right
    rows = [["项目", "上年数", "本年数", "占比（%）"], ["一、本年收入", "100.00", "200.00", "100.0"],
            ["财政拨款", "60.00", "150.00", "75.0"], ["其他收入", "40.00", "50.00", "25.0"],
            ["二、上年结转", "0.00", "50.00", ""], ["收入总计", "100.00", "250.00", ""]]
    assert D("150.00") / D("200.00") * 100 == D("75.0") and D("50.00") / D("200.00") * 100 == D("25.0")
    assert findings("TBL004", rows) == []
