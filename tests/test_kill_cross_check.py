"""Mutants of checks/rules/tables.py killed as a reviewer reads the findings of a row that does not
cross-foot (TBL002: a total column that is not the sum of its component columns) and of a parent row
held to its sub-rows (TBL003): the whole message, with the rows and columns it names (by number where
they have no name), the gap a parent row only carries up from its sub-rows, the hint of a missing
column, the readings in both languages, the figures listed in the detail, the unit, the coverage count
and fingerprints that keep two wrong cells apart. Tables are invented and built inline; expected
values come from the test's own arithmetic."""

from __future__ import annotations

from decimal import Decimal as D

from tests.builders import check_tables

HEAD = ["项目", "合计", "基本支出", "项目支出"]
CODED = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def result(code: str, *tables: list[list[str]]):  # noqa: ANN201 - checks.runner's result
    """The result of one rule on a document of tables, each with its first row as header."""
    return check_tables(code, *tables)


def findings(code: str, *tables: list[list[str]]) -> list:
    return result(code, *tables).findings


def where(found: list) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in found]


def wan(value: D) -> str:
    return f"{value:.2f}万元"


def readings(total: str, stated: D, summed: D) -> str:
    """The two readings of a row that does not cross-foot, as the message ends."""
    return f"若各组成列无误，{total}应为 {wan(summed)}；若{total}无误，各组成列之和差 {wan(abs(stated - summed))}"


def candidates(total: str, stated: D, summed: D) -> list[dict]:
    """detail["candidates"] of such a row: the same readings, in Chinese and English."""
    gap = stated - summed
    return [
        {"text": f"若各组成列无误，{total}应为 {wan(summed)}",
         "text_en": f"if the component columns are right, the total column should be {summed:.2f} 10k yuan",
         "value": f"{summed:.2f}"},
        {"text": f"若{total}无误，各组成列之和差 {wan(abs(gap))}",
         "text_en": f"if the total column is right, the component columns are {abs(gap):.2f} 10k yuan "
                    f"{'short' if gap > 0 else 'over'}",
         "value": None},
    ]


# ---- TBL002: the finding of a row whose total column misses its components -------------------

def test_a_row_over_its_components_reads_in_full() -> None:
    # 甲: 合计 100.00 against 80.00 + 30.00 = 110.00; 乙: 50.00 against 40.00 + 20.00 = 60.00. Both rows
    # miss, but their totals are short, not over: no column can be missing (a missing column adds)
    rows = [HEAD, ["甲", "100.00", "80.00", "30.00"], ["乙", "50.00", "40.00", "20.00"]]
    first, second = D("80.00") + D("30.00"), D("40.00") + D("20.00")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("100.00"), None), (2, 1, D("50.00"), None)]
    f = found[0]
    assert (f.rule, f.severity, f.unit) == ("TBL002", "error", "万元")
    assert f.message == (f"“甲”行：“合计” {wan(D('100.00'))} 与“基本支出”、“项目支出”之和 {wan(first)} 不一致："
                         + readings("“合计”", D("100.00"), first))
    assert f.detail == {
        "components": [{"col": 2, "header": "基本支出", "value": "80.00"},
                       {"col": 3, "header": "项目支出", "value": "30.00"}],
        "unexplained": str(D("100.00") - first), "missing_column": False, "from_rows": [],
        "candidates": candidates("“合计”", D("100.00"), first)}
    assert found[1].detail["missing_column"] is False
    assert found[1].detail["candidates"] == candidates("“合计”", D("50.00"), second)
    assert "可能缺少一列" not in found[1].message
    assert f.excerpt == "甲 100.00"


