"""Mutants of extractor/tables.py's joining of a table split in two (`glue`, `same_columns`,
`_is_broken_row`, `is_continuation_caption`, `regrid`) killed through what a reader of the report
sees: the rows, cells, header, unit, caption and pages of the table read, and the footing finding
(TBL001) on it. Expected values are the test's own arithmetic.

Invented documents, one small one per case, all built once for the module:
- PDFs drawn line by line with reportlab's canvas: a table at the foot of page 1 that goes on at
  the top of page 2 (where the page may cut a row in two);
- .docx files built with python-docx: tables split by hand (a 续表 caption, a page break, or nothing
  between) that are one table, and tables that only look alike.
Every test reads its own document: the mutation run runs, for a mutant, only the tests that called
the mutated function, and a document read once for the module is read within its first test only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from checks.runner import Result, check_document
from extractor import read_document
from extractor.model import Block
from extractor.text import squash
from fixtures.build_pdf import FONT, _register
from tests.builders import ruled_grid, settled

# ---------------------------------------------------------------- PDF: a table over the page

PAGE_H = 841.89  # A4
ROW = 22
FOOT = 680  # where a table of four rows at the foot of page 1 starts (points from the top)
XS = [60, 130, 260, 370, 480]  # four columns

Rows = list[list[str | None]]
Merges = list[tuple[int, int, int, int]]  # row, col, rowspan, colspan


_grid = ruled_grid


def _line(c: Any, top: float, text: str, size: float = 12) -> float:
    c.setFont(FONT, size)
    c.drawString(60, PAGE_H - top - size, text)
    return top + 1.8 * size


@dataclass
class OverThePage:
    first: Rows  # at the foot of page 1
    second: Rows  # at the top of page 2
    first_merges: Merges = field(default_factory=list)
    second_merges: Merges = field(default_factory=list)
    first_xs: list[float] = field(default_factory=lambda: XS)


def build_pdf(path: Path, case: OverThePage) -> Path:
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=(595.28, PAGE_H))
    y = _line(c, 72, "一、项目支出情况")
    _line(c, y, "本部分情况见下表。")
    _grid(c, FOOT - ROW * (len(case.first) - 4), case.first_xs, case.first, case.first_merges)
    c.showPage()
    y = _grid(c, 72, XS, case.second, case.second_merges)
    _line(c, y + 20, "以上为本部分情况。")
    c.showPage()
    c.save()
    return path


PDF_HEAD = ["类别", "支出项目", "预算数（万元）", "执行数（万元）"]
PDF_CASES = {
    # the page cuts the row 运行类 | 设备购置 | 20.00 | 18.00 after 设备购置; on page 2 the rest of
    # 运行类 (a cell over two rows, blank there) and “及安装调试”; 执行数 合计 written 28.03
    "cut_row": OverThePage(
        [PDF_HEAD, ["办公类", "办公设备", "8.00", "7.50"], ["运行类", "设备购置", "20.00", "18.00"]],
        [["", "及安装调试", "", ""], [None, "设备维护", "3.00", "2.80"], ["合计", None, "31.00", "28.03"]],
        second_merges=[(0, 0, 2, 1), (2, 0, 1, 2)]),
    # the same, with the header repeated at the top of page 2 (Word's 重复标题行)
    "cut_row_under_header": OverThePage(
        [PDF_HEAD, ["办公类", "办公设备", "8.00", "7.50"], ["运行类", "线路改造", "20.00", "18.00"]],
        [PDF_HEAD, ["", "及布线调试", "", ""], [None, "设备维护", "3.00", "2.80"], ["合计", None, "31.00", "28.03"]],
        second_merges=[(1, 0, 2, 1), (3, 0, 1, 2)]),
    # page 1 ends in an item of a 类别 (its 类别 cell blank); page 2 opens with the next 类别's own
    # row, which fills only the 类别 column
    "category_row": OverThePage(
        [PDF_HEAD, ["养护类", "", "", ""], ["", "苗木补植", "6.00", "5.80"]],
        [["防治类", "", "", ""], ["", "病虫防治", "2.00", "2.00"], ["合计", None, "8.00", "7.80"]],
        second_merges=[(2, 0, 1, 2)]),
    # an indicator table: page 2 opens with a new 一级指标 over two rows, its 完成值 not filled in
    "merged_label": OverThePage(
        [["一级指标", "二级指标", "三级指标", "完成值"], ["产出指标", "数量指标", "维修道路长度（公里）", "12.50"],
         [None, "质量指标", "验收合格率", "100%"]],
        [["效益指标", "社会效益指标", "群众出行条件", ""], [None, "满意度指标", "群众满意度", "95%"]],
        first_merges=[(1, 0, 2, 1)], second_merges=[(0, 0, 2, 1)]),
    # a form's head at the foot of page 1 whose narrow strip has both its lines within 4 points of
    # one line (130) of the table on page 2: it cannot be laid on that table's columns
    "strip_head": OverThePage(
        [["项目名称", "", "公园日常维护"], ["主管部门", "", "县园林局"]],
        [PDF_HEAD, ["养护类", "苗木补植", "6.00", "5.80"]], first_xs=[60, 126.5, 133.5, 480]),
}


# ---------------------------------------------------------------- .docx: tables split by hand

HEAD = ["项目名称", "预算数（万元）", "执行数（万元）"]
WIDTHS = [2400, 2000, 2000]  # twips: the columns 120, 100 and 100 points wide
PAGE = object()  # a paragraph holding a page break


@dataclass
class T:
    """A table; `header`: its first row marked as a header row (重复标题行); `short_last`: its last
    row has one cell less than the others (nothing under the last column)."""

    rows: list[list[str]]
    header: bool = False
    widths: list[int] = field(default_factory=lambda: WIDTHS)
    short_last: bool = False


def _table(doc: Any, t: T) -> None:
    from docx.oxml.ns import qn

    table = doc.add_table(rows=len(t.rows), cols=len(t.widths))
    table.style = "Table Grid"
    for r, row in enumerate(t.rows):
        for k, text in enumerate(row):
            table.cell(r, k).paragraphs[0].text = text
    if t.header:
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), t.widths, strict=True):
        col.set(qn("w:w"), str(w))
    if t.short_last:
        tr = table.rows[-1]._tr
        tr.remove(tr.findall(qn("w:tc"))[-1])


def build_docx(path: Path, items: list[Any]) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    doc.add_paragraph("某局2024年度项目支出绩效自评报告")
    doc.add_paragraph("一、项目支出情况")
    for item in items:
        if isinstance(item, T):
            _table(doc, item)
        elif item is PAGE:
            doc.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
        else:
            doc.add_paragraph(item)
    doc.add_paragraph("以上为本部分情况。")
    doc.save(str(path))
    return path


# 表8 + a name + （续表）: 40 characters, the longest caption read as one
LONG_CAPTION = "表8" + "县城区道路维修及排水管网改造工程项目年度资金预算执行明细情况统计汇总" + "（续表）"
CONTINUED = {  # under a caption of one character; of 40; a column 4 points narrower than above
    "one_character": ("续", [["场地费", "2.00", "2.00"], ["资料费", "1.00", "0.90"], ["餐费", "1.50", "1.40"]],
                      "4.03", WIDTHS),
    "forty_characters": (LONG_CAPTION, [["路面修补", "12.00", "11.50"], ["排水改造", "8.00", "8.00"],
                                        ["路灯维修", "2.00", "1.90"]], "21.04", WIDTHS),
    "four_points": ("续表", [["办公设备", "8.00", "7.50"], ["网络设备", "4.00", "4.00"], ["安装调试", "1.00", "1.00"]],
                    "12.05", [2400, 1920, 2080]),
}


def _continued(caption: str, items: list[list[str]], stated: str, widths: list[int]) -> list[Any]:
    """Two items, the caption, then the third item and the total: 预算数 right, 执行数 `stated`."""
    total = ["合计", str(sum(Decimal(r[1]) for r in items)), stated]
    return [T([HEAD, *items[:2]], header=True), caption, T([items[2], total], widths=widths)]


DOCX_CASES: dict[str, list[Any]] = {
    # a caption, then 续表 and the header repeated; 预算数 合计 9.08
    "caption": ["表1 项目支出明细表", T([HEAD, ["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"]], header=True),
                "续表", T([HEAD, ["差旅费", "4.80", "4.50"], ["合计", "9.08", "9.30"]], header=True)],
    # the unit in a line over the first part only; 合计 17.53
    "unit": ["表2 资金来源表", "单位：万元",
             T([["资金来源", "金额"], ["财政拨款", "12.00"], ["专项补助", "3.00"]], header=True, widths=[3000, 3000]),
             "续表", T([["资金来源", "金额"], ["上年结转", "2.35"], ["合计", "17.53"]], header=True, widths=[3000, 3000])],
    # the first part's last row has no cell under 执行数
    "short_row": [T([HEAD, ["师资费", "3.00", "2.80"], ["场地费", "2.00"]], header=True, short_last=True),
                  "续表", T([HEAD, ["资料费", "1.50", "1.50"], ["合计", "6.50", "4.30"]], header=True)],
    # a table, then right under it a table of two columns
    "two_columns": [T([HEAD, ["宣传册", "3.00", "2.80"], ["合计", "3.00", "2.80"]], header=True), "",
                    T([["其他收入", "1.00"], ["利息收入", "0.20"]], widths=[3000, 3000])],
    # the header alone at the foot of a page, the body after a page break
    "header_alone": [T([HEAD], header=True), PAGE,
                     T([["市内交通", "1.20", "1.10"], ["住宿费", "2.40", "2.40"], ["合计", "3.60", "3.05"]])],
    # two tables without a header, one right under the other
    "no_header": [T([["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"]]), "",
                  T([["差旅费", "4.80", "4.50"], ["培训费", "3.05", "2.95"], ["合计", "7.85", "7.45"]])],
    **{name: _continued(*case) for name, case in CONTINUED.items()},
    # right under a table, another whose second column is 4.5 points narrower
    "other_widths": [T([HEAD, ["保洁费", "6.00", "6.00"], ["安保费", "5.00", "5.00"]], header=True), "",
                     T([["培训人次", "300", "285"], ["培训期数", "6", "6"]], widths=[2400, 1910, 2090])],
    # a table, then right under it a table of no row
    "no_row": [T([HEAD, ["展板制作", "1.00", "1.00"]], header=True), "", T([])],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("glue")
    out = {name: build_pdf(folder / f"{name}.pdf", case) for name, case in PDF_CASES.items()}
    out |= {name: build_docx(folder / f"{name}.docx", items) for name, items in DOCX_CASES.items()}
    return out


def read(built: dict[str, Path], name: str) -> tuple[list[Block], Result]:
    """The document's tables, and what the checks find in it."""
    doc = read_document(built[name])
    return [b for b in doc.blocks if b.table is not None], check_document(doc)


