"""--annotate as a reviewer sees it: the annotated copy opened by LibreOffice (headless, one run,
saved as flat ODF XML) and every comment read back with the text it is anchored on.

Skipped only where LibreOffice is not installed and the run is not CI: `.ci/run` installs it, so in
CI (env `CI` set) a missing `soffice` is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

# What the fixture's planted errors are (fixtures/build.py DEMO_ERRORS, fixtures/mutants.py), known
# here from how the fixture was made, not from the tool: each rule's comment must sit on one of these.
FIGURES = {
    "FML001": {"82.62%"},  # chain result: 11/13×100% written =82.62% (is 84.62%)
    "IND003": {"82.62%", "100%"},  # the same rate stated elsewhere differently
    "RST001": {"100%"},  # conclusion restates the rate as 100%
    "SUM001": {"471.28万元"},  # 318.46 written 328.46: 328.46+152.82=481.28 ≠ 471.28
    "CHG001": {"9.39%"},  # growth 36.48÷434.80 = 8.39%, written 9.39%
    "CNT001": {"五个"},  # 五个科室 with four listed
    "TBL004": {"21.73"},  # 8.20÷41.56 = 19.73%, written 21.73
    "SCR001": {"4"},  # the table awards 4 where 84.02% earns 3
    "SCR002": {"3分"},  # the text's 计3分 against the table's 4 — never the “3.” of “3.重点支出安排率”
    "SCT003": {"96.78", "96.78分"},  # the stated total against the sum of the scores
}


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run should have installed it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def read_back(path: Path) -> list[tuple[str, str | None]]:
    """(comment text, the document text its range covers) for every comment of a flat ODF file."""
    body = etree.parse(str(path)).getroot().find(OFFICE + "body")
    open_ranges: dict[str, list[str]] = {}
    bodies: dict[str, str] = {}
    covered: dict[str, str] = {}

    def emit(text: str | None) -> None:
        if text:
            for parts in open_ranges.values():
                parts.append(text)

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node:
            if child.tag == OFFICE + "annotation":
                name = child.get(OFFICE + "name")
                bodies[name] = "\n".join("".join(p.itertext()) for p in child.iter(TEXT + "p"))
                open_ranges[name] = []
            elif child.tag == OFFICE + "annotation-end":
                name = child.get(OFFICE + "name")
                covered[name] = "".join(open_ranges.pop(name, []))
            elif child.tag == TEXT + "s":
                emit(" " * int(child.get(TEXT + "c", "1")))
            else:
                emit(child.text)
                walk(child)
            emit(child.tail)

    walk(body)
    return [(text, covered.get(name)) for name, text in bodies.items()]


@pytest.mark.slow  # a real LibreOffice (5–10 s a start): the producer whose output is read is the point, and conversions of different documents share nothing to cache
def test_every_comment_reads_back_on_its_figure_in_libreoffice(samples, tmp_path):
    from checks.runner import check_document
    from extractor import read_document
    from writers.annotate import write_comments

    soffice = _soffice()
    source = samples / "dept_overall_errors.docx"
    doc = read_document(source)
    result = check_document(doc)
    # one finding that cannot be anchored (its figure is not in its paragraph): it must be listed on top
    lost = result.findings[0].model_copy(update={"stated": Decimal("12345.67"), "rule": "BAL001",
                                                  "message": "一个文中找不到的数", "excerpt": "找不到"})
    result.findings.append(lost)
    out = tmp_path / "annotated.docx"
    done = write_comments(source, out, doc, result)
    run = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                          "--convert-to", "fodt", "--outdir", str(tmp_path), str(out)],
                         capture_output=True, text=True, timeout=180)
    flat = tmp_path / "annotated.fodt"
    assert flat.exists(), run.stderr
    read = read_back(flat)
    assert len(read) == len(result.findings) - 1 + 1  # one per anchored finding, one listing the rest
    assert done.anchored == len(result.findings) - 1 and done.listed == [lost]
    tops = [(text, on) for text, on in read if text.startswith("audit-check：")]
    assert len(tops) == 1 and "[BAL001" in tops[0][0] and "一个文中找不到的数" in tops[0][0]
    assert tops[0][1] and tops[0][1] in doc.blocks[0].text  # on the first line of the document
    rules = []
    for text, on in read:
        if text.startswith("audit-check："):
            continue
        rule = text[1:text.index(" ")]
        rules.append(rule)
        assert rule in FIGURES, text
        assert on is not None and any(figure in on for figure in FIGURES[rule]), (rule, on, text)
        assert on == "3分" if rule == "SCR002" else True
    assert sorted(rules) == sorted(f.rule for f in result.findings if f is not lost)
