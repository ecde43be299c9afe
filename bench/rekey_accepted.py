"""Re-key tests/mutants-accepted.md after an edit renumbered a function's mutants.

    python bench/rekey_accepted.py OLD_ROOT           # what would change
    python bench/rekey_accepted.py OLD_ROOT --write   # and rewrite tests/mutants-accepted.md

mutmut numbers a function's mutants in the order it makes them, so an edit to the function shifts
the numbers, and an accepted entry would name another change. OLD_ROOT is a checkout whose mutants/
holds the run the entries were written against (the clone of the previous run); this script's own
root holds the new run. For each accepted entry whose change (the -/+ lines of its diff) is not the
same under the same name in both runs, it looks for the one mutant of the same function in the new
run that makes that change. An entry no new mutant matches, or several do, is reported: read it
again, the change it excused may be gone or its reason may no longer hold.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_report import ACCEPTED, ROOT, accepted, modules  # noqa: E402


@contextmanager
def _at(root: Path) -> Iterator[None]:
    here = Path.cwd()
    os.chdir(root)  # mutmut's diff reads mutants/<module> and <module> relative to the working folder
    try:
        yield
    finally:
        os.chdir(here)


def _module_of(name: str) -> str | None:
    for module in modules():
        if name.startswith(module.removesuffix(".py").replace("/", ".") + ".x"):
            return module
    return None


def _change(root: Path, name: str, module: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the -/+ lines, the whole diff without its @@ lines) of one mutant, or None when it is no mutant there."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    with _at(root):
        try:
            diff = get_diff_for_mutant(name, path=Path(module))
        except Exception:  # noqa: BLE001 - mutmut raises several kinds for a name it does not know
            return None
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++", "@@"))]
    return tuple(line.strip() for line in lines if line[:1] in "+-"), tuple(lines)


def _mutants_of(root: Path, module: str, function: str) -> list[str]:
    meta = root / "mutants" / (module + ".meta")
    keys = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.exists() else {}
    return [k for k in keys if k.rpartition("__mutmut_")[0] == function]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old_root", type=Path)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    old_root = args.old_root.resolve()
    renames, lost = {}, []
    for name in accepted():
        module = _module_of(name)
        if module is None or name.endswith("__mutmut_*"):
            continue
        old = _change(old_root, name, module)
        if old is None:
            lost.append(f"{name}: no mutant of the old run")
            continue
        if _change(ROOT, name, module) == old:
            continue
        function = name.rpartition("__mutmut_")[0]
        candidates = [(n, _change(ROOT, n, module)) for n in _mutants_of(ROOT, module, function)]
        same = [n for n, c in candidates if c is not None and c[0] == old[0]]
        if len(same) > 1:  # the same change at two places: the context lines tell them apart
            same = [n for n, c in candidates if c == old]
        if len(same) == 1 and same[0] != name:
            renames[name] = same[0]
        elif len(same) == 1:
            continue  # only its context moved
        else:
            lost.append(f"{name}: {len(same)} mutants of the new run make its change")
    for old_name, new_name in sorted(renames.items()):
        print(f"{old_name} → {new_name}")
    for line in lost:
        print(f"unmatched: {line}", file=sys.stderr)
    if args.write and renames:
        text = ACCEPTED.read_text(encoding="utf-8")
        marked = {old_name: f"\0{i}\0" for i, old_name in enumerate(renames)}  # two-step: 3 → 5 while 5 → 7
        for old_name, mark in marked.items():
            text = text.replace(f"`{old_name}`", f"`{mark}`")
        for old_name, mark in marked.items():
            text = text.replace(f"`{mark}`", f"`{renames[old_name]}`")
        ACCEPTED.write_text(text, encoding="utf-8")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
