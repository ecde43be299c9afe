"""`audit-check ARGS` for the tests: in this process (click's CliRunner, which typer's wraps) or as a new process.

`run` is what most command-line tests use: the console script's own entry point, `cli.entry()` —
its argv rewrite (`audit-check report.docx` is `audit-check check report.docx`) and its handler that
turns any exception into one line and exit 2 — run inside the test's process with its output
captured. No interpreter start and no import of the readers and jieba's dictionary per call
(≈1.3 s of CPU each, ~90 calls in the suite).

`run_process` starts the real thing, for the few tests where the process boundary is the point:
the installed console script, the exit code a shell sees, stderr as a terminal shows it (nothing but
one line: no traceback, no library warning or log line that pytest would otherwise swallow), the
progress bar on a real terminal, and the per-file time limit and worker pool of a real run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# typer's CliRunner is click's, plus turning a Typer app into its click command — which would skip
# cli.entry(), the part of the console script these tests must not skip
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


class _ConsoleScript:
    """What CliRunner.invoke calls (`.main(args=…, prog_name=…)`): `cli.entry()` with that argv."""

    def main(self, args: Sequence[str], prog_name: str, **_: object) -> None:
        import cli

        saved = sys.argv
        sys.argv = [prog_name, *args]
        try:
            cli.entry()
        finally:
            sys.argv = saved


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`audit-check ARGS` run in this process (from `cwd`, with `env` as the whole environment when
    given), answered as a finished process: returncode, stdout, stderr. An exception that escapes
    `cli.entry()` is not an exit code: it fails the test with its traceback."""
    runner = CliRunner()
    overrides = None
    if env is not None:
        overrides = {**{key: None for key in os.environ if key not in env}, **env}
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = runner.invoke(_ConsoleScript(), list(args), env=overrides, prog_name="audit-check",  # type: ignore[arg-type]
                               catch_exceptions=False)
    return subprocess.CompletedProcess(["audit-check", *args], result.exit_code, result.stdout, result.stderr)


def console_script() -> list[str]:
    """The installed `audit-check` (pip install -e '.[test]' puts it beside the interpreter)."""
    found = shutil.which("audit-check", path=str(Path(sys.executable).parent))
    assert found, f"the console script audit-check is not installed beside {sys.executable}: pip install -e '.[test]'"
    return [found]


def run_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`audit-check ARGS` as a new process: the installed console script, no stdin. It imports this
    checkout's code (PYTHONPATH), whichever checkout the interpreter was installed from."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run([*console_script(), *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout,
                          env=env, errors="replace", stdin=subprocess.DEVNULL)
