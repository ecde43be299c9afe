"""What sits inside a .docx paragraph besides its runs: text boxes, equations, footnote marks,
pictures, charts, embedded objects — and altChunk parts that hold whole documents.

The reader (extractor/docx_reader.py) asks `scan` once per document which paragraphs hold any of
these, so a file without them pays one C-level pass over its XML and nothing else. What it finds:
- text boxes (wps:txbx / v:textbox → w:txbxContent) are read as their own blocks right after the
  paragraph they are anchored in, never spliced into its sentence, tables in them kept as tables;
  of an mc:AlternateContent only the Choice is read when it has one (its Fallback holds the same
  box again, drawn in VML). A text box in a table cell is read as lines of that cell's text, after
  the paragraph it is anchored in (a cell's figure is often put in one); a table in it is nested;
- nested tables are taken out of their cells and read as tables of their own, right after the
  table holding them, each naming its cell (Table.nested_in), so the table rules check them;
- OMML equations (m:oMath) are rendered as linear text: m:f → (a/b), m:sSup → x^2, m:d → (…);
  one that holds something without a linear form (a matrix…) is reported as not read;
- pictures, charts, SmartArt and OLE objects have no text: they are reported as not read, with the
  name the file gives them (wp:docPr name/descr, the OLE ProgID);
- altChunk parts (HTML, plain text, another .docx, RTF through LibreOffice) are read in place.
Footnotes and endnotes are read from their own parts: a footnote right after the paragraph (or
table) holding its reference, an endnote at the end of the document, where Word prints them.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

OBJECT_TAGS = (W + "drawing", W + "pict", W + "object")
EQUATION_TAGS = (M + "oMath", M + "oMathPara")
NOTE_TAGS = (W + "footnoteReference", W + "endnoteReference")
SCAN_TAGS = (*OBJECT_TAGS, M + "oMath", *NOTE_TAGS, W + "altChunk")

_URI_KIND = {
    "http://schemas.openxmlformats.org/drawingml/2006/chart": ("chart", "图表"),
    "http://schemas.microsoft.com/office/drawing/2014/chartex": ("chart", "图表"),
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": ("other", "SmartArt 图形"),
    "http://schemas.openxmlformats.org/drawingml/2006/picture": ("image", "图片"),
}


# ---- where the objects are ----------------------------------------------------------------------

def shadowed(el, stop=None) -> bool:  # type: ignore[no-untyped-def]
    """True when `el` lies in an mc:Fallback whose AlternateContent has a Choice: Word shows the
    Choice, and the Fallback repeats the same content in an older form."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag == MC + "Fallback":
            alt = node.getparent()
            if alt is not None and alt.find(MC + "Choice") is not None:
                return True
        node = node.getparent()
    return False


def scan(body) -> dict[object, list[object]]:  # type: ignore[no-untyped-def]
    """The paragraphs (w:p) and cells (w:tc) that hold objects, footnote marks or altChunks, each
    with those elements in document order. Empty for a plain document (one pass, no Python walk)."""
    found: dict[object, list[object]] = {}
    for el in body.iter(*SCAN_TAGS):
        if shadowed(el):
            continue
        holder = el.getparent()
        while holder is not None and holder.tag not in (W + "p", W + "tc", W + "body"):
            holder = holder.getparent()
        if holder is not None:
            found.setdefault(holder, []).append(el)
    return found


def text_boxes(p) -> list[object]:  # type: ignore[no-untyped-def]
    """The w:txbxContent of each text box anchored in paragraph `p`, once each: outermost only (a
    box inside a box is read from the inner paragraph), the Choice of an AlternateContent only."""
    out = []
    for box in p.iter(W + "txbxContent"):
        if shadowed(box, p):
            continue
        node, inner = box.getparent(), False
        while node is not None and node is not p:
            if node.tag == W + "txbxContent":
                inner = True
                break
            node = node.getparent()
        if not inner:
            out.append(box)
    return out


