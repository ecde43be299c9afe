"""Mutants of the totals read this morning (checks/rules/prose.py: which stated amount of a sentence
can be the total of several count × per-head products, SUM002, and which other list proves a prose
breakdown complete, SUM001; checks/rules/tables.py: the parts of a total column up to the next total
column, TBL002, and the column that proves numbered rows are all the parts of the row above, TBL003)
killed as a reviewer reads the findings. Sentences and tables are invented and built inline;
expected figures come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.finding import Finding
from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table


def prose(code: str, *paragraphs: str) -> list[Finding]:
    doc = Document(file="t.docx", format="docx",
                   blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])
    return check_document(doc, {code}, Settings()).findings


def table(code: str, rows: list[list[str]], unit: str | None = "万元") -> list[Finding]:
    """The findings of one rule on a table whose first row is its header."""
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    t = Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1, unit=unit)
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="table", table=t)])
    return check_document(doc, {code}, Settings()).findings


def where(found: list[Finding]) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in found]


# ---- SUM002: the one total after several products -------------------------------------------------

def test_last_years_figure_after_the_total_of_the_groups_does_not_hide_a_wrong_total() -> None:
    # 上年为300,000元 is last year's figure, not a second total, though its own clause holds no rate
    text = "一级护理58人，每人每月200元；二级护理121人，每人每月120元；全年合计331,440元，上年为300,000元。"
    expected = 58 * D(200) * 12 + 121 * D(120) * 12
    assert expected == D(313440)
    found = prose("SUM002", text)
    assert [(f.rule, f.severity, f.stated, f.expected, f.unit) for f in found] == [
        ("SUM002", "error", D(331440), expected, "元")]
    assert found[0].message == "58人×200元×12 + 121人×120元×12 应为 313,440元，报告写作 331,440元"
    at = text.index("331,440元")
    assert (found[0].location.start, found[0].location.end) == (at, at + len("331,440元"))


def test_one_product_and_last_years_figure_after_this_years_total_is_nothing_to_check() -> None:
    # one group has a rate, the other none (另有42人, 121人): the total is not a sum of known products,
    # and last year's figure after it is no reason to read a second rate or total
    for text in ("276人，每人每月50元；另有42人，全年合计216,000元，上年为200,000元。",
                 "一级护理58人，每人每月200元；二级护理121人，全年合计331,440元，上年为300,000元。"):
        assert prose("SUM002", text) == [], text


# ---- SUM001: a count list without its own total proves nothing -----------------------------------

def test_counts_written_beside_the_amounts_without_their_total_leave_a_warning() -> None:
    # 3个 and 2个 pair with the amounts, but no total of projects is stated for them to add up to
    whole, road, water = D("1975.83"), D("1685.92"), D("279.91")
    found = prose("SUM001", "全年执行资金1,975.83万元，其中：道路类项目3个、执行1,685.92万元；水利类项目2个、执行279.91万元。")
    assert [(f.severity, f.stated) for f in found] == [("warning", whole)]
    assert found[0].message.startswith(
        f"分项之和小于总数，若为完整列举则有误：总数 {whole}万元，所列 2 项（{road}万元、{water}万元）之和为 "
        f"{road + water}万元，二者不一致")


def test_counts_of_another_division_of_the_same_things_do_not_prove_the_list_complete() -> None:
    # the 15 projects approved are listed by kind, 9 + 5 = 14; the 12 carried out are split into
    # 续建 5 (written as more than last year) and 新建 7, which add up — but that is another whole
    # and another division, written between the kinds, not a measure of each kind: a warning only
    assert 5 + 7 == 12 and 9 + 5 == 14
    found = prose("SUM001", "全年实施项目共12个。批复项目15个，其中道路项目9个、比上年多续建5个项目、水利项目5个。新建7个项目。")
    assert [(f.severity, f.stated) for f in found] == [("warning", D(15))]
    assert found[0].message == (
        "分项之和小于总数，若为完整列举则有误：总数 15个，所列 2 项（9个、5个）之和为 14个，二者不一致；"
        "若分项无误，总数应为 14个；若总数无误，分项之和差 1个（或列举不全）")


# ---- TBL002: two total-and-parts blocks side by side ---------------------------------------------

def test_the_parts_of_each_total_column_run_up_to_the_next_total_column() -> None:
    rows = [["项目", "年初预算合计", "基本支出", "项目支出", "调整后预算合计", "基本支出", "项目支出"],
            ["行政运行", "100.00", "60.00", "40.00", "120.00", "60.00", "50.00"]]
    assert D("60.00") + D("40.00") == D("100.00")
    found = table("TBL002", rows)
    assert where(found) == [(1, 4, D("120.00"), None)]
    assert found[0].message == (
        "“行政运行”行：“调整后预算合计” 120.00万元 与“基本支出”、“项目支出”之和 110.00万元 不一致："
        "若各组成列无误，“调整后预算合计”应为 110.00万元；若“调整后预算合计”无误，各组成列之和差 10.00万元")


# ---- TBL003: the column that proves numbered rows are all the parts of the row above -------------

HEAD = ["项目", "预算数", "执行数"]


def test_a_head_row_blank_in_one_column_is_proved_by_another() -> None:
    # 一、 has no budget figure; its execution 100 = 60 + 40 proves 1、 and 2、 are all of it, and so
    # the numbering: 二、 is held to its own 1、 and 2、 (20 + 20 = 40 in both columns)
    rows = [HEAD, ["一、工程施工费", "", "100.00"], ["1、土方工程", "70.00", "60.00"], ["2、桥梁工程", "30.00", "40.00"],
            ["二、设备购置费", "50.00", "45.00"], ["1、检测设备", "20.00", "20.00"], ["2、办公设备", "20.00", "20.00"]]
    assert D("60.00") + D("40.00") == D("100.00")
    found = table("TBL003", rows)
    assert where(found) == [(4, 1, D("50.00"), None), (4, 2, D("45.00"), None)]
    assert [f.detail["candidates"][0]["value"] for f in found] == [str(D("20.00") + D("20.00"))] * 2


def test_a_column_of_zeros_does_not_prove_the_numbered_rows_complete() -> None:
    # nothing budgeted: 0 = 0 + 0 says nothing; 20 + 20 short of 50 may be a list of the main items
    rows = [HEAD, ["一、工程施工费", "0.00", "50.00"], ["1、土方工程", "0.00", "20.00"], ["2、桥梁工程", "0.00", "20.00"]]
    assert table("TBL003", rows) == []
    # a budget of 1.00 that adds up (0.60 + 0.40) proves them all: then 50 ≠ 40 is an error
    rows = [HEAD, ["一、工程施工费", "1.00", "50.00"], ["1、土方工程", "0.60", "20.00"], ["2、桥梁工程", "0.40", "20.00"]]
    assert where(table("TBL003", rows)) == [(1, 2, D("50.00"), None)]


def test_percentages_that_add_up_do_not_prove_the_numbered_rows_complete() -> None:
    # progress of 60% and 40% adds to the 100% above; the amounts 50 + 30 fall short of 100:
    # the rows may be the main items only, nothing to report
    rows = [["项目", "金额", "完成进度"], ["一、工程施工费", "100.00", "100%"], ["1、土方工程", "50.00", "60%"],
            ["2、桥梁工程", "30.00", "40%"]]
    assert table("TBL003", rows) == []


def test_a_money_block_under_its_own_heading_row_is_proved_by_its_own_columns() -> None:
    # the table opens with an indicator block (指标值, 完成值: not added); the money block below
    # has its own heading row: its budget 100 = 60 + 40 proves 1、 and 2、, and 95 ≠ 50 + 40
    rows = [["项目", "年度指标值", "实际完成值"], ["培训人数", "500", "520"], ["项目名称", "预算数", "执行数"],
            ["一、工程施工费", "100.00", "95.00"], ["1、土方工程", "60.00", "50.00"], ["2、桥梁工程", "40.00", "40.00"]]
    found = table("TBL003", rows)
    assert where(found) == [(3, 2, D("95.00"), None)]
    assert found[0].message == (
        "“工程施工费”行“执行数”列 95.00万元 与其下编号各项之和 90.00万元 不一致：若下级各项无误，上级数应为 90.00万元；"
        "若上级数无误，下级各项之和差 5.00万元")
