"""`audit-check extract` and what every command does with bad input: one line, exit 2, input untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from fixtures import hostile
from tests.console import run, run_process

__all__ = ["run"]  # (other CLI tests take `run` from here: in this process, tests/console.py)


def test_extract_json_shape(samples):
    result = run("extract", str(samples / "dept_overall.docx"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "docx"
    kinds = {b["kind"] for b in data["blocks"]}
    assert kinds == {"heading", "paragraph", "table"}
    table = next(b for b in data["blocks"] if b["kind"] == "table")
    assert {"n_rows", "n_cols", "unit", "cells"} <= set(table["table"])
    assert table["table"]["unit"] == "万元"
    assert {"row", "col", "rowspan", "colspan", "text"} <= set(table["table"]["cells"][0])
    assert all({"page", "section", "text"} <= set(b) for b in data["blocks"])
    money = [q for q in data["quantities"] if q.get("unit") == "万元"]
    assert any(q["value"] == "471.28" for q in money)
    # table figures carry their row and column, and the unit the caption declared
    cell_figures = [q for q in data["quantities"] if q["location"]["kind"] == "table"]
    assert any(q["implied_unit"] == "万元" and q["location"]["row"] == 1 for q in cell_figures)
    # classification codes in the 科目编码 column are not figures
    assert not any(q["value"] == "2130101" for q in data["quantities"])


def test_extract_json_shows_each_tables_row_tree_and_the_score_tables_indicators(samples):
    data = json.loads(run("extract", str(samples / "dept_overall.docx"), "--format", "json").stdout)
    cells = {b["index"]: {(c["row"], c["col"]): c["text"] for c in b["table"]["cells"]}
             for b in data["blocks"] if b["kind"] == "table"}
    subjects = data["tables"][0]
    by_parent = {g["label"]: g for g in subjects["row_tree"]["groups"]}
    # the 款 农业农村 (21301) holds the 项 coded 21301xx below it, on the evidence of the codes
    kuan = by_parent["农业农村"]
    assert kuan["how"] == "code" and kuan["certain"]
    grid = cells[subjects["block"]]
    codes = [next(t for (r, c), t in grid.items() if r == k and c == 0) for k in kuan["children"]]
    assert codes and all(code.startswith("21301") and len(code) == 7 for code in codes)
    score = next(t for t in data["tables"] if t.get("score_table"))
    assert score["row_tree"] is None
    top = score["score_table"]["indicators"]
    assert [n["name"] for n in top] == ["投入", "过程", "产出", "效果"]
    assert sum(int(n["weights"][0]["value"]) for n in top) == 100
    leaves = [leaf for n in top for child in n["children"] for leaf in (child["children"] or [child])]
    assert all(leaf["score"] is not None for leaf in leaves)
    assert len(score["evaluation"]["rows"]) == len(leaves)


def test_extract_pdf_has_pages(samples):
    data = json.loads(run("extract", str(samples / "dept_overall.pdf")).stdout)
    assert data["format"] == "pdf"
    assert data["n_pages"] >= 3
    assert all(b["page"] >= 1 for b in data["blocks"])


def _bad_inputs(tmp: Path, samples: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.docx").write_bytes(b"")
    (tmp / "notes.txt").write_text("合计 100 万元", encoding="utf-8")
    (tmp / "fake.docx").write_text("this is not a zip", encoding="utf-8")
    (tmp / "folder").mkdir()
    return {
        "missing": (tmp / "nope.docx", "文件不存在"),
        "directory": (tmp / "folder", "目录"),
        "empty": (tmp / "empty.docx", "文件为空"),
        "unknown": (tmp / "notes.txt", "不支持的文件类型"),
        "not a zip": (tmp / "fake.docx", "不是有效的 .docx"),
        "truncated": (hostile.truncated(samples / "dept_overall.docx", tmp / "cut.docx"), "损坏"),
        "encrypted": (hostile.encrypted_pdf(tmp / "locked.pdf"), "加密"),
        "image only": (hostile.image_only_pdf(tmp / "scan.pdf"), "没有文字层"),
        "cid": (hostile.cid_pdf(tmp / "cid.pdf"), "cid"),
        "truncated pdf": (hostile.truncated(samples / "dept_overall.pdf", tmp / "cut.pdf", 0.3), "PDF"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "unknown", "not a zip", "truncated",
                                  "encrypted", "image only", "cid", "truncated pdf"])
def test_bad_input_gets_one_line_and_exit_2(tmp_path, samples, case):
    path, expected = _bad_inputs(tmp_path, samples)[case]
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    # a real process: its whole stderr, as a terminal shows it, is the one line (no traceback, and no
    # library warning or log line, which in-process would go to pytest instead)
    result = run_process("extract", str(path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert "（" in lines[0] and "）" in lines[0]  # the English gist in brackets
    if before is not None:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_version_is_quick_to_answer():
    result = run_process("--version")  # the installed console script, started as a shell starts it
    assert result.returncode == 0
    assert result.stdout.startswith("audit-check ")
