"""Does a test kill the mutants it was written for? Runs the given tests under each named mutant,
with the mutants/ of the last mutation run (bench/mutation.sh), and says killed or survived.

    python bench/mutant_kills.py tests/test_kill_prose.py checks.rules.prose.x__amounts__mutmut_1 …
    python bench/mutant_kills.py "tests/test_kill_prose.py -k per_head" NAME …   # pytest arguments quoted

The test files are copied into mutants/tests/ first; the mutated code is imported from mutants/, as
in a mutation run. Like mutmut, it imports and collects once, then forks one child per mutant (the
mutant is chosen by MUTANT_UNDER_TEST, which mutmut's trampolines read at every call), so each mutant
costs its tests, not an interpreter's start. The same tests must pass with no mutant active, or
nothing is proved. Exit status 1 when a named mutant survives, 2 on bad use.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    args, names = shlex.split(argv[0]), argv[1:]
    mutants = ROOT / "mutants"
    if not (mutants / "checks").is_dir():
        print("no mutants/ here: run bench/mutation.sh first", file=sys.stderr)
        return 2
    _refresh_data(mutants)
    for a in args:
        f = a.split("::")[0]
        if f.startswith("tests/") and f.endswith(".py") and (ROOT / f).is_file():
            shutil.copyfile(ROOT / f, mutants / f)
    os.chdir(mutants)
    sys.path.insert(0, str(mutants))
    os.environ["CI"] = "1"  # the derandomized hypothesis profile, as in a mutation run
    os.environ["MUTANT_UNDER_TEST"] = ""
    import pytest

    flags = ["-q", "-x", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "bench.mutation_plugin"]
    _quietly(lambda: pytest.main(["--collect-only", "-qqq", *flags, *args]))  # import once, before forking
    if _run(pytest, flags + args, quiet=False) != 0:
        print("the tests fail with no mutant active: fix them first", file=sys.stderr)
        return 2
    left = 0
    for name in names:
        killed = _run(pytest, flags + args, mutant=name) != 0
        print(f"{'killed  ' if killed else 'survived'}  {name}", flush=True)
        left |= not killed
    return left


def _refresh_data(mutants: Path) -> None:
    """mutmut rewrites only the .py files of mutants/: bring its data files (rule cases…) up to date."""
    import filecmp

    for src in ("checks", "extractor"):
        for p in (ROOT / src).rglob("*"):
            t = mutants / p.relative_to(ROOT)
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts and \
                    not (t.exists() and filecmp.cmp(p, t, shallow=False)):
                t.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, t)


def _quietly(call) -> None:
    saved = os.dup(1), os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        call()
    finally:
        sys.stdout.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)


def _run(pytest, args: list[str], mutant: str = "", quiet: bool = True) -> int:
    """pytest in a forked child with `mutant` active; its exit status."""
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.environ["MUTANT_UNDER_TEST"] = mutant
        if quiet:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
        try:
            code = int(pytest.main(args))
        except BaseException:  # a mutant that breaks pytest itself is a killed mutant
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
