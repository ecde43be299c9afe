#!/usr/bin/env bash
# Does a test kill the mutants it was written for? See bench/mutant_kills.py (this is its wrapper).
#   bench/mutant_kills.sh tests/test_kill_prose.py checks.rules.prose.x__amounts__mutmut_1 …
# Environment: PYTHON (default: python on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
unset PYTHONDONTWRITEBYTECODE  # mutants/ is large: compile it once, not in every run
exec "${PYTHON:-python}" bench/mutant_kills.py "$@"
