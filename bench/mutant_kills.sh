#!/usr/bin/env bash
# Does a test kill the mutants it was written for? Runs the given tests under each named mutant,
# using the mutants/ of the last mutation run (bench/mutation.sh), and says killed or survived.
#
#   bench/mutant_kills.sh tests/test_kill_prose.py checks.rules.prose.x__amounts__mutmut_1 …
#   bench/mutant_kills.sh "tests/test_kill_prose.py -k per_head" NAME …   # pytest arguments quoted
#
# The test files are copied into mutants/tests/ first (the mutated code is imported from mutants/,
# as in a mutation run); the same tests must pass with no mutant active, or nothing is proved.
# Environment: PYTHON (default: python on PATH). Exit 1 when a named mutant survives.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
[[ $# -ge 2 ]] || { echo "usage: bench/mutant_kills.sh 'TESTS [pytest args]' MUTANT…" >&2; exit 2; }
[[ -d mutants/checks ]] || { echo "no mutants/ here: run bench/mutation.sh first" >&2; exit 2; }
read -r -a args <<<"$1"; shift
for a in "${args[@]}"; do
  f=${a%%::*}
  [[ "$f" == tests/*.py && -f "$f" ]] && cp "$f" "mutants/$f"
done
cd mutants
run() { MUTANT_UNDER_TEST="$1" PYTHONPATH="$PWD" CI=1 "$PYTHON" -m pytest -q -x -p no:cacheprovider \
          -p no:xdist -p bench.mutation_plugin "${args[@]}" >/dev/null 2>&1; }
run "" || { echo "the tests fail with no mutant active: fix them first" >&2; exit 2; }
left=0
for m in "$@"; do
  if run "$m"; then echo "survived  $m"; left=1; else echo "killed    $m"; fi
done
exit $left
