"""Mutants of checks/rules/tables.py killed as a reviewer reads TBL001 and TBL003: which rows a total
adds up (`Footing._readings`: a 小计's own group, the no-nesting reading first where the nesting is a
guess, the rows an unfinished “其中” list leaves unplaced), when indented rows are held to the row
above them (`Hierarchy.sure`), and how figures are printed (`_decimals`, `_amount`: at the stated
figure's own precision). Tables are invented and built inline; expected values come from the test's
own arithmetic."""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table

HEAD = ["项目", "金额"]
YEARS = ["项目", "上年", "本年"]


def result(code: str, rows: list[list[str]]):  # noqa: ANN201 - checks.runner's result
    """One rule's result on a table whose first row is its header (amounts in 万元)."""
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    table = Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1, unit="万元")
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="table", table=table)])
    return check_document(doc, {code}, Settings())


def where(found: list) -> list[tuple[int | None, int | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated) for f in found]


def addend_rows(finding) -> list[int]:  # noqa: ANN001 - a checks.finding.Finding
    return [a["row"] for a in finding.detail["addends"]]


# ---- figures printed at the stated figure's own precision (_decimals, _amount) --------------------

def test_a_total_at_one_decimal_is_quoted_at_one_decimal() -> None:
    # 合计 10.0 (one place) over 3.25 + 4.25 = 7.50: the message prints 7.5, as the total is printed
    stated, summed = D("10.0"), D("3.25") + D("4.25")
    found = result("TBL001", [HEAD, ["办公费", "3.25"], ["印刷费", "4.25"], ["合计", "10.0"]]).findings
    assert where(found) == [(3, 1, stated)]
    gap = stated - summed
    assert found[0].message == (f"“合计”行“金额”列写作 {stated:.1f}万元，2 个分项之和为 {summed:.1f}万元，二者不一致："
                                f"若分项无误，合计应为 {summed:.1f}万元；若合计无误，分项之和差 {gap:.1f}万元")
    assert found[0].message.count("7.5万元") == 2 and "7.50" not in found[0].message and "10.00" not in found[0].message


def test_a_parent_at_three_decimals_is_quoted_at_three() -> None:
    # 办公经费 本年 35.125 over 12.000 + 20.000 = 32.000 (上年 30.000 = 10.000 + 20.000 confirms the nesting)
    stated, summed = D("35.125"), D("12.000") + D("20.000")
    rows = [YEARS, ["办公经费", "30.000", "35.125"], ["　水电费", "10.000", "12.000"], ["　差旅费", "20.000", "20.000"],
            ["培训经费", "5.000", "5.000"]]
    found = result("TBL003", rows).findings
    assert where(found) == [(1, 2, stated)]
    gap = stated - summed
    assert found[0].message == (f"“办公经费”行“本年”列 {stated:.3f}万元 与其下缩进各行之和 {summed:.3f}万元 不一致："
                                f"若下级各项无误，上级数应为 {summed:.3f}万元；若上级数无误，下级各项之和差 {gap:.3f}万元")


# ---- Hierarchy.sure: indented rows are the parts when they add up in another column ---------------

def indented(parent: tuple[str, str], kids: list[tuple[str, str]], sibling: tuple[str, str] = ("5.00", "5.00"),
             sibling_kids: list[tuple[str, str]] | None = None) -> list[list[str]]:
    rows = [YEARS, ["办公经费", *parent]]
    rows += [[f"　{name}", *values] for name, values in zip(["水电费", "差旅费", "会议费"], kids, strict=False)]
    rows.append(["培训经费", *sibling])
    rows += [[f"　{name}", *values] for name, values in zip(["讲课费", "资料费"], sibling_kids or [], strict=False)]
    return rows


def test_two_indented_rows_confirmed_in_one_column_hold_the_other() -> None:
    # 上年 30.00 = 10.00 + 20.00: the two indented rows are 办公经费's parts; 本年 35.00 ≠ 12.00 + 20.00
    stated, summed = D("35.00"), D("12.00") + D("20.00")
    res = result("TBL003", indented(("30.00", "35.00"), [("10.00", "12.00"), ("20.00", "20.00")]))
    found = res.findings
    assert where(found) == [(1, 2, stated)]
    assert addend_rows(found[0]) == [2, 3]
    assert found[0].detail["exhaustive"] is True
    gap = stated - summed
    assert found[0].message == (f"“办公经费”行“本年”列 {stated:.2f}万元 与其下缩进各行之和 {summed:.2f}万元 不一致："
                                f"若下级各项无误，上级数应为 {summed:.2f}万元；若上级数无误，下级各项之和差 {gap:.2f}万元")
    assert res.coverage.checked == 2  # both columns compared


def test_indented_rows_that_add_up_in_no_column_are_not_held_to_the_row_above() -> None:
    # 上年 31.00 ≠ 10.00 + 20.00 and 本年 35.00 ≠ 12.00 + 20.00: the indented rows may be a partial list
    res = result("TBL003", indented(("31.00", "35.00"), [("10.00", "12.00"), ("20.00", "20.00")]))
    assert res.findings == []
    assert res.coverage.checked == 0


def test_a_single_indented_row_is_not_held_to_the_row_above() -> None:
    # 办公经费 上年 10.00 = its one row's 10.00, 本年 11.00 ≠ 12.00: one indented row may be an example,
    # not the whole; likewise 培训经费 over 差旅费
    rows = [YEARS, ["办公经费", "10.00", "11.00"], ["　水电费", "10.00", "12.00"], ["培训经费", "5.00", "5.00"],
            ["　差旅费", "5.00", "5.00"]]
    res = result("TBL003", rows)
    assert res.findings == []
    assert res.coverage.checked == 0