def cells(block: Block) -> list[tuple[int, int, int, int, str]]:
    assert block.table is not None
    return sorted((c.row, c.col, c.rowspan, c.colspan, squash(c.text)) for c in block.table.cells)


def rows(block: Block) -> list[list[str]]:
    assert block.table is not None
    return [[squash(t) for t in row] for row in block.table.rows_text()]


Place = tuple[int | None, int | None, int | None, Decimal | None, Decimal | None, str | None]


def footing(result: Result, block: Block) -> list[Place]:
    """TBL001 on the table: (row, col, page, stated, the sum it computes, unit)."""
    return [(f.location.row, f.location.col, f.location.page, f.stated, settled(f), f.unit) for f in result.findings
            if f.rule == "TBL001" and f.location.block == block.index]


# ------------------------------------------------------------------ PDF: a table over the page


def test_a_row_cut_by_the_page_is_one_row_and_keeps_its_pages(built: dict[str, Path]) -> None:
    [table], result = read(built, "cut_row")
    assert table.table is not None and table.pages == [1, 2]
    assert rows(table) == [PDF_HEAD, ["办公类", "办公设备", "8.00", "7.50"],
                           ["运行类", "设备购置及安装调试", "20.00", "18.00"], ["运行类", "设备维护", "3.00", "2.80"],
                           ["合计", "合计", "31.00", "28.03"]]
    # 运行类 goes on over the rest of its cell on page 2: two rows; the other cells of the cut row, one
    assert cells(table)[8:15] == [(2, 0, 2, 1, "运行类"), (2, 1, 1, 1, "设备购置及安装调试"), (2, 2, 1, 1, "20.00"),
                                  (2, 3, 1, 1, "18.00"), (3, 1, 1, 1, "设备维护"), (3, 2, 1, 1, "3.00"),
                                  (3, 3, 1, 1, "2.80")]
    # rows 0–2 start on page 1 (the cut row too), rows 3–4 on page 2: the wrong total is shown on page 2
    assert table.table.row_pages == [1, 1, 1, 2, 2]
    assert footing(result, table) == [(4, 3, 2, Decimal("28.03"), Decimal("7.50") + Decimal("18.00") + Decimal("2.80"),
                                       "万元")]


