"""The batch summary: one row per file, as .xlsx (openpyxl) or .csv."""

from __future__ import annotations

import csv
from pathlib import Path

from checks.finding import SEVERITY_RANK
from checks.runner import Result

HEADER = ["文件", "状态", "错误", "警告", "提示", "报告总分", "重算总分", "报告等级", "应得等级", "最严重的问题"]


def rows(results: list[Result]) -> list[list[object]]:
    out: list[list[object]] = []
    for r in results:
        c = r.counts()
        ev = r.evaluation or {}
        worst = max(r.findings, key=lambda f: SEVERITY_RANK[f.severity], default=None)
        top = f"{worst.rule} {worst.message}" if worst is not None else (r.error or "")
        out.append([r.file, r.status, c["error"], c["warning"], c["info"], ev.get("stated_total"),
                    ev.get("recomputed_total"), ev.get("stated_grade"), ev.get("expected_grade"), top])
    return out


def write_summary(results: list[Result], path: Path) -> None:
    data = rows(results)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens it as UTF-8
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(data)
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
        ws.append(row)
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJ", (40, 10, 6, 6, 6, 10, 10, 10, 10, 80), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(str(path))
