"""The killers of the last mutation run, kept for the next one (bench/mutation.sh).

    python bench/mutation_history.py seed   # a run without mutants/kill-order.tsv starts it from the history
    python bench/mutation_history.py save   # after a run: the history again, from the run's log and results

bench/mutation_plugin.py appends every test that fails under a mutant to mutants/kill-order.tsv
(`function<TAB>test id<TAB>mutant`) and runs a mutant's earlier killers first. `mutants/` goes with
`--fresh` and is never in a clone, so the killers are also kept in bench/mutation-history.tsv.gz
(committed with the table it produced): one line per mutant killed or timed out in the last run, the
test that failed under it last. Mutants that are gone (their function changed) are dropped on save;
a test that is gone is only a name that matches nothing. The history orders tests, nothing else: a
mutant's verdict does not depend on it.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_report import KILLED, ROOT, TIMEOUT, mutant_order, status  # noqa: E402

HISTORY = ROOT / "bench" / "mutation-history.tsv.gz"
MUTANTS = ROOT / "mutants"
LOG = MUTANTS / "kill-order.tsv"


def seed(history: Path = HISTORY, log: Path = LOG) -> int:
    """Start `log` from `history` unless the log exists already; the number of lines written."""
    if log.exists() or not history.exists():
        return 0
    text = gzip.decompress(history.read_bytes()).decode("utf-8")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(text, encoding="utf-8")
    return text.count("\n")


def _codes(mutants: Path) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for meta in mutants.rglob("*.py.meta"):
        out.update(json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {}))
    return out


def save(history: Path = HISTORY, log: Path = LOG, mutants: Path = MUTANTS) -> int:
    """Write `history` from `log`: each mutant now killed or timed out, with the last test that
    failed under it. The number of mutants written; the file is left alone when the log is absent."""
    if not log.exists():
        return 0
    codes = _codes(mutants)
    last: dict[str, tuple[str, str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        function, test, mutant = (line.split("\t") + ["", ""])[:3]
        if mutant and mutant in codes and status(codes[mutant]) in (KILLED, TIMEOUT):
            last[mutant] = (function, test)

    lines = [f"{last[m][0]}\t{last[m][1]}\t{m}\n" for m in sorted(last, key=mutant_order)]
    history.write_bytes(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
    return len(lines)


def main(argv: list[str]) -> int:
    if argv == ["seed"]:
        n = seed()
        if n:
            print(f"kill order started from {HISTORY.relative_to(ROOT)} ({n} mutants' killers)")
        return 0
    if argv == ["save"]:
        n = save()
        print(f"{HISTORY.relative_to(ROOT)}: the killers of {n} mutants")
        return 0
    print("usage: python bench/mutation_history.py seed|save", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
