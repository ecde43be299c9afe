"""Read a .docx body in order, straight from its XML.

python-docx's own iterators miss tables inside content controls and text inside tracked
insertions (tech-notes), so the body is walked here; python-docx only opens the package.
"""

from __future__ import annotations

import re
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
_SDT, _SDT_CONTENT, _TR, _TRPR, _DEL, _ALTERNATE = (W + "sdt", W + "sdtContent", W + "tr", W + "trPr", W + "del",
                                                    MC + "AlternateContent")
_P, _T, _R, _TAB, _BR, _CR, _SYM, _NB_HYPHEN, _TBL = (W + x for x in ("p", "t", "r", "tab", "br", "cr", "sym", "noBreakHyphen", "tbl"))
_BREAK_TYPE = W + "type"
# drawings, VML shapes and OLE objects are never part of their paragraph's sentence: a text box in
# them is read as its own blocks after the paragraph (docx_objects), a picture is reported unread
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "tblPr", W + "tcPr", W + "trPr", MC + "Fallback",
         W + "sdtPr", W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference",
         W + "delInstrText", W + "drawing", W + "pict", W + "object"}
MAX_CHUNK_DEPTH = 3  # an altChunk .docx holding an altChunk .docx …: read this deep, then reported
MAX_RTF_CHUNKS = 5  # RTF altChunks converted per document; the rest are reported unread
MAX_INFLATED = 512 * 1024 * 1024  # a .docx that inflates past this is refused before it is opened

# mc:AlternateContent: a Choice is read when every namespace it Requires is one whose text this
# reader finds in w:p/w:r/w:t (Word's own extensions, drawing shapes, math); otherwise the Fallback.
_UNDERSTOOD = ("http://schemas.microsoft.com/office/word/", "http://schemas.microsoft.com/office/drawing/",
               "http://schemas.openxmlformats.org/")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
_SPECIAL = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad\uf020-\uf0ff]")
_SENTENCE_DONE = frozenset("。！？!?…")

# w:sym and text in a symbol font: the private-use code F0xx shows the font's character xx.
_SYMBOL = dict(zip(range(0x20, 0x7F), " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
                                     "\u203eαβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼", strict=True))
_SYMBOL.update(zip(range(0xA1, 0xF3), "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑"
                                          "⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪ 〉∫", strict=True))
del _SYMBOL[0xF0]  # no character there
_WINGDINGS = {0xA8: "☐", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑"}
_PUA = re.compile("[\uf020-\uf0ff]")


def _symbol_char(code: int, font: str) -> str:
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    name = font.lower()
    if name == "symbol" and low in _SYMBOL:
        return _SYMBOL[low]
    if name == "wingdings" and low in _WINGDINGS:
        return _WINGDINGS[low]
    if 0xF000 <= code <= 0xF0FF or not (0x20 <= code < 0xD800 or 0xE000 <= code <= 0xFFFD):
        return ""  # a picture character of a font this reader does not know: nothing to read
    return chr(code)


def _symbol_text(text: str, font: str) -> str:
    """Private-use characters in a run set in a symbol font, as the characters they show."""
    return _PUA.sub(lambda m: _symbol_char(ord(m.group(0)), font), text) if font else text


def _sym(el) -> str:  # type: ignore[no-untyped-def]
    try:
        code = int(el.get(W + "char", ""), 16)
    except ValueError:
        return ""
    return _symbol_char(code, el.get(W + "font", ""))


def _run_font(r) -> str:  # type: ignore[no-untyped-def]
    fonts = r.find(f"{W}rPr/{W}rFonts") if r is not None else None
    if fonts is None:
        return ""
    return fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "eastAsia") or ""


def _choice(alternate):  # type: ignore[no-untyped-def]
    """The branch of an mc:AlternateContent Word would show to a reader that knows what this one knows."""
    for choice in alternate.findall(MC + "Choice"):
        prefixes = (choice.get("Requires") or "").split()
        if all((ns := choice.nsmap.get(pre)) and ns.startswith(_UNDERSTOOD) for pre in prefixes):
            return choice
    return alternate.find(MC + "Fallback")


