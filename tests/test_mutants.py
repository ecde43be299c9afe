"""Mutation test: every one-change mutant of the consistent sample must be caught at the place
that was changed, in .docx and in PDF; the unmutated samples give no error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.runner import check_document
from extractor import read_document
from fixtures.build_cache import build
from fixtures.mutants import MUTANTS, Mutant
from fixtures.reports import SAMPLES
from fixtures.spec import Para


def _quoted(f) -> list[Decimal]:
    """What a finding says the figure should be: its expected value, and where it cannot tell
    which figure is wrong (expected null), each candidate reading's value."""
    values = [f.expected] if f.expected is not None else []
    return values + [Decimal(c["value"]) for c in (f.detail or {}).get("candidates", []) if c.get("value") is not None]


def _place(doc, f, mutant: Mutant) -> bool:
    """The finding points where the mutant says: the same table cell (row AND column), or in prose
    the changed paragraph with its span on the figure as printed."""
    loc = f.location
    if mutant.table is not None:
        return loc.kind == "table" and loc.table == mutant.table and (loc.row, loc.col) == mutant.cell
    if loc.kind == "table" or mutant.new not in doc.blocks[loc.block].text:
        return False
    if mutant.at is None:
        return True
    return loc.start is not None and doc.blocks[loc.block].text[loc.start:loc.end] == mutant.at


def _caught(result, doc, mutant: Mutant) -> list:
    """Findings of the mutant's named rule, at its place, quoting its stated and expected values."""
    return [f for f in result.findings
            if f.rule == mutant.rule and _place(doc, f, mutant)
            and (mutant.stated is None or f.stated == Decimal(mutant.stated))
            and (mutant.expected is None or Decimal(mutant.expected) in _quoted(f))
            and all((f.detail or {}).get(k) == v for k, v in mutant.detail)]


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_consistent_samples_have_no_error(tmp_path, name, fmt):
    spec = SAMPLES[name]()
    path = build(spec, fmt, tmp_path / f"{name}.{fmt}")  # once per run, shared with the batch corpus
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
    path = build(spec, fmt, tmp_path / f"mutant.{fmt}")
    doc = read_document(path)
    result = check_document(doc)
    hits = _caught(result, doc, mutant)
    assert hits, [(f.rule, f.location.kind, f.location.table, f.location.row, f.location.col,
                   doc.blocks[f.location.block].text[f.location.start:f.location.end] if f.location.start is not None else None,
                   f.stated, f.expected, f.message) for f in result.findings]


def test_every_mutant_says_what_must_be_found():
    """Each mutant names its rule and, unless the mistake has no figure to recompute (a rule stated
    twice, a grade), the stated and expected values; a prose mutant's `at` is text of its paragraph."""
    for m in MUTANTS:
        assert m.rule, m.name
        if m.rule not in ("SCR004", "GRD001"):
            assert m.stated is not None and m.expected is not None, m.name
            assert m.stated != m.expected, m.name
        if m.at is not None:  # the figure as printed is in the changed paragraph
            assert any(m.new in p.text and m.at in p.text for p in m.apply(m.base()).body if isinstance(p, Para)), m.name
