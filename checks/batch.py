"""Checking many files: folders expanded, worker processes, a time limit per file, results handed
back as each file finishes. One failing or slow file is its own result; the others go on."""

from __future__ import annotations

import multiprocessing as mp
import time
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


def _work(path: str, select: list[str] | None, settings: Settings, conn) -> None:  # type: ignore[no-untyped-def]
    try:
        result = check_file(path, set(select) if select is not None else None, settings)
        conn.send(result.model_dump_json(by_alias=True))
    except BaseException as exc:  # noqa: BLE001 - the parent must always hear back
        from extractor import display_name

        conn.send(Result(file=display_name(path), status="unreadable",
                         error=f"内部错误 {type(exc).__name__}（internal error）").model_dump_json(by_alias=True))
    finally:
        conn.close()


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


def _results(paths: list[Path], select: set[str] | None, jobs: int, timeout: float | None, settings: Settings
             ) -> Iterator[tuple[int, Result]]:
    if len(paths) == 1 and timeout is None:
        yield 0, check_file(paths[0], select, settings)
        return
    preload()
    ctx = mp.get_context("fork")
    pending = list(enumerate(paths))
    running: dict[int, tuple[mp.Process, object, float]] = {}
    chosen = sorted(select) if select is not None else None
    while pending or running:
        while pending and len(running) < max(1, jobs):
            i, path = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_work, args=(str(path), chosen, settings, child), daemon=True)
            proc.start()
            child.close()
            running[i] = (proc, parent, time.monotonic())
        time.sleep(0.01)
        for i in list(running):
            proc, conn, started = running[i]
            if conn.poll():  # type: ignore[attr-defined]
                try:
                    payload = conn.recv()  # type: ignore[attr-defined]
                    result = Result.model_validate_json(payload)
                except (EOFError, ValueError):
                    result = Result(file=display_name(paths[i]), status="unreadable", error="核查进程异常退出（worker died）")
                proc.join(5)
                del running[i]
                yield i, result
            elif not proc.is_alive():
                del running[i]
                yield i, Result(file=display_name(paths[i]), status="unreadable",
                                error=f"核查进程异常退出，退出码 {proc.exitcode}（worker died）")
            elif timeout is not None and time.monotonic() - started > timeout:
                proc.kill()
                proc.join(5)
                del running[i]
                yield i, Result(file=display_name(paths[i]), status="timeout",
                                error=f"超过单个文件时限 {timeout:g} 秒，已跳过（per-file time limit exceeded）")
