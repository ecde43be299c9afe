"""Mutants of checks/rules/tables.py killed as a reviewer reads TBL001: which reading of a total's
items is reported and what the finding says (`Footing._total`: the message naming the total row and
the column in force at it, the candidates, the unit, the formula in `detail`, fingerprints that keep
two wrong cells apart, the comparisons counted in the coverage) and which rows a total closes or
opens (`_scope`). Tables are invented and built inline; every expected figure is worked out here
from the table.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table

HEAD = ["项目", "金额"]
YEARS = ["项目", "上年数", "本年数"]


def table(index: int, rows: list[list[str]]) -> Block:
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    return Block(index=index, kind="table",
                 table=Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1, unit="万元"))


def result(*tables: list[list[str]]):  # noqa: ANN201 - checks.runner's result
    """TBL001's result on tables whose first row is their header (amounts in 万元)."""
    doc = Document(file="t.docx", format="docx", blocks=[table(i, rows) for i, rows in enumerate(tables)])
    return check_document(doc, {"TBL001"}, Settings())


def footing(*tables: list[list[str]]) -> list:
    return result(*tables).findings


def where(found: list) -> list[tuple[int | None, int | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated) for f in found]


def addend_rows(finding) -> list[int]:  # noqa: ANN001 - a checks.finding.Finding
    return [a["row"] for a in finding.detail["addends"]]


def message(label: str, column: str, stated: D, summed: D, count: int, places: int = 2) -> str:
    """TBL001's message, as its template words it (amounts in 万元 at `places` places)."""
    gap = abs(stated - summed)
    return (f"“{label}”行{column}写作 {stated:.{places}f}万元，{count} 个分项之和为 {summed:.{places}f}万元，"
            f"二者不一致：若分项无误，合计应为 {summed:.{places}f}万元；若合计无误，分项之和差 {gap:.{places}f}万元")


# ---- the finding: message, unit, candidates, detail ----------------------------------------------

def test_the_finding_names_the_total_row_by_its_own_label() -> None:
    # 支出合计 43.56 where 8.20 + 1.35 + 33.01 = 42.56
    summed = D("8.20") + D("1.35") + D("33.01")
    rows = [HEAD, ["办公费", "8.20"], ["印刷费", "1.35"], ["差旅费", "33.01"], ["支出合计", "43.56"]]
    found = footing(rows)
    assert where(found) == [(4, 1, D("43.56"))]
    f = found[0]
    assert f.message == message("支出合计", "“金额”列", D("43.56"), summed, 3)
    assert f.severity == "error"
    assert f.unit == "万元"
    assert f.expected is None  # which of the total and its items is wrong is not known
    assert addend_rows(f) == [1, 2, 3]
    assert f.detail["formula"] == "合计 = Σ 分项"
    gap = D("43.56") - summed
    assert [(c["text"], c["value"]) for c in f.detail["candidates"]] == [
        (f"若分项无误，合计应为 {summed:.2f}万元", str(summed)), (f"若合计无误，分项之和差 {gap:.2f}万元", None)]


def test_a_total_at_one_decimal_gets_candidates_at_one_decimal() -> None:
    # 合计 12.4 (one place) over 3.2 + 8.1 = 11.3: every figure of the message at one place
    summed = D("3.2") + D("8.1")
    found = footing([HEAD, ["办公费", "3.2"], ["印刷费", "8.1"], ["合计", "12.4"]])
    assert where(found) == [(3, 1, D("12.4"))]
    assert found[0].message == message("合计", "“金额”列", D("12.4"), summed, 2, places=1)
    assert "11.30" not in found[0].message and "1.10" not in found[0].message


def test_the_column_is_named_by_the_body_heading_over_the_total() -> None:
    # a second block under its own heading row (支出项目 | 决算数): its 合计 5.60 where 3.10 + 2.40 = 5.50
    rows = [HEAD, ["办公费", "8.20"], ["印刷费", "1.35"], ["合计", "9.55"],
            ["支出项目", "决算数"], ["差旅费", "3.10"], ["会议费", "2.40"], ["合计", "5.60"]]
    assert D("8.20") + D("1.35") == D("9.55")
    found = footing(rows)
    assert where(found) == [(7, 1, D("5.60"))]
    assert found[0].message == message("合计", "“决算数”列", D("5.60"), D("3.10") + D("2.40"), 2)


