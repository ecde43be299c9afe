"""Read a PDF's text layer with pdfplumber: paragraphs in reading order, ruled tables as grids.

Pages are closed as soon as they are read so memory stays flat with page count. Lines in the
top and bottom margins that look like page numbers, or repeat on other pages, are running
headers and footers and never become content.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

from extractor.errors import ReadError
from extractor.model import Cell, PageProblem, Table
from extractor.outline import numbering_of
from extractor.tables import continues, glue, guess_header_rows, is_numeric, join_repeated_cells, regrid
from extractor.text import join_lines

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                   "join_tolerance": 3, "intersection_tolerance": 3}
_SENTENCE_END = regex.compile(r"[。；;！？!?：:]$")
_HAN = regex.compile(r"\p{Han}")
_MARGIN = 0.075  # share of the page height at top and bottom where running heads and folios live
_PAGE_NUMBER = regex.compile(
    r"^[\s\-—–·]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–]?\s*\d+\s*[-—–]?|[ivxlcIVXLC]+)[\s\-—–·]*$"
)


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    lead: float = 0.0  # width of the line's first unbreakable run (digits, Latin, symbols)


@dataclass
class PdfParagraph:
    lines: list[Line]
    emphasized: bool = False

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page for ln in self.lines})


@dataclass
class PdfTable:
    table: Table
    edges: list[float]
    top: float
    bottom: float
    page: int


@dataclass
class _PageRead:
    number: int
    items: list[Line | PdfTable] = field(default_factory=list)
    margin_lines: list[Line] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    problem: str | None = None
    ocr: bool = False


def _chars_to_lines(chars: list[dict[str, Any]], page: int) -> list[Line]:
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for ch in chars:
        size = ch["bottom"] - ch["top"] or ch.get("size", 10)
        if groups and abs(ch["top"] - groups[-1][0]["top"]) <= 0.5 * size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for ch in group:
            if prev is not None:
                gap = ch["x0"] - prev["x1"]
                size = prev["size"] or 10
                if gap > 2 * size or (gap > 0.3 * size and prev["text"].isascii() and ch["text"].isascii()
                                      and prev["text"].isalnum() and ch["text"].isalnum()):
                    parts.append(" ")
            parts.append(ch["text"])
            prev = ch
        text = "".join(parts).strip()
        if text:
            lead_end = group[0]
            for ch in group[1:]:
                if _HAN.match(ch["text"]):
                    break
                lead_end = ch
            lines.append(Line(text, group[0]["x0"], group[-1]["x1"], min(c["top"] for c in group),
                              max(c["bottom"] for c in group), max(c["size"] for c in group), page,
                              lead_end["x1"] - group[0]["x0"]))
    return lines


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _grid_table(bboxes: list[tuple[float, float, float, float]], chars: list[dict[str, Any]], page: int) -> PdfTable:
    xs = _cluster([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])

    def index(edges: list[float], v: float) -> int:
        return min(range(len(edges)), key=lambda i: abs(edges[i] - v))

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner: dict[tuple[int, int], int] = {}
    cells: list[Cell] = []
    for bbox in sorted(bboxes, key=lambda b: (b[1], b[0])):
        r0, r1 = index(ys, bbox[1]), index(ys, bbox[3])
        c0, c1 = index(xs, bbox[0]), index(xs, bbox[2])
        if r1 <= r0 or c1 <= c0 or (r0, c0) in owner:
            continue
        cells.append(Cell(row=r0, col=c0, rowspan=r1 - r0, colspan=c1 - c0))
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[(r, c)] = len(cells) - 1
    per_cell: dict[int, list[dict[str, Any]]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c, r = bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1
        if (r, c) in owner:
            per_cell.setdefault(owner[(r, c)], []).append(ch)
    for i, cell in enumerate(cells):
        cell.text = join_lines([ln.text for ln in _chars_to_lines(per_cell.get(i, []), page)])
    table = Table(n_rows=n_rows, n_cols=n_cols, cells=cells, pages=[page], row_pages=[page] * n_rows, col_edges=xs)
    table.header_rows = guess_header_rows(table)
    return PdfTable(table, xs, ys[0], ys[-1], page)


def _read_page(page: Any, number: int) -> _PageRead:
    out = _PageRead(number)
    raw_chars = page.chars
    if not raw_chars:
        if page.images:
            out.problem = "no_text_layer"
            _ocr(page, out)
        return out
    chars = _dedupe(raw_chars)
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if cid > 0.2 * len(chars):
        out.problem = "cid_text"
        return out
    found = page.find_tables(_TABLE_SETTINGS)  # ruling lines only: duplicate glyphs do not matter here
    boxes = [t.bbox for t in found]

    def in_box(ch: dict[str, Any]) -> int:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                return i
        return -1

    table_chars: dict[int, list[dict[str, Any]]] = {}
    free: list[dict[str, Any]] = []
    for ch in chars:
        i = in_box(ch)
        if i >= 0:
            table_chars.setdefault(i, []).append(ch)
        elif ch["text"].strip():
            free.append(ch)
    tables = [_grid_table([tuple(c) for c in t.cells], table_chars.get(i, []), number) for i, t in enumerate(found)]
    free = _aligned_tables(page, free, number, tables)
    height = float(page.height)
    for line in _chars_to_lines(free, number):
        if line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN):
            out.margin_lines.append(line)
        else:
            out.items.append(line)
    out.items.extend(tables)
    out.items.sort(key=lambda it: it.top)
    body = [it for it in out.items if isinstance(it, Line)]
    if body:  # the text area, from text lines only (table borders stick out past it)
        out.left = min(it.x0 for it in body)
        out.right = max(max(it.x1 for it in body), float(page.width) - out.left)
    return out


@cache
def _aligned_settings() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((Path(__file__).parent / "data" / "pdf_tables.toml").read_text(encoding="utf-8"))


def _aligned_tables(page: Any, chars: list[dict[str, Any]], number: int, tables: list[PdfTable]) -> list[dict[str, Any]]:
    """Tables without ruling lines (and 三线表) in the text outside ruled tables: runs of lines that
    break into columns at wide gaps with figures in several of them, read with pdfplumber's text
    strategies on that region alone. Appends them to `tables`; returns the chars left as text."""
    settings = _aligned_settings()
    detect = settings["detect"]
    regions = _aligned_regions(chars, detect)
    if not regions:
        return chars
    taken: set[int] = set()
    for x0, top, x1, bottom in regions:
        inside = [ch for ch in chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        try:
            found = page.crop((x0, top, x1, bottom)).find_tables(settings["table_settings"])
        except ValueError:
            continue
        if len(found) != 1:
            continue
        read = _grid_table([tuple(c) for c in found[0].cells], inside, number)
        table = _drop_empty_rows(read.table)
        if table.n_cols < detect["min_columns"] or table.n_rows < detect["min_rows"]:
            continue
        table.header_rows = guess_header_rows(table)
        tables.append(PdfTable(table, read.edges, top, bottom, number))
        taken.update(id(ch) for ch in inside)
    return [ch for ch in chars if id(ch) not in taken] if taken else chars


def _aligned_regions(chars: list[dict[str, Any]], detect: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    """Page regions (x0, top, x1, bottom) whose lines look like table rows (see pdf_tables.toml)."""
    rows: list[tuple[list[tuple[float, float, str]], float, float, float]] = []  # parts, top, bottom, size
    for group in _line_groups(chars):
        size = group[0]["size"] or 10.0
        gap = detect["gap"] * size
        cuts = [i for i in range(1, len(group)) if group[i]["x0"] - group[i - 1]["x1"] > gap]
        if not cuts:  # one run of text: a line of prose (most lines; kept cheap)
            rows.append(([], group[0]["top"], group[0]["bottom"], size))
            continue
        bounds = [0, *cuts, len(group)]
        parts = [group[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        rows.append(([(p[0]["x0"], p[-1]["x1"], "".join(c["text"] for c in p)) for p in parts],
                     min(c["top"] for c in group), max(c["bottom"] for c in group), size))
    regions: list[tuple[float, float, float, float]] = []
    i = 0
    while i < len(rows):
        if not _table_row(rows[i][0], detect):
            i += 1
            continue
        j = i
        while j + 1 < len(rows) and len(rows[j + 1][0]) >= 2 and \
                rows[j + 1][1] - rows[j][2] <= detect["max_line_gap"] * rows[j][3]:
            j += 1
        while j > i and not _table_row(rows[j][0], detect):
            j -= 1
        if sum(1 for k in range(i, j + 1) if _table_row(rows[k][0], detect)) >= detect["min_rows"]:
            first = i
            while first > 0 and i - first < detect["header_lines"] and len(rows[first - 1][0]) >= 2 and \
                    not any(is_numeric(t) for _, _, t in rows[first - 1][0]) and \
                    rows[first][1] - rows[first - 1][2] <= detect["max_line_gap"] * rows[first][3]:
                first -= 1
            span = rows[first:j + 1]
            regions.append((min(p[0] for r in span for p in r[0]) - 1, span[0][1] - 1,
                            max(p[1] for r in span for p in r[0]) + 1, span[-1][2] + 1))
        i = j + 1
    return regions


def _table_row(parts: list[tuple[float, float, str]], detect: dict[str, Any]) -> bool:
    return len(parts) >= detect["min_columns"] and sum(1 for _, _, t in parts if is_numeric(t)) >= detect["min_figures"]


def _line_groups(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Chars grouped into lines (as `_chars_to_lines` does), each sorted left to right."""
    groups: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        size = ch["bottom"] - ch["top"] or ch.get("size", 10)
        if groups and abs(ch["top"] - groups[-1][0]["top"]) <= 0.5 * size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    for group in groups:
        group.sort(key=lambda c: c["x0"])
    return groups