def describe(el) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """(kind, detail) for a drawing, VML picture or OLE object that has no text to read; None for a
    text box or a plain shape (a line, an arrow) that holds nothing."""
    if el.tag == W + "object" or el.find(".//" + OFFICE + "OLEObject") is not None:
        ole = el.find(".//" + OFFICE + "OLEObject")
        prog = ole.get("ProgID", "") if ole is not None else ""
        return "object", f"嵌入对象 {prog}".strip()
    if el.tag == W + "drawing":
        doc_pr = el.find(".//" + WP + "docPr")
        name = ""
        if doc_pr is not None:
            name = "：".join(x for x in (doc_pr.get("name", ""), doc_pr.get("descr", "")) if x)
        data = el.find(".//" + A + "graphicData")
        uri = data.get("uri", "") if data is not None else ""
        if uri in _URI_KIND:
            kind, what = _URI_KIND[uri]
            if kind == "image" or el.find(".//" + W + "txbxContent") is None:
                return kind, f"{what}（{name}）" if name else what
        return None
    if el.tag == W + "pict" and el.find(".//" + W + "txbxContent") is None \
            and el.find(".//" + V + "imagedata") is not None:
        shape = el.find(V + "shape")
        name = (shape.get("alt") or shape.get("id") or "") if shape is not None else ""
        return "image", f"图片（{name}）" if name else "图片"
    return None


# ---- equations ----------------------------------------------------------------------------------

class Unrenderable(Exception):
    pass


def equation_text(el) -> str | None:  # type: ignore[no-untyped-def]
    """An m:oMath or m:oMathPara as linear text, or None when it holds something without a linear form."""
    try:
        if el.tag == M + "oMathPara":
            return "；".join(_math(om) for om in el.iter(M + "oMath") if _outer_math(om, el))
        return _math(el)
    except Unrenderable:
        return None


def _outer_math(om, para) -> bool:  # type: ignore[no-untyped-def]
    node = om.getparent()
    while node is not None and node is not para:
        if node.tag == M + "oMath":
            return False
        node = node.getparent()
    return True


def _arg(el, tag: str) -> str:  # type: ignore[no-untyped-def]
    child = el.find(M + tag)
    return _math(child) if child is not None else ""


def _group(text: str) -> str:
    """An operand as it must be written in a line: bracketed unless it is one term."""
    if len(text) <= 1 or all(ch not in text for ch in "+-−×÷*/=^_ ，,") or (text[0] == "(" and text[-1] == ")"):
        return text
    return f"({text})"


def _chr(el, prop: str, name: str, default: str) -> str:  # type: ignore[no-untyped-def]
    pr = el.find(M + prop)
    found = pr.find(M + name) if pr is not None else None
    if found is None:
        return default
    return found.get(M + "val", "")


