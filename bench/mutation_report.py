"""The kill rate per module of the last mutation run (bench/mutation.sh; results in mutants/).

    python bench/mutation_report.py              # the table
    python bench/mutation_report.py --survivors  # and every survivor not accepted, per module
    python bench/mutation_report.py --markdown   # the table as Markdown
    python bench/mutation_report.py --diffs [MODULE …]  # each survivor's change, as a diff
    python bench/mutation_report.py --names      # only the names of the survivors left, one a line

A mutant is killed when a test failed under it; a timeout (the mutant made the code loop) counts as
killed too, and is shown apart. A survivor listed in tests/mutants-accepted.md (one line each:
"- `<mutant name>`: why it is equivalent or harmless"; `…__mutmut_*` for every mutant of a
function) is accepted and leaves the rate's base:

    kill rate = (killed + timeout) / (mutants - accepted - not run)

("other": suspicious, segfault; "not run": the run was stopped before it got there.)

A mutant no selected test reaches ("no tests") is a survivor. Exit status 0 (the table is a
report, not a gate).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "tests" / "mutants-accepted.md"
_ENTRY = re.compile(r"^\s*[-*]\s*`(?P<name>[\w.ǁ]+__mutmut_(?:\d+|\*))`\s*:\s*(?P<why>\S.*)$")

# mutmut's exit codes (mutmut/stats.py), grouped as the table shows them
KILLED, SURVIVED, TIMEOUT, NO_TESTS, OTHER, UNCHECKED = "killed", "survived", "timeout", "no tests", "other", "not checked"
_STATUS = {1: KILLED, 3: KILLED, 0: SURVIVED, 5: NO_TESTS, 33: NO_TESTS, 36: TIMEOUT, 24: TIMEOUT, -24: TIMEOUT,
           152: TIMEOUT, 255: TIMEOUT, None: UNCHECKED, 37: KILLED}


def status(code: int | None) -> str:
    return _STATUS.get(code, OTHER)  # suspicious, segfault, interrupted


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return list(config["only_mutate"])


def accepted() -> dict[str, str]:
    if not ACCEPTED.exists():
        return {}
    out = {}
    for line in ACCEPTED.read_text(encoding="utf-8").splitlines():
        if m := _ENTRY.match(line):
            out[m["name"]] = m["why"]
    return out


def results(module: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / (module + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--survivors", action="store_true", help="list every survivor that is not accepted")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--names", action="store_true", help="print only the names of the survivors left")
    ap.add_argument("--diffs", nargs="*", metavar="MODULE",
                    help="print each survivor's change as a diff (of the modules named, or all)")
    args = ap.parse_args()

    ok = accepted()
    head = ["module", "mutants", "killed", "timeout", "survived", "other", "accepted", "not run", "kill rate"]
    rows, survivors, seen = [], {}, set()
    total: Counter[str] = Counter()
    for module in modules():
        codes = results(module)
        if not codes:
            rows.append([module, "—", "", "", "", "", "", "", "not run"])
            continue
        counts: Counter[str] = Counter()
        left = []
        for name, code in sorted(codes.items(), key=lambda kv: mutant_order(kv[0])):
            s = status(code)
            entry = _accepted_as(name, ok)
            if s in (SURVIVED, NO_TESTS) and entry:
                counts["accepted"] += 1
                seen.add(entry)
                continue
            if entry and not entry.endswith("*"):
                seen.add(entry)
                print(f"note: {name} is accepted in {ACCEPTED.name} but is {s} now", file=sys.stderr)
            counts[s] += 1
            if s in (SURVIVED, NO_TESTS, OTHER):
                left.append(f"{name} ({s})" if s != SURVIVED else name)
        n = len(codes)
        counts["mutants"] = n
        total.update(counts)
        rows.append(_row(module, counts))
        survivors[module] = left
    rows.append(_row("total", total))
    for name in sorted(set(ok) - seen):
        print(f"note: {name} is accepted in {ACCEPTED.name} but is no mutant of the last run", file=sys.stderr)

    if args.names:
        for left in survivors.values():
            for entry in left:
                print(entry.split(" ")[0])
        return 0
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(str(x) for x in r) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
        for r in [head, *rows]:
            print("  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w) for i, (x, w) in enumerate(zip(r, widths, strict=True))))
    unchecked = total[UNCHECKED]
    if unchecked:
        print(f"\n{unchecked} mutants not checked yet (the run was stopped): run bench/mutation.sh again.")
    if args.survivors:
        for module, left in survivors.items():
            print(f"\n## {module}: {len(left)} survivors")
            for name in left:
                print(f"  {name}")
        print("\n(see one with: mutmut show <name>; run one again with: mutmut run <name>)")
    if args.diffs is not None:
        _print_diffs({m: left for m, left in survivors.items() if not args.diffs or m in args.diffs})
    return 0


def _print_diffs(survivors: dict[str, list[str]]) -> None:
    """Each survivor's change as mutmut shows it (run where mutants/ is, i.e. the project root)."""
    import os

    from mutmut.mutation.diff_apply import get_diff_for_mutant

    os.chdir(ROOT)
    for module, left in survivors.items():
        for entry in left:
            name = entry.split(" ")[0]
            print(f"\n### {name}")
            print(get_diff_for_mutant(name, path=Path(module)))


def _accepted_as(name: str, ok: dict[str, str]) -> str | None:
    if name in ok:
        return name
    whole = name.rpartition("__mutmut_")[0] + "__mutmut_*"
    return whole if whole in ok else None


def _row(module: str, c: Counter[str]) -> list[object]:
    detected = c[KILLED] + c[TIMEOUT]
    base = c["mutants"] - c["accepted"] - c[UNCHECKED]
    rate = f"{100 * detected / base:.1f}%" if base else "—"
    return [module, c["mutants"], c[KILLED], c[TIMEOUT], c[SURVIVED] + c[NO_TESTS], c[OTHER], c["accepted"],
            c[UNCHECKED], rate]


def mutant_order(name: str) -> tuple[str, int]:
    base, _, n = name.rpartition("__mutmut_")
    return base, int(n) if n.isdigit() else 0


if __name__ == "__main__":
    sys.exit(main())