def _drop_empty_rows(table: Table) -> Table:
    """The text strategy draws a row edge above and below every line, so blank rows lie between."""
    filled = sorted({c.row for c in table.cells if c.text.strip()})
    at = {r: i for i, r in enumerate(filled)}
    cells = [c.model_copy(update={"row": at[c.row], "rowspan": 1}) for c in table.cells if c.row in at]
    return table.model_copy(update={"n_rows": len(filled), "cells": cells, "row_pages": table.row_pages[:len(filled)]})


def _ocr(page: Any, out: _PageRead) -> None:
    """Recognise a page without a text layer when the OCR extra is installed."""
    from extractor.ocr import ocr_available, ocr_lines

    if not ocr_available():
        return
    height = float(page.height)
    for text, x0, top, x1, bottom in sorted(ocr_lines(page, out.number), key=lambda t: (round(t[2] / 4), t[1])):
        line = Line(text.strip(), x0, x1, top, bottom, max(bottom - top, 1.0), out.number, 0.0)
        if not line.text:
            continue
        if bottom < height * _MARGIN or top > height * (1 - _MARGIN):
            out.margin_lines.append(line)
        else:
            out.items.append(line)
    body = [it for it in out.items if isinstance(it, Line)]
    if body:
        out.left = min(it.x0 for it in body)
        out.right = max(max(it.x1 for it in body), float(page.width) - out.left)
        out.ocr = True