def test_a_subtotal_is_no_parent_row_of_the_hierarchy_rule() -> None:
    # 小计 31.00 over 10.00 + 20.00 is TBL001's to report (a total row), not TBL003's
    rows = [HEAD, ["办公费", "10.00"], ["印刷费", "20.00"], ["小计", "31.00"], ["水费", "3.00"], ["电费", "5.00"],
            ["小计", "8.00"]]
    res = result("TBL003", rows)
    assert res.findings == []
    assert res.coverage.checked == 0
    assert where(result("TBL001", rows).findings) == [(3, 1, D("31.00"))]


# ---- Footing._readings ---------------------------------------------------------------------------

def test_a_subtotal_heading_its_group_after_a_closed_total_adds_up_the_rows_under_it() -> None:
    # 合计 30.00 closes 办公费 + 印刷费; 小计 9.00 heads 水费 + 电费 = 8.00 below it; 总计 39.00 = 30.00 + 9.00
    stated, summed = D("9.00"), D("3.00") + D("5.00")
    rows = [HEAD, ["办公费", "10.00"], ["印刷费", "20.00"], ["合计", "30.00"], ["小计", "9.00"], ["水费", "3.00"],
            ["电费", "5.00"], ["总计", "39.00"]]
    found = result("TBL001", rows).findings
    assert where(found) == [(4, 1, stated)]
    assert addend_rows(found[0]) == [5, 6]
    gap = stated - summed
    assert found[0].message == (f"“小计”行“金额”列写作 {stated:.2f}万元，2 个分项之和为 {summed:.2f}万元，二者不一致："
                                f"若分项无误，合计应为 {summed:.2f}万元；若合计无误，分项之和差 {gap:.2f}万元")


def test_where_nesting_is_a_guess_and_both_readings_miss_alike_the_flat_one_is_reported() -> None:
    # A类 30.00 = a1 10.00 + a2 20.00 only by its figures. 合计 85.00: the top rows give 30.00 + 40.00 = 70.00,
    # all rows 30.00 + 10.00 + 20.00 + 40.00 = 100.00 — each 15.00 off; no nesting is read first
    top, flat = D("30.00") + D("40.00"), D("30.00") + D("10.00") + D("20.00") + D("40.00")
    stated = D("85.00")
    assert stated - top == flat - stated
    rows = [HEAD, ["A类", "30.00"], ["a1", "10.00"], ["a2", "20.00"], ["B类", "40.00"], ["合计", "85.00"]]
    found = result("TBL001", rows).findings
    assert where(found) == [(5, 1, stated)]
    assert addend_rows(found[0]) == [1, 2, 3, 4]
    assert f"4 个分项之和为 {flat:.2f}万元" in found[0].message


def unfinished(total: str) -> list[list[str]]:
    # “其中：水费” under 办公费 50.00, then 电费 and 培训费: no run of them adds up to 50.00 and no “其他”
    # row ends the list, so where it ends is not written — 电费 and 培训费 have no certain place
    return [HEAD, ["办公费", "50.00"], ["其中：水费", "20.00"], ["电费", "10.00"], ["培训费", "10.00"], ["合计", total]]


def test_a_total_that_adds_up_once_the_unplaced_rows_are_counted_is_read_as_checked() -> None:
    # 合计 70.00 = 办公费 50.00 + 电费 10.00 + 培训费 10.00: the table adds up, nothing is left unread
    assert D("50.00") + D("10.00") + D("10.00") == D("70.00")
    res = result("TBL001", unfinished("70.00"))
    assert res.findings == []
    assert res.coverage.checked == 1
    assert res.coverage.unparsed == 0


def test_a_total_that_no_reading_explains_is_counted_as_not_understood() -> None:
    # 合计 75.00: neither 50.00 nor 70.00; the rows' places are unclear, so no finding, but the total is
    # listed among what could not be read
    res = result("TBL001", unfinished("75.00"))
    assert res.findings == []
    assert res.coverage.unparsed == 1
    assert res.coverage.unparsed_examples == ["合计 75.00"]


# ---- a component cell printed at its own precision, not at the total's (_amount in TBL002) --------

def test_a_wrong_component_cell_is_quoted_at_its_own_one_decimal() -> None:
    # 项目支出 is printed at one place, the other columns at two. 教育支出's 项目支出 210.0 should be
    # 900.00 − 700.00 = 200.00, as its two 款 say (100.0 + 100.0): the finding prints 210.0, 200.0, 10.0
    rows = [["科目名称", "本年支出", "基本支出", "项目支出"],
            ["教育支出", "900.00", "700.00", "210.0"],
            ["普通教育", "500.00", "400.00", "100.0"],
            ["进修及培训", "400.00", "300.00", "100.0"]]
    total, basic, project = D("900.00"), D("700.00"), D("210.0")
    right = total - basic
    gap = total - (basic + project)
    found = result("TBL002", rows).findings
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(1, 3, project, right)]
    assert found[0].message == (
        f"“教育支出”行“项目支出” {project:.1f}万元 与本行“本年支出” {total:.2f}万元 不相容"
        f"（减去其他组成列应为 {right:.1f}万元）：“本年支出”列上下级相加相符，"
        f"而“项目支出”列本行与其下级各行之和恰差 {abs(gap):.1f}万元（即本格的差额），错的是本格，应为 {right:.1f}万元")
