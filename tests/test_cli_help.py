"""What the command line says about itself and about a run: help a person can read (文件…, not
Python's `{files}...` / `<list[Path]>`), 错误 only for errors, notes as 提示. In-process (typer's
CliRunner): no interpreter start per case."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import cli

runner = CliRunner()


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["extract", "--help"]])
def test_help_names_arguments_as_a_person_writes_them(args):
    result = runner.invoke(cli.app, args, prog_name="audit-check")
    assert result.exit_code == 0
    for python in ("{files}", "{file}", "<list[Path]>", "list[Path]", "files..."):
        assert python not in result.output, (args, python)
    if args[0] == "check":
        assert "Usage: audit-check check [OPTIONS] 文件…" in result.output
        assert "FILE…" in result.output  # the English name beside it
    if args[0] == "extract":
        assert "Usage: audit-check extract [OPTIONS] 文件" in result.output


def test_an_unused_waiver_is_a_note_not_an_error(tmp_path, samples, monkeypatch):
    (tmp_path / "audit-check.toml").write_text('[[waiver]]\nfingerprint = "ffffffffffffffff"\nreason = "旧豁免"\n',
                                               encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, ["check", str(samples / "dept_overall.docx")])
    assert result.exit_code == 0
    assert "提示：豁免未被使用：ffffffffffffffff（旧豁免）" in result.stderr
    assert "错误" not in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["check", "{samples}/dept_overall.docx", "--select", "NOPE001"], "未知规则 NOPE001"),
    (["check", "{tmp}"], "没有找到"),
    (["check", "{samples}/dept_overall.docx", "--summary", "{tmp}/s.txt"], "汇总表只支持"),
    (["check", "{samples}/dept_overall.pdf", "--annotate", "{tmp}/a.docx"], "--annotate 需要"),
])
def test_errors_are_said_as_errors_and_exit_2(args, said, samples, tmp_path):
    filled = [a.format(samples=samples, tmp=tmp_path) for a in args]
    result = runner.invoke(cli.app, filled)
    assert result.exit_code == 2
    assert f"audit-check: 错误：{said}" in result.stderr
