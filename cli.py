"""The audit-check command line: arguments in, calls out, exit code back. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__version__ = "0.1.0"

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="核查预算绩效自评报告中的数字、公式、合计与评分（Check budget-performance self-evaluation reports）.")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


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


_COMMANDS = {"check", "extract", "rules"}


def entry() -> None:
    """Console-script entry: `audit-check report.docx` means `audit-check check report.docx`."""
    args = sys.argv[1:]
    if args and args[0] not in _COMMANDS and not args[0].startswith("-") or (
        args and args[0].startswith("-") and args[0] not in ("--help", "-h", "--version")
        and any(a not in _COMMANDS for a in args if not a.startswith("-"))
        and not any(a in _COMMANDS for a in args)
    ):
        sys.argv.insert(1, "check")
    try:
        app()
    except KeyboardInterrupt:
        _fail("已中断（interrupted）")
        sys.exit(130)


if __name__ == "__main__":
    entry()
