"""Word comments: a copy of the .docx with one comment (author audit-check) per finding, anchored on
the figure the finding is about — the awarded score for a score rule, the stated figure for an
arithmetic rule, never a list number or a digit inside a longer figure. A finding that cannot be
anchored so is listed in one comment at the top of the document: comments + listed = findings.
The input file is only read."""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import regex

from checks.finding import Finding
from checks.quote import shown
from checks.runner import Result
from extractor.docx_reader import DocxReader, W, cell_elements
from extractor.model import Document
from writers.common import SEVERITY, where

AUTHOR, INITIALS = "audit-check", "AC"

# the score a text awards: 计3分 / 得3分 / 得分为3分 / 评分3分 (not the 3 of “3.重点支出安排率”)
_AWARD_BEFORE = regex.compile(r"(?:计|得|得分|得分为|评分为|评分|记)\s*$")

_TEXT = {
    "zh": {"expected": "应为 {}", "see": "见 {}", "sep": "；", "top": "audit-check：以下 {} 条问题未能在文中定位到所涉数字，列于此处：",
           "item": "{n}. [{rule} {severity}] {message}（{where}）"},
    "en": {"expected": "expected {}", "see": "see {}", "sep": "; ",
           "top": "audit-check: {} finding(s) could not be anchored on their figure in the text; listed here:",
           "item": "{n}. [{rule} {severity}] {message} ({where})"},
}


@dataclass
class Annotation:
    """What was written: the findings anchored on their figure, and those listed at the top."""

    anchored: int = 0
    listed: list[Finding] = field(default_factory=list)

    @property
    def comments(self) -> int:
        return self.anchored + (1 if self.listed else 0)


# ---- runs and spans -------------------------------------------------------------------------

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


# ---- where the figure is --------------------------------------------------------------------

def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def _locate(text: str, needle: str) -> int | None:
    """Where `needle` starts in `text`, spaces ignored on both sides (None if absent)."""
    if not needle:
        return None
    at = text.find(needle)
    if at >= 0:
        return at
    squeezed = "".join(needle.split())
    if not squeezed:
        return None
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    flat = "".join(text[i] for i in positions)
    at = flat.find(squeezed)
    return positions[at] if at >= 0 else None


def _excerpt_window(text: str, f: Finding) -> tuple[int, int] | None:
    """The span of the excerpt in `text` (found with spaces ignored, stretched over the spaces)."""
    at = _locate(text, f.excerpt)
    if at is None:
        return None
    if text.startswith(f.excerpt, at):
        return at, at + len(f.excerpt)
    want, seen, i = len("".join(f.excerpt.split())), 0, at
    while i < len(text) and seen < want:
        seen += 0 if text[i].isspace() else 1
        i += 1
    return at, i


def _figures(text: str, f: Finding) -> list[tuple[int, int]]:
    """The spans of whole figures in `text` that state the finding's figure (its value as stated,
    or in base units); for a score (分) only scores, the awarded ones (计3分, 得3分) first."""
    from extractor.quantities import parse_quantities

    stated = _decimal(f.stated)
    if stated is None:
        return []
    found = []
    for q in parse_quantities(text):
        if abs(stated) not in (abs(q.value), abs(q.base_value)):
            continue
        if f.unit == "分" and q.unit not in ("分", None):
            continue
        awarded = bool(_AWARD_BEFORE.search(text[max(0, q.start - 4):q.start]))
        found.append((0 if awarded else 1, q.unit != f.unit, q.start, q.end))
    if f.unit == "分":
        found.sort()
    else:
        found.sort(key=lambda c: (c[1], c[2]))
    return [(a, b) for *_, a, b in found]


def figure_span(text: str, f: Finding) -> tuple[int, int] | None:
    """The span of the finding's figure in `text` (a paragraph's or a cell's): the location's span
    when it lies on a whole figure, else the offsets inside the excerpt (excerpt_start/end), else
    the figure inside the excerpt, else the figure in the text; None when none is certain."""
    figures = _figures(text, f)

    def on_figure(a: int, b: int) -> tuple[int, int] | None:
        if not 0 <= a < b <= len(text):
            return None
        if f.stated is None:
            return a, b
        hit = next(((x, y) for x, y in figures if x < b and y > a), None)  # the whole figure it points into
        return hit

    loc = f.location
    if loc.start is not None and loc.end is not None and (span := on_figure(loc.start, loc.end)):
        return span
    window = _excerpt_window(text, f)
    inner = (getattr(f, "excerpt_start", None), getattr(f, "excerpt_end", None))
    if (window is not None and inner[0] is not None and inner[1] is not None
            and (span := on_figure(window[0] + inner[0], window[0] + inner[1]))):
        return span
    if f.stated is None:
        return window
    inside = [(a, b) for a, b in figures if a >= window[0] and b <= window[1]] if window is not None else []
    pool = inside or figures  # figures of the same value are the same figure stated: the first (awarded) one
    return pool[0] if pool else None


# ---- comment text ---------------------------------------------------------------------------

