"""What a .docx holds besides runs, read where Word shows it: text boxes, nested tables, OMML
equations, footnotes and endnotes, altChunk parts; pictures, charts, SmartArt and OLE objects
reported as not read. Each report is built twice (fixtures/reader_docx_objects.py): its arithmetic
holds (no finding), or one planted error that only a right reading finds, at the right place."""

from __future__ import annotations

import pytest

from checks.runner import check_document
from extractor import read_document
from extractor.docx_objects import equation_text
from fixtures import reader_docx_objects as fx
from tests.builders import settled


def _read(tmp_path, name: str, wrong: bool):
    path = fx.BUILDERS[name](tmp_path / f"{name}{'_wrong' if wrong else ''}.docx", wrong)
    doc = read_document(path)
    return doc, check_document(doc)


def _arithmetic(result) -> list:  # type: ignore[no-untyped-def]
    """The findings on the figures (RDR001 only says what was not read: tested with `doc.unread`)."""
    return [f for f in result.findings if f.rule != "RDR001"]


def _found(result) -> set[tuple]:
    return {(f.rule, f.location.block, f.location.row, f.location.col, str(f.stated), str(settled(f)))
            for f in _arithmetic(result)}


def _texts(doc) -> list[str]:
    return [b.text if b.table is None else "<table>" for b in doc.blocks]


# ---- text boxes ---------------------------------------------------------------------------------

def test_text_box_is_read_after_its_sentence_once_with_its_table(tmp_path):
    doc, result = _read(tmp_path, "textbox", wrong=False)
    texts = _texts(doc)
    sentence = "项目总投资60.00万元，其中设备购置35.00万元、安装调试15.00万元、培训10.00万元。"
    i = texts.index(sentence)  # the box is not spliced into the sentence it is anchored in
    assert texts[i + 1:i + 3] == ["资金构成见下表（单位：万元）。", "<table>"]  # its own blocks, right after
    assert sum(t.count("资金构成见下表") for t in texts) == 1  # Choice and Fallback hold it: read once
    box_table = doc.blocks[i + 2].table
    assert box_table.rows_text()[-1] == ["合计", "60.00"] and box_table.unit == "万元"
    costs = [b.table for b in doc.blocks if b.table is not None][1]
    assert costs.rows_text()[2] == ["安装调试", "15.00"]  # a box in a cell: its text once, in that cell
    assert doc.blocks[i + 1].kind == "paragraph" and doc.blocks[i + 1].section == doc.blocks[i].section
    assert not _arithmetic(result) and not doc.unread


def test_text_box_errors_are_found_where_they_sit(tmp_path):
    doc, result = _read(tmp_path, "textbox", wrong=True)
    sentence = next(b for b in doc.blocks if b.text.startswith("项目总投资"))
    box_table, costs = [b for b in doc.blocks if b.table is not None]
    assert box_table.index == sentence.index + 2 and box_table.section == "一、项目资金情况"
    assert _found(result) == {
        ("SUM001", sentence.index, None, None, "60.00", "59.00"),  # the sentence, no longer cut by the box
        ("TBL001", box_table.index, 4, 1, "61.00", "60.00"),  # the table inside the text box
        ("TBL001", costs.index, 4, 1, "61.00", "60.00"),  # 安装调试 15.00 read from its cell's text box
    }


# ---- nested tables ------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", [False, True])
def test_nested_table_is_its_own_table_and_is_checked(tmp_path, wrong):
    doc, result = _read(tmp_path, "nested", wrong)
    form, inner = [b for b in doc.blocks if b.table is not None]
    assert inner.index == form.index + 1 and inner.section == form.section
    assert (inner.table.nested_in.block, inner.table.nested_in.row, inner.table.nested_in.col) == (form.index, 2, 1)
    assert "第3行第2列" in inner.table.caption
    assert form.table.rows_text()[2] == ["资金来源", ""]  # its text is not counted again in the parent cell
    assert not any(c.tables for c in form.table.cells)
    assert inner.table.rows_text()[1] == ["财政拨款", "40.00"]
    if wrong:
        assert _found(result) == {("TBL001", inner.index, 3, 1, "61.00", "60.00")}
    else:
        assert not _arithmetic(result)


# ---- equations ----------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", [False, True])
def test_equation_is_read_as_linear_text_and_recomputed(tmp_path, wrong):
    doc, result = _read(tmp_path, "equation", wrong)
    rate = "96.78%" if wrong else "96.87%"
    formula = next(b for b in doc.blocks if b.text.startswith("预算执行率"))
    assert formula.text == f"预算执行率=(实际支出/预算数)×100%=(471.28/486.50)×100%={rate}"
    assert "按权重计算：得分=20×(96.87%)" in _texts(doc)  # m:d brackets
    matrix_para = next(b for b in doc.blocks if b.text.startswith("指标关系矩阵"))
    assert [(u.kind, u.block) for u in doc.unread] == [("equation", matrix_para.index)]  # a matrix: said, not guessed
    if wrong:
        assert _found(result) == {("FML001", formula.index, None, None, "96.78", "96.87")}
    else:
        assert not _arithmetic(result)