def test_every_row_short_of_its_total_hints_at_a_missing_column() -> None:
    # 甲 is 10.00 over 80.00 + 30.00, 乙 0.50 over 40.00 + 20.00: every row has a gap, all the same way
    rows = [HEAD, ["甲", "120.00", "80.00", "30.00"], ["乙", "60.50", "40.00", "20.00"]]
    summed = D("40.00") + D("20.00")
    assert D("60.50") - summed == D("0.50")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("120.00"), None), (2, 1, D("60.50"), None)]
    assert [f.detail["missing_column"] for f in found] == [True, True]
    assert found[1].message == (
        f"“乙”行：“合计” {wan(D('60.50'))} 与“基本支出”、“项目支出”之和 {wan(summed)} 不一致；"
        f"各行均有未解释的差额，可能缺少一列：" + readings("“合计”", D("60.50"), summed))
    assert found[1].detail["unexplained"] == "0.50"


def test_a_row_with_a_word_in_a_component_column_is_not_cross_footed() -> None:
    # 甲's 项目支出 says 未执行: the row cannot be added up (80.00 alone is not its 100.00);
    # 乙 adds up (40.00 + 20.00 = 60.00) and is the one row compared
    rows = [HEAD, ["甲", "100.00", "80.00", "未执行"], ["乙", "60.00", "40.00", "20.00"]]
    assert D("40.00") + D("20.00") == D("60.00")
    res = result("TBL002", rows)
    assert res.findings == []
    assert res.coverage.checked == 1


def test_every_row_compared_is_counted_in_the_coverage() -> None:
    # four rows have a total and components; 丁 has no total: three comparisons, one of them wrong
    rows = [HEAD, ["甲", "120.00", "80.00", "40.00"], ["乙", "60.00", "40.00", "20.00"],
            ["丙", "25.00", "10.00", "10.00"], ["丁", "—", "5.00", "5.00"]]
    res = result("TBL002", rows)
    assert where(res.findings) == [(3, 1, D("25.00"), None)]
    assert res.coverage.checked == 3


def test_an_unnamed_row_and_an_unheaded_column_are_named_by_number() -> None:
    # the table's 2nd row has no name, its 4th column no heading: 100.00 against 80.00 + 30.00
    rows = [["项目", "合计", "基本支出", ""], ["", "100.00", "80.00", "30.00"], ["乙", "60.00", "40.00", "20.00"]]
    summed = D("80.00") + D("30.00")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("100.00"), None)]
    assert found[0].message == (f"第2行：“合计” {wan(D('100.00'))} 与“基本支出”、第4列之和 {wan(summed)} 不一致："
                                + readings("“合计”", D("100.00"), summed))
    assert found[0].detail["components"] == [{"col": 2, "header": "基本支出", "value": "80.00"},
                                             {"col": 3, "header": "", "value": "30.00"}]


def test_a_total_row_carrying_the_gaps_of_two_items_names_both() -> None:
    # 甲 is 10.00 over its components, 乙 5.00, 丙 adds up; 合计 adds the rows in every column
    # (200 = 120 + 60 + 20, 130 = 80 + 40 + 10, 55 = 30 + 15 + 10) and so misses by 10 + 5 = 15
    rows = [HEAD, ["甲", "120.00", "80.00", "30.00"], ["乙", "60.00", "40.00", "15.00"],
            ["丙", "20.00", "10.00", "10.00"], ["合计", "200.00", "130.00", "55.00"]]
    summed = D("130.00") + D("55.00")
    assert D("200.00") - summed == (D("120.00") - D("110.00")) + (D("60.00") - D("55.00"))
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("120.00"), None), (2, 1, D("60.00"), None), (4, 1, D("200.00"), None)]
    assert found[2].message == (
        f"“合计”行：“合计” {wan(D('200.00'))} 与“基本支出”、“项目支出”之和 {wan(summed)} 不一致；"
        f"差额即所加各行“甲”、“乙”的差额：" + readings("“合计”", D("200.00"), summed))
    assert [f.detail["from_rows"] for f in found] == [[], [], [1, 2]]
    assert [f.detail["missing_column"] for f in found] == [False] * 3  # 丙 adds up


