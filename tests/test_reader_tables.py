"""Issue 12, tables: one table where the reader sees one; a cell's figure beside its note; PDF
tables without ruling lines and 三线表. Fixtures: fixtures/reader_tables.py (invented content)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.runner import check_document, check_file
from checks.tableview import TableView
from extractor import read_document
from extractor.model import Cell, Table
from extractor.tables import cell_figure_text, glue, is_continuation_caption, same_columns
from extractor.text import squash
from fixtures import reader_tables as rt
from tests.builders import settled

BUILD = {"docx": rt.split_docx, "pdf": rt.split_pdf}


def _tables(doc):  # type: ignore[no-untyped-def]
    return [b for b in doc.blocks if b.kind == "table"]


def _footing(result):  # type: ignore[no-untyped-def]
    return [f for f in result.findings if f.rule == "TBL001"]


# ------------------------------------------------------------------ one table, split by hand

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("split", rt.SPLITS)
def test_split_table_is_read_as_one(tmp_path: Path, fmt: str, split: str) -> None:
    doc = read_document(BUILD[fmt](tmp_path / f"t.{fmt}", split))
    tables = _tables(doc)
    assert len(tables) == 1
    table = tables[0].table
    assert table.n_rows == 1 + len(rt.PART1) + len(rt.PART2) + 1  # one header, repeated or not
    assert [row[0] for row in table.rows_text()] == ["项目名称", "办公费", "印刷费", "水电费", "差旅费", "培训费", "合计"]
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert "续表" not in texts and any("表1" in t for t in texts)
    assert tables[0].section == "一、项目支出情况"
    assert not _footing(check_document(doc))  # 14.35 = 3.00 + 2.00 + 1.50 + 4.80 + 3.05


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("split", rt.SPLITS)
def test_split_table_footing_error_found_on_the_whole(tmp_path: Path, fmt: str, split: str) -> None:
    result = check_file(BUILD[fmt](tmp_path / f"t.{fmt}", split, wrong=True))
    found = _footing(result)
    assert len(found) == 1
    f = found[0]
    assert (f.location.row, f.location.col) == (6, 1)
    assert (f.stated, settled(f)) == (Decimal("14.53"), Decimal("14.35"))
    assert "5 个分项" in f.message


@pytest.mark.skipif(rt.soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("split", ["caption", "pagebreak"])
@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_split_table_exported_by_libreoffice(tmp_path: Path, split: str) -> None:
    right = rt.to_pdf(rt.split_docx(tmp_path / "right.docx", split), tmp_path)
    wrong = rt.to_pdf(rt.split_docx(tmp_path / "wrong.docx", split, wrong=True), tmp_path)
    doc = read_document(right)
    assert len(_tables(doc)) == 1 and _tables(doc)[0].table.n_rows == 7
    assert not _footing(check_document(doc))
    found = _footing(check_file(wrong))
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(6, 1, Decimal("14.53"))]


def test_tables_with_other_columns_stay_two(tmp_path: Path) -> None:
    doc = read_document(rt.two_tables_docx(tmp_path / "t.docx", ["经济分类", "本年支出（万元）", "上年支出（万元）"], False))
    assert [b.table.n_rows for b in _tables(doc)] == [4, 4]
    assert not check_document(doc).findings


def test_a_complete_table_is_not_continued_without_a_caption(tmp_path: Path) -> None:
    doc = read_document(rt.two_tables_docx(tmp_path / "t.docx", None, True))
    assert [b.table.n_rows for b in _tables(doc)] == [5, 3]  # 6.50 and 7.85 each add up on their own
    assert not _footing(check_document(doc))


def _table(rows: list[list[str]], edges: list[float], header_rows: int = 1) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=header_rows, col_edges=edges)


def test_same_columns_weighs_widths_headers_and_content() -> None:
    head = ["项目", "金额（万元）", "备注"]
    first = _table([head, ["甲", "1.00", "无"]], [0, 100, 200, 300])
    assert same_columns(first, _table([["乙", "2.00", "无"]], [50, 150, 250, 350], 0), said=False)  # indented alike
    assert not same_columns(first, _table([["乙", "2.00", "无"]], [0, 150, 200, 300], 0), said=True)  # other widths
    assert not same_columns(first, _table([["项目", "数量", "备注"], ["乙", "2", "无"]], [0, 100, 200, 300]), said=True)
    assert not same_columns(first, _table([["乙", "丙", "无"]], [0, 100, 200, 300], 0), said=True)  # labels under figures
    assert same_columns(first, _table([head, ["乙", "2.00", "无"]], [0, 100, 200, 300]), said=False)


def test_a_continuation_drops_the_title_and_heading_rows_it_repeats_where_no_header_was_found() -> None:
    # a form whose title row and money heading Word repeats on the next page; the reader found no header
    # row (the title row spans the form), and the new page cut the title short
    title = "某县教育局2025年度部门整体绩效自评表"
    heading = ["年度预算资金（万元）", "全年预算数", "全年执行数", "执行率"]
    edges = [0.0, 100.0, 200.0, 300.0, 400.0]
    first = _table([[title, "", "", ""], heading, ["年度资金总额", "520.00", "505.30", "97.17%"]], edges, 0)
    rest = _table([[title[:12], "", "", ""], heading, ["上年结转资金", "20.00", "18.31", "91.55%"]], edges, 0)
    joined = glue(first, rest)
    assert [squash(r[0]) for r in joined.rows_text()] == [title, "年度预算资金（万元）", "年度资金总额", "上年结转资金"]
    # the title alone repeated: dropped, not glued to the row above as the rest of a broken row
    alone = glue(first, _table([[title, "", "", ""], ["上年结转资金", "20.00", "18.31", "91.55%"]], edges, 0))
    assert [squash(r[0]) for r in alone.rows_text()] == [title, "年度预算资金（万元）", "年度资金总额", "上年结转资金"]
    # a continuation that repeats nothing keeps every row; a repeated row of figures is data, not a heading
    assert glue(first, _table([["上年结转资金", "20.00", "18.31", "91.55%"]], edges, 0)).n_rows == 4
    same = _table([[title, "", "", ""], heading, ["年度资金总额", "520.00", "505.30", "97.17%"]], edges, 0)
    assert glue(same, _table([["年度资金总额", "520.00", "505.30", "97.17%"]], edges, 0)).n_rows == 4


@pytest.mark.parametrize("text", ["续表", "续表1", "续表 2", "表1（续）", "表2 项目支出明细表（续表）", "（续）", "表3续"])
def test_continuation_captions(text: str) -> None:
    assert is_continuation_caption(text)


@pytest.mark.parametrize("text", ["表1 项目支出明细表", "继续推进项目建设", "单位：万元",
                                  "本年度继续实施该项目（续建），共完成投资120万元，占年度计划的80%，较上年有所提高。"])
def test_not_continuation_captions(text: str) -> None:
    assert not is_continuation_caption(text)


# ------------------------------------------------------------------ a cell's figure and its note

NOTES = {"docx": rt.note_cells_docx, "pdf": rt.note_cells_pdf}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_figure_beside_its_note(tmp_path: Path, fmt: str) -> None:
    doc = read_document(NOTES[fmt](tmp_path / f"n.{fmt}"))
    views = [TableView(b, b.table) for b in _tables(doc)]
    noted, united, double = views
    assert noted.figure(3, 1) is not None and noted.figure(3, 1).value == Decimal("15.35")
    assert united.figure(3, 1) is not None and united.figure(3, 1).value == Decimal("1300.00")
    assert double.figure(3, 1) is None  # two figures in one cell are not one number
    assert not _footing(check_document(doc))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_footing_error_in_a_noted_total(tmp_path: Path, fmt: str) -> None:
    doc = read_document(NOTES[fmt](tmp_path / f"n.{fmt}", wrong=True))
    blocks = [b.index for b in _tables(doc)]
    found = sorted((f.location.block, f.location.row, f.location.col, f.stated, settled(f))
                   for f in _footing(check_document(doc)))
    assert found == [(blocks[0], 3, 1, Decimal("15.53"), Decimal("15.35")),
                     (blocks[1], 3, 1, Decimal("1030.00"), Decimal("1300.00"))]


@pytest.mark.parametrize(("text", "figure"), [
    ("15.35", "15.35"), ("15.35\n（含结转）", "15.35"), ("15.35（含结转）", "15.35"), ("1,300.00\n万元", "1,300.00万元"),
    ("（预计）\n8.00", "8.00"), ("10.00\n12.00", None), ("15.35（其中结转3.00）", None), ("15.35\n见附表", None),
    ("办公费", None), ("", None),
])
def test_cell_figure_text(text: str, figure: str | None) -> None:
    assert cell_figure_text(text) == figure


# ------------------------------------------------------------------ PDF tables from text alignment

@pytest.mark.parametrize("rules", ["none", "three"])
def test_aligned_table_read_as_a_table(tmp_path: Path, rules: str) -> None:
    doc = read_document(rt.aligned_pdf(tmp_path / "a.pdf", rules))
    tables = _tables(doc)
    assert len(tables) == 1
    table = tables[0].table
    assert (table.n_rows, table.n_cols, table.header_rows) == (7, 4, 1)
    assert table.rows_text()[0] == rt.ALIGNED_HEAD
    assert table.rows_text()[-1][:3] == ["合计", rt.TOTAL, rt.TOTAL_DONE]
    texts = [squash(b.text) for b in doc.blocks if b.kind != "table"]
    # the prose that quotes figures and the numbered list stay text, in their order
    assert texts[2].startswith("本年度部门预算收入14.35万元") and texts[3:7] == [squash(t) for t in rt.NUMBERED]
    assert not _footing(check_document(doc))


@pytest.mark.parametrize("rules", ["none", "three"])
def test_aligned_table_footing_error(tmp_path: Path, rules: str) -> None:
    found = _footing(check_file(rt.aligned_pdf(tmp_path / "a.pdf", rules, wrong=True)))
    assert [(f.location.row, f.location.col, f.stated, settled(f)) for f in found] == \
        [(6, 1, Decimal("14.53"), Decimal("14.35"))]


def test_prose_and_lists_never_become_tables(tmp_path: Path) -> None:
    from reportlab.platypus import Paragraph

    body, _ = rt._styles()
    item = rt._item_style(body)
    story = [Paragraph(rt.PROSE, body)] * 3 + [Paragraph(t, item) for t in rt.NUMBERED * 2]
    story += [Paragraph("编制人：王某    审核人：李某    日期：2024年3月1日", item)] * 3
    doc = read_document(rt._build(tmp_path / "p.pdf", story))
    assert not _tables(doc)
    assert sum(1 for b in doc.blocks if b.text in {squash(t) for t in rt.NUMBERED}) == 8


@pytest.mark.parametrize("split", ["caption", "adjacent"])
def test_comment_lands_in_the_part_holding_the_row(tmp_path: Path, split: str) -> None:
    from tests.test_annotate import anchored_texts
    from writers.annotate import annotate

    source = rt.split_docx(tmp_path / "t.docx", split, wrong=True)
    doc = read_document(source)
    out = tmp_path / "annotated.docx"
    assert annotate(source, out, doc, check_document(doc)) == 1
    assert list(anchored_texts(out).values()) == [rt.TOTAL_WRONG]  # the 合计 cell of the second part
