from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis checks answers, not speed (speed is the benchmark's): no per-example deadline, which a
# loaded CI machine or the first call's lazy imports would trip; in CI the examples are fixed.
settings.register_profile("suite", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "suite")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "fixtures" / "samples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every invented report is written as .docx/PDF once per run, whichever worker (or worker's
    process pool, which inherits the variable) asks first (fixtures/build_cache.py). A folder the
    environment already names is kept: the mutation run (bench/mutation.sh) shares one between all
    its mutants' test sessions, so a rule case's .docx is written once, not once per mutant."""
    from fixtures.build_cache import ENV
    from tests.run_cache import run_folder

    before = os.environ.get(ENV)
    folder = Path(before) if before else run_folder(tmp_path_factory) / "build-cache"
    os.environ[ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = before



@pytest.fixture(scope="session")
def gold_verdicts(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The gold set read and checked in both formats, once per run for all xdist workers (tests/gold_pass.py)."""
    from tests.gold_pass import gold_pass
    from tests.run_cache import once_per_run

    return once_per_run(tmp_path_factory, "gold-pass", gold_pass)
