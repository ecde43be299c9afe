"""Small invented documents for rule tests, written as real .docx files (and PDF where it matters)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from checks.runner import Result, check_document
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.build_pdf import build_pdf
from fixtures.spec import Para, ReportSpec, TableSpec


def spec_of(*items: str | TableSpec) -> ReportSpec:
    body: list[Para | TableSpec] = [Para("测试报告", "title")]
    for item in items:
        body.append(Para(item) if isinstance(item, str) else item)
    return ReportSpec("case", "测试报告", body)


def check(tmp_path: Path, *items: str | TableSpec, fmt: str = "docx") -> Result:
    spec = spec_of(*items)
    path = tmp_path / f"case.{fmt}"
    (build_docx if fmt == "docx" else build_pdf)(spec, path)
    return check_document(read_document(path))


def rules(result: Result) -> list[str]:
    return [f.rule for f in result.findings]


def table(rows: list[list[str | None]], caption: str | None = None, merges=None, header_rows: int = 1) -> TableSpec:
    return TableSpec(rows=rows, caption=caption, merges=merges or [], header_rows=header_rows)


def settled(f: Any) -> Decimal | None:  # noqa: ANN401 - a Finding, or a finding as JSON (a dict)
    """The value a finding computes: its `expected`, or — where the culprit is not known — the first
    candidate reading (issue 13: expected is null then)."""
    expected = f["expected"] if isinstance(f, dict) else f.expected
    detail = (f["detail"] if isinstance(f, dict) else f.detail) or {}
    if expected is not None or not detail.get("candidates"):
        return None if expected is None else Decimal(str(expected))
    value = detail["candidates"][0]["value"]
    return None if value is None else Decimal(value)
