"""Read a .docx body in order, straight from its XML.

python-docx's own iterators miss tables inside content controls and text inside tracked
insertions (tech-notes), so the body is walked here; python-docx only opens the package.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from extractor import docx_objects
from extractor.docx_objects import EQUATION_TAGS, equation_text
from extractor.errors import ReadError
from extractor.model import Cell, Nesting, Table, Unread
from extractor.tables import join_repeated_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_UNWRAP = {W + "sdt", W + "customXml", W + "smartTag"}
# drawings, VML shapes and OLE objects are never part of their paragraph's sentence: a text box in
# them is read as its own blocks after the paragraph (docx_objects), a picture is reported unread
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "tblPr", W + "tcPr", W + "trPr", MC + "Fallback",
         W + "sdtPr", W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference",
         W + "drawing", W + "pict", W + "object"}
MAX_CHUNK_DEPTH = 3  # an altChunk .docx holding an altChunk .docx …: read this deep, then reported
MAX_RTF_CHUNKS = 5  # RTF altChunks converted per document; the rest are reported unread
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
            elif tag in EQUATION_TAGS:
                parts.append(equation_text(child) or "")  # one it cannot render is reported by the reader
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

        docx_objects.keep_chunks_raw()
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
    def from_bytes(cls, data: bytes) -> DocxReader:
        """A reader over a .docx held in memory (an altChunk part)."""
        import io

        import docx

        _check_package(io.BytesIO(data))  # type: ignore[arg-type]
        docx_objects.keep_chunks_raw()
        reader = cls.__new__(cls)
        try:
            reader.doc = docx.Document(io.BytesIO(data))
        except Exception as exc:
            raise ReadError("嵌入的 docx 无法读取", "embedded .docx could not be read") from exc
        reader._styles = reader._read_styles()
        return reader

    @classmethod
    def from_document(cls, document) -> DocxReader:  # type: ignore[no-untyped-def]
        """A reader over an already opened python-docx Document (the annotator's copy)."""
        reader = cls.__new__(cls)
        reader.doc = document
        reader._styles = reader._read_styles()
        return reader

    def items(self) -> Iterator[RawParagraph | Table | Unread]:
        for _, item in self.items_with_elements():
            yield item

    def items_with_elements(self) -> Iterator[tuple[object, RawParagraph | Table | Unread]]:
        """Body paragraphs and tables in order, each with its XML element, and what the reader could
        not read (Unread) where it met it. Besides the body's own paragraphs and tables: text boxes
        after the paragraph they are anchored in, nested tables after the table holding them (each
        naming its place in `nested_in`, its position in this stream until `assemble` makes it a
        block index), footnotes after the paragraph or table with their mark, endnotes at the end,
        altChunk content in place."""
        position: dict[int, int] = {}
        for n, (el, item, parent) in enumerate(self._document_stream()):
            if isinstance(item, Table):
                position[id(item)] = n
                if parent is not None and item.nested_in is not None:
                    item.nested_in.block = position[id(parent)]
            yield el, item

    def _document_stream(self, depth: int = 0) -> Iterator[tuple[object, RawParagraph | Table | Unread, Table | None]]:
        body = self.doc.element.body
        self._objects = docx_objects.scan(body)  # empty for a document with no objects, notes or chunks
        self._notes: dict[str, dict[str, object]] = {}
        self._note_count = {"footnote": 0, "endnote": 0}
        self._endnotes: list[tuple[str, object]] = []
        yield from self._stream(body, depth)
        for note_id, anchor in self._endnotes:
            yield from self._note("endnote", note_id, depth, anchor)

    def _stream(self, container, depth: int, plain: bool = False):  # type: ignore[no-untyped-def]
        """(element, item, parent table of a nested one) for the blocks of a body, text box or note."""
        objects = self._objects
        for el in _children(container):
            tag = el.tag
            if tag == W + "p":
                para = self._paragraph(el)
                if plain:  # a text box or note is no heading of the report's outline
                    para.style_level, para.emphasized = None, False
                yield el, para, None
                if objects and el in objects:
                    yield from self._paragraph_objects(objects[el], depth)
            elif tag == W + "tbl":
                table = self._table(el)
                yield el, table, None
                if any(c.tables for c in table.cells):
                    yield from _hoisted(el, table)
                if objects:
                    yield from self._table_objects(el, depth)
            elif tag == W + "altChunk":
                yield from self._alt_chunk(el, depth)

    def _paragraph_objects(self, found: list, depth: int):  # type: ignore[no-untyped-def]
        notes: list[tuple[str, str]] = []
        for el in found:
            tag = el.tag
            if tag in docx_objects.OBJECT_TAGS:
                boxes = docx_objects.text_boxes(el)
                for box in boxes:
                    yield from self._stream(box, depth, plain=True)
                what = None if boxes else docx_objects.describe(el)
                if what is not None:
                    yield el, Unread(kind=what[0], detail=what[1]), None  # type: ignore[arg-type]
            elif tag in EQUATION_TAGS:
                if equation_text(el) is None:
                    yield el, Unread(kind="equation", detail="公式（含无法转为文字的结构，如矩阵）"), None
            elif tag in docx_objects.NOTE_TAGS:
                notes.append(_note_ref(el))
        yield from self._notes_after(notes, depth)

    def _table_objects(self, tbl, depth: int):  # type: ignore[no-untyped-def]
        """After a table: the footnotes of marks in its cells; what its cells hold and cannot be read.
        A text box in a cell is read as lines of that cell's text (`_cell_text`), after its anchor."""
        where = {tc: (r, c) for (r, c), tc in cell_elements(tbl).items()}  # elements as keys: kept alive
        notes: list[tuple[str, str]] = []
        for el in tbl.iter(*docx_objects.SCAN_TAGS):
            if docx_objects.shadowed(el, tbl):
                continue
            tc = el.getparent()
            while tc is not None and tc is not tbl and tc not in where:
                tc = tc.getparent()
            r, c = where.get(tc, (0, 0))
            place = f"（表格第{r + 1}行第{c + 1}列）"
            tag = el.tag
            if tag in docx_objects.OBJECT_TAGS:
                what = None if docx_objects.text_boxes(el) else docx_objects.describe(el)
                if what is not None:
                    yield el, Unread(kind=what[0], detail=what[1] + place), None  # type: ignore[arg-type]
            elif tag in EQUATION_TAGS:
                if equation_text(el) is None:
                    yield el, Unread(kind="equation", detail="公式" + place), None
            elif tag == W + "altChunk":
                yield el, Unread(kind="altchunk", detail="单元格中的嵌入文档" + place), None
            else:
                notes.append(_note_ref(el))
        yield from self._notes_after(notes, depth)

    def _notes_after(self, notes: list[tuple[str, str, object]], depth: int):  # type: ignore[no-untyped-def]
        for kind, note_id, anchor in notes:
            if kind == "footnote":
                yield from self._note(kind, note_id, depth, anchor)
            else:
                self._endnotes.append((note_id, anchor))

    def _note(self, kind: str, note_id: str, depth: int, anchor):  # type: ignore[no-untyped-def]
        """A footnote or endnote as its own blocks, its first paragraph led by its mark (脚注1：). Its
        element is the run of the mark: a comment on a note's figure goes on the mark, in the main
        document (the notes part is read from a copy)."""
        if kind not in self._notes:
            part = _related_part(self.doc.part, kind + "s")
            self._notes[kind] = docx_objects.note_bodies(part.blob if part is not None else None, kind)
        note = self._notes[kind].get(note_id)
        self._note_count[kind] += 1
        if note is None:
            return
        label = ("脚注" if kind == "footnote" else "尾注") + f"{self._note_count[kind]}："
        for _, item, parent in self._stream(note, depth, plain=True):
            if label and isinstance(item, RawParagraph) and item.text.strip():
                item.text, label = label + item.text.strip(), ""
            yield anchor, item, parent

    def _alt_chunk(self, el, depth: int):  # type: ignore[no-untyped-def]
        """An altChunk's content in place: HTML and plain text read here, a .docx through this reader,
        RTF through LibreOffice when it is installed; anything else reported as not read."""
        rel = self.doc.part.rels.get(el.get(docx_objects.R + "id", ""))
        part = None if rel is None or rel.is_external else rel.target_part
        if part is None:
            yield el, Unread(kind="altchunk", detail="嵌入文档（找不到其部件）"), None
            return
        name = str(part.partname)
        kind = docx_objects.chunk_kind(part.content_type, name)
        blob = part.blob
        if kind == "html":
            for what, content in docx_objects.html_items(blob):
                if what == "p":
                    yield el, RawParagraph(content, None, False), None  # type: ignore[arg-type]
                else:
                    yield el, join_repeated_cells(docx_objects.html_table(content)), None  # type: ignore[arg-type]
            return
        if kind == "text":
            for line in docx_objects.text_lines(blob):
                yield el, RawParagraph(line, None, False), None
            return
        if kind == "rtf":
            self._rtf_runs = getattr(self, "_rtf_runs", 0) + 1  # each one is a LibreOffice run
            blob = docx_objects.rtf_to_docx(blob) if self._rtf_runs <= MAX_RTF_CHUNKS else None
            if blob is None:
                yield el, Unread(kind="altchunk", detail=f"RTF 嵌入文档 {name}（需要 LibreOffice 才能读取）"
                                 if self._rtf_runs <= MAX_RTF_CHUNKS else f"RTF 嵌入文档 {name}（超过 {MAX_RTF_CHUNKS} 个，未转换）"), None
                return
            kind = "docx"
        if kind == "docx" and depth < MAX_CHUNK_DEPTH:
            try:
                inner = DocxReader.from_bytes(blob)
            except ReadError:
                yield el, Unread(kind="altchunk", detail=f"嵌入文档 {name}（已损坏）"), None
                return
            for _, item, parent in inner._document_stream(depth + 1):
                yield el, item, parent  # the chunk's own XML is not this document's: anchor on the altChunk
            return
        yield el, Unread(kind="altchunk", detail=f"嵌入文档 {name}（{part.content_type}）"), None

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
        n_cols = max(n_cols, len(tbl.findall(f"{W}tblGrid/{W}gridCol")))
        table = Table(n_rows=len(rows), n_cols=n_cols, cells=list(cells.values()), header_rows=header_rows)
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


def cell_elements(tbl) -> dict[tuple[int, int], object]:  # type: ignore[no-untyped-def]
    """The w:tc element of every origin cell, by (row, col) as the reader grids them."""
    return {(r, col): tc for r, col, _, tc, origin in _grid_walk(tbl) if origin == (r, col)}


def _outermost(el, container) -> bool:  # type: ignore[no-untyped-def]
    """True when no table lies between `el` and `container` (so nested tables are not read twice),
    nor an mc:Fallback that repeats its Choice (a text box in a cell is read once, from the Choice)."""
    node = el.getparent()
    while node is not None and node is not container:
        if node.tag == W + "tbl":
            return False
        if node.tag == MC + "Fallback" and node.getparent() is not None and node.getparent().find(MC + "Choice") is not None:
            return False
        node = node.getparent()
    return True


def _hoisted(el, table: Table):  # type: ignore[no-untyped-def]
    """The tables nested in `table`'s cells, taken out of the cells (their text never was in the
    cell's) and given as their own tables, depth first, each naming its cell and its parent; with
    a stack, not recursion, so a deep nest costs no call depth."""
    stack = list(reversed(_pull_nested(el, table)))
    while stack:
        inner_el, inner, parent = stack.pop()
        yield inner_el, inner, parent
        if any(c.tables for c in inner.cells):
            stack.extend(reversed(_pull_nested(inner_el, inner)))


def _pull_nested(el, table: Table) -> list:  # type: ignore[no-untyped-def]
    found = []
    cells = cell_elements(el)
    for cell in table.cells:
        if not cell.tables:
            continue
        tc = cells.get((cell.row, cell.col))
        elements = [t for t in tc.iter(W + "tbl") if _outermost(t, tc)] if tc is not None else []
        for inner_el, inner in zip(elements, cell.tables, strict=False):
            inner.nested_in = Nesting(block=-1, row=cell.row, col=cell.col)
            found.append((inner_el, inner, table))
        cell.tables = []
    return found


def _note_ref(ref) -> tuple[str, str, object]:  # type: ignore[no-untyped-def]
    """(footnote|endnote, id, the run holding the mark: a comment on the note's figure marks it)."""
    run = ref.getparent()
    kind = "footnote" if ref.tag == W + "footnoteReference" else "endnote"
    return kind, ref.get(W + "id", ""), run if run is not None and run.tag == W + "r" else ref


def _related_part(part, kind: str):  # type: ignore[no-untyped-def]
    """The part related to `part` by relationship type …/footnotes or …/endnotes."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + kind):
            return rel.target_part
    return None


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
