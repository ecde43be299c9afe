"""Mutants of checks/rules/tables.py killed as a reviewer reads TBL001: which rows a total that opens
its block adds up (`_own_rows`: the rows indented under it, or, without indentation, the first rows
that add up to it when the rows after them add up with it to the total that follows) and how the
finding names the column (`_column`: the heading in force at the total's row, or 第N列 without one).
Tables are invented and built inline; every expected figure is worked out here from the table.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table

HEAD = ["项目", "金额"]


def footing(rows: list[list[str]]) -> list:
    """TBL001's findings on a table whose first row is its header (amounts in 万元)."""
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    table = Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1, unit="万元")
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="table", table=table)])
    return check_document(doc, {"TBL001"}, Settings()).findings


def where(found: list) -> list[tuple[int | None, int | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated) for f in found]


def addend_rows(finding) -> list[int]:  # noqa: ANN001 - a checks.finding.Finding
    return [a["row"] for a in finding.detail["addends"]]


def message(label: str, column: str, stated: D, summed: D, count: int) -> str:
    """TBL001's message, as its template words it (amounts in 万元 at two places)."""
    gap = abs(stated - summed)
    return (f"“{label}”行{column}写作 {stated:.2f}万元，{count} 个分项之和为 {summed:.2f}万元，二者不一致："
            f"若分项无误，合计应为 {summed:.2f}万元；若合计无误，分项之和差 {gap:.2f}万元")


# ---- a total that opens its block, its rows indented under it ------------------------------------

def indented(total: str, grand: str) -> list[list[str]]:
    # 财政拨款合计 opens the table; its two rows are indented under it; 事业收入 is back at its level,
    # outside it; 收入总计 closes 财政拨款合计 and 事业收入
    return [HEAD, ["财政拨款合计", total], ["　一般公共预算拨款", "100.00"], ["　政府性基金预算拨款", "50.00"],
            ["事业收入", "30.00"], ["收入总计", grand]]


def test_an_opening_total_adds_up_only_the_rows_indented_under_it() -> None:
    own = D("100.00") + D("50.00")  # 150.00, without 事业收入
    assert footing(indented(f"{own:.2f}", f"{own + D('30.00'):.2f}")) == []


def test_a_wrong_opening_total_is_compared_with_its_indented_rows_only() -> None:
    # 财政拨款合计 160.00 where its rows give 150.00; 收入总计 190.00 = 160.00 + 30.00 agrees with it
    stated, own = D("160.00"), D("100.00") + D("50.00")
    found = footing(indented(f"{stated:.2f}", f"{stated + D('30.00'):.2f}"))
    assert where(found) == [(1, 1, stated)]
    assert addend_rows(found[0]) == [2, 3]
    assert found[0].message == message("财政拨款合计", "“金额”列", stated, own, 2)


# ---- no indentation: the rows that the total that follows confirms --------------------------------

def flat(total: str, first: str, rows: list[tuple[str, str]], grand: str, grand_label: str = "收入总计") -> list[list[str]]:
    return [HEAD, [total, first], *[[label, value] for label, value in rows], [grand_label, grand]]


def test_an_opening_total_stops_where_the_rows_after_it_add_up_with_it_to_the_grand_total() -> None:
    # 150.00 = 100.00 + 50.00, and 收入总计 180.00 = 150.00 + 30.00: 事业收入 is not one of its rows
    assert D("100.00") + D("50.00") == D("150.00") and D("150.00") + D("30.00") == D("180.00")
    rows = [("一般公共预算拨款", "100.00"), ("政府性基金预算拨款", "50.00"), ("事业收入", "30.00")]
    assert footing(flat("财政拨款合计", "150.00", rows, "180.00")) == []


def test_an_opening_total_of_a_single_row() -> None:
    # 财政拨款合计 100.00 is its one row; 收入总计 130.00 = 100.00 + 30.00
    assert D("100.00") + D("30.00") == D("130.00")
    rows = [("一般公共预算拨款", "100.00"), ("事业收入", "30.00")]
    assert footing(flat("财政拨款合计", "100.00", rows, "130.00")) == []


