"""Every rule's own examples run (sqlfluff's std_rule_cases, our way).

checks/data/rule_cases/<CODE>.toml holds tiny documents for one rule: `wrong` cases must make the
rule fire (with the `stated` figure when one is given), `right` cases must leave it silent. Each
case is written as a real .docx (once per run: fixtures/build_cache.py), read back and checked with only that rule selected. The rule's
docstring examples must be found in its cases, so the two cannot drift apart.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import regex

from checks.registry import load_rules
from checks.runner import check_document
from extractor import read_document
from extractor.model import Unread
from fixtures.build_cache import build
from fixtures.spec import Para, ReportSpec, TableSpec

CASES_DIR = Path(__file__).resolve().parent.parent / "checks" / "data" / "rule_cases"
KINDS = ("wrong", "right")


def load_cases() -> dict[str, list[dict[str, Any]]]:
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
            for path in sorted(CASES_DIR.glob("*.toml"))}


CASES = load_cases()
PARAMS = [pytest.param(code, case, id=f"{code}-{i:02d}-{case.get('kind')}")
          for code, cases in CASES.items() for i, case in enumerate(cases)]


def spec_of(case: dict[str, Any]) -> ReportSpec:
    body: list[Para | TableSpec] = [Para("测试报告", "title")]
    body += [_para(text) for text in case.get("paragraphs", [])]
    for t in case.get("tables", []):
        rows = [[cell or None for cell in row] for row in t["rows"]]  # "" stands for a cell covered by a merge
        body.append(TableSpec(rows=rows, merges=[tuple(m) for m in t.get("merges", [])],
                              header_rows=t.get("header_rows", 1), caption=t.get("caption")))
    body += [Para(text) for text in case.get("closing", [])]
    return ReportSpec("case", "测试报告", body)


def _para(text: str) -> Para:
    """"# 一、…" is a Heading 1 paragraph, "## （一）…" a Heading 2; anything else body text."""
    marks = len(text) - len(text.lstrip("#"))
    if marks and text[marks:marks + 1] == " ":
        return Para(text[marks + 1:], "heading", level=marks)
    return Para(text)


def case_lines(case: dict[str, Any]) -> list[str]:
    """The case as lines of text: each paragraph, each table row as its cells joined by " | "."""
    lines = [_para(t).text for t in case.get("paragraphs", [])] + list(case.get("closing", []))
    for t in case.get("tables", []):
        lines += [t["caption"]] if t.get("caption") else []
        lines += [" | ".join(cell for cell in row if cell) for row in t["rows"]]
    return lines


@pytest.mark.parametrize(("code", "case"), PARAMS)
def test_case(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    assert case.get("kind") in KINDS, f"{code} “{case.get('name')}”: kind must be wrong or right"
    path = build(spec_of(case), "docx", tmp_path / "case.docx")
    doc = read_document(path)
    doc.unread += [Unread(**u) for u in case.get("unread", [])]  # what a reader met and could not read
    found = [f for f in check_document(doc, select={code}).findings if f.rule == code]
    shown = [(f.stated, f.message) for f in found]
    if case["kind"] == "wrong":
        assert found, f"{code} did not fire on “{case['name']}”"
        if "stated" in case:
            assert any(f.stated == Decimal(case["stated"]) for f in found), \
                f"{code} “{case['name']}”: no finding states {case['stated']}: {shown}"
    else:
        assert not found, f"{code} fired on the right case “{case['name']}”: {shown}"


def test_every_rule_has_a_wrong_and_a_right_case() -> None:
    rules = load_rules()
    assert set(CASES) <= set(rules), f"case files for unknown rules: {sorted(set(CASES) - set(rules))}"
    for code in rules:
        kinds = [case.get("kind") for case in CASES.get(code, [])]
        assert "wrong" in kinds and "right" in kinds, f"{code}: needs ≥1 wrong and ≥1 right case in {CASES_DIR.name}/{code}.toml"


_LABEL = regex.compile(r"^(错误示例|正确示例)[：:](.*)$")


def _without_explanation(line: str) -> str:
    """A line minus a closing （…） that explains it (nested （含） allowed); a line that is all
    explanation gives ""."""
    line = line.strip()
    if not line.endswith(("）", ")")):
        return line
    depth = 0
    for i in range(len(line) - 1, -1, -1):
        depth += line[i] in "）)"
        depth -= line[i] in "（("
        if depth == 0:
            return line[:i].rstrip()
    return line


def doc_examples(doc: str) -> dict[str, list[list[str]]]:
    """错误示例 / 正确示例 of a docstring, each as the fragments its text must show in a case:
    the label's line and the indented lines under it, explanations in a closing （…） dropped,
    split at “……” (an elision)."""
    out: dict[str, list[list[str]]] = {"wrong": [], "right": []}
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        m = _LABEL.match(line)
        if m is None:
            continue
        body = [m[2]]
        for more in lines[i + 1:]:
            if not more.strip() or not more[0].isspace():
                break
            body.append(more)
        fragments = [f.strip() for text in body for f in _without_explanation(text).split("……") if f.strip()]
        out["wrong" if m[1] == "错误示例" else "right"].append(fragments)
    return out


@pytest.mark.parametrize("code", sorted(load_rules()))
def test_docstring_examples_are_cases(code: str) -> None:
    examples = doc_examples(load_rules()[code].doc())
    for kind in KINDS:
        assert examples[kind], f"{code}: the docstring has no {'错误' if kind == 'wrong' else '正确'}示例"
        for fragments in examples[kind]:
            assert fragments, f"{code}: an empty {kind} example"
            texts = ["\n".join(case_lines(case)) for case in CASES.get(code, []) if case.get("kind") == kind]
            assert any(all(f in text for f in fragments) for text in texts), \
                f"{code}: no {kind} case shows the docstring example {fragments}"


def test_explanations_and_elisions_are_not_example_text() -> None:
    doc = "x\n\n错误示例：a=1/2=0.6（应为0.5）\n          （另一行说明）\n正确示例：……b=0.5。\n\n说明"
    assert doc_examples(doc) == {"wrong": [["a=1/2=0.6"]], "right": [["b=0.5。"]]}
    assert _without_explanation("80%（含）-90%计3分（说明（含）在内）") == "80%（含）-90%计3分"
