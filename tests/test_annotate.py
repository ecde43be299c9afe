"""--annotate: a copy of the .docx with a Word comment on the figure (or cell) of every finding."""

from __future__ import annotations

import hashlib
import json
import zipfile
from decimal import Decimal

from lxml import etree

from extractor.quantities import parse_quantities
from tests.test_cli_extract import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_texts(path) -> dict[str, str]:
    """comment id -> the document text between its range start and end, read back from the file."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            done[cid] = "".join(open_ranges.pop(cid, []))
        elif el.tag == W + "t":
            for parts in open_ranges.values():
                parts.append(el.text or "")
    return done


def comments(path) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {c.get(W + "id"): (c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
            for c in root.iter(W + "comment")}


def test_annotated_copy_round_trips(samples, tmp_path):
    source = samples / "dept_overall_errors.docx"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "annotated.docx"
    result = run(str(source), "--annotate", str(out), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the submission is untouched
    texts, notes = anchored_texts(out), comments(out)
    assert len(notes) == len(findings) and all(author == "audit-check" for author, _ in notes.values())
    for f in findings:
        cid = next(cid for cid, (_, body) in notes.items() if f["rule"] in body and f["message"] in body)
        anchored = texts[cid]
        if f["stated"] is not None and f["location"]["kind"] != "table":
            # anchored on the figure itself: the comment's text reads back as the stated value
            values = [abs(q.value) for q in parse_quantities(anchored)]
            assert Decimal(str(abs(f["stated"]))) in values, (f["rule"], anchored, f["stated"])
        assert anchored  # a cell finding is anchored on the cell's text
    # the annotated copy is still a report the tool can read, with the same findings
    again = json.loads(run(str(out), "--format", "json").stdout)
    assert sorted(f["fingerprint"] for f in again["findings"]) == sorted(f["fingerprint"] for f in findings)


def test_annotate_refuses_the_input_path_and_pdf(samples, tmp_path):
    source = samples / "dept_overall_errors.docx"
    assert run(str(source), "--annotate", str(source)).returncode == 2
    assert run(str(samples / "dept_overall.pdf"), "--annotate", str(tmp_path / "x.docx")).returncode == 2


def test_annotated_copy_opens_in_libreoffice(samples, tmp_path):
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the comment XML is checked above, not its rendering")
    out = tmp_path / "annotated.docx"
    run(str(samples / "dept_overall_errors.docx"), "--annotate", str(out))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "odt",
                    "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    odt = tmp_path / "annotated.odt"
    assert odt.exists()
    with zipfile.ZipFile(odt) as z:
        content = z.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation") >= 10 and "audit-check" in content