def _omml(xml: str):
    from docx.oxml import parse_xml

    return parse_xml(f'<m:oMath xmlns:m="{fx.NAMESPACES["m"]}" xmlns:w="{fx.NAMESPACES["w"]}">{xml}</m:oMath>')


@pytest.mark.parametrize(("xml", "text"), [
    (fx.m_sup(fx.m_run("x"), fx.m_run("2")) + fx.m_run("+1"), "x^2+1"),
    (fx.m_frac(fx.m_run("a+b"), fx.m_run("2")), "((a+b)/2)"),
    (fx.m_sum(fx.m_run("i=1"), fx.m_run("3"), fx.m_run("x")), "∑_(i=1)^3(x)"),
    ("<m:sSub><m:e>" + fx.m_run("P") + "</m:e><m:sub>" + fx.m_run("实际") + "</m:sub></m:sSub>", "P_实际"),
    ('<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e>' + fx.m_run("1") + "</m:e><m:e>"
     + fx.m_run("2") + "</m:e></m:d>", "[1|2]"),
    ("<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>" + fx.m_run("4") + "</m:e></m:rad>", "√(4)"),
])
def test_equation_shapes(xml, text):
    assert equation_text(_omml(xml)) == text


def test_equation_with_a_matrix_is_not_rendered():
    assert equation_text(_omml(fx.m_matrix(["1", "2"], ["3", "4"]))) is None


# ---- footnotes and endnotes ---------------------------------------------------------------------

@pytest.mark.parametrize("wrong", [False, True])
def test_footnotes_after_their_paragraph_endnotes_at_the_end(tmp_path, wrong):
    doc, result = _read(tmp_path, "footnote", wrong)
    texts = _texts(doc)
    i = texts.index("项目总投资60.00万元，其中设备购置35.00万元、安装调试15.00万元、培训10.00万元。")  # no 60.001
    note = doc.blocks[i + 1]
    assert note.text.startswith("脚注1：总投资含预备费5.00万元") and note.section == doc.blocks[i].section
    assert texts[-1] == "尾注1：资金到位情况以财政国库支付系统数据为准。"  # where Word prints endnotes
    assert "资金到位率100%。" in texts  # the endnote mark is not glued to 100%
    if wrong:
        assert _found(result) == {("SUM001", note.index, None, None, "5.00", "6.00")}
    else:
        assert not _arithmetic(result)


def test_footnote_in_a_table_cell_follows_the_table(tmp_path):
    body = fx._report(fx.table([["项目", "金额（万元）"], ["设备购置", "<w:p>" + fx.run("35.00") + fx.note_ref("footnote", 2)
                                                          + "</w:p>"], ["合计", "35.00"]]))
    doc = read_document(fx.write(tmp_path / "cell_note.docx", body, footnotes={2: ["含运输费1.00万元。"]}))
    table = next(b for b in doc.blocks if b.table is not None)
    assert table.table.rows_text()[1] == ["设备购置", "35.00"]
    assert doc.blocks[table.index + 1].text == "脚注1：含运输费1.00万元。"


# ---- altChunk -----------------------------------------------------------------------------------

def test_altchunk_content_is_read_in_place(tmp_path):
    doc, result = _read(tmp_path, "altchunk", wrong=False)
    texts = _texts(doc)
    assert texts[texts.index("一、培训支出情况") + 1].startswith("2025年培训支出合计12.00万元")  # HTML
    html_table = doc.blocks[texts.index("一、培训支出情况") + 2].table
    assert html_table.rows_text()[-1] == ["合计", "12.00"] and html_table.header_rows == 1
    assert not any("99.99" in t for t in texts)  # script is not visible text
    assert texts[texts.index("二、差旅支出情况") + 1] == "差旅费合计3.00万元，其中交通费2.00万元、住宿费1.00万元。"  # text
    assert texts[texts.index("三、培训经费明细") + 1:texts.index("三、培训经费明细") + 3] == [
        "培训经费明细如下（单位：万元）：", "<table>"]  # another .docx, through the same reader
    assert not _arithmetic(result)


