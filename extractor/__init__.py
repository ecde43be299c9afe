"""Reading documents into one model: `read_document(path)` for .docx and .pdf (and, through
LibreOffice, legacy .doc/.wps, RTF and web pages saved as .doc), the format told by the bytes."""

from __future__ import annotations

from pathlib import Path

from extractor.errors import ReadError
from extractor.model import Block, Cell, Document, LocatedQuantity, Location, Marker, Quantity, Table

__all__ = [
    "Block", "Cell", "Document", "LocatedQuantity", "Location", "Marker", "Quantity", "ReadError", "Table",
    "read_document", "sniff_format",
]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# formats read by converting them to .docx first, with what the reader calls them
CONVERTED = {"doc": "旧版 Word/WPS（.doc/.wps）", "rtf": "RTF", "html": "网页（HTML）"}
_NAMED = {".doc": "doc", ".wps": "doc", ".rtf": "rtf", ".htm": "html", ".html": "html",
          ".docx": "docx", ".docm": "docx", ".pdf": "pdf"}


def sniff_format(path: Path) -> str:
    """What the file is, from its bytes, whatever its name says: docx (a zip package), pdf, doc (OLE2:
    legacy Word/WPS), rtf or html (a web page, as Word and many systems save “.doc” files).
    ReadError when the bytes are none of these (unknown bytes named .docx go to the .docx reader,
    which says what is wrong with the package)."""
    if not path.exists():
        raise ReadError(f"文件不存在：{path}", "file not found")
    if path.is_dir():
        raise ReadError(f"这是一个目录，不是文件：{path}", "is a directory, not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror}", "file cannot be read") from exc
    if not head:
        raise ReadError("文件为空（0 字节）", "empty file")
    fmt = _from_bytes(head)
    if fmt is not None:
        return fmt
    suffix = path.suffix.lower()
    named = _NAMED.get(suffix)
    if named == "docx":
        return "docx"  # the .docx reader says what is wrong with the package
    if named == "pdf":
        raise ReadError("文件扩展名为 .pdf，但内容不是 PDF（可能已损坏）", "named .pdf but is not a PDF")
    if named == "doc":
        if _text_start(head).upper().startswith(b"MIME-VERSION"):
            raise ReadError("该 .doc 实为“单个文件网页”（MHT），不支持：请在 Word 中另存为 .docx",
                            "the .doc is a single-file web page (MHT): save it as .docx")
        raise ReadError("不是有效的 .doc/.wps 文件（缺少 OLE2 文件头，也不是 RTF 或网页格式）",
                        "not a legacy Word/WPS file (no OLE2 signature, not RTF or HTML)")
    if named is not None:
        raise ReadError(f"文件扩展名为 {suffix}，但内容不是该格式（可能已损坏）", f"named {suffix} but the content is not")
    raise ReadError(f"不支持的文件类型 {suffix or '（无扩展名）'}（支持 .docx、.pdf）", f"unsupported file type {suffix or '(none)'}")


