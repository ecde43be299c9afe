"""Read a PDF's text layer with pdfplumber: paragraphs in reading order, ruled tables as grids.

Pages are closed as soon as they are read so memory stays flat with page count. Running heads,
feet and page numbers are the lines at a page's top or bottom edge, above or below everything
else, that repeat on other pages, have a page number's shape (— 1 —, 第 1 页, -1-, 1/12), or, on
a page of their own, a running head's shape (a short line in a smaller size set off by a gap or
a rule); they never become content. Watermarks (oblique, pale or giant text drawn over the body)
are dropped before lines are built; a footnote mark raised above a figure is kept out of it;
letter-spaced figures are one figure; two-column pages are read a column at a time. Images in
the body and pages without a text layer are listed as not read.
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
from extractor.model import Cell, PageProblem, Table, Unread
from extractor.outline import numbering_of
from extractor.tables import continues, glue, guess_header_rows, is_numeric, join_repeated_cells, regrid
from extractor.text import join_lines

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                   "join_tolerance": 3, "intersection_tolerance": 3}
_SENTENCE_END = regex.compile(r"[。；;！？!?：:]$")
_HAN = regex.compile(r"\p{Han}")
_MARGIN = 0.075  # share of the page height at top and bottom where a smaller line is always a running head
_ZONE = 0.2  # share of the page height at top and bottom where running heads, feet and folios may sit
_PAGE_NUMBER = regex.compile(
    r"^[\s\-—–·－]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|(?:page|p\.)?\s*\d+(?:\s*(?:/|of)\s*\d+)?|[ivxlcIVXLC]+)[\s\-—–·－]*$",
    regex.IGNORECASE,
)
_SUPERSCRIPT = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_FIGURE_CHARS = frozenset("0123456789.,%")


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
    col: tuple[float, float] | None = None  # on a page read in columns: the column's left and right edges


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
class _Mark:
    """Something on a page that is not read as text: an image in the body, a page without text."""

    kind: str
    page: int
    top: float
    detail: str = ""


@dataclass
class _Edge:
    """A line at a page's top or bottom edge, above (below) everything else: maybe a running head (foot)."""

    line: Line
    where: str  # "head" | "foot"
    gap: float  # space between it and the nearest content on the body's side
    rule: bool  # a horizontal rule lies in that space
    table_next: bool = False  # the nearest content is a ruled table (the line may be its caption)


@dataclass
class _PageRead:
    number: int
    items: list[Line | PdfTable | _Mark] = field(default_factory=list)
    edges: list[_Edge] = field(default_factory=list)  # from the page's edges inward, heads then feet
    height: float = 0.0
    width: float = 0.0
    left: float = 0.0
    right: float = 0.0
    problem: str | None = None
    ocr: bool = False


def _chars_to_lines(chars: list[dict[str, Any]], page: int) -> list[Line]:
    return [line for row in _rows(chars) if (line := _row_line(row, page)) is not None]


