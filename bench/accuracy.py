"""Accuracy on the gold set: the real report in ../shared/seed/ and the invented reports of
fixtures/gold/, each checked as .docx and as PDF against its hand-written expected findings in
tests/gold/<name>.toml (format: tests/gold/README.md).

    python bench/accuracy.py                    # the table: per report, in total, per rule
    python bench/accuracy.py --only seed -v     # one report, every finding with its verdict
    python bench/accuracy.py --markdown         # the same tables for the README
    python bench/accuracy.py --write-baseline   # commit the current figures as the gate's floor

A finding matches an expected item when its rule family agrees (`FAMILIES`: TBL001-003 are one,
FML001 and PRC001 are one, …), it sits at one of the item's places, and its stated (and, when both
give one, expected) figure agrees up to unit conversion and rounding — where the tool cannot say
which figure is wrong it gives candidates instead of 应为, and the reviewer's expected value must be
one of them. Unmatched findings are false alarms.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOLD_DIR = ROOT / "tests" / "gold"
BASELINE = GOLD_DIR / "baseline.toml"
FORMATS = ("docx", "pdf")
SEVERITIES = ("error", "warning", "info")
_UNIT_FACTOR = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10**4), "万": Decimal(10**4),
                "亿元": Decimal(10**8)}


# ------------------------------------------------------------------ the gold files


@dataclass
class Place:
    text: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None


@dataclass
class Item:
    id: str
    rule: str | None
    also: list[str]
    tier: str  # must | should | may | silent
    stated: list[Decimal]
    expected: Decimal | None
    expected_text: str | None
    unit: str | None
    why: str
    places: list[Place]

    def families(self) -> set[str]:
        return {family(r) for r in [self.rule, *self.also] if r}

    def codes(self) -> set[str]:
        return {r for r in [self.rule, *self.also] if r}


@dataclass
class Gold:
    name: str
    layout: str
    findings: list[Item]
    silent: list[Item]


# Rules that speak to the same kind of mistake: a finding of any rule of the family is a catch.
# (A code prefix is too coarse: SCR001 "score against rule" and SCR004 "rule restated" are
# different mistakes at the same table row.)
FAMILIES = {
    "TBL001": "table-sum", "TBL002": "table-sum", "TBL003": "table-sum",
    "SUM001": "prose-sum", "SUM002": "prose-sum",
    "FML001": "formula", "PRC001": "formula",
    "RST001": "restated", "IND003": "restated", "SCR002": "restated",
    "IND001": "indicator", "IND002": "indicator",
    "CHG001": "change", "CHG002": "change",
    "SCR001": "score", "SCT002": "score",
    "SCR003": "rule-shape", "SCR005": "rule-shape",
    "SCT001": "score-table", "SCT003": "score-table",
}


def family(code: str) -> str:
    return FAMILIES.get(code, code)


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def _item(raw: dict[str, Any]) -> Item:
    stated = raw.get("stated", raw.get("figure"))
    stated_list = stated if isinstance(stated, list) else ([] if stated is None else [stated])
    places = [Place(**p) for p in raw.get("at", [])]
    if not places:
        raise ValueError(f"{raw.get('id')}: no place (`at`)")
    return Item(id=raw["id"], rule=raw.get("rule"), also=list(raw.get("also", [])),
                tier=raw.get("tier", "silent"), stated=[d for d in map(_decimal, stated_list) if d is not None],
                expected=_decimal(raw.get("expected")), expected_text=raw.get("expected"), unit=raw.get("unit"),
                why=raw.get("why", ""), places=places)


def load_gold(path: Path) -> Gold:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Gold(name=data["report"], layout=data.get("layout", ""),
                findings=[_item(f) for f in data.get("finding", [])],
                silent=[_item(s) for s in data.get("silent", [])])


def gold_files() -> list[Path]:
    """The seed first, then the invented reports in name order."""
    files = [p for p in GOLD_DIR.glob("*.toml") if p.name != BASELINE.name]
    return sorted(files, key=lambda p: (p.stem != "seed", p.stem))


# ------------------------------------------------------------------ building and checking


def build_report(name: str, fmt: str, out_dir: Path) -> Path:
    from fixtures.build_cache import build

    if name == "seed":
        from fixtures.seed import seed_spec

        spec = seed_spec()
    else:
        from fixtures.gold import builders

        spec = builders()[name]()
    return build(spec, fmt, out_dir / f"{name}.{fmt}")  # (in the test suite: once per run, fixtures/build_cache.py)


@dataclass
class Seen:
    """A finding with the text of the places it points at, as the matcher needs them."""

    rule: str
    severity: str
    message: str
    stated: Decimal | None
    expected: Decimal | None
    unit: str | None
    excerpt: str
    where: str
    block_text: str = ""
    table_text: str = ""
    row_text: str = ""
    col_text: str = ""
    in_table: bool = False
    has_row: bool = False
    has_col: bool = False
    candidates: tuple[Decimal, ...] = ()  # the values a finding with an unknown culprit offers instead of 应为


def run_one(name: str, fmt: str, out_dir: str, also: Callable[[str, str, Any, Any], Any] | None = None
            ) -> tuple[str, str, list[Seen] | str, int | None, dict[str, Any], Any]:
    """Build one gold report in one format, check it, and resolve every finding's place; `also(name,
    fmt, doc, result)`, when given, is whatever else a caller takes from the same reading (the test
    suite's wording lint: the gold set is read and checked once per test run)."""
    from checks.runner import check_document
    from extractor import read_document

    try:
        path = build_report(name, fmt, Path(out_dir))
        doc = read_document(path)
        result = check_document(doc)
    except Exception as exc:  # a report that cannot be built or read is a result too, not a crash
        return name, fmt, f"{type(exc).__name__}: {exc}", None, {}, None
    return (name, fmt, [_seen(doc, f) for f in result.findings], doc.n_pages, completeness(result.evaluations),
            also(name, fmt, doc, result) if also is not None else None)


_RATE_NAME = re.compile(r"率$|率[(（]")


def completeness(evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    """How complete the re-done evaluation rows are: every indicator should have its weight and its
    awarded points; a rate indicator (…率) its value, which these reports always state."""
    rows = [r for ev in evaluations for r in ev["rows"]]
    return {
        "tables": len(evaluations), "rows": len(rows),
        "no_weight": [r["indicator"] for r in rows if r["weight"] is None and r.get("weight_shared") is None],
        "no_awarded": [r["indicator"] for r in rows if r["awarded"] is None],
        "no_rate": [r["indicator"] for r in rows if _RATE_NAME.search(r["indicator"] or "") and r["stated_value"] is None],
    }


def _seen(doc: Any, f: Any) -> Seen:
    loc = f.location
    offered = tuple(Decimal(str(c["value"])) for c in (f.detail or {}).get("candidates", [])
                    if isinstance(c, dict) and c.get("value") not in (None, ""))
    seen = Seen(rule=f.rule, severity=f.severity, message=f.message, stated=f.stated, expected=f.expected,
                unit=f.unit, excerpt=f.excerpt, where=_where(loc), candidates=offered)
    return _at(seen, doc, loc.block, loc.row, loc.col)


def _at(seen: Seen, doc: Any, block_index: int, row: int | None, col: int | None) -> Seen:
    """Fill in the text of the place (paragraph, or table / row / column) a finding points at."""
    if not 0 <= block_index < len(doc.blocks):
        return seen
    block = doc.blocks[block_index]
    if block.table is None:
        seen.block_text = block.text
        return seen
    grid = block.table.rows_text()
    seen.in_table = True
    seen.table_text = "|".join("|".join(r) for r in grid)
    if row is not None and row < len(grid):
        seen.has_row = True
        seen.row_text = "|".join(grid[row])
        if col is not None and col < len(grid[row]):
            seen.has_col = True
            seen.block_text = grid[row][col]
            seen.col_text = "|".join(grid[k][col] for k in range(row + 1))
    return seen


def _where(loc: Any) -> str:
    if loc.row is not None:
        return f"块{loc.block} 行{loc.row} 列{loc.col}"
    return f"块{loc.block}"


# ------------------------------------------------------------------ matching


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def at_place(seen: Seen, place: Place) -> bool:
    if place.text is not None:
        anchor = _norm(place.text)
        return anchor in _norm(seen.block_text) or anchor in _norm(seen.excerpt) or (
            seen.in_table and anchor in _norm(seen.row_text))
    if not seen.in_table or place.table is None or _norm(place.table) not in _norm(seen.table_text):
        return False
    if place.row is not None and not (seen.has_row and _norm(place.row) in _norm(seen.row_text)):
        return False
    return place.col is None or not seen.has_col or _norm(place.col) in _norm(seen.col_text)


def _values(value: Decimal, unit: str | None) -> list[Decimal]:
    out = [value]
    factor = _UNIT_FACTOR.get(unit or "")
    if factor is not None and factor != 1:
        out.append(value * factor)
    return out


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("1e-6") * max(Decimal(1), abs(b))


def stated_agrees(seen: Seen, item: Item) -> bool:
    if not item.stated or seen.stated is None:
        return True
    return any(_same(a, b) for g in item.stated for a in _values(seen.stated, seen.unit)
               for b in _values(g, item.unit) + [g])


def expected_agrees(seen: Seen, item: Item) -> bool:
    """The tool's 应为 against the reviewer's, each allowed the other's shown precision."""
    if item.expected is None:
        return True
    offered = [seen.expected] if seen.expected is not None else list(seen.candidates)
    if not offered:
        return True  # a finding that names no value at all (a missing weight, a note)
    shown = -item.expected.as_tuple().exponent if item.expected_text else 0
    half = Decimal(5).scaleb(-int(shown) - 1)
    for a in (v for value in offered for v in _values(value, seen.unit)):
        for b in _values(item.expected, item.unit) + [item.expected]:
            if abs(a - b) <= half + Decimal("1e-9") * max(Decimal(1), abs(b)):
                return True
            digits = max(0, -a.normalize().as_tuple().exponent)
            if b.quantize(Decimal(1).scaleb(-digits)) == a:
                return True
    return False


def matches(seen: Seen, item: Item) -> bool:
    if family(seen.rule) not in item.families():
        return False
    return any(at_place(seen, p) for p in item.places) and stated_agrees(seen, item) and expected_agrees(seen, item)


def lands_on_silent(seen: Seen, item: Item) -> bool:
    if item.rule and seen.rule != item.rule:
        return False
    return any(at_place(seen, p) for p in item.places) and stated_agrees(seen, item)


@dataclass
class Verdicts:
    """What became of every finding and every expected item of one report in one format."""

    name: str
    fmt: str
    gold: Gold
    error: str | None = None
    pages: int | None = None
    found: dict[str, int] = field(default_factory=dict)  # item id -> index of the matching finding
    verdict: list[str] = field(default_factory=list)  # per finding: item id, "dup:<id>" or "false"
    silent_broken: list[str] = field(default_factory=list)  # per finding: silent item id or ""
    seen: list[Seen] = field(default_factory=list)
    evaluation: dict[str, Any] = field(default_factory=dict)  # completeness of the re-done evaluation rows
    also: Any = None  # what run(also=…) took from the same reading

    def tier_counts(self, tier: str) -> tuple[int, int]:
        items = [i for i in self.gold.findings if i.tier == tier]
        return sum(1 for i in items if i.id in self.found), len(items)

    def false_alarms(self) -> Counter[str]:
        return Counter(s.severity for s, v in zip(self.seen, self.verdict, strict=True) if v == "false")


def judge(name: str, fmt: str, gold: Gold, seen: list[Seen] | str, pages: int | None = None) -> Verdicts:
    out = Verdicts(name=name, fmt=fmt, gold=gold, pages=pages)
    if isinstance(seen, str):
        out.error = seen
        return out
    out.seen = seen
    candidates = [[i for i in gold.findings if matches(s, i)] for s in seen]
    # a maximum matching that prefers an item naming the finding's own code (augmenting paths)
    owner: dict[str, int] = {}

    def assign(k: int, visited: set[str]) -> bool:
        ranked = sorted(candidates[k], key=lambda i: seen[k].rule not in i.codes())
        for item in ranked:
            if item.id in visited:
                continue
            visited.add(item.id)
            if item.id not in owner or assign(owner[item.id], visited):
                owner[item.id] = k
                return True
        return False

    for k in range(len(seen)):
        assign(k, set())
    out.found = dict(owner)
    by_finding = {k: item_id for item_id, k in owner.items()}
    for k, s in enumerate(seen):
        if k in by_finding:
            out.verdict.append(by_finding[k])
        elif candidates[k]:
            out.verdict.append("dup:" + candidates[k][0].id)
        else:
            out.verdict.append("false")
        broken = next((i.id for i in gold.silent if out.verdict[-1] == "false" and lands_on_silent(s, i)), "")
        out.silent_broken.append(broken)
    return out


def anchor_problems(gold: Gold, doc: Any) -> list[str]:
    """Places of the gold file where no finding could ever be: every paragraph and every table cell
    is tried as a finding's place, with the same matching as the findings themselves."""
    views = []
    for block in doc.blocks:
        cells = [(None, None)] if block.table is None else [
            (r, c) for r in range(block.table.n_rows) for c in range(block.table.n_cols)]
        views += [_at(Seen("", "", "", None, None, None, "", ""), doc, block.index, r, c) for r, c in cells]
    return [f"{item.id}: {place}" for item in gold.findings + gold.silent for place in item.places
            if not any(at_place(view, place) for view in views)]


# ------------------------------------------------------------------ running and reporting


def run(names: list[str] | None = None, formats: tuple[str, ...] = FORMATS, jobs: int | None = None,
        also: Callable[[str, str, Any, Any], Any] | None = None) -> list[Verdicts]:
    golds = [load_gold(p) for p in gold_files()]
    if names:
        golds = [g for g in golds if g.name in names]
    if any(g.name == "seed" for g in golds):
        from fixtures.seed import seed_available

        if not seed_available():
            raise SystemExit("../shared/seed/ is missing: the seed report cannot be built")
    tasks = [(g.name, fmt) for g in golds for fmt in formats]
    by_name = {g.name: g for g in golds}
    with tempfile.TemporaryDirectory() as tmp:
        workers = jobs or min(len(tasks), os.cpu_count() or 1)
        if workers > 1:
            from checks.batch import preload

            preload()
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(run_one, *zip(*tasks, strict=True), [tmp] * len(tasks), [also] * len(tasks)))
        else:
            results = [run_one(n, f, tmp, also) for n, f in tasks]
    verdicts = []
    for n, f, seen, pages, rows, extra in results:
        verdict = judge(n, f, by_name[n], seen, pages)
        verdict.evaluation = rows
        verdict.also = extra
        verdicts.append(verdict)
    return verdicts


def totals(verdicts: list[Verdicts], fmt: str | None = None) -> dict[str, int]:
    out: Counter[str] = Counter()
    for v in verdicts:
        if fmt and v.fmt != fmt:
            continue
        for tier in ("must", "should"):
            found, total = v.tier_counts(tier)
            out[f"{tier}_found"] += found
            out[f"{tier}_total"] += total
        fa = v.false_alarms()
        for sev in SEVERITIES:
            out[f"false_{sev}"] += fa[sev]
        out["silent_broken"] += sum(1 for b in v.silent_broken if b)
        out["unreadable"] += 1 if v.error else 0
    return dict(out)


def _pct(found: int, total: int) -> str:
    return f"{found}/{total} ({100 * found / total:.0f}%)" if total else "—"


def report_rows(verdicts: list[Verdicts]) -> list[list[str]]:
    rows = [["报告 report", "格式", "must 召回", "should 召回", "误报 error", "误报 warning", "误报 info",
             "踩中 silent"]]
    for v in verdicts:
        if v.error:
            rows.append([v.name, v.fmt, "无法读取", v.error[:40], "", "", "", ""])
            continue
        fa = v.false_alarms()
        rows.append([v.name, v.fmt, _pct(*v.tier_counts("must")), _pct(*v.tier_counts("should")),
                     str(fa["error"]), str(fa["warning"]), str(fa["info"]), str(sum(1 for b in v.silent_broken if b))])
    for fmt in FORMATS:
        t = totals(verdicts, fmt)
        if not t:
            continue
        rows.append([f"合计 total ({sum(1 for v in verdicts if v.fmt == fmt)} 份)", fmt,
                     _pct(t["must_found"], t["must_total"]), _pct(t["should_found"], t["should_total"]),
                     str(t["false_error"]), str(t["false_warning"]), str(t["false_info"]), str(t["silent_broken"])])
    return rows


def rule_rows(verdicts: list[Verdicts]) -> list[list[str]]:
    reported: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for v in verdicts:
        for s, verdict in zip(v.seen, v.verdict, strict=True):
            reported[s.rule] += 1
            correct[s.rule] += verdict != "false"
        for item in v.gold.findings:
            if item.tier in ("must", "should") and item.rule:
                expected[item.rule] += 1
                caught[item.rule] += item.id in v.found
    rows = [["规则 rule", "报告数", "正确", "精确率 precision", "应报", "已报", "召回率 recall"]]
    for code in sorted(set(reported) | set(expected)):
        rows.append([code, str(reported[code]), str(correct[code]),
                     f"{100 * correct[code] / reported[code]:.0f}%" if reported[code] else "—",
                     str(expected[code]), str(caught[code]),
                     f"{100 * caught[code] / expected[code]:.0f}%" if expected[code] else "—"])
    return rows


def render(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        head, *body = rows
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def details(v: Verdicts) -> str:
    lines = [f"== {v.name} ({v.fmt})"]
    if v.error:
        return lines[0] + f"\n  无法读取: {v.error}"
    for s, verdict, broken in zip(v.seen, v.verdict, v.silent_broken, strict=True):
        mark = "✗" if verdict == "false" else "=" if verdict.startswith("dup:") else "✓"
        tag = verdict if verdict != "false" else ("误报 silent " + broken if broken else "误报")
        lines.append(f"  {mark} {s.rule} {s.severity:<7} {tag:<14} {s.where}  {s.message[:90]}")
    for item in v.gold.findings:
        if item.tier != "may" and item.id not in v.found:
            lines.append(f"  ○ 漏报 {item.id} [{item.tier}] {item.rule}  {item.why[:90]}")
    return "\n".join(lines)


def evaluation_rows(verdicts: list[Verdicts]) -> list[list[str]]:
    rows = [["报告 report", "格式", "评分表", "指标行", "缺分值 weight", "缺得分 awarded", "缺指标值 rate value"]]
    sums = Counter()
    for v in verdicts:
        e = v.evaluation
        if not e or not e["tables"]:
            continue
        counts = [e["tables"], e["rows"], len(e["no_weight"]), len(e["no_awarded"]), len(e["no_rate"])]
        for k, n in zip(("tables", "rows", "w", "a", "r"), counts, strict=True):
            sums[(v.fmt, k)] += n
        rows.append([v.name, v.fmt, *map(str, counts)])
    for fmt in FORMATS:
        if sums[(fmt, "tables")]:
            rows.append(["合计 total", fmt, *(str(sums[(fmt, k)]) for k in ("tables", "rows", "w", "a", "r"))])
    return rows


def evaluation_details(v: Verdicts) -> str:
    e = v.evaluation
    lines = []
    for key, what in (("no_weight", "缺分值"), ("no_awarded", "缺得分"), ("no_rate", "缺指标值")):
        if e.get(key):
            lines.append(f"  评价行{what}：{'、'.join(e[key])}")
    return "\n".join(lines)


def baseline_figures(verdicts: list[Verdicts]) -> dict[str, dict[str, int]]:
    keep = ("must_found", "should_found", "false_error", "false_warning", "false_info")
    out = {}
    for fmt in FORMATS:
        t = totals(verdicts, fmt)
        out[fmt] = {k: t.get(k, 0) for k in keep}
    return out


def write_baseline(verdicts: list[Verdicts], path: Path = BASELINE) -> None:
    lines = ["# The accuracy gate's floor (tests/test_gold.py): found may not fall, false alarms may not rise.",
             "# Regenerate with `python bench/accuracy.py --write-baseline` after an improvement; review it like code.",
             ""]
    for fmt, figures in baseline_figures(verdicts).items():
        lines.append(f"[{fmt}]")
        lines += [f"{k} = {v}" for k, v in figures.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="report names (the seed is `seed`)")
    parser.add_argument("--format", choices=FORMATS, help="one format only")
    parser.add_argument("-v", "--verbose", action="store_true", help="every finding with its verdict, every miss")
    parser.add_argument("--markdown", action="store_true", help="tables as Markdown")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--write-baseline", action="store_true", help=f"write {BASELINE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    formats = (args.format,) if args.format else FORMATS
    verdicts = run(args.only, formats, args.jobs)
    if args.verbose:
        for v in verdicts:
            print(details(v))
            if extra := evaluation_details(v):
                print(extra)
        print()
    print(render(report_rows(verdicts), args.markdown))
    print()
    print(render(rule_rows(verdicts), args.markdown))
    print()
    print(render(evaluation_rows(verdicts), args.markdown))
    if args.write_baseline:
        if args.only or args.format:
            parser.error("--write-baseline needs the whole gold set in both formats")
        write_baseline(verdicts)
        print(f"\nwrote {BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
