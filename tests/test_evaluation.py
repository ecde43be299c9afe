"""The evaluation re-done on each score-table layout of domain.md §2, firing and silent."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.builders import check, table
from tests.test_cli_extract import run


def of(result, code):
    return [f for f in result.findings if f.rule == code]


# 评分标准 | 分值 | 自评得分 (weights in merged level cells written into the labels)
def _graded(score_a="50", score_b="40", weight_b="50", rule_b="≥90%计50分；80%（含）-90%计40分；低于80%不得分"):
    rows = [["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因"],
            ["投入(100分)", "预算配置(100分)", "在职人员控制率", "以100%为标准，≤100%计50分；每超过一个百分点扣5分，扣完为止",
             "50", score_a, ""],
            [None, None, "重点支出安排率", rule_b, weight_b, score_b, "未达90%"]]
    return table(rows, merges=[(1, 0, 2, 1), (1, 1, 2, 1)])


TEXT = ["1.在职人员控制率。在职人员控制率=11/13×100%=84.62%，故计50分。",
        "2.重点支出安排率。重点支出安排率=128.40/152.82×100%=84.02%，故计40分。"]


def test_rule_column_layout_silent_when_scores_follow_rules(tmp_path):
    result = check(tmp_path, *TEXT, _graded())
    assert [f.rule for f in result.findings if f.severity != "info"] == []
    rows = result.evaluation["rows"]
    assert [(r["indicator"], r["stated_value"], r["expected"], r["verdict"]) for r in rows] == [
        ("在职人员控制率", 84.62, 50, "一致"), ("重点支出安排率", 84.02, 40, "一致")]


def test_rule_column_layout_fires_on_a_score_the_rule_does_not_give(tmp_path):
    result = check(tmp_path, *TEXT, _graded(score_b="45"))
    found = of(result, "SCR001")
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(2, 5, 45, 40)]
    assert of(result, "SCR002")  # the text says 4, the table 5


def test_score_above_its_weight(tmp_path):
    found = of(check(tmp_path, _graded(score_b="60")), "SCT002")
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(2, 60, 50)]


def test_weights_must_add_up_to_one_hundred(tmp_path):
    # the labels say 投入(100分) and 预算配置(100分): the level whose items fall short is the one named
    found = of(check(tmp_path, _graded(weight_b="40", score_b="40")), "SCT001")
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(1, 1, 100, 90)]
    # without weights in the labels, the whole falls short of 100
    plain = _graded(weight_b="40", score_b="40")
    plain.rows[1][:2] = ["投入", "预算配置"]
    found = of(check(tmp_path, plain), "SCT001")
    assert [f.stated for f in found] == [90]  # 50 + 40, not 100
    assert "不是100分" in found[0].message


# 得分系数 × 权重 (部门整体绩效自评表)
def _coefficient(score="9.5"):
    rows = [["指标名称", "计量单位", "指标性质", "年初指标值", "全年完成值", "得分系数(%)", "指标权重(分)", "指标得分(分)"],
            ["培训人次", "人次", "≥", "200", "190", "95", "10", score],
            ["资金执行率", "%", "≥", "90", "100", "100", "90", "90"]]
    return table(rows)


def test_coefficient_times_weight_layout(tmp_path):
    assert of(check(tmp_path, _coefficient()), "SCR001") == []
    found = of(check(tmp_path, _coefficient(score="10")), "SCR001")
    assert [(f.location.row, f.location.col, f.expected) for f in found] == [(1, 7, Decimal("9.5"))]


# the 9-column 部门整体 table: level weights
def _nine(level_weight="8"):
    head = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]
    rows = [head,
            ["投入", level_weight, "预算配置", "8", "在职人员控制率", "4", "≤100%计4分", "84.62%", "4"],
            [None, None, None, None, "预算调整率", "4", "=0计4分；0-10%（含）计3分；大于10%不得分", "5.40%", "3"],
            ["产出", "92", "职责履行", "92", "实际完成率", "92", "得分=实际完成率×分值", "97.22%", "89.44"],
            ["合计", None, None, None, None, "100", None, None, "96.44"]]
    merges = [(1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (4, 0, 1, 5), (4, 6, 1, 2)]
    return table(rows, merges=merges)


def test_nine_column_layout_silent(tmp_path):
    result = check(tmp_path, _nine(), "经综合评价，自评得分96.44分，评价等级为“优”。")
    assert [f.rule for f in result.findings if f.severity != "info"] == []
    assert result.evaluation["recomputed_total"] == 96.44
    assert result.evaluation["expected_grade"] == "优"


def test_nine_column_level_weight_that_does_not_add_up(tmp_path):
    found = of(check(tmp_path, _nine(level_weight="10")), "SCT001")
    # 投入 10 ≠ 8 is the mistake; that the 一级 weights then make 102 is its consequence, not a second one
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(1, 1, 10, 8)]


def test_grade_by_default_bands_and_by_the_reports_own(tmp_path):
    bad = check(tmp_path, _nine(), "经综合评价，自评得分96.44分，评价等级为“良”。")
    assert [f.detail["expected_grade"] for f in of(bad, "GRD001")] == ["优"]
    own = check(tmp_path, _nine(), "本办法规定97分（含）以上为优，85分（含）以上为良。", "自评得分96.44分，评价等级为“良”。")
    assert of(own, "GRD001") == []


def test_narrative_total_against_the_scores(tmp_path):
    found = of(check(tmp_path, _nine(), "自评得分97.44分。"), "SCT003")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("97.44"), Decimal("96.44"))]


def test_rule_written_twice_with_different_numbers(tmp_path):
    text = "1.在职人员控制率。评分标准：≤100%计4分；每超过一个百分点扣1分。本年度在职人员控制率为84.62%，故计4分。"
    rows = _nine().rows
    rows[1][6] = "≤100%计4分；每超过一个百分点扣0.5分"
    found = of(check(tmp_path, text, table(rows, merges=_nine().merges)), "SCR004")
    assert len(found) == 1 and "0.5" in found[0].message and "扣1分" in found[0].message


def test_band_gap_in_a_rule_is_reported(tmp_path):
    rows = _nine().rows
    rows[2][6] = "=0计4分；0-5%（含）计3分；大于10%不得分"
    found = of(check(tmp_path, table(rows, merges=_nine().merges)), "SCR003")
    assert len(found) == 1 and "空档" in found[0].message


def test_partial_step_is_info_not_error(tmp_path):
    rows = [["三级指标", "评分标准", "分值", "得分"], ["预算完成率", "100%计满分，每低于5%扣2分，扣完为止", "5", "3"]]
    result = check(tmp_path, "1.预算完成率。预算完成率=471.28/486.50×100%=96.87%，故计3分。", table(rows))
    assert of(result, "SCR001") == []
    assert [f.severity for f in of(result, "SCR005")] == ["info"]
    assert result.evaluation["rows"][0]["verdict"] == "一致"


# indicators recomputed from their inputs
def test_indicator_recomputed_from_inputs_and_alternative_base(tmp_path):
    base = ["收入总计486.50万元，其中本年收入462.30万元，上年结转24.20万元。年初预算438.60万元，年中追加23.70万元。",
            "支出总计471.28万元，年末结转结余15.22万元。"]
    rows = [["三级指标", "评分标准", "分值", "得分"], ["预算完成率", "≥95%计5分；90%（含）-95%计4分；低于90%不得分", "5", "5"]]
    ok = check(tmp_path, *base, "1.预算完成率。预算完成率为96.87%，故计5分。", table(rows))
    assert of(ok, "IND001") == []
    assert ok.evaluation["rows"][0]["recomputed_value"] == 96.87
    wrong = check(tmp_path, *base, "1.预算完成率。预算完成率为98.87%，故计5分。", table(rows))
    assert [(f.stated, f.expected) for f in of(wrong, "IND001")] == [(Decimal("98.87"), Decimal("96.87"))]
    other = check(tmp_path, *base, "1.预算完成率。预算完成率为107.45%，故计5分。", table(rows))
    infos = of(other, "IND002")
    assert of(other, "IND001") == [] and len(infos) == 1 and "支出总计÷年初预算" in infos[0].message


def test_divide_by_hundred_percent_is_warned(tmp_path):
    found = of(check(tmp_path, "在职人员控制率=在职人员数/编制数÷100%=11/13÷100%=84.62%。"), "IND002")
    assert len(found) == 1 and found[0].severity == "warning"


# the 10号 project table
def test_project_table_quantitative_indicators(tmp_path, samples):
    from checks.runner import check_file

    result = check_file(samples / "project_selfeval.docx")
    rows = {r["indicator"]: r for r in result.evaluation["rows"]}
    assert rows["预算执行率"]["expected"] == 9.7
    assert rows["检测报告按时出具率"]["expected"] == 9.6  # 96 ÷ 100 × 10: short of target, proportional
    assert rows["单批次检测成本"]["expected"] == 10  # ≤ target met
    assert rows["检测能力持续提升"]["verdict"].startswith("定性")
    assert result.evaluation["recomputed_total"] == 99.3


def test_reverse_indicator_short_of_target_scores_target_over_actual(tmp_path):
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "成本指标", "单批次检测成本", "≤800元", "1000元", "10", "8"]]
    result = check(tmp_path, table(rows))
    assert result.evaluation["rows"][0]["expected"] == 8  # 800 ÷ 1000 × 10
    rows[1][6] = "10"
    assert [f.expected for f in of(check(tmp_path, table(rows)), "SCR001")] == [8]


def test_evaluation_in_json_and_text(samples):
    data = json.loads(run(str(samples / "dept_overall.docx"), "--format", "json").stdout)
    ev = data["evaluation"]
    assert {"rows", "stated_total", "recomputed_total", "stated_grade", "expected_grade"} <= set(ev)
    assert {"indicator", "stated_value", "recomputed_value", "weight", "awarded", "expected", "verdict"} <= set(ev["rows"][0])
    assert ev["stated_grade"] == ev["expected_grade"] == "优"
    text = run(str(samples / "dept_overall.docx")).stdout
    assert text.index("评价重算") < text.index("汇总")


def test_not_applicable_indicator_renormalised_to_a_hundred(tmp_path):
    rows = _nine().rows
    rows[2][8] = "不适用"
    rows[4][8] = "93.44"  # the 合计 row adds the applicable scores
    na = table(rows, merges=_nine().merges)
    text = "不适用指标不考核，按适用指标得分折算百分制。"
    # applicable weights 96, scores 4 + 89.44 = 93.44 → 93.44 ÷ 96 × 100 = 97.33
    ok = check(tmp_path, na, text + "自评得分97.33分，评价等级为“优”。")
    assert [f.rule for f in ok.findings if f.rule.startswith(("SCT003", "GRD"))] == []
    assert ok.evaluation["renormalised"] and ok.evaluation["recomputed_total"] == pytest.approx(97.333, abs=0.001)
    assert next(r for r in ok.evaluation["rows"] if r["indicator"] == "预算调整率")["verdict"] == "不适用"
    bad = check(tmp_path, na, text + "自评得分93.44分。")
    assert [f.expected for f in of(bad, "SCT003")] == [Decimal("97.33")]


def test_zero_denominator_scored_as_full_marks(tmp_path):
    rows = [["三级指标", "评分标准", "分值", "得分"], ["政府采购执行率", "≥90%计4分；低于90%不得分", "4", "4"]]
    found = of(check(tmp_path, "1.政府采购执行率。政府采购执行率=0/0×100%=100%，故计4分。", table(rows)), "SCR006")
    assert len(found) == 1 and "分母为0" in found[0].message and "4" in found[0].message
    ok = check(tmp_path, "1.政府采购执行率。政府采购执行率=35.60/38.00×100%=93.68%，故计4分。", table(rows))
    assert of(ok, "SCR006") == []


def _sichuan(weight="60", score=""):
    money = [["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
             ["总额", "238.93", "251.89", "251.89", "100.00%", "10", "10"],
             ["其中：财政资金", "238.93", "251.89", "251.89", "100.00%", "/", "/"],
             ["单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"]]
    ind = [["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"],
           ["产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "100", weight, score or weight],
           ["效益指标", "社会效益指标", "足额保障率", "=", "100", "%", "100", "30", "30"],
           ["合计", None, None, None, None, None, None, "100", "100"]]
    return table(money), table(ind)


def test_sichuan_form_totals_include_the_budget_execution_weight(tmp_path):
    result = check(tmp_path, *_sichuan())
    assert [f.rule for f in result.findings if f.severity != "info"] == []
    assert result.evaluation["recomputed_total"] == 100
    bad = check(tmp_path, *_sichuan(weight="50"))
    assert "SCT001" in {f.rule for f in bad.findings}
    assert "TBL001" not in {f.rule for f in bad.findings}  # the score table's weights are SCT001's: one finding


# the indicator's text as a section: a heading and the paragraphs under it
def _sections(tmp_path, *items, fmt="docx"):
    """Items are ("h", text) for a heading, plain strings for paragraphs, and tables."""
    from checks.runner import check_document
    from extractor import read_document
    from fixtures.build_docx import build_docx
    from fixtures.build_pdf import build_pdf
    from fixtures.spec import Para, ReportSpec

    body = [Para("测试报告", "title")]
    for item in items:
        if isinstance(item, tuple):
            body.append(Para(item[1], "heading", 2))
        else:
            body.append(Para(item) if isinstance(item, str) else item)
    path = tmp_path / f"sections.{fmt}"
    (build_docx if fmt == "docx" else build_pdf)(ReportSpec("case", "测试报告", body), path)
    return check_document(read_document(path))


def _checklist_table(first="8", second="6"):
    return table([["三级指标", "评分标准", "分值", "得分"],
                  ["管理制度健全性", "①有内部财务管理制度，2分；②有厉行节约制度，2分；③制度合法合规，2分；④制度有效执行，2分", "8", first],
                  ["资金使用合规性", "每出现一例不符合要求的扣1分，扣完为止", "6", second]])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_score_written_under_another_indicators_name(tmp_path, fmt):
    head = [("h", "8、管理制度健全性"), "本单位制定了财务管理、厉行节约等制度并有效执行。故本次管理制度健全性计8分。",
            ("h", "9、资金使用合规性"), "资金拨付手续完整，未发现截留、挤占、挪用。"]
    wrong = _sections(tmp_path, *head, "故管理制度健全性计6分。", _checklist_table(), fmt=fmt)
    found = of(wrong, "SCR002")
    assert [(f.stated, f.expected) for f in found] == [(6, 8)]
    assert "故管理制度健全性计6分" in found[0].message and "指标名可能写错" in found[0].message
    right = _sections(tmp_path, *head, "故本次资金使用合规性计6分。", _checklist_table(), fmt=fmt)
    assert of(right, "SCR002") == []


def test_the_texts_score_is_read_from_the_paragraphs_under_the_heading(tmp_path):
    rows = [["三级指标", "评分标准", "分值", "得分"], ["预算调整率", "=0计4分；0-10%（含）计3分；大于10%不得分", "4", "3"]]
    items = [("h", "2、预算调整率"), "预算调整率=本年追加/年初预算×100%=23.70/438.60×100%=5.40%。"]
    found = of(_sections(tmp_path, *items, "对照评分档次，预算调整率计4分。", table(rows)), "SCR002")
    assert [(f.stated, f.expected) for f in found] == [(4, 3)]
    assert of(_sections(tmp_path, *items, "对照评分档次，预算调整率计3分。", table(rows)), "SCR002") == []


def test_an_assessment_score_out_of_a_hundred_is_not_the_indicators_points(tmp_path):
    rows = [["三级指标", "评分标准", "分值", "得分"], ["重点工作实际完成率", "该项得分=（考核得分/100）×6", "6", "5.58"]]
    text = "区考核办年度重点任务考核中，本局得93.00分，该项得分=（93.00/100）×6=5.58分。"
    assert of(_sections(tmp_path, ("h", "1、重点工作实际完成率"), text, table(rows)), "SCR002") == []
    bad = text.replace("=5.58分", "=5.92分")
    assert [f.stated for f in of(_sections(tmp_path, ("h", "1、重点工作实际完成率"), bad, table(rows)), "SCR002")] == [
        Decimal("5.92")]


def _deduction_table(rule="≤100%计满分，每超出1%扣1.5分，扣完为止。"):
    return table([["三级指标", "评分标准", "分值", "得分"], ["公用经费控制率", rule, "8", "8"]])


def test_a_rule_restated_in_the_text_under_a_heading(tmp_path):
    items = [("h", "5、公用经费控制率"), "公用经费控制率=（实际支出公用经费/预算安排公用经费）×100%=41.20/45.00×100%=91.56%。"]
    text = "公用经费控制率的评分标准为：≤100%计满分，每超出1%扣{}分，扣完为止。本项计8分。"
    found = of(_sections(tmp_path, *items, text.format(3), _deduction_table()), "SCR004")
    assert len(found) == 1 and "正文“每超出1%扣3分”，评分表“每超出1%扣1.5分”" in found[0].message
    assert found[0].location.block == 3  # the paragraph that states the rule, not the heading
    assert of(_sections(tmp_path, *items, text.format(1.5), _deduction_table()), "SCR004") == []


def test_a_rule_restated_with_another_band_for_full_marks(tmp_path):
    rule = "100%计满分，每超过（降低）4%扣1分。扣完为止。"
    items = [("h", "7、政府采购执行率"), "政府采购执行率=38.00/40.00×100%=95.00%。"]
    text = "评分标准：{}，扣完为止。本项计4分。"
    rows = [["三级指标", "评分标准", "分值", "得分"], ["政府采购执行率", rule, "6", "4"]]
    found = of(_sections(tmp_path, *items, text.format("≤100%计满分，每超出（降低）4%扣1分"), table(rows)), "SCR004")
    assert len(found) == 1 and "≤100%计满分" in found[0].message
    assert of(_sections(tmp_path, *items, text.format("100%计满分，每超过（降低）4%扣1分"), table(rows)), "SCR004") == []


def _building_table(note):
    return table([["三级指标", "评价标准", "指标说明", "分值", "得分"],
                  ["新建楼堂馆所面积控制率", "≤100%计满分，每超出5%扣1分，扣完为止。", note, "5", "5"]])


def test_the_table_evaluates_another_year_than_the_text(tmp_path):
    items = [("h", "3、新建楼堂馆所面积控制率"), "2023年度，本单位无完工的新建楼堂馆所。故本次新建楼堂馆所面积控制率计满分。"]
    found = of(_sections(tmp_path, *items, _building_table("该指标以2022年完工的新建楼堂馆所为评价内容。")), "SCR004")
    assert len(found) == 1 and "2022年" in found[0].message and "2023" in found[0].message
    assert (found[0].location.row, found[0].location.col) == (1, 2)
    same = _building_table("该指标以2023年完工的新建楼堂馆所为评价内容。")
    assert of(_sections(tmp_path, *items, same), "SCR004") == []
    compared = _building_table("实际建设面积较2022年批准建设面积的比例。")  # a year compared with, not the year evaluated
    assert of(_sections(tmp_path, *items, compared), "SCR004") == []


def test_bands_with_a_gap_in_the_text_and_in_the_table_are_each_reported(tmp_path):
    rule = "调整率0-5%，计4分；6%-20%（含），计3分；21-40%（含），计1分；大于40%不得分"
    rows = [["三级指标", "评分标准", "分值", "得分"], ["预算控制率", rule, "5", "4"]]
    items = [("h", "2、预算控制率"), f"预算控制率=13.60%。根据预算控制率评价标准：{rule}。故本次预算控制率计4分。", table(rows)]
    found = of(_sections(tmp_path, *items), "SCR003")
    assert sorted((f.location.kind, "5 至 6、20 至 21" in f.message) for f in found) == [("paragraph", True), ("table", True)]
    partial = [("h", "2、预算控制率"), "预算控制率=3.60%。根据评价标准：0-10%（含），计5分；大于60%不得分。故本次预算控制率计5分。",
               table([["三级指标", "评分标准", "分值", "得分"],
                      ["预算控制率", "0-10%（含），计5分；10%-60%（含），计3分；大于60%不得分", "5", "5"]])]
    assert of(_sections(tmp_path, *partial), "SCR003") == []  # the text quotes two bands of a rule without a gap
    joined = "90%（含）以上计6分；80%（含）-90%，计4分；低于80%计0分"
    rows[1][1] = joined
    items = [("h", "5、服务对象满意度"), f"满意度为93.50%。根据评价标准：{joined}。故本次计6分。", table(rows)]
    assert of(_sections(tmp_path, *items), "SCR003") == []


def _procurement(score="6", rule="100%计满分，每低于5%扣2分"):
    return table([["三级指标", "评分标准", "分值", "得分"], ["政府采购执行率", rule, "6", score]])


@pytest.mark.parametrize("text", ["经核对，全年政府采购支出0元，本单位未编制政府采购预算。故本次政府采购执行率计6分。",
                                  "本年度政府采购预算为0元，实际采购0元。故本次政府采购执行率计6分。"])
def test_a_zero_base_stated_in_prose_and_scored(tmp_path, text):
    found = of(_sections(tmp_path, ("h", "7、政府采购执行率"), text, _procurement()), "SCR006")
    assert len(found) == 1 and "分母为0" in found[0].message and "6 分" in found[0].message


@pytest.mark.parametrize(("text", "tab"), [
    ("本年度无政府采购预算，该指标不适用，不予评分。", _procurement("不适用")),
    ("本年度无新建楼堂馆所项目。故本次计6分。", _procurement(rule="100%以下（含）计满分；没有采购项目的部门按满分计算")),
    ("本年度政府采购预算38.00万元，实际采购36.10万元，没有超出政府采购预算。故本次政府采购执行率计6分。", _procurement()),
    ("本年度无政府采购预算，故本次政府采购执行率计0分。", _procurement("0")),
    ("政府采购预算38.00万元，全年无政府采购预算调整事项，实际采购36.10万元。故本次政府采购执行率计6分。", _procurement()),
])
def test_a_zero_base_that_is_provided_for_or_not_scored_is_silent(tmp_path, text, tab):
    assert of(_sections(tmp_path, ("h", "7、政府采购执行率"), text, tab), "SCR006") == []


def test_partial_step_is_its_own_rule(tmp_path):
    from checks.runner import check_document
    from extractor import read_document
    from fixtures.build_docx import build_docx
    from tests.builders import spec_of

    rows = [["三级指标", "评分标准", "分值", "得分"], ["预算完成率", "100%计满分，每低于5%扣2分，扣完为止", "5", "3"]]
    path = build_docx(spec_of("1.预算完成率。预算完成率=471.28/486.50×100%=96.87%，故计3分。", table(rows)), tmp_path / "a.docx")
    alone = check_document(read_document(path), select={"SCR005"})
    assert [f.rule for f in alone.findings] == ["SCR005"]
    assert of(check_document(read_document(path), select={"SCR001"}), "SCR005") == []


def test_sichuan_nature_column_makes_a_cost_indicator_lower_is_better(tmp_path):
    rows = [["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"],
            ["产出指标", "成本指标", "单位河长年保洁成本", "≤", "0.45", "万元/公里", "0.42", "10", "10"],
            ["产出指标", "数量指标", "河道巡查频次", "≥", "36", "次", "33", "20", "18.33"]]
    result = check(tmp_path, table(rows))
    assert of(result, "SCR001") == []
    rows[1][6] = "0.50"  # over the cap: 0.45 ÷ 0.50 × 10 = 9
    assert [f.expected for f in of(check(tmp_path, table(rows)), "SCR001")] == [9]


# ---- the score table as an indicator tree (SCT001–003) ----------------------------------------

def _broken_nine(manage_weight="41"):
    """The seed's shapes: 一级 “过程 61” restarted after a page break with its 二级 “预算管理”
    (weight left blank on the repeat), a 二级 weight printed in two cells (6 and 12), and 经济效益 /
    社会效益 sharing one weight of 6 and one 2×2 rule cell."""
    head = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]
    rows = [head,
            ["过程", "61", "预算执行", "20", "预算完成率", "20", "100%计满分，每低于5%扣2分", "96.87%", "18"],
            [None, None, "预算管理", manage_weight, "公用经费控制率", "8", "≤100%计8分", "96.00%", "8"],
            [None, None, None, None, "“三公经费”控制率", "8", "≤100%计8分", "81.70%", "8"],
            ["过程", "61", "预算管理", "", "管理制度健全性", "10", "制度健全计10分", "健全", "10"],
            [None, None, None, None, "资金使用合规性", "15", "每出现一例扣1分", "无违规", "15"],
            ["产出", "39", "履职效益", "6", "经济效益", "6", "此两项共用一项评分", None, "3"],
            [None, None, None, None, "社会效益", None, None, None, "3"],
            [None, None, None, "12", "行政效能", "6", "酌情计分", "自评", "6"],
            [None, None, None, None, "满意度", "6", "90%（含）以上计6分", "93.50%", "6"],
            ["产出", None, None, None, None, None, None, None, None],
            ["合计", None, None, None, None, None, None, None, "98"]]
    rows[10] = ["", "", "职责履行", "21", "重点工作完成率", "21", "完成率×分值", "100%", "21"]
    merges = [(1, 0, 3, 1), (1, 1, 3, 1), (2, 2, 2, 1), (2, 3, 2, 1),  # 过程 61 | 预算管理 41 before the break
              (4, 0, 2, 1), (4, 1, 2, 1), (4, 2, 2, 1), (4, 3, 2, 1),  # and again after it
              (6, 0, 5, 1), (6, 1, 5, 1), (6, 2, 4, 1), (6, 3, 2, 1), (8, 3, 2, 1),  # 履职效益 6 + 12
              (6, 5, 2, 1), (6, 6, 2, 2),  # 经济效益 / 社会效益 share a weight and a rule cell
              (11, 0, 1, 8)]
    return table(rows, merges=merges)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_repeated_merged_cells_and_shared_weights_add_up(tmp_path, fmt):
    result = check(tmp_path, _broken_nine(), "经综合评价，自评得分98分，评价等级为“优”。", fmt=fmt)
    assert [f.message for f in result.findings if f.rule.startswith("SCT")] == []


def test_a_level_that_does_not_add_up_is_named_once(tmp_path):
    found = of(check(tmp_path, _broken_nine(manage_weight="42")), "SCT001")
    # 预算管理 42 ≠ 8+8+10+15, named where it is printed; 过程 61 = 20+41 holds once that is mended
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(2, 3, 42, 41)]


def _labelled(collab="3", collab_score="3", growth="(15分)"):
    """No weight column: every level carries its weight in its label."""
    rows = [["一级指标", "二级指标", "三级指标", "得分"],
            ["部门决策(40分)", "目标任务(40分)", "相关性(20分)", "20"],
            [None, None, "明确性(20分)", "18"],
            ["部门绩效(60分)", f"发展能力{growth}", "重点改革(10分)", "10"],
            [None, None, "创新(5分)", "5"],
            [None, "满意度(45分)", f"协作部门满意度({collab}分)", collab_score],
            [None, None, "社会公众满意度(42分)", "40"],
            ["合计(100分)", None, None, "96"]]
    merges = [(1, 0, 2, 1), (1, 1, 2, 1), (3, 0, 4, 1), (3, 1, 2, 1), (5, 1, 2, 1), (7, 0, 1, 3)]
    return table(rows, merges=merges, caption="部门整体支出绩效评价得分表")


def test_weights_in_labels(tmp_path):
    assert [f.rule for f in check(tmp_path, _labelled()).findings if f.rule.startswith("SCT")] == []
    found = of(check(tmp_path, _labelled(growth="(14分)")), "SCT001")
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(3, 14, 15)]
    found = of(check(tmp_path, _labelled(collab_score="4")), "SCT002")
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(5, 3, 4, 3)]
    assert of(check(tmp_path, _labelled(collab_score="4")), "SCT003")  # the 合计 96 is now off too


def _numbered(quantity_weight="10", subtotal="18.50"):
    """One name column: 一、 › （一） › 1. give the levels, each with its weight and score."""
    rows = [["指标名称", "得分系数(%)", "指标权重(分)", "指标得分(分)"],
            ["一、产出指标", None, "60", "58.50"],
            ["（一）数量指标", None, "20", subtotal],
            ["1.抽检批次", "85.00", quantity_weight, "8.50"],
            ["2.检查户数", "100.00", "10", "10.00"],
            ["（二）质量指标", None, "40", "40.00"],
            ["1.核查处置率", "100.00", "40", "40.00"],
            ["二、满意度指标", None, "30", "30.00"],
            ["（一）服务对象满意度指标", None, "30", "30.00"],
            ["1.满意度", "100.00", "30", "30.00"],
            ["三、预算执行率", "90.00", "10", "9.00"],
            ["合计", None, "100", "97.50"]]
    return table(rows, merges=[(11, 0, 1, 2)])


def test_numbered_levels_in_one_column(tmp_path):
    assert [f.rule for f in check(tmp_path, _numbered()).findings if f.rule.startswith("SCT")] == []
    found = of(check(tmp_path, _numbered(quantity_weight="11")), "SCT001")
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(2, 20, 21)]  # the level, not the 合计
    found = of(check(tmp_path, _numbered(subtotal="18.70")), "SCT003")  # 8.50 + 10.00; 产出 58.50 is right
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(2, Decimal("18.70"), Decimal("18.5"))]


def _sichuan_apart(weights=("50", "30", "10"), total="100"):
    """四川: the money table, then the indicator table under “绩效指标（90分）”."""
    money = [["预算执行情况（10分）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
             ["总额", "100.00", "100.00", "95.00", "95.00%", "10", "9.50"]]
    ind = [["绩效指标（90分）", None, None, None, None, None, None],
           ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
           ["产出指标", "数量指标", "巡查次数", "36", "36", weights[0], weights[0]],
           ["效益指标", "生态效益指标", "水质达标比例", "90", "92", weights[1], weights[1]],
           ["满意度指标", "服务对象满意度指标", "群众满意度", "90", "93", weights[2], weights[2]],
           ["合计", None, None, None, None, total, str(sum(int(w) for w in weights) + Decimal("9.50"))]]
    return table(money), table(ind, merges=[(0, 0, 1, 7), (5, 0, 1, 5)], header_rows=2)


def test_sichuan_indicator_block_weight_and_money_table_apart(tmp_path):
    assert [f.message for f in check(tmp_path, *_sichuan_apart()).findings if f.rule.startswith("SCT")] == []
    found = of(check(tmp_path, *_sichuan_apart(weights=("40", "30", "10"))), "SCT001")
    # 40+30+10 = 80: the block's own “90分” and the 合计 100 (= 80 + the execution weight 10?) are both off
    assert sorted((f.stated, f.expected) for f in found) == [(90, 80), (100, 90)]


def test_narrative_total_is_held_to_its_own_table(tmp_path):
    project = [["项目名称", "示范项目", None, None, None],
               ["一级指标", "二级指标", "三级指标", "分值", "得分"],
               ["产出指标", "数量指标", "完成数量", "60", "60"],
               ["效益指标", "社会效益指标", "受益人数", "40", "30"],
               ["总分", None, None, "100", "90"]]
    dept = [["一级指标", "分值", "得分"], ["投入", "40", "38"], ["产出", "60", "57"], ["合计", "100", "95"]]
    items = ["一、部门整体支出绩效自评", "经自评，本部门整体支出绩效自评得分{d}分。",
             table(dept, caption="部门整体支出绩效自评得分表"),
             "二、项目支出绩效自评", "该项目自评得分{p}分。", "评价等级：综合得分90分（含）以上为优。",
             table(project, merges=[(0, 1, 1, 4), (4, 0, 1, 3)], caption="项目支出绩效自评表")]

    def run(d, p):
        return of(check(tmp_path, *[i.format(d=d, p=p) if isinstance(i, str) else i for i in items]), "SCT003")

    assert run("95", "90") == []  # (the grade band “90分（含）以上” is no total)
    assert [(f.stated, f.expected, f.location.block) for f in run("96", "90")] == [(96, 95, 2)]
    assert [(f.stated, f.expected) for f in run("95", "95")] == [(95, 90)]


def test_applicable_weights_and_the_adjusted_total(tmp_path):
    rows = [["一级指标", "分值", "适用分值", "得分"], ["投入", "20", "20", "20"], ["过程", "40", "36", "35"],
            ["产出", "40", "40", "39"], ["合计", "100", "96", "94"], ["折算得分", None, None, "97.92"]]
    ok = check(tmp_path, table(rows, merges=[(5, 0, 1, 3)]))
    assert [f.message for f in ok.findings if f.rule.startswith("SCT")] == []  # 适用分值 is not the weight
    rows[5][3] = "98.92"
    found = of(check(tmp_path, table(rows, merges=[(5, 0, 1, 3)])), "SCT003")
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(5, Decimal("98.92"), Decimal("97.92"))]


def test_a_score_above_its_weight_in_a_second_project_table(tmp_path):
    def project(name, score):
        return table([["项目名称", name, None, None, None], ["一级指标", "二级指标", "三级指标", "权重", "得分"],
                      ["产出指标", "数量指标", "调解件数", "60", score], ["效益指标", "社会效益指标", "成功率", "40", "40"],
                      ["合计", None, None, "100", str(Decimal(score) + 40)]],
                     merges=[(0, 1, 1, 4), (4, 0, 1, 3)])
    found = of(check(tmp_path, project("甲项目", "60"), "乙项目如下。", project("乙项目", "60.88")), "SCT002")
    assert [(f.location.block, f.stated, f.expected) for f in found] == [(3, Decimal("60.88"), 60)]


def test_a_money_table_before_a_complete_score_table_is_not_its_execution_block(tmp_path):
    money = table([["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
                   ["总额", "100.00", "100.00", "95.00", "95.00%", "10", "9.50"]])
    dept = table([["一级指标", "分值", "得分"], ["投入", "40", "38"], ["产出", "60", "57"], ["合计", "100", "95"]])
    result = check(tmp_path, money, dept, "指标体系总分100分，经自评，自评得分95分。")
    assert [f.message for f in result.findings if f.rule.startswith("SCT")] == []  # (总分100分 is the full marks)
    wrong = check(tmp_path, money, dept, "指标体系总分100分，经自评，自评得分96分。")
    assert [(f.stated, f.expected) for f in of(wrong, "SCT003")] == [(96, 95)]


# ---- weight columns headed 得分, and targets written into the indicator's name --------------

def _weights_headed_score(awarded="3"):
    """一级指标 | 得分 | 二级指标 | 得分 | 三级指标 | 得分 | 评价标准 | 指标说明 | 得分: every column after a
    level name holds its weight, only the last one the points awarded."""
    head = ["一级指标", "得分", "二级指标", "得分", "三级指标", "得分", "评价标准", "指标说明", "得分"]
    rows = [head,
            ["过程", "10", "预算执行", "10", "预算调整率", "6",
             "=0计6分；0-10%（含）计4.5分；10-20%（含）计3分；大于20%不得分。", "追加64.20÷年初预算428.00=15.00%", awarded],
            [None, None, None, None, "结转结余率", "4", "≤10%（含）计4分；大于10%不得分。", "36.40÷520.00=7.00%", "4"],
            ["合计", "10", None, None, None, None, None, None, str(Decimal(awarded) + 4)]]
    return table(rows, merges=[(1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (3, 2, 1, 6)])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_weight_columns_headed_score_are_read_as_weights(tmp_path, fmt):
    ok = check(tmp_path, _weights_headed_score("3"), fmt=fmt)
    rows = {r["indicator"]: (r["weight"], r["awarded"], r["expected"]) for r in ok.evaluation["rows"]}
    assert rows == {"预算调整率": (6, 3, 3), "结转结余率": (4, 4, 4)}
    assert of(ok, "SCR001") == [] and of(ok, "SCT002") == []
    # 15.00% is in the 10-20%（含） band: 4.5 is the band below's points
    found = of(check(tmp_path, _weights_headed_score("4.5"), fmt=fmt), "SCR001")
    assert [(f.location.row, f.location.col, f.stated, f.expected) for f in found] == [(1, 8, Decimal("4.5"), 3)]


def _target_in_name(done="12次", awarded="22.5", nature="", target=""):
    """四川 wage forms: the target in the indicator's name, the 指标性质 and 指标值 cells left blank."""
    return table([["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"],
                  ["产出指标", "数量指标", "足额保障率=100%", "", "", "", "100%", "22.5", "22.5"],
                  [None, None, "科目调整次数≤10次", nature, target, "", done, "22.5", awarded],
                  ["效益指标", "经济效益指标", "结余率≤5%", "", "", "", "1.96%", "22.5", "22.5"]],
                 merges=[(1, 0, 2, 1)])


def test_a_target_written_into_the_name_is_the_target(tmp_path):
    # ≤10次, done 12: a lower-is-better target missed scores 10 ÷ 12 × 22.5 = 18.75
    found = of(check(tmp_path, _target_in_name()), "SCR001")
    assert [(f.location.row, f.stated, f.expected) for f in found] == [(2, Decimal("22.5"), Decimal("18.75"))]
    assert "≤10次" in found[0].message and "12次" in found[0].message
    assert of(check(tmp_path, _target_in_name(awarded="18.75")), "SCR001") == []
    assert of(check(tmp_path, _target_in_name(done="9次")), "SCR001") == []  # met: full marks
    assert of(check(tmp_path, _target_in_name(done="10次")), "SCR001") == []  # exactly the cap


def test_a_target_cell_outranks_the_name(tmp_path):
    # the 指标值 cell states its own target (≤15次): 12 meets it, whatever the name says
    assert of(check(tmp_path, _target_in_name(nature="≤", target="15")), "SCR001") == []
