"""PDF body text in reading order (issue 12): running heads and page numbers, page breaks, columns,
watermarks, superscripts, letter-spaced and wrapped figures, images and pages without text.
Each planted error is found only when the page is read right; each correct twin gives no finding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.runner import check_file
from extractor import read_document
from fixtures import reader_pdf_text as R
from tests.builders import settled


def _sums(path):
    """SUM001 findings as (block text, stated, expected)."""
    result = check_file(path)
    doc = read_document(path)
    return [(doc.blocks[f.location.block].text, f.stated, settled(f)) for f in result.findings if f.rule == "SUM001"]


def _assert_planted(tmp_path, build, **kwargs):
    wrong = build(tmp_path / "wrong.pdf", True, **kwargs)
    right = build(tmp_path / "right.pdf", False, **kwargs)
    found = _sums(wrong)
    assert len(found) == 1, found
    text, stated, expected = found[0]
    assert "其中基本支出" in text and "项目支出" in text  # the whole sentence, read as one
    assert _sums(right) == []
    return text, stated, expected


@pytest.mark.parametrize("folio", sorted(R.FOLIOS))
def test_a_page_number_outside_the_margin_band_does_not_cut_the_sentence(tmp_path, folio):
    text, stated, expected = _assert_planted(tmp_path, R.page_break_sentence, folio=folio)
    assert (stated, expected) == (Decimal("471.28"), Decimal("481.28"))
    doc = read_document(tmp_path / "right.pdf")
    sentence = next(b for b in doc.blocks if "其中基本支出" in b.text)
    assert sentence.pages == [1, 2]
    assert sentence.text.endswith("项目支出152.82万元。") and "页" not in sentence.text and "—" not in sentence.text
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "青禾县农业技术推广站2025年度绩效自评报告"  # the title, not taken for the running head it repeats
    assert texts.count("青禾县农业技术推广站2025年度绩效自评报告") == 1
    assert doc.blocks[1].kind == "heading" and doc.blocks[1].text == "一、基本情况"
    assert sentence.section == doc.blocks[1].section


def test_a_running_head_that_never_repeats_does_not_cut_the_sentence(tmp_path):
    """Word's “different first page”: the head is on page 2 only, between the sentence's two halves."""
    _assert_planted(tmp_path, R.page_break_sentence, head_from=2)


@pytest.mark.parametrize("rule", [True, False])
def test_a_running_head_on_a_one_page_pdf_is_not_body_text(tmp_path, rule):
    text, stated, expected = _assert_planted(tmp_path, R.one_page_with_head, rule=rule)
    doc = read_document(tmp_path / "right.pdf")
    assert [b.text[:6] for b in doc.blocks[:3]] == ["青禾县农业技", "一、基本情况", "本年度支出总"]
    assert not any("预算绩效管理材料" in b.text for b in doc.blocks)


def test_two_columns_are_read_one_after_the_other(tmp_path):
    text, stated, expected = _assert_planted(tmp_path, R.two_columns)
    assert (stated, expected) == (Decimal("471.28"), Decimal("481.28"))
    doc = read_document(tmp_path / "right.pdf")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "青禾县农业技术推广站2025年度绩效自评报告"
    assert texts[1].startswith("一、基本情况。" + R.FILLER) and texts[1].endswith(R.breakdown(False))
    assert texts[2] == "二、绩效目标。" + R.FILLER


@pytest.mark.parametrize("kind", ["rotated", "light", "large"])
def test_a_watermark_across_the_sentence_is_not_read(tmp_path, kind):
    _assert_planted(tmp_path, R.watermarked, kind=kind)
    doc = read_document(tmp_path / "right.pdf")
    assert R.breakdown(False) in [b.text for b in doc.blocks]
    assert not any(w in b.text for b in doc.blocks for w in ("保密", "样稿", "内部资料"))
    assert doc.blocks[0].text == "青禾县农业技术推广站2025年度绩效自评报告"


def test_a_footnote_mark_is_kept_off_the_figure(tmp_path):
    text, stated, expected = _assert_planted(tmp_path, R.superscript_mark)
    assert (stated, expected) == (Decimal("388.46"), Decimal("378.46"))  # 318.46 + 60, not + 601
    assert "项目支出60万元" in text
    doc = read_document(tmp_path / "right.pdf")
    assert any(b.text.startswith("1项目支出含上年结转资金") for b in doc.blocks)  # the footnote itself stays


def test_letter_spaced_figures_are_one_figure_and_columns_of_figures_stay_apart(tmp_path):
    text, stated, expected = _assert_planted(tmp_path, R.letter_spaced)
    assert "总计471.28万元" in text and "基本支出318.46万元" in text
    doc = read_document(tmp_path / "right.pdf")
    texts = [b.text for b in doc.blocks]
    assert "100 200 300" in texts and "1 2 3" in texts  # figures in columns are not glued, rows not joined


def test_a_figure_wrapped_at_the_line_end_is_one_figure(tmp_path):
    text, stated, expected = _assert_planted(tmp_path, R.wrapped_number)
    assert (stated, expected) == (Decimal("1260824.00"), Decimal("1360824.00"))


def test_an_image_in_the_body_is_named_as_not_read_and_a_logo_is_not(tmp_path):
    doc = read_document(R.with_images(tmp_path / "img.pdf"))
    assert [(u.kind, u.page) for u in doc.unread] == [("image", 1)]
    block = doc.blocks[doc.unread[0].block]
    assert block.text == R.breakdown(False)  # the picture sits after this paragraph
    assert not doc.page_problems


def test_a_page_without_a_text_layer_is_named_as_not_read(tmp_path):
    doc = read_document(R.with_images(tmp_path / "scan.pdf", scanned_page=True))
    assert [p.page for p in doc.page_problems] == [2]
    pages = [u for u in doc.unread if u.kind == "page"]
    assert [(u.page, u.detail) for u in pages] == [(2, "没有文字层")]
    assert doc.blocks[pages[0].block].page == 1  # after the last block of page 1
    assert doc.blocks[pages[0].block + 1].text == "三、下一步工作"


def test_a_one_page_pdf_without_a_running_head_keeps_its_first_line(tmp_path):
    """No false running head: a short first line in body size, set off by a gap, is the body's."""
    from reportlab.pdfgen import canvas

    from fixtures.build_pdf import FONT, _register

    _register()
    path = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(path), pagesize=(R.W, R.H))
    c.setFont(FONT, 12)
    c.drawString(R.LEFT, R.H - 80, "关于2025年度项目支出的说明")
    for k, line in enumerate(R.wrap(R.breakdown(True) + R.FILLER)):
        c.drawString(R.LEFT + (24 if k == 0 else 0), R.H - 130 - 20 * k, line)
    c.save()
    doc = read_document(path)
    assert doc.blocks[0].text == "关于2025年度项目支出的说明"
    assert len(_sums(path)) == 1


