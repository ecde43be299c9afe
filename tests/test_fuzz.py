"""Fuzzing: the parser and the readers on random input never raise anything but ReadError, and
every figure found points at its own text."""

from __future__ import annotations

import contextlib
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import ReadError, read_document
from extractor.quantities import scan

ALPHABET = st.sampled_from(list("0123456789０１２３.,，。；：、%％‰-－+×÷/()（）=＝≥≤<>万亿元人个项次分率为共计其中增长下降"
                                "至到第年月日号〔〕“”一二三四五六七八九十百千两含以上以下不超过约余 \n"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_scan_never_fails_and_spans_are_exact(text):
    quantities, markers = scan(text)
    for item in (*quantities, *markers):
        assert text[item.start:item.end] == item.text
    spans = sorted((q.start, q.end) for q in quantities)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2048), st.sampled_from([".docx", ".pdf", ".doc"]))
def test_random_bytes_are_refused_cleanly(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(ReadError):
        read_document(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=4096))
def test_damaged_document_part_is_refused_cleanly(tmp_path, samples, garbage):
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(samples / "project_selfeval.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, garbage if item.filename == "word/document.xml" else src.read(item.filename))
    with contextlib.suppress(ReadError):
        read_document(path)
