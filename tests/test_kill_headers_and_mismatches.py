"""Mutants killed as a reviewer reads them: how many leading rows of a table with no header row
marked are its header (extractor/tables.py `guess_header_rows`, `_has_header_word`) — the
`header_rows` a reader of the extracted document sees — and which columns of a total row or a
parent row TBL001/TBL003 hold to the sum of their rows (checks/rules/tables.py `_mismatches`):
not shares or rates written as 95% or 9.5‰, not a column whose heading in force at the total row
is an indicator value, every other column after one that cannot be added, each comparison counted
once in the coverage. Tables are invented; every expected figure is worked out here.

Every test reads (or checks) its own document: the mutation run gives a mutated function only the
tests during which it was called.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from checks.runner import check_document
from checks.settings import Settings
from extractor import read_document
from extractor.model import Block, Cell, Document, Table

# ---------------------------------------------------------------- .docx tables with no header row marked

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column


def build_docx(path: Path, rows: list[list[str]], merges: list[Merge] | None = None) -> Path:
    """A report with one ruled table (no row marked 重复标题行); `merges` join cells by hand."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("某局2024年度项目支出绩效自评报告")
    doc.add_paragraph("一、项目支出情况")
    table = doc.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).paragraphs[0].text = text
    for r0, c0, r1, c1 in merges or []:
        table.cell(r0, c0).merge(table.cell(r1, c1)).text = rows[r0][c0]
    doc.add_paragraph("以上为本部分情况。")
    doc.save(str(path))
    return path


def read_table(path: Path) -> Table:
    tables = [b.table for b in read_document(path).blocks if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0]
    assert table is not None
    return table