def test_a_wrong_grand_total_is_still_reported() -> None:
    # 收入总计 230.00 where 150.00 + 30.00 = 180.00: it matches no reading of the table (230.00 is only
    # 财政拨款合计 with 政府性基金 counted twice), so the 总计 row must be reported
    rows = [("一般公共预算拨款", "100.00"), ("政府性基金预算拨款", "50.00"), ("事业收入", "30.00")]
    found = footing(flat("财政拨款合计", "150.00", rows, "230.00"))
    assert (5, 1, D("230.00")) in where(found)


def test_a_total_repeated_at_the_foot_of_the_same_rows_is_no_grand_total() -> None:
    # 合计 at the head and 合计 at the foot of the same three rows: the one at the head (150.00) left out
    # 事业收入; the one at the foot (180.00) is right. A 合计 is not the total of another 合计.
    rows = [("一般公共预算拨款", "100.00"), ("政府性基金预算拨款", "50.00"), ("事业收入", "30.00")]
    summed = D("100.00") + D("50.00") + D("30.00")
    found = footing(flat("合计", "150.00", rows, f"{summed:.2f}", grand_label="合计"))
    assert where(found) == [(1, 1, D("150.00"))]
    assert addend_rows(found[0]) == [2, 3, 4]
    assert found[0].message == message("合计", "“金额”列", D("150.00"), summed, 3)


def test_a_zero_row_that_adds_up_with_the_total_is_one_of_its_rows() -> None:
    # 国有资本经营预算拨款 is 0.00 this year, so 财政拨款合计 adds up with or without it (150.00), and
    # 收入总计 = 财政拨款合计. Last year's column (一般公共预算 not filled in) is off: 25.00 stated where
    # its rows give 10.00 + 0.00 — and both of those rows are the 合计's items.
    rows = [["项目", "本年数", "上年数"], ["财政拨款合计", "150.00", "25.00"],
            ["一般公共预算拨款", "100.00", "—"], ["政府性基金预算拨款", "50.00", "10.00"],
            ["国有资本经营预算拨款", "0.00", "0.00"], ["收入总计", "150.00", "25.00"]]
    summed = D("10.00") + D("0.00")
    found = footing(rows)
    assert where(found) == [(1, 2, D("25.00"))]
    assert addend_rows(found[0]) == [3, 4]
    assert found[0].message == message("财政拨款合计", "“上年数”列", D("25.00"), summed, 2)


def test_a_grand_total_opening_the_table_over_totals() -> None:
    # 支出总计 300.00 = 本年支出合计 280.00 + 年末结转和结余 20.00: no row is wrong
    assert D("280.00") + D("20.00") == D("300.00")
    rows = [HEAD, ["支出总计", "300.00"], ["本年支出合计", "280.00"], ["年末结转和结余", "20.00"]]
    assert footing(rows) == []


# ---- the column a finding names -----------------------------------------------------------------

def test_the_column_is_named_by_the_heading_above_the_total() -> None:
    # a second block under its own heading row (支出项目 | 决算数): its 合计 5.60 where 3.10 + 2.40 = 5.50
    rows = [HEAD, ["办公费", "8.20"], ["印刷费", "1.35"], ["合计", "9.55"],
            ["支出项目", "决算数"], ["差旅费", "3.10"], ["会议费", "2.40"], ["合计", "5.60"]]
    summed = D("3.10") + D("2.40")
    assert D("8.20") + D("1.35") == D("9.55")
    found = footing(rows)
    assert where(found) == [(7, 1, D("5.60"))]
    assert found[0].message == message("合计", "“决算数”列", D("5.60"), summed, 2)


def test_a_column_without_a_heading_is_named_by_its_place() -> None:
    # the third column has no heading: 合计 9.40 where 8.00 + 1.30 = 9.30
    rows = [["项目", "预算数", ""], ["办公费", "8.20", "8.00"], ["印刷费", "1.35", "1.30"], ["合计", "9.55", "9.40"]]
    summed = D("8.00") + D("1.30")
    found = footing(rows)
    assert where(found) == [(3, 2, D("9.40"))]
    assert found[0].message == message("合计", "第3列", D("9.40"), summed, 2)
