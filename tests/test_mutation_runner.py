"""The mutation run's test runner (bench/mutation_runner.py) and plugin (bench/mutation_plugin.py):
a mutant's verdict must be what `pytest -x` on its tests would say, only cheaper to get."""

from __future__ import annotations

import os
import signal
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import mutation_plugin, mutation_runner

_PROBE = '''
    import time
    from pathlib import Path

    import pytest

    MARKS = Path(__file__).parent.parent / "marks"


    def mark(name):
        MARKS.mkdir(exist_ok=True)
        (MARKS / name).write_text("ran")


    @pytest.fixture(scope="module")
    def shared():
        mark("module-fixture")
        return 7


    def test_pass(shared):
        mark("pass")
        assert shared == 7


    def test_fail():
        mark("fail")
        assert 1 + 1 == 3


    def test_after():
        mark("after")


    def test_loop():
        while True:
            time.sleep(0.01)


    def test_tmp(tmp_path):
        (tmp_path / "f.txt").write_text("x")
        mark("tmp-" + str(tmp_path).replace("/", "|"))
        assert (tmp_path / "f.txt").exists()


    @pytest.mark.xfail(strict=True)
    def test_expected_to_fail():
        assert False
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("probe")
    (root / "tests").mkdir()
    (root / "tests" / "test_runner_probe.py").write_text(textwrap.dedent(_PROBE), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session(project: Path) -> Iterator[mutation_runner._Session]:
    here = Path.cwd()
    os.chdir(project)
    try:
        # plain asserts and no faulthandler: the probe session lives inside this test process
        made = mutation_runner._Session(["--rootdir=.", "-x", "-q", "-s", "--assert=plain", "-p", "no:cacheprovider",
                                         "-p", "no:faulthandler", "-p", "no:xdist", "tests"])
    finally:
        os.chdir(here)
    yield made
    made.config._ensure_unconfigure()


def _in_child(session: mutation_runner._Session, project: Path, tests: list[str], deadline: float = 20.0) -> int:
    """`session.run(tests)` in a forked child, as mutmut runs a mutant; its status (None → 99)."""
    marks = project / "marks"
    if marks.exists():
        for f in marks.iterdir():
            f.unlink()
    pid = os.fork()
    if pid == 0:
        status = 98
        try:
            os.chdir(project)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            mutation_runner._DEADLINE_S = deadline
            result = session.run(tests)
            status = 99 if result is None else result
        finally:
            os._exit(status)
    for _ in range(600):  # a child that never ends (the deadline broken) fails the test in a minute
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(wait_status)
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"the child running {tests} did not end in 60 s")


def _marks(project: Path) -> set[str]:
    marks = project / "marks"
    return {f.name for f in marks.iterdir()} if marks.exists() else set()


T = "tests/test_runner_probe.py::"


def test_passing_tests_give_0_and_run_their_fixtures(session, project) -> None:
    assert _in_child(session, project, [T + "test_pass", T + "test_expected_to_fail"]) == 0
    assert _marks(project) == {"module-fixture", "pass"}


def test_a_failing_test_gives_1_and_stops_the_run_there(session, project) -> None:
    assert _in_child(session, project, [T + "test_pass", T + "test_fail", T + "test_after"]) == 1
    assert _marks(project) == {"module-fixture", "pass", "fail"}  # like pytest -x: test_after never ran


def test_the_order_given_is_the_order_run(session, project) -> None:
    assert _in_child(session, project, [T + "test_after", T + "test_fail", T + "test_pass"]) == 1
    assert _marks(project) == {"after", "fail"}


def test_a_test_id_not_collected_leaves_the_run_to_pytest_main(session, project) -> None:
    assert _in_child(session, project, [T + "test_pass", T + "test_gone"]) == 99
    assert _marks(project) == set()  # nothing ran


def test_a_looping_test_ends_as_a_timeout_at_its_deadline(session, project) -> None:
    assert _in_child(session, project, [T + "test_pass", T + "test_loop", T + "test_after"], deadline=0.5) == 36
    assert _marks(project) == {"module-fixture", "pass"}


def test_each_child_has_its_own_tmp_folder_removed_at_its_end(session, project) -> None:
    folders = []
    for _ in range(2):
        assert _in_child(session, project, [T + "test_tmp"]) == 0
        (mark,) = _marks(project)
        folders.append(Path(mark.removeprefix("tmp-").replace("|", "/")))
    assert folders[0] != folders[1]
    assert not any(f.exists() for f in folders)


def test_kill_first_puts_the_functions_earlier_killers_first(tmp_path, monkeypatch) -> None:
    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

    log = tmp_path / "kill-order.tsv"
    log.write_text("m.x_f\tt3\nm.x_f\tt2\nm.x_f\tt3\nm.x_g\tt1\n", encoding="utf-8")
    items = [Item(n) for n in ("t1", "t2", "t3", "t4")]
    monkeypatch.setenv("AUDIT_CHECK_KILL_ORDER", str(log))
    monkeypatch.setenv("MUTANT_UNDER_TEST", "m.x_f__mutmut_9")
    assert [i.nodeid for i in mutation_plugin.kill_first(items)] == ["t3", "t2", "t1", "t4"]
    with log.open("a", encoding="utf-8") as f:  # what killed this very mutant goes before its siblings' killers
        f.write("m.x_f\tt4\tm.x_f__mutmut_9\nm.x_f\tt1\tm.x_f__mutmut_9\nm.x_f\tt2\tm.x_f__mutmut_3\n")
    assert [i.nodeid for i in mutation_plugin.kill_first(items)] == ["t1", "t4", "t3", "t2"]  # then t3 (2 kills)
    monkeypatch.setenv("MUTANT_UNDER_TEST", "m.x_h__mutmut_1")  # no history: mutmut's order
    assert [i.nodeid for i in mutation_plugin.kill_first(items)] == ["t1", "t2", "t3", "t4"]
    monkeypatch.setenv("MUTANT_UNDER_TEST", "")  # not a mutant's run
    assert [i.nodeid for i in mutation_plugin.kill_first(items)] == ["t1", "t2", "t3", "t4"]


def test_the_history_keeps_each_killed_mutants_last_killer(tmp_path) -> None:
    import gzip
    import json

    from bench import mutation_history

    mutants = tmp_path / "mutants"
    (mutants / "checks").mkdir(parents=True)
    codes = {"m.x_f__mutmut_9": 1, "m.x_f__mutmut_10": 36, "m.x_f__mutmut_2": 0, "m.x_g__mutmut_1": 1}
    (mutants / "checks" / "a.py.meta").write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    log = mutants / "kill-order.tsv"
    log.write_text("m.x_f\tt1\tm.x_f__mutmut_9\n"
                   "m.x_f\tt7\n"                      # an old line without its mutant: not kept
                   "m.x_f\tt5\tm.x_f__mutmut_2\n"     # survived now: not kept
                   "m.x_f\tt4\tm.x_f__mutmut_10\n"
                   "m.x_f\tt3\tm.x_f__mutmut_9\n"     # the later killer of _9 is the one kept
                   "m.x_h\tt2\tm.x_h__mutmut_1\n",    # no such mutant now: not kept
                   encoding="utf-8")
    history = tmp_path / "history.tsv.gz"
    assert mutation_history.save(history, log, mutants) == 2
    assert gzip.decompress(history.read_bytes()).decode() == (
        "m.x_f\tt3\tm.x_f__mutmut_9\nm.x_f\tt4\tm.x_f__mutmut_10\n")

    fresh = tmp_path / "fresh" / "kill-order.tsv"
    assert mutation_history.seed(history, fresh) == 2
    assert fresh.read_text(encoding="utf-8").splitlines()[0] == "m.x_f\tt3\tm.x_f__mutmut_9"
    fresh.write_text("kept\n", encoding="utf-8")
    assert mutation_history.seed(history, fresh) == 0  # a run's own log is never overwritten
    assert fresh.read_text(encoding="utf-8") == "kept\n"
