"""mutmut, with each mutant's tests run in an already-collected pytest session (bench/mutation.sh).

    python -m bench.mutation_runner run --max-children 2 [MUTANT …]   # what bench/mutation.sh runs

mutmut 3.8 forks a child for every mutant and calls `pytest.main(test ids)` in it: each child parses
the options again, loads the plugins, collects the test files of its ids (the rule cases' TOML files
read and parametrized every time), runs the tests and finishes the session (tmp folders swept). For
a mutant that its first test kills, that set-up is most of the half second it costs. Here the mutmut
process collects the selected tests once, just before it starts forking, in a session it keeps open
(the way a pytest-xdist worker runs the items its controller sends it); a mutant's child takes the
items of its test ids from that session and runs them through pytest's own runtest protocol (fixtures,
set-up and tear-down, xfail, reports) in mutmut's order — kill-first (bench/mutation_plugin.py) —
stopping at the first failure like `pytest -x`. Exit status as pytest.main's: 1 when a test failed,
0 when none did. What a mutant's tests do, and so its verdict, is the same as under `pytest.main`.

Two more things a child does:
- a per-test deadline: a test that runs longer than `_DEADLINE_S + _DEADLINE_X ×` its time in
  mutmut's stats run (the code under the mutant loops) ends the child with mutmut's timeout status
  (36), where mutmut itself waits 3 × (all the mutant's tests' time + 5 s) for the whole child;
- its own tmp folder (tests' `tmp_path`), removed when it ends.

Anything unexpected (a test id the session did not collect, a mutmut without the classes patched
here) falls back to mutmut's own `pytest.main` run for that mutant, or for the whole run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

_DEADLINE_S = 20.0
_DEADLINE_X = 10.0
_TIMEOUT_STATUS = 36  # mutmut/stats.py: "timeout"


class _Deadline(BaseException):
    """Raised in a test that overran its deadline (BaseException: no `except Exception` in the code
    under test swallows it; pytest reports it as the test's failure)."""


class _Session:
    """The pytest session the mutmut process collected before forking; used only in its children."""

    def __init__(self, args: list[str]) -> None:
        from _pytest.config import _prepareconfig
        from _pytest.main import Session

        self.config = _prepareconfig(args)
        self.config._do_configure()
        self.session = Session.from_config(self.config)
        self.config.hook.pytest_sessionstart(session=self.session)
        self.config.hook.pytest_collection(session=self.session)
        self.items = {item.nodeid: item for item in self.session.items}

    def run(self, tests: list[str]) -> int | None:
        """A child's run of `tests` in this order: pytest's exit status, or None when a test id is
        not one of the collected items (the caller then runs pytest.main)."""
        items = [self.items.get(test) for test in tests]
        if not items or any(item is None for item in items):
            return None
        from mutmut.state import state

        from bench import mutation_plugin

        mutation_plugin.clear_caches()
        items = mutation_plugin.kill_first(items)
        durations = state().duration_by_test
        overran = False

        def overrun(signum: int, frame: Any) -> None:  # noqa: ARG001
            nonlocal overran
            overran = True
            raise _Deadline

        signal.signal(signal.SIGALRM, overrun)
        factory = self.config._tmp_path_factory
        factory._given_basetemp = Path(tempfile.mkdtemp(prefix="mutmut-child-"))
        factory._basetemp = None
        session = self.session
        try:
            for i, item in enumerate(items):
                deadline = _DEADLINE_S + _DEADLINE_X * durations.get(item.nodeid, 0.0)
                signal.setitimer(signal.ITIMER_REAL, deadline)
                try:
                    nextitem = items[i + 1] if i + 1 < len(items) else None
                    self.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
                except _Deadline:
                    overran = True
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if overran:
                    return _TIMEOUT_STATUS
                if session.testsfailed or session.shouldfail or session.shouldstop:
                    break
        finally:
            shutil.rmtree(factory._given_basetemp, ignore_errors=True)
        return 1 if session.testsfailed else 0


_prepared: _Session | None = None


def _install() -> bool:
    try:
        from mutmut.runners.harness import PytestRunner
        from mutmut.utils.file_utils import change_cwd
        from mutmut.workers.isolation import ForkRunner
    except ImportError:
        return False
    original_startup, original_run_tests = ForkRunner.startup, PytestRunner.run_tests

    def startup(self: Any) -> None:
        global _prepared
        runner = self.test_runner
        if isinstance(runner, PytestRunner) and _prepared is None:
            # the options of mutmut's own run of a mutant (PytestRunner.execute_pytest), but -s:
            # the session stays open in the mutmut process, whose output must not be captured
            args = (["--rootdir=.", "--tb=native", "-x", "-q", "-s", "-p", "no:randomly", "-p", "no:random-order"]
                    + runner._pytest_add_cli_args_test_selection + runner._pytest_add_cli_args)
            # pytest's terminal reporter keeps the stream it is configured with: the children's
            # reports go to os.devnull, never into mutmut's progress line
            quiet = open(os.devnull, "w")  # noqa: SIM115  (open for the life of the process)
            with change_cwd("mutants"), contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                _prepared = _Session(args)
        original_startup(self)

    def run_tests(self: Any, *, mutant_name: str | None, tests: Any) -> int:
        tests = list(tests)
        if _prepared is not None and mutant_name and tests:
            with change_cwd("mutants"):
                status = _prepared.run(tests)
            if status is not None:
                return status
        return original_run_tests(self, mutant_name=mutant_name, tests=tests)

    ForkRunner.startup = startup
    PytestRunner.run_tests = run_tests
    return True


def main() -> int:
    if not _install():
        print("bench/mutation_runner.py: this mutmut has no ForkRunner/PytestRunner to patch; "
              "running plain mutmut", file=sys.stderr)
    from mutmut.__main__ import cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