def test_altchunk_errors_are_found_in_place(tmp_path):
    doc, result = _read(tmp_path, "altchunk", wrong=True)
    html_table, docx_table = [b for b in doc.blocks if b.table is not None]
    assert html_table.section == "一、培训支出情况" and docx_table.section == "三、培训经费明细"
    assert _found(result) == {("TBL001", html_table.index, 4, 1, "13.00", "12.00"),
                              ("TBL001", docx_table.index, 3, 1, "11.00", "10.00")}


def test_rtf_altchunk_without_libreoffice_is_reported_unread(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda *_: None)
    doc, _ = _read(tmp_path, "altchunk", wrong=False)
    heading = next(b for b in doc.blocks if b.text == "四、会议支出情况")
    assert [(u.kind, u.block) for u in doc.unread] == [("altchunk", heading.index)]
    assert "RTF" in doc.unread[0].detail and not any("会议费" in b.text for b in doc.blocks)


@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_rtf_altchunk_through_libreoffice(tmp_path):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    doc, _ = _read(tmp_path, "altchunk", wrong=False)
    texts = _texts(doc)
    assert texts[texts.index("四、会议支出情况") + 1] == "会议费合计5.00万元，其中场租3.00万元、餐费2.00万元。"
    assert not doc.unread


# ---- what cannot be read ------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", [False, True])
def test_pictures_charts_smartart_and_objects_are_named_as_unread(tmp_path, wrong):
    doc, result = _read(tmp_path, "unread", wrong)
    at = {b.text: b.index for b in doc.blocks}
    table = next(b for b in doc.blocks if b.table is not None)
    assert [(u.kind, u.block, u.detail) for u in doc.unread] == [
        ("image", at["项目实施流程如下图所示。"], "图片（图片 1：项目实施流程图）"),
        ("chart", at["支出结构见图表："], "图表（图表 2）"),
        ("other", at[next(t for t in at if t.startswith("公用经费"))], "SmartArt 图形（SmartArt 3）"),
        ("object", table.index, "嵌入对象 Excel.Sheet.12（表格第2行第2列）"),
    ]
    sentence = next(b for b in doc.blocks if b.text.startswith("公用经费"))
    if wrong:
        assert _found(result) == {("SUM001", sentence.index, None, None, "10.00", "11.00")}
    else:
        assert not _arithmetic(result)


def test_plain_document_has_nothing_unread(samples):
    for path in sorted(samples.glob("*.docx")):
        assert read_document(path).unread == []


def test_vml_text_box_and_a_box_inside_a_box(tmp_path):
    """An older VML-only text box (w:pict, no AlternateContent) and a box anchored inside a box."""
    vml = ('<w:r><w:pict><v:shape id="b" type="#_x0000_t202"><v:textbox><w:txbxContent>'
           + fx.para("办公费8.00万元。") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    inner = fx.text_box("印刷费2.00万元。", name="文本框 9")
    outer = fx.text_box(fx.para(fx.run("公用经费10.00万元。"), inner), name="文本框 8")
    body = fx._report(fx.para(fx.run("支出明细如下。"), vml), fx.para(fx.run("说明："), outer))
    doc = read_document(fx.write(tmp_path / "vml.docx", body))
    assert _texts(doc)[1:] == ["支出明细如下。", "办公费8.00万元。", "说明：", "公用经费10.00万元。", "印刷费2.00万元。"]
    assert not doc.unread


def test_comments_on_box_table_nested_table_and_footnote_land_in_the_document(tmp_path):
    """--annotate anchors each finding in the main document: in the text box's table, in the nested
    table's cell, and on the footnote's mark (the notes part is read from a copy)."""
    import zipfile

    from lxml import etree

    from tests.test_annotate import anchored_texts
    from tests.test_cli_extract import run

    w = "{" + fx.NAMESPACES["w"] + "}"
    for name, n_comments, inside in (("textbox", 3, "txbxContent"), ("nested", 1, "tc"), ("footnote", 1, None)):
        path = fx.BUILDERS[name](tmp_path / f"{name}.docx", True)
        out = tmp_path / f"{name}_annotated.docx"
        assert run(str(path), "--annotate", str(out)).returncode == 1
        texts = anchored_texts(out)
        assert len(texts) == n_comments
        with zipfile.ZipFile(out) as z:
            starts = list(etree.fromstring(z.read("word/document.xml")).iter(w + "commentRangeStart"))
        if inside == "txbxContent":  # the box's table error is marked inside the box
            assert any(any(a.tag == w + "txbxContent" for a in s.iterancestors()) for s in starts)
        elif inside == "tc":  # inside the nested table, which sits in a cell of the form
            assert all(sum(a.tag == w + "tbl" for a in s.iterancestors()) == 2 for s in starts)
        else:  # on the footnote mark, right after 60.00万元
            assert len(starts) == 1 and starts[0].getnext().find(w + "footnoteReference") is not None
