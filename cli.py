"""The audit-check command line: arguments in, calls out, exit code back. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__version__ = "0.1.0"

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="核查预算绩效自评报告中的数字、公式、合计与评分（Check budget-performance self-evaluation reports）.")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


def _fail(message: str) -> None:
    typer.echo(f"audit-check: 错误：{message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"audit-check {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="显示版本 (show version)")] = None,
) -> None:
    """audit-check FILE 即 audit-check check FILE。"""


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="报告文件 .docx / .pdf")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="输出格式")] = ExtractFormat.json,
) -> None:
    """打印读取到的文档模型：段落、表格网格与全部数字（print what was read）."""
    from extractor import ReadError, read_document
    from extractor.figures import document_quantities

    try:
        doc = read_document(file)
    except ReadError as exc:
        _fail(str(exc))
        raise typer.Exit(EXIT_UNREADABLE) from None
    for warning in doc.warnings:
        typer.echo(f"audit-check: 警告：{warning}", err=True)
    quantities = document_quantities(doc)
    if fmt is ExtractFormat.text:
        from extractor.render import render_text

        typer.echo(render_text(doc, quantities))
        return
    payload = doc.model_dump(mode="json")
    payload["quantities"] = [q.model_dump(mode="json", exclude_defaults=True) for q in quantities]
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="报告文件 .docx / .pdf（可多个）")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 text / json / jsonl")] = OutputFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此级别即以 1 退出")] = FailOn.error,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则，逗号分隔，如 FML001,TBL001")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而非标准输出")] = None,
) -> None:
    """核查报告中的公式、合计、占比、前后数字（默认命令：audit-check FILE）。"""
    from checks.finding import SEVERITY_RANK
    from checks.registry import load_rules
    from checks.render import render_json, render_jsonl, render_text
    from checks.runner import check_file

    chosen: set[str] | None = None
    if select:
        chosen = {code.strip().upper() for code in select.split(",") if code.strip()}
        unknown = chosen - set(load_rules())
        if unknown:
            _fail(f"未知规则 {', '.join(sorted(unknown))}（unknown rule codes; see `audit-check rules`）")
            raise typer.Exit(EXIT_UNREADABLE)
    for f in files:
        if output is not None and output.resolve() == f.resolve():
            _fail(f"输出文件不能与输入文件相同：{output}（output path equals an input）")
            raise typer.Exit(EXIT_UNREADABLE)
    sink = _open_output(output)
    results = []
    threshold = SEVERITY_RANK.get(fail_on.value, 99)
    exit_code = EXIT_CLEAN
    for path in files:
        result = check_file(path, chosen)
        results.append(result)
        if result.status != "ok":
            _fail(f"{path}：{result.error}")
            exit_code = EXIT_UNREADABLE
        elif any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
            exit_code = max(exit_code, EXIT_FINDINGS)
        if fmt is OutputFormat.jsonl:
            sink.write(render_jsonl(result) + "\n")
            sink.flush()
        elif fmt is OutputFormat.text and result.status == "ok":
            sink.write(render_text(result) + "\n")
    if fmt is OutputFormat.json:
        sink.write(render_json(results, many=len(files) > 1) + "\n")
    if sink is not sys.stdout:
        sink.close()
    raise typer.Exit(exit_code)


def _open_output(output: Path | None):  # type: ignore[no-untyped-def]
    if output is None:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"无法写入 {output}：{exc.strerror}（cannot write output）")
        raise typer.Exit(EXIT_UNREADABLE) from None


@app.command()
def rules() -> None:
    """列出全部核查规则（list every rule with its code, name, severity and examples）."""
    from checks.registry import load_rules

    for code, rule in sorted(load_rules().items()):
        typer.echo(f"{code}  {rule.name}  [{rule.severity}]  {rule.title}")
        for line in rule.doc().splitlines():
            typer.echo(f"    {line}" if line else "")
        typer.echo("")


_COMMANDS = {"check", "extract", "rules"}


def entry() -> None:
    """Console-script entry: `audit-check report.docx` means `audit-check check report.docx`."""
    args = sys.argv[1:]
    first = next((a for a in args if not a.startswith("-")), None)
    if first is not None and first not in _COMMANDS and not any(a in ("--help", "-h", "--version") for a in args):
        sys.argv.insert(1, "check")
    try:
        app()
    except KeyboardInterrupt:
        _fail("已中断（interrupted）")
        sys.exit(130)


if __name__ == "__main__":
    entry()
