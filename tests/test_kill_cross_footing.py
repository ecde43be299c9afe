"""Mutants of checks/rules/tables.py in TBL002 (cross-footing) killed as a reviewer reads the finding
that names the wrong component cell: a row whose total column does not equal its component columns,
where the columns' sums down the table (a 类 and its 款, a 款 and its 项) show which cell is wrong.
Every figure expected below is worked out here from the table's own figures."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from checks.finding import Finding
from checks.runner import check_document
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.spec import Para, ReportSpec, TableSpec

CAPTION = "表1 支出决算表（单位：万元）"
HEAD = ["科目名称", "本年支出", "基本支出", "项目支出"]


def crossfoot(tmp_path: Path, *tables: list[list[str]]) -> list[Finding]:
    body: list[Para | TableSpec] = [Para("测试报告", "title"), Para(CAPTION)]
    body += [TableSpec(rows=[[c or None for c in row] for row in rows]) for rows in tables]
    path = build_docx(ReportSpec("case", "测试报告", body), tmp_path / "case.docx")
    return check_document(read_document(path), select={"TBL002"}).findings


def at(findings: list[Finding]) -> dict[tuple[int, int | None], Finding]:
    return {(f.location.row, f.location.col): f for f in findings}


def amount(value: Decimal) -> str:
    return f"{value:.2f}万元"


# 教育支出 (a 类) with its two 款; 住房改革支出 (a 款) with its two 项 under the 类 住房保障支出.
# 本年支出 adds up down every group; 项目支出 does not, by exactly one cell's cross-foot gap:
# - 教育支出's own 项目支出 (210.00): its 款 add up to 100.00 + 100.00 = 200.00 and its row gives
#   900.00 − 700.00 = 200.00 — the parent row's cell is wrong, shown by its own sub-rows (本行);
# - 住房公积金's 项目支出 (70.00): its row gives 180.00 − 120.00 = 60.00, and the 款 above it has
#   40.00 + 70.00 = 110.00 ≠ 100.00 — the sub-row's cell is wrong, shown by the row above (上级行).
NAMED = [HEAD,
         ["教育支出", "900.00", "700.00", "210.00"],
         ["普通教育", "500.00", "400.00", "100.00"],
         ["进修及培训", "400.00", "300.00", "100.00"],
         ["住房保障支出", "300.00", "200.00", "100.00"],
         ["住房改革支出", "300.00", "200.00", "100.00"],
         ["住房公积金", "180.00", "120.00", "70.00"],
         ["提租补贴", "120.00", "80.00", "40.00"]]


def test_a_wrong_component_cell_named_by_its_own_sub_rows(tmp_path: Path) -> None:
    found = at(crossfoot(tmp_path, NAMED))
    assert sorted(found) == [(1, 3), (6, 3)]
    f = found[1, 3]
    total, basic, project = Decimal("900.00"), Decimal("700.00"), Decimal("210.00")
    right = total - basic  # 200.00, and the two 款 say so too: 100.00 + 100.00
    assert right == Decimal("100.00") + Decimal("100.00")
    gap = total - (basic + project)  # −10.00: the row adds up to 10.00 more than its total
    assert (f.rule, f.severity, f.stated, f.expected, f.unit) == ("TBL002", "error", project, right, "万元")
    assert f.message == (
        f"“教育支出”行“项目支出” {amount(project)} 与本行“本年支出” {amount(total)} 不相容"
        f"（减去其他组成列应为 {amount(right)}）：“本年支出”列上下级相加相符，"
        f"而“项目支出”列本行与其下级各行之和恰差 {amount(abs(gap))}（即本格的差额），错的是本格，应为 {amount(right)}")
    assert f.detail == {
        "components": [{"col": 2, "header": "基本支出", "value": "700.00"},
                       {"col": 3, "header": "项目支出", "value": "210.00"}],
        "unexplained": "-10.00", "missing_column": False, "from_rows": [],
        "culprit": {"col": 3, "header": "项目支出", "confirmed_by_row": 1, "total_col": 1}}
    assert "210.00" in f.excerpt


def test_a_wrong_component_cell_named_by_the_row_above(tmp_path: Path) -> None:
    f = at(crossfoot(tmp_path, NAMED))[6, 3]
    total, basic, project = Decimal("180.00"), Decimal("120.00"), Decimal("70.00")
    right = total - basic  # 60.00; the 款 above: 100.00 − 40.00 (提租补贴) = 60.00 as well
    assert right == Decimal("100.00") - Decimal("40.00")
    assert (f.stated, f.expected, f.unit) == (project, right, "万元")
    assert f.message == (
        f"“住房公积金”行“项目支出” {amount(project)} 与本行“本年支出” {amount(total)} 不相容"
        f"（减去其他组成列应为 {amount(right)}）：“本年支出”列上下级相加相符，"
        f"而“项目支出”列上级行“住房改革支出”与其下级各行之和恰差 {amount(project - right)}（即本格的差额），"
        f"错的是本格，应为 {amount(right)}")
    assert f.detail["culprit"] == {"col": 3, "header": "项目支出", "confirmed_by_row": 5, "total_col": 1}
    assert f.detail["unexplained"] == "-10.00"


# The same two mistakes where the rows carry only their 科目编码 (no names) and the 基本支出 column
# has no heading: the finding names the row and the column by number as a reader counts them
# (the header row is row 1), never “None” or an empty name.
CODED = [["科目编码", "本年支出", "", "项目支出"],
         ["205", "900.00", "710.00", "200.00"],  # 基本支出 710.00: its 款 give 400.00 + 300.00 = 700.00
         ["20502", "500.00", "400.00", "100.00"],
         ["20503", "400.00", "300.00", "100.00"],
         ["221", "300.00", "200.00", "100.00"],
         ["22102", "300.00", "200.00", "100.00"],
         ["2210201", "180.00", "130.00", "60.00"],  # 基本支出 130.00: 180.00 − 60.00 = 120.00
         ["2210203", "120.00", "80.00", "40.00"]]


def test_a_wrong_cell_of_unnamed_rows_and_an_unheaded_column_is_named_by_number(tmp_path: Path) -> None:
    found = at(crossfoot(tmp_path, CODED))
    assert sorted(found) == [(1, 2), (6, 2)]
    own = found[1, 2]
    assert (own.stated, own.expected) == (Decimal("710.00"), Decimal("900.00") - Decimal("200.00"))
    # grid row 1 is the table's 2nd row, grid column 2 its 3rd column; the message today doubles the
    # word after a number (第2行行, 第3列列), a slip reported separately: both spellings pass here
    assert re.fullmatch(
        r"第2行行?第3列 710\.00万元 与本行“本年支出” 900\.00万元 不相容（减去其他组成列应为 700\.00万元）："
        r"“本年支出”列上下级相加相符，而第3列列?本行与其下级各行之和恰差 10\.00万元（即本格的差额），"
        r"错的是本格，应为 700\.00万元", own.message), own.message
    assert own.detail["culprit"] == {"col": 2, "header": "", "confirmed_by_row": 1, "total_col": 1}
    below = found[6, 2]
    assert (below.stated, below.expected) == (Decimal("130.00"), Decimal("180.00") - Decimal("60.00"))
    assert re.fullmatch(
        r"第7行行?第3列 130\.00万元 与本行“本年支出” 180\.00万元 不相容（减去其他组成列应为 120\.00万元）："
        r"“本年支出”列上下级相加相符，而第3列列?上级行第6行与其下级各行之和恰差 10\.00万元（即本格的差额），"
        r"错的是本格，应为 120\.00万元", below.message), below.message
    assert below.detail["culprit"] == {"col": 2, "header": "", "confirmed_by_row": 5, "total_col": 1}


def test_every_wrong_cell_gets_its_own_fingerprint(tmp_path: Path) -> None:
    """A waiver names one finding by its fingerprint: it must not also hide another wrong cell — one in
    another table of the section with the same row and the same figures under other headings, or with
    the same row, heading and wrong figure but other figures around it."""
    relabelled = [["科目名称", "本年支出", "人员经费", "公用经费"]] + NAMED[1:4]
    other_year = [HEAD,
                  ["教育支出", "800.00", "600.00", "210.00"],
                  ["普通教育", "450.00", "350.00", "100.00"],
                  ["进修及培训", "350.00", "250.00", "100.00"]]
    found = crossfoot(tmp_path, NAMED[:4], relabelled, other_year)
    assert [(f.location.table, f.location.row, f.location.col, f.stated) for f in found] == [
        (0, 1, 3, Decimal("210.00")), (1, 1, 3, Decimal("210.00")), (2, 1, 3, Decimal("210.00"))]
    assert [f.expected for f in found] == [Decimal("200.00")] * 3  # 900 − 700 twice, 800 − 600
    assert len({f.fingerprint for f in found}) == 3
