#!/usr/bin/env bash
# Mutation testing of the arithmetic and reading core (README, "Mutation testing").
#
#   bench/mutation.sh               # run mutmut (config: [tool.mutmut] in pyproject.toml), then the table
#   bench/mutation.sh --report      # only the table, from the results of the last run (mutants/)
#   bench/mutation.sh --fresh       # forget earlier results (rm -r mutants/) and run everything again
#   bench/mutation.sh --survivors   # test again only the survivors left (after adding a kill test:
#                                   # mutmut itself retests only mutants of functions that changed)
#
# Environment: PYTHON (default: the interpreter on PATH, e.g. .venv/bin/python), JOBS (default 2).
# mutmut keeps its results in mutants/ and, on a later run, tests again only the functions that
# changed. Nothing reads standard input; CI does not run this (a fresh run takes ≈25 minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
JOBS=${JOBS:-2}
# mutmut through bench/mutation_runner.py: each mutant's tests run in a session collected once
MUTMUT=("$PYTHON" -m bench.mutation_runner)

# mutmut copies checks/ and extractor/ into mutants/ once and afterwards rewrites only their .py files:
# refresh the data files (the rule cases in checks/data/rule_cases/*.toml above all), or a later run
# would test the mutants against the rule cases of the first
refresh_data() {
  [[ -d mutants ]] || return 0
  "$PYTHON" - <<'PY'
import filecmp, shutil, tomllib
from pathlib import Path
for src in tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["source_paths"]:
    for p in Path(src).rglob("*"):
        t = Path("mutants") / p
        if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts and \
                not (t.exists() and filecmp.cmp(p, t, shallow=False)):
            t.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, t)
PY
}

# every mutant's test session is a new pytest session: without a shared folder each would write its
# rule cases' .docx files again (≈55 ms of python-docx per case, more than reading and checking it)
export AUDIT_CHECK_BUILD_CACHE="$PWD/mutants/build-cache"
# the tests that killed a mutant, or its function's other mutants, go first (bench/mutation_plugin.py):
# a mutant that one of them kills stops after a few tests instead of after a hundred
export AUDIT_CHECK_KILL_ORDER="$PWD/mutants/kill-order.tsv"

case "${1:-}" in
  --report) exec "$PYTHON" bench/mutation_report.py ;;
  --fresh) rm -rf mutants ;;
  --survivors)
    mapfile -t names < <("$PYTHON" bench/mutation_report.py --names 2>/dev/null)
    if [[ ${#names[@]} -eq 0 ]]; then echo "no survivor left"; exec "$PYTHON" bench/mutation_report.py; fi
    export CI=1
    refresh_data
    "${MUTMUT[@]}" run --max-children "$JOBS" "${names[@]}" </dev/null >/dev/null
    "$PYTHON" bench/mutation_history.py save
    exec "$PYTHON" bench/mutation_report.py ;;
  "") ;;
  *) echo "usage: bench/mutation.sh [--report|--fresh|--survivors]" >&2; exit 2 ;;
esac

# hypothesis examples fixed (tests/conftest.py's "ci" profile), so two runs test the same things
export CI=1
refresh_data
# the tests that killed each mutant in the last full run go first (bench/mutation_history.py)
"$PYTHON" bench/mutation_history.py seed
start=$(date +%s)
"${MUTMUT[@]}" run --max-children "$JOBS" </dev/null
echo "mutmut run: $(( $(date +%s) - start )) s wall"
"$PYTHON" bench/mutation_history.py save
"$PYTHON" bench/mutation_report.py
