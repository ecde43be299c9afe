"""Mutants of extractor/tables.py's merge handling killed through what a reader of a PDF sees: a
table cut by the page comes out as one table with its cells in place (a row the page broke is one
row again; a form's head printed at the foot of one page sits over its body's finer columns on the
next), tables that only look alike stay apart, and the footing rule reads the whole table.

One invented PDF, drawn line by line with reportlab's canvas so that every column line is where the
case needs it (a line 4 points off is within the readers' tolerance, 4.5 points is not), read and
checked once for the module. Each case has its own section (一、… 八、…); its tables are found by it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from checks.runner import Result, check_document
from extractor import read_document
from extractor.model import Block, Document
from extractor.text import squash
from fixtures.build_pdf import FONT, _register
from tests.builders import ruled_grid, settled

PAGE_H = 841.89  # A4
ROW = 22
BODY_X = [60, 140, 240, 340, 440, 530]  # a form's body: five columns
FOOT = 700  # where a table at the foot of a page starts (points from the top)

# The form's head (项目名称 | … over one wide cell; 主管部门 | … | 实施单位 | …): its lines fall on the
# body's lines 0, 1, 3, 4 and 5, each drawn 4 points off (the most the readers allow).
HEAD_ROWS: list[list[str | None]] = [["项目名称", "城区道路维修项目", None, None],
                                     ["主管部门", "县住房和城乡建设局", "实施单位", "县市政管理所"]]
HEAD_MERGES = [(0, 1, 1, 3)]
BODY_HEAD = ["序号", "支出项目", "预算数（万元）", "执行数（万元）", "备注"]
# 合计 of 执行数 written 19.05: the items add up to 11.50 + 8.00 = 19.50
FORM_BODY: list[list[str | None]] = [BODY_HEAD,
                                     ["1", "路面修补", "12.00", "11.50", "按期完成"],
                                     ["2", "排水改造", "8.00", "8.00", "按期完成"],
                                     ["合计", None, "20.00", "19.05", ""]]


_grid = ruled_grid


def _line(c: Any, top: float, text: str, size: float = 12) -> float:
    c.setFont(FONT, size)
    c.drawString(60, PAGE_H - top - size, text)
    return top + 1.8 * size


def _opening(c: Any, heading: str) -> None:
    y = _line(c, 72, heading)
    _line(c, y, "本部分情况见下表。")


def build(path: Path) -> Path:  # noqa: PLR0915 - one case after another
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=(595.28, PAGE_H))

    # 一、a form's head at the foot of page 1, its body at the top of page 2
    _opening(c, "一、道路维修项目")
    _grid(c, FOOT, [64, 136, 344, 436, 526], HEAD_ROWS, HEAD_MERGES)
    c.showPage()
    y = _grid(c, 72, BODY_X, FORM_BODY, [(3, 0, 1, 2)])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 二、a head whose 主管部门 line is 4.5 points off every line of the table below: two tables
    _opening(c, "二、桥梁检测项目")
    _grid(c, FOOT, [60, 144.5, 340, 440, 530], HEAD_ROWS, HEAD_MERGES)
    c.showPage()
    y = _grid(c, 72, BODY_X, FORM_BODY[:3])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 三、a table at the foot of the page that starts at the second line of the table below
    _opening(c, "三、路灯改造项目")
    _grid(c, FOOT, [140, 340, 440, 530], [["联系人", "联系电话", "填报日期"], ["王某", "略", "2025年3月"]])
    c.showPage()
    y = _grid(c, 72, BODY_X, FORM_BODY[:3])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 四、a head with a narrow strip whose two lines both lie within 4 points of one line below
    _opening(c, "四、公园维护项目")
    _grid(c, FOOT, [60, 136.5, 143.5, 530], [["项目名称", "", "公园日常维护"], ["主管部门", "", "县园林局"]])
    c.showPage()
    y = _grid(c, 72, BODY_X, FORM_BODY[:3])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 五、a form put together over the page, then right under it a table of five other columns
    _opening(c, "五、绿化养护项目")
    _grid(c, FOOT, [64, 136, 344, 436, 526], HEAD_ROWS, HEAD_MERGES)
    c.showPage()
    y = _grid(c, 72, BODY_X, FORM_BODY[:3])
    y = _grid(c, y + 24, [60, 100, 250, 330, 450, 530], [["3", "苗木补植", "6.00", "5.80", "秋季补植"],
                                                          ["4", "病虫防治", "2.00", "2.00", "按期完成"]])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 六、a table cut by the page inside row 3 (支出项目 “设备购置” | “及安装调试”); on page 2 its
    # third line is 4 points to the right
    _opening(c, "六、设备购置项目")
    _grid(c, 620, [60, 140, 240, 340, 440], [["序号", "支出项目", "预算数（万元）", "执行数（万元）"],
                                            ["1", "办公设备", "8.00", "7.50"],
                                            ["2", "网络维护", "4.00", "4.00"],
                                            ["3", "设备购置", "20.00", "18.00"]])
    c.showPage()
    y = _grid(c, 72, [60, 140, 244, 340, 440], [["", "及安装调试", "", ""],
                                                 ["4", "人员培训", "5.00", "4.50"],
                                                 ["合计", None, "37.00", "34.00"]], [(2, 0, 1, 2)])
    _line(c, y + 20, "以上为项目支出情况。")
    c.showPage()

    # 七、a complete table at the foot of page 1; page 2 opens with another table of four columns,
    # its third line 4.5 points to the right
    _opening(c, "七、培训项目")
    _grid(c, 620, [60, 140, 240, 340, 440], [["序号", "支出项目", "预算数（万元）", "执行数（万元）"],
                                            ["1", "师资费", "3.00", "3.00"],
                                            ["2", "场地费", "2.00", "1.80"],
                                            ["合计", None, "5.00", "4.80"]], [(3, 0, 1, 2)])
    c.showPage()
    y = _grid(c, 72, [60, 140, 244.5, 340, 440], [["指标", "计划数", "完成数", "完成率"],
                                                   ["培训人次", "300", "285", "95.00%"],
                                                   ["培训期数", "6", "6", "100.00%"]])
    _line(c, y + 20, "以上为培训完成情况。")
    c.showPage()

    # 八、a table whose amounts carry a note on a second line, continued under a 续表 caption by
    # plain amounts: 12.00 + 3.00 + 2.35 + 1.00 = 18.35
    _opening(c, "八、资金来源")
    y = _grid(c, 120, [60, 260, 460], [["资金来源", "金额（万元）"], ["财政拨款", "12.00\n（已到位）"],
                                       ["专项补助", "3.00\n（省级）"]])
    y = _line(c, y + 10, "续表")
    y = _grid(c, y + 4, [60, 260, 460], [["上年结转", "2.35"], ["其他收入", "1.00"], ["合计", "18.35"]])
    _line(c, y + 20, "以上为资金来源情况。")
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("merge") / "merge.pdf")


@pytest.fixture
def read(pdf: Path) -> tuple[Document, Result]:
    # read in every test, not once per module: the mutation run gives a mutated function only the
    # tests that called it, so a reading shared by the module would count for its first test alone
    doc = read_document(pdf)
    return doc, check_document(doc)


def tables(doc: Document, section: str) -> list[Block]:
    return [b for b in doc.blocks if b.table is not None and b.section.startswith(section)]


def cells(block: Block) -> list[tuple[int, int, int, int, str]]:
    assert block.table is not None
    return sorted((c.row, c.col, c.rowspan, c.colspan, squash(c.text)) for c in block.table.cells)


def rows(block: Block) -> list[list[str]]:
    assert block.table is not None
    return [[squash(t) for t in row] for row in block.table.rows_text()]


def footing(result: Result, block: Block) -> list[tuple[int | None, int | None, Decimal | None, Decimal | None]]:
    return [(f.location.row, f.location.col, f.stated, settled(f)) for f in result.findings
            if f.rule == "TBL001" and f.location.block == block.index]


# ------------------------------------------------------------------ a form's head over its body


def test_a_forms_head_at_the_foot_of_a_page_sits_over_its_body(read: tuple[Document, Result]) -> None:
    doc, result = read
    [form] = tables(doc, "一、")
    assert form.table is not None
    assert (form.table.n_rows, form.table.n_cols, form.table.pages) == (6, 5, [1, 2])
    # the head's cells widen to the body's columns: 项目名称's value over all four, 城建局 over two
    assert cells(form)[:6] == [(0, 0, 1, 1, "项目名称"), (0, 1, 1, 4, "城区道路维修项目"),
                               (1, 0, 1, 1, "主管部门"), (1, 1, 1, 2, "县住房和城乡建设局"),
                               (1, 3, 1, 1, "实施单位"), (1, 4, 1, 1, "县市政管理所")]
    assert rows(form)[2:] == [[t or "" for t in row] for row in
                              [BODY_HEAD, FORM_BODY[1], FORM_BODY[2], ["合计", "合计", "20.00", "19.05", ""]]]
    # the footing error is found on the whole table: row 5 (two head rows, the body's head, two items)
    assert footing(result, form) == [(5, 3, Decimal("19.05"), Decimal("11.50") + Decimal("8.00"))]


def test_a_head_whose_line_is_off_the_body_lines_stays_its_own_table(read: tuple[Document, Result]) -> None:
    doc, _ = read
    head, body = tables(doc, "二、")
    assert (cells(head), head.pages) == ([(0, 0, 1, 1, "项目名称"), (0, 1, 1, 3, "城区道路维修项目"),
                                          (1, 0, 1, 1, "主管部门"), (1, 1, 1, 1, "县住房和城乡建设局"),
                                          (1, 2, 1, 1, "实施单位"), (1, 3, 1, 1, "县市政管理所")], [3])
    assert (rows(body), body.pages) == (FORM_BODY[:3], [4])


def test_a_table_narrower_than_the_next_pages_table_stays_its_own(read: tuple[Document, Result]) -> None:
    doc, _ = read
    top, body = tables(doc, "三、")
    assert (rows(top), top.pages) == ([["联系人", "联系电话", "填报日期"], ["王某", "略", "2025年3月"]], [5])
    assert (rows(body), body.pages) == (FORM_BODY[:3], [6])


def test_two_head_lines_on_one_body_line_are_not_one_table(read: tuple[Document, Result]) -> None:
    doc, _ = read
    head, body = tables(doc, "四、")
    assert head.table is not None and head.table.n_cols == 3 and head.pages == [7]
    assert rows(head) == [["项目名称", "", "公园日常维护"], ["主管部门", "", "县园林局"]]
    assert (rows(body), body.pages) == (FORM_BODY[:3], [8])


def test_a_table_of_other_widths_under_a_form_is_not_its_rest(read: tuple[Document, Result]) -> None:
    doc, _ = read
    form, other = tables(doc, "五、")
    assert form.table is not None and (form.table.n_rows, form.table.n_cols, form.pages) == (5, 5, [9, 10])
    assert rows(form)[2:] == FORM_BODY[:3]
    assert rows(other) == [["3", "苗木补植", "6.00", "5.80", "秋季补植"], ["4", "病虫防治", "2.00", "2.00", "按期完成"]]


# ------------------------------------------------------------------ a table continued over the page


def test_a_row_the_page_broke_is_one_row_again(read: tuple[Document, Result]) -> None:
    doc, result = read
    [table] = tables(doc, "六、")
    assert table.pages == [11, 12]
    assert rows(table) == [["序号", "支出项目", "预算数（万元）", "执行数（万元）"],
                           ["1", "办公设备", "8.00", "7.50"], ["2", "网络维护", "4.00", "4.00"],
                           ["3", "设备购置及安装调试", "20.00", "18.00"], ["4", "人员培训", "5.00", "4.50"],
                           ["合计", "合计", "37.00", "34.00"]]
    assert footing(result, table) == []  # 8.00 + 4.00 + 20.00 + 5.00 = 37.00; 7.50 + 4.00 + 18.00 + 4.50 = 34.00


def test_another_table_on_the_next_page_is_not_a_continuation(read: tuple[Document, Result]) -> None:
    doc, result = read
    first, second = tables(doc, "七、")
    assert (first.pages, second.pages) == ([13], [14])
    assert rows(first)[-1] == ["合计", "合计", "5.00", "4.80"]
    assert rows(second) == [["指标", "计划数", "完成数", "完成率"], ["培训人次", "300", "285", "95.00%"],
                            ["培训期数", "6", "6", "100.00%"]]
    assert footing(result, first) == footing(result, second) == []


def test_amounts_with_notes_continue_under_a_caption_as_plain_amounts(read: tuple[Document, Result]) -> None:
    doc, result = read
    [table] = tables(doc, "八、")
    assert [r[0] for r in rows(table)] == ["资金来源", "财政拨款", "专项补助", "上年结转", "其他收入", "合计"]
    assert rows(table)[-1] == ["合计", "18.35"]
    assert footing(result, table) == []  # 12.00 + 3.00 + 2.35 + 1.00 = 18.35
