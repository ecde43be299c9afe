"""Mutants of extractor/quantities.py `unit_info`, `_trim_unit_end` and `_Claims.free` killed on what a
reviewer reads: a unit's kind, base unit and scale (千万元 is 10^7 元, 万元/人 is money per head, 百分比
is a percentage, ‰ a rate per thousand), where a unit ends after a figure (3部分 is no count of 部),
and figures that sit right against a list marker or a code (“(1)120个”, “50个5G基站”). Expected values
come from the test's own arithmetic or are written down by hand."""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document
from extractor.quantities import parse_quantities, unit_info


def findings(code: str, *paragraphs: str) -> list[tuple[D | None, D | None, str]]:
    doc = Document(file="t.docx", format="docx",
                   blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])
    return [(f.stated, f.expected, f.message) for f in check_document(doc, {code}, Settings()).findings]


def read(text: str) -> list[tuple[object, ...]]:
    return [(q.kind, q.value, q.unit, q.base_unit, q.scale, q.text) for q in parse_quantities(text)]


# --- scale words: 千万 = 10^7, 百万 = 10^6 ------------------------------------------------------------

def test_a_total_in_qian_wan_yuan_is_summed_with_items_in_wan_yuan() -> None:
    items = D(700) * 10**4 + D(500) * 10**4  # 1,200万元 = 1.2千万元
    assert items / 10**7 == D("1.2")
    assert findings("SUM001", "项目总投资1.2千万元，其中中央资金700万元、地方资金500万元。") == []
    assert findings("SUM001", "项目总投资1.3千万元，其中中央资金700万元、地方资金500万元。") == [(
        D("1.3"), None,
        "分项之和小于总数，若为完整列举则有误：总数 1.3千万元，所列 2 项（700万元、500万元）之和为 1.2千万元，"
        "二者不一致；若分项无误，总数应为 1.2千万元；若总数无误，分项之和差 0.1千万元（或列举不全）")]


def test_a_total_in_bai_wan_yuan_is_summed_with_items_in_wan_yuan() -> None:
    items = D(700) * 10**4 + D(400) * 10**4  # 1,100万元 = 11百万元
    assert items / 10**6 == D(11)
    assert findings("SUM001", "项目总投资11百万元，其中中央资金700万元、地方资金400万元。") == []
    assert findings("SUM001", "项目总投资12百万元，其中中央资金700万元、地方资金400万元。") == [(
        D(12), None,
        "分项之和小于总数，若为完整列举则有误：总数 12百万元，所列 2 项（700万元、400万元）之和为 11百万元，"
        "二者不一致；若分项无误，总数应为 11百万元；若总数无误，分项之和差 1百万元（或列举不全）")]


def test_scale_words_read_as_money() -> None:
    assert read("总投资1.2千万元") == [("amount", D("1.2"), "千万元", "元", 10**7, "1.2千万元")]
    assert read("总投资12百万元") == [("amount", D(12), "百万元", "元", 10**6, "12百万元")]
    assert unit_info(None, "千万") == ("amount", "元", 10**7)
    assert unit_info(None, "百万") == ("amount", "元", 10**6)
    assert unit_info("元", "千万") == ("amount", "元", 10**7)


# --- money per head: 万元/人 ------------------------------------------------------------------------

def test_a_per_head_rate_in_wan_yuan_per_person_times_the_head_count() -> None:
    total = 20 * D("1.5")  # 20名 × 1.5万元/人 = 30万元
    assert findings("SUM002", "向20名人才发放安家补助1.5万元/人，共计30万元。") == []
    assert findings("SUM002", "向20名人才发放安家补助1.5万元/人，共计25万元。") == [
        (D(25), total, "20名×1.5万元/人 应为 30万元，报告写作 25万元")]


def test_money_per_unit_keeps_its_scale_and_its_per_part() -> None:
    assert read("人均补助1.5万元/人") == [("amount", D("1.5"), "万元/人", "元/人", 10**4, "1.5万元/人")]
    assert read("人均2,500元/人") == [("amount", D(2500), "元/人", "元/人", 1, "2,500元/人")]
    assert unit_info("千元/平方米") == ("amount", "元/平方米", 10**3)


# --- 百分比, ‰, 百分点 -------------------------------------------------------------------------------

