"""Fuzzing: the parser and the readers on random input never raise anything but ReadError, and
every figure found points at its own text.

Each example has a deadline (generous, so a loaded machine does not flake: a slow example is a
hang in the making, not noise); the CI profile in conftest.py is derandomized."""

from __future__ import annotations

import zipfile
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import ReadError, read_document
from extractor.model import Document
from extractor.quantities import scan

ALPHABET = st.sampled_from(list("0123456789０１２３.,，。；：、%％‰-－+×÷/()（）=＝≥≤<>万亿元人个项次分率为共计其中增长下降"
                                "至到第年月日号〔〕“”一二三四五六七八九十百千两含以上以下不超过约余 \n"))
PER_EXAMPLE = timedelta(seconds=5)


@settings(max_examples=400, deadline=PER_EXAMPLE)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_scan_never_fails_and_spans_are_exact(text):
    quantities, markers = scan(text)
    for item in (*quantities, *markers):
        assert text[item.start:item.end] == item.text
        assert item.text.strip()  # a figure is never empty or blank
    for q in quantities:
        assert any(ch.isdigit() or ch in "〇零一二三四五六七八九十百千万亿两" for ch in q.text), q
    spans = sorted((q.start, q.end) for q in quantities)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def _outcome(path) -> Document | ReadError:
    """What reading gives: a Document or a ReadError; anything else raised fails the test."""
    try:
        return read_document(path)
    except ReadError as e:
        return e


def _sane(doc: Document, fmt: str) -> None:
    """A document read from damaged bytes is still a well-formed one: its format, its blocks
    numbered in order, each table's cells inside its grid, every figure of a block its own text."""
    assert isinstance(doc, Document) and doc.format == fmt
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    for b in doc.blocks:
        if b.table is not None:
            t = b.table
            assert all(0 <= c.row < t.n_rows and 0 <= c.col < t.n_cols for c in t.cells)
        quantities, _ = scan(b.text)
        assert all(b.text[q.start:q.end] == q.text for q in quantities)


@settings(max_examples=60, deadline=PER_EXAMPLE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2048), st.sampled_from([".docx", ".pdf", ".doc"]))
def test_random_bytes_are_refused_cleanly(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    outcome = _outcome(path)
    if isinstance(outcome, ReadError):
        assert str(outcome)  # the user is told why, not handed an empty message
    else:
        _sane(outcome, "pdf" if suffix == ".pdf" else "docx")  # a .doc is converted to .docx first


@settings(max_examples=40, deadline=PER_EXAMPLE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=4096))
def test_damaged_document_part_is_refused_cleanly(tmp_path, samples, garbage):
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(samples / "project_selfeval.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, garbage if item.filename == "word/document.xml" else src.read(item.filename))
    outcome = _outcome(path)
    if isinstance(outcome, ReadError):
        assert str(outcome)
    else:  # the garbage happened to be a readable document part
        _sane(outcome, "docx")
