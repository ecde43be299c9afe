"""OCR of pages without a text layer — only with the optional extra (audit-check[ocr])."""

from __future__ import annotations

import pytest

from extractor import read_document
from extractor.ocr import ocr_available
from fixtures import hostile

pytestmark = pytest.mark.skipif(not ocr_available(), reason="OCR extra not installed: pip install 'audit-check[ocr]'")


def test_scanned_page_is_read_by_ocr_and_said_so(tmp_path, samples):
    scanned = hostile.scanned_pdf(samples / "project_selfeval.pdf", tmp_path / "scan.pdf")
    doc = read_document(scanned)
    text = "".join(b.text for b in doc.blocks) + "".join(
        c.text for _, t in doc.tables() for c in t.cells)
    assert "自评" in text and "99.30" in text
    assert any("OCR" in w for w in doc.warnings)
    assert doc.page_problems == []
