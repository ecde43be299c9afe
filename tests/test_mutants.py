"""Mutation test: every one-change mutant of the consistent sample must be caught at the place
that was changed, in .docx and in PDF; the unmutated samples give no error."""

from __future__ import annotations

import pytest

from checks.runner import check_document
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.build_pdf import build_pdf
from fixtures.mutants import MUTANTS, Mutant
from fixtures.reports import SAMPLES


def _located(result, doc, mutant: Mutant) -> list:
    hits = []
    for f in result.findings:
        loc = f.location
        if mutant.table is None:
            block = doc.blocks[loc.block]
            if loc.kind != "table" and mutant.new in block.text:
                hits.append(f)
        elif loc.kind == "table" and loc.table == mutant.table and (loc.row == mutant.row or loc.col == mutant.col):
            hits.append(f)
    return hits


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_consistent_samples_have_no_error(tmp_path, name, fmt):
    spec = SAMPLES[name]()
    path = (build_docx if fmt == "docx" else build_pdf)(spec, tmp_path / f"{name}.{fmt}")
    result = check_document(read_document(path))
    assert [f.message for f in result.findings if f.severity == "error"] == []
    assert [f.message for f in result.findings if f.severity == "warning"] == []


def test_there_are_at_least_thirty_mutants():
    assert len(MUTANTS) >= 30
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_is_caught_where_it_was_made(tmp_path, mutant, fmt):
    spec = mutant.apply(mutant.base())
    path = (build_docx if fmt == "docx" else build_pdf)(spec, tmp_path / f"mutant.{fmt}")
    doc = read_document(path)
    result = check_document(doc)
    hits = _located(result, doc, mutant)
    assert hits, [(f.rule, f.location.model_dump(), f.message) for f in result.findings]
