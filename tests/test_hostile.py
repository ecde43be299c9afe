"""Bad and hostile input: each file is fed to the command line; the exit code, the one-line
message and the untouched input are asserted."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tracemalloc
from pathlib import Path

import pytest

from fixtures import hostile
from tests.console import run, run_process  # run: in this process; run_process: a real `audit-check` process

ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, *args: str, expect: str) -> subprocess.CompletedProcess[str]:
    before = digest(path)
    # a real process: the exit code a shell sees, the whole stderr (one line: no traceback, no library
    # warning), a parser that crawls stopped by the time limit's signal, memory that is the process's own
    result = run_process(str(path), *args)
    assert result.returncode == 2, (result.stdout[-500:], result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert digest(path) == before
    return result


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = hostile.zip_bomb_docx(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 10 * 2**20
    refused(bomb, expect="压缩炸弹")


def test_entity_expansion_is_refused(tmp_path, samples):
    refused(hostile.entity_bomb_docx(samples / "dept_overall.docx", tmp_path / "laughs.docx"), expect="实体")


def test_parser_that_crawls_hits_the_time_budget(tmp_path):
    result = refused(hostile.crawling_pdf(tmp_path / "crawl.pdf"), "--timeout", "2", expect="时限")
    assert "per-file time limit" in result.stderr


@pytest.mark.parametrize(("make", "expect"), [
    (lambda d, s: hostile.truncated(s / "dept_overall.docx", d / "cut.docx"), "损坏"),
    (lambda d, s: hostile.encrypted_pdf(d / "locked.pdf"), "加密"),
    (lambda d, s: hostile.cid_pdf(d / "cid.pdf"), "cid"),
    (lambda d, s: hostile.image_only_pdf(d / "scan.pdf"), "没有文字层"),
    (lambda d, s: (d / "zero.pdf").write_bytes(b"") or d / "zero.pdf", "文件为空"),
], ids=["truncated zip", "encrypted pdf", "cid text", "image-only", "zero bytes"])
def test_unreadable_files(tmp_path, samples, make, expect):
    refused(make(tmp_path, samples), expect=expect)


def test_scanned_pages_are_named_and_the_ocr_extra_suggested(tmp_path):
    from extractor.ocr import ocr_available

    # blank grey pages: with the OCR extra there is still nothing to read, and it says so
    expect = "OCR 也未识别出文字" if ocr_available() else "audit-check[ocr]"
    result = refused(hostile.image_only_pdf(tmp_path / "scan.pdf", pages=3), expect=expect)
    assert "第 1-3 页" in result.stderr


@pytest.mark.slow  # 10,001 figures read and footed under tracemalloc (every allocation traced, ~3× slower): the size and the measured peak are the point
def test_ten_thousand_rows_are_read_and_footed_in_bounded_memory(tmp_path):
    from checks.runner import check_document
    from extractor import read_document

    path = hostile.big_table_docx(tmp_path / "big.docx")
    before = digest(path)
    tracemalloc.start()
    result = check_document(read_document(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.coverage.figures == 10_001 and result.coverage.tables == 1
    assert peak < 300 * 2**20, peak
    assert digest(path) == before


def test_deeply_nested_tables(tmp_path):
    path = hostile.nested_tables_docx(tmp_path / "nested.docx", depth=60)
    before = digest(path)
    result = run("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    tables = [b for b in json.loads(result.stdout)["blocks"] if b["table"]]  # each nested one its own block
    assert len(tables) == 61 and all(b["table"]["nested_in"]["block"] == b["index"] - 1 for b in tables[1:])
    assert digest(path) == before
    deeper = hostile.nested_tables_docx(tmp_path / "deeper.docx", depth=400)
    outcome = run_process(str(deeper))  # a real process: its own stack and recursion limit, its whole stderr
    # deeper than the XML parser's nesting limit: refused with one line, not a crash
    assert outcome.returncode == 2 and "Traceback" not in outcome.stderr
    assert outcome.stdout == ""
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1 and "deeper.docx" in lines[0] and "无法解析" in lines[0], lines


def test_rows_with_inconsistent_grids(tmp_path):
    path = hostile.ragged_table_docx(tmp_path / "ragged.docx")
    before = digest(path)
    result = run("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert run(str(path)).returncode in (0, 1) and digest(path) == before
    table = json.loads(result.stdout)["blocks"][0]["table"]
    assert table["n_cols"] >= 7 and table["n_rows"] == 5


def test_file_names_that_are_not_utf8(tmp_path, samples):
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/\xff\xfe\xb0\xec.docx"))
    shutil.copy(samples / "dept_overall.docx", odd)
    result = run_process(str(odd))  # a real process: the name printed to a real stdout/stderr
    assert result.returncode == 0 and "Traceback" not in result.stderr
    broken = Path(os.fsdecode(bytes(tmp_path) + b"/\xb2\xe2\xca\xd4.docx"))
    broken.write_bytes(b"not a zip")
    assert run_process(str(broken)).returncode == 2


def test_unwritable_outputs(tmp_path, samples):
    locked = tmp_path / "locked"
    locked.mkdir()
    for option, name in (("--summary", "s.xlsx"), ("--annotate", "a.docx"), ("-o", "r.json")):
        result = run(str(samples / "dept_overall_errors.docx"), option, str(tmp_path / "missing" / name))
        assert result.returncode == 2 and "无法写入" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_legacy_doc_is_converted_when_libreoffice_is_there(tmp_path, samples):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc conversion is not exercised")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(samples / "dept_overall_errors.docx")], capture_output=True, timeout=180)
    doc = tmp_path / "dept_overall_errors.doc"
    before = digest(doc)
    result = run(str(doc), "--format", "json")
    data = json.loads(result.stdout)
    assert data["status"] == "ok" and any("LibreOffice" in w for w in data["warnings"])
    direct = json.loads(run(str(samples / "dept_overall_errors.docx"), "--format", "json").stdout)
    assert {"FML001", "SCR001"} <= {f["rule"] for f in data["findings"]}
    assert [(f["rule"], f["stated"]) for f in data["findings"]] == [(f["rule"], f["stated"]) for f in direct["findings"]]
    assert digest(doc) == before and not list(tmp_path.glob("input*"))


def test_legacy_doc_without_libreoffice_says_how_to_install(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    env = {**os.environ, "PATH": str(tmp_path)}
    result = run(str(doc), env=env)
    assert result.returncode == 2 and "LibreOffice" in result.stderr and "apt-get install" in result.stderr
    fake = tmp_path / "fake.doc"
    fake.write_bytes(b"plain text saved as .doc")
    assert "OLE2" in run(str(fake)).stderr