def test_a_lei_carrying_the_gaps_of_two_unnamed_kuan_names_them_by_number() -> None:
    # codes only: 201 = 20101 + 20102 down every column (200 = 120 + 80, 130 = 80 + 50, 60 = 35 + 25),
    # so no cell is the culprit; 20101 misses by 5.00, 20102 by 5.00, and 201 by their 10.00.
    # Every row's total is over its components: a column may be missing
    rows = [CODED, ["201", "", "200.00", "130.00", "60.00"], ["20101", "", "120.00", "80.00", "35.00"],
            ["20102", "", "80.00", "50.00", "25.00"]]
    summed = D("130.00") + D("60.00")
    assert D("200.00") - summed == (D("120.00") - D("115.00")) + (D("80.00") - D("75.00"))
    found = findings("TBL002", rows)
    assert where(found) == [(1, 2, D("200.00"), None), (2, 2, D("120.00"), None), (3, 2, D("80.00"), None)]
    assert found[0].message == (
        f"第2行：“合计” {wan(D('200.00'))} 与“基本支出”、“项目支出”之和 {wan(summed)} 不一致；"
        f"差额即下级行第3行、第4行的差额；各行均有未解释的差额，可能缺少一列："
        + readings("“合计”", D("200.00"), summed))
    assert found[0].detail["from_rows"] == [2, 3]
    assert found[2].message.startswith(f"第4行：“合计” {wan(D('80.00'))} 与")


def test_two_total_columns_of_a_row_each_read_their_own_components() -> None:
    # 年初预算合计 | 基本 | 项目 | 调整后预算合计 | 基本 | 项目: 120.00 against 80 + 30 and against 70 + 30
    rows = [["项目", "年初预算合计", "基本支出", "项目支出", "调整后预算合计", "基本支出", "项目支出"],
            ["甲", "120.00", "80.00", "30.00", "120.00", "70.00", "30.00"]]
    early, late = D("80.00") + D("30.00"), D("70.00") + D("30.00")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("120.00"), None), (1, 4, D("120.00"), None)]
    assert found[1].message == (
        f"“甲”行：“调整后预算合计” {wan(D('120.00'))} 与“基本支出”、“项目支出”之和 {wan(late)} 不一致："
        + readings("“调整后预算合计”", D("120.00"), late))
    assert found[0].detail["candidates"] == candidates("“年初预算合计”", D("120.00"), early)
    # the same row, the same figure stated: a waiver of one must not hide the other
    assert found[0].fingerprint != found[1].fingerprint


def test_the_same_wrong_total_in_two_tables_gets_two_fingerprints() -> None:
    # 甲's 合计 120.00 is wrong in both tables, against other components (110.00, 100.00)
    one = [HEAD, ["甲", "120.00", "80.00", "30.00"]]
    other = [HEAD, ["甲", "120.00", "70.00", "30.00"]]
    found = findings("TBL002", one, other)
    assert [(f.location.table, f.stated) for f in found] == [(0, D("120.00")), (1, D("120.00"))]
    assert [f.detail["candidates"][0]["value"] for f in found] == [str(D("80.00") + D("30.00")),
                                                                   str(D("70.00") + D("30.00"))]
    assert found[0].fingerprint != found[1].fingerprint


def test_components_after_a_text_column_stop_at_it() -> None:
    # 备注 holds words: 上年数 beyond it is no component of 合计 (120.00 against 80.00 + 30.00 only)
    rows = [["项目", "合计", "基本支出", "项目支出", "备注", "上年数"], ["甲", "120.00", "80.00", "30.00", "说明", "10.00"]]
    summed = D("80.00") + D("30.00")
    found = findings("TBL002", rows)
    assert where(found) == [(1, 1, D("120.00"), None)]
    assert found[0].detail["candidates"][0]["value"] == str(summed)
    assert found[0].detail["unexplained"] == str(D("120.00") - summed)


# ---- TBL003: why a parent row is held to its sub-rows, and the figures it was held to ----------

