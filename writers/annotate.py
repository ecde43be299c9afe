"""Word comments: a copy of the .docx with one comment (author audit-check) per finding, anchored on
the figure the finding is about — or on the table cell. The input file is only read."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from pathlib import Path

from checks.finding import Finding
from checks.runner import Result
from extractor.docx_reader import DocxReader, W, cell_elements
from extractor.model import Document
from writers.common import SEVERITY, number

AUTHOR, INITIALS = "audit-check", "AC"


def _runs_with_spans(p) -> list[tuple[object, int, int]]:  # type: ignore[no-untyped-def]
    """Each run of a paragraph with the span of text it contributes (the reader's text, in order)."""
    from extractor.docx_reader import _SKIP

    out = []
    pos = 0

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        nonlocal pos
        for child in node:
            if child.tag in _SKIP or child.tag == W + "tbl":
                continue
            if child.tag == W + "r":
                length = sum(len(t.text or "") for t in child.iter(W + "t")) + sum(
                    1 for t in child.iter() if t.tag in (W + "tab", W + "br", W + "cr", W + "noBreakHyphen"))
                out.append((child, pos, pos + length))
                pos += length
            else:
                walk(child)

    walk(p)
    return out


def _split(r, at: int):  # type: ignore[no-untyped-def]
    """Split a run with one text node at offset `at`; returns the right part (inserted after it)."""
    texts = list(r.iter(W + "t"))
    if len(texts) != 1 or not 0 < at < len(texts[0].text or ""):
        return None
    right = copy.deepcopy(r)
    full = texts[0].text or ""
    texts[0].text = full[:at]
    list(right.iter(W + "t"))[0].text = full[at:]
    for t in (texts[0], list(right.iter(W + "t"))[0]):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(right)
    return right


def _anchor_runs(p, start: int, end: int) -> list:  # type: ignore[no-untyped-def]
    """The runs covering [start, end) of the paragraph text, split at the ends where possible."""
    runs = _runs_with_spans(p)
    covering = [(r, a, b) for r, a, b in runs if a < end and b > start]
    if not covering:
        return []
    first, a, _ = covering[0]
    if start > a and _split(first, start - a) is not None:
        runs = _runs_with_spans(p)
        covering = [(r, x, y) for r, x, y in runs if x < end and y > start]
    last, a, b = covering[-1]
    if end < b:
        _split(last, end - a)
        runs = _runs_with_spans(p)
        covering = [(r, x, y) for r, x, y in runs if x < end and y > start]
    return [r for r, _, _ in covering]


def _figure_span(text: str, f: Finding) -> tuple[int, int] | None:
    if f.location.start is not None and f.location.end is not None and f.location.end <= len(text):
        return f.location.start, f.location.end
    for probe in _probes(f):
        at = text.find(probe)
        if at >= 0:
            return at, at + len(probe)
    return None


def _probes(f: Finding) -> list[str]:
    out = []
    if f.stated is not None:
        value = f.stated if isinstance(f.stated, Decimal) else Decimal(str(f.stated))
        out += [format(value, "f"), format(value.normalize(), "f"), f"{value:,.2f}"]
    if f.excerpt:
        out.append(f.excerpt[:40])
    return [p for p in out if p]


def _comment_text(f: Finding, lang: str) -> str:
    unit = f.unit or ""
    expected = f"；应为 {number(f.expected)}{unit}" if f.expected is not None else ""
    if lang == "en":
        expected = f"; expected {number(f.expected)}{unit}" if f.expected is not None else ""
    return f"[{f.rule} {SEVERITY[lang][f.severity]}] {f.message}{expected}"


def annotate(source: Path, out: Path, doc: Document, result: Result, lang: str = "zh") -> int:
    """Write `out`: a copy of `source` with a comment per finding. Returns how many were anchored."""
    import docx
    from docx.text.run import Run

    shutil.copyfile(source, out)
    document = docx.Document(str(out))
    elements = [el for el, _ in DocxReader.from_document(document).items_with_elements()]
    anchored = 0
    for f in result.findings:
        block = doc.blocks[f.location.block] if f.location.block < len(doc.blocks) else None
        if block is None or block.source is None or block.source >= len(elements):
            continue
        element = elements[block.source]
        runs = []
        if f.location.kind == "table" and f.location.row is not None and f.location.col is not None:
            row, sources = f.location.row, block.table.row_sources if block.table is not None else []
            if row < len(sources):  # a table joined from parts split by hand: the part holding the row
                part, row = sources[row]
                element = elements[part] if part < len(elements) else element
            tc = cell_elements(element).get((row, f.location.col))
            if tc is None:
                continue
            paragraphs = [p for p in tc.iter(W + "p")]
            for p in paragraphs:
                text = "".join(t.text or "" for t in p.iter(W + "t"))
                span = _figure_span(text, f) if f.stated is not None else None
                if span:
                    runs = _anchor_runs(p, *span)
                    break
            if not runs:
                runs = [r for p in paragraphs for r in p.iter(W + "r")]
            if not runs and paragraphs:  # an empty cell has no run: give it one to hold the comment
                runs = [docx.oxml.OxmlElement("w:r")]
                paragraphs[0].append(runs[0])
        else:
            from extractor.docx_reader import _text

            span = _figure_span(_text(element), f)
            runs = _anchor_runs(element, *span) if span else list(element.iter(W + "r"))
        if not runs:
            continue
        proxies = [Run(r, None) for r in (runs[0], runs[-1])]  # type: ignore[arg-type]
        document.add_comment(proxies, text=_comment_text(f, lang), author=AUTHOR, initials=INITIALS)
        anchored += 1
    document.save(str(out))
    return anchored
