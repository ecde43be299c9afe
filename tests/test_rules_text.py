"""Rules over prose: each must fire on the wrong document and stay silent on the right one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.builders import check, rules, settled


def findings_of(tmp_path, code, *texts):
    return [f for f in check(tmp_path, *texts).findings if f.rule == code]


# ---- FML001 formula chains -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "在职人员控制率=（在职人员数/编制数）×100%=11/13×100%=84.62%。",
    "“三公经费”变动率=（6.80-7.50）/7.50×100%=-9.33%，故计4分。",
    "（63.46-32）÷32=98.31%",
    "预算完成率=（24.20+438.60+23.70-15.22）／（24.20+438.60+23.70）＊100％＝96.87％",
    "完成率=35/36X100%=97.2%",
    "公用经费控制率=41.56万元/43.00万元×100%=96.65%",
    "执行率=0/450000×100%=0%",
    "控制率=11/13×100=84.62",
])
def test_chain_consistent_within_rounding_is_silent(tmp_path, text):
    result = check(tmp_path, text)
    assert "FML001" not in rules(result)
    assert result.coverage.formulas == 1


@pytest.mark.parametrize(("text", "stated", "expected"), [
    ("在职人员控制率=（在职人员数/编制数）×100%=12/15×100%=82%。", 82, 80),
    ("预算调整率=23.70/438.60×100%=6.40%，故计3分。", Decimal("6.40"), Decimal("5.40")),
    ("变动率=（6.80-7.50）/7.50×100%=9.33%", Decimal("9.33"), Decimal("-9.33")),
    ("完成率=（24.20+438.60）÷486.50×100%=96.87%", Decimal("96.87"), Decimal("95.13")),
])
def test_chain_error_is_reported_with_stated_and_expected(tmp_path, text, stated, expected):
    found = findings_of(tmp_path, "FML001", text)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert (f.stated, f.expected, f.unit) == (stated, expected, "%")
    assert f.location.kind == "paragraph"
    assert "应得" in f.message


def test_truncated_result_is_info_not_error(tmp_path):
    found = check(tmp_path, "完成率=2458/1000×100%=245%").findings
    assert [(f.rule, f.severity) for f in found] == [("PRC001", "info")]


def test_chain_in_a_table_cell_is_located_by_row_and_column(tmp_path):
    from tests.builders import table

    rows = [["指标", "说明", "得分"], ["在职人员控制率", "在职11人/编制13人=74.62%", "4"]]
    found = [f for f in check(tmp_path, table(rows)).findings if f.rule == "FML001"]
    assert len(found) == 1
    assert (found[0].location.kind, found[0].location.row, found[0].location.col) == ("table", 1, 1)


# ---- RST001 restated figures ----------------------------------------------------------------

def test_conclusion_that_restates_a_different_rate(tmp_path):
    found = findings_of(tmp_path, "RST001",
                        "在职人员控制率=（在职人员数/编制数）×100%=11/13×100%=84.62%。",
                        "综上，本年度在职人员控制率为100%，故计4分。")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert (found[0].stated, found[0].expected) == (100, Decimal("84.62"))
    assert "84.62%" in found[0].message


def test_restatement_tolerates_wording_and_rounding(tmp_path):
    result = check(tmp_path,
                   "“三公经费”控制率=6.12/6.80×100%=90.00%。",
                   "三公经费控制率为90%，财政供养人员控制率为84.62%。",
                   "在职人员控制率=11/13×100%=84.6%。")
    assert "RST001" not in rules(result)


def test_two_statements_that_differ_are_a_warning(tmp_path):
    found = findings_of(tmp_path, "RST001", "本单位核定编制13人。", "年末核定编制15人，实有11人。")
    assert [(f.severity, f.stated, settled(f)) for f in found] == [("warning", 15, 13)]


def test_previous_year_figures_are_not_this_years(tmp_path):
    result = check(tmp_path, "本年支出总计471.28万元。", "上年支出总计434.80万元。")
    assert "RST001" not in rules(result)


# ---- SUM001 breakdowns ------------------------------------------------------------------------

def test_breakdown_that_adds_up_is_silent(tmp_path):
    result = check(tmp_path,
                   "支出总计471.28万元，其中基本支出318.46万元，项目支出152.82万元。",
                   "实有在职人员11人，其中管理人员3人、专业技术人员7人、工勤人员1人；另有退休人员4人。",
                   "本年收入462.30万元。本年收入中财政拨款收入450.80万元，其他收入11.50万元。")
    assert "SUM001" not in rules(result)
    assert result.coverage.checked >= 3


def test_parts_exceeding_the_whole(tmp_path):
    found = findings_of(tmp_path, "SUM001", "支出总计471.28万元，其中基本支出328.46万元，项目支出152.82万元。")
    assert [(f.severity, f.stated, settled(f)) for f in found] == [("error", Decimal("471.28"), Decimal("481.28"))]


def test_people_are_added_to_people_and_money_to_money(tmp_path):
    found = findings_of(tmp_path, "SUM001", "共培训学员120人次，其中农户80人次，技术员30人次，支出2.40万元。")
    assert [(f.severity, settled(f)) for f in found] == [("warning", 110)]


def test_partial_list_is_not_exhaustive(tmp_path):
    result = check(tmp_path, "支出总计471.28万元，其中人员经费276.90万元。",
                   "全年项目支出152.82万元，其中主要包括检测费56.30万元、推广费42.60万元等。")
    assert "SUM001" not in rules(result)


def test_x_zhong_breakdown_refers_back_to_the_named_total(tmp_path):
    found = findings_of(tmp_path, "SUM001", "本年收入462.30万元。本年收入中财政拨款收入450.80万元，其他收入21.50万元。")
    assert len(found) == 1 and settled(found[0]) == Decimal("472.30")


def test_years_and_document_numbers_next_to_amounts_are_not_parts(tmp_path):
    result = check(tmp_path, "2025年支出共计53万元，其中依据财预〔2013〕53号文件安排33万元，2024年结转20万元。")
    assert "SUM001" not in rules(result)


# ---- SUM002 per head --------------------------------------------------------------------------

def test_a_product_is_shown_to_the_decimals_its_factors_give(tmp_path):
    # 95.00元 × 21.8900万亩: the area is rounded to 0.5亩 either way, so the product is 2,079.55万元 ± 0.0048 —
    # two decimals, not the four of the total it is held to; a count × a standard keeps the total's own
    [f] = findings_of(tmp_path, "SUM002", "按每亩95.00元的标准，全县21.8900万亩补贴面积共发放补贴资金2,064.5000万元。")
    assert (f.stated, f.expected) == (Decimal("2064.5000"), Decimal("95.00") * Decimal("218900") / 10000)
    assert f.message == "21.8900万亩×95.00元 应约为 2079.55万元，报告写作 2064.5000万元"
    [f] = findings_of(tmp_path, "SUM002", "资助学生586人，每人2,000元，共发放127.20万元。")
    assert (f.expected, f.message) == (Decimal("117.20"), "586人×2,000元 应为 117.20万元，报告写作 127.20万元")


def test_per_head_total(tmp_path):
    assert findings_of(tmp_path, "SUM002", "为32名学员发放补助，每人1,500元，共计48,000元。") == []
    found = findings_of(tmp_path, "SUM002", "为32名学员发放补助，每人1,500元，共计50,000元。")
    assert [(f.stated, f.expected) for f in found] == [(50000, 48000)]


# ---- CHG001 / CHG002 change rates -----------------------------------------------------------

def test_growth_rate_against_the_increase(tmp_path):
    assert findings_of(tmp_path, "CHG001", "支出总计471.28万元，比上年增加36.48万元，增长8.39%。") == []
    found = findings_of(tmp_path, "CHG001", "支出总计471.28万元，比上年增加36.48万元，增长9.39%。")
    assert [(f.stated, f.expected) for f in found] == [(Decimal("9.39"), Decimal("8.39"))]


def test_decrease_rate_and_from_to(tmp_path):
    ok = check(tmp_path, "三公经费支出6.12万元，同比减少0.68万元，下降10.00%。", "培训人次由200人次增长到250人次，增长25%。")
    assert "CHG001" not in rules(ok) and "CHG002" not in rules(ok)
    bad = check(tmp_path, "培训人次由200人次增长到250人次，增长20%。")
    assert [f.expected for f in bad.findings if f.rule == "CHG001"] == [25]


def test_growth_from_zero(tmp_path):
    found = check(tmp_path, "该项支出由0万元增加到12.00万元，增长100%。").findings
    assert [f.rule for f in found] == ["CHG002"]


# ---- CNT001 counted lists ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fires"), [
    ("中心内设五个科室（办公室、财务科、技术推广科、检测科、信息科）。", False),
    ("中心内设五个科室（办公室、财务科、技术推广科、检测科）。", True),
    ("坚持“三性”（合法性、合规性、有效性）原则。", False),
    ("坚持“三性”（合法性、有效性）原则。", True),
    ("推行9字工作法“早谋划、勤调度、严考核”。", False),
    ("推行12字工作法“早谋划、勤调度、严考核”。", True),
    ("采取三项措施：一是加强培训；二是完善制度；三是强化考核。", False),
    ("采取四项措施：一是加强培训；二是完善制度；三是强化考核。", True),
    ("下设五个科室（含两个派出机构）。", False),
])
def test_counted_lists(tmp_path, text, fires):
    assert ("CNT001" in rules(check(tmp_path, text))) is fires


# ---- GRIM001 ------------------------------------------------------------------------------------

def test_granularity(tmp_path):
    assert findings_of(tmp_path, "GRIM001", "共排查安全隐患12个，整改率为91.67%。") == []
    found = findings_of(tmp_path, "GRIM001", "共排查安全隐患12个，整改率为92.50%。")
    assert len(found) == 1 and settled(found[0]) == Decimal("91.67")
    # of 9: 7/9 = 77.78% and 8/9 = 88.89%; at 0 decimals 78% or 89%, so 80% is impossible
    found = findings_of(tmp_path, "GRIM001", "9项任务完成率80%。")
    assert [f.stated for f in found] == [Decimal(80)]
    values = {Decimal(c["value"]) for c in found[0].detail["candidates"] if c["value"] is not None}
    assert values == {Decimal(78), Decimal(89)}  # and the count 5 or 10 would give 80% (4/5, 8/10)
    assert "5项 或 10项" in found[0].message
    assert findings_of(tmp_path, "GRIM001", "9项任务完成率78%。") == []


# ---- BAL001 roll-forwards ---------------------------------------------------------------------

def test_roll_forward(tmp_path):
    ok = check(tmp_path, "收入总计486.50万元，本年收入462.30万元，上年结转24.20万元。",
               "支出总计471.28万元，年末结转结余15.22万元。")
    assert "BAL001" not in rules(ok)
    bad = check(tmp_path, "收入总计486.50万元，本年收入462.30万元，上年结转24.20万元。",
                "支出总计471.28万元，年末结转结余16.22万元。")
    found = [f for f in bad.findings if f.rule == "BAL001"]
    assert [(f.stated, settled(f)) for f in found] == [(Decimal("16.22"), Decimal("15.22"))]


def test_details_in_brackets_and_other_years_are_not_restatements(tmp_path):
    result = check(tmp_path,
                   "现有人员1894人，其中局本级187人（在职在编139人、退休8人、协管员40人），环卫处1707人（在职在编132人、"
                   "退休148人、临聘272人、3个市场化公司聘用1155人）。",
                   "2018年决算数44.29万元，2017年决算数29.08万元。", "2024年预算数63.46万元。本年预算数为70.00万元。")
    assert "RST001" not in rules(result) and "SUM001" not in rules(result)


def test_of_which_at_the_start_of_a_sentence_refers_back(tmp_path):
    ok = check(tmp_path, "现有编制人员205人。其中，局机关在职113人、离休2人、退休75人、财政事务中心10人，国库集中支付中心5人。")
    assert "SUM001" not in rules(ok) and ok.coverage.checked >= 1
    found = findings_of(tmp_path, "SUM001", "现有编制人员205人。其中，局机关在职113人、离休2人、退休76人、财政事务中心10人，"
                                            "国库集中支付中心5人。")
    assert [(f.stated, settled(f)) for f in found] == [(205, 206)]


def test_a_name_repeated_throughout_a_long_report_is_compared_pairwise_once(tmp_path, monkeypatch):
    """RST001 on a name stated n times weighs each statement against the others once (n²/2 pair
    tests), not once per candidate reference (n³: a 30-page report took eleven minutes)."""
    import checks.rules.restate as restate

    calls = 0
    real = restate.comparable

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(restate, "comparable", counted)
    n = 40
    texts = [f"本年度困难群众临时救助发放资金{100 + (k % 3)}.00万元。" for k in range(n)]
    found = findings_of(tmp_path, "RST001", *texts)
    assert found  # the values differ: the minority is reported
    assert calls <= n * (n - 1) // 2
