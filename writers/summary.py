"""The batch summary: one row per file and a total row, as .xlsx (openpyxl) or .csv — a sheet a
reviewer can file: statuses in Chinese, the most severe finding with where it is, and the total
each report states, as it states it. Columns are only ever added (scripts read them by position):
the English status is the last column."""

from __future__ import annotations

import csv
from pathlib import Path

from checks.finding import SEVERITY_RANK
from checks.runner import Result
from writers.common import where

HEADER = ["文件", "状态", "错误", "警告", "提示", "报告总分", "重算总分", "报告等级", "应得等级", "最严重的问题",
          "最严重问题的位置", "status"]
STATUS = {"ok": "已核查", "unreadable": "无法读取", "timeout": "超时"}
WIDTHS = (40, 10, 6, 6, 6, 12, 10, 10, 10, 80, 40, 12)


def _stated_total(evaluations: list[dict]) -> object:
    """The total the report states, as printed (97.60 stays 97.60); a report of several score
    tables states one per table: all of them, in document order."""
    shown = []
    for ev in evaluations:
        text = ev.get("stated_total_text")
        value = ev.get("stated_total")
        if value is None:
            continue
        shown.append(text if text is not None else value)
    if not shown:
        return None
    if len(shown) == 1:
        return shown[0]
    return "；".join(str(s) for s in shown)


def _one_of_each(evaluations: list[dict], key: str) -> object:
    values = [ev.get(key) for ev in evaluations if ev.get(key) is not None]
    if len(values) <= 1:
        return values[0] if values else None
    return "；".join(str(v) for v in values)


def rows(results: list[Result]) -> list[list[object]]:
    out: list[list[object]] = []
    for r in results:
        c = r.counts()
        evs = r.all_evaluations()
        worst = max(r.findings, key=lambda f: SEVERITY_RANK[f.severity], default=None)  # the first of the most severe
        top = f"{worst.rule} {worst.message}" if worst is not None else (r.error or "")
        out.append([r.file, STATUS.get(r.status, r.status), c["error"], c["warning"], c["info"], _stated_total(evs),
                    _one_of_each(evs, "recomputed_total"), _one_of_each(evs, "stated_grade"),
                    _one_of_each(evs, "expected_grade"), top, where(worst) if worst is not None else "", r.status])
    return out


def total_row(results: list[Result]) -> list[object]:
    """合计：how many files, how many of each status, and every finding counted."""
    statuses = [r.status for r in results]
    said = "、".join(f"{STATUS.get(s, s)} {statuses.count(s)}" for s in dict.fromkeys(statuses))
    counts = [r.counts() for r in results]
    return [f"合计（{len(results)} 份）", said, *(sum(c[k] for c in counts) for k in ("error", "warning", "info")),
            None, None, None, None, None, None, None]


def _number_format(text: object) -> str | None:
    """Excel's format for a total printed with N decimals (97.60 → 0.00), so the cell shows it as stated."""
    if not isinstance(text, str) or "." not in text:
        return None
    head, tail = text.split(".", 1)
    if not tail.isdigit() or not head.lstrip("-").isdigit():
        return None
    return "0." + "0" * len(tail)


def write_summary(results: list[Result], path: Path) -> None:
    data = rows(results)
    total = total_row(results)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens it as UTF-8
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(data)
            writer.writerow(total)
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "核查汇总"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in data:
        stated = row[5]
        fmt = _number_format(stated)
        if fmt is not None:  # one total, printed with decimals: a number shown as the report printed it
            row = [*row[:5], float(stated), *row[6:]]  # type: ignore[arg-type]
        elif isinstance(stated, str) and stated.lstrip("-").isdigit():
            row = [*row[:5], int(stated), *row[6:]]
        ws.append(row)
        if fmt is not None:
            ws.cell(row=ws.max_row, column=6).number_format = fmt
    ws.append(total)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for k, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + k)].width = width
    wb.save(str(path))
