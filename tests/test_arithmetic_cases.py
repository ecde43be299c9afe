"""The arithmetic a user relies on, case by case (issue 15, item 3): each case is a report sentence or
table a reviewer could meet, with a variant that must be reported and one that must stay silent.
Every expected value below is worked out by hand in the comment beside it (Decimal arithmetic in
the test where it helps), never taken from the tool's own output.

Each group pins down one place where a one-character change used to pass the whole suite:
元 and 万元 inside one formula, half-up rounding (四舍五入) and truncation, a 其中 list far from its
total, a total of exactly 90 against the grade bands, and the 万元 of a table column.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from checks.finding import Finding
from tests.builders import check, table


def found(tmp_path: Path, code: str, *items) -> list[Finding]:
    return [f for f in check(tmp_path, *items).findings if f.rule == code]


def half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ---- 1. 元 and 万元 inside one formula -----------------------------------------------------------

def test_wan_yuan_operand_with_a_yuan_result_is_converted(tmp_path):
    # 12.60万元 = 126,000元; 126,000 ÷ 36 = 3,500元 exactly. Read 万元 as 1,000元 and it would be 350元.
    assert Decimal("12.60") * 10**4 / 36 == Decimal(3500)
    right = "人均培训经费=培训经费总额÷参训人数=12.60万元÷36人=3,500.00元，低于标准。"
    assert found(tmp_path, "FML001", right) == []
    wrong = found(tmp_path, "FML001", "人均培训经费=培训经费总额÷参训人数=12.60万元÷36人=3,800.00元，低于标准。")
    assert [(f.stated, f.expected, f.unit) for f in wrong] == [(Decimal(3800), Decimal(3500), "元")]


def test_yuan_operands_with_a_wan_yuan_result_are_converted(tmp_path):
    # 1,250,000元 + 386,400元 = 1,636,400元 = 163.64万元
    assert (Decimal(1250000) + Decimal(386400)) / 10**4 == Decimal("163.64")
    right = "项目总投资=1,250,000.00元+386,400.00元=163.64万元。"
    assert found(tmp_path, "FML001", right) == []
    wrong = found(tmp_path, "FML001", "项目总投资=1,250,000.00元+386,400.00元=173.64万元。")
    assert [(f.stated, f.expected, f.unit) for f in wrong] == [(Decimal("173.64"), Decimal("163.64"), "万元")]


# ---- 2. half-up rounding (四舍五入) and truncation ------------------------------------------------

def test_a_rate_exactly_half_way_rounds_half_up(tmp_path):
    # 153 ÷ 160 = 0.95625 → 95.625% exactly half-way: half up 95.63% (half-to-even would give 95.62%)
    exact = Decimal(153) / Decimal(160) * 100
    assert exact == Decimal("95.625") and half_up(exact) == Decimal("95.63")
    assert found(tmp_path, "FML001", "水质抽检合格率=合格批次÷抽检批次×100%=153÷160×100%=95.63%。") == []
    wrong = found(tmp_path, "FML001", "水质抽检合格率=合格批次÷抽检批次×100%=153÷160×100%=95.36%。")
    assert [(f.stated, f.expected) for f in wrong] == [(Decimal("95.36"), Decimal("95.63"))]
    assert "应得 95.63%" in wrong[0].message


def test_a_whole_percent_exactly_half_way_rounds_up(tmp_path):
    # 1 ÷ 8 = 12.5%: as a whole percent 13% (half up; half-to-even would say 12%)
    assert found(tmp_path, "FML001", "抽查不合格率=1÷8×100%=13%。") == []
    wrong = found(tmp_path, "FML001", "抽查不合格率=1÷8×100%=15%。")
    assert [(f.stated, f.expected) for f in wrong] == [(Decimal(15), Decimal(13))]


def test_a_rate_cut_off_instead_of_rounded_is_precision_not_an_error(tmp_path):
    # 59 ÷ 64 = 92.1875%: cut at two decimals 92.18%, right only if truncated → PRC001 (info), not
    # FML001, and what it should be is the rounded 92.19%
    text = "水质抽检合格率=合格批次÷抽检批次×100%=59÷64×100%=92.18%。"
    result = check(tmp_path, text)
    assert [f.rule for f in result.findings if f.rule in ("FML001", "PRC001")] == ["PRC001"]
    prc = next(f for f in result.findings if f.rule == "PRC001")
    assert (prc.stated, prc.expected, prc.severity) == (Decimal("92.18"), Decimal("92.19"), "info")
    # (a value exactly half-way, 95.625% printed 95.62%, is on the shown interval's edge: not reported)
    assert found(tmp_path, "PRC001", "合格率=153÷160×100%=95.62%。") == []
    # 2 ÷ 3 = 66.666…% cut to 66.66%: also only a truncation; rounded it is 66.67% and silent
    assert [(f.stated, f.expected) for f in found(tmp_path, "PRC001", "优良率=2÷3×100%=66.66%。")] == \
        [(Decimal("66.66"), Decimal("66.67"))]
    assert found(tmp_path, "PRC001", "优良率=2÷3×100%=66.67%。") == []


def test_a_share_column_rounds_half_up(tmp_path):
    # 153 ÷ 160 = 95.625% → 95.63%; 7 ÷ 160 = 4.375% → 4.38% (both half up)
    rows = [["项目", "金额（万元）", "占比（%）"],
            ["基本支出", "153.00", "95.63"],
            ["项目支出", "7.00", "4.38"],
            ["合计", "160.00", "100.00"]]
    assert found(tmp_path, "TBL004", table(rows)) == []
    rows[1][2] = "95.36"
    wrong = found(tmp_path, "TBL004", table(rows))
    assert [(f.stated, f.expected) for f in wrong] == [(Decimal("95.36"), Decimal("95.63"))]
    assert (wrong[0].location.row, wrong[0].location.col) == (1, 2)


# ---- 3. a 其中 list far from its total -----------------------------------------------------------

def test_a_list_missing_most_of_its_total_is_a_partial_list(tmp_path):
    # 60.00 + 34.26 = 94.26 of 471.28: 80% of the total is not named — a partial list, not reported
    gap = (Decimal("471.28") - Decimal("60.00") - Decimal("34.26")) / Decimal("471.28")
    assert gap > Decimal("0.79")
    assert found(tmp_path, "SUM001", "支出总计471.28万元，其中基本支出60.00万元，项目支出34.26万元。") == []
    # 31.85 + 15.28 = 47.13: almost nine tenths missing, still a partial list
    assert found(tmp_path, "SUM001", "支出总计471.28万元，其中基本支出31.85万元，项目支出15.28万元。") == []


def test_a_list_close_to_its_total_is_a_warning(tmp_path):
    # 318.46 + 132.82 = 451.28 of 471.28: 20.00 short (4%), reported as a warning with both readings
    wrong = found(tmp_path, "SUM001", "支出总计471.28万元，其中基本支出318.46万元，项目支出132.82万元。")
    assert [(f.severity, f.stated, f.expected) for f in wrong] == [("warning", Decimal("471.28"), None)]
    values = [c["value"] for c in wrong[0].detail["candidates"]]
    assert "451.28" in values
    assert "20.00万元" in wrong[0].message
    right = "支出总计471.28万元，其中基本支出318.46万元，项目支出152.82万元。"
    assert found(tmp_path, "SUM001", right) == []


def test_a_list_that_overshoots_its_total_is_an_error(tmp_path):
    # 318.46 + 162.82 = 481.28 > 471.28
    wrong = found(tmp_path, "SUM001", "支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。")
    assert [(f.severity, f.stated) for f in wrong] == [("error", Decimal("471.28"))]
    assert "481.28" in [c["value"] for c in wrong[0].detail["candidates"]]


# ---- 4. a total of exactly 90 -------------------------------------------------------------------

def test_exactly_90_is_excellent_by_the_default_bands(tmp_path):
    # 优 ≥90: the lower bound belongs to the higher grade
    assert found(tmp_path, "GRD001", "经综合评价，本部门自评得分90分，评价等级为“优”。") == []
    wrong = found(tmp_path, "GRD001", "经综合评价，本部门自评得分90分，评价等级为“良”。")
    assert [(f.detail["stated_grade"], f.detail["expected_grade"]) for f in wrong] == [("良", "优")]
    # and 80 is 良, not 中
    assert found(tmp_path, "GRD001", "经综合评价，本部门自评得分80分，评价等级为“良”。") == []
    wrong = found(tmp_path, "GRD001", "经综合评价，本部门自评得分80分，评价等级为“中”。")
    assert [(f.detail["stated_grade"], f.detail["expected_grade"]) for f in wrong] == [("中", "良")]


def test_exactly_90_is_excellent_by_the_reports_own_bands(tmp_path):
    bands = "评价结果分为四档：90分（含90分）以上为优，80分（含80分）以上为良，60分（含60分）以上为中，60分以下为差。"
    assert found(tmp_path, "GRD001", bands, "经综合评价，本部门自评得分90分，评价等级为“优”。") == []
    wrong = found(tmp_path, "GRD001", bands, "经综合评价，本部门自评得分90分，评价等级为“良”。")
    assert [(f.detail["stated_grade"], f.detail["expected_grade"]) for f in wrong] == [("良", "优")]


def test_the_reports_own_bands_written_with_the_bound_in_brackets_are_read(tmp_path):
    # by the report's own bands 94 is only 良 (优 starts at 95): no alarm for 良, an alarm for 优
    bands = "评价等级：95分（含95分）以上为优，85分（含85分）以上为良，60分（含60分）以上为合格。"
    assert found(tmp_path, "GRD001", bands, "经综合评价，本部门自评得分94分，评价等级为“良”。") == []
    wrong = found(tmp_path, "GRD001", bands, "经综合评价，本部门自评得分94分，评价等级为“优”。")
    assert [(f.detail["stated_grade"], f.detail["expected_grade"]) for f in wrong] == [("优", "良")]
    # 95 itself is 优 (含95分)
    assert found(tmp_path, "GRD001", bands, "经综合评价，本部门自评得分95分，评价等级为“优”。") == []


# ---- 5. the 万元 of a table column ---------------------------------------------------------------

_YEARS = [["年度", "调整后预算（万元）", "到位资金（万元）", "执行数（万元）"],
          ["2023年", "590.10", "520.00", "498.30"],
          ["2024年", "612.40", "503.20", "488.90"]]
_OWN_FORMULA = ["某单位2024年度项目支出绩效自评报告", "资金到位率=实际到位资金÷调整后预算×100%。"]


def test_a_column_in_wan_yuan_against_a_figure_in_yuan(tmp_path):
    # 5,032,000元 ÷ 612.40万元 (6,124,000元) = 82.1685…% → 82.17%
    assert half_up(Decimal(5032000) / Decimal(6124000) * 100) == Decimal("82.17")
    right = "全年实际到位资金5,032,000.00元，资金到位率为82.17%。"
    assert found(tmp_path, "IND001", *_OWN_FORMULA, right, table(_YEARS)) == []
    wrong = found(tmp_path, "IND001", *_OWN_FORMULA, "全年实际到位资金5,032,000.00元，资金到位率为85.27%。", table(_YEARS))
    assert [(f.stated, f.expected) for f in wrong] == [(Decimal("85.27"), Decimal("82.17"))]


# ---- 6. two formula shapes of a budget summary ---------------------------------------------------

def test_unitless_operands_with_a_wan_yuan_result(tmp_path):
    # 318.46 + 152.82 = 471.28: the operands are in the result's unit
    assert Decimal("318.46") + Decimal("152.82") == Decimal("471.28")
    assert found(tmp_path, "FML001", "支出合计=318.46+152.82=471.28万元。") == []
    wrong = found(tmp_path, "FML001", "支出合计=318.46+152.82=417.28万元。")
    assert [(f.stated, f.expected, f.unit) for f in wrong] == [(Decimal("417.28"), Decimal("471.28"), "万元")]


def test_a_difference_with_a_wan_yuan_result(tmp_path):
    # 486.50 − 471.28 = 15.22
    assert Decimal("486.50") - Decimal("471.28") == Decimal("15.22")
    assert found(tmp_path, "FML001", "486.50-471.28=15.22万元。") == []
    assert found(tmp_path, "FML001", "年末结转结余=收入总计-支出总计=486.50-471.28=15.22万元。") == []
    wrong = found(tmp_path, "FML001", "486.50-471.28=16.22万元。")
    assert [(f.stated, f.expected, f.unit) for f in wrong] == [(Decimal("16.22"), Decimal("15.22"), "万元")]