def _dedupe(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Drop glyphs drawn again within `tolerance` points of the same glyph (fake bold), in one
    pass over 1-point buckets (pdfplumber's dedupe_chars sorts and groups: a fifth of read time)."""
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    kept = []
    for ch in chars:
        bx, by = int(ch["x0"]), int(ch["top"])
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((ch["text"], bx + dx, by + dy), ()):
                    if (abs(other["x0"] - ch["x0"]) <= tolerance and abs(other["top"] - ch["top"]) <= tolerance
                            and other["fontname"] == ch["fontname"] and abs(other["size"] - ch["size"]) < 0.01):
                        duplicate = True
                        break
        if not duplicate:
            seen.setdefault((ch["text"], bx, by), []).append(ch)
            kept.append(ch)
    return kept


def _normalise_folio(text: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", text))


class PdfReader:
    def __init__(self, path: Path) -> None:
        import logging

        import pdfplumber  # lazily: pdfminer is slow to import
        from pdfplumber.utils.exceptions import PdfminerException

        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not the reviewer's business

        self.path = path
        try:
            self.pdf = pdfplumber.open(str(path))
            self.n_pages = len(self.pdf.pages)
        except PdfminerException as exc:
            inner = exc.args[0] if exc.args else exc
            name = type(inner).__name__
            if "Password" in name or "Encrypt" in name or "password" in str(inner).lower():
                raise ReadError("PDF 已加密，需要密码才能打开", "the PDF is password-protected") from exc
            raise ReadError("PDF 文件已损坏或无法解析", f"the PDF could not be parsed ({name})") from exc
        except Exception as exc:
            raise ReadError("PDF 文件已损坏或无法解析", f"the PDF could not be parsed ({type(exc).__name__})") from exc
        self.page_problems: list[PageProblem] = []
        self.ocr_pages: list[int] = []

    def close(self) -> None:
        self.pdf.close()

    def pages(self) -> Iterator[_PageRead]:
        from pdfplumber.utils.exceptions import PdfminerException

        for i, page in enumerate(self.pdf.pages, start=1):
            try:
                read = _read_page(page, i)
            except PdfminerException as exc:
                raise ReadError(f"PDF 第 {i} 页无法解析", f"page {i} could not be parsed") from exc
            finally:
                page.close()
            if read.ocr:
                self.ocr_pages.append(i)
            elif read.problem:
                self.page_problems.append(PageProblem(page=i, problem=read.problem))  # type: ignore[arg-type]
            yield read

    def items(self) -> Iterator[PdfParagraph | Table]:
        """Paragraphs and tables in reading order, across pages."""
        reads = list(self.pages())  # page reads are small: chars are dropped with the page
        folio_counts: dict[str, int] = {}
        for read in reads:
            for line in read.margin_lines:
                key = _normalise_folio(line.text)
                folio_counts[key] = folio_counts.get(key, 0) + 1
        sizes = sorted(it.size for read in reads for it in read.items if isinstance(it, Line))
        body_size = sizes[len(sizes) // 2] if sizes else 0.0
        stream: list[tuple[Line | PdfTable, _PageRead]] = []
        for read in reads:
            kept = [ln for ln in read.margin_lines
                    if not (_PAGE_NUMBER.match(ln.text) or folio_counts[_normalise_folio(ln.text)] > 1
                            or ln.size < body_size - 0.5)]
            items = sorted(read.items + kept, key=lambda it: it.top)
            stream.extend((it, read) for it in items)
        yield from _assemble_stream(stream)


def _assemble_stream(stream: list[tuple[Line | PdfTable, _PageRead]]) -> Iterator[PdfParagraph | Table]:
    para: PdfParagraph | None = None
    pending: PdfTable | None = None  # a table that may continue on the next page
    prev_read: _PageRead | None = None
    for item, read in stream:
        if isinstance(item, PdfTable):
            if para is not None:
                yield para
                para = None
            if pending is not None and item.page == pending.page + 1 and _first_on_page(item, read, stream):
                if continues(pending.table, item.table, pending.edges, item.edges):
                    pending = PdfTable(glue(pending.table, item.table), pending.edges, pending.top, item.bottom, item.page)
                    continue
                wider = regrid(pending.table, pending.edges, item.edges)  # a form's head at the foot of the page
                if wider is not None:
                    pending = PdfTable(glue(wider, item.table), item.edges, pending.top, item.bottom, item.page)
                    continue
            if pending is not None:
                yield join_repeated_cells(pending.table)
            pending = item
            prev_read = read
            continue
        if pending is not None:
            yield join_repeated_cells(pending.table)
            pending = None
        if para is not None and _continues_paragraph(para.lines[-1], item, prev_read, read):
            para.lines.append(item)
        else:
            if para is not None:
                yield para
            para = PdfParagraph([item])
        prev_read = read
    if pending is not None:
        yield join_repeated_cells(pending.table)
    if para is not None:
        yield para


def _first_on_page(item: PdfTable, read: _PageRead, stream: list[tuple[Line | PdfTable, _PageRead]]) -> bool:
    return bool(read.items) and read.items[0] is item


def _continues_paragraph(prev: Line, line: Line, prev_read: _PageRead | None, read: _PageRead) -> bool:
    """A line continues the paragraph when the line before it ran to the right edge, this one is not
    indented, and the two are close (or the page turned in between)."""
    size = max(prev.size, line.size, 1.0)
    right = prev_read.right if prev_read is not None else read.right
    # Line breakers keep quoted words and closing punctuation together, so a full line can end
    # a couple of characters short of the edge.
    if prev.x1 < right - 2.5 * size and prev.x1 + line.lead < right - 0.5 * size:
        return False  # the line ended early although the next word would have fitted
    if numbering_of(line.text) is not None and _SENTENCE_END.search(prev.text):
        return False  # a numbered heading or item after a finished sentence
    if _centred(prev, prev_read or read, 0.25) and _centred(line, read, 1.0) and prev.size == line.size:
        return line.page == prev.page and line.top - prev.bottom <= 1.0 * size  # a wrapped centred title
    if line.x0 > read.left + 0.8 * size:
        return False
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if line.page == prev.page:
        return line.top - prev.bottom <= 1.0 * size
    return line.page == prev.page + 1


def _centred(line: Line, read: _PageRead, min_gap: float) -> bool:
    left_gap, right_gap = line.x0 - read.left, read.right - line.x1
    return left_gap > min_gap * line.size and abs(left_gap - right_gap) < line.size