def _parent(why: str, stated: D, summed: D) -> str:
    gap = abs(stated - summed)
    return (f"与{why}之和 {wan(summed)} 不一致：若下级各项无误，上级数应为 {wan(summed)}；"
            f"若上级数无误，下级各项之和差 {wan(gap)}")


def test_a_lei_held_to_its_kuan_by_code() -> None:
    rows = [["科目编码", "科目名称", "本年支出"], ["213", "农林水支出", "330.00"], ["21301", "农业农村", "320.00"]]
    found = findings("TBL003", rows)
    assert where(found) == [(1, 2, D("330.00"), None)]
    assert found[0].message == (f"“农林水支出”行“本年支出”列 {wan(D('330.00'))} "
                                + _parent("科目 213 的下级科目", D("330.00"), D("320.00")))
    assert found[0].detail["addends"] == [{"row": 2, "label": "农业农村", "value": "320.00"}]


def test_a_lei_held_to_its_kuan_by_subject_name() -> None:
    rows = [["科目名称", "本年支出"], ["一般公共服务支出", "210.00"], ["人大事务", "120.00"], ["政协事务", "80.00"]]
    summed = D("120.00") + D("80.00")
    found = findings("TBL003", rows)
    assert where(found) == [(1, 1, D("210.00"), None)]
    assert found[0].message == (f"“一般公共服务支出”行“本年支出”列 {wan(D('210.00'))} "
                                + _parent("其下级科目（按科目名称）", D("210.00"), summed))
    assert found[0].detail["addends"] == [{"row": 2, "label": "人大事务", "value": "120.00"},
                                          {"row": 3, "label": "政协事务", "value": "80.00"}]


def test_a_numbered_head_held_to_its_numbered_items() -> None:
    # 一、 = 60 + 40 proves the numbering; 二、 50.00 against 20.00 + 20.00
    rows = [["项目", "金额"], ["一、工程施工费", "100.00"], ["1、土方工程", "60.00"], ["2、桥梁工程", "40.00"],
            ["二、设备购置费", "50.00"], ["1、检测设备", "20.00"], ["2、办公设备", "20.00"]]
    summed = D("20.00") + D("20.00")
    found = findings("TBL003", rows)
    assert where(found) == [(4, 1, D("50.00"), None)]
    assert found[0].message == (f"“设备购置费”行“金额”列 {wan(D('50.00'))} "
                                + _parent("其下编号各项", D("50.00"), summed))


def test_an_indented_head_held_to_its_indented_rows() -> None:
    # 合计 200 = 120 + 80 proves the indentation; 基本支出 130.00 against 80.00 + 40.00
    rows = [["项目", "合计", "基本支出"], ["机关经费", "200.00", "130.00"], ["　　人员经费", "120.00", "80.00"],
            ["　　公用经费", "80.00", "40.00"]]
    summed = D("80.00") + D("40.00")
    found = findings("TBL003", rows)
    assert where(found) == [(1, 2, D("130.00"), None)]
    assert found[0].message == (f"“机关经费”行“基本支出”列 {wan(D('130.00'))} "
                                + _parent("其下缩进各行", D("130.00"), summed))
    assert found[0].detail["addends"] == [{"row": 2, "label": "人员经费", "value": "80.00"},
                                          {"row": 3, "label": "公用经费", "value": "40.00"}]


# ---- TBL001: the items a total row was added from ------------------------------------------------

def test_a_total_rows_items_are_listed_with_row_name_and_figure() -> None:
    rows = [["支出项目", "金额"], ["办公费", "8.20"], ["印刷费", "1.35"], ["合计", "9.65"]]
    summed = D("8.20") + D("1.35")
    found = findings("TBL001", rows)
    assert where(found) == [(3, 1, D("9.65"), None)]
    assert found[0].detail["addends"] == [{"row": 1, "label": "办公费", "value": "8.20"},
                                          {"row": 2, "label": "印刷费", "value": "1.35"}]
    assert found[0].detail["candidates"][0]["value"] == str(summed)
