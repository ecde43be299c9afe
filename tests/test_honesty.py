"""Findings say only what is known (issue 13): where any of several figures may be the wrong one,
the finding says 不一致, leaves `expected` empty and lists the readings in detail["candidates"];
where the report's own inputs settle it, `expected` is kept; a finding on a figure another finding
already recomputes points to it (detail["see"]) instead of computing another value.

Every expected value below is worked out here from the test's own figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.finding import Finding
from checks.runner import check_document
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.spec import Para, ReportSpec, TableSpec


def check(tmp_path: Path, paragraphs: list[str], tables: list[list[list[str]]] | None = None,
          select: set[str] | None = None) -> list[Finding]:
    body: list[Para | TableSpec] = [Para("测试报告", "title")]
    body += [Para(p) for p in paragraphs]
    body += [TableSpec(rows=[[c or None for c in row] for row in rows]) for rows in tables or []]
    path = build_docx(ReportSpec("case", "测试报告", body), tmp_path / "case.docx")
    return check_document(read_document(path), select=select).findings


def one(findings: list[Finding], code: str) -> Finding:
    mine = [f for f in findings if f.rule == code]
    assert len(mine) == 1, [f.message for f in findings]
    return mine[0]


def values(f: Finding) -> list[Decimal | None]:
    return [None if c["value"] is None else Decimal(c["value"]) for c in f.detail["candidates"]]


def assert_unknown(f: Finding) -> None:
    assert f.expected is None
    assert "不一致" in f.message
    assert len(f.detail["candidates"]) >= 2
    assert all(c["text"] and c["text_en"] for c in f.detail["candidates"])
    assert f.detail["candidates"][0]["text"] in f.message or f.rule == "GRIM001"


# ------------------------------------------------------------------ culprit unknown


def test_a_prose_breakdown_that_does_not_add_up_gives_both_readings(tmp_path: Path) -> None:
    basic, project, total = Decimal("318.46"), Decimal("162.82"), Decimal("471.28")
    f = one(check(tmp_path, [f"2023年度支出总计{total}万元，其中基本支出{basic}万元，项目支出{project}万元。"],
                  select={"SUM001"}), "SUM001")
    assert_unknown(f)
    assert f.stated == total
    assert values(f)[0] == basic + project
    assert f"{abs(total - basic - project):.2f}万元" in f.detail["candidates"][1]["text"]


def test_a_table_total_that_does_not_foot_gives_both_readings(tmp_path: Path) -> None:
    items = [Decimal("8.20"), Decimal("1.35"), Decimal("32.01")]
    rows = [["支出项目", "金额（万元）"], ["办公费", "8.20"], ["印刷费", "1.35"], ["差旅费", "32.01"], ["合计", "42.56"]]
    f = one(check(tmp_path, ["表1 公用经费支出明细"], [rows], select={"TBL001"}), "TBL001")
    assert_unknown(f)
    assert values(f)[0] == sum(items)
    assert f"{Decimal('42.56') - sum(items):.2f}" in f.detail["candidates"][1]["text"]


def test_a_crossfoot_that_does_not_add_up_gives_both_readings(tmp_path: Path) -> None:
    rows = [["项目", "本年支出", "基本支出", "项目支出"], ["行政运行", "120.00", "80.00", "30.00"],
            ["机关服务", "50.00", "30.00", "20.00"]]
    f = one(check(tmp_path, ["表2 支出决算（单位：万元）"], [rows], select={"TBL002"}), "TBL002")
    assert_unknown(f)
    assert f.stated == Decimal("120.00")
    assert values(f)[0] == Decimal("80.00") + Decimal("30.00")


def test_a_grim_impossibility_gives_the_nearest_possible_values(tmp_path: Path) -> None:
    n, stated = 12, Decimal("92.50")
    f = one(check(tmp_path, [f"共排查安全隐患{n}个，整改率为{stated}%。"], select={"GRIM001"}), "GRIM001")
    assert_unknown(f)
    possible = {(Decimal(k) * 100 / n).quantize(Decimal("0.01")) for k in range(n + 1)}
    nearest = sorted(sorted(possible, key=lambda v: abs(v - stated))[:2])
    assert [v for v in values(f) if v is not None] == nearest  # 91.67 (11/12) and 100.00 (12/12)
    assert "91.67%" in f.message and "100.00%" in f.message


def test_two_restatements_that_differ_give_both_readings(tmp_path: Path) -> None:
    f = one(check(tmp_path, ["（一）基本情况。本单位年末在职职工13人。", "（二）人员情况。本单位年末在职职工11人。"],
                  select={"RST001"}), "RST001")
    assert_unknown(f)
    assert {v for v in values(f) if v is not None} <= {Decimal(11), Decimal(13)}
    assert "第" not in f.message or "块" not in f.message


def test_a_rollforward_that_does_not_tie_gives_both_readings(tmp_path: Path) -> None:
    income, spent, carried = Decimal("486.50"), Decimal("471.28"), Decimal("16.22")
    f = one(check(tmp_path, [f"收入总计{income}万元（本年收入462.30万元、上年结转24.20万元），支出总计{spent}万元，"
                             f"年末结转结余{carried}万元。"], select={"BAL001"}), "BAL001")
    assert_unknown(f)
    assert values(f)[0] == income - spent


# ------------------------------------------------------------------ culprit known


def test_a_formula_keeps_its_expected_value(tmp_path: Path) -> None:
    f = one(check(tmp_path, ["预算调整率=本年追加/年初预算×100%=23.70/438.60×100%=6.40%。"], select={"FML001"}), "FML001")
    assert f.expected == (Decimal("23.70") / Decimal("438.60") * 100).quantize(Decimal("0.01"))
    assert "candidates" not in f.detail


def test_a_restated_formula_result_keeps_its_expected_value(tmp_path: Path) -> None:
    f = one(check(tmp_path, ["3、在职人员控制率。在职人员控制率=在职人员数/编制数×100%=11/13×100%=84.62%。",
                             "综上，本年度在职人员控制率为100%，故计4分。"], select={"RST001", "FML001"}), "RST001")
    assert f.expected == Decimal("84.62")
    assert "see" not in f.detail


def test_a_restatement_of_a_wrong_formula_points_to_fml001(tmp_path: Path) -> None:
    findings = check(tmp_path, ["3、在职人员控制率。在职人员控制率=在职人员数/编制数×100%=11/13×100%=82.62%。",
                                "综上，本年度在职人员控制率为100%，故计4分。"], select={"RST001", "FML001"})
    formula, restated = one(findings, "FML001"), one(findings, "RST001")
    assert formula.expected == (Decimal(11) / Decimal(13) * 100).quantize(Decimal("0.01"))  # 84.62
    assert restated.expected is None
    assert restated.detail["see"] == {"rule": "FML001", "fingerprint": formula.fingerprint}
    assert "见 FML001" in restated.message and "84.62%" in restated.message
    assert "82.62%" in restated.message  # what the other place says, not a value of its own


def test_a_restatement_that_gives_the_right_value_of_a_wrong_formula_is_left_to_fml001(tmp_path: Path) -> None:
    findings = check(tmp_path, ["3、在职人员控制率。在职人员控制率=在职人员数/编制数×100%=11/13×100%=82.62%。",
                                "综上，本年度在职人员控制率为84.62%，故计4分。"], select={"RST001", "FML001"})
    assert [f.rule for f in findings] == ["FML001"]


@pytest.mark.parametrize(("stated", "staff", "posts"), [("13.90", 17, 125), ("15.00", 17, 125)])
def test_an_indicator_value_is_expected_at_its_own_precision(tmp_path: Path, stated: str, staff: int, posts: int) -> None:
    text = f"1.在职人员控制率。本单位编制{posts}人，实有在职人员{staff}人，在职人员控制率为{stated}%，故计4分。"
    findings = [f for f in check(tmp_path, [text]) if f.rule == "IND001"]
    assert findings, "IND001 should recompute the value"
    right = (Decimal(staff) / Decimal(posts) * 100).quantize(Decimal("0.01"))  # 13.60, never 14
    assert findings[0].expected == right
    assert f"{right}%" in findings[0].message
