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

Two things the mutmut process does less of: it does not run every test clean again right after the
stats run of the same process ran them all clean (mutmut stops when that run fails), and it writes a
module's results to its .meta file at most once a second (and when the run ends) instead of after
every mutant.

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
import time
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
            try:
                with change_cwd("mutants"):
                    status = _prepared.run(tests)
            except Exception:  # this is a forked child: never let it run on into mutmut's loop
                status = None
            if status is not None:
                return status
        return original_run_tests(self, mutant_name=mutant_name, tests=tests)

    original_collect_stats, original_clean = ForkRunner.collect_stats, ForkRunner.run_clean_tests
    stats_ran_clean = False

    def collect_stats(self: Any, tests: Any) -> int:
        nonlocal stats_ran_clean
        tests = list(tests or [])
        status = original_collect_stats(self, tests)
        stats_ran_clean = stats_ran_clean or (status == 0 and not tests)
        return int(status)

    def run_clean_tests(self: Any, tests: Any) -> int:
        # the stats run of this same process ran every selected test on the unmutated code and
        # mutmut stops when one fails: running them all again clean (a minute) tells nothing new
        return 0 if stats_ran_clean else int(original_clean(self, tests))

    import mutmut.__main__ as mutmut_main

    original_shutdown = ForkRunner.shutdown
    unsaved: dict[int, Any] = {}
    saved_at: dict[int, float] = {}

    def register(result: Any, mutation_data_by_mutant_name: dict[str, Any]) -> None:
        # mutmut's _register_mutant_result, but a file's results are written at most once a second
        # (writing tables.py's 1,870 results after every mutant kept a core idle ≈15 ms a mutant)
        data = mutation_data_by_mutant_name[result.mutant_name]
        assert result.mutant_name in data.exit_code_by_key, f"{result.mutant_name} is not a mutant of {data.path}"
        data.exit_code_by_key[result.mutant_name] = result.exit_code
        data.durations_by_key[result.mutant_name] = result.duration
        now = time.monotonic()
        if now - saved_at.get(id(data), 0.0) >= 1.0:
            data.save()
            saved_at[id(data)] = now
            unsaved.pop(id(data), None)
        else:
            unsaved[id(data)] = data

    def shutdown(self: Any) -> None:
        try:
            original_shutdown(self)
        finally:
            for data in unsaved.values():
                data.save()
            unsaved.clear()

    ForkRunner.startup = startup
    PytestRunner.run_tests = run_tests
    ForkRunner.collect_stats = collect_stats
    ForkRunner.run_clean_tests = run_clean_tests
    ForkRunner.shutdown = shutdown
    mutmut_main._register_mutant_result = register
    return True


def main() -> int:
    if not _install():
        print("bench/mutation_runner.py: this mutmut has no ForkRunner/PytestRunner to patch; "
              "running plain mutmut", file=sys.stderr)
    from mutmut.__main__ import cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