def test_a_rate_written_with_baifenbi_is_held_to_its_formula_like_one_with_percent() -> None:
    assert D(11) / D(13) * 100 == D("84.61538461538461538461538462")  # 84.62%
    assert findings("RST001", "1.在职人员控制率。在职人员控制率=11/13×100%=84.62%。",
                    "综上，本年度在职人员控制率为100百分比，故计4分。") == [
        (D(100), D("84.62"), "“在职人员控制率”此处写作 100%，而前文公式结果为 84.62%，应为 84.62%")]
    assert findings("RST001", "1.在职人员控制率。在职人员控制率=11/13×100%=84.62%。",
                    "综上，本年度在职人员控制率为84.62百分比，故计4分。") == []


def test_a_rate_per_thousand_is_computed_per_thousand() -> None:
    assert D(3) / D(1200) * 1000 == D("2.5")
    assert findings("FML001", "1.资产闲置率。资产闲置率=3/1200×1000‰=2.60‰。") == [
        (D("2.60"), D("2.50"), "“资产闲置率”计算错误：3/1200×1000‰ 应得 2.50‰，报告写作 2.60‰")]
    assert findings("FML001", "1.资产闲置率。资产闲置率=3/1200×1000‰=2.50‰。") == []


def test_percent_permille_and_points_are_three_kinds() -> None:
    assert read("满意度95百分比") == [("percent", D(95), "%", "%", 1, "95百分比")]
    assert read("不良率2.5‰") == [("permille", D("2.5"), "‰", "‰", 1, "2.5‰")]
    assert read("同比提高3百分点") == [("points", D(3), "百分点", "个百分点", 1, "3百分点")]
    assert read("同比提高3个百分点") == [("points", D(3), "个百分点", "个百分点", 1, "3个百分点")]
    assert unit_info("百分比") == ("percent", "%", 1)
    assert unit_info("‰") == ("permille", "‰", 1)
    assert unit_info("百分点") == ("points", "个百分点", 1)


# --- where a unit ends: a counter that starts a word is no unit ------------------------------------

def test_a_counter_that_opens_a_word_is_not_the_figure_s_unit() -> None:
    assert read("报告分为3部分") == [("number", D(3), None, None, 1, "3")]
    assert read("发放1次性补贴") == [("number", D(1), None, None, 1, "1")]
    assert read("分为3部，每部5人") == [("count", D(3), "部", "部", 1, "3部"), ("count", D(5), "人", "人", 1, "5人")]


def test_fen_before_zhi_or_zhi_value_is_no_score() -> None:
    # 3分之1 is a fraction written in words; 10分值 names a weight — neither is a score of 3 or 10 分
    assert read("占总数的3分之1") == [("number", D(3), None, None, 1, "3"), ("number", D(1), None, None, 1, "1")]
    assert read("该指标10分值") == [("number", D(10), None, None, 1, "10")]
    assert read("该指标得10分") == [("score", D(10), "分", "分", 1, "10分")]


# --- figures right against a marker or a code keep their place -------------------------------------

def test_items_right_after_their_list_markers_are_summed() -> None:
    assert 120 + 50 == 170
    assert findings("SUM001", "全年新建通信基站170个，其中：(1)120个建在行政村；(2)50个建在社区。") == []
    assert findings("SUM001", "全年新建通信基站180个，其中：(1)120个建在行政村；(2)50个建在社区。") == [(
        D(180), None,
        "分项之和小于总数，若为完整列举则有误：总数 180个，所列 2 项（120个、50个）之和为 170个，二者不一致；"
        "若分项无误，总数应为 170个；若总数无误，分项之和差 10个（或列举不全）")]


def test_items_right_before_a_code_are_summed() -> None:
    assert findings("SUM001", "全年新建通信基站170个，其中行政村新建120个5G基站、社区新建50个5G基站。") == []
    assert findings("SUM001", "全年新建通信基站180个，其中行政村新建120个5G基站、社区新建50个5G基站。") == [(
        D(180), None,
        "分项之和小于总数，若为完整列举则有误：总数 180个，所列 2 项（120个、50个）之和为 170个，二者不一致；"
        "若分项无误，总数应为 170个；若总数无误，分项之和差 10个（或列举不全）")]


def test_figures_touching_a_marker_or_code_are_read_with_their_spans() -> None:
    text = "(1)120个行政村新建50个5G基站"
    assert [(q.kind, q.value, q.unit, q.start, q.end) for q in parse_quantities(text)] == [
        ("count", D(120), "个", 3, 7), ("count", D(50), "个", 12, 15)]
    assert text[3:7] == "120个" and text[12:15] == "50个"
