"""The .docx reader against the XML shapes Word and WPS actually write."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import read_document
from tests.docx_xml import p, tbl, tc, tr, write_docx


def _grid(table):
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


def test_body_order_with_content_controls_and_tracked_changes(tmp_path):
    body = (
        p("一、基本情况", bold=True)
        + '<w:sdt><w:sdtPr/><w:sdtContent>'
        + tbl(tr(tc("项目"), tc("金额")), tr(tc("办公费"), tc("8.20")), cols=2)
        + "</w:sdtContent></w:sdt>"
        + '<w:p><w:r><w:t>支出</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>总计</w:t></w:r></w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>合计</w:delText></w:r></w:del>'
        + '<w:sdt><w:sdtContent><w:r><w:t>471.28</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>万元</w:t></w:r></w:p>'
    )
    doc = read_document(write_docx(tmp_path / "a.docx", body))
    assert [b.kind for b in doc.blocks] == ["heading", "table", "paragraph"]
    assert doc.blocks[2].text == "支出总计471.28万元"  # insertion kept, deletion dropped, inline control read
    assert doc.blocks[1].table.rows_text() == [["项目", "金额"], ["办公费", "8.20"]]


def test_merges_grid_before_after_and_nested_tables(tmp_path):
    inner = tbl(tr(tc("子项"), tc("1.00")), cols=2)
    body = tbl(
        tr(tc("一级指标"), tc("二级指标"), tc("得分"), header=True),
        tr(tc("投入", vmerge="restart"), tc("预算配置"), tc("12")),
        tr(tc(vmerge="continue"), tc("人员"), tc("3")),
        tr(tc("合计", span=2), tc("15")),
        tr(tc("备注"), before=1, after=1),
        tr(tc("多段", inner=inner), tc("第一段\n第二段"), tc("")),
        cols=3,
    )
    doc = read_document(write_docx(tmp_path / "b.docx", body))
    table = doc.blocks[0].table
    assert (table.n_rows, table.n_cols, table.header_rows) == (6, 3, 1)
    cells = _grid(table)
    assert (1, 0, 2, 1, "投入") in cells  # vMerge stored once with its rowspan
    assert (3, 0, 1, 2, "合计") in cells  # gridSpan
    assert (4, 1, 1, 1, "备注") in cells  # gridBefore shifts the cell right
    assert (5, 1, 1, 1, "第一段\n第二段") in cells  # several paragraphs in one cell
    nested_cell = next(c for c in table.cells if c.row == 5 and c.col == 0)
    assert nested_cell.text == "多段"  # the nested table's text is not folded into its cell
    nested = doc.blocks[1].table  # read as its own table right after its parent, naming its cell
    assert nested.rows_text() == [["子项", "1.00"]] and not nested_cell.tables
    assert (nested.nested_in.block, nested.nested_in.row, nested.nested_in.col) == (0, 5, 0)
    assert table.rows_text()[2][0] == "投入"  # a reader sees the merged text on every row it covers


def test_headings_from_numbering_styles_and_section_paths(tmp_path):
    body = (
        p("青禾市某局2025年度部门整体支出绩效评价报告", bold=True)
        + p("一、部门基本情况", style="Heading1")
        + p("（一）人员情况")
        + p("核定编制13人，实有11人。")
        + p("二、绩效评价情况")
        + p("3.2过程")
        + p("5、公用经费控制率。公用经费控制率=41.56/43.00×100%=96.65%，故计4分。")
        + p("6、“三公经费”控制率")
        + p("（二）产出情况")
    )
    doc = read_document(write_docx(tmp_path / "c.docx", body))
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["一、部门基本情况"].kind == "heading"
    assert by_text["核定编制13人，实有11人。"].section == "一、部门基本情况 › （一）人员情况"
    long = by_text["5、公用经费控制率。公用经费控制率=41.56/43.00×100%=96.65%，故计4分。"]
    assert long.kind == "paragraph"
    assert long.section == "二、绩效评价情况 › 3.2过程 › 5、公用经费控制率"
    assert by_text["6、“三公经费”控制率"].section == "二、绩效评价情况 › 3.2过程 › 6、“三公经费”控制率"
    assert by_text["（二）产出情况"].section == "二、绩效评价情况 › （二）产出情况"
    assert by_text["青禾市某局2025年度部门整体支出绩效评价报告"].kind == "paragraph"


def test_unit_from_caption_and_title_row(tmp_path):
    body = (p("表1 支出表") + p("单位：万元")
            + tbl(tr(tc("项目"), tc("金额")), tr(tc("合计"), tc("3.00")), cols=2)
            + tbl(tr(tc("金额单位：元", span=2)), tr(tc("项目"), tc("金额")), tr(tc("合计"), tc("300")), cols=2))
    doc = read_document(write_docx(tmp_path / "d.docx", body))
    tables = [b.table for b in doc.blocks if b.table]
    assert [t.unit for t in tables] == ["万元", "元"]


def test_sample_report_reads_every_table(samples):
    doc = read_document(samples / "dept_overall.docx")
    tables = [t for _, t in doc.tables()]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(25, 5), (13, 3), (22, 9)]
    score = tables[2]
    top = next(c for c in score.cells if c.row == 1 and c.col == 0)
    assert (top.text, top.rowspan) == ("投入", 3)
    total = next(c for c in score.cells if c.text == "合计")
    assert (total.colspan, total.rowspan) == (5, 1)


# ---- random grids with random merges, written with python-docx and read back ----------------

@st.composite
def merged_grids(draw):
    rows, cols = draw(st.integers(2, 7)), draw(st.integers(2, 6))
    free = [[True] * cols for _ in range(rows)]
    merges = []
    for _ in range(draw(st.integers(0, 4))):
        r0, c0 = draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1))
        rs, cs = draw(st.integers(1, rows - r0)), draw(st.integers(1, cols - c0))
        if all(free[r][c] for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)) and rs * cs > 1:
            for r in range(r0, r0 + rs):
                for c in range(c0, c0 + cs):
                    free[r][c] = False
            merges.append((r0, c0, rs, cs))
    return rows, cols, merges


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(merged_grids())
def test_random_merges_round_trip(tmp_path, shape):
    import docx

    rows, cols, merges = shape
    document = docx.Document()
    table = document.add_table(rows=rows, cols=cols)
    covered = {(r, c) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)}
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in covered or any((r, c) == (m[0], m[1]) for m in merges):
                table.cell(r, c).text = f"r{r}c{c}"
    for r0, c0, rs, cs in merges:
        table.cell(r0, c0).merge(table.cell(r0 + rs - 1, c0 + cs - 1))
    path = tmp_path / "random.docx"
    document.save(str(path))
    got = read_document(path).blocks[0].table
    expected = {(r0, c0, rs, cs) for r0, c0, rs, cs in merges}
    expected |= {(r, c, 1, 1) for r in range(rows) for c in range(cols) if (r, c) not in covered}
    assert {(c.row, c.col, c.rowspan, c.colspan) for c in got.cells} == expected
    assert all(c.text == f"r{c.row}c{c.col}" for c in got.cells)


@pytest.mark.parametrize("header_rows", [0, 2])
def test_marked_header_rows(tmp_path, header_rows):
    rows = [tr(tc("指标"), tc("分值"), header=i < header_rows) for i in range(2)] + [tr(tc("人员"), tc("4"))]
    table = read_document(write_docx(tmp_path / "h.docx", tbl(*rows, cols=2))).blocks[0].table
    # unmarked: the reader still recognises the label row as a header
    assert table.header_rows == (header_rows or 2)


def test_word_heading_levels_outrank_printed_numbering(tmp_path):
    """A report whose numbering restarts (1.引言 … 一、 … 3.1投入): Word's own heading levels decide
    the section, so the evaluation is not filed under the last “三、” of the work summary."""
    body = (
        p("1.引言", style="Heading1")
        + p("1.3部门项目实施情况", style="Heading2")
        + p("三、存在的主要问题", style="Heading3")
        + p("四、下年工作打算", style="Heading3")
        + p("（一）建设学习型机关", style="Heading4")
        + p("1、加强学习")
        + p("3.部门整体支出绩效评价分析", style="Heading1")
        + p("3.1投入", style="Heading2")
        + p("3、在职人员控制率", style="Heading3")
        + p("在职人员控制率=11/13×100%=84.62%。")
    )
    doc = read_document(write_docx(tmp_path / "h.docx", body))
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["在职人员控制率=11/13×100%=84.62%。"].section == \
        "3.部门整体支出绩效评价分析 › 3.1投入 › 3、在职人员控制率"
    assert by_text["1、加强学习"].section == \
        "1.引言 › 1.3部门项目实施情况 › 四、下年工作打算 › （一）建设学习型机关 › 1、加强学习"
    assert by_text["四、下年工作打算"].section == "1.引言 › 1.3部门项目实施情况 › 四、下年工作打算"


# ---- a vertical merge Word restarted after a page break is one cell -----------------------------

def _restarted(second_label: str = "过程", second_weight: str = "61", second_group: str = "预算管理",
               second_group_weight: str = ""):
    """A 9-column-style score table whose 一级 cell (and its weight) restarts, as Word writes it
    after a page break: 过程 | 61 | 预算管理 | 41 over two rows, then again over one row."""
    head = tr(tc("一级指标"), tc("分值"), tc("二级指标"), tc("分值"), tc("三级指标"), tc("分值"), header=True)
    return tbl(
        head,
        tr(tc("过程", vmerge="restart"), tc("61", vmerge="restart"), tc("预算执行"), tc("20"), tc("预算完成率"), tc("20")),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc("预算管理", vmerge="restart"), tc("41", vmerge="restart"),
           tc("公用经费控制率"), tc("8")),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"),
           tc("“三公经费”控制率"), tc("8")),
        tr(tc(second_label, vmerge="restart"), tc(second_weight, vmerge="restart"), tc(second_group, vmerge="restart"),
           tc(second_group_weight, vmerge="restart"), tc("管理制度健全性"), tc("8")),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"),
           tc("资金使用合规性"), tc("17")),
        cols=6,
    )


def test_restarted_merge_repeating_the_cell_above_is_one_cell(tmp_path):
    table = read_document(write_docx(tmp_path / "r.docx", _restarted())).blocks[0].table
    cells = _grid(table)
    assert (1, 0, 5, 1, "过程") in cells and (1, 1, 5, 1, "61") in cells
    assert (2, 2, 4, 1, "预算管理") in cells and (2, 3, 4, 1, "41") in cells  # the blank restarted weight too
    assert not [c for c in cells if c[0] == 4 and c[1] < 4]  # nothing of the repeat is left


def test_restarted_merge_under_a_different_label_stays_two_cells(tmp_path):
    # a new 一级 indicator with the same weight, and a new 二级 indicator: different cells
    body = _restarted(second_label="产出", second_weight="61", second_group="职责履行", second_group_weight="41")
    cells = _grid(read_document(write_docx(tmp_path / "d.docx", body)).blocks[0].table)
    assert (1, 0, 3, 1, "过程") in cells and (4, 0, 2, 1, "产出") in cells
    assert (4, 1, 2, 1, "61") in cells and (4, 3, 2, 1, "41") in cells
    # a repeated figure alone, under a label that is not repeated, is a figure of its own
    body = _restarted(second_label="产出", second_weight="61", second_group="预算管理", second_group_weight="41")
    cells = _grid(read_document(write_docx(tmp_path / "e.docx", body)).blocks[0].table)
    assert (4, 1, 2, 1, "61") in cells and (4, 2, 2, 1, "预算管理") in cells


def test_equal_single_row_cells_are_not_merged(tmp_path):
    body = tbl(tr(tc("科目"), tc("金额")), tr(tc("办公费"), tc("8.20")), tr(tc("办公费"), tc("8.20")), cols=2)
    cells = _grid(read_document(write_docx(tmp_path / "s.docx", body)).blocks[0].table)
    assert (1, 0, 1, 1, "办公费") in cells and (2, 0, 1, 1, "办公费") in cells
