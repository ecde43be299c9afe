"""Mutants of checks/rules/tables.py's share column where its 合计 is misprinted (TBL004: shares judged
against the items' sum when that explains more of them than the printed total, the 合计's own row then
left to TBL001) and of checks/scoring.py's full marks of a deduction (the best band on the side the rule
does not deduct, else the weight), killed as a reviewer reads the findings and the scores. Tables and
rules are invented and built inline; expected values come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from checks.scoring import parse_rule
from tests.builders import check_tables

SHARE = "占比 = 金额 ÷ 合计 × 100%"
HEAD = ["支出项目", "执行数", "占比(%)"]


def run(*tables: list[list[str]], unit: str = "元"):  # noqa: ANN201 - checks.runner's result
    """Check one document holding `tables` (each with its header as first row) with TBL004 only."""
    return check_tables("TBL004", *tables, unit=unit)


def where(result) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in result.findings]


def pct(amount: str | D, whole: str | D, places: int = 2) -> D:
    """amount ÷ whole × 100, rounded half up to the places the share is printed with."""
    return (D(amount) / D(whole) * 100).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ---- TBL004: a 合计 whose amount is misprinted ---------------------------------------------------

def test_a_wrong_share_of_a_table_whose_total_is_misprinted_is_judged_against_the_items_sum() -> None:
    # 合计 1,090,000.00 but the items add to 600,000.50 + 300,000 + 100,000.00 = 1,000,000.50: 日常养护's
    # 60.00 and 检测评定's 10.00 are of that sum (two shares), only the 合计's own 100 is of 1,090,000.00
    # (one): the 合计 is the slip. 危桥改造's 25.00 is wrong either way: of the items' sum it is 30.00.
    # The sum is printed like the first item, to the fen (300,000 is printed without decimals).
    items = D("600000.50") + D("300000") + D("100000.00")
    assert items == D("1000000.50")
    assert pct("600000.50", items) == D("60.00") and pct("100000.00", items) == D("10.00")
    assert pct("600000.50", "1090000.00") != D("60.00") and pct("100000.00", "1090000.00") != D("10.00")
    rows = [HEAD, ["日常养护", "600,000.50", "60.00"], ["危桥改造", "300,000", "25.00"],
            ["检测评定", "100,000.00", "10.00"], ["合计", "1,090,000.00", "100.00"]]
    result = run(rows)
    assert where(result) == [(2, 2, D("25.00"), pct("300000", items))]
    f = result.findings[0]
    assert f.message == "“危桥改造”占比写作 25.00%，按 300,000元÷各项之和 1,000,000.50元 应为 30.00%"
    assert f.detail == {"amount": "300,000", "whole": "各项之和 1,000,000.50元", "formula": SHARE}
    assert f.unit == "%"
    # the three items were compared with the items' sum; the 合计's own 100% is not a share to judge
    assert result.coverage.checked == 3


def test_a_misprinted_total_whose_row_prints_the_shares_own_sum_is_still_the_slip() -> None:
    # 100.00 + 170.00 + 380.00 = 650.00, printed 560.00 in the 合计 (two digits swapped); the shares
    # 15.38 + 26.15 + 58.46 are of 650.00, and the 合计 prints their sum, 99.99, not 100: the 合计's
    # row is still the printed total, left out, and the three right shares are not reported
    items = D("100.00") + D("170.00") + D("380.00")
    assert items == D("650.00")
    shares = [pct(a, items) for a in ("100.00", "170.00", "380.00")]
    assert shares == [D("15.38"), D("26.15"), D("58.46")] and sum(shares) == D("99.99")
    assert all(pct(a, "560.00") != s for a, s in zip(("100.00", "170.00", "380.00"), shares, strict=True))
    rows = [HEAD, ["甲", "100.00", "15.38"], ["乙", "170.00", "26.15"], ["丙", "380.00", "58.46"],
            ["合计", "560.00", "99.99"]]
    result = run(rows)
    assert result.findings == []
    assert result.coverage.checked == 3


def test_shares_the_items_sum_explains_no_better_than_the_total_are_judged_against_the_total() -> None:
    # items 600,000 + 300,000 + 100,000 = 1,000,000; 合计 1,090,000. 日常养护's 60.00 and 检测评定's 10.00
    # are of the items' sum, 危桥改造's 27.52 and the 合计's 100.00 of the 合计: two against two, so the
    # printed 合计 stands and the two shares that do not fit it are reported
    total = D("1090000.00")
    assert pct("300000.00", total) == D("27.52")
    assert pct("600000.00", "1000000.00") == D("60.00") and pct("100000.00", "1000000.00") == D("10.00")
    rows = [HEAD, ["日常养护", "600,000.00", "60.00"], ["危桥改造", "300,000.00", "27.52"],
            ["检测评定", "100,000.00", "10.00"], ["合计", "1,090,000.00", "100.00"]]
    result = run(rows)
    assert where(result) == [(1, 2, D("60.00"), pct("600000.00", total)), (3, 2, D("10.00"), pct("100000.00", total))]
    assert result.findings[0].message == "“日常养护”占比写作 60.00%，按 600,000.00元÷1,090,000.00元 应为 55.05%"
    assert result.findings[0].detail["whole"] == "1,090,000.00元"
    assert result.coverage.checked == 4  # the 合计's row too: its 100% is of itself


def test_a_zero_item_fits_either_whole_and_does_not_tip_the_balance() -> None:
    # the misprinted 合计 again (items 1,000,000.00, 合计 1,090,000.00), with 应急抢险 0.00 at 0.00%: the
    # items' sum explains four shares (three items and the zero), the 合计 two (the zero and its own
    # 100): the shares are of the items' sum, all right, nothing is reported
    rows = [HEAD, ["日常养护", "600,000.00", "60.00"], ["危桥改造", "300,000.00", "30.00"],
            ["检测评定", "100,000.00", "10.00"], ["应急抢险", "0.00", "0.00"], ["合计", "1,090,000.00", "100.00"]]
    assert [pct(a, "1000000.00") for a in ("600000", "300000", "100000", "0")] == [D("60.00"), D("30.00"), D("10.00"), D(0)]
    result = run(rows)
    assert result.findings == []
    assert result.coverage.checked == 4


def test_shares_of_a_table_whose_items_are_not_filled_in() -> None:
    # the items print — for both amount and share; only the 合计 has figures, 100.00% of itself:
    # there is no items' sum to weigh it against, nothing to report
    rows = [HEAD, ["日常养护", "—", "—"], ["危桥改造", "—", "—"], ["合计", "1,000,000.00", "100.00"]]
    result = run(rows)
    assert result.findings == []
    assert result.coverage.checked == 1


def test_where_an_open_其中_list_hides_what_the_items_add_to_the_total_is_used() -> None:
    # 危桥改造's “其中：桥梁加固” is followed by 检测评定: one more part or the next item? Not written down.
    # The 合计 1,200.00 is 400 + 600 + 200 (检测评定 an item); the shares were taken of 1,000.00 (日常养护
    # and 危桥改造 alone) and add to 130: every one of them is wrong against the 合计
    total = D("400.00") + D("600.00") + D("200.00")
    assert total == D("1200.00")
    rows = [HEAD, ["日常养护", "400.00", "40.00"], ["危桥改造", "600.00", "60.00"], ["其中：桥梁加固", "100.00", "10.00"],
            ["检测评定", "200.00", "20.00"], ["合计", "1,200.00", "100.00"]]
    result = run(rows)
    assert where(result) == [(1, 2, D("40.00"), pct("400.00", total)), (2, 2, D("60.00"), pct("600.00", total)),
                             (3, 2, D("10.00"), pct("100.00", total)), (4, 2, D("20.00"), pct("200.00", total))]
    assert result.findings[2].message == "“桥梁加固”占比写作 10.00%，按 100.00元÷1200.00元 应为 8.33%"


def test_shares_of_income_and_carry_over_are_not_judged_against_the_row_printed_as_100() -> None:
    # 一、本年收入 prints 100.00, yet (一) 48.00, (二) 32.00 and 二、上年结转 20.00 are of 本年收入 +
    # 上年结转 = 1,250.00 (three shares, against none of 1,000.00 but the 100 row's own): the shares are
    # of the items' sum, and those three are right
    whole = D("1000.00") + D("250.00")
    assert [pct(a, whole) for a in ("600.00", "400.00", "250.00")] == [D("48.00"), D("32.00"), D("20.00")]
    assert all(pct(a, "1000.00") != D(s) for a, s in (("600.00", "48.00"), ("400.00", "32.00"), ("250.00", "20.00")))
    rows = [["项目", "金额（万元）", "占比（%）"], ["一、本年收入", "1,000.00", "100.00"],
            ["（一）财政拨款收入", "600.00", "48.00"], ["（二）事业收入", "400.00", "32.00"], ["二、上年结转", "250.00", "20.00"]]
    result = run(rows, unit="万元")
    assert [f for f in result.findings if f.location.row != 1] == []


# ---- scoring: where a deduction starts ----------------------------------------------------------

def score(text: str, value: str, weight: str) -> D | None:
    return parse_rule(text, D(weight)).score(D(value)).points


def test_a_two_sided_deduction_starts_from_the_weight_not_from_a_floor_band() -> None:
    # 低于60%的计0分 is a band on the deducted side: the deduction starts from the weight, 5.
    # 95%: 5 points below 100 → 5 - 5 × 0.5 = 2.5; 104%: 4 above → 5 - 4 × 0.5 = 3.0; 50% is in the band: 0
    rule = "以100%为标准，每超过（低于）1个百分点扣0.5分，执行率低于60%的计0分。"
    assert score(rule, "95", "5") == D(5) - 5 * D("0.5")
    assert score(rule, "104", "5") == D(5) - 4 * D("0.5")
    assert score(rule, "50", "5") == D(0)


def test_a_two_sided_deduction_starts_from_the_band_at_its_standard() -> None:
    # 100%计4分 holds the standard: the deduction starts from 4 (not the weight 5); 92% is two steps
    # of 4% below: 4 - 2 × 1 = 2
    rule = "100%计4分，每超过（降低）4%扣1分，扣完为止。"
    assert score(rule, "92", "5") == D(4) - 2 * D(1)
    assert score(rule, "100", "5") == D(4)


def test_a_deduction_below_a_band_that_starts_at_its_threshold_starts_from_that_band() -> None:
    # 90%（含）以上计4分 starts exactly where 低于90% deducts: 88% loses 2 × 0.5 from the band's 4 (not from
    # the weight 5): 3.0
    rule = "完成率达到90%（含）以上计4分，低于90%的每低于1个百分点扣0.5分，扣完为止。"
    assert score(rule, "88", "5") == D(4) - 2 * D("0.5")
    assert score(rule, "95", "5") == D(4)
