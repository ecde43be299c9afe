"""Mutants of the helpers of checks/rules/prose.py (SUM001 lists paired item by item with another
measure; SUM002 heads, rates, totals, periods and what a rate is per) killed as a reader sees them:
a sentence whose finding — severity, figures, wording — or silence changes under the mutant.
Expected figures come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from checks.finding import Finding
from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document

TITLE = "2024年度残疾人护理补贴项目绩效自评报告"


def run(code: str, *paragraphs: str) -> list[Finding]:
    doc = Document(file="t.docx", format="docx",
                   blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])
    return check_document(doc, {code}, Settings()).findings


def figures(code: str, *paragraphs: str) -> list[tuple[str, Decimal | None, Decimal | None]]:
    return [(f.severity, f.stated, f.expected) for f in run(code, *paragraphs)]


# ---- SUM001: a list whose items carry a second measure that adds up to its own total ---------------

ROAD, WATER, WHOLE = Decimal("1685.92"), Decimal("279.91"), Decimal("1975.83")  # 万元
SUMMED = ROAD + WATER  # 1,965.83万元, 10.00万元 short of the whole: within a tenth, so at least a warning
SHORT_NOTE = (f"若分项无误，总数应为 {SUMMED}万元；若总数无误，分项之和差 {WHOLE - SUMMED}万元")
PAIRED_WHY = "同一列举各项所附的另一组数恰好加总为5个，各项已列全，但本组分项之和不等于总数"
WARNING_WHY = "分项之和小于总数，若为完整列举则有误"


def breakdown(*paragraphs: str) -> tuple[str, str]:
    [f] = run("SUM001", *paragraphs)
    assert f.stated == WHOLE
    return f.severity, f.message


def test_projects_counted_item_by_item_that_add_up_make_the_amounts_a_complete_list() -> None:
    # 3 + 2 projects = the 5 stated: every project is listed, so the amounts must add up too
    assert 3 + 2 == 5
    severity, message = breakdown(
        "全年实施项目5个，执行资金1,975.83万元，其中：道路类项目3个、执行1,685.92万元；水利类项目2个、执行279.91万元。")
    assert severity == "error"
    assert message == (f"{PAIRED_WHY}：总数 {WHOLE}万元，所列 2 项（{ROAD}万元、{WATER}万元）之和为 {SUMMED}万元，"
                       f"二者不一致；{SHORT_NOTE}")
    # the same with a count that is one short (3 + 1 ≠ 5): the counts prove nothing, a warning only
    assert breakdown("全年实施项目5个，执行资金1,975.83万元，其中：道路类项目3个、执行1,685.92万元；"
                     "水利类项目1个、执行279.91万元。")[0] == "warning"


def test_the_pairing_measure_may_be_listed_after_one_that_does_not_pair() -> None:
    # projects by kind are listed apart (they do not pair with the amounts); the households served
    # are written beside each amount and add up: 800 + 400 = 1,200户
    assert 800 + 400 == 1200
    severity, message = breakdown(
        "全年实施项目5个，惠及农户1,200户，执行资金1,975.83万元，其中：道路类项目3个、水利类项目2个，"
        "道路类执行1,685.92万元、惠及800户，水利类执行279.91万元、惠及400户。")
    assert severity == "error"
    assert message.startswith("同一列举各项所附的另一组数恰好加总为1,200户，各项已列全")


def test_counts_of_another_division_listed_apart_do_not_make_the_amounts_complete() -> None:
    # 新建/续建 projects, then the money by source: two lists of different things, not paired
    severity, message = breakdown(
        "全年实施项目5个，执行资金1,975.83万元，其中：新建项目3个、续建项目2个，使用财政资金1,685.92万元、自筹资金279.91万元。")
    assert (severity, message.split("：")[0]) == ("warning", WARNING_WHY)
    assert message.endswith(f"{SHORT_NOTE}（或列举不全）")


def test_a_count_list_with_one_more_item_than_the_amounts_does_not_pair() -> None:
    # three kinds of projects counted (the third with no amount): the amounts list only two of them
    severity, message = breakdown(
        "全年实施项目5个，执行资金1,975.83万元，其中：道路类项目3个、执行1,685.92万元；水利类项目1个、执行279.91万元；"
        "其他项目1个。")
    assert (severity, message.split("：")[0]) == ("warning", WARNING_WHY)


def test_a_count_list_declared_partial_does_not_make_the_amounts_complete() -> None:
    # 主要为…项目3个: the projects named are the main ones, not said to be all of them
    severity, message = breakdown(
        "全年实施项目5个，执行资金1,975.83万元，其中：道路类执行1,685.92万元，主要为农村公路项目3个；"
        "水利类执行279.91万元，主要为小型水库项目2个。")
    assert (severity, message.split("：")[0]) == ("warning", WARNING_WHY)


def test_a_count_list_of_another_paragraph_does_not_pair_with_the_amounts() -> None:
    # the second paragraph's list starts at the same offset and its figures fall between the first's
    first = "执行资金1,975.83万元，其中：道路类执行1,685.92万元；水利类执行279.91万元。"
    second = "本年度开工实施的项目共计5个，其中：道路类新建项目3个；水利类小型水库除险加固项目2个。"
    assert first.index("其中") == second.index("其中")
    assert first.index("1,685") < second.index("3个") < first.index("279") < second.index("2个")
    severity, message = breakdown(first, second)
    assert (severity, message.split("：")[0]) == ("warning", WARNING_WHY)


# ---- SUM002: totals of several products, and the figures that are not totals ------------------------

def test_last_years_rate_after_this_years_is_not_the_total_of_the_products() -> None:
    # 58 × 200 × 12 + 121 × 120 × 12; the 180元 of last year is no second total
    total = 58 * 200 * 12 + 121 * 120 * 12
    assert total == 313440
    found = run("SUM002", "一级护理58人，每人每月200元，较上年的180元有所提高；二级护理121人，每人每月120元，全年合计331,440元。")
    assert [(f.severity, f.stated, f.expected, f.message) for f in found] == [
        ("error", Decimal(331440), Decimal(total), "58人×200元×12 + 121人×120元×12 应为 313,440元，报告写作 331,440元")]
    assert found[0].detail == {"products": ["58人×200元×12", "121人×120元×12"], "formula": "总数 = Σ 人数 × 人均"}


def test_products_of_last_year_are_checked_against_last_years_total() -> None:
    # a sentence of 2023 in the report on 2024: rates and total alike are of the prior year
    expected = 58 * 200 * 12 + 121 * 120 * 12
    assert figures("SUM002", TITLE, "2023年，护理补贴按等级发放：一级护理58人，每人每月200元；二级护理121人，每人每月120元，"
                                    "全年合计331,440元。") == [("error", Decimal(331440), Decimal(expected))]
    assert figures("SUM002", TITLE, "2023年，为30名学员发放补助，每人1,500元，共计50,000元。") == [
        ("error", Decimal(50000), 30 * Decimal(1500))]
    assert figures("SUM002", "上年人均补助1,500元，上年30名学员共获补助50,000元。") == [
        ("error", Decimal(50000), 30 * Decimal(1500))]


def test_a_target_count_in_a_group_is_not_who_was_paid() -> None:
    # 超过目标50人 beside the 58 paid: the product is 58 × 200 × 12, not 50 × 200 × 12
    expected = 58 * 200 * 12 + 121 * 120 * 12
    found = run("SUM002", "一级护理58人，每人每月200元，超过目标50人；二级护理121人，每人每月120元，全年合计331,440元。")
    assert [(f.stated, f.expected, f.message) for f in found] == [
        (Decimal(331440), Decimal(expected), "58人×200元×12 + 121人×120元×12 应为 313,440元，报告写作 331,440元")]


def test_amounts_per_mu_are_not_multiplied_by_households_in_groups() -> None:
    # 每亩15元: what 46户 and 38户 received depends on their 亩, not given
    assert run("SUM002", "A村种粮大户46户，每亩补助15元；B村种粮大户38户，每亩补助15元，合计发放补助18,900元。") == []


def test_a_count_of_townships_beside_the_product_does_not_hide_it() -> None:
    assert figures("SUM002", "为32名学员发放补助，每人1,500元，共计50,000元，覆盖5个乡镇。") == [
        ("error", Decimal(50000), 32 * Decimal(1500))]


# ---- SUM002: what a rate is per ------------------------------------------------------------------

def test_an_amount_per_show_written_after_it_counts_the_shows() -> None:
    # 86 × 3,500 = 301,000元 = 30.10万元
    assert 86 * 3500 == 301000
    found = run("SUM002", "全年送戏下乡86场，补助标准3,500元/场，共计30.00万元。")
    assert [(f.stated, f.expected, f.message) for f in found] == [
        (Decimal("30.00"), Decimal("30.10"), "86场×3,500元 应为 30.10万元，报告写作 30.00万元")]


def test_an_amount_per_show_at_the_start_of_the_paragraph() -> None:
    assert figures("SUM002", "每场补助3,500元，全年送戏下乡86场，共计30.00万元。") == [
        ("error", Decimal("30.00"), Decimal("30.10"))]


def test_an_amount_per_visit_is_not_multiplied_by_people() -> None:
    # 15元/人次 (the reader takes 元/人 as the unit, 次 follows it): 120 people made an unknown number of visits
    assert run("SUM002", "为120名老人提供助餐服务，补助标准15元/人次，共计2,000元。") == []


def test_a_per_mu_word_eleven_characters_back_is_not_what_the_unit_price_is_per() -> None:
    # 每亩增产 speaks of yield; the 补贴单价 is per household: 1,172 × 300 = 351,600元 = 35.16万元
    text = "全村1,172户水稻每亩增产明显，补贴单价300元，共发放补贴40.00万元。"
    assert text.index("300") - text.index("每亩") == 11
    assert figures("SUM002", text) == [("error", Decimal("40.00"), Decimal("35.16"))]


# ---- SUM002: how many periods a rate counts for ----------------------------------------------------

def test_a_one_off_payment_each_time_counts_once() -> None:
    # 46人次 × 500元, paid once each time (一次性), though 全年 is in the sentence
    found = run("SUM002", "全年慰问住院困难职工46人次，每次一次性补助500元，共计25,000元。")
    assert [(f.stated, f.expected, f.message) for f in found] == [
        (Decimal(25000), 46 * Decimal(500), "46人次×500元 应为 23,000元，报告写作 25,000元")]


def test_a_rate_per_person_per_activity_without_the_activities_is_not_multiplied() -> None:
    # 46 volunteers, 50元 each per activity: how many activities is not said (46 × 50 = 2,300 is one)
    assert run("SUM002", "为46名志愿者发放服务补贴，每次活动每人补贴50元，共计6,900元。") == []


# ---- SUM002: each sentence on its own ---------------------------------------------------------------

YEAR_LEAD = "全年共发放护理补贴12次。"  # 全年 in the sentence before: December's payment is one month's


def test_a_year_named_in_the_sentence_before_does_not_make_a_monthly_rate_yearly() -> None:
    assert run("SUM002", YEAR_LEAD + "12月份为86名重度残疾人发放护理补贴，每人每月100元，共计8,600元。") == []


def test_a_year_named_in_the_sentence_before_does_not_reach_a_group_of_the_next() -> None:
    assert run("SUM002", YEAR_LEAD + "12月份，一级护理58人，每人每月200元，发放11,600元；"
                                     "二级护理121人，每人每月120元，发放14,520元。") == []


def test_a_year_named_in_the_sentence_before_does_not_reach_a_sum_of_products() -> None:
    # 58 × 200 + 121 × 120 = 26,120元 for the month
    assert 58 * 200 + 121 * 120 == 26120
    assert run("SUM002", YEAR_LEAD + "12月份，一级护理58人，每人每月200元；二级护理121人，每人每月120元，合计发放26,120元。") == []


def test_a_per_day_word_of_the_sentence_before_does_not_reach_the_rate() -> None:
    # 每天8课时 ends the sentence before, 每人1,500元 opens the next: the rate is per person, once
    assert figures("SUM002", "开展新型职业农民集中培训5天，每天8课时。每人1,500元，共为32名学员发放补助50,000元。") == [
        ("error", Decimal(50000), 32 * Decimal(1500))]


def test_every_sentence_of_a_paragraph_is_checked() -> None:
    quarterly = "向86名重度残疾人发放护理补贴，每人每季300元，全年共计100,000.00元。"
    expected = 86 * Decimal(300) * 4
    # after a sentence with no product
    assert figures("SUM002", YEAR_LEAD + quarterly) == [("error", Decimal("100000.00"), expected)]
    # after a sentence whose product holds: 32 × 1,500 = 48,000
    assert figures("SUM002", "为32名学员发放补助，每人1,500元，共计48,000元。" + quarterly) == [
        ("error", Decimal("100000.00"), expected)]


def test_a_division_of_the_whole_written_before_the_list_still_proves_it_complete() -> None:
    # 续建3个 + 新建2个 = the 5 projects stated in the sentence before: every project is listed, so
    # 1,685.92 + 279.91 = 1,965.83 short of 1,975.83 is an error, not a possibly partial list
    assert 3 + 2 == 5 and ROAD + WATER != WHOLE
    [f] = run("SUM001", "实施项目共5个。执行资金1,975.83万元，其中：续建项目3个、执行1,685.92万元；"
                        "新建项目2个、执行279.91万元。")
    assert (f.severity, f.stated, f.expected) == ("error", WHOLE, None)  # either the total or a part is wrong
    assert f.message.startswith(PAIRED_WHY) and f.message.endswith(SHORT_NOTE)


def test_a_rate_per_visit_is_read_however_wide_the_spacing_round_its_slash() -> None:
    # 12元 per 人次 (a visit), not per person: 140 people × 12元 is no total of visits, so no finding
    for before, after in (("", ""), (" ", " "), (" ", "     ")):
        assert run("SUM002", f"为140名老人提供助餐服务，补助标准12元{before}/{after}人次，全年共计3,000元。") == []
    # the same rate per person is checked: 140 × 12 = 1,680元
    [f] = run("SUM002", "为140名老人提供助餐服务，补助标准12元 /     人，全年共计3,000元。")
    assert (f.stated, f.expected) == (Decimal(3000), 140 * Decimal(12))
