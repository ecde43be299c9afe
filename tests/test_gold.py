"""Accuracy on the gold set (tests/gold/README.md), guarded: recall may not fall and false alarms
may not rise past tests/gold/baseline.toml. The figures themselves are printed by
`python bench/accuracy.py`."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from bench.accuracy import (
    BASELINE,
    FORMATS,
    Seen,
    baseline_figures,
    gold_files,
    judge,
    load_gold,
)
from fixtures.gold import modules

GOLD = {p.stem: load_gold(p) for p in gold_files()}
INVENTED = [name for name in GOLD if name != "seed"]


def test_the_seed_and_at_least_fifteen_invented_reports_have_expected_findings() -> None:
    assert "seed" in GOLD
    assert len(INVENTED) >= 15
    assert set(INVENTED) == set(modules()), "every gold module has its expected-findings file and back"


def test_the_seed_gold_covers_what_the_issue_asks() -> None:
    seed = GOLD["seed"]
    inconsistencies = [i for i in seed.findings if i.tier in ("must", "should")]
    assert len(inconsistencies) >= 15
    assert len(seed.silent) >= 20


def test_every_real_layout_has_a_gold_report() -> None:
    """Each of ../shared/real-extracts/ is imitated at least once, plus the shapes the extracts only
    mention (the 9-column score table, the 10号 project table, 得分系数×权重)."""
    import regex

    extracts = {p.name[:2] for p in (Path(__file__).resolve().parents[2] / "shared" / "real-extracts").glob("[0-9][0-9]_*")}
    layouts = [module.LAYOUT for module in modules().values()]
    imitated = {n for layout in layouts for n in regex.findall(r"(?:extract|摘录)\s*(\d{2})", layout)}
    assert len(extracts) == 12 and extracts <= imitated, sorted(extracts - imitated)
    for shape in ("9 列评分表", "10号", "得分系数"):
        assert any(shape in layout for layout in layouts), shape


@pytest.mark.parametrize("name", INVENTED)
def test_each_invented_report_plants_errors_and_traps(name: str) -> None:
    gold = GOLD[name]
    planted = [i for i in gold.findings if i.tier in ("must", "should")]
    assert len(planted) >= 2, f"{name}: {len(planted)} expected findings"
    assert len(gold.silent) >= 10, f"{name}: {len(gold.silent)} silent items"
    assert len({i.id for i in gold.findings + gold.silent}) == len(gold.findings) + len(gold.silent), "ids unique"


@pytest.mark.parametrize("name", list(GOLD))
def test_every_place_in_the_gold_file_exists_in_the_report(name: str, gold_verdicts) -> None:  # type: ignore[no-untyped-def]
    """An anchor that is not in the document could never be matched: the item would be a silent miss.
    (anchor_problems(gold, the .docx as read) — read once per run with the rest of the gold set, tests/gold_pass.py)"""
    read = next(v for v in gold_verdicts if (v.name, v.fmt) == (name, "docx"))
    assert read.error is None, read.error
    assert read.also["anchor_problems"] == []


def test_matching_needs_the_right_place_family_and_figure() -> None:
    gold = GOLD["seed"]
    item = next(i for i in gold.findings if i.id == "E04")  # 43.6万元 stated, 42.6 expected
    here = "一年来共帮扶困难职工324人，发放帮扶资金43.6万元。（二）着眼发展抓党建"
    right = Seen("SUM001", "error", "", stated=Decimal("436000"), expected=None, unit="元",
                 excerpt="", where="", block_text=here)
    assert judge("seed", "docx", gold, [right]).found.get("E04") == 0
    for wrong in (
        {"rule": "CNT001"},  # another family
        {"block_text": "别处的段落"},  # another place
        {"stated": Decimal("42.6"), "unit": "万元"},  # another figure
    ):
        seen = Seen(**{**right.__dict__, **wrong})
        verdicts = judge("seed", "docx", gold, [seen])
        assert "E04" not in verdicts.found
    assert item.tier == "must"


@pytest.fixture(scope="module")
def verdicts(gold_verdicts):  # type: ignore[no-untyped-def]
    return gold_verdicts  # bench.accuracy.run(formats=FORMATS, jobs=2), once per run (tests/gold_pass.py)


@pytest.mark.slow  # the gold set (26 reports × .docx/PDF) built, read and checked — once per run, shared with the wording lint (tests/gold_pass.py)
def test_every_gold_report_is_read_in_both_formats(verdicts) -> None:  # type: ignore[no-untyped-def]
    assert {(v.name, v.fmt) for v in verdicts} == {(n, f) for n in GOLD for f in FORMATS}
    assert [f"{v.name}.{v.fmt}: {v.error}" for v in verdicts if v.error] == []
    pages = {v.name: v.pages for v in verdicts if v.fmt == "pdf" and v.name != "seed"}
    assert all(p is not None and 3 <= p <= 15 for p in pages.values()), pages


@pytest.mark.slow  # the gold set read and checked (once per run, tests/gold_pass.py): the accuracy gate is the whole set
def test_accuracy_is_no_worse_than_the_committed_baseline(verdicts) -> None:  # type: ignore[no-untyped-def]
    floor = tomllib.loads(BASELINE.read_text(encoding="utf-8"))
    now = baseline_figures(verdicts)
    worse = []
    for fmt in FORMATS:
        for key, committed in floor[fmt].items():
            value = now[fmt][key]
            if (key.endswith("_found") and value < committed) or (key.startswith("false_") and value > committed):
                worse.append(f"{fmt} {key}: {value} (baseline {committed})")
    assert worse == [], "accuracy fell; run `python bench/accuracy.py -v` to see which findings changed"
