"""Mutants of the module-level helpers of checks/rules/prose.py killed as a reader sees them: the
decimals a recomputed product is shown to (`_places`), what a per-head rate is per and which counts
count it (`_rates_and_heads`, `_monthly`), several rates of one total (`_products`) and a total in
卷（件） counted in either unit (`_with_the_other_unit`, `Breakdown.check`). A sentence whose finding —
message, figures, place — or silence changes under the mutant. Expected figures come from the
test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.finding import Finding
from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document


def run(code: str, *paragraphs: str) -> list[Finding]:
    doc = Document(file="t.docx", format="docx",
                   blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])
    return check_document(doc, {code}, Settings()).findings


def only(code: str, *paragraphs: str) -> Finding:
    found = run(code, *paragraphs)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def place(text: str, figure: str) -> tuple[int, int]:
    at = text.index(figure)
    return at, at + len(figure)


# ---- SUM002: the decimals a product is shown to (_places, _about) --------------------------------

def test_a_product_of_whole_counts_is_shown_at_the_totals_own_precision() -> None:
    # 37 × 1,500 = 55,500元 = 5.55万元, exact (whole people, a standard rate): shown as the total is,
    # to one decimal, rounded half up: 5.6万元, and 应 (not 应约: nothing is lost to the factors' rounding)
    assert 37 * D(1500) == D(55500)
    f = only("SUM002", "为37名学员发放补助，每人1,500元，共计6.0万元。")
    assert f.message == "37名×1,500元 应为 5.6万元，报告写作 6.0万元"
    assert (f.stated, f.expected, f.unit) == (D("6.0"), D("5.6"), "万元")
    assert str(f.expected) == "5.6"


def test_an_area_rounded_to_a_hundredth_of_a_wan_mu_gives_whole_wan_yuan() -> None:
    # 12.35万亩 × 24.00元 = 296.40万元; the area stands for 12.345–12.355万亩, i.e. ±0.005万亩 × 24
    # = ±0.12万元: more than a unit of the second decimal (0.01) and of the first (0.1), so the
    # product can be given to the whole 万元 only: 应约为 296万元
    text = "按每亩24.00元的标准，全县12.35万亩补贴面积共发放补贴资金300.00万元。"
    assert D("12.35") * 24 == D("296.40") and D("0.005") * 24 == D("0.12")
    f = only("SUM002", text)
    assert f.message == "12.35万亩×24.00元 应约为 296万元，报告写作 300.00万元"
    assert (f.stated, f.expected, f.unit) == (D("300.00"), D(296), "万元")
    assert (f.location.start, f.location.end) == place(text, "300.00万元")


def test_a_rounding_of_exactly_one_unit_of_a_decimal_keeps_that_decimal() -> None:
    # 2.00万亩 × 20.00元 = 40.00万元 ± 0.005 × 20 = ±0.1万元: more than a hundredth, but not more
    # than a tenth — the first decimal holds: 应约为 40.0万元 (not 40.00, not 40)
    assert D("0.005") * 20 == D("0.1")
    f = only("SUM002", "按每亩20.00元的标准，全县2.00万亩补贴面积共发放补贴资金45.00万元。")
    assert f.message == "2.00万亩×20.00元 应约为 40.0万元，报告写作 45.00万元"
    assert (f.stated, f.expected) == (D("45.00"), D("40.0"))
    assert str(f.expected) == "40.0"


def test_a_product_rounder_than_a_whole_unit_is_still_shown_to_the_unit() -> None:
    # 1.2万亩 × 95.00元 = 114万元 ± 0.05 × 95 = ±4.75万元: the total is in whole 万元 already, and
    # no figure is ever shown to tens: 应为 114万元
    assert D("1.2") * 95 == D(114)
    f = only("SUM002", "按每亩95.00元的标准，全县1.2万亩补贴面积共发放补贴资金120万元。")
    assert f.message == "1.2万亩×95.00元 应为 114万元，报告写作 120万元"
    assert (f.stated, f.expected) == (D(120), D(114))
    assert str(f.expected) == "114"


# ---- SUM002: monthly rates and person-months (_rates_and_heads, _monthly) --------------------------

def test_a_monthly_rate_at_the_very_start_of_the_paragraph_counts_person_months_once() -> None:
    # 每月每人1,200元 × 1,436人月 = 1,723,200元 = 172.32万元 (the months are counted already: no × 12)
    assert 1436 * 1200 == 1723200
    text = "每月每人1,200元，全年累计1,436人月，共计发放岗位补贴182.32万元。"
    f = only("SUM002", text)
    assert f.message == "1,436人月×1,200元 应为 172.32万元，报告写作 182.32万元"
    assert (f.stated, f.expected) == (D("182.32"), D("172.32"))
    assert run("SUM002", text.replace("182.32", "172.32")) == []


def test_person_months_beside_a_rate_paid_once_are_not_who_was_paid() -> None:
    # 每人1,500元 is paid once: the 360人月 of work is no head count of it; 120 × 1,500 = 18.00万元
    assert 120 * 1500 == 180000
    f = only("SUM002", "为120名学员发放补助，每人1,500元，共计20.00万元，培训工作量累计360人月。")
    assert f.message == "120名×1,500元 应为 18.00万元，报告写作 20.00万元"
    assert (f.stated, f.expected) == (D("20.00"), D("18.00"))


def test_a_monthly_rate_that_does_not_say_per_whom_counts_the_people_of_the_sentence() -> None:
    # 每月…单价1,200元 (per whom not said), 58 people, 全年: 58 × 1,200 × 12 = 835,200元 = 83.52万元
    assert 58 * 1200 * 12 == 835200
    f = only("SUM002", "全年为58名低保对象发放生活补助，每月补助单价1,200元，共计80.00万元。")
    assert f.message == "58名×1,200元×12 应为 83.52万元，报告写作 80.00万元"
    assert (f.stated, f.expected) == (D("80.00"), D("83.52"))


def test_a_monthly_rate_per_person_is_not_multiplied_by_households() -> None:
    # 每人每月200元 for 58户: how many people the households hold is not said — nothing to recompute
    assert run("SUM002", "全年为58户困难家庭发放生活补助，每人每月200元，共计150,000元。") == []


def test_a_monthly_rate_per_household_is_not_multiplied_by_person_months() -> None:
    # 每户每月200元 × 58户 × 12 = 139,200元; the 696人月 of service is another measure, no head count
    assert 58 * 200 * 12 == 139200
    f = only("SUM002", "全年为58户困难家庭发放生活补助，每户每月200元，共计150,000元，累计服务696人月。")
    assert f.message == "58户×200元×12 应为 139,200元，报告写作 150,000元"
    assert (f.stated, f.expected) == (D(150000), D(139200))


def test_a_per_month_word_nine_characters_back_is_not_the_rates_period() -> None:
    # “每月之星” names an award; the 1,500元 is paid once to each of the 120 stars: 120 × 1,500 =
    # 18.00万元. The 360人月 of training is no head count of it.
    text = "全年评出“每月之星”120名，“每月之星”每人奖励1,500元，共计发放奖金20.00万元，参训学员累计360人月。"
    assert text.index("1,500") - text.rindex("每月", 0, text.index("1,500")) == 9
    assert 120 * 1500 == 180000
    f = only("SUM002", text)
    assert f.message == "120名×1,500元 应为 18.00万元，报告写作 20.00万元"
    assert (f.stated, f.expected) == (D("20.00"), D("18.00"))

# ---- SUM002: two rates of one total (_products) ---------------------------------------------------

SUBSIDY = "按每亩95.00元的标准，全县21.8900万亩补贴面积共发放补贴资金2,100.0000万元，惠及农户31,050户，户均补贴669.74元"


def test_last_years_amount_after_two_rates_is_not_a_second_total() -> None:
    # 21.8900万亩 × 95.00元 = 2,079.5500万元 (± 0.00005万亩 × 95: shown to the hundredth, 应约);
    # 31,050户 × 669.74元 = 2,079.5427万元: neither gives 2,100.0000万元. 上年为1,980.00万元 is last year's.
    assert D("21.89") * 95 == D("2079.55") and 31050 * D("669.74") == D("20795427.00")
    for text in (SUBSIDY + "。", SUBSIDY + "，上年为1,980.00万元。"):
        f = only("SUM002", text)
        assert f.message == "21.8900万亩×95.00元 应约为 2079.55万元，报告写作 2100.0000万元"  # under 10,000: no separators
        assert (f.stated, f.expected) == (D("2100.0000"), D("2079.55"))
        assert (f.location.start, f.location.end) == place(text, "2,100.0000万元")


def test_two_rates_without_a_total_are_not_checked() -> None:
    assert run("SUM002", "按每亩95.00元的标准，全县21.8900万亩补贴面积，惠及农户31,050户，户均补贴669.74元。") == []


# ---- SUM001: a total in 卷（件） counted in either unit (_with_the_other_unit, Breakdown.check) --------

ARCHIVE = "截至年末，馆藏档案总计212,400卷（件），其中文书档案150,300卷、科技档案41,900卷"


def test_items_in_the_other_unit_that_do_not_make_up_the_total_leave_the_list_short() -> None:
    # 150,300 + 41,900 卷 + 10,200件 = 202,400, short of 212,400 by 10,000 (under a tenth): a warning
    assert 150300 + 41900 + 10200 == 202400
    text = ARCHIVE + "、声像档案10,200件；馆藏资料另计8,600册。"
    f = only("SUM001", text)
    assert (f.rule, f.severity, f.stated, f.unit) == ("SUM001", "warning", D(212400), "卷")
    assert (f.location.start, f.location.end) == place(text, "212,400卷")
    # with 20,200件 the two units make up the total: nothing to say
    assert run("SUM001", ARCHIVE + "、声像档案20,200件；馆藏资料另计8,600册。") == []


def test_a_figure_in_the_other_unit_in_the_next_sentence_is_no_item_of_the_list() -> None:
    # the list ends at 。: 150,300 + 41,900 = 192,200卷, 20,200 short (under a tenth) — a warning;
    # the 20,200件 digitised next sentence are not the missing items
    assert 212400 - (150300 + 41900) == 20200
    f = only("SUM001", ARCHIVE + "。20,200件档案已完成数字化扫描。")
    assert (f.severity, f.stated) == ("warning", D(212400))


def test_a_list_made_up_in_either_unit_does_not_stop_the_lists_after_it() -> None:
    # the archive's list adds up with its 件; the next paragraph's does not: 318.46 + 162.82 = 481.28 > 471.28
    assert D("318.46") + D("162.82") == D("481.28")
    f = only("SUM001", ARCHIVE + "、声像档案20,200件。", "支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。")
    assert (f.severity, f.stated, f.unit) == ("error", D("471.28"), "万元")
    assert f.message.startswith("分项之和超过总数：总数 471.28万元，所列 2 项（318.46万元、162.82万元）之和为 481.28万元，二者不一致")
    assert f.location.block == 1


def test_items_in_the_other_unit_that_take_the_list_over_the_total_are_named_in_the_finding() -> None:
    # 150,300 + 41,900 卷 + 30,200件 = 222,400, over 212,400: an error that lists the three items and
    # their whole sum (not the 卷 alone, 192,200, which would call the list short)
    assert 150300 + 41900 + 30200 == 222400
    f = only("SUM001", ARCHIVE + "、声像档案30,200件。")
    assert (f.severity, f.stated, f.unit) == ("error", D(212400), "卷")
    assert f.message.startswith("分项之和超过总数：总数 212,400卷，所列 3 项（150,300卷、41,900卷、30,200件）之和为 222,400卷")
    assert [p["value"] for p in f.detail["parts"]] == ["150,300卷", "41,900卷", "30,200件"]


def test_a_count_in_the_lead_in_of_a_list_is_not_one_of_its_items_in_the_other_unit() -> None:
    # 18所（个）: the list after 三个街道中 names 8 + 6 + 1 = 15, complete (其余), 3 short; the 三个 of its
    # lead-in is no item (counted, 8 + 6 + 3 + 1 would make the 18)
    assert 8 + 6 + 1 == 15
    f = only("SUM001", "服务人口共12万三个街道18所（个）。三个街道中，甲街道8所、其余街道6所、教学点1个。")
    assert (f.severity, f.stated) == ("error", D(18))
    assert "所列 3 项" in f.message and "之和为 15所" in f.message
