"""`audit-check FILE`: exit codes, text and JSON contracts, several files, bad files among good."""

from __future__ import annotations

import json

import pytest

from fixtures.build_cache import build
from fixtures.build_docx import build_docx
from fixtures.mutants import MUTANTS
from tests.console import run_process
from tests.test_cli_extract import run

FINDING_KEYS = {"rule", "name", "severity", "message", "location", "excerpt", "stated", "expected", "unit", "detail",
                "fingerprint"}


@pytest.fixture(scope="module")
def wrong_docx(tmp_path_factory):
    mutant = next(m for m in MUTANTS if m.name == "chain result")
    return build(mutant.apply(mutant.base()), "docx", tmp_path_factory.mktemp("w") / "wrong.docx")  # once per run


def test_clean_report_exits_0_and_shows_coverage(samples):
    result = run(str(samples / "dept_overall.docx"))
    assert result.returncode == 0, result.stderr
    assert "未发现不一致" in result.stdout
    assert "重算公式 22 条" in result.stdout


def test_bare_file_is_the_check_command(samples):
    """`audit-check report.docx` exactly as a user types it: the installed console script, a new
    process, its exit code as a shell sees it; the same output as `check` run in this process."""
    typed = run_process(str(samples / "dept_overall.docx"))
    assert typed.returncode == 0, typed.stderr
    assert typed.stdout == run("check", str(samples / "dept_overall.docx")).stdout


def test_findings_exit_1_and_text_names_place_stated_expected(wrong_docx):
    result = run(str(wrong_docx))
    assert result.returncode == 1
    assert "FML001" in result.stdout and "82.62" in result.stdout and "84.62" in result.stdout
    assert "§ 三、部门整体支出绩效情况 › （一）投入情况 › 1.在职人员控制率" in result.stdout


def test_json_contract(wrong_docx):
    result = run(str(wrong_docx), "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == "audit-check/1"
    assert len(data["sha256"]) == 64 and data["format"] == "docx"
    assert {"figures", "formulas", "tables", "checked", "unparsed"} <= set(data["coverage"])
    f = next(f for f in data["findings"] if f["rule"] == "FML001")
    assert set(f) >= FINDING_KEYS
    assert {"kind", "block", "table", "row", "col", "page", "section"} <= set(f["location"])
    assert (f["stated"], f["expected"], f["unit"]) == (82.62, 84.62, "%")
    assert isinstance(f["stated"], float)


def test_several_files_give_an_array_and_a_bad_one_does_not_stop_the_rest(tmp_path, samples, wrong_docx):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = run(str(samples / "dept_overall.docx"), str(bad), str(wrong_docx), "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert [d["status"] for d in data] == ["ok", "unreadable", "ok"]
    assert data[2]["findings"]
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_jsonl_is_one_object_per_line(samples, wrong_docx):
    result = run(str(samples / "dept_overall.pdf"), str(wrong_docx), "--format", "jsonl")
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["format"] for line in lines] == ["pdf", "docx"]


def test_fail_on_and_select(samples, wrong_docx):
    assert run(str(wrong_docx), "--fail-on", "never").returncode == 0
    assert run(str(wrong_docx), "--select", "TBL001").returncode == 0
    assert run(str(wrong_docx), "--select", "fml001").returncode == 1
    unknown = run(str(wrong_docx), "--select", "XYZ999")
    assert unknown.returncode == 2 and "XYZ999" in unknown.stderr


def test_output_path_equal_to_input_is_refused(wrong_docx):
    before = wrong_docx.read_bytes()
    result = run(str(wrong_docx), "-o", str(wrong_docx))
    assert result.returncode == 2
    assert wrong_docx.read_bytes() == before


def test_rules_lists_every_rule_with_examples():
    from checks.registry import load_rules

    out = run("rules").stdout
    for code, rule in load_rules().items():
        assert code in out and rule.name in out
    assert out.count("错误示例") >= len(load_rules())


def test_fingerprint_survives_edits_elsewhere(tmp_path):
    from checks.runner import check_document
    from extractor import read_document
    from fixtures.spec import Para

    mutant = next(m for m in MUTANTS if m.name == "growth rate")
    spec = mutant.apply(mutant.base())
    first = check_document(read_document(build_docx(spec, tmp_path / "a.docx")))
    spec.body.insert(3, Para("（本段为新增的说明文字，与核查无关。）"))
    second = check_document(read_document(build_docx(spec, tmp_path / "b.docx")))
    fp = lambda r: {f.fingerprint for f in r.findings if f.rule == "CHG001"}  # noqa: E731
    assert fp(first) and fp(first) == fp(second)
    assert [f.location.block for f in first.findings] != [f.location.block for f in second.findings]
