"""Checking many files: folders expanded, worker processes, a time limit per file, results handed
back as each file finishes. One failing or slow file is its own result; the others go on."""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

from checks.runner import Result, check_file
from checks.settings import DEFAULT, Settings
from extractor import display_name

SUFFIXES = {".docx", ".pdf", ".doc", ".wps"}



def preload() -> None:
    """Load the rules, the readers and jieba's dictionary once, before forking: workers inherit them."""
    import checks.registry
    import extractor.docx_reader  # noqa: F401
    import extractor.pdf_reader  # noqa: F401
    from checks.labels import _jieba

    checks.registry.load_rules()
    _jieba().initialize()

def expand(inputs: list[Path]) -> list[Path]:
    """Files as given; folders searched recursively for reports (Office lock files ~$… skipped)."""
    out: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith(("~$", ".~")))
            out.extend(found)
        else:
            out.append(path)
    return out


MAX_TASKS_PER_WORKER = 200  # a worker is replaced after this many files (memory a report leaves behind)


def _check(path: str, select: list[str] | None, settings: Settings) -> str:
    """One file in a worker: its result as JSON, whatever happens (the parent must always hear back)."""
    try:
        return check_file(path, set(select) if select is not None else None, settings).model_dump_json(by_alias=True)
    except BaseException as exc:  # noqa: BLE001
        return Result(file=display_name(path), status="unreadable",
                      error=f"内部错误 {type(exc).__name__}（internal error）").model_dump_json(by_alias=True)


class _Overtime(BaseException):
    """Raised in this process by the timer when one file runs over its time limit."""


def _can_time_here() -> bool:
    import threading

    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _check_here(path: Path, select: set[str] | None, timeout: float | None, settings: Settings) -> Result:
    """One file in this process — no pool to start, no worker to wait on. The time limit is a
    timer signal that interrupts the check (a subprocess it waits on, LibreOffice, is killed by
    `subprocess.run`); the previous handler and timer are put back whatever happens."""
    if timeout is None:
        return check_file(path, select, settings)

    def overtime(signum, frame):  # type: ignore[no-untyped-def]
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return check_file(path, select, settings)
    except _Overtime:
        return Result(file=display_name(path), status="timeout",
                      error=f"超过单个文件时限 {timeout:g} 秒，已跳过（per-file time limit exceeded）")
    except Exception as exc:  # noqa: BLE001 - the same answer a worker gives
        return Result(file=display_name(path), status="unreadable",
                      error=f"内部错误 {type(exc).__name__}（internal error）")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(paths: list[Path], select: set[str] | None = None, jobs: int = 1, timeout: float | None = None,
        on_done: Callable[[int, Result], None] | None = None, settings: Settings = DEFAULT) -> list[Result]:
    """Check every path with `settings`; results in input order. `on_done(index, result)` is called as
    each finishes."""
    results: list[Result | None] = [None] * len(paths)
    for i, result in _results(paths, select, jobs, timeout, settings):
        results[i] = result
        if on_done is not None:
            on_done(i, result)
    return [r for r in results if r is not None]


def _largest_first(paths: list[Path]) -> list[int]:
    """The order files are handed to the workers: largest first, so that a long PDF does not start
    last and leave one core idle while it finishes (longest-processing-time-first scheduling);
    results still come back under their own index. With one worker the input order is kept (JSON
    lines then stream in the order the files were given)."""
    def size(i: int) -> int:
        try:
            return paths[i].stat().st_size
        except OSError:
            return 0
    return sorted(range(len(paths)), key=lambda i: -size(i))


def _results(paths: list[Path], select: set[str] | None, jobs: int, timeout: float | None, settings: Settings
             ) -> Iterator[tuple[int, Result]]:
    """Results as files finish. One file without a time limit is checked in this process; otherwise
    a pool of worker processes (pebble), reused from file to file, each file with its own time limit:
    the parent blocks on the futures instead of polling, a file over its limit has its worker killed
    and replaced, and a worker that dies takes only its own file with it."""
    if len(paths) == 1 and (timeout is None or _can_time_here()):
        yield 0, _check_here(paths[0], select, timeout, settings)
        return
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures import as_completed

    from pebble import ProcessExpired, ProcessPool

    preload()
    chosen = sorted(select) if select is not None else None
    workers = max(1, min(jobs, len(paths)))
    with ProcessPool(max_workers=workers, max_tasks=MAX_TASKS_PER_WORKER, context=mp.get_context("fork")) as pool:
        futures = {pool.schedule(_check, args=(str(paths[i]), chosen, settings), timeout=timeout): i
                   for i in (_largest_first(paths) if workers > 1 else range(len(paths)))}
        for future in as_completed(futures):
            i = futures[future]
            name = display_name(paths[i])
            try:
                result = Result.model_validate_json(future.result())
            except FutureTimeout:
                result = Result(file=name, status="timeout",
                                error=f"超过单个文件时限 {timeout:g} 秒，已跳过（per-file time limit exceeded）")
            except ProcessExpired as exc:
                result = Result(file=name, status="unreadable",
                                error=f"核查进程异常退出，退出码 {exc.exitcode}（worker died）")
            except Exception as exc:  # noqa: BLE001 - a broken pipe or an unpicklable result: this file only
                result = Result(file=name, status="unreadable", error=f"核查进程异常（{type(exc).__name__}）")
            yield i, result
