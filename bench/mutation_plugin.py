"""pytest plugin for the mutation run (pyproject [tool.mutmut] pytest_add_cli_args: -p bench.mutation_plugin).

Three things, all about what a mutant's test session costs, none about what it finds:

- mutmut 3 forks every mutant's test run from a process that has already run the tests once, so the
  memo caches of the code under test (functools.lru_cache on extractor/quantities.py's _scan, …) come
  pre-filled with the unmutated code's answers: a mutant of a function that runs under such a cache
  would never be called for a text seen before, and would survive for nothing. Each test session
  starts with every such cache of checks/ and extractor/ emptied.
- Kill-first order. mutmut runs a mutant's tests fastest first and stops at the first failure, so a
  mutant that only the 200th test kills costs the 199 before it (3–10 s for most mutants of
  Footing._total, Hierarchy.check, PerHead.check). When AUDIT_CHECK_KILL_ORDER names a file
  (bench/mutation.sh sets it), every test that fails under a mutant is appended to it as
  `function<TAB>test id`, and a later mutant of the same function runs the tests that killed its
  siblings first, most kills first, then the rest in mutmut's order. A mutant's verdict does not
  depend on the order: a survivor still runs every test, and any failing test kills.
- The .docx reader's python-docx parse is remembered by the file's bytes. Opening a package
  (unzipping and parsing its seven XML parts, ≈18 ms) is a fifth of a survivor's test time in the
  reader's hot functions, and the same rule-case files are opened by every mutant. mutmut forks the
  children from the process that ran the tests clean, so each child finds the documents of those
  runs already parsed. Only python-docx's own work is skipped — nothing below it is mutated, and
  the reader only reads the object — and only for `extractor.docx_reader`'s call: a test that
  opens a .docx to change it gets its own object as always.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_FIRST = 25  # at most this many earlier killers go to the front


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    clear_caches()
    _remember_docx()


_parsed: dict[bytes, Any] = {}


def _remember_docx() -> None:
    import docx

    if getattr(docx.Document, "_remembers", False):
        return
    parse = docx.Document

    def document(docx: Any = None) -> Any:
        if not isinstance(docx, str) or sys._getframe(1).f_globals.get("__name__") != "extractor.docx_reader":
            return parse(docx)
        with open(docx, "rb") as f:
            key = hashlib.sha256(f.read()).digest()
        if key not in _parsed:
            _parsed[key] = parse(docx)
        return _parsed[key]

    document._remembers = True  # type: ignore[attr-defined]
    docx.Document = document


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
    """`items` (pytest items, in mutmut's order) with the tests that killed earlier mutants of this
    session's function first, most kills first."""
    function, log = _function(), _log()
    if function is None or log is None or not log.exists():
        return items
    kills: Counter[str] = Counter()
    for line in log.read_text(encoding="utf-8").splitlines():
        name, _, test = line.partition("\t")
        if name == function:
            kills[test] += 1
    if not kills:
        return items
    rank = {test: i for i, (test, _) in enumerate(kills.most_common(_FIRST))}
    # sorted() is stable: the tests no sibling killed keep mutmut's fastest-first order
    return sorted(items, key=lambda item: rank.get(item.nodeid, _FIRST))


def pytest_runtest_logreport(report) -> None:  # type: ignore[no-untyped-def]
    function, log = _function(), _log()
    if function is None or log is None or not report.failed:
        return
    # one short write with O_APPEND: the two children of a run never interleave inside a line
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{function}\t{report.nodeid}\n".encode())
    finally:
        os.close(fd)
