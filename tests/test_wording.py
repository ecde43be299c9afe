"""Wording lint (issue 13): every message the tool writes on the gold set, .docx and PDF, reads as
a reviewer expects — no doubled symbols or quotes, balanced quotes and brackets, labels without the
words that open a clause, money with thousands separators, no block numbers.

The lint rules are plain text checks on the messages and the candidate readings; a figure quoted
from the report itself (its formula as printed) is left as printed."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from bench.accuracy import FORMATS, gold_files

QUOTED = regex.compile(r"“([^“”]*)”")
FILLER_START = regex.compile(r"^(?:故|因此|所以|即|其中|经计算|经测算|综上|计算式$)")
CJK_SPACE = regex.compile(r"\p{Han}\s+\p{Han}")
BARE_NUMBER = regex.compile(r"(?<![\d,.，])\d{5,}(?:\.\d+)?(?![\d,])")
BLOCK_NUMBER = regex.compile(r"第\s*\d+\s*块")


def problems(text: str, report_text: str = "") -> list[str]:
    """What is wrong with one message (`report_text`: the text it may quote as printed)."""
    out = []
    if "%%" in text or "％％" in text:
        out.append("%%")
    if "““" in text or "””" in text:
        out.append("doubled quotes")
    if text.count("“") != text.count("”") or text.count("（") != text.count("）"):
        out.append("unbalanced quotes or brackets")
    for label in QUOTED.findall(text):
        if regex.search(r"\d", label):
            continue  # a clause or a rule quoted from the report, not a label
        if FILLER_START.search(label):
            out.append(f"label with filler: {label}")
        if CJK_SPACE.search(label):
            out.append(f"space inside a label: {label}")
    for m in BARE_NUMBER.finditer(text):
        if m.group(0) not in report_text:
            out.append(f"number without separators: {m.group(0)}")
    if BLOCK_NUMBER.search(text):
        out.append("第N块")
    return out


def test_the_lint_catches_what_the_issue_shows() -> None:
    assert problems("“其他交通费用”占比写作 0.65%%")
    assert problems("““三公经费”变动率”评分标准两处不同")
    assert problems("“故公用经费控制率”：……")
    assert problems("“计算式”计算错误")
    assert problems("“履职 效益”得分")
    assert problems("评价等级为“优")
    assert problems("报告值 1277649 应为 1206258")
    assert problems("而第20块写作 84.62%")
    assert not problems("“‘三公经费’控制率”评分标准两处不同：正文“每超出1%扣2分”，评分表“每超出1%扣1分”")
    assert not problems("报告值 1,277,649.00元 应为 1,206,258.00元")
    assert not problems("公式：449646.20/121000.00 得 371.61%", report_text="=449646.20/121000.00=371%")


@pytest.fixture(scope="module")
def every_message(gold_verdicts) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(where, message or candidate text, the report text it may quote) of every finding on the gold
    set, .docx and PDF: taken from the run's one reading of the gold set (tests/gold_pass.py `taken`)."""
    assert {(v.name, v.fmt) for v in gold_verdicts} == {(p.stem, fmt) for p in gold_files() for fmt in FORMATS}
    assert [f"{v.name}.{v.fmt}: {v.error}" for v in gold_verdicts if v.error] == []
    return [m for v in gold_verdicts for m in v.also["messages"]]


@pytest.mark.slow  # every message on the whole gold set, both formats (read once per run, tests/gold_pass.py)
def test_every_message_on_the_gold_set_reads_well(every_message) -> None:  # type: ignore[no-untyped-def]
    assert every_message
    bad = [f"{where}: {problem} — {text}" for where, text, report in every_message for problem in problems(text, report)]
    assert bad == []



def test_a_share_written_with_its_percent_sign_is_quoted_once(tmp_path: Path) -> None:
    """The issue's “0.65%%”: a 占比 cell that carries its own % sign, recomputed as wrong."""
    from decimal import Decimal

    from tests.builders import check, table

    rows = [["项目", "金额（万元）", "占比"], ["办公费", "100.00", "99.30%"], ["其他交通费用", "0.70", "0.65%"],
            ["合计", "100.70", "100.00%"]]
    found = [f for f in check(tmp_path, table(rows)).findings if f.rule == "TBL004"]
    assert [f.stated for f in found] == [Decimal("0.65")]
    # 0.70 / 100.70 = 0.695…% → 0.70%, by the test's own arithmetic
    assert "0.65%" in found[0].message and "0.70%" in found[0].message
    assert problems(found[0].message) == []
