"""What a test run computes once and shares between its pytest-xdist workers."""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by every process of this test run: under pytest-xdist each worker has its own
    base temp (…/pytest-N/popen-gwK) and their parent is the run's; without xdist, the base temp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


T = TypeVar("T")


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, compute: Callable[[], T]) -> T:
    """`compute()` once for the whole run: the first xdist worker to ask computes it (under a file
    lock) and pickles it; the others wait for it and read it back. For module fixtures whose tests
    pytest-xdist spreads over both workers (each would otherwise compute it)."""
    folder = run_folder(tmp_path_factory) / "once"
    folder.mkdir(exist_ok=True)
    done = folder / f"{name}.pickle"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return pickle.loads(done.read_bytes())
        value = compute()
        done.write_bytes(pickle.dumps(value))
        return value
