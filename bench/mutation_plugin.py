"""pytest plugin for the mutation run (pyproject [tool.mutmut] pytest_add_cli_args: -p bench.mutation_plugin).

Two things, both about what a mutant's test session costs, neither about what it finds:

- mutmut 3 forks every mutant's test run from a process that has already run the tests once, so the
  memo caches of the code under test (functools.lru_cache on extractor/quantities.py's _scan, …) come
  pre-filled with the unmutated code's answers: a mutant of a function that runs under such a cache
  would never be called for a text seen before, and would survive for nothing. Each test session
  starts with every such cache of checks/ and extractor/ emptied.
- Kill-first order. mutmut runs a mutant's tests fastest first and stops at the first failure, so a
  mutant that only the 200th test kills costs the 199 before it (3–10 s for most mutants of
  Footing._total, Hierarchy.check, PerHead.check). When AUDIT_CHECK_KILL_ORDER names a file
  (bench/mutation.sh sets it), every test that fails under a mutant is appended to it as
  `function<TAB>test id<TAB>mutant`, and a mutant runs first the tests that killed it before (the
  latest first), then those that killed its siblings (most kills first), then the rest in mutmut's
  order. bench/mutation.sh starts a fresh run's log from bench/mutation-history.tsv.gz, the last
  full run's killers (the way PIT's history file orders tests), and writes it again at the end.
  A mutant's verdict does not depend on the order: a survivor still runs every test, and any
  failing test kills.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

_FIRST = 25  # at most this many earlier killers go to the front


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    clear_caches()


def clear_caches() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("checks", "extractor")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


def _function() -> str | None:
    """The mutated function of this session (`checks.rules.tables.xǁFootingǁ_total`), or None
    outside a mutant's run (mutmut's stats, clean and forced-fail runs)."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    return mutant.rpartition("__mutmut_")[0] or None


def _log() -> Path | None:
    path = os.environ.get("AUDIT_CHECK_KILL_ORDER")
    return Path(path) if path else None


def pytest_collection_modifyitems(session, config, items) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    items[:] = kill_first(items)


def kill_first(items: list) -> list:  # type: ignore[type-arg]
    """`items` (pytest items, in mutmut's order) with the tests that killed this session's mutant
    before first, the latest first, then those that killed other mutants of its function, most
    kills first."""
    function, log = _function(), _log()
    if function is None or log is None or not log.exists():
        return items
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    own: list[str] = []
    kills: Counter[str] = Counter()
    for line in log.read_text(encoding="utf-8").splitlines():
        name, _, rest = line.partition("\t")
        if name == function:
            test, _, killed = rest.partition("\t")
            kills[test] += 1
            if killed == mutant:
                own.append(test)
    if not kills:
        return items
    rank = {test: i for i, test in enumerate(dict.fromkeys(reversed(own)))}
    for test, _ in kills.most_common(_FIRST):
        rank.setdefault(test, len(rank))
    last = len(rank)
    # sorted() is stable: the tests that killed nothing keep mutmut's fastest-first order
    return sorted(items, key=lambda item: rank.get(item.nodeid, last))


def pytest_runtest_logreport(report) -> None:  # type: ignore[no-untyped-def]
    function, log = _function(), _log()
    if function is None or log is None or not report.failed:
        return
    # one short write with O_APPEND: the two children of a run never interleave inside a line
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{function}\t{report.nodeid}\t{os.environ.get('MUTANT_UNDER_TEST', '')}\n".encode())
    finally:
        os.close(fd)