# ---- fingerprints: a waiver of one wrong cell must not hide another -------------------------------

def test_two_wrong_columns_of_one_total_row_get_two_fingerprints() -> None:
    # 合计 160.00 in both columns: 上年 50.00 + 100.00 = 150.00, 本年 60.00 + 90.00 = 150.00
    rows = [YEARS, ["办公费", "50.00", "60.00"], ["印刷费", "100.00", "90.00"], ["合计", "160.00", "160.00"]]
    found = footing(rows)
    assert where(found) == [(3, 1, D("160.00")), (3, 2, D("160.00"))]
    assert found[0].fingerprint != found[1].fingerprint


def test_the_same_wrong_total_in_two_tables_gets_two_fingerprints() -> None:
    # both tables' 合计 本年 160.00 where 60.00 + 90.00 = 150.00; their 上年 columns (right) differ
    one = [YEARS, ["办公费", "40.00", "60.00"], ["印刷费", "50.00", "90.00"], ["合计", "90.00", "160.00"]]
    other = [YEARS, ["办公费", "30.00", "60.00"], ["印刷费", "50.00", "90.00"], ["合计", "80.00", "160.00"]]
    assert D("40.00") + D("50.00") == D("90.00") and D("30.00") + D("50.00") == D("80.00")
    found = footing(one, other)
    assert [(f.location.table, f.location.row, f.location.col, f.stated) for f in found] == [
        (0, 3, 2, D("160.00")), (1, 3, 2, D("160.00"))]
    assert found[0].fingerprint != found[1].fingerprint


# ---- the comparisons counted in the coverage ------------------------------------------------------

def test_a_total_that_adds_up_counts_each_column_compared() -> None:
    # 合计 110.00 / 150.00 = 50.00 + 60.00 / 60.00 + 90.00: two comparisons, nothing to report
    res = result([YEARS, ["办公费", "50.00", "60.00"], ["印刷费", "60.00", "90.00"], ["合计", "110.00", "150.00"]])
    assert res.findings == []
    assert (res.coverage.tables, res.coverage.checked) == (1, 2)


def test_a_wrong_total_counts_each_column_compared() -> None:
    # 合计 本年 160.00 where 60.00 + 90.00 = 150.00; 上年 110.00 is right
    res = result([YEARS, ["办公费", "50.00", "60.00"], ["印刷费", "60.00", "90.00"], ["合计", "110.00", "160.00"]])
    assert where(res.findings) == [(3, 2, D("160.00"))]
    assert (res.coverage.tables, res.coverage.checked) == (1, 2)


def test_a_guessed_nesting_that_adds_up_one_way_counts_its_comparisons() -> None:
    # A类 30.00 = a1 10.00 + a2 20.00 by its figures only; 合计 70.00 = A类 + B类 40.00 (the nested
    # reading, tried after the flat one): one column compared, nothing to report
    assert D("10.00") + D("20.00") == D("30.00") and D("30.00") + D("40.00") == D("70.00")
    res = result([HEAD, ["A类", "30.00"], ["a1", "10.00"], ["a2", "20.00"], ["B类", "40.00"], ["合计", "70.00"]])
    assert res.findings == []
    assert res.coverage.checked == 1


def unfinished(total: str) -> list[list[str]]:
    # “其中：水费” under 办公费 50.00, then 电费 and 培训费: no run of them adds up to 50.00 and no “其他”
    # row ends the list, so where it ends is not written — 电费 and 培训费 have no certain place
    return [HEAD, ["办公费", "50.00"], ["其中：水费", "20.00"], ["电费", "10.00"], ["培训费", "10.00"], ["合计", total]]


def test_a_total_that_no_reading_explains_is_listed_as_not_understood() -> None:
    # 合计 75.00: neither 50.00 nor 50.00 + 10.00 + 10.00 = 70.00; the rows' places are unclear, so no
    # finding, but the total row is listed among what could not be read
    res = result(unfinished("75.00"))
    assert res.findings == []
    assert res.coverage.unparsed == 1
    assert res.coverage.unparsed_examples == ["合计 75.00"]


