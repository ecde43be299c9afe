"""The audit-check command line: arguments in, calls out, exit code back. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand

__version__ = "0.1.0"

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="核查预算绩效自评报告中的数字、公式、合计与评分（Check budget-performance self-evaluation reports）.")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    sarif = "sarif"
    html = "html"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


def _fail(message: str) -> None:
    """An error: the run cannot do what was asked (exit 2 follows)."""
    typer.echo(f"audit-check: 错误：{message}", err=True)


def _note(message: str) -> None:
    """Something worth knowing that is not an error (an unused waiver, comments listed at the top)."""
    typer.echo(f"audit-check: 提示：{message}", err=True)


class _Command(TyperCommand):
    """Help that names an argument as a reader writes it (文件…), not as Python types it
    ({files}... <list[Path]>)."""

    def collect_usage_pieces(self, ctx):  # type: ignore[no-untyped-def]
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            named = param.param_type_name == "argument" and param.metavar
            pieces.extend([param.metavar] if named else param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar or record[0], record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


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


@app.command(cls=_Command)
def extract(
    file: Annotated[Path, typer.Argument(metavar="文件", help="报告文件 .docx / .pdf（FILE）")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="输出格式")] = ExtractFormat.json,
) -> None:
    """打印读取到的文档模型：段落、表格网格、全部数字及其陈述（主语、年度、角色、列举）、各表的层级树与评分表的指标树（print what was read）."""
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
    from extractor.claims import read_claims

    payload = doc.model_dump(mode="json")
    payload["quantities"] = [q.model_dump(mode="json", exclude_defaults=True) for q in quantities]
    payload["claims"] = read_claims(doc, quantities).model_dump(mode="json")
    from checks.structure import describe

    payload["tables"] = describe(doc)  # each table's row tree; each score table's indicators
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@app.command(cls=_Command)
def check(
    files: Annotated[list[Path], typer.Argument(metavar="文件…", show_default=False,
                                                help="报告文件或文件夹（可多个；文件夹递归查找 .docx/.pdf）（FILE…）")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而非标准输出")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此级别即以 1 退出")] = FailOn.error,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则，逗号分隔，如 FML001,TBL001")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="不运行这些规则，逗号分隔")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行进程数")] = 1,
    timeout: Annotated[float | None, typer.Option("--timeout", help="单个文件时限（秒），默认 300")] = None,
    summary: Annotated[Path | None, typer.Option("--summary", help="批量汇总表 .xlsx 或 .csv")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="消息语言 zh / en")] = Lang.zh,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="在终端显示进度")] = True,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（默认从当前目录向上查找）")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="上次的 JSON 结果：只显示新发现的问题")] = None,
    annotate: Annotated[Path | None, typer.Option("--annotate", help="写出带批注的 .docx 副本（仅 .docx 输入）")] = None,
) -> None:
    """核查报告中的公式、合计、占比、前后数字与评分（默认命令：audit-check FILE）。"""
    from checks.batch import expand, run
    from checks.config import ConfigError, find_config, load_baseline, load_config, review, unused_waivers
    from checks.finding import SEVERITY_RANK
    from writers.common import localize

    try:
        cfg = load_config(config if config is not None else find_config(Path.cwd()))
        known_before = load_baseline(baseline) if baseline is not None else None
    except ConfigError as exc:
        _fail(str(exc))
        raise typer.Exit(EXIT_UNREADABLE) from None
    from checks.settings import Settings

    settings = Settings.from_config(cfg)
    chosen = _rule_selection(select if select is not None else (",".join(cfg.select) if cfg.select else None),
                             ",".join(filter(None, [ignore, ",".join(cfg.ignore)])) or None)
    paths = expand(files)
    if not paths:
        _fail("没有找到 .docx 或 .pdf 文件（no report files found）")
        raise typer.Exit(EXIT_UNREADABLE)
    _refuse_overwrite(paths, [output, summary, annotate])
    if annotate is not None and (len(paths) != 1 or paths[0].suffix.lower() != ".docx"
                                 or annotate.suffix.lower() != ".docx" or not _is_docx(paths[0])):
        _fail("--annotate 需要且只能有一个 .docx 输入，并写到 .docx 文件（--annotate takes one .docx input and a .docx output）")
        raise typer.Exit(EXIT_UNREADABLE)
    sink = _open_output(output)
    bar = _Progress(len(paths)) if progress and sys.stderr.isatty() and len(paths) > 1 else None

    used: set[str] = set()

    def done(_: int, result) -> None:  # type: ignore[no-untyped-def]
        used.update(review(result, cfg, known_before))
        if bar is not None:
            bar.step(result.file)
        if fmt is OutputFormat.jsonl:
            from writers.text import render_jsonl

            sink.write(render_jsonl(localize([result], lang.value)[0]) + "\n")
            sink.flush()

    limit = timeout if timeout is not None else 300.0  # a report that makes a parser crawl cannot hang the run
    results = run(paths, chosen, jobs=jobs, timeout=limit, on_done=done, settings=settings)
    stale = unused_waivers(cfg, used)
    for waiver in stale:
        _note(f"豁免未被使用：{waiver.fingerprint}（{waiver.reason}），可从配置中删去（unused waiver）")
    for result in results:
        result.unused_waivers = [{"fingerprint": w.fingerprint, "reason": w.reason} for w in stale]
    results = localize(results, lang.value)
    if bar is not None:
        bar.close()
    for result in results:
        if result.status != "ok":
            _fail(f"{result.file}：{result.error}")
    sink.write(_render(fmt, results, many=len(files) > 1 or len(paths) > 1, lang=lang.value))
    if sink is not sys.stdout:
        sink.close()
    if summary is not None:
        _write_summary(results, summary)
    if annotate is not None and results[0].status == "ok":
        _annotate(paths[0], annotate, results[0], chosen, lang.value)
    threshold = SEVERITY_RANK.get(fail_on.value, 99)
    code = EXIT_CLEAN
    for result in results:
        if result.status != "ok":
            code = EXIT_UNREADABLE
        elif any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
            code = max(code, EXIT_FINDINGS)
    raise typer.Exit(code)


def _rule_selection(select: str | None, ignore: str | None) -> set[str] | None:
    from checks.registry import load_rules

    known = set(load_rules())
    chosen = {c.strip().upper() for c in select.split(",") if c.strip()} if select else set(known)
    dropped = {c.strip().upper() for c in ignore.split(",") if c.strip()} if ignore else set()
    unknown = (chosen | dropped) - known
    if unknown:
        _fail(f"未知规则 {', '.join(sorted(unknown))}（unknown rule codes; see `audit-check rules`）")
        raise typer.Exit(EXIT_UNREADABLE)
    chosen -= dropped
    return None if chosen == known else chosen


def _refuse_overwrite(inputs: list[Path], outputs: list[Path | None]) -> None:
    resolved = {p.resolve() for p in inputs}
    for out in outputs:
        if out is not None and out.resolve() in resolved:
            _fail(f"输出文件不能与输入文件相同：{out}（output path equals an input）")
            raise typer.Exit(EXIT_UNREADABLE)


def _render(fmt: OutputFormat, results: list, many: bool, lang: str) -> str:
    from checks.registry import load_rules

    load_rules()
    if fmt is OutputFormat.jsonl:
        return ""
    if fmt is OutputFormat.json:
        from writers.text import render_json

        return render_json(results, many=many) + "\n"
    if fmt is OutputFormat.sarif:
        from writers.sarif import render_sarif

        return render_sarif(results, __version__, lang) + "\n"
    if fmt is OutputFormat.markdown:
        from writers.markdown import render_markdown

        return render_markdown(results, lang)
    if fmt is OutputFormat.html:
        from writers.html import render_html

        return render_html(results, lang) + "\n"
    from writers.text import render_text

    return "".join(render_text(r, lang) + "\n" for r in results if r.status == "ok")


def _is_docx(path: Path) -> bool:
    """Comments are written into the input's own package: a .doc or RTF under a .docx name has none."""
    from extractor import ReadError, sniff_format

    try:
        return sniff_format(path) == "docx"
    except ReadError:
        return True  # the check itself says why the file cannot be read


