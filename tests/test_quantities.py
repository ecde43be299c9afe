"""The quantity parser: every way reports write figures, and words that must stay words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.quantities import parse_quantities, scan


def one(text: str):
    qs = parse_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "base_unit", "scale", "decimals"),
    [
        ("支出1,432,300.00元", "1432300.00", "元", "元", 1, 2),
        ("项目经费48.072万元", "48.072", "万元", "元", 10_000, 3),
        ("总投资1.3亿元", "1.3", "亿元", "元", 100_000_000, 1),
        ("满意度９８％", "98", "%", "%", 1, 0),
        ("变动率-52.32%", "-52.32", "%", "%", 1, 2),
        ("完成率84.62％。", "84.62", "%", "%", 1, 2),
        ("下降0.5个百分点", "0.5", "个百分点", "个百分点", 1, 1),
        ("结余率3‰", "3", "‰", "‰", 1, 0),
        ("培训1,200人次", "1200", "人次", "人次", 1, 0),
        ("计4分", "4", "分", "分", 1, 0),
        ("共5家单位", "5", "家", "家", 1, 0),
        ("发放问卷200份", "200", "份", "份", 1, 0),
        ("面积25.29㎡", "25.29", "㎡", "㎡", 1, 2),
        ("服务3.9万人", "3.9", "万人", "人", 10_000, 1),
        ("补助22万", "22", "万", "元", 10_000, 0),
        ("人均2,500元/人", "2500", "元/人", "元/人", 1, 0),
    ],
)
def test_arabic_figures(text, value, unit, base_unit, scale, decimals):
    q = one(text)
    assert q.value == Decimal(value)
    assert q.unit == unit
    assert q.base_unit == base_unit
    assert q.scale == scale
    assert q.decimals == decimals
    assert text[q.start:q.end] == q.text


def test_base_value_scales_to_yuan():
    assert one("48.072万元").base_value == Decimal("480720")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("共有十三人", 13, "人"), ("设五部（甲、乙、丙、丁、戊）", 5, "部"), ("坚持“三性”原则", 3, "性"),
     ("推行12字工作法", 12, "字"), ("两千人次参加", 2000, "人次"), ("一万二千人", 12000, "人"),
     ("扣一分", 1, "分"), ("百分之九十五", 95, "%"), ("落实三项措施", 3, "项")],
)
def test_chinese_numerals_in_counts(text, value, unit):
    q = one(text)
    assert q.value == value
    assert q.unit == unit
    assert q.chinese == (not any(ch.isdigit() for ch in text))


@pytest.mark.parametrize(
    "text",
    ["“三公经费”支出", "三公经费控制率", "一般公共预算", "统一部署", "一是加强管理", "十分重视", "一次性补助",
     "一部分资金", "千家万户", "进一步完善", "一些问题", "一致认为", "五位一体", "第三方评价", "第十三条规定",
     "“十四五”规划"],
)
def test_words_are_not_numbers(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [("2019年", "year"), ("2019年度", "year"), ("2018-2020年", "year"), ("2019年12月31日", "date"),
     ("2019年6月", "date"), ("6月底", "date"), ("12月31日", "date"), ("2019-07-09", "date"),
     ("〔2018〕2号", "docnum"), ("[2020]7号", "docnum"), ("〔201910号", "docnum"), ("第3次", "ordinal"),
     ("（1）", "marker"), ("0730-8888888", "code"), ("51000021R000000019951", "code"), ("15:30", "time")],
)
def test_non_quantities_are_markers(text, kind):
    quantities, markers = scan(text)
    assert quantities == [], [q.text for q in quantities]
    assert [m.kind for m in markers] == [kind]


def test_list_and_section_numbers_are_not_quantities():
    text = "1.项目概况；2、支出799.12万元\n3.2过程分析"
    qs, ms = scan(text)
    assert [q.text for q in qs] == ["799.12万元"]
    assert [m.text for m in ms] == ["1.", "2、", "3.2"]


def test_document_number_next_to_amount():
    qs = parse_quantities("根据财预〔2013〕53号文件，下达资金53万元")
    assert [(q.value, q.unit) for q in qs] == [(53, "万元")]


@pytest.mark.parametrize(
    ("text", "comparison"),
    [("≥90%", ">="), ("≧90%", ">="), ("≤100%", "<="), ("≦100%", "<="), ("＞30%", ">"), ("＜60%", "<"),
     ("90%以上", ">="), ("60%以下（含）", "<="), ("不超过5%", "<="), ("低于70%", "<"), ("大于30%", ">"),
     ("不低于98%", ">=")],
)
def test_comparisons(text, comparison):
    assert one(text).comparison == comparison


@pytest.mark.parametrize(
    ("text", "direction"),
    [("下降22.97%", "decrease"), ("减少3人", "decrease"), ("同比增长8.39%", "increase"),
     ("增加189.25万元", "increase"), ("上升2个百分点", "increase"), ("下降至20%", None), ("为20%", None)],
)
def test_direction_words(text, direction):
    assert one(text).direction == direction


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "low_inc", "high_inc"),
    [("0-10%（含）", 0, 10, "%", None, True), ("80%（含）-90%", 80, 90, "%", True, None),
     ("11%-30%", 11, 30, "%", None, None), ("10%-20%(含)", 10, 20, "%", None, True), ("1至3次", 1, 3, "次", None, None)],
)
def test_ranges(text, low, high, unit, low_inc, high_inc):
    q = one(text)
    assert q.kind == "range"
    assert (q.value, q.high, q.unit, q.low_inclusive, q.high_inclusive) == (low, high, unit, low_inc, high_inc)


def test_subtraction_is_not_a_range():
    qs = parse_quantities("（63.46-32）÷32=98.31%")
    assert [q.kind for q in qs] == ["number", "number", "number", "percent"]
    assert [q.value for q in qs][:2] == [Decimal("63.46"), Decimal("32")]


def test_fraction():
    qs = parse_quantities("=11/13×100%=84.62%")
    frac = qs[0]
    assert frac.kind == "fraction"
    assert (frac.numerator, frac.denominator) == (11, 13)
    assert qs[-1].value == Decimal("84.62")


def test_approximate_figures_carry_no_precision():
    assert one("约1000㎡").decimals is None
    assert one("300余人").decimals is None
    assert one("300人").decimals == 0


# ---- round trips: write a random value in a house style, read it back -------------------------

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)


@settings(max_examples=200)
@given(money, st.sampled_from(["元", "万元", "亿元"]), st.booleans(), st.sampled_from(["支出", "共计", "其中", "为"]))
def test_money_round_trip(value, unit, commas, label):
    shown = f"{value:,.2f}" if commas else f"{value:.2f}"
    q = one(f"{label}{shown}{unit}，")
    assert q.value == value
    assert q.unit == unit
    assert q.decimals == 2


@settings(max_examples=200)
@given(st.decimals(min_value=Decimal("-999.99"), max_value=Decimal("999.99"), places=2), st.booleans())
def test_percent_round_trip(value, fullwidth):
    shown = f"{value}%"
    if fullwidth:
        shown = shown.translate(str.maketrans("0123456789.%-", "０１２３４５６７８９．％－"))
    q = one(f"比率为{shown}")
    assert q.value == value
    assert q.kind == "percent"


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["人", "个", "家", "次", "份", "项", "条", "篇"]))
def test_chinese_count_round_trip(n, counter):
    import cn2an

    q = one(f"共{cn2an.an2cn(n)}{counter}")
    assert q.value == n
    assert q.unit == counter


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=90), st.integers(min_value=1, max_value=10), st.booleans())
def test_range_round_trip(low, width, inclusive_high):
    text = f"{low}%-{low + width}%{'（含）' if inclusive_high else ''}计3分"
    q = parse_quantities(text)[0]
    assert (q.value, q.high, q.high_inclusive) == (low, low + width, True if inclusive_high else None)


@settings(max_examples=100)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_fraction_round_trip(n, d):
    q = one(f"={n}/{d}×")
    assert (q.numerator, q.denominator) == (n, d)


@settings(max_examples=100)
@given(st.integers(min_value=1990, max_value=2035), st.integers(min_value=1, max_value=12), st.integers(1, 28))
def test_dates_never_become_quantities(year, month, day):
    assert parse_quantities(f"{year}年{month}月{day}日") == []
    assert parse_quantities(f"{year}年度") == []