# ---- _scope: the rows a total closes or opens ------------------------------------------------------

def test_an_opening_grand_total_adds_up_the_rows_before_a_lower_total_that_closes_them() -> None:
    # 支出总计 160.00 opens the table; 基本支出 100.00 + 项目支出 50.00 = 150.00, which 本年支出合计 closes
    summed = D("100.00") + D("50.00")
    rows = [HEAD, ["支出总计", "160.00"], ["基本支出", "100.00"], ["项目支出", "50.00"], ["本年支出合计", f"{summed:.2f}"]]
    found = footing(rows)
    assert where(found) == [(1, 1, D("160.00"))]
    assert addend_rows(found[0]) == [2, 3]
    assert found[0].message == message("支出总计", "“金额”列", D("160.00"), summed, 2)


def test_an_opening_total_over_subtotals_that_open_their_groups_adds_up_the_subtotals() -> None:
    # 合计 160.00 opens the table; 办公经费小计 90.00 = 50.00 + 40.00 and 会议经费小计 60.00 = 35.00 + 25.00
    # each head their own rows: 合计's items are the two 小计, 90.00 + 60.00 = 150.00
    assert D("50.00") + D("40.00") == D("90.00") and D("35.00") + D("25.00") == D("60.00")
    summed = D("90.00") + D("60.00")
    rows = [HEAD, ["合计", "160.00"], ["办公经费小计", "90.00"], ["办公费", "50.00"], ["印刷费", "40.00"],
            ["会议经费小计", "60.00"], ["会议费", "35.00"], ["培训费", "25.00"]]
    found = footing(rows)
    assert where(found) == [(1, 1, D("160.00"))]
    assert addend_rows(found[0]) == [2, 5]
    assert found[0].message == message("合计", "“金额”列", D("160.00"), summed, 2)


def test_an_opening_total_is_compared_with_the_rows_indented_under_it_only() -> None:
    # 财政拨款合计 160.00 where its indented rows give 100.00 + 50.00 = 150.00; 事业收入 is outside it;
    # 收入总计 190.00 = 160.00 + 30.00 agrees with it
    summed = D("100.00") + D("50.00")
    assert D("160.00") + D("30.00") == D("190.00")
    rows = [HEAD, ["财政拨款合计", "160.00"], ["　一般公共预算拨款", "100.00"], ["　政府性基金预算拨款", "50.00"],
            ["事业收入", "30.00"], ["收入总计", "190.00"]]
    found = footing(rows)
    assert where(found) == [(1, 1, D("160.00"))]
    assert addend_rows(found[0]) == [2, 3]
    assert found[0].message == message("财政拨款合计", "“金额”列", D("160.00"), summed, 2)


def test_a_closing_total_adds_up_every_row_above_it_indented_or_not() -> None:
    # 收入合计 180.00 = 100.00 + 50.00 + 30.00: the two indented rows at the top are not all it closes
    assert D("100.00") + D("50.00") + D("30.00") == D("180.00")
    rows = [HEAD, ["　一般公共预算拨款", "100.00"], ["　政府性基金预算拨款", "50.00"], ["事业收入", "30.00"],
            ["收入合计", "180.00"]]
    res = result(rows)
    assert res.findings == []
    assert res.coverage.checked == 1


def test_a_total_whose_rows_are_unclear_counts_the_comparisons_of_the_rows_it_surely_has() -> None:
    # “其中：水费” under 办公费, then 电费 and 培训费 with no certain place. 合计 上年 75.00 is neither
    # 50.00 nor 70.00, 本年 60.00 not 50.00 (电费's 本年 is “不适用”, so the reading that counts it cannot
    # be added there): no finding, the row listed as not understood, and both columns of the
    # table's own reading (办公费 alone) counted as compared
    rows = [YEARS, ["办公费", "50.00", "50.00"], ["其中：水费", "20.00", "20.00"], ["电费", "10.00", "不适用"],
            ["培训费", "10.00", "10.00"], ["合计", "75.00", "60.00"]]
    res = result(rows)
    assert res.findings == []
    assert res.coverage.checked == 2
    assert res.coverage.unparsed_examples == ["合计 75.00 60.00"]