def test_a_cut_row_under_a_repeated_header_is_one_row(built: dict[str, Path]) -> None:
    [table], result = read(built, "cut_row_under_header")
    assert table.table is not None and table.pages == [1, 2]
    assert rows(table) == [PDF_HEAD, ["办公类", "办公设备", "8.00", "7.50"],
                           ["运行类", "线路改造及布线调试", "20.00", "18.00"], ["运行类", "设备维护", "3.00", "2.80"],
                           ["合计", "合计", "31.00", "28.03"]]
    assert table.table.row_pages == [1, 1, 1, 2, 2]  # the repeated header and the cut row's rest take no row
    assert footing(result, table) == [(4, 3, 2, Decimal("28.03"), Decimal("7.50") + Decimal("18.00") + Decimal("2.80"),
                                       "万元")]


def test_a_row_filling_a_column_the_last_row_left_blank_is_a_new_row(built: dict[str, Path]) -> None:
    [table], result = read(built, "category_row")
    assert table.table is not None and table.table.row_pages == [1, 1, 1, 2, 2, 2]
    assert rows(table) == [PDF_HEAD, ["养护类", "", "", ""], ["", "苗木补植", "6.00", "5.80"],
                           ["防治类", "", "", ""], ["", "病虫防治", "2.00", "2.00"], ["合计", "合计", "8.00", "7.80"]]
    assert footing(result, table) == []  # 6.00 + 2.00 = 8.00; 5.80 + 2.00 = 7.80


