"""Small invented documents for rule tests, written as real .docx files (and PDF where it matters)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from checks.runner import Result, check_document
from extractor import read_document
from fixtures.build_cache import build
from fixtures.spec import Para, ReportSpec, TableSpec


def spec_of(*items: str | TableSpec) -> ReportSpec:
    body: list[Para | TableSpec] = [Para("测试报告", "title")]
    for item in items:
        body.append(Para(item) if isinstance(item, str) else item)
    return ReportSpec("case", "测试报告", body)


def check(tmp_path: Path, *items: str | TableSpec, fmt: str = "docx") -> Result:
    spec = spec_of(*items)
    path = tmp_path / f"case.{fmt}"
    build(spec, fmt, path)
    return check_document(read_document(path))


def rules(result: Result) -> list[str]:
    return [f.rule for f in result.findings]


def table(rows: list[list[str | None]], caption: str | None = None, merges=None, header_rows: int = 1) -> TableSpec:
    return TableSpec(rows=rows, caption=caption, merges=merges or [], header_rows=header_rows)


def settled(f: Any) -> Decimal | None:  # noqa: ANN401 - a Finding, or a finding as JSON (a dict)
    """The value a finding computes: its `expected`, or — where the culprit is not known — the first
    candidate reading (issue 13: expected is null then)."""
    expected = f["expected"] if isinstance(f, dict) else f.expected
    detail = (f["detail"] if isinstance(f, dict) else f.detail) or {}
    if expected is not None or not detail.get("candidates"):
        return None if expected is None else Decimal(str(expected))
    value = detail["candidates"][0]["value"]
    return None if value is None else Decimal(value)


def check_tables(codes: str | set[str], *tables: list[list[str]], unit: str = "万元") -> Result:
    """One document holding `tables` in memory (each with its first row as header, in `unit`), checked
    by the rules `codes` only: no file is written, so a kill test stays fast."""
    from checks.settings import Settings
    from extractor.model import Block, Cell, Document, Table

    blocks = []
    for i, rows in enumerate(tables):
        cells = [Cell(row=r, col=c, text=text) for r, row in enumerate(rows) for c, text in enumerate(row)]
        blocks.append(Block(index=i, kind="table", table=Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells,
                                                                header_rows=1, unit=unit)))
    return check_document(Document(file="t.docx", format="docx", blocks=blocks),
                          {codes} if isinstance(codes, str) else codes, Settings())


PDF_PAGE_H, PDF_ROW = 841.89, 22  # an A4 page; a ruled row's height, in points


def ruled_grid(canvas: Any, top: float, xs: list[float], rows: list[list[str | None]],
               merges: list[tuple[int, int, int, int]] | None = None) -> float:
    """Draw a ruled table on a reportlab canvas, `top` points below the page's top edge, its column
    lines at `xs`: every cell (None: covered by a merge (row, col, rowspan, colspan)) its own box, a
    cell's lines one under the other. Returns its bottom."""
    from fixtures.build_pdf import FONT

    span = {(r, k): (rs, cs) for r, k, rs, cs in merges or []}
    canvas.setLineWidth(0.5)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text is None:
                continue
            rs, cs = span.get((r, k), (1, 1))
            x0, x1 = xs[k], xs[k + cs]
            y_top, y_bottom = PDF_PAGE_H - (top + r * PDF_ROW), PDF_PAGE_H - (top + (r + rs) * PDF_ROW)
            canvas.rect(x0, y_bottom, x1 - x0, y_top - y_bottom)
            lines = text.split("\n")
            canvas.setFont(FONT, 9)
            for i, line in enumerate(lines):
                canvas.drawString(x0 + 3, y_top - (13 if len(lines) == 1 else 9) - 10 * i, line)
    return top + len(rows) * PDF_ROW