def _annotate(source: Path, out: Path, result, chosen: set[str] | None, lang: str) -> None:  # type: ignore[no-untyped-def]
    from extractor import read_document
    from writers.annotate import write_comments

    try:
        written = write_comments(source, out, read_document(source), result, lang)
    except OSError as exc:
        _fail(f"无法写入 {out}：{exc.strerror}（cannot write the annotated copy）")
        raise typer.Exit(EXIT_UNREADABLE) from None
    if written.listed:
        _note(f"{len(written.listed)} 条问题未能在文中定位到所涉数字，已列在文首的批注中"
              f"（{len(written.listed)} finding(s) listed in one comment at the top）")


def _write_summary(results: list, path: Path) -> None:
    from writers.summary import write_summary

    if path.suffix.lower() not in (".xlsx", ".csv"):
        _fail(f"汇总表只支持 .xlsx 或 .csv：{path}（summary must be .xlsx or .csv）")
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        write_summary(results, path)
    except OSError as exc:
        _fail(f"无法写入 {path}：{exc.strerror}（cannot write summary）")
        raise typer.Exit(EXIT_UNREADABLE) from None


class _Progress:
    """The batch's progress on a terminal (stderr, rich): files done of all, elapsed and remaining
    time, the file just checked. Nothing when stderr is not a terminal."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("核查"), BarColumn(), MofNCompleteColumn(), TextColumn("已用"), TimeElapsedColumn(),
                            TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.description}"),
                            console=Console(stderr=True), transient=False)
        self.task = self.bar.add_task("", total=total)
        self.bar.start()

    def step(self, name: str) -> None:
        self.bar.update(self.task, advance=1, description=Path(name).name[:40])

    def close(self) -> None:
        self.bar.stop()


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
    for stream in (sys.stdout, sys.stderr):  # file names that are not valid UTF-8 must not crash printing
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = sys.argv[1:]
    first = next((a for a in args if not a.startswith("-")), None)
    if first is not None and first not in _COMMANDS and not any(a in ("--help", "-h", "--version") for a in args):
        sys.argv.insert(1, "check")
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("audit-check: 已中断（interrupted）", err=True)
        sys.exit(130)
    except Exception as exc:  # never a traceback: one line, exit 2
        _fail(f"内部错误 {type(exc).__name__}: {exc}（internal error; please report）")
        sys.exit(EXIT_UNREADABLE)


if __name__ == "__main__":
    entry()