def test_a_new_merged_label_at_the_top_of_the_page_starts_a_new_row(built: dict[str, Path]) -> None:
    [table], _ = read(built, "merged_label")
    assert table.table is not None and table.table.row_pages == [1, 1, 1, 2, 2]
    assert cells(table)[4:] == [(1, 0, 2, 1, "产出指标"), (1, 1, 1, 1, "数量指标"), (1, 2, 1, 1, "维修道路长度（公里）"),
                                (1, 3, 1, 1, "12.50"), (2, 1, 1, 1, "质量指标"), (2, 2, 1, 1, "验收合格率"),
                                (2, 3, 1, 1, "100%"), (3, 0, 2, 1, "效益指标"), (3, 1, 1, 1, "社会效益指标"),
                                (3, 2, 1, 1, "群众出行条件"), (3, 3, 1, 1, ""), (4, 1, 1, 1, "满意度指标"),
                                (4, 2, 1, 1, "群众满意度"), (4, 3, 1, 1, "95%")]


def test_a_head_with_two_lines_on_one_line_below_is_not_laid_over_it(built: dict[str, Path]) -> None:
    (head, body), _ = read(built, "strip_head")
    assert (rows(head), head.pages) == ([["项目名称", "", "公园日常维护"], ["主管部门", "", "县园林局"]], [1])
    assert (rows(body), body.pages) == ([PDF_HEAD, ["养护类", "苗木补植", "6.00", "5.80"]], [2])


# ------------------------------------------------------------------ .docx: split by hand


def test_a_continued_table_keeps_its_caption_and_header(built: dict[str, Path]) -> None:
    [table], result = read(built, "caption")
    assert table.table is not None
    assert (table.table.caption, table.table.header_rows) == ("表1 项目支出明细表", 1)
    assert rows(table) == [HEAD, ["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"], ["差旅费", "4.80", "4.50"],
                           ["合计", "9.08", "9.30"]]
    # 预算数 is in 万元 by its header: 3.00 + 2.00 + 4.80
    assert footing(result, table) == [(4, 1, None, Decimal("9.08"), Decimal("3.00") + Decimal("2.00") + Decimal("4.80"),
                                       "万元")]


def test_a_continued_table_keeps_the_unit_declared_over_its_first_part(built: dict[str, Path]) -> None:
    [table], result = read(built, "unit")
    assert table.table is not None and table.table.unit == "万元"
    summed = Decimal("12.00") + Decimal("3.00") + Decimal("2.35")
    assert footing(result, table) == [(4, 1, None, Decimal("17.53"), summed, "万元")]
    [finding] = result.findings
    gap = Decimal("17.53") - summed  # the total is 0.18 over its parts
    assert finding.message == (f"“合计”行“金额”列写作 17.53万元，3 个分项之和为 {summed}万元，二者不一致："
                               f"若分项无误，合计应为 {summed}万元；若合计无误，分项之和差 {gap}万元")


def test_a_first_part_whose_last_row_is_short_is_continued(built: dict[str, Path]) -> None:
    [table], result = read(built, "short_row")
    assert rows(table) == [HEAD, ["师资费", "3.00", "2.80"], ["场地费", "2.00", ""], ["资料费", "1.50", "1.50"],
                           ["合计", "6.50", "4.30"]]
    assert footing(result, table) == []  # 3.00 + 2.00 + 1.50 = 6.50; 2.80 + 1.50 = 4.30


def test_a_table_of_other_columns_under_a_table_stays_its_own(built: dict[str, Path]) -> None:
    (first, second), result = read(built, "two_columns")
    assert rows(first) == [HEAD, ["宣传册", "3.00", "2.80"], ["合计", "3.00", "2.80"]]
    assert rows(second) == [["其他收入", "1.00"], ["利息收入", "0.20"]]
    assert result.findings == []


