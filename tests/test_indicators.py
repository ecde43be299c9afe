"""Indicator values recomputed from the report's own inputs (IND001/IND002/IND003) and grades
(GRD001): the report's own formula outranks the catalogue's base, inputs come from the same
project or part and year, and a report of several projects is checked project by project.
Every figure below is invented."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.indicators import Fact, Formula, candidates, definition_in_name, definitions_in, recompute_with, to_expr
from checks.intervals import Interval
from fixtures.spec import Para, TableSpec
from tests.builders import check, settled, table


def of(result, code):
    return [f for f in result.findings if f.rule == code]


def heading(text: str, level: int = 1) -> Para:
    return Para(text, "heading", level=level)


# ---- the report's own formula ----------------------------------------------------------------

def _own_definition(rate: str) -> list[str | Para]:
    return [heading("一、项目资金情况"),
            "本报告所称资金到位率按以下口径计算：资金到位率=实际到位资金÷调整后预算×100%。",
            "年初批复预算540.00万元，调整后预算为612.40万元。",
            f"全年实际到位资金503.20万元，资金到位率为{rate}。"]


def test_a_value_fitting_only_another_base_is_an_error_when_the_report_defines_its_own(tmp_path):
    # 503.20 ÷ 612.40 = 82.17% by the report's own formula; 93.19% is 503.20 ÷ 540.00 (年初预算)
    result = check(tmp_path, *_own_definition("93.19%"))
    found = of(result, "IND001")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("93.19"), Decimal("82.17"))]
    assert "报告所列公式" in found[0].message and "实际到位÷年初预算" in found[0].message
    assert not of(result, "IND002")


def test_the_value_the_report_defines_is_silent(tmp_path):
    result = check(tmp_path, *_own_definition("82.17%"))
    assert not of(result, "IND001") and not of(result, "IND002")


def test_without_a_definition_another_base_is_only_named(tmp_path):
    items = ["年初批复预算540.00万元，调整后预算612.40万元。", "全年实际到位资金503.20万元，资金到位率为93.19%。"]
    result = check(tmp_path, *items)
    assert not of(result, "IND001")
    assert [f.severity for f in of(result, "IND002")] == ["info"]


def test_the_report_defines_the_roll_forward_with_the_carry_over(tmp_path):
    items = ["3.预算完成率=(上年结转+年初预算+本年追加-年末结余)÷(上年结转+年初预算+本年追加)×100%；",
             "本年度上年结转64.20万元，年初预算1,208.00万元，年中追加96.50万元；年末结转结余81.30万元。",
             "主要扣分情况：年末结余较大，预算完成率{}，扣2分。"]
    # (64.20+1,208.00+96.50−81.30)÷(64.20+1,208.00+96.50) = 1,287.40÷1,368.70 = 94.06%;
    # 94.06% without the carry-over would be (1,304.50−81.30)÷1,304.50 = 93.77%
    wrong = check(tmp_path, *items[:2], items[2].format("93.77%"))
    assert [(f.stated, f.expected) for f in of(wrong, "IND001")] == [(Decimal("93.77"), Decimal("94.06"))]
    right = check(tmp_path, *items[:2], items[2].format("94.06%"))
    assert not of(right, "IND001")


def test_a_definition_whose_inputs_are_not_stated_gives_way_to_nothing(tmp_path):
    # the report's formula needs 实际到位资金, which it never states: the catalogue's base
    # (支出÷到位) is not the report's, so nothing is recomputed
    items = ["资金到位率=实际到位资金÷调整后预算×100%。", "年初预算540.00万元，调整后预算612.40万元，资金到位率为91.00%。"]
    assert not of(check(tmp_path, *items), "IND001")


# ---- inputs of the same project or part, and year -----------------------------------------------

def _two_reports(project_rate: str) -> list[str | Para | TableSpec]:
    return [heading("一、部门整体支出情况"),
            "2024年度部门实际支出412.80万元，全年资金到位450.00万元，预算执行率为91.73%。",
            "桐川县2024年度财政专项资金绩效评价自评报告",
            heading("一、项目基本情况"),
            f"2024年该项目全年资金到位64.00万元，实际支出58.24万元，预算执行率为{project_rate}。"]


def test_a_project_part_is_recomputed_from_its_own_figures(tmp_path):
    # the project: 58.24 ÷ 64.00 = 91.00%; the department's 412.80 ÷ 450.00 = 91.73% must not be used
    result = check(tmp_path, *_two_reports("91.73%"))
    found = of(result, "IND001")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("91.73"), Decimal("91.00"))]
    assert "58.24万元" in found[0].message


def test_a_project_part_right_by_its_own_figures_is_silent(tmp_path):
    assert not of(check(tmp_path, *_two_reports("91.00%")), "IND001")


def test_last_years_figures_are_not_inputs(tmp_path):
    items = ["2023年实际到位资金380.00万元。", "2024年全年实际到位资金503.20万元，调整后预算612.40万元，资金到位率为82.17%。"]
    assert not of(check(tmp_path, *items), "IND001")


def test_a_row_of_the_reports_year_in_a_table_is_an_input(tmp_path):
    rows = [["年度", "调整后预算", "到位资金", "执行数"],
            ["2023年", "590.10", "520.00", "498.30"],
            ["2024年", "612.40", "503.20", "488.90"]]
    base = ["某单位2024年度项目支出绩效自评报告", "资金到位率=实际到位资金÷调整后预算×100%。"]
    wrong = check(tmp_path, *base, "全年实际到位资金503.20万元，资金到位率为85.27%。", table(rows, caption="单位：万元"))
    assert [f.expected for f in of(wrong, "IND001")] == [Decimal("82.17")]  # 503.20 ÷ 612.40
    right = check(tmp_path, *base, "全年实际到位资金503.20万元，资金到位率为82.17%。", table(rows, caption="单位：万元"))
    assert not of(right, "IND001")


# ---- several project tables -------------------------------------------------------------------

def _project_table(name: str, total: tuple[str, str, str, str, str], own: tuple[str, str, str],
                   satisfaction: str) -> TableSpec:
    """A 10号 project table: its money block (年度资金总额 and 其中：当年财政拨款) and one indicator."""
    rows: list[list[str | None]] = [
        ["项目名称", name, None, None, None, None, None, None],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", *total[:3], "10", total[3], total[4]],
        [None, "其中：当年财政拨款", *own, "—", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", satisfaction, "90", "90", ""],
        ["总分", None, None, None, None, "100", total[4], ""],
    ]
    return table(rows, merges=[(0, 1, 1, 7), (1, 0, 3, 1), (6, 0, 1, 5)])


def _multi(second_rate: str, second_text: str) -> list[str | Para | TableSpec]:
    return [heading("二、各项目自评情况"),
            heading("（一）农田水利维修项目", 2),
            _project_table("农田水利维修项目", ("300.00", "320.00", "304.00", "95.00%", "9.50"), ("300.00", "300.00", "290.00"), "92%"),
            "自评结论：参训人员满意度为92%。",
            heading("（二）基层农技培训项目", 2),
            # 年度资金总额 188.50 ÷ 200.00 = 94.25%; 其中当年财政拨款 171.00 ÷ 180.00 = 95.00%
            _project_table("基层农技培训项目", ("180.00", "200.00", "188.50", second_rate, "9.43"), ("180.00", "180.00", "171.00"), "93.6%"),
            f"自评结论：参训人员满意度为{second_text}。"]


def test_the_second_project_table_is_checked_too(tmp_path):
    result = check(tmp_path, *_multi("95.00%", "93.6%"))
    found = of(result, "IND001")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("95.00"), Decimal("94.25"))]
    assert "当年财政拨款" in found[0].message and "口径用错" in found[0].message


def test_the_text_of_the_second_project_against_its_table(tmp_path):
    result = check(tmp_path, *_multi("94.25%", "96.3%"))
    found = of(result, "IND003")
    assert [(f.stated, settled(f)) for f in found] == [(Decimal("96.3"), Decimal("93.6"))]
    assert not of(result, "IND001")


def test_several_project_tables_all_consistent_are_silent(tmp_path):
    result = check(tmp_path, *_multi("94.25%", "93.6%"))
    assert not of(result, "IND001") and not of(result, "IND003")


# ---- a formula written into the indicator's name (四川 forms) -------------------------------------

def _sichuan(done: str, conclusion: str) -> TableSpec:
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
            ["产出指标", "数量指标", "按时缴纳率=100%", "", "100%", "45", "45"],
            ["效益指标", "经济效益指标", "结余率(计算方法为:结余数/预算数)≤5%", "", done, "45", "45"],
            ["合计", None, None, None, None, "90", "90"],
            ["评价结论", conclusion, None, None, None, None, None]]
    return table(rows, merges=[(3, 0, 1, 5), (4, 1, 1, 6)])


def test_the_formula_in_the_indicators_name_is_the_one_it_is_held_to(tmp_path):
    # 结余数 4.18 ÷ 预算数 212.60 = 1.97%
    conclusion = "全年预算数212.60万元，实际缴纳208.42万元，结余数4.18万元，结余率{}。"
    wrong = check(tmp_path, _sichuan("1.66%", conclusion.format("1.66%")))
    assert [(f.stated, f.expected) for f in of(wrong, "IND001")] == [(Decimal("1.66"), Decimal("1.97"))]
    right = check(tmp_path, _sichuan("1.97%", conclusion.format("1.97%")))
    assert not of(right, "IND001")


# ---- grades -------------------------------------------------------------------------------------

def test_a_grade_band_is_not_the_stated_total(tmp_path):
    bands = "评价等级：综合得分90分（含）以上为“优”，80分（含）-90分为“良”，60分以下为“差”。"
    wrong = check(tmp_path, bands, "经自评，本部门整体绩效自评得分89.00分，评价等级为“优”。")
    found = of(wrong, "GRD001")
    assert len(found) == 1 and "应评为“良”" in found[0].message
    right = check(tmp_path, bands, "经自评，本部门整体绩效自评得分91.00分，评价等级为“优”。")
    assert not of(right, "GRD001")


def test_each_projects_grade_by_its_own_total(tmp_path):
    items = ["评价等级按总分划分：90分（含）以上为优，80（含）-90分为良。",
             heading("二、各项目自评情况"),
             heading("（一）农田水利维修项目", 2),
             _project_table("农田水利维修项目", ("300.00", "320.00", "304.00", "95.00%", "9.50"), ("300.00", "300.00", "290.00"), "92%"),
             "项目总分99分，评价等级为“优”。",
             heading("（二）基层农技培训项目", 2),
             _project_table("基层农技培训项目", ("180.00", "200.00", "188.50", "94.25%", "9.43"), ("180.00", "180.00", "171.00"), "93.6%"),
             "项目总分88分，评价等级为“优”。"]
    found = of(check(tmp_path, *items), "GRD001")
    assert [f.location.block for f in found] == [max(f.location.block for f in found)] and len(found) == 1
    assert "88" in found[0].message


# ---- the machinery, on plain text -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expr"), [
    ("资金到位率=实际到位资金÷调整后预算×100%；", "实际到位资金/调整后预算"),
    ("3.预算完成率=(上年结转+年初预算-年末结余)÷(上年结转+年初预算)×100%", "(上年结转+年初预算-年末结余)/(上年结转+年初预算)"),
    ("在职人员控制率=在职人员数/编制数×100%=22/24×100%=91.67%", "在职人员数/编制数"),
])
def test_definitions_are_read_from_the_text(text, expr):
    assert [d[1] for d in definitions_in(text)] == [expr]


def test_a_formula_with_figures_or_one_name_is_no_definition():
    assert definitions_in("预算执行率=624.72/637.20×100%=98.04%") == []
    assert to_expr("实际到位资金×100%") is None


def test_the_formula_in_a_name():
    assert definition_in_name("结余率(计算方法为:结余数/预算数)≤5%")[:2] == ("结余率", "结余数/预算数")
    assert definition_in_name("足额保障率=100%") is None


def _fact(key: str, value: str, subject: str | None = None) -> Fact:
    v = Decimal(value)
    return Fact(key, subject or key, Interval.shown(v, 2), "元", value, 0, 0)


def test_an_input_under_two_names_gives_every_reading():
    # 预算数 may be 全年预算数 or 年初预算数: both readings are kept, the first is preferred
    facts = [_fact("调整后预算", "326.80", "全年预算数"), _fact("年初预算", "318.60", "年初预算数"), _fact("结余数", "6.42")]
    r = recompute_with(Formula("结余数/预算数", "结余数÷预算数"), facts, own=True)
    assert r is not None and len(r.readings) == 2
    assert r.value.overlaps(Interval.shown(Decimal("1.96"), 2))
    assert r.fits(Interval.shown(Decimal("2.02"), 2))  # 6.42 ÷ 318.60


def test_an_input_of_its_own_name_is_its_first_statement():
    facts = [_fact("在职人员数", "57"), _fact("在职人员数", "58")]
    assert [f.interval for f in candidates("在职人员数", facts)] == [facts[0].interval]


def test_inputs_of_different_measures_are_not_divided():
    facts = [_fact("实际到位资金", "503.20"), Fact("调整后预算", "调整后预算", Interval.exact(Decimal(12)), "人", "12人", 0, 0)]
    assert recompute_with(Formula("实际到位资金/调整后预算", ""), facts) is None


def test_a_score_coefficient_is_not_the_indicators_value(tmp_path):
    # 得分系数 100% beside 在职人员控制率 95%: the coefficient is not held to 19 ÷ 20
    rows = [["指标名称", "计量单位", "指标性质", "年初指标值", "全年完成值", "得分系数(%)", "指标权重(分)", "指标得分(分)"],
            ["在职人员控制率", "%", "≤", "100", "95", "100.00", "10", "10"],
            ["培训人次", "人次", "≥", "200", "190", "95.00", "90", "85.5"]]
    result = check(tmp_path, "年末编制20人，实有在职人员19人。", table(rows))
    assert not of(result, "IND001")
    assert not of(result, "SCR001")  # nor is the coefficient replaced by the recomputed value


def _own_rules_project(rule_text: str) -> list[str | Para | TableSpec]:
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
            ["效益指标", "可持续影响指标", "服务队伍稳定率", "≥90%", "86.67%", "15", "13", "流失4人"],
            ["满意度指标", "服务对象满意度指标", "职能部门满意度", "≥90%", "88.50%", "85", "80", ""]]
    return ["某市2024年度财政专项资金绩效评价自评报告", heading("二、绩效目标完成情况"), rule_text, table(rows)]


def test_a_project_scored_by_rules_of_its_own_is_not_held_to_the_proportional_default(tmp_path):
    own = "满意度按“≥90%计85分；80%（含）-90%计80分；低于80%不得分”评分。"
    assert not of(check(tmp_path, *_own_rules_project(own)), "SCR001")
    # the same table where the report says a shortfall is scored 完成值÷指标值×分值: 86.67 ÷ 90 × 15 = 14.45
    said = "指标未达到年度指标值的，按完成值÷指标值×分值计分。"
    assert [f.expected for f in of(check(tmp_path, *_own_rules_project(said)), "SCR001")][:1] == [Decimal("14.45")]


def test_a_value_of_another_year_is_not_held_to_figures_of_no_year(tmp_path):
    items = ["项目支出年初预算200.00万元，实际支出180.00万元，项目预算执行率90%。", "2023年预算执行率为80%。"]
    assert not of(check(tmp_path, *items), "IND001")


@pytest.mark.parametrize(("rate", "code"), [("95.45%", None), ("105.00%", "IND002"), ("96.50%", "IND001")])
def test_a_project_rate_in_prose_by_the_catalogues_bases(tmp_path, rate, code):
    # 实际支出 1,050.00 ÷ 调整后预算 1,100.00 = 95.45%; ÷ 年初预算 1,000.00 = 105.00%
    items = ["某局2024年度部门整体支出绩效自评报告", "2024年度年初预算1,000.00万元，调整后预算1,100.00万元，实际支出1,050.00万元。",
             f"本年度预算执行率为{rate}。"]
    found = [f.rule for f in check(tmp_path, *items).findings if f.rule in ("IND001", "IND002")]
    assert found == ([code] if code else [])


@pytest.mark.parametrize(("done", "expected"), [("12次", Decimal("18.75")), ("9次", None)])
def test_a_target_written_into_the_name_is_the_rows_target(tmp_path, done, expected):
    # 四川 forms leave 指标值 blank and write the target into the name: ≤10次, done 12 → 10 ÷ 12 × 22.5
    rows = [["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"],
            ["产出指标", "数量指标", "足额保障率=100%", "", "", "", "100%", "67.5", "67.5"],
            ["产出指标", "数量指标", "科目调整次数≤10次", "", "", "", done, "22.5", "22.5"],
            ["合计", None, None, None, None, None, None, "90", "90"]]
    text = "指标未达到目标值的，正向指标按完成值/目标值×权重计分，反向指标按目标值/完成值×权重计分。"
    found = of(check(tmp_path, text, table(rows, merges=[(3, 0, 1, 7)])), "SCR001")
    assert [f.expected for f in found] == ([expected] if expected else [])


def test_a_generic_name_scoped_by_something_else_is_not_an_input(tmp_path):
    # 实际支出 here is the “三公经费”'s, not the department's: 预算执行率 is 1,086.40÷1,240.00 = 87.61%
    base = ["调整后预算1,240.00万元，全年执行1,086.40万元，预算执行率为{}。",
            "“三公经费”预算18.60万元，实际支出15.20万元，控制率81.72%。"]
    assert not of(check(tmp_path, base[0].format("87.61%"), base[1]), "IND001")
    wrong = of(check(tmp_path, "调整后预算1,240.00万元，实际支出1,086.40万元，预算执行率为85.61%。", base[1]), "IND001")
    assert [(f.stated, f.expected) for f in wrong] == [(Decimal("85.61"), Decimal("87.61"))]


@pytest.mark.parametrize(("total_budget", "fires"), [("1,428,500.00", False), ("1,482,500.00", False)])
def test_a_rate_that_fits_the_money_blocks_parts_is_not_the_rates_mistake(tmp_path, total_budget, fires):
    # 财政拨款 1,386,500.00 + 其他资金 96,000.00 = 1,482,500.00; 1,438,816.40 ÷ 1,482,500.00 = 97.05%.
    # A total budget mistyped 1,428,500.00 is the table rules' finding, not the rate's (nor the score's)
    rows = [["项目名称", "饮水工程维修养护项目", None, None, None, None, None, None],
            ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", "1,200,000.00", total_budget, "1,438,816.40", "10", "97.05%", "9.71"],
            [None, "其中：财政拨款", "1,200,000.00", "1,386,500.00", "1,342,816.40", "—", "96.85%", "—"],
            [None, "其他资金", "0.00", "96,000.00", "96,000.00", "—", "100.00%", "—"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
            ["产出指标", "数量指标", "维修养护供水工程数量", "≥40处", "41处", "90", "90", ""],
            ["总分", None, None, None, None, "100", "99.71", ""]]
    result = check(tmp_path, table(rows, merges=[(0, 1, 1, 7), (1, 0, 4, 1), (7, 0, 1, 5)]))
    assert bool(of(result, "IND001")) is fires
    assert not of(result, "SCR001")


def test_a_rate_that_fits_neither_the_total_nor_the_parts_is_reported(tmp_path):
    rows = [["项目名称", "饮水工程维修养护项目", None, None, None, None, None, None],
            ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [None, "年度资金总额", "1,200,000.00", "1,482,500.00", "1,438,816.40", "10", "95.05%", "9.51"],
            [None, "其中：财政拨款", "1,200,000.00", "1,386,500.00", "1,342,816.40", "—", "96.85%", "—"],
            [None, "其他资金", "0.00", "96,000.00", "96,000.00", "—", "100.00%", "—"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
            ["产出指标", "数量指标", "维修养护供水工程数量", "≥40处", "41处", "90", "90", ""],
            ["总分", None, None, None, None, "100", "99.51", ""]]
    found = of(check(tmp_path, table(rows, merges=[(0, 1, 1, 7), (1, 0, 4, 1), (7, 0, 1, 5)])), "IND001")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("95.05"), Decimal("97.05"))]
