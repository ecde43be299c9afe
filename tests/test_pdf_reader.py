"""The PDF reader: the same report read from .docx and from PDF must give the same content."""

from __future__ import annotations

import tracemalloc

import pytest

from extractor import ReadError, read_document
from extractor.text import squash
from fixtures import hostile
from fixtures.build_pdf import build_pdf
from fixtures.reports import SAMPLES, long_report

PAIRS = [(name, pdf) for name in SAMPLES for pdf in (f"{name}.pdf", f"{name}_lo.pdf")]


def _paragraphs(doc):
    return [(b.kind, squash(b.text)) for b in doc.blocks if b.kind != "table"]


def _cells(table):
    return sorted((c.row, c.col, c.rowspan, c.colspan, squash(c.text)) for c in table.cells)


@pytest.mark.parametrize(("name", "pdf"), PAIRS)
def test_pdf_reads_like_docx(samples, name, pdf):
    if not (samples / pdf).exists():
        pytest.skip(f"{pdf} not built (LibreOffice exports are committed, not built in CI)")
    from_docx = read_document(samples / f"{name}.docx")
    from_pdf = read_document(samples / pdf)
    assert _paragraphs(from_pdf) == _paragraphs(from_docx)
    docx_tables = [t for _, t in from_docx.tables()]
    pdf_tables = [t for _, t in from_pdf.tables()]
    assert len(pdf_tables) == len(docx_tables)
    for a, b in zip(docx_tables, pdf_tables, strict=True):
        assert (b.n_rows, b.n_cols) == (a.n_rows, a.n_cols)
        assert _cells(b) == _cells(a)
        assert b.unit == a.unit


def test_table_over_three_pages_with_rows_broken_by_the_page(samples):
    doc = read_document(samples / "long_table_lo.pdf")
    table = next(t for _, t in doc.tables())
    assert table.pages == [1, 2, 3]
    assert table.n_rows == 12  # header once, ten rows, total: nothing duplicated, nothing split
    rows = table.rows_text()
    assert [squash(r[1]) for r in rows[1:11]] == [f"第{k}项重点工作" for k in range(1, 11)]
    assert sum(1 for r in rows if squash(r[0]) == "类别") == 1  # the repeated header row is dropped
    merged = [c for c in table.cells if c.col == 0 and c.rowspan > 1]
    assert [(c.text, c.row, c.rowspan) for c in merged] == [("技术推广类", 1, 5), ("质量检测类", 6, 5)]


def test_running_heads_page_numbers_and_fake_bold(samples):
    doc = read_document(samples / "dept_overall.pdf")
    texts = [b.text for b in doc.blocks]
    assert doc.n_pages >= 3
    assert texts[0] == "青禾市农业综合服务中心2025年度部门整体支出绩效评价报告"  # drawn twice, read once
    assert all("—" not in t for t in texts)  # "— 3 —" folios are gone
    assert texts.count("青禾市农业综合服务中心2025年度部门整体支出绩效评价报告") == 1  # running head gone


def test_image_only_pdf_is_refused_not_read_as_empty(tmp_path):
    with pytest.raises(ReadError, match="没有文字层"):
        read_document(hostile.image_only_pdf(tmp_path / "scan.pdf"))


def test_cid_only_pdf_is_refused(tmp_path):
    with pytest.raises(ReadError, match="cid"):
        read_document(hostile.cid_pdf(tmp_path / "cid.pdf"))


def test_encrypted_pdf_is_refused(tmp_path):
    with pytest.raises(ReadError, match="加密"):
        read_document(hostile.encrypted_pdf(tmp_path / "locked.pdf"))


def test_partly_scanned_pdf_names_the_unread_page(tmp_path):
    doc = read_document(hostile.partly_scanned_pdf(tmp_path / "half.pdf"))
    assert [p.page for p in doc.page_problems] == [2]
    assert any("第 2 页" in w for w in doc.warnings)
    assert "471.28" in doc.blocks[0].text


