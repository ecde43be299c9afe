"""Which totals open their block (checks/rules/tables.py `_leading`), as TBL001 shows it: a total that
opens its block is held to the rows under it, one that closes it to the rows above. Expected sums
come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from tests.test_kill_footing_rows import HEAD, addend_rows, footing, where


def test_a_subtotal_under_a_single_item_closes_it() -> None:
    # 办公费 5.00 then 小计 6.00: the 小计 closes the one row above it, and 6.00 ≠ 5.00
    [f] = footing([HEAD, ["办公费", "5.00"], ["小计", "6.00"]])
    assert where([f]) == [(2, 1, D("6.00"))] and addend_rows(f) == [1]


def test_totals_open_their_blocks_under_a_heading_row_inside_the_body() -> None:
    # the body opens with 收入 rows, then a heading row 支出 | 金额, then 支出总计 and its two blocks,
    # each opened by its 合计: 265 = 190 + 75 and 160 = 160 hold; 支出总计 425 = 265 + 160
    rows = [HEAD, ["财政拨款收入", "425.00"], ["收入合计", "425.00"], ["支出项目", "支出金额"],
            ["支出总计", "425.00"], ["基本支出合计", "265.00"], ["工资福利支出", "190.00"],
            ["商品和服务支出", "75.00"], ["项目支出合计", "160.00"], ["专项业务费", "160.00"]]
    assert D("190.00") + D("75.00") == D("265.00") and D("265.00") + D("160.00") == D("425.00")
    assert footing(rows) == []
    # the second block one item short: 项目支出合计 160.00 against its own row 120.00 only
    rows[-1] = ["专项业务费", "120.00"]
    [f] = [f for f in footing(rows) if f.location.row == 8]
    assert (f.stated, addend_rows(f)) == (D("160.00"), [9])


def test_a_total_right_under_a_heading_row_opens_its_block() -> None:
    # 支出 | 金额 heads the second part of the body; 小计 right under it adds up the two rows below
    rows = [HEAD, ["财政拨款收入", "30.00"], ["收入合计", "30.00"], ["支出项目", "支出金额"],
            ["小计", "31.00"], ["办公费", "10.00"], ["印刷费", "20.00"]]
    [f] = [f for f in footing(rows) if f.location.row == 4]
    assert (f.stated, addend_rows(f)) == (D("31.00"), [5, 6])
