"""Read a .docx body in order, straight from its XML.

python-docx's own iterators miss tables inside content controls and text inside tracked
insertions (tech-notes), so the body is walked here; python-docx only opens the package.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from extractor.errors import ReadError
from extractor.model import Cell, Table
from extractor.tables import join_repeated_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_UNWRAP = {W + "sdt", W + "customXml", W + "smartTag"}
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "tblPr", W + "tcPr", W + "trPr", MC + "Fallback",
         W + "sdtPr", W + "instrText", W + "delText", W + "footnoteReference"}
MAX_INFLATED = 512 * 1024 * 1024  # a .docx that inflates past this is refused before it is opened


class RawParagraph:
    __slots__ = ("text", "style_level", "emphasized")

    def __init__(self, text: str, style_level: int | None, emphasized: bool) -> None:
        self.text, self.style_level, self.emphasized = text, style_level, emphasized


def _children(el) -> Iterator:  # type: ignore[no-untyped-def]
    """Child elements with content controls and custom XML unwrapped."""
    for child in el:
        if child.tag in _UNWRAP:
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _text(el) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node:
            tag = child.tag
            if tag in _SKIP or tag == W + "tbl":
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(el)
    return "".join(parts)


def _val(el, path: str) -> str | None:  # type: ignore[no-untyped-def]
    found = el.find(path)
    if found is None:
        return None
    return found.get(W + "val", "")


def _on(el, path: str) -> bool:  # type: ignore[no-untyped-def]
    v = _val(el, path)
    return v is not None and v not in ("0", "false", "off")


class DocxReader:
    def __init__(self, path: Path) -> None:
        _check_package(path)
        import docx  # python-docx; lazily, it pulls in lxml

        try:
            self.doc = docx.Document(str(path))
        except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
            raise ReadError("docx 文件已损坏或不完整", "the .docx package is damaged or truncated") from exc
        except Exception as exc:  # lxml raises XMLSyntaxError for broken parts
            raise ReadError("docx 文件内容无法解析", f"the .docx XML could not be parsed ({type(exc).__name__})") from exc
        self._styles = self._read_styles()

    def _read_styles(self) -> dict[str, tuple[int | None, bool]]:
        """styleId -> (heading level, bold)."""
        out: dict[str, tuple[int | None, bool]] = {}
        try:
            root = self.doc.styles.element
        except Exception:
            return out
        for st in root.findall(W + "style"):
            sid = st.get(W + "styleId") or ""
            name_el = st.find(W + "name")
            name = (name_el.get(W + "val") if name_el is not None else "") or ""
            level: int | None = None
            outline = _val(st, f"{W}pPr/{W}outlineLvl")
            if outline is not None and outline.isdigit() and int(outline) < 9:
                level = int(outline) + 1
            low = name.lower().replace(" ", "")
            for prefix in ("heading", "标题"):
                if low.startswith(prefix) and low[len(prefix):].isdigit():
                    level = int(low[len(prefix):])
            out[sid] = (level, _on(st, f"{W}rPr/{W}b"))
        return out

    @classmethod
    def from_document(cls, document) -> DocxReader:  # type: ignore[no-untyped-def]
        """A reader over an already opened python-docx Document (the annotator's copy)."""
        reader = cls.__new__(cls)
        reader.doc = document
        reader._styles = reader._read_styles()
        return reader

    def items(self) -> Iterator[RawParagraph | Table]:
        for _, item in self.items_with_elements():
            yield item

    def items_with_elements(self) -> Iterator[tuple[object, RawParagraph | Table]]:
        """Body paragraphs and tables in order, each with its XML element."""
        body = self.doc.element.body
        for el in _children(body):
            if el.tag == W + "p":
                yield el, self._paragraph(el)
            elif el.tag == W + "tbl":
                yield el, self._table(el)

    def _paragraph(self, p) -> RawParagraph:  # type: ignore[no-untyped-def]
        style = _val(p, f"{W}pPr/{W}pStyle")
        level, style_bold = self._styles.get(style or "", (None, False))
        outline = _val(p, f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        runs = [r for r in p.iter(W + "r") if any((t.text or "").strip() for t in r.findall(W + "t"))]
        bold = bool(runs) and all(_on(r, f"{W}rPr/{W}b") or (style_bold and _val(r, f"{W}rPr/{W}b") is None) for r in runs)
        return RawParagraph(_text(p), level, bold)

    def _table(self, tbl) -> Table:  # type: ignore[no-untyped-def]
        cells: dict[tuple[int, int], Cell] = {}
        n_rows = n_cols = 0
        for r, col, span, tc, origin in _grid_walk(tbl):
            if origin == (r, col):
                cells[origin] = Cell(row=r, col=col, colspan=span, text=self._cell_text(tc),
                                     tables=[self._table(t) for t in tc.iter(W + "tbl") if _outermost(t, tc)])
            else:
                cells[origin].rowspan = r - origin[0] + 1
            n_rows, n_cols = max(n_rows, r + 1), max(n_cols, col + span)
        rows = [tr for tr in _children(tbl) if tr.tag == W + "tr"]
        header_rows = 0
        while header_rows < len(rows) and _on(rows[header_rows], f"{W}trPr/{W}tblHeader"):
            header_rows += 1
        grid_cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
        n_cols = max(n_cols, len(grid_cols))
        table = Table(n_rows=len(rows), n_cols=n_cols, cells=list(cells.values()), header_rows=header_rows,
                      col_edges=_edges(grid_cols) if len(grid_cols) == n_cols else [])
        return join_repeated_cells(table)  # a vertical merge Word restarted after a page break is one cell

    def _cell_text(self, tc) -> str:  # type: ignore[no-untyped-def]
        paras = [_text(p) for p in tc.iter(W + "p") if _outermost(p, tc)]
        # leading spaces are kept: they are how many 决算 tables show 款/项 under 类
        return "\n".join(p.rstrip() for p in paras if p.strip())


def _grid_walk(tbl):  # type: ignore[no-untyped-def]
    """Every w:tc of a table placed on the grid: (row, col, colspan, tc, origin), where origin is
    the (row, col) of the cell it belongs to — itself, or the top of a vertical merge it continues.
    gridBefore shifts a row right; a vMerge continues the cell above only when it sits exactly
    under it with the same span."""
    owner: list[dict[int, tuple[int, int, int]]] = []  # col -> (origin row, origin col, span)
    for r, tr in enumerate(tr for tr in _children(tbl) if tr.tag == W + "tr"):
        owner.append({})
        before = _val(tr, f"{W}trPr/{W}gridBefore")
        col = int(before) if before and before.isdigit() else 0
        for tc in _children(tr):
            if tc.tag != W + "tc":
                continue
            span_v = _val(tc, f"{W}tcPr/{W}gridSpan")
            span = int(span_v) if span_v and span_v.isdigit() and int(span_v) > 0 else 1
            vmerge = _val(tc, f"{W}tcPr/{W}vMerge")
            above = owner[r - 1].get(col) if r > 0 else None
            continues = vmerge not in (None, "restart") and above is not None and above[1] == col and above[2] == span
            origin = above if continues else (r, col, span)
            for c in range(col, col + span):
                owner[r][c] = origin  # type: ignore[assignment]
            yield r, col, span, tc, (origin[0], origin[1])  # type: ignore[index]
            col += span


def _edges(grid_cols) -> list[float]:  # type: ignore[no-untyped-def]
    """Column edges in points from w:gridCol widths (twips)."""
    edges, x = [0.0], 0.0
    for col in grid_cols:
        w = col.get(W + "w", "")
        x += int(w) / 20 if w.isdigit() else 0.0
        edges.append(x)
    return edges


def cell_elements(tbl) -> dict[tuple[int, int], object]:  # type: ignore[no-untyped-def]
    """The w:tc element of every origin cell, by (row, col) as the reader grids them."""
    return {(r, col): tc for r, col, _, tc, origin in _grid_walk(tbl) if origin == (r, col)}


def _outermost(el, container) -> bool:  # type: ignore[no-untyped-def]
    """True when no table lies between `el` and `container` (so nested tables are not read twice)."""
    node = el.getparent()
    while node is not None and node is not container:
        if node.tag == W + "tbl":
            return False
        node = node.getparent()
    return True


def _check_package(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise ReadError("不是有效的 .docx 文件（不是 zip 包，可能已损坏或是旧版 .doc）",
                        "not a .docx: the file is not a zip package")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            bad = z.testzip() if total < 64 * 1024 * 1024 else None
            head = z.open("word/document.xml").read(4096) if "word/document.xml" in names and total <= MAX_INFLATED else b""
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ReadError("docx 文件已损坏或不完整", "the .docx zip is damaged or truncated") from exc
    if "word/document.xml" not in names:
        raise ReadError("zip 包中没有 word/document.xml，不是 Word 文档", "zip has no word/document.xml: not a Word file")
    if total > MAX_INFLATED:
        raise ReadError(f"docx 解压后超过 {MAX_INFLATED // 2**20} MB，拒绝读取（疑似压缩炸弹）",
                        "the .docx inflates past the size cap")
    if bad is not None:
        raise ReadError(f"docx 文件已损坏：{bad} 校验失败", f"damaged .docx: CRC error in {bad}")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError("docx 中含有 XML 实体声明，拒绝读取（Word 不会写出这种内容，可能是恶意文件）",
                        "the .docx declares XML entities (possible entity-expansion attack)")