def _peak_reading(path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        doc = read_document(path)
        return tracemalloc.get_traced_memory()[1], doc.n_pages
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # a 6- and a 24-page PDF read under tracemalloc: fewer pages would not separate per-page growth from fixed cost
def test_memory_per_page_is_the_text_kept_not_the_page(tmp_path):
    """Each page's characters and layout (about 2 MB a dense page here) are dropped once the page
    is read; what grows with page count is only the text and grids the model keeps."""
    short = build_pdf(long_report(6), tmp_path / "p6.pdf")
    long = build_pdf(long_report(24), tmp_path / "p24.pdf")
    read_document(short)  # warm caches and imports outside the measurement
    (peak_short, pages_short), (peak_long, pages_long) = _peak_reading(short), _peak_reading(long)
    assert pages_long >= 24 and pages_short <= 8
    per_page = (peak_long - peak_short) / (pages_long - pages_short)
    assert per_page < 500_000, per_page


def test_a_restarted_merge_gives_the_same_grid_from_docx_and_pdf(tmp_path):
    """The 一级 cell and its weight written twice (a vertical merge restarted, as after a page break)
    are one cell from either format; a 二级 weight shared by two indicators stays one cell."""
    from fixtures.build_docx import build_docx
    from fixtures.spec import Para, ReportSpec, TableSpec

    head = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    rows = [head,
            ["过程", "30", "预算执行", "12", "预算完成率", "6", "6"],
            [None, None, None, None, "预算调整率", "6", "5"],
            ["过程", "30", "预算管理", "18", "管理制度健全性", "10", "10"],
            [None, None, None, None, "资金使用合规性", "8", "8"],
            ["产出", "70", "履职效益", "70", "经济效益", "70", "30"],
            [None, None, None, None, "社会效益", None, "39"]]
    merges = [(1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (3, 0, 2, 1), (3, 1, 2, 1), (3, 2, 2, 1),
              (3, 3, 2, 1), (5, 0, 2, 1), (5, 1, 2, 1), (5, 2, 2, 1), (5, 3, 2, 1), (5, 5, 2, 1)]
    spec = ReportSpec("merge", "测试", [Para("测试报告", "title"), TableSpec(rows=rows, merges=merges)])
    grids = []
    for build, name in ((build_docx, "m.docx"), (build_pdf, "m.pdf")):
        table = next(t for _, t in read_document(build(spec, tmp_path / name)).tables())
        grids.append(_cells(table))
    assert grids[0] == grids[1]
    assert (1, 0, 4, 1, "过程") in grids[0] and (1, 1, 4, 1, "30") in grids[0]
    assert (5, 5, 2, 1, "70") in grids[0]  # shared by 经济效益 and 社会效益


def test_a_forms_head_at_the_foot_of_a_page_is_one_table_with_its_body(tmp_path):
    """A 项目支出绩效自评表 whose two head rows (项目名称 | … over wide cells) end one page and whose body
    (8 narrow columns) starts the next is one table, as in Word; the 附件 lines open parts of their own."""
    from fixtures.build_docx import build_docx
    from fixtures.gold import builders

    spec = builders()["g21_health_two_project_forms"]()
    from_docx = read_document(build_docx(spec, tmp_path / "f.docx"))
    from_pdf = read_document(build_pdf(spec, tmp_path / "f.pdf"))

    def forms(doc):  # type: ignore[no-untyped-def]
        return [(b.section, t) for b in doc.blocks if (t := b.table) is not None and "项目名称" in t.rows_text()[0][0]]

    docx_forms, pdf_forms = forms(from_docx), forms(from_pdf)
    assert [s for s, _ in docx_forms] == [s for s, _ in pdf_forms] == ["附件1", "附件2"]
    assert any(len(t.pages) == 2 for _, t in pdf_forms)  # one of them really is cut by the page
    for (_, a), (_, b) in zip(docx_forms, pdf_forms, strict=True):
        assert (b.n_rows, b.n_cols) == (a.n_rows, a.n_cols)
        assert [[squash(t) for t in row] for row in b.rows_text()] == [[squash(t) for t in row] for row in a.rows_text()]
