"""The HTML report in a real browser: headless Chromium prints a gold report to PDF on A4, with the
file name and page numbers in the footer, and every finding's excerpt is printed text; a screenshot
is taken (and, with AUDIT_CHECK_SCREENSHOT=docs/html-report.png, kept for the README).

Chromium is installed by .ci/run; in CI (the CI variable set) a missing Chromium is a failure, not
a skip, so what a reviewer sees is checked where it matters."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from checks.runner import Result
from writers.html import render_html

A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it (apt-get install chromium fonts-noto-cjk)")
        pytest.skip("Chromium is not installed (apt-get install chromium) — the HTML is only checked as text")
    return found


def _headless(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--disable-background-networking", "--no-first-run", "--disable-extensions",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Result, Path]:
    """A gold report (a civil-affairs report with tables, a score table and findings) as HTML."""
    from checks.runner import check_file
    from fixtures.build_cache import build
    from fixtures.gold import builders

    folder = tmp_path_factory.mktemp("browser")
    build(builders()["g19_civil_affairs_tables"](), "docx", folder / "民政局自评报告.docx")  # the gold set's: built once per run
    here = Path.cwd()
    os.chdir(folder)  # the file named as a reviewer names it, without the test's temporary folder
    try:
        result = check_file(Path("民政局自评报告.docx"))
    finally:
        os.chdir(here)
    assert result.findings and result.all_evaluations()
    page = folder / "report.html"
    page.write_text(render_html([result]), encoding="utf-8")
    return result, page


def _flat(text: str) -> str:
    # PDF text can come back as compatibility ideographs (⾏ for 行) and is broken into lines
    return "".join(unicodedata.normalize("NFKC", text).split())


def _printed(needle: str, text: str) -> bool:
    """`needle` in extracted PDF text, where an ideograph may also come back as a CJK radical
    that has no compatibility mapping (⺠ U+2EA0 for 民)."""
    pattern = "".join(f"[{re.escape(ch)}\u2e80-\u2eff]" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
                      for ch in _flat(needle))
    return re.search(pattern, _flat(text)) is not None


def test_printed_on_a4_with_footer_and_every_excerpt(chromium: str, report: tuple[Result, Path], tmp_path) -> None:
    import pdfplumber

    result, page = report
    pdf = tmp_path / "report.pdf"
    _headless(chromium, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists() and pdf.stat().st_size > 1000
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as doc:
        sizes = [(p.width, p.height) for p in doc.pages]
        texts = [p.extract_text() or "" for p in doc.pages]
    assert all(abs(w - A4[0]) <= 2 and abs(h - A4[1]) <= 2 for w, h in sizes), sizes
    assert 1 <= len(sizes) <= 2 + len(result.findings) // 3, len(sizes)
    for k, text in enumerate(texts, 1):
        assert _printed(result.file, text), f"page {k} has no file name in its footer"
        assert _printed(f"第 {k} 页，共 {len(texts)} 页", text), f"page {k} has no page number"
    printed = "".join(texts)
    for f in result.findings:
        assert _printed(f.excerpt, printed), f"{f.rule}: excerpt not printed: {f.excerpt}"
        assert f.rule in printed


def test_screenshot(chromium: str, report: tuple[Result, Path], tmp_path) -> None:
    """A screenshot of the page as a browser shows it; kept for the README when asked."""
    _, page = report
    shot = Path(os.environ.get("AUDIT_CHECK_SCREENSHOT") or tmp_path / "report.png").resolve()
    shot.parent.mkdir(parents=True, exist_ok=True)
    _headless(chromium, tmp_path / "profile", "--hide-scrollbars", "--window-size=1000,1500",
              f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1500)
    assert len(data) > 20_000  # a page with text on it, not a blank one


def test_excerpts_are_visible_text_in_the_dom(chromium: str, report: tuple[Result, Path], tmp_path) -> None:
    """The DOM Chromium builds holds every excerpt as text of a visible element (not in a hidden
    one, not only in an attribute)."""
    result, page = report
    dom = _headless(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert "<body" in dom and "display:none" not in dom and "hidden" not in dom
    text = re.sub(r"<[^>]+>", "", re.sub(r"<(style|head)>.*?</\1>", "", dom, flags=re.S))
    import html
    shown = _flat(html.unescape(text))
    for f in result.findings:
        assert _flat(f.excerpt) in shown, f.rule