def test_a_key_value_form_has_no_header_row(tmp_path: Path) -> None:
    # the head of a 自评表: names and values side by side. In row 0 only 项目名称 is a heading word
    # (1 of 4 cells, under half), so the form has no header row; the figures in row 2 are body.
    rows = [["项目名称", "农村道路养护", "主管部门", "县交通局"],
            ["实施单位", "县公路站", "项目负责人", "李某"],
            ["资金总额", "120.00", "执行数", "118.50"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert table.header_rows == 0
    assert table.rows_text()[0] == rows[0]


def test_a_header_of_three_labels_one_a_heading_word(tmp_path: Path) -> None:
    # 项目名称 | 负责人 | 进展: one heading word among three labels is half of them (3 // 2 = 1);
    # the rows under it name no heading word, so the header is the first row alone
    rows = [["项目名称", "负责人", "进展"], ["道路养护", "李某", "已完工"], ["桥梁检修", "王某", "进行中"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert table.header_rows == 1


def test_a_table_of_labels_has_at_most_four_header_rows(tmp_path: Path) -> None:
    # six rows of labels, every one with a heading word in each cell: no more than 4 leading rows
    # are taken for the header
    rows = [["指标类别", "指标名称", "指标内容"],
            ["产出指标", "数量指标", "完成培训项目"],
            ["产出指标", "质量指标", "培训合格率达标"],
            ["效益指标", "社会效益指标", "群众满意度提升"],
            ["满意度指标", "服务对象满意度", "满意度调查完成"],
            ["备注", "说明", "以上指标均完成"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert table.header_rows == 4
    assert table.n_rows == 6


def test_a_table_of_its_header_row_alone(tmp_path: Path) -> None:
    rows = [["项目名称", "预算数（万元）", "执行数（万元）"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert (table.n_rows, table.header_rows) == (1, 1)


def test_a_lone_label_over_blank_cells_is_no_header(tmp_path: Path) -> None:
    # “项目支出” with two blank cells beside it: one label, not a row of column headings
    rows = [["项目支出", "", ""], ["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"], ["合计", "5.00", "4.80"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert table.header_rows == 0


def test_a_first_row_with_an_amount_and_its_note_is_body(tmp_path: Path) -> None:
    # 12.00（当年下达） is an amount with a note, not a heading (though 当年 holds 年)
    rows = [["项目资金", "12.00（当年下达）"], ["其中：设备购置", "8.00"], ["安装调试", "4.00"]]
    table = read_table(build_docx(tmp_path / "t.docx", rows))
    assert table.header_rows == 0


TWO_LEVEL = [["项目", "本年支出", "本年支出", "本年支出"],
             ["项目", "小计", "基本支出", "项目支出"],
             ["办公费", "10.00", "6.00", "4.00"],
             ["差旅费", "5.00", "3.00", "2.00"],
             ["合计", "16.00", "9.00", "6.00"]]


def test_a_two_level_header_held_together_by_its_merged_first_cell(tmp_path: Path) -> None:
    # row 1 begins with 小计 (a sub-heading, read as no header row by itself), but 项目 is merged
    # over rows 0–1: the header is both rows (the column is named by both levels), and the footing
    # finds 合计's 小计 16.00 ≠ 10.00 + 5.00 (the document declares no unit)
    path = build_docx(tmp_path / "t.docx", TWO_LEVEL, merges=[(0, 1, 0, 3), (0, 0, 1, 0)])
    doc = read_document(path)
    table = next(b.table for b in doc.blocks if b.kind == "table")
    assert table is not None and table.header_rows == 2
    found = [f for f in check_document(doc, {"TBL001"}, Settings()).findings]
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(4, 1, D("16.00"))]
    summed = D("10.00") + D("5.00")
    assert found[0].message == (
        f"“合计”行“本年支出小计”列写作 16.00，2 个分项之和为 {summed}，二者不一致："
        f"若分项无误，合计应为 {summed}；若合计无误，分项之和差 {D('16.00') - summed}")


# ---------------------------------------------------------------- TBL001 / TBL003: which columns are footed


def block(rows: list[list[str]], header_rows: int = 1) -> Block:
    cells = [Cell(row=i, col=j, text=text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    return Block(index=0, kind="table", table=Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells,
                                                     header_rows=header_rows, unit="万元"))


def check(rows: list[list[str]], codes: set[str]) -> Any:  # noqa: ANN401 - checks.runner's result
    return check_document(Document(file="t.docx", format="docx", blocks=[block(rows)]), codes, Settings())


@pytest.mark.parametrize("rates", [["95%", "90%", "92%"], ["9.5‰", "9.0‰", "9.2‰"]], ids=["percent", "permille"])
def test_rates_written_beside_amounts_are_not_footed(rates: list[str]) -> None:
    # a column headed 执行情况 (no unit of its own) holding rates: 95% + 90% is no 合计 of 92%;
    # the 预算数 column adds up (10.00 + 20.00 = 30.00) and is the one comparison made
    rows = [["项目", "预算数", "执行情况"],
            ["办公费", "10.00", rates[0]],
            ["差旅费", "20.00", rates[1]],
            ["合计", "30.00", rates[2]]]
    res = check(rows, {"TBL001"})
    assert res.findings == []
    assert res.coverage.checked == 1


def test_a_column_with_nothing_to_add_does_not_stop_the_next() -> None:
    # 上年数: a new item, nothing last year (dashes), 合计 0.00 — no comparison; 本年数 is still
    # footed: 10.00 + 20.00 = 30.00, stated 35.00
    rows = [["项目", "上年数", "本年数"],
            ["办公费", "—", "10.00"],
            ["差旅费", "—", "20.00"],
            ["合计", "0.00", "35.00"]]
    res = check(rows, {"TBL001"})
    assert [(f.location.row, f.location.col, f.stated) for f in res.findings] == [(3, 2, D("35.00"))]
    assert res.coverage.checked == 1


def test_an_indicator_block_under_its_own_heading_is_not_footed() -> None:
    # a money block (30.00 + 12.00 = 42.00, right), then the heading row 产出指标 | 指标值 and a
    # 小计 of indicator values in different units (6 台 + 14 个 is no 25): that column is not an
    # amount at that row, so nothing is wrong
    rows = [["项目", "金额"],
            ["设备购置", "30.00"],
            ["安装调试", "12.00"],
            ["合计", "42.00"],
            ["产出指标", "指标值"],
            ["新增设备（台）", "6"],
            ["调试点位（个）", "14"],
            ["小计", "25"]]
    assert check(rows, {"TBL001"}).findings == []


def test_an_amount_block_under_its_own_heading_is_footed() -> None:
    # unit prices first (单价: not added up, their 合计 5.00 is not checked), then a heading row
    # 项目名称 | 金额 and amounts whose 合计 45.00 is not 30.00 + 12.00 = 42.00
    rows = [["项目", "单价"],
            ["设备A", "3.00"],
            ["设备B", "2.00"],
            ["合计", "5.00"],
            ["项目名称", "金额"],
            ["设备购置", "30.00"],
            ["安装调试", "12.00"],
            ["合计", "45.00"]]
    found = check(rows, {"TBL001"}).findings
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(7, 1, D("45.00"))]
    assert found[0].message.startswith("“合计”行“金额”列写作 45.00万元，2 个分项之和为 42.00万元")


def test_parent_rows_each_counted_once_in_the_coverage() -> None:
    # 201 = 20101 + 20102 is 40.00, not 50.00; 205 = 20501 (10.00) is right: two comparisons
    rows = [["科目编码", "科目名称", "金额"],
            ["201", "一般公共服务支出", "50.00"],
            ["20101", "人大事务", "20.00"],
            ["20102", "政协事务", "20.00"],
            ["205", "教育支出", "10.00"],
            ["20501", "教育管理事务", "10.00"]]
    res = check(rows, {"TBL003"})
    assert [(f.rule, f.location.row, f.location.col, f.stated) for f in res.findings] == [("TBL003", 1, 2, D("50.00"))]
    assert res.coverage.checked == 2