def _from_bytes(head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "docx"
    text = _text_start(head)
    if text.startswith(b"{\\rtf"):
        return "rtf"
    lower = text[:2048].lower()
    if lower.startswith(b"<?xml") and (b"<w:worddocument" in lower or b'progid="word.document"' in lower):
        # LibreOffice reads it, but tables with merged cells came back garbled in a round trip: refused
        raise ReadError("Word 2003 XML 格式不支持：请在 Word/WPS 中另存为 .docx", "Word 2003 XML is not read: save as .docx")
    if lower.startswith(b"<") and (b"<html" in lower or b"<!doctype html" in lower):
        return "html"
    return None


def _text_start(head: bytes) -> bytes:
    """The first bytes as ASCII-compatible text: a byte-order mark dropped, UTF-16 narrowed, leading
    blanks skipped (only what the signatures above need)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:len(head) - len(head) % 2].decode(codec, "replace").encode("ascii", "replace")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip(b" \t\r\n")


def display_name(path: str | Path) -> str:
    """A path as text that can always be printed and put in JSON: bytes that are not UTF-8 in a
    file name show as \\xff escapes instead of breaking the output."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_document(path: str | Path) -> Document:
    """Read a report into the document model. Raises ReadError with a one-line reason."""
    from extractor.assemble import assemble

    path = Path(path)
    fmt = sniff_format(path)  # decided once, from the bytes: a converted copy is never sniffed again
    if fmt in CONVERTED:
        return _read_converted(path, fmt)
    if fmt == "docx":
        return _read_docx(path, display_name(path))
    from extractor.pdf_reader import PdfReader

    pdf = PdfReader(path)
    try:
        doc = assemble(display_name(path), "pdf", pdf.items())
    finally:
        pdf.close()
    doc.n_pages = pdf.n_pages
    doc.page_problems = pdf.page_problems
    doc.unread.extend(pdf.unread(doc.blocks))
    if pdf.ocr_pages:
        doc.warnings.append(f"{page_ranges(pdf.ocr_pages)}没有文字层，已用 OCR 识别；识别文字可能有误，请核对原件")
    if pdf.page_problems and len(pdf.page_problems) == pdf.n_pages:
        kinds = {p.problem for p in pdf.page_problems}
        if kinds == {"cid_text"}:
            raise ReadError("PDF 字体缺少字符映射，全部页面只能读出 (cid:…) 乱码，无法核查",
                            "all pages give (cid:…) text: no usable text layer")
        from extractor.ocr import ocr_available

        pages = page_ranges([p.page for p in pdf.page_problems])
        if not ocr_available():
            raise ReadError(f"PDF 没有文字层（可能是扫描件），共 {pdf.n_pages} 页（{pages}），无法核查；"
                            "安装 OCR 扩展后可识别：pip install 'audit-check[ocr]'",
                            "image-only PDF: no text layer; install the audit-check[ocr] extra")
        raise ReadError(f"PDF 没有文字层（可能是扫描件），OCR 也未识别出文字（{pages}），无法核查",
                        "image-only PDF: OCR found no text")
    if not any(b.text or b.table for b in doc.blocks) and not pdf.page_problems and not pdf.ocr_pages:
        raise ReadError("PDF 中没有可读的文字", "the PDF has no text")
    for problem in pdf.page_problems:
        what = "没有文字层（可能是扫描页）" if problem.problem == "no_text_layer" else "只能读出 (cid:…) 乱码"
        hint = "；安装 pip install 'audit-check[ocr]' 可识别" if problem.problem == "no_text_layer" else ""
        doc.warnings.append(f"第 {problem.page} 页{what}，该页未核查{hint}")
    return doc


def _read_docx(path: Path, shown: str) -> Document:
    from extractor.assemble import assemble
    from extractor.docx_reader import DocxReader

    return assemble(shown, "docx", DocxReader(path).items())


def _read_converted(path: Path, fmt: str) -> Document:
    """A legacy/RTF/HTML file converted by LibreOffice into a temporary .docx, read as .docx (never
    converted again), reported under its own name; the input file is only read."""
    import tempfile

    from extractor.legacy import convert_to_docx

    with tempfile.TemporaryDirectory(prefix="audit-check-") as tmp:
        converted = convert_to_docx(path, Path(tmp), fmt)
        doc = _read_docx(converted, display_name(path))
    suffix = path.suffix.lower()
    renamed = f"文件扩展名为 {suffix}，内容实为" if _NAMED.get(suffix) not in (fmt, None) else ""
    doc.warnings.insert(0, f"{renamed}{CONVERTED[fmt]}格式，已经 LibreOffice 转换为 .docx 后核查")
    return doc


def page_ranges(pages: list[int]) -> str:
    """第 1-3、5 页"""
    runs: list[list[int]] = []
    for p in sorted(pages):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return "第 " + "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + " 页"