def comment_text(f: Finding, lang: str = "zh") -> str:
    """[SUM001 错误] message; the candidates (or 应为 once); 见 FML001 — no block numbers."""
    t = _TEXT[lang]
    parts = [f"[{f.rule} {SEVERITY[lang][f.severity]}] {f.message}"]
    detail = f.detail if isinstance(f.detail, dict) else {}
    candidates = detail.get("candidates") or []
    key = "text_en" if lang == "en" else "text"
    texts = [c.get(key) or c.get("text") for c in candidates if isinstance(c, dict)]
    texts = [x for x in texts if x and x not in f.message]
    if texts:
        parts.append(t["sep"].join(texts))
    elif f.expected is not None and not candidates:
        said = shown(f.expected, f.unit)
        if not any(word in f.message for word in ("应为", "expected", "should be")) and said not in f.message:
            parts.append(t["expected"].format(said))
    see = detail.get("see")
    if isinstance(see, dict) and see.get("rule"):
        text = t["see"].format(see["rule"])
        if text not in f.message:
            parts.append(text)
    return t["sep"].join(parts)


def _listing(findings: list[Finding], lang: str) -> str:
    t = _TEXT[lang]
    lines = [t["top"].format(len(findings))]
    for n, f in enumerate(findings, 1):
        lines.append(t["item"].format(n=n, rule=f.rule, severity=SEVERITY[lang][f.severity],
                                      message=comment_text(f, lang).split("] ", 1)[-1], where=where(f, lang)))
    return "\n".join(lines)


# ---- writing --------------------------------------------------------------------------------

def _cell_runs(tc, f: Finding) -> list:  # type: ignore[no-untyped-def]
    import docx

    paragraphs = list(tc.iter(W + "p"))
    for p in paragraphs:
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        span = figure_span(text, f) if f.stated is not None else None
        if span:
            return _anchor_runs(p, *span)
    if f.stated is not None:
        text = "".join("".join(t.text or "" for t in p.iter(W + "t")) for p in paragraphs)
        if text.strip():
            return []  # the cell holds other figures, not this one: listed, not pinned on the wrong text
    runs = [r for p in paragraphs for r in p.iter(W + "r")]
    if not runs and paragraphs:  # an empty cell (a score left blank) has no run: give it one to hold the comment
        runs = [docx.oxml.OxmlElement("w:r")]
        paragraphs[0].append(runs[0])
    return runs


def _runs_for(f: Finding, doc: Document, elements: list) -> list:  # type: ignore[no-untyped-def]
    from extractor.docx_reader import _text

    block = doc.blocks[f.location.block] if 0 <= f.location.block < len(doc.blocks) else None
    if block is None or block.source is None or block.source >= len(elements):
        return []
    element = elements[block.source]
    if f.location.kind == "table":
        if f.location.row is None or f.location.col is None:
            return []
        row, sources = f.location.row, block.table.row_sources if block.table is not None else []
        if row < len(sources):  # a table joined from parts split by hand: the part holding the row
            part, row = sources[row]
            element = elements[part] if part < len(elements) else element
        tc = cell_elements(element).get((row, f.location.col))
        return _cell_runs(tc, f) if tc is not None else []
    if element.tag != W + "p":  # a note read from its own part: the comment stands on its mark in the text
        return [element] if element.tag == W + "r" else list(element.iter(W + "r"))
    span = figure_span(_text(element), f)
    if span is not None:
        return _anchor_runs(element, *span)
    if f.stated is None:  # a finding about the paragraph as a whole (a scoring rule's wording)
        return list(element.iter(W + "r"))
    return []


def _top_runs(document) -> list:  # type: ignore[no-untyped-def]
    """The first paragraph of the body with text (or the first one, given a run) for the listing."""
    import docx

    body = document.element.body
    paragraphs = list(body.iter(W + "p"))
    for p in paragraphs:
        runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
        if runs:
            return runs
    p = paragraphs[0] if paragraphs else None
    if p is None:
        p = docx.oxml.OxmlElement("w:p")
        body.insert(0, p)
    run = docx.oxml.OxmlElement("w:r")
    p.append(run)
    return [run]


def annotate(source: Path, out: Path, doc: Document, result: Result, lang: str = "zh") -> int:
    """Write `out` (see `write_comments`); returns how many findings were anchored on their figure."""
    return write_comments(source, out, doc, result, lang).anchored


def write_comments(source: Path, out: Path, doc: Document, result: Result, lang: str = "zh") -> Annotation:
    """Write `out`: a copy of `source` with a comment on the figure of each finding, and one comment
    at the top listing those that could not be anchored."""
    import docx
    from docx.text.run import Run

    shutil.copyfile(source, out)
    document = docx.Document(str(out))
    elements = [el for el, _ in DocxReader.from_document(document).items_with_elements()]
    done = Annotation()

    def comment(runs: list, text: str) -> None:
        proxies = [Run(r, None) for r in (runs[0], runs[-1])]  # type: ignore[arg-type]
        document.add_comment(proxies, text=text, author=AUTHOR, initials=INITIALS)

    for f in result.findings:
        runs = _runs_for(f, doc, elements)
        if not runs:
            done.listed.append(f)
            continue
        comment(runs, comment_text(f, lang))
        done.anchored += 1
    if done.listed:
        comment(_top_runs(document), _listing(done.listed, lang))
    document.save(str(out))
    return done
