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
    """docx or pdf, from the bytes first and the extension second; ReadError otherwise."""
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
        raise ReadError("旧版 .doc/.wps 文件需先另存为 .docx", "legacy .doc/.wps: save as .docx first")
    if suffix == ".docx" or head.startswith(b"PK"):
        if suffix not in (".docx", ".docm", ".zip", ""):
            if suffix == ".pdf":
                raise ReadError("文件扩展名为 .pdf，但内容不是 PDF", "named .pdf but is not a PDF")
            raise ReadError(f"不支持的文件类型 {suffix}（支持 .docx、.pdf）", f"unsupported file type {suffix}")
        return "docx"
    if suffix == ".pdf":
        raise ReadError("文件扩展名为 .pdf，但内容不是 PDF（可能已损坏）", "named .pdf but is not a PDF")
    raise ReadError(f"不支持的文件类型 {suffix or '（无扩展名）'}（支持 .docx、.pdf）", f"unsupported file type {suffix or '(none)'}")


def read_document(path: str | Path) -> Document:
    """Read a report into the document model. Raises ReadError with a one-line reason."""
    from extractor.assemble import assemble

    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "docx":
        from extractor.docx_reader import DocxReader

        reader = DocxReader(path)
        return assemble(str(path), "docx", reader.items())
    from extractor.pdf_reader import PdfReader

    pdf = PdfReader(path)
    try:
        doc = assemble(str(path), "pdf", pdf.items())
    finally:
        pdf.close()
    doc.n_pages = pdf.n_pages
    doc.page_problems = pdf.page_problems
    if pdf.page_problems and len(pdf.page_problems) == pdf.n_pages:
        kinds = {p.problem for p in pdf.page_problems}
        if kinds == {"cid_text"}:
            raise ReadError("PDF 字体缺少字符映射，全部页面只能读出 (cid:…) 乱码，无法核查",
                            "all pages give (cid:…) text: no usable text layer")
        raise ReadError(f"PDF 没有文字层（可能是扫描件），共 {pdf.n_pages} 页，无法核查；需 OCR",
                        "image-only PDF: no text layer")
    if not any(b.text or b.table for b in doc.blocks) and not pdf.page_problems:
        raise ReadError("PDF 中没有可读的文字", "the PDF has no text")
    for problem in pdf.page_problems:
        what = "没有文字层（可能是扫描页）" if problem.problem == "no_text_layer" else "只能读出 (cid:…) 乱码"
        doc.warnings.append(f"第 {problem.page} 页{what}，该页未核查")
    return doc
