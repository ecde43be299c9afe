"""Reading documents into one model: `read_document(path)` for .docx and .pdf."""

from __future__ import annotations

from pathlib import Path

from extractor.errors import ReadError
from extractor.model import Block, Cell, Document, LocatedQuantity, Location, Marker, Quantity, Table

__all__ = [
    "Block", "Cell", "Document", "LocatedQuantity", "Location", "Marker", "Quantity", "ReadError", "Table",
    "read_document", "sniff_format",
]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: Path) -> str:
    """docx, pdf or doc (legacy Word/WPS), from the bytes first and the extension second;
    ReadError otherwise."""
    if not path.exists():
        raise ReadError(f"文件不存在：{path}", "file not found")
    if path.is_dir():
        raise ReadError(f"这是一个目录，不是文件：{path}", "is a directory, not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror}", "file cannot be read") from exc
    if not head:
        raise ReadError("文件为空（0 字节）", "empty file")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_OLE2) or suffix in (".doc", ".wps"):
        return "doc"
    if suffix == ".docx" or head.startswith(b"PK"):
        if suffix not in (".docx", ".docm", ".zip", ""):
            if suffix == ".pdf":
                raise ReadError("文件扩展名为 .pdf，但内容不是 PDF", "named .pdf but is not a PDF")
            raise ReadError(f"不支持的文件类型 {suffix}（支持 .docx、.pdf）", f"unsupported file type {suffix}")
        return "docx"
    if suffix == ".pdf":
        raise ReadError("文件扩展名为 .pdf，但内容不是 PDF（可能已损坏）", "named .pdf but is not a PDF")
    raise ReadError(f"不支持的文件类型 {suffix or '（无扩展名）'}（支持 .docx、.pdf）", f"unsupported file type {suffix or '(none)'}")


def display_name(path: str | Path) -> str:
    """A path as text that can always be printed and put in JSON: bytes that are not UTF-8 in a
    file name show as \\xff escapes instead of breaking the output."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_document(path: str | Path) -> Document:
    """Read a report into the document model. Raises ReadError with a one-line reason."""
    from extractor.assemble import assemble

    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "doc":
        import tempfile

        from extractor.legacy import convert_to_docx

        with tempfile.TemporaryDirectory(prefix="audit-check-") as tmp:
            converted = convert_to_docx(path, Path(tmp))
            doc = read_document(converted)
        doc.file = display_name(path)
        doc.warnings.insert(0, "旧版格式，已经 LibreOffice 转换为 .docx 后核查")
        return doc
    if fmt == "docx":
        from extractor.docx_reader import DocxReader

        reader = DocxReader(path)
        return assemble(display_name(path), "docx", reader.items())
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


def page_ranges(pages: list[int]) -> str:
    """第 1-3、5 页"""
    runs: list[list[int]] = []
    for p in sorted(pages):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return "第 " + "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + " 页"