def test_a_header_alone_before_a_page_break_heads_the_body_after_it(built: dict[str, Path]) -> None:
    [table], result = read(built, "header_alone")
    assert table.table is not None and table.table.header_rows == 1
    assert rows(table) == [HEAD, ["市内交通", "1.20", "1.10"], ["住宿费", "2.40", "2.40"], ["合计", "3.60", "3.05"]]
    assert footing(result, table) == [(3, 2, None, Decimal("3.05"), Decimal("1.10") + Decimal("2.40"), "万元")]


def test_two_tables_without_a_header_stay_two(built: dict[str, Path]) -> None:
    (first, second), result = read(built, "no_header")
    assert rows(first) == [["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"]]
    assert rows(second) == [["差旅费", "4.80", "4.50"], ["培训费", "3.05", "2.95"], ["合计", "7.85", "7.45"]]
    assert result.findings == []  # 4.80 + 3.05 = 7.85; 4.50 + 2.95 = 7.45


@pytest.mark.parametrize("name", list(CONTINUED))
def test_a_table_continued_under_its_caption_is_one(built: dict[str, Path], name: str) -> None:
    assert len(squash(LONG_CAPTION)) == 40
    _, items, stated, _ = CONTINUED[name]
    [table], result = read(built, name)
    assert rows(table) == [HEAD, *items, ["合计", str(sum(Decimal(r[1]) for r in items)), stated]]
    assert footing(result, table) == [(4, 2, None, Decimal(stated), sum(Decimal(r[2]) for r in items), "万元")]


def test_a_table_of_other_widths_under_a_table_stays_its_own(built: dict[str, Path]) -> None:
    (first, second), _ = read(built, "other_widths")
    assert rows(first) == [HEAD, ["保洁费", "6.00", "6.00"], ["安保费", "5.00", "5.00"]]
    assert rows(second) == [["培训人次", "300", "285"], ["培训期数", "6", "6"]]


def test_a_table_of_no_row_is_not_a_continuation(built: dict[str, Path]) -> None:
    (first, empty), _ = read(built, "no_row")
    assert rows(first) == [HEAD, ["展板制作", "1.00", "1.00"]]
    assert empty.table is not None and (empty.table.n_rows, empty.table.cells) == (0, [])


def test_a_continued_part_that_is_only_the_repeated_header_adds_no_row(tmp_path: Path) -> None:
    # 续表 over a part holding nothing but the header again, then the body under a blank line:
    # 3.00 + 2.00 + 4.80 = 9.80 and 2.80 + 2.00 + 4.50 = 9.30, the header no row of the body
    assert Decimal("3.00") + Decimal("2.00") + Decimal("4.80") == Decimal("9.80")
    path = build_docx(tmp_path / "header_only.docx", [
        "表1 项目支出明细表", T([HEAD, ["办公费", "3.00", "2.80"], ["印刷费", "2.00", "2.00"]], header=True),
        "续表", T([HEAD], header=True), "", T([["差旅费", "4.80", "4.50"], ["合计", "9.80", "9.30"]])])
    doc = read_document(path)
    tables = [b for b in doc.blocks if b.table is not None]
    assert [squash(r[0]) for t in tables for r in t.table.rows_text()] == ["项目名称", "办公费", "印刷费", "差旅费", "合计"]
    assert [f.message for f in check_document(doc).findings if f.rule == "TBL001"] == []


def test_a_continued_part_holding_a_nested_table_is_read(tmp_path: Path) -> None:
    # the part under 续表 has a table inside a cell: both are read (the part as a table of its own)
    import docx

    d = docx.Document()
    d.add_paragraph("一、项目支出情况")
    d.add_paragraph("表1 项目支出明细表")
    for rows_ in ([["项目名称", "预算数（万元）", "说明"], ["办公费", "3.00", "无"]], [["印刷费", "2.00", "见下"], ["合计", "5.00", "无"]]):
        t = d.add_table(rows=2, cols=3)
        t.style = "Table Grid"
        for r, row in enumerate(rows_):
            for k, x in enumerate(row):
                t.cell(r, k).paragraphs[0].text = x
        if rows_[0][0] == "项目名称":
            d.add_paragraph("续表")
    inner = t.cell(0, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).paragraphs[0].text, inner.cell(0, 1).paragraphs[0].text = "封面", "1.00"
    d.save(str(tmp_path / "nested.docx"))
    doc = read_document(tmp_path / "nested.docx")
    texts = [[squash(t) for row in b.table.rows_text() for t in row] for b in doc.blocks if b.table is not None]
    assert ["封面", "1.00"] in texts and any("印刷费" in t for t in texts)