def test_a_unit_line_over_a_table_at_the_top_of_every_page_is_kept(tmp_path):
    """Repeated at the top of two pages, but set close over a ruled table: the table's unit, not a head."""
    for wrong in (True, False):
        path = R.captions_over_tables(tmp_path / f"t{wrong}.pdf", wrong)
        doc = read_document(path)
        tables = [t for _, t in doc.tables()]
        assert len(tables) == 2 and all(t.unit == "万元" for t in tables)
        second = next(b.index for b in doc.blocks if b.table is tables[1])
        found = [(f.rule, f.location.block, f.stated) for f in check_file(path).findings if f.rule.startswith("TBL")]
        assert found == ([("TBL001", second, Decimal("33.00"))] if wrong else [])


@pytest.mark.parametrize("columns", [False, True])
@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_a_gbt9704_report_laid_out_by_libreoffice(tmp_path, columns):
    """The same features from a second producer: page numbers “— N —” 14 pt under the text block and a
    running head (not in a 7.5 % band), sentences running over page and column breaks."""
    import shutil

    from extractor.text import squash
    from fixtures.build import libreoffice_pdf

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    for wrong in (True, False):
        pdf = libreoffice_pdf(R.gbt9704_docx(tmp_path / f"r{wrong}.docx", wrong, columns), tmp_path / f"r{wrong}.pdf")
        assert pdf is not None
        doc = read_document(pdf)
        texts = [squash(b.text) for b in doc.blocks]
        assert texts == ["青禾县农业技术推广站2025年度绩效自评报告", "一、基本情况", *R.many_breakdowns(wrong)]
        found = [f for f in check_file(pdf).findings if f.rule == "SUM001"]
        assert sorted(f.location.block for f in found) == (list(range(2, 38)) if wrong else [])
        if not columns:
            assert any(len(b.pages) == 2 for b in doc.blocks)  # a sentence over a page break, read as one


def test_pairs_of_fields_on_a_one_column_page_are_read_row_by_row(tmp_path):
    """Label–value pairs set in two aligned groups (a form's head) are not two columns of prose."""
    from reportlab.pdfgen import canvas

    from fixtures.build_pdf import FONT, _register

    _register()
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=(R.W, R.H))
    c.setFont(FONT, 12)
    pairs = [("项目名称：甲项目", "负责人：张某某"), ("主管部门：乙部门", "联系电话：1234"), ("实施单位：丙单位", "填报日期：三月"),
             ("资金来源：财政拨", "预算金额：50万"), ("项目类别：丁类别", "实施年度：今年")]
    for k, (a, b) in enumerate(pairs):
        c.drawString(R.LEFT, R.H - 100 - 20 * k, a)
        c.drawString(R.LEFT + 260, R.H - 100 - 20 * k, b)
    for k, line in enumerate(R.wrap(R.FILLER * 2)):
        c.drawString(R.LEFT + (24 if k == 0 else 0), R.H - 220 - 20 * k, line)
    c.save()
    texts = [b.text for b in read_document(path).blocks]
    assert texts[:5] == [f"{a} {b}" for a, b in pairs]