def _math(node) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag.endswith("Pr") or tag in (W + "rPr", M + "ctrlPr"):
            continue
        local = tag.rsplit("}", 1)[-1]
        ns = tag[: -len(local)]
        if ns not in (M, W) and tag not in (MC + "AlternateContent", MC + "Choice"):
            if tag == MC + "Fallback":
                continue
            raise Unrenderable(local)
        if local in ("t",):
            parts.append(child.text or "")
        elif local in ("r", "e", "num", "den", "sub", "sup", "deg", "lim", "fName", "oMath", "box", "borderBox",
                       "AlternateContent", "Choice", "ins", "argPr"):
            parts.append(_math(child))
        elif local == "del":
            continue
        elif local == "f":
            fraction = _chr(child, "fPr", "type", "bar")
            num, den = _arg(child, "num"), _arg(child, "den")
            if fraction == "noBar":
                raise Unrenderable("f noBar")
            parts.append(f"({_group(num)}/{_group(den)})")
        elif local == "sSup":
            parts.append(f"{_group(_arg(child, 'e'))}^{_group(_arg(child, 'sup'))}")
        elif local == "sSub":
            parts.append(f"{_group(_arg(child, 'e'))}_{_group(_arg(child, 'sub'))}")
        elif local == "sSubSup":
            parts.append(f"{_group(_arg(child, 'e'))}_{_group(_arg(child, 'sub'))}^{_group(_arg(child, 'sup'))}")
        elif local == "sPre":
            parts.append(f"_{_group(_arg(child, 'sub'))}^{_group(_arg(child, 'sup'))}{_group(_arg(child, 'e'))}")
        elif local == "d":
            beg, end = _chr(child, "dPr", "begChr", "("), _chr(child, "dPr", "endChr", ")")
            sep = _chr(child, "dPr", "sepChr", "|")
            parts.append(beg + sep.join(_math(e) for e in child.findall(M + "e")) + end)
        elif local == "nary":
            op = _chr(child, "naryPr", "chr", "∫")
            sub, sup = _arg(child, "sub"), _arg(child, "sup")
            limits = (f"_{_group(sub)}" if sub else "") + (f"^{_group(sup)}" if sup else "")
            parts.append(f"{op}{limits}({_arg(child, 'e')})")
        elif local == "rad":
            deg = _arg(child, "deg")
            parts.append(f"{deg}√({_arg(child, 'e')})")
        elif local == "func":
            parts.append(f"{_arg(child, 'fName')}({_arg(child, 'e')})")
        elif local in ("acc", "bar", "groupChr", "phant"):
            if local == "phant" and _chr(child, "phantPr", "show", "1") in ("0", "off", "false"):
                continue
            parts.append(_arg(child, "e"))
        elif local in ("limLow", "limUpp"):
            parts.append(f"{_arg(child, 'e')}{'_' if local == 'limLow' else '^'}{_group(_arg(child, 'lim'))}")
        elif local == "eqArr":
            parts.append("；".join(_math(e) for e in child.findall(M + "e")))
        elif local in ("bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak", "commentRangeStart",
                       "commentRangeEnd", "commentReference", "permStart", "permEnd"):
            continue
        else:
            raise Unrenderable(local)  # a matrix (m:m), a w:drawing in an equation…
    return "".join(parts)


# ---- footnotes and endnotes ---------------------------------------------------------------------

def note_bodies(part_xml: bytes | None, tag: str) -> dict[str, object]:
    """id → w:footnote / w:endnote element of a notes part (separators left out)."""
    if not part_xml:
        return {}
    from docx.oxml import parse_xml  # lxml with entities off

    root = parse_xml(part_xml)
    return {n.get(W + "id", ""): n for n in root.findall(W + tag)
            if n.get(W + "type") in (None, "normal")}


# ---- altChunk -----------------------------------------------------------------------------------

_RT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def keep_chunks_raw() -> None:
    """python-docx builds each part by its content type, and a .docx altChunk carries the main
    document's (…document.main+xml, as the Open XML SDK writes it): parsed as XML, it made the whole
    file unreadable. altChunk parts are kept as bytes (installed once, chaining python-docx's own)."""
    from docx.opc.part import Part, PartFactory

    previous = PartFactory.part_class_selector
    if getattr(previous, "keeps_chunks", False):
        return

    def select(content_type: str, reltype: str):  # type: ignore[no-untyped-def]
        if reltype == _RT_CHUNK:
            return Part
        return previous(content_type, reltype) if previous is not None else None

    select.keeps_chunks = True  # type: ignore[attr-defined]
    PartFactory.part_class_selector = staticmethod(select)  # type: ignore[assignment]