def _rows(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Glyphs grouped into rows by their top, each row left to right."""
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for ch in chars:
        size = ch["bottom"] - ch["top"] or ch.get("size", 10)
        if groups and abs(ch["top"] - groups[-1][0]["top"]) <= 0.5 * size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    merged: list[list[dict[str, Any]]] = []
    for k, group in enumerate(groups):  # a few small glyphs raised out of the row below are its superscripts
        nxt = groups[k + 1] if k + 1 < len(groups) else None
        if (nxt is not None and len(group) <= 3 and max(c["size"] for c in group) <= 0.8 * max(c["size"] for c in nxt)
                and max(c["bottom"] for c in group) > min(c["top"] for c in nxt)):
            nxt.extend(group)
            continue
        merged.append(group)
    for group in merged:
        group.sort(key=lambda c: c["x0"])
    return merged


def _row_line(group: list[dict[str, Any]], page: int) -> Line | None:
    sizes = sorted(c["size"] for c in group)
    main = sizes[len(sizes) // 2] or 10.0
    raised: set[int] = set()
    if sizes[0] <= 0.8 * main:  # superscripts: smaller glyphs whose baseline sits above the row's
        bottoms = sorted(c["bottom"] for c in group if c["size"] >= 0.9 * main)
        base = bottoms[len(bottoms) // 2]
        raised = {i for i, c in enumerate(group) if c["size"] <= 0.8 * main and c["bottom"] < base - 0.2 * main}
    gaps = sorted(group[i]["x0"] - group[i - 1]["x1"] for i in range(1, len(group)))
    tracking = gaps[len(gaps) // 2] if gaps else 0.0  # a letter-spaced (justified) line's extra gap
    if not 0.0 < tracking < 0.6 * main:
        tracking = 0.0
    run_tracking = _figure_tracking(group)
    parts: list[str] = []
    prev = None
    for i, ch in enumerate(group):
        if i in raised:
            if prev is not None and prev["text"].isascii() and prev["text"].isalpha():
                parts.append(ch["text"].translate(_SUPERSCRIPT))  # m², km²
            continue  # a footnote mark: never glued to the figure before it
        if prev is not None:
            gap = ch["x0"] - prev["x1"] - max(tracking, run_tracking.get(i, 0.0))
            size = prev["size"] or 10
            if gap > 2 * size or (gap > 0.3 * size and prev["text"].isascii() and ch["text"].isascii()
                                  and prev["text"].isalnum() and ch["text"].isalnum()):
                parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    text = "".join(parts).strip()
    if not text:
        return None
    lead_end = group[0]
    for ch in group[1:]:
        if _HAN.match(ch["text"]) or ch["x0"] - lead_end["x1"] > 0.3 * (lead_end["size"] or 10):
            break
        lead_end = ch
    return Line(text, group[0]["x0"], group[-1]["x1"], min(c["top"] for c in group),
                max(c["bottom"] for c in group), max(c["size"] for c in group), page,
                lead_end["x1"] - group[0]["x0"])


def _figure_tracking(group: list[dict[str, Any]]) -> dict[int, float]:
    """Letter-spaced figures (“1 0 0.0 0”): in a run of three or more digits, points and commas
    whose gaps are all under a glyph's width, the smallest gap is the run's tracking, not a space.
    Maps each glyph of such a run (after its first) to that tracking."""
    out: dict[int, float] = {}
    i, n = 0, len(group)
    while i < n:
        if group[i]["text"] not in _FIGURE_CHARS:
            i += 1
            continue
        j = i + 1
        while (j < n and group[j]["text"] in _FIGURE_CHARS
               and group[j]["x0"] - group[j - 1]["x1"] < 0.9 * (group[j - 1]["size"] or 10)):
            j += 1
        if j - i >= 3:
            least = min(group[k]["x0"] - group[k - 1]["x1"] for k in range(i + 1, j))
            if least > 0:
                for k in range(i + 1, j):
                    out[k] = least
        i = j
    return out


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
    _symbols(chars)
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if cid > 0.2 * len(chars):
        out.problem = "cid_text"
        return out
    chars = _drop_watermarks(chars)
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
    out.height, out.width = float(page.height), float(page.width)
    free = _aligned_tables(page, free, number, tables)  # tables without ruling lines, from text alignment
    rows = _rows(free)
    gutter = _gutter(rows, out.width)
    if gutter is None:
        lines = [line for row in rows if (line := _row_line(row, number)) is not None]
        out.items = sorted([*lines, *tables], key=lambda it: it.top)
    else:
        out.items = _columns(rows, tables, gutter, number)
    _finish_page(out, page)
    return out


def _finish_page(out: _PageRead, page: Any) -> None:
    """Running-head candidates, images in the body and the text area, once the page's items are in order."""
    out.edges = _find_edges(out.items, out.height, _rules(page))
    edge_lines = {id(e.line) for e in out.edges}
    body = [it for it in out.items if isinstance(it, Line) and id(it) not in edge_lines]
    body = body or [it for it in out.items if isinstance(it, Line)]
    if body:  # the text area, from text lines only (table borders stick out past it)
        out.left = min(it.x0 for it in body)
        out.right = max(max(it.x1 for it in body), out.width - out.left)
    if page.images and body:
        _place_images(out, page.images, body)


def _drop_watermarks(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop watermark glyphs: oblique text (rotated by other than a right angle), pale grey text,
    and giant glyphs drawn over the body's own text. Costs one pass when there is none."""
    sizes = sorted(c["size"] for c in chars)
    limit = 2.5 * sizes[len(sizes) // 2] if sizes else 0.0
    pale: dict[Any, bool] = {}
    giant, kept = [], []
    for ch in chars:
        m = ch["matrix"]
        if m[1] and abs(m[1]) > 0.05 * abs(m[0]) and abs(m[0]) > 0.05 * abs(m[1]):
            continue  # oblique
        color = ch["non_stroking_color"]
        try:
            light = pale[color]
        except KeyError:
            light = pale[color] = _pale(color)
        except TypeError:  # an unhashable colour value
            light = _pale(color)
        if light:
            continue
        if limit and ch["size"] >= limit:
            giant.append(ch)
        else:
            kept.append(ch)
    for g in giant:  # giant text is a watermark when it lies over body text, a cover title otherwise
        if not any(c["x0"] < g["x1"] and g["x0"] < c["x1"] and c["top"] < g["bottom"] and g["top"] < c["bottom"]
                   for c in kept):
            kept.append(g)
    return kept if len(kept) < len(chars) else chars


def _pale(color: Any) -> bool:
    """A fill a reader barely sees on white: grey, RGB or CMYK between 70 % and 97 % lightness
    (white itself is text on a dark fill, e.g. a table's head)."""
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 1:
        light = color[0]
    elif len(color) == 3:
        light = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    elif len(color) == 4:
        light = (1 - color[3]) * (1 - (0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]))
    else:
        return False
    return 0.7 <= light < 0.97


def _gutter(rows: list[list[dict[str, Any]]], width: float) -> float | None:
    """The x of the gap between two columns of prose, or None for a one-column page: a vertical strip
    in the middle of the page that (almost) no row crosses, with full lines of text on both sides."""
    if len(rows) < 6:
        return None
    lo, hi, step = 0.3 * width, 0.7 * width, 2.0
    n = int((hi - lo) / step) + 1
    cover = [0] * n
    for row in rows:
        size = row[0]["size"] or 10
        start, end = row[0]["x0"], row[0]["x1"]
        for ch in [*row[1:], None]:
            if ch is None or ch["x0"] - end > size:
                a, b = max(int((start - lo) / step), 0), min(int((end - lo) / step), n - 1)
                for k in range(a, b + 1):
                    cover[k] += 1
                if ch is not None:
                    start = ch["x0"]
            if ch is not None:
                end = max(end, ch["x1"])
    limit = max(1, len(rows) // 10)
    best, run_start = (0, 0), None
    for k in range(n + 1):
        if k < n and cover[k] <= limit:
            run_start = k if run_start is None else run_start
        elif run_start is not None:
            best = max(best, (k - run_start, run_start))
            run_start = None
    if best[0] * step < 8:
        return None
    g = lo + (best[1] + best[0] / 2) * step
    left = [max(c["x1"] for c in row if c["x1"] <= g) for row in rows if any(c["x1"] <= g for c in row)]
    right = [max(c["x1"] for c in row if c["x0"] >= g) for row in rows if any(c["x0"] >= g for c in row)]
    both = sum(1 for row in rows if any(c["x1"] <= g for c in row) and any(c["x0"] >= g for c in row))
    if both < 2 or not left or not right:
        return None
    size = sorted(c["size"] for row in rows for c in row[:1])[len(rows) // 2] or 10
    if min(c["x0"] for row in rows for c in row) > g - 0.25 * width or max(right) < g + 0.25 * width:
        return None  # a column of prose is at least a quarter of the page wide
    full_left = sum(1 for x in left if x >= max(left) - 1.5 * size)
    full_right = sum(1 for x in right if x >= max(right) - 1.5 * size)
    # most lines of a column of prose run to its right edge (only a paragraph's last line ends short)
    if min(full_left, full_right) < 3 or full_left < 0.5 * len(left) or full_right < 0.5 * len(right):
        return None
    return g


def _columns(rows: list[list[dict[str, Any]]], tables: list[PdfTable], gutter: float, page: int) -> list[Line | PdfTable]:
    """Items of a two-column page in reading order: what spans the gutter cuts the page into bands;
    in each band the left column is read, then the right."""
    spanning: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for row in rows:
        size = max(c["size"] for c in row) or 10
        lefts = [c for c in row if (c["x0"] + c["x1"]) / 2 < gutter]
        rights = [c for c in row if (c["x0"] + c["x1"]) / 2 >= gutter]
        crosses = any(c["x0"] < gutter < c["x1"] for c in row) or (
            lefts and rights and rights[0]["x0"] - lefts[-1]["x1"] < 0.5 * size)
        parts = [(row, spanning)] if crosses else [(lefts, left), (rights, right)]
        for chars, into in parts:
            if chars and (line := _row_line(chars, page)) is not None:
                into.append(line)
    if left:
        bounds = (min(ln.x0 for ln in left), max(ln.x1 for ln in left))
        for ln in left:
            ln.col = bounds
    if right:
        bounds = (min(ln.x0 for ln in right), max(ln.x1 for ln in right))
        for ln in right:
            ln.col = bounds
    cuts = sorted([*(ln.top for ln in spanning), *(t.top for t in tables if t.edges[0] < gutter < t.edges[-1])])

    def key(item: Line | PdfTable) -> tuple[int, int, float]:
        band = bisect_right(cuts, item.top)
        if isinstance(item, Line) and item.col is None or isinstance(item, PdfTable) and item.edges[0] < gutter < item.edges[-1]:
            return band, 0, item.top
        x = item.x0 if isinstance(item, Line) else item.edges[0]
        return band, 1 if x < gutter else 2, item.top

    return sorted([*spanning, *left, *right, *tables], key=key)


def _rules(page: Any) -> list[float]:
    """The tops of horizontal rules (lines and thin rectangles) on the page."""
    out = []
    for obj in (*page.objects.get("line", ()), *page.objects.get("rect", ())):
        if obj["bottom"] - obj["top"] <= 2.0 and obj["x1"] - obj["x0"] >= 40:
            out.append(float(obj["top"]))
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


def _find_edges(items: list[Line | PdfTable | _Mark], height: float, rules: list[float]) -> list[_Edge]:
    """Up to two lines at each of the page's top and bottom edges, each alone in its row and above
    (below) everything else; with the space and any rule between it and the content beyond."""
    things = sorted((it for it in items if not isinstance(it, _Mark)), key=lambda it: it.top)
    out: list[_Edge] = []
    for k in range(min(2, len(things) - 1)):
        it, rest = things[k], things[k + 1:]
        if not isinstance(it, Line) or it.top > height * _ZONE:
            break
        below = min(rest, key=lambda t: t.top)
        nearest = below.top
        if nearest < it.bottom - 0.3 * it.size:
            break  # shares its row with something else
        out.append(_Edge(it, "head", nearest - it.bottom, any(it.bottom - 1 <= y < nearest - 2 for y in rules),
                         isinstance(below, PdfTable)))
    things.sort(key=lambda it: it.bottom, reverse=True)
    heads = {id(e.line) for e in out}
    for k in range(min(2, len(things) - 1)):
        it, rest = things[k], things[k + 1:]
        if not isinstance(it, Line) or it.bottom < height * (1 - _ZONE) or id(it) in heads:
            break
        nearest = max(t.bottom for t in rest)
        if nearest > it.top + 0.3 * it.size:
            break
        out.append(_Edge(it, "foot", it.top - nearest, any(nearest + 2 < y <= it.top + 1 for y in rules)))
    return out


def _place_images(out: _PageRead, images: list[dict[str, Any]], body: list[Line]) -> None:
    """Images in the text area become marks in reading order (a logo in the running head, a tiny
    ornament or a background under the whole page is not content)."""
    top, bottom = min(ln.top for ln in body), max(ln.bottom for ln in body)
    for img in images:
        w, h = img["x1"] - img["x0"], img["bottom"] - img["top"]
        if w < 24 or h < 24 or w * h > 0.6 * out.width * out.height:
            continue
        if (img["bottom"] <= top + 2 and img["bottom"] < 0.15 * out.height
                or img["top"] >= bottom - 2 and img["top"] > 0.85 * out.height):
            continue  # in the margin above or below all the body's text: a running head's logo, a footer's seal
        mark = _Mark("image", out.number, float(img["top"]), str(img.get("name") or ""))
        at = next((i for i, it in enumerate(out.items) if not isinstance(it, _Mark) and it.top > mark.top),
                  len(out.items))
        out.items.insert(at, mark)


def _ocr(page: Any, out: _PageRead) -> None:
    """Recognise a page without a text layer when the OCR extra is installed."""
    from extractor.ocr import ocr_available, ocr_lines

    if not ocr_available():
        return
    out.height, out.width = float(page.height), float(page.width)
    for text, x0, top, x1, bottom in sorted(ocr_lines(page, out.number), key=lambda t: (round(t[2] / 4), t[1])):
        line = Line(text.strip(), x0, x1, top, bottom, max(bottom - top, 1.0), out.number, 0.0)
        if line.text:
            out.items.append(line)
    if out.items:
        _finish_page(out, page)
        out.ocr = True


def _symbols(chars: list[dict[str, Any]]) -> None:
    """A Symbol-font glyph that the PDF's text layer gives as a private-use code (LibreOffice writes
    Word's w:sym ÷ as U+F0B8): the character it shows. Costs a comparison per glyph."""
    from extractor.docx_reader import _symbol_char

    for ch in chars:
        text = ch["text"]
        if len(text) == 1 and "\uf020" <= text <= "\uf0ff":
            font = "Symbol" if "symbol" in str(ch.get("fontname", "")).lower() else "Wingdings" \
                if "wingding" in str(ch.get("fontname", "")).lower() else ""
            ch["text"] = _symbol_char(ord(text), font) or text


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
        seen_on: dict[tuple[str, str], set[int]] = {}
        for read in reads:
            for edge in read.edges:
                seen_on.setdefault(_edge_key(edge), set()).add(read.number)
        edge_lines = {id(e.line) for read in reads for e in read.edges}
        sizes = sorted(it.size for read in reads for it in read.items if isinstance(it, Line) and id(it) not in edge_lines)
        body_size = sizes[len(sizes) // 2] if sizes else 0.0
        stream: list[tuple[Line | PdfTable | _Mark, _PageRead]] = []
        for read in reads:
            running: set[int] = set()
            for where in ("head", "foot"):
                for edge in (e for e in read.edges if e.where == where):  # from the page's edge inward
                    if not _is_running(edge, read, body_size, len(seen_on[_edge_key(edge)])):
                        break
                    running.add(id(edge.line))
            if read.problem and not read.ocr:
                stream.append((_Mark("page", read.number, 0.0, read.problem), read))
            stream.extend((it, read) for it in read.items if id(it) not in running)
        self.unread_marks: list[tuple[int, _Mark]] = []
        yield from _assemble_stream(stream, self.unread_marks)

    def unread(self, blocks: list[Any]) -> list[Unread]:
        """What `items()` met and did not read, each placed in or after its block (call after reading)."""
        out = []
        sources = [(b.source, b.index) for b in blocks if b.source is not None]
        for position, mark in getattr(self, "unread_marks", []):
            block = None
            for source, index in sources:
                if source > position:
                    break
                block = index
            detail = {"no_text_layer": "没有文字层", "cid_text": "只能读出 (cid:…) 乱码"}.get(mark.detail, mark.detail)
            out.append(Unread(kind=mark.kind, block=block, page=mark.page, detail=detail))  # type: ignore[arg-type]
        return out


def _edge_key(edge: _Edge) -> tuple[str, str, int]:
    return edge.where, _normalise_folio(edge.line.text), round(edge.line.size)


def _is_running(edge: _Edge, read: _PageRead, body_size: float, pages_seen: int) -> bool:
    """A running head, foot or page number: a page number's shape, or the same line at the same edge
    of other pages (set off from the body), or a line in the margin band in a smaller size; a head
    also by its own shape (short, no larger than the body, set off by a wide gap or by a rule)."""
    line = edge.line
    if len(line.text) <= 20 and _PAGE_NUMBER.match(line.text):
        return True
    in_band = line.bottom < read.height * _MARGIN if edge.where == "head" else line.top > read.height * (1 - _MARGIN)
    if in_band and line.size < body_size - 0.5:
        return True
    if edge.table_next and edge.gap < 2 * line.size:
        return False  # a caption or unit line over a table at the top of the page
    if pages_seen > 1 and (in_band or edge.gap >= 0.8 * line.size):
        return True
    if edge.where != "head" or line.size > body_size + 0.5 or line.x1 - line.x0 > 0.85 * (read.right - read.left):
        return False
    return edge.gap >= 1.2 * body_size and (edge.rule or line.size < body_size - 0.5)


def _assemble_stream(stream: list[tuple[Line | PdfTable | _Mark, _PageRead]],
                     marks: list[tuple[int, _Mark]] | None = None) -> Iterator[PdfParagraph | Table]:
    """Lines into paragraphs, tables continued over pages into one. Each mark met is put in `marks`
    with the stream position of the item it sits in (the one being built) or after."""
    para: PdfParagraph | None = None
    pending: PdfTable | None = None  # a table that may continue on the next page
    prev_read: _PageRead | None = None
    emitted = 0
    for item, read in stream:
        if isinstance(item, _Mark):
            if marks is not None:
                marks.append((emitted if para is not None or pending is not None else emitted - 1, item))
            continue
        if isinstance(item, PdfTable):
            if para is not None:
                emitted += 1
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
                emitted += 1
                yield join_repeated_cells(pending.table)
            pending = item
            prev_read = read
            continue
        if pending is not None:
            emitted += 1
            yield join_repeated_cells(pending.table)
            pending = None
        if para is not None and _continues_paragraph(para.lines[-1], item, prev_read, read):
            para.lines.append(item)
        else:
            if para is not None:
                emitted += 1
                yield para
            para = PdfParagraph([item])
        prev_read = read
    if pending is not None:
        yield join_repeated_cells(pending.table)
    if para is not None:
        yield para


def _first_on_page(item: PdfTable, read: _PageRead, stream: list[tuple[Line | PdfTable | _Mark, _PageRead]]) -> bool:
    """Nothing but running heads (already left out of the stream) comes before the table on its page."""
    return next((it for it, r in stream if r is read and not isinstance(it, _Mark)), None) is item


def _continues_paragraph(prev: Line, line: Line, prev_read: _PageRead | None, read: _PageRead) -> bool:
    """A line continues the paragraph when the line before it ran to the right edge, this one is not
    indented, and the two are close (or the page turned in between)."""
    size = max(prev.size, line.size, 1.0)
    right = prev.col[1] if prev.col else prev_read.right if prev_read is not None else read.right
    left = line.col[0] if line.col else read.left
    # Line breakers keep quoted words and closing punctuation together, so a full line can end
    # a couple of characters short of the edge.
    if prev.x1 < right - 2.5 * size and prev.x1 + line.lead < right - 0.5 * size:
        return False  # the line ended early although the next word would have fitted
    if numbering_of(line.text) is not None and _SENTENCE_END.search(prev.text):
        return False  # a numbered heading or item after a finished sentence
    if (_centred(prev, prev.col or _area(prev_read or read), 0.25) and _centred(line, line.col or _area(read), 1.0)
            and prev.size == line.size):
        return line.page == prev.page and line.top - prev.bottom <= 1.0 * size  # a wrapped centred title
    if line.x0 > left + 0.8 * size:
        return False
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if line.page == prev.page:
        return line.top - prev.bottom <= 1.0 * size
    return line.page == prev.page + 1


def _area(read: _PageRead) -> tuple[float, float]:
    return read.left, read.right


def _centred(line: Line, area: tuple[float, float], min_gap: float) -> bool:
    left_gap, right_gap = line.x0 - area[0], area[1] - line.x1
    return left_gap > min_gap * line.size and abs(left_gap - right_gap) < line.size
