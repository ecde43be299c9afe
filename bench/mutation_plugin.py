"""pytest plugin for the mutation run (pyproject [tool.mutmut] pytest_add_cli_args: -p bench.mutation_plugin).

mutmut 3 forks every mutant's test run from a process that has already run the tests once, so the
memo caches of the code under test (functools.lru_cache on extractor/quantities.py's _scan, …) come
pre-filled with the unmutated code's answers: a mutant of a function that runs under such a cache
would never be called for a text seen before, and would survive for nothing. Each test session
starts with every such cache of checks/ and extractor/ emptied.
"""

from __future__ import annotations

import sys


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("checks", "extractor")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