class HtmlContent(HTMLParser):
    """The visible text of an HTML altChunk as paragraphs, and its tables as grids
    (rows of (text, rowspan, colspan)); script, style and head left out."""

    _BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article",
              "blockquote", "pre", "title"}
    _HIDDEN = {"script", "style", "head", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, object]] = []  # ("p", text) | ("table", rows)
        self._text: list[str] = []
        self._hidden = 0
        self._tables: list[dict] = []  # open tables, innermost last

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split()) if self._text else ""
        self._text = []
        if not text:
            return
        if self._tables and self._tables[-1]["cell"] is not None:
            self._tables[-1]["cell"][0].append(text)
        else:
            self.items.append(("p", text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
            return
        if tag in self._BLOCK or tag in ("td", "th", "table"):
            self._flush()
        if tag == "table":
            self._tables.append({"rows": [], "cell": None})
        elif self._tables and tag == "tr":
            self._tables[-1]["rows"].append([])
        elif self._tables and tag in ("td", "th"):
            table = self._tables[-1]
            if not table["rows"]:
                table["rows"].append([])
            a = dict(attrs)
            cell = ([], _span(a.get("rowspan")), _span(a.get("colspan")))
            table["rows"][-1].append(cell)
            table["cell"] = cell

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if tag in self._BLOCK or tag in ("td", "th", "table"):
            self._flush()
        if self._tables and tag in ("td", "th"):
            self._tables[-1]["cell"] = None
        elif self._tables and tag == "table":
            table = self._tables.pop()
            rows = [[("\n".join(parts), rs, cs) for parts, rs, cs in row] for row in table["rows"]]
            self.items.append(("table", rows))  # a table in a cell comes out before the one holding it

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        while self._tables:
            self.handle_endtag("table")


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) < 1000 else 1


def html_items(data: bytes) -> list[tuple[str, object]]:
    parser = HtmlContent()
    parser.feed(_decode(data))
    parser.close()
    return parser.items


def _decode(data: bytes) -> str:
    import re

    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:2048])
    for enc in ([m.group(1).decode("ascii")] if m else []) + ["utf-8", "gb18030"]:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def text_lines(data: bytes) -> Iterator[str]:
    for line in _decode(data).splitlines():
        if line.strip():
            yield line.strip()


def chunk_kind(content_type: str, partname: str) -> str:
    """html, text, docx, rtf or other, from the part's content type, else its extension."""
    ct = content_type.lower()
    ext = partname.rsplit(".", 1)[-1].lower() if "." in partname else ""
    if "html" in ct or ext in ("htm", "html", "xhtml"):
        return "html"
    if "wordprocessingml" in ct or "macroenabled" in ct and "word" in ct or ext in ("docx", "docm", "dotx"):
        return "docx"
    if "rtf" in ct or ext == "rtf":
        return "rtf"
    if ct.startswith("text/plain") or ext == "txt":
        return "text"
    return "other"


def rtf_to_docx(data: bytes) -> bytes | None:
    """An RTF part converted through LibreOffice, when it is installed; None otherwise."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="audit-check-rtf-") as tmp:
        work = Path(tmp)
        (work / "chunk.rtf").write_bytes(data)
        (work / "out").mkdir()
        profile = work / "profile"
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--convert-to", "docx", "--outdir", str(work / "out"), str(work / "chunk.rtf")],
                           capture_output=True, timeout=120, check=False, stdin=subprocess.DEVNULL)
        except (subprocess.TimeoutExpired, OSError):
            return None
        out = work / "out" / "chunk.docx"
        return out.read_bytes() if out.exists() and out.stat().st_size else None


def html_table(rows: list[list[tuple[str, int, int]]]):  # type: ignore[no-untyped-def]
    """An HTML table's rows laid on a grid (rowspan/colspan honoured), as the model's Table."""
    from extractor.model import Cell, Table

    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            rowspan = min(rowspan, len(rows) - r)
            cells.append(Cell(row=r, col=c, rowspan=rowspan, colspan=colspan, text=text))
            for k in range(r, r + rowspan):
                for j in range(c, c + colspan):
                    taken.add((k, j))
            c += colspan
            n_cols = max(n_cols, c)
    n_cols = max([n_cols] + [j + 1 for _, j in taken])
    return Table(n_rows=len(rows), n_cols=n_cols, cells=cells)