class RawParagraph:
    __slots__ = ("text", "style_level", "emphasized", "numbered", "joins_next", "plain", "pages", "parts")

    def __init__(self, text: str, style_level: int | None, emphasized: bool, numbered: bool = False,
                 joins_next: bool = False, plain: bool = False) -> None:
        self.text, self.style_level, self.emphasized = text, style_level, emphasized
        self.numbered = numbered  # Word's list numbering gave it its number
        self.joins_next = joins_next  # its paragraph mark is deleted (tracked) or hidden: Word shows it with the next
        self.plain = plain  # body text: no number, heading level, emphasis, centring or tab
        self.pages: list[int] = []  # where Word's saved layout says it starts (see _rendered_pages)
        self.parts: list[str] = []  # the Word paragraphs it joins (pasted lines), when more than one


def _children(el) -> Iterator:  # type: ignore[no-untyped-def]
    """Child elements with content controls and custom XML unwrapped, mc:AlternateContent resolved
    to the one branch Word shows, and table rows deleted with tracked changes left out."""
    for child in el:
        tag = child.tag
        if tag in _UNWRAP:
            content = child.find(_SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                yield from _children(content)
        elif tag == _ALTERNATE:
            chosen = _choice(child)
            if chosen is not None:
                yield from _children(chosen)
        elif tag == _TR and (trpr := child.find(_TRPR)) is not None and trpr.find(_DEL) is not None:
            continue  # a row deleted with tracked changes
        else:
            yield child


_STYLE, _STYLE_ID, _NAME, _VAL, _DEFAULT, _TYPE = (W + x for x in ("style", "styleId", "name", "val", "default", "type"))
_QUERIES: list = []


def _style_queries():  # type: ignore[no-untyped-def]
    """Compiled once. An XPath from the styles root visits only the styles and their properties,
    never the thousands of w:latentStyles entries, and returns only the few styles that match,
    so the many plain styles cost nothing beyond their name."""
    if not _QUERIES:
        from lxml import etree

        ns = {"w": W[1:-1]}
        _QUERIES.extend(etree.XPath(q, namespaces=ns) for q in (
            "w:style/w:pPr[w:outlineLvl]", "w:style/w:rPr[w:b]",
            "w:style/w:pPr/w:numPr | w:style/w:rPr/w:vanish"))
    return _QUERIES


def _inherit(root, numbered: dict, vanish: dict) -> None:  # type: ignore[no-untyped-def]
    """Styles based (at any depth) on a numbering or hiding style take its numbering or hiding
    unless they say otherwise."""
    known = set(numbered) | set(vanish)
    frontier = list(known)
    from lxml import etree

    while frontier:
        found = []
        ids = " or ".join(f"@w:val='{sid}'" for sid in frontier if "'" not in sid)
        if not ids:
            break
        for st in etree.XPath(f"w:style[w:basedOn[{ids}]]", namespaces={"w": W[1:-1]})(root):
            sid, parent = st.get(_STYLE_ID) or "", _val(st, W + "basedOn") or ""
            own_num = st.find(f"{W}pPr/{W}numPr") is not None
            own_vanish = st.find(f"{W}rPr/{W}vanish") is not None
            if not own_num and parent in numbered:
                numbered[sid] = numbered[parent]
            if not own_vanish and parent in vanish:
                vanish[sid] = vanish[parent]
            if sid not in known:
                known.add(sid)
                found.append(sid)
        frontier = found


def _hidden(r, hidden_styles: frozenset[str] | set[str]) -> bool:  # type: ignore[no-untyped-def]
    """w:vanish on the run, or on its character style."""
    rpr = r.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    if vanish is not None:
        return vanish.get(W + "val", "1") not in ("0", "false", "off")
    if hidden_styles:
        style = rpr.find(W + "rStyle")
        return style is not None and style.get(W + "val") in hidden_styles
    return False


def _soft_break(before: str, after: str) -> str:
    """What a line break Word wraps inside a paragraph reads as: nothing inside a number or a
    sentence, a space between two Latin words, a line end after a finished sentence, before a
    numbered item, after a heading-like numbered line and before a note in brackets."""
    b, a = before.rstrip(), after.lstrip()
    if not b or not a or b[-1] in _SENTENCE_DONE:
        return "\n"
    if b[-1].isdigit() and (a[0].isdigit() or a[0] in ",.，"):
        return ""
    if a[0] in "（(" and b[-1].isdigit():
        return "\n"
    from extractor.outline import classify, numbering_of

    if numbering_of(a.split("\n", 1)[0]) is not None or classify(b.rsplit("\n", 1)[-1]).is_heading:
        return "\n"
    if b[-1].isascii() and b[-1].isalpha() and a[0].isascii() and a[0].isalpha():
        return " "
    return ""


def _text(el, hidden_styles: frozenset[str] | set[str] | None = frozenset(), _fonts: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The text of a paragraph as Word shows it: deleted and hidden runs left out, symbols mapped,
    soft line breaks resolved (_soft_break), zero-width characters and soft hyphens dropped."""
    parts: list[str] = []
    breaks: list[int] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node:
            tag = child.tag
            if tag == _T:
                text = child.text or ""
                if _fonts:
                    text = _symbol_text(text, _run_font(child.getparent()))
                parts.append(text)
            elif tag in _SKIP or tag == _TBL:
                continue
            elif tag == _R:
                if hidden_styles is None or not _hidden(child, hidden_styles):
                    walk(child)
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                if child.get(_BREAK_TYPE) in ("page", "column"):
                    parts.append("\n")
                else:
                    breaks.append(len(parts))
                    parts.append("\n")
            elif tag == _SYM:
                parts.append(_sym(child))
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _ALTERNATE:
                chosen = _choice(child)
                if chosen is not None:
                    walk(chosen)
            elif tag in EQUATION_TAGS:
                parts.append(equation_text(child) or "")  # one it cannot render is reported by the reader
            else:
                walk(child)

    walk(el)
    for i in breaks:
        parts[i] = _soft_break("".join(parts[:i]), "".join(parts[i + 1:]))
    text = "".join(parts)
    if _SPECIAL.search(text) is None:
        return text
    if not _fonts and _PUA.search(text):
        return _text(el, hidden_styles, _fonts=True)
    return _ZERO_WIDTH.sub("", text)


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
        """styleId -> (heading level, bold); also the styles that number their paragraphs
        (styleId -> (numId, ilvl)) and the character styles that hide their text."""
        out: dict[str, tuple[int | None, bool]] = {}
        self._style_num: dict[str, tuple[str, int | None]] = {}
        self._hidden_styles: set[str] = set()
        self._numbering = None  # word/numbering.xml, loaded when a paragraph is numbered
        self._numbering_loaded = False
        self._default_style: str | None = None
        self._check_marks = self._check_numbers = True  # until _scan knows better
        self._hidden_arg: set[str] | None = self._hidden_styles
        try:
            root = self.doc.styles.element
        except Exception:
            return out
        outline_of, bold_of, marked = _style_queries()
        # only the styles that have an outline level or bold are returned: w:pPr / w:rPr elements
        outlines = {ppr.getparent().get(_STYLE_ID): _val(ppr, W + "outlineLvl") for ppr in outline_of(root)}
        bolds = {rpr.getparent().get(_STYLE_ID): _on(rpr, W + "b") for rpr in bold_of(root)}
        for st in root.iterchildren(_STYLE):
            sid = st.get(_STYLE_ID) or ""
            name_el = st.find(_NAME)
            name = (name_el.get(_VAL) if name_el is not None else "") or ""
            level: int | None = None
            outline = outlines.get(sid)
            if outline is not None and outline.isdigit() and int(outline) < 9:
                level = int(outline) + 1
            low = name.lower().replace(" ", "")
            for prefix in ("heading", "标题"):
                if low.startswith(prefix) and low[len(prefix):].isdigit():
                    level = int(low[len(prefix):])
            out[sid] = (level, bolds.get(sid, False))
            if st.get(_DEFAULT) in ("1", "true", "on") and st.get(_TYPE) == "paragraph":
                self._default_style = sid
        vanish: dict[str, bool] = {}
        for el in marked(root):  # w:style/w:pPr/w:numPr and w:style/w:rPr/w:vanish: few or none
            sid = el.getparent().getparent().get(_STYLE_ID) or ""
            if el.tag == W + "vanish":
                vanish[sid] = el.get(_VAL, "1") not in ("0", "false", "off")
            elif (num_id := _val(el, W + "numId")) is not None:
                ilvl = _val(el, W + "ilvl")
                self._style_num[sid] = (num_id, int(ilvl) if ilvl and ilvl.isdigit() else None)
        if self._style_num or vanish:
            _inherit(root, self._style_num, vanish)
        self._hidden_styles = {sid for sid, on in vanish.items() if on}
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
        altChunk content in place. A paragraph Word shows joined with the next (its mark deleted or
        hidden; a sentence pasted one line per paragraph) comes as one, with its first element."""
        parents: dict[int, Table] = {}

        def pairs():  # type: ignore[no-untyped-def]
            for el, item, parent in self._document_stream():
                if parent is not None:
                    parents[id(item)] = parent
                yield el, item

        stream = pairs()
        position: dict[int, int] = {}
        pages = _rendered_pages(self.doc.element.body)
        joined = _pasted_lines_joined(_marks_joined(stream) if self._check_marks else stream)
        for n, (el, item) in enumerate(joined):  # positions after joining: what `assemble` counts
            if isinstance(item, Table):
                position[id(item)] = n
                parent = parents.get(id(item))
                if parent is not None and item.nested_in is not None:
                    item.nested_in.block = position[id(parent)]
            if pages:
                _paginate(el, item, pages)
            yield el, item

    def _scan(self, body) -> None:  # type: ignore[no-untyped-def]
        """Which of the costlier readings this body needs at all (one pass in C over the tree):
        hidden runs, deleted or hidden paragraph marks, list numbering."""
        marks = next(body.iter(W + "del", W + "moveFrom", W + "vanish"), None) is not None
        self._check_marks = marks
        hidden = marks and next(body.iter(W + "vanish"), None) is not None
        self._hidden_arg = self._hidden_styles if (self._hidden_styles or hidden) else None
        numbered = next(body.iter(W + "numPr"), None) is not None
        if not numbered and self._style_num:
            numbered = self._default_style in self._style_num or any(
                e.get(_VAL) in self._style_num for e in body.iter(W + "pStyle"))
        self._check_numbers = numbered


    def _document_stream(self, depth: int = 0) -> Iterator[tuple[object, RawParagraph | Table | Unread, Table | None]]:
        body = self.doc.element.body
        self._scan(body)  # each reader its own body (an altChunk .docx has its own)
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
        continuing = False  # the paragraph before had its mark deleted: Word shows the two as one
        for el in _children(container):
            tag = el.tag
            if tag == W + "p":
                para = self._paragraph(el, continuing)
                continuing = para.joins_next
                if plain:  # a text box or note is no heading of the report's outline
                    para.style_level, para.emphasized = None, False
                yield el, para, None
                if objects and el in objects:
                    yield from self._paragraph_objects(objects[el], depth)
            elif tag == W + "tbl":
                continuing = False
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

    def _number(self, ppr) -> str | None:  # type: ignore[no-untyped-def]
        """Count a paragraph numbered by its own w:numPr or its style's; its number as Word shows it."""
        num_id = ilvl_v = None
        if ppr is not None and (numpr := ppr.find(W + "numPr")) is not None:
            num_id, ilvl_v = _val(numpr, W + "numId"), _val(numpr, W + "ilvl")
        style = (_val(ppr, W + "pStyle") if ppr is not None else None) or self._default_style
        if num_id is None and style in self._style_num:
            num_id, style_ilvl = self._style_num[style]  # type: ignore[index]
            ilvl_v = str(style_ilvl) if style_ilvl is not None else None
        if not num_id or num_id == "0":
            return None
        if not self._numbering_loaded:
            from extractor.docx_numbering import load

            self._numbering, self._numbering_loaded = load(self.doc), True
        if self._numbering is None:
            return None
        ilvl = int(ilvl_v) if ilvl_v and ilvl_v.isdigit() else None
        if ilvl is None:
            ilvl = (self._numbering.level_of_style(num_id, style) if style else None) or 0
        return self._numbering.next(num_id, ilvl)

    def _para_text(self, p, continuing: bool = False) -> tuple[str, bool, bool]:  # type: ignore[no-untyped-def]
        """(text with its number, joins the next paragraph, numbered)."""
        text = _text(p, self._hidden_arg)
        if not (self._check_marks or self._check_numbers):
            return text, False, False
        ppr = p.find(W + "pPr")
        mark = ppr.find(W + "rPr") if ppr is not None and self._check_marks else None
        joins = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None
                                      or _on(mark, W + "vanish"))
        label = self._number(ppr) if not continuing and self._check_numbers else None
        if label and text.strip() and not (mark is not None and _on(mark, W + "vanish")):
            text = label + text.lstrip()
        return text, joins, bool(label)

    def _paragraph(self, p, continuing: bool = False) -> RawParagraph:  # type: ignore[no-untyped-def]
        style = _val(p, f"{W}pPr/{W}pStyle")
        level, style_bold = self._styles.get(style or "", (None, False))
        outline = _val(p, f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        runs = [r for r in p.iter(W + "r") if any((t.text or "").strip() for t in r.findall(W + "t"))]
        bold = bool(runs) and all(_on(r, f"{W}rPr/{W}b") or (style_bold and _val(r, f"{W}rPr/{W}b") is None) for r in runs)
        text, joins, numbered = self._para_text(p, continuing)
        plain = not (numbered or bold or level is not None or "\t" in text or "\n" in text.strip())
        return RawParagraph(text, level, bold, numbered, joins, plain)

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
        """The cell's own paragraphs (not those of tables nested in it, read as tables), numbered,
        with deleted or hidden paragraph marks joined; then the text of the text boxes anchored in
        them, once each (a box in a cell is that cell's text: it is read nowhere else)."""
        own = self._own_cell_text(tc)
        if not any(True for _ in tc.iter(W + "txbxContent")):
            return own
        boxes = [_text(q, self._hidden_arg) for p in tc.iter(_P) if _outermost(p, tc)
                 for box in docx_objects.text_boxes(p) for q in box.iter(_P)
                 if not docx_objects.shadowed(q, box) and q.getparent() is box]
        return "\n".join(x.rstrip() for x in [own, *boxes] if x.strip())

    def _own_cell_text(self, tc) -> str:  # type: ignore[no-untyped-def]
        paras: list[str] = []
        if not (self._check_marks or self._check_numbers):  # the common case, kept as cheap as it was
            for el in tc:
                tag = el.tag
                if tag == _P:
                    paras.append(_text(el, self._hidden_arg))
                elif tag in _UNWRAP or tag == _ALTERNATE:
                    paras.extend(_text(p, self._hidden_arg) for p in _children((el,)) if p.tag == _P)
            return "\n".join(p.rstrip() for p in paras if p.strip())
        continuing = False
        for el in tc:
            tag = el.tag
            for p in (el,) if tag == _P or not (tag in _UNWRAP or tag == _ALTERNATE) else _children((el,)):
                if p.tag != _P:
                    continuing = False
                    continue
                text, joins, _ = self._para_text(p, continuing)
                if continuing and paras:
                    paras[-1] += text
                else:
                    paras.append(text)
                continuing = joins
        # leading spaces are kept: they are how many 决算 tables show 款/项 under 类
        return "\n".join(p.rstrip() for p in paras if p.strip())


_LAST_RENDERED, _PAGE_BREAK_BEFORE = W + "lastRenderedPageBreak", W + "pageBreakBefore"


def _rendered_pages(body) -> dict[object, int] | None:  # type: ignore[no-untyped-def]
    """The page each paragraph, table and table row starts on, as Word laid the document out when it
    last saved it (w:lastRenderedPageBreak; hard page breaks count as well). None for a file with no
    rendered break (written by a program that does not lay pages out): its pages are not known, and
    are not guessed. Breaks with no text between them (a hard break, then Word's rendered break at
    the top of the new page) start one page."""
    if next(body.iter(_LAST_RENDERED), None) is None:
        return None
    pages: dict[object, int] = {}
    page, pending = 1, False
    waiting: list[object] = []
    for el in body.iter(_P, _TBL, _TR, _T, _LAST_RENDERED, _BR, _PAGE_BREAK_BEFORE):
        tag = el.tag
        if tag == _T:
            if el.text and not el.text.isspace():
                if pending:
                    page, pending = page + 1, False
                for w in waiting:
                    pages[w] = page
                waiting.clear()
        elif tag in (_P, _TBL, _TR):
            waiting.append(el)
        elif tag == _LAST_RENDERED or (tag == _BR and el.get(_BREAK_TYPE) == "page") or \
                (tag == _PAGE_BREAK_BEFORE and el.get(W + "val", "1") not in ("0", "false", "off")):
            pending = True
    return pages


def _paginate(el, item, pages: dict[object, int]) -> None:  # type: ignore[no-untyped-def]
    """Give a body paragraph or table the pages Word's saved layout puts it on."""
    if isinstance(item, RawParagraph):
        if (page := pages.get(el)) is not None:
            item.pages = [page]
    elif isinstance(item, Table) and item.nested_in is None and getattr(el, "tag", None) == _TBL:
        rows = [tr for tr in _children(el) if tr.tag == _TR]
        if len(rows) != item.n_rows:
            return
        row_pages: list[int] = []
        for tr in rows:
            page = pages.get(tr, row_pages[-1] if row_pages else pages.get(el))
            if page is None:
                return
            row_pages.append(page)
        item.row_pages, item.pages = row_pages, sorted(set(row_pages))


def _marks_joined(stream):  # type: ignore[no-untyped-def]
    """A paragraph whose mark is deleted (tracked) or hidden is shown by Word as one with the next."""
    held = None
    for el, item in stream:
        if held is not None:
            if isinstance(item, RawParagraph):
                first = held[1]
                item = RawParagraph(first.text + item.text, first.style_level, first.emphasized and item.emphasized,
                                    first.numbered, item.joins_next, first.plain and item.plain)
                el = held[0]
            else:
                yield held
            held = None
        if isinstance(item, RawParagraph) and item.joins_next:
            held = (el, item)
            continue
        yield el, item
    if held is not None:
        yield held


_HARD_END = frozenset("。！？!?…；;：:")
_LINE_MIN_WIDTH = 30  # a wrapped line of a pasted paragraph: at least 15 Chinese characters


def _width(text: str) -> int:
    """Printed width in half-width units: a Chinese character counts two."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _line_like(el, item: RawParagraph) -> bool:  # type: ignore[no-untyped-def]
    from extractor.outline import is_part_title, numbering_of

    text = item.text.strip()
    return item.plain and bool(text) and numbering_of(text) is None and not is_part_title(text) \
        and _val(el, f"{W}pPr/{W}jc") not in ("center", "right", "end")


def _pasted_lines_joined(stream):  # type: ignore[no-untyped-def]
    """A sentence pasted as one paragraph per line (each line but the last as wide as the others and
    ending without sentence punctuation, the last ending a sentence and no wider) reads as one
    paragraph. Lists, cover lines, table-like lines and headings never qualify: they are numbered,
    styled, short or do not end in a finished sentence."""
    lines: list[tuple[object, RawParagraph]] = []

    def continues(el, item: RawParagraph) -> bool:  # type: ignore[no-untyped-def]
        text = item.text.strip()
        if text[-1] in _HARD_END or _width(text) < _LINE_MIN_WIDTH or not _line_like(el, item):
            return False
        if lines and item.text[:1].isspace():
            return False  # an indented first line starts a paragraph of its own
        widths = [_width(x.text.strip()) for _, x in lines] + [_width(text)]
        return min(widths) >= 0.85 * max(widths)

    def closes(el, item: RawParagraph) -> bool:  # type: ignore[no-untyped-def]
        text = item.text.strip()
        if text[-1] not in "。！？!?" or item.text[:1].isspace() or not _line_like(el, item):
            return False
        return _width(text) <= 1.1 * max(_width(x.text.strip()) for _, x in lines) + 2

    for el, item in stream:
        if not lines and not (isinstance(item, RawParagraph) and item.plain):
            yield el, item  # the common case: a table, a heading, a numbered or emphasised line
            continue
        if isinstance(item, RawParagraph) and item.text.strip():
            if lines and closes(el, item):
                from extractor.text import join_lines

                parts = [x.text for _, x in lines] + [item.text]
                joined = RawParagraph(join_lines(parts), None, False, False, False, True)
                joined.parts = parts  # Word shows them as paragraphs of their own: a reader counts each
                yield lines[0][0], joined
                lines = []
                continue
            if continues(el, item):
                lines.append((el, item))
                continue
        yield from lines
        lines = []
        if isinstance(item, RawParagraph) and item.text.strip() and continues(el, item):
            lines.append((el, item))
            continue
        yield el, item
    yield from lines


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
