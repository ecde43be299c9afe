"""Locations a reviewer can follow in Word or a PDF viewer: the table's label as printed, the row's
label and the column's header, the paragraph's ordinal in its section, the page where Word's
layout is known, and an excerpt long enough to find with Ctrl+F with the figure marked in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.finding import Finding, FindingLocation
from checks.runner import check_document
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.build_pdf import build_pdf
from fixtures.locations import restarting_lists_spec, twin_spec
from tests.docx_xml import p, tbl, tc, tr, write_docx
from writers.common import where


def _findings(path: Path) -> list[Finding]:
    return check_document(read_document(path)).findings


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> dict[str, list[Finding]]:
    out = tmp_path_factory.mktemp("twins")
    spec = twin_spec()
    return {"docx": _findings(build_docx(spec, out / "twin.docx")),
            "pdf": _findings(build_pdf(spec, out / "twin.pdf"))}


def _place(f: Finding) -> tuple:
    loc = f.location
    return f.rule, loc.kind, loc.table, loc.table_label, loc.row_label, loc.col_label, loc.paragraph, loc.section


def test_docx_and_its_pdf_give_the_same_places(twins):
    docx, pdf = sorted(map(_place, twins["docx"])), sorted(map(_place, twins["pdf"]))
    assert docx and docx == pdf


def test_a_framed_note_is_not_counted_as_a_table(twins):
    """The note in a one-cell box is a table in the .docx and text in the PDF: the table after it is
    表1 in both (it was 表2 in the .docx, 表1 in the PDF)."""
    for fmt, findings in twins.items():
        shares = [f for f in findings if f.rule == "TBL004" and "办公费" in f.excerpt]
        assert shares, fmt
        assert all(f.location.table == 0 and where(f).startswith("表1 ") for f in shares), (fmt, where(shares[0]))
        assert where(shares[0]).startswith("表1 “办公费”行 “占比”列"), (fmt, where(shares[0]))
        assert shares[0].location.table_label == "表1"


def test_table_label_is_the_caption_or_the_nearest_table_reference(twins):
    for fmt, findings in twins.items():
        footing = {f.location.table: f for f in findings if f.rule == "TBL001"}
        assert footing[0].location.table_label == "表1", fmt  # “详细见下表：” is a lead-in, not a caption
        assert footing[1].location.table_label == "表2", fmt  # “如表2所示：” just above it
        assert footing[2].location.table_label == "表3 两年支出对比", fmt  # its caption, unit clause left out
        assert footing[1].location.row_label == "合计" and footing[1].location.col_label == "金额（元）"
        assert footing[2].location.col_label == "2023年"


def test_paragraph_ordinal_and_words(twins):
    for fmt, findings in twins.items():
        formula = next(f for f in findings if f.rule == "FML001")
        assert formula.location.paragraph == 2, fmt
        text = where(formula)
        assert text.startswith("§ 二、绩效评价结论 第2段"), (fmt, text)
        assert "块" not in text and "block" not in where(formula, "en")
        assert where(formula, "en").startswith("§ 二、绩效评价结论, paragraph 2")


def test_excerpt_is_the_clause_with_the_figure_marked(twins):
    for fmt, findings in twins.items():
        for f in findings:
            if f.location.kind == "table":  # a cell is led by its row's label
                assert f.excerpt.startswith(f.location.row_label + " "), (fmt, f.rule, f.excerpt)
            else:
                assert len(f.excerpt) >= 12, (fmt, f.rule, f.excerpt)
            assert f.excerpt_start is not None and f.excerpt_end is not None, (fmt, f.rule)
            figure = f.excerpt[f.excerpt_start:f.excerpt_end]
            assert f.stated is None or _digits(f.stated) in _digits(figure), (fmt, f.rule, figure)
        formula = next(f for f in findings if f.rule == "FML001")
        assert formula.excerpt == "预算完成率=（实际支出/预算数）×100%=（95/100）×100%=96%。"
        assert formula.excerpt[formula.excerpt_start:formula.excerpt_end].startswith("96")
        share = next(f for f in findings if f.rule == "TBL004")
        assert share.excerpt.startswith("办公费") and "42.00%" in share.excerpt  # a cell: led by its row's label


def _digits(value: object) -> str:
    text = format(value, "f") if not isinstance(value, str) else value
    text = re.sub(r"[^\d.]", "", text).rstrip("0").rstrip(".")
    return text.split(".")[0] if text.endswith(".") else text


# ------------------------------------------------------------------ the examples, on the seed


@pytest.fixture(scope="module")
def seed_findings(tmp_path_factory) -> list[Finding]:
    from fixtures.build_cache import build
    from fixtures.seed import seed_spec

    out = tmp_path_factory.mktemp("seed")
    return _findings(build(seed_spec(), "docx", out / "seed.docx"))  # the gold set's seed.docx: built once per run


def test_no_block_numbers_in_locations(seed_findings):
    for f in seed_findings:
        assert "块" not in where(f) and "block" not in where(f, "en"), where(f)


def test_short_figures_become_searchable_clauses(seed_findings):
    """“100%” (a restated rate) alone cannot be found with Ctrl+F; its clause can."""
    for f in seed_findings:
        assert len(f.excerpt) >= 12 or f.location.kind == "table", (f.rule, f.excerpt)
        if f.excerpt_start is not None:
            assert 0 <= f.excerpt_start < f.excerpt_end <= len(f.excerpt)
    restated = [f for f in seed_findings if f.rule == "IND003"]
    assert restated and all(f.excerpt[f.excerpt_start:f.excerpt_end] == "100%" for f in restated)


def test_every_index_says_where_it_counts_from():
    for model in (FindingLocation, Finding):
        for name, field in model.model_fields.items():
            if name in {"block", "table", "row", "col", "page", "paragraph", "start", "excerpt_start"}:
                assert re.search(r"[01]-based", field.description or ""), name
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Locations in JSON"):]
    for name in ("block", "table", "row", "col", "page", "paragraph", "excerpt_start"):
        assert f"`{name}`" in section, name


# ------------------------------------------------------------------ pages of a .docx


def _rendered(text: str) -> str:
    return f'<w:p><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _hard_then_rendered(text: str) -> str:
    return ('<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            f'<w:p><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def _table(first_row_page_break: int | None = None) -> str:
    rows = [("类别", "金额（元）"), ("办公费", "12,000.00"), ("印刷费", "18,000.00"), ("合计", "31,000.00")]
    out = []
    for i, (a, b) in enumerate(rows):
        first = tc(a)
        if i == first_row_page_break:
            first = f"<w:tc><w:p><w:r><w:lastRenderedPageBreak/><w:t>{a}</w:t></w:r></w:p></w:tc>"
        out.append(tr(first, tc(b), header=i == 0))
    return tbl(*out, cols=2)


def test_docx_page_from_words_saved_layout(tmp_path):
    body = (p("一、基本情况") + p("本年度支出情况如下。") + _rendered("支出明细见下表。") + _table(first_row_page_break=3)
            + _hard_then_rendered("二、评价结论") + p("预算完成率=（95/100）×100%=96%。"))
    doc = read_document(write_docx(tmp_path / "laid_out.docx", body))
    def page(start: str) -> int | None:
        return next(b.page for b in doc.blocks if b.text.startswith(start))

    assert page("一、基本情况") == 1 and page("本年度支出情况") == 1 and page("支出明细见下表") == 2
    table = next(b.table for b in doc.blocks if b.table is not None)
    assert table.row_pages == [2, 2, 2, 3] and table.pages == [2, 3]
    assert page("二、评价结论") == 4 and page("预算完成率") == 4  # a hard break and Word's own: one page
    findings = check_document(doc).findings
    footing = next(f for f in findings if f.rule == "TBL001")
    assert footing.location.page == 3 and where(footing).endswith("（第3页）")
    formula = next(f for f in findings if f.rule == "FML001")
    assert formula.location.page == 4 and where(formula, "en").endswith("(page 4)")


def test_docx_without_saved_layout_has_no_pages(tmp_path):
    """A file no word processor laid out (written by a program): a hard break alone does not say
    where the pages are, so no page is given rather than a guessed one."""
    body = p("一、基本情况") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + p("预算完成率=（95/100）×100%=96%。")
    doc = read_document(write_docx(tmp_path / "plain.docx", body))
    assert all(b.page is None for b in doc.blocks)
    formula = next(f for f in check_document(doc).findings if f.rule == "FML001")
    assert formula.location.page is None and "页" not in where(formula)


# ------------------------------------------------------------------ section paths


def test_section_path_when_printed_numbering_restarts(tmp_path):
    """A second “1.” list in the same section is no sub-item of the first list's “2.”, and a
    numbering that starts again at “一、” opens a new top section."""
    doc = read_document(build_docx(restarting_lists_spec(), tmp_path / "restart.docx"))
    def section(start: str) -> str:
        return next(b.section for b in doc.blocks if b.text.startswith(start))

    assert section("1.公用经费控制率") == "一、评价结论 › （一）预算执行 › 1.公用经费控制率"
    assert section("一、另一部分") == "一、另一部分"
    assert section("（一）情况") == "一、另一部分 › （一）情况"
    finding = next(f for f in check_document(doc).findings if f.rule == "FML001")
    assert where(finding).startswith("§ （一）预算执行 › 1.公用经费控制率 第1段")


# ------------------------------------------------------------------ captions and table references


@pytest.mark.parametrize(("line", "caption"), [
    ("表3 两年支出对比（单位：万元）", "表3 两年支出对比"),
    ("表12024 年度支出决算表", "表1 2024年度支出决算表"),  # a PDF lost the space after 表1
    ("2019年支出明细表", "2019年支出明细表"),
    ("附表1：基本情况", "附表1：基本情况"),
    ("单位：元", None),
    ("详细见下表：", None),  # a lead-in sentence
    ("5、公用经费控制率", None),
])
def test_caption(line, caption):
    from checks.places import caption_of

    assert caption_of(line) == caption


@pytest.mark.parametrize(("text", "ref"), [
    ("支出结构如表2所示：", "表2"), ("详见附表3和表4。", "表4"), ("共有代表3名参加。", None), ("报表2份已报送。", None),
])
def test_table_reference(text, ref):
    """The nearest “表N” a paragraph names; a caption run into the paragraph above is the caption."""
    from checks.places import table_reference

    assert table_reference(text) == ref


def test_caption_run_into_the_paragraph_above():
    from checks.places import _run_in_caption

    assert _run_in_caption("部分工程尾款结转下年支付。表3 2024年度支出决算表单位：元") == "表3 2024年度支出决算表"
    assert _run_in_caption("支出结构如表3所示。") is None
    assert _run_in_caption("详见表3 2024年度支出决算表") is None  # not after a finished sentence
