"""Formats told from the bytes (never a conversion loop), what was not read said aloud (RDR001 and the
coverage line), and figures written with a full-width comma between thousands.

Fixtures: fixtures/reader_formats.py. The LibreOffice tests run where `soffice` is installed (this
machine, CI); the tests without it put a PATH without soffice in place.
"""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from checks.runner import check_document, check_file
from extractor import ReadError, read_document, sniff_format
from extractor.model import Document, PageProblem, Unread
from extractor.quantities import parse_quantities
from fixtures import hostile
from fixtures import reader_formats as rf
from fixtures.build_docx import build_docx
from fixtures.build_pdf import build_pdf
from tests.builders import settled

ROOT = Path(__file__).resolve().parent.parent
needs_soffice = pytest.mark.skipif(rf.soffice() is None, reason="LibreOffice (soffice) is not installed")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """`audit-check ARGS` in this process (tests/console.py), and how long it took."""
    from tests.console import run as run_cli

    start = time.monotonic()
    result = run_cli(*args, env=env)
    return result, time.monotonic() - start


def no_soffice_env(tmp_path: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PATH": rf.path_without("soffice", tmp_path)}


def sum_findings(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(f.rule, f.location.section, f.stated, settled(f)) for f in result.findings]


WRONG_SUM = [("SUM001", rf.SPENDING_SECTION, Decimal("486.50"), Decimal("476.50"))]


# ---- the format from the bytes -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "fmt"), [
    ("report.docx", b"%PDF-1.7\n", "pdf"),
    ("report.pdf", b"PK\x03\x04rest", "docx"),
    ("report.docx", rf.OLE2_HEADER + b"\0" * 600, "doc"),
    ("report.wps", rf.OLE2_HEADER, "doc"),
    ("report.docx", b"{\\rtf1\\ansi hello}", "rtf"),
    ("report.doc", b"\xef\xbb\xbf\r\n<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body>", "html"),
    ("report.doc", "<!DOCTYPE html>\n<html><body>".encode("utf-16"), "html"),
    ("report", b"<!doctype html><html>", "html"),
])
def test_the_format_comes_from_the_bytes_whatever_the_name(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_bytes(content)
    assert sniff_format(path) == fmt


@pytest.mark.parametrize(("name", "content", "expect"), [
    ("old.doc", b"plain text saved as .doc", "OLE2"),
    ("page.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related;", "MHT"),
    ("w.doc", b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument>', "Word 2003 XML"),
    ("notes.txt", "合计 100 万元".encode(), "不支持的文件类型"),
    ("scan.pdf", b"not a pdf", "不是 PDF"),
])
def test_bytes_of_no_known_format_are_refused_in_one_line(tmp_path, name, content, expect):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert expect in str(info.value) and "\n" not in str(info.value)


# ---- the loop: a converted file is never converted again -----------------------------------------

def test_a_conversion_is_done_once_even_when_its_output_is_its_input(tmp_path, monkeypatch):
    """The old loop: LibreOffice wrote its output under its input's name, the copy was an OLE2 file
    again, sniffed as .doc again, converted again… Now the output is read as .docx, once."""
    import extractor.legacy

    source = tmp_path / "report.docx"
    source.write_bytes(rf.OLE2_HEADER + b"\0" * 4096)
    calls: list[Path] = []

    def convert_to_itself(path: Path, workdir: Path, fmt: str = "doc") -> Path:
        calls.append(path)
        copy = workdir / "source.docx"
        copy.write_bytes(path.read_bytes())
        return copy

    monkeypatch.setattr(extractor.legacy, "convert_to_docx", convert_to_itself)
    with pytest.raises(ReadError):
        read_document(source)
    assert calls == [source]


def test_input_and_output_of_a_conversion_never_share_a_name(tmp_path, monkeypatch):
    """A stand-in soffice records what it was asked: the input is a copy named after its real format,
    the output goes to a folder of its own, the user's file is not touched."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    made = build_docx(rf.spending_report(wrong=True), tmp_path / "made.docx")
    log = tmp_path / "argv.txt"
    fake = bin_dir / "soffice"
    fake.write_text(f"""#!{sys.executable}
import shutil, sys
from pathlib import Path
args = sys.argv[1:]
Path({str(log)!r}).write_text("\\n".join(args))
outdir = Path(args[args.index("--outdir") + 1])
shutil.copyfile({str(made)!r}, outdir / (Path(args[-1]).stem + ".docx"))
""")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    for name, make in (("report.docx", rf.write_rtf), ("page.doc", rf.write_html)):
        user_file = make(rf.spending_report(wrong=True), tmp_path / name)
        before = digest(user_file)
        doc = read_document(user_file)
        args = log.read_text().splitlines()
        source, outdir = Path(args[-1]), Path(args[args.index("--outdir") + 1])
        assert source != user_file and source.suffix in (".rtf", ".html") and outdir != source.parent
        assert (outdir / (source.stem + ".docx")) != source
        assert doc.file == str(user_file) and digest(user_file) == before
        assert sum_findings(check_document(doc)) == WRONG_SUM
        assert not list(tmp_path.rglob("source*"))  # nothing written beside the user's file


def test_libreoffice_that_writes_nothing_gives_one_line(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ReadError, match="未能转换"):
        read_document(rf.write_rtf(rf.spending_report(wrong=False), tmp_path / "r.docx"))


@pytest.fixture(scope="module")
def legacy_docs(tmp_path_factory) -> dict[bool, Path]:
    """Real .doc files, made by LibreOffice from the .docx twins (none where it is not installed)."""
    if rf.soffice() is None:
        return {}
    root = tmp_path_factory.mktemp("legacy")
    out = {}
    for wrong in (True, False):
        source = build_docx(rf.spending_report(wrong), root / ("wrong" if wrong else "right") / "report.docx")
        out[wrong] = rf.libreoffice_copy(source, "doc", root / ("wrong" if wrong else "right") / "doc")
    return out


@needs_soffice
@pytest.mark.parametrize("wrong", [True, False])
@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_a_real_doc_renamed_docx_is_read_once_with_libreoffice(tmp_path, legacy_docs, wrong):
    renamed = tmp_path / "报告.docx"
    renamed.write_bytes(legacy_docs[wrong].read_bytes())
    before = digest(renamed)
    result, took = run(str(renamed), "--format", "json", "--fail-on", "warning")
    assert took < 100, f"{took:.0f} s: a conversion loop?"
    data = json.loads(result.stdout)
    assert data["status"] == "ok" and result.returncode == (1 if wrong else 0), result.stderr
    assert any("扩展名为 .docx" in w and "LibreOffice" in w for w in data["warnings"])
    found = [(f["rule"], f["location"]["section"], f["location"]["block"], f["stated"], settled(f))
             for f in data["findings"]]
    assert found == ([("SUM001", rf.SPENDING_SECTION, 2, 486.5, Decimal("476.50"))] if wrong else [])
    assert digest(renamed) == before and sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]


@pytest.mark.parametrize("name", ["报告.docx", "报告.doc"])
def test_a_real_doc_without_libreoffice_is_one_line_and_exit_2(tmp_path, legacy_docs, name):
    doc_file = tmp_path / name
    # a real .doc where LibreOffice could make one; otherwise an OLE2 file (soffice is looked for first)
    doc_file.write_bytes(legacy_docs[True].read_bytes() if legacy_docs else rf.OLE2_HEADER + b"\0" * 4000)
    before = digest(doc_file)
    result, took = run(str(doc_file), env=no_soffice_env(tmp_path))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "LibreOffice" in lines[0] and "另存为 .docx" in lines[0]
    assert took < 60 and digest(doc_file) == before


def test_without_libreoffice_in_process(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", rf.path_without("soffice", tmp_path))
    for name, make in (("r.docx", rf.write_rtf), ("p.doc", rf.write_html)):
        path = make(rf.spending_report(wrong=True), tmp_path / name)
        with pytest.raises(ReadError, match="需要 LibreOffice"):
            read_document(path)


@pytest.mark.parametrize("soffice_there", [True, False])
@pytest.mark.parametrize("name", ["header.docx", "header.doc"])
def test_a_bare_ole2_header_is_refused_at_once(tmp_path, name, soffice_there):
    if soffice_there and rf.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    bare = tmp_path / name
    bare.write_bytes(rf.OLE2_HEADER)
    result, took = run(str(bare), env=None if soffice_there else no_soffice_env(tmp_path))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr
    assert ("OLE2" in lines[0]) if soffice_there else ("LibreOffice" in lines[0] or "OLE2" in lines[0])
    assert took < 60 and bare.read_bytes() == rf.OLE2_HEADER and sorted(p.name for p in tmp_path.iterdir()) == [name]


@needs_soffice
@pytest.mark.parametrize(("name", "make", "what"), [
    ("报告.docx", rf.write_rtf, "RTF"),
    ("报告.doc", rf.write_html, "网页"),
])
@pytest.mark.parametrize("wrong", [True, False])
@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_rtf_named_docx_and_a_web_page_named_doc_are_checked(tmp_path, name, make, what, wrong):
    path = make(rf.spending_report(wrong), tmp_path / name)
    before = digest(path)
    start = time.monotonic()
    result = check_file(path)
    assert time.monotonic() - start < 100
    assert result.status == "ok", result.error
    assert any(what in w and "LibreOffice" in w for w in result.warnings)
    assert sum_findings(result) == (WRONG_SUM if wrong else [])
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [name]
    if wrong:
        doc = read_document(path)
        block = doc.blocks[result.findings[0].location.block]
        assert block.text == rf.SPENDING.format(repair="164.10")
        assert [b.text for b in doc.blocks if b.table is not None] == [""]  # the table survives as a table


# ---- full-width comma between thousands ----------------------------------------------------------

@pytest.mark.parametrize(("text", "values"), [
    ("合计1，300.00万元", ["1300.00"]),
    ("1，300.00", ["1300.00"]),
    ("支出12，345，678.90元", ["12345678.90"]),
    ("收入1，300万元", ["1300"]),
    ("项目资金1，300元", ["1300"]),
    ("完成率95%，2，000.00元用于购置", ["95", "2000.00"]),
    # a list comma stays a list comma
    ("1，3", ["1", "3"]),
    ("共2，300人", ["2", "300"]),
    ("预算分别为200，300元", ["200", "300"]),
    ("投入5、1，300元", ["5", "1", "300"]),
    ("得分为98.50，100.00", ["98.50", "100.00"]),
    ("1234，300.00元", ["1234", "300.00"]),
])
def test_full_width_thousands_separator(text, values):
    assert [str(q.value) for q in parse_quantities(text)] == values


def test_full_width_thousands_keep_their_span():
    q = parse_quantities("合计1，300.00万元，其中")[0]
    assert q.text == "1，300.00万元" and (q.start, q.end) == (2, 12) and q.decimals == 2


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_full_width_thousands_are_checked(tmp_path, fmt):
    build = build_docx if fmt == "docx" else build_pdf
    wrong = check_document(read_document(build(rf.thousands_report(True), tmp_path / f"wrong.{fmt}")))
    found = sorted((f.rule, f.location.row, f.location.col, f.stated, settled(f)) for f in wrong.findings)
    assert found == [("SUM001", None, None, Decimal("1300.00"), Decimal("1200.00")),
                     ("TBL001", 4, 1, Decimal("1400.00"), Decimal("1300.00"))]
    assert all(f.location.section == "一、部门支出情况" for f in wrong.findings)
    right = check_document(read_document(build(rf.thousands_report(False), tmp_path / f"right.{fmt}")))
    assert right.findings == []


# ---- what was not read ---------------------------------------------------------------------------

def _doc(tmp_path: Path) -> Document:
    return read_document(build_docx(rf.spending_report(wrong=False), tmp_path / "r.docx"))


def test_nothing_unread_means_no_rdr001_and_no_phrase(tmp_path):
    from writers.text import render_text

    result = check_document(_doc(tmp_path))
    assert result.findings == [] and result.coverage.unread == 0 and result.coverage.unread_kinds == {}
    assert "未能读取" not in render_text(result)


def test_every_unread_place_is_named_in_one_info_finding(tmp_path):
    doc = _doc(tmp_path)
    table_block = next(b.index for b in doc.blocks if b.table is not None)
    doc.unread += [Unread(kind="image", block=2, detail="图片（Picture 3）"),
                   Unread(kind="chart", block=table_block, detail="Chart 1"),
                   Unread(kind="equation", block=None),
                   Unread(kind="image", block=len(doc.blocks) + 3)]
    result = check_document(doc)
    (finding,) = [f for f in result.findings if f.rule == "RDR001"]
    assert finding.severity == "info" and finding.name == "reader.unread"
    assert finding.location.block == 0  # the first place: before the first block
    message = finding.message
    assert message.startswith("未能读取 4 处（图片 2、图表 1、公式 1），其中的数字未核对")
    for place in ("正文开头有公式", f"{_paragraph_words(doc, 2)}后有图片（Picture 3）", "处有图表“Chart 1”", "正文末尾有图片"):
        assert place in message
    assert "块" not in message  # a place a reader can find, never a block number
    assert message.index("正文开头") < message.index("后有图片（Picture 3）") < message.index("表1") < message.index("处有图表")
    assert [u["kind"] for u in finding.detail["unread"]] == ["equation", "image", "chart", "image"]
    assert result.coverage.unread == 4 and result.coverage.unread_kinds == {"image": 2, "chart": 1, "equation": 1}
    assert [f.rule for f in result.findings] == ["RDR001"]  # the rest of the report is clean


def test_pages_without_text_are_counted_once(tmp_path):
    doc = _doc(tmp_path)
    doc.page_problems = [PageProblem(page=3, problem="no_text_layer"), PageProblem(page=4, problem="cid_text")]
    doc.unread.append(Unread(kind="page", page=3, detail="没有文字层"))  # a reader that lists the page itself
    result = check_document(doc)
    assert result.coverage.unread == 2 and result.coverage.unread_kinds == {"page": 2}
    (finding,) = result.findings
    assert "第3页没有文字层" in finding.message and "第4页只能读出 (cid:…) 乱码" in finding.message


def test_a_partly_scanned_pdf_says_which_page_was_not_read(tmp_path):
    result = check_file(hostile.partly_scanned_pdf(tmp_path / "half.pdf"))
    assert result.coverage.unread == 1
    (finding,) = [f for f in result.findings if f.rule == "RDR001"]
    assert "第2页" in finding.message


def test_the_coverage_line_of_every_writer_counts_what_was_not_read(tmp_path):
    from writers.html import render_html
    from writers.markdown import render_markdown
    from writers.text import render_jsonl, render_text

    doc = _doc(tmp_path)
    doc.unread += [Unread(kind="image", block=2, detail="图片 1"), Unread(kind="image", block=3),
                   Unread(kind="equation", block=3)]
    result = check_document(doc)
    phrase = "未能读取 3 处（图片 2、公式 1）"
    coverage_line = next(line for line in render_text(result).splitlines() if line.startswith("核查覆盖"))
    assert coverage_line.endswith(phrase)
    assert "3 not read (image 2, equation 1)" in render_text(result, "en")
    assert phrase in render_markdown([result]) and phrase in render_html([result])
    data = json.loads(render_jsonl(result))
    assert data["coverage"]["unread"] == 3 and data["coverage"]["unread_kinds"] == {"image": 2, "equation": 1}


def test_unread_is_counted_whichever_rules_are_selected(tmp_path):
    doc = _doc(tmp_path)
    doc.unread.append(Unread(kind="object", block=1, detail="嵌入对象 Excel.Sheet.12"))
    result = check_document(doc, select={"SUM001"})
    assert result.findings == [] and result.coverage.unread == 1


def test_a_picture_in_a_docx_is_named_end_to_end(tmp_path):
    result = check_file(rf.picture_docx(tmp_path / "picture.docx"))
    assert result.coverage.unread_kinds == {"image": 1}
    (finding,) = result.findings
    assert finding.rule == "RDR001" and "图片" in finding.message
    doc = read_document(tmp_path / "picture.docx")
    caption = next(b.index for b in doc.blocks if b.text == rf.PICTURE_CAPTION)
    assert doc.unread[0].block == caption and f"{_paragraph_words(doc, caption)}后有图片" in finding.message


def _paragraph_words(doc, index: int) -> str:
    """“第k段” of block `index`, counted by hand: the paragraphs of its section up to it."""
    block = doc.blocks[index]
    k = sum(1 for b in doc.blocks[:index + 1] if b.kind == "paragraph" and b.section == block.section)
    return f"第{k}段"


def test_annotate_refuses_a_doc_under_a_docx_name(tmp_path):
    """Comments go into the input's own package; a .doc renamed .docx has none to write into."""
    renamed = tmp_path / "report.docx"
    renamed.write_bytes(rf.OLE2_HEADER + b"\0" * 4000)
    result, _ = run(str(renamed), "--annotate", str(tmp_path / "out.docx"))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "--annotate" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
