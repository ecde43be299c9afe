"""Configuration from pyproject.toml / audit-check.toml: rules, severities, tolerance, grades,
synonyms, indicators, waivers (with reasons; unused ones reported) and the baseline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.console import run


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`audit-check ARGS` started in `folder` (the configuration is looked for from there), in this process."""
    return run(*args, cwd=folder)


def _json(result) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)


def test_pyproject_section_is_found_from_the_working_directory(tmp_path, samples):
    (tmp_path / "pyproject.toml").write_text('[tool.audit-check]\nignore = ["TBL004"]\nseverity = { CNT001 = "error" }\n',
                                             encoding="utf-8")
    sub = tmp_path / "inbox"
    sub.mkdir()
    data = _json(run_in(sub, str(samples / "dept_overall_errors.docx"), "--format", "json"))
    rules = {f["rule"]: f["severity"] for f in data["findings"]}
    assert "TBL004" not in rules and rules["CNT001"] == "error"


def test_waivers_need_a_reason_and_unused_ones_are_reported(tmp_path, samples):
    first = _json(run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--format", "json"))
    fp = next(f["fingerprint"] for f in first["findings"] if f["rule"] == "CNT001")
    (tmp_path / "audit-check.toml").write_text(
        f'[[waiver]]\nfingerprint = "{fp}"\nreason = "科室数以编办批复为准"\n\n'
        '[[waiver]]\nfingerprint = "ffffffffffffffff"\nreason = "旧豁免"\n', encoding="utf-8")
    result = run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--format", "json")
    data = _json(result)
    assert fp not in {f["fingerprint"] for f in data["findings"]}
    assert data["waived"] == [{"fingerprint": fp, "rule": "CNT001", "reason": "科室数以编办批复为准"}]
    assert data["unused_waivers"] == [{"fingerprint": "ffffffffffffffff", "reason": "旧豁免"}]
    assert "豁免未被使用" in result.stderr
    (tmp_path / "audit-check.toml").write_text(f'[[waiver]]\nfingerprint = "{fp}"\n', encoding="utf-8")
    bad = run_in(tmp_path, str(samples / "dept_overall_errors.docx"))
    assert bad.returncode == 2 and "reason" in bad.stderr


def test_baseline_shows_only_new_findings(tmp_path, samples):
    base = tmp_path / "base.json"
    base.write_text(run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--format", "json").stdout, encoding="utf-8")
    again = _json(run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--format", "json", "--baseline", str(base)))
    assert again["findings"] == [] and again["baseline_hidden"] >= 10
    clean = run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--baseline", str(base))
    assert clean.returncode == 0


def test_grade_bands_and_tolerance(tmp_path, samples):
    (tmp_path / "audit-check.toml").write_text('grades = { "优" = 97, "良" = 85, "中" = 60 }\n', encoding="utf-8")
    data = _json(run_in(tmp_path, str(samples / "dept_overall.docx"), "--format", "json"))
    assert data["evaluation"]["expected_grade"] == "良"
    assert [f["rule"] for f in data["findings"]] == ["GRD001"]
    (tmp_path / "audit-check.toml").write_text('tolerance = { relative = 0.05 }\n', encoding="utf-8")
    loose = _json(run_in(tmp_path, str(samples / "dept_overall_errors.docx"), "--format", "json"))
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "audit-check.toml").write_text("", encoding="utf-8")  # nearer, and empty: the defaults
    strict = _json(run_in(plain, str(samples / "dept_overall_errors.docx"), "--format", "json"))
    assert len(loose["findings"]) < len(strict["findings"])


def test_extra_synonyms_and_indicators(tmp_path):
    from fixtures.build_docx import build_docx
    from tests.builders import spec_of, table

    rows = [["三级指标", "评分标准", "分值", "得分"], ["培训完成率", "≥90%计10分；低于90%不得分", "10", "0"]]
    doc = build_docx(spec_of("计划培训人次200人次，实际培训人次150人次。", "1.培训完成率。培训完成率为80%，故计0分。",
                             table(rows)), tmp_path / "r.docx")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "audit-check.toml").write_text("", encoding="utf-8")
    assert "IND001" not in [f["rule"] for f in _json(run_in(plain, str(doc), "--format", "json"))["findings"]]
    (tmp_path / "audit-check.toml").write_text(
        '[[indicator]]\nname = "培训完成率"\nformulas = [{ expr = "实际培训人次 / 计划培训人次", base = "实际÷计划" }]\n',
        encoding="utf-8")
    found = [f for f in _json(run_in(tmp_path, str(doc), "--format", "json"))["findings"] if f["rule"] == "IND001"]
    assert [(f["stated"], f["expected"]) for f in found] == [(80, 75)]
    (tmp_path / "audit-check.toml").write_text('synonyms = [["编制数", "定编人数"]]\n', encoding="utf-8")
    doc2 = build_docx(spec_of("本单位核定编制13人。", "年末定编人数15人。"), tmp_path / "s.docx")
    found = _json(run_in(tmp_path, str(doc2), "--format", "json"))["findings"]
    assert [f["rule"] for f in found] == ["RST001"]


def test_broken_config_is_one_clear_line(tmp_path, samples):
    (tmp_path / "audit-check.toml").write_text("select = [", encoding="utf-8")
    result = run_in(tmp_path, str(samples / "dept_overall.docx"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "配置文件" in result.stderr


def test_a_negative_tolerance_is_refused_in_one_line(tmp_path, samples):
    # negative "extra slack" would tighten every comparison below the rounding of the figures themselves
    (tmp_path / "audit-check.toml").write_text("tolerance = { relative = -0.01 }\n", encoding="utf-8")
    result = run_in(tmp_path, str(samples / "dept_overall.docx"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "tolerance.relative 不能为负数" in result.stderr
