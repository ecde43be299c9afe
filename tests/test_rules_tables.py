"""Table rules on invented tables: must fire when wrong, stay silent when right."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.builders import check, check_tables, settled, table


def of(result, code):
    return [f for f in result.findings if f.rule == code]


def _public(total="41.56", office="8.20", share="19.73", meeting_share="0.00"):
    return table([["支出项目", "金额（万元）", "占比（%）"], ["办公费", office, share], ["印刷费", "1.35", "3.25"],
                  ["会议费", "0.00", meeting_share], ["其他", "31.99", "76.97"], ["邮费", "0.02", "0.05"],
                  ["合计", total, "100.00"]])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_footing_and_shares_silent_when_consistent(tmp_path, fmt):
    result = check(tmp_path, _public(), fmt=fmt)
    assert of(result, "TBL001") == [] and of(result, "TBL004") == []
    assert result.coverage.tables == 1


def test_footing_fires_at_the_total_cell(tmp_path):
    found = of(check(tmp_path, _public(total="42.56")), "TBL001")
    assert [(f.location.row, f.location.col, f.stated, settled(f)) for f in found] == [
        (6, 1, Decimal("42.56"), Decimal("41.56"))]
    assert len(found[0].detail["addends"]) == 5


def test_share_fires_on_the_wrong_row(tmp_path):
    found = of(check(tmp_path, _public(share="21.73")), "TBL004")
    assert [(f.location.row, f.expected) for f in found] == [(1, Decimal("19.73"))]


def test_zero_share_of_a_tiny_amount_is_consistent(tmp_path):
    rows = [["项目", "金额（元）", "占比（%）"], ["办公费", "450,000.00", "100"], ["邮费", "20.00", "0"],
            ["合计", "450,020.00", "100"]]
    assert of(check(tmp_path, table(rows)), "TBL004") == []


def test_total_row_on_top_with_classification_codes(tmp_path):
    rows = [["科目编码", "科目名称", "本年支出", "基本支出", "项目支出"],
            ["合计", None, "300.00", "200.00", "100.00"],
            ["213", "农林水支出", "250.00", "150.00", "100.00"],
            ["21301", "农业农村", "250.00", "150.00", "100.00"],
            ["2130101", "行政运行", "150.00", "150.00", "0.00"],
            ["2130106", "科技推广", "100.00", "0.00", "100.00"],
            ["221", "住房保障支出", "50.00", "50.00", "0.00"],
            ["2210201", "住房公积金", "50.00", "50.00", "0.00"]]
    ok = check(tmp_path, table(rows, caption="单位：万元", merges=[(1, 0, 1, 2)]))
    assert [f.rule for f in ok.findings] == []
    rows[5] = ["2130106", "科技推广", "110.00", "0.00", "110.00"]
    bad = check(tmp_path, table(rows, caption="单位：万元", merges=[(1, 0, 1, 2)]))
    hierarchy = of(bad, "TBL003")
    assert {(f.location.row, f.location.col) for f in hierarchy} == {(3, 2), (3, 4)}  # 款 21301 ≠ Σ项
    assert of(bad, "TBL001") == []  # the 合计 adds the 类 rows only, and those are unchanged


def test_cross_footing_row_and_missing_column(tmp_path):
    rows = [["项目", "本年支出", "基本支出", "项目支出"], ["甲", "120.00", "80.00", "40.00"], ["乙", "60.00", "60.00", "—"]]
    assert of(check(tmp_path, table(rows)), "TBL002") == []
    rows[1][3] = "30.00"
    found = of(check(tmp_path, table(rows)), "TBL002")
    assert [(f.location.row, f.location.col, settled(f)) for f in found] == [(1, 1, Decimal("110.00"))]
    assert not found[0].detail["missing_column"]
    gap = [["项目", "合计", "工资福利支出", "商品和服务支出"], ["甲", "120.00", "80.00", "30.00"], ["乙", "60.00", "40.00", "15.00"]]
    found = of(check(tmp_path, table(gap)), "TBL002")
    assert len(found) == 2 and all(f.detail["missing_column"] for f in found)
    assert "可能缺少一列" in found[0].message


def test_sub_items_exhaustive_and_partial(tmp_path):
    money = [["", "年初预算数", "全年预算数", "全年执行数", "分值"],
             ["年度资金总额", "80.00", "85.00", "82.45", "10"],
             ["其中：当年财政拨款", "80.00", "80.00", "77.45", "—"],
             ["上年结转资金", "0.00", "5.00", "5.00", "—"],
             ["其他资金", "0.00", "0.00", "0.00", "—"]]
    assert of(check(tmp_path, table(money)), "TBL003") == []
    money[3][3] = "6.00"
    found = of(check(tmp_path, table(money)), "TBL003")
    assert [(f.location.row, f.location.col) for f in found] == [(1, 3)]
    partial = [["项目", "金额"], ["基本支出", "318.46"], ["其中：人员经费", "276.90"], ["项目支出", "152.82"],
               ["合计", "471.28"]]
    result = check(tmp_path, table(partial))
    assert of(result, "TBL003") == [] and of(result, "TBL001") == []


def test_merged_weight_repeated_after_a_page_break_counts_once(tmp_path, samples):
    """The LibreOffice export breaks the score table over two pages inside merged cells; the reader
    glues them back and the 合计 still foots."""
    from checks.runner import check_document
    from extractor import read_document

    result = check_document(read_document(samples / "dept_overall_lo.pdf"))
    score_table = [t for _, t in read_document(samples / "dept_overall_lo.pdf").tables()][2]
    assert len(score_table.pages) == 2
    assert [f for f in result.findings if f.severity != "info"] == []


def test_rounded_amounts_in_wan_yuan_foot_within_rounding(tmp_path):
    rows = [["项目", "金额（万元）"], ["甲", "0.33"], ["乙", "0.33"], ["丙", "0.33"], ["合计", "1.00"]]
    assert of(check(tmp_path, table(rows)), "TBL001") == []
    rows[4][1] = "1.02"
    assert len(of(check(tmp_path, table(rows)), "TBL001")) == 1


def test_exact_cents_in_yuan_do_not_get_rounding_slack(tmp_path):
    rows = [["项目", "金额（元）"], ["甲", "1,000.01"], ["乙", "2,000.00"], ["合计", "3,000.00"]]
    assert len(of(check(tmp_path, table(rows)), "TBL001")) == 1


def _uncoded(indent: str, leaf: str = "150.00"):
    return [["项目", "本年支出", "基本支出", "项目支出"],
            ["农林水支出", "250.00", "150.00", "100.00"],
            [f"{indent}行政运行", leaf, leaf, "0.00"],
            [f"{indent}科技推广", "100.00", "0.00", "100.00"],
            ["住房保障支出", "50.00", "50.00", "0.00"],
            [f"{indent}住房公积金", "50.00", "50.00", "0.00"],
            ["合计", "300.00", "200.00", "100.00"]]


@pytest.mark.parametrize("indent", ["  ", ""], ids=["indented", "numbers only"])
def test_hierarchy_without_codes_is_not_double_counted(tmp_path, indent):
    assert of(check(tmp_path, table(_uncoded(indent))), "TBL001") == []


def test_hierarchy_without_codes_still_catches_a_wrong_total(tmp_path):
    rows = _uncoded("")
    rows[6] = ["合计", "310.00", "200.00", "100.00"]
    found = of(check(tmp_path, table(rows)), "TBL001")
    assert [(f.location.row, f.location.col, settled(f)) for f in found] == [(6, 1, Decimal("300.00"))]


def test_merged_label_repeated_on_the_next_page_is_counted_once(tmp_path):
    """A score table printed as two tables on two pages, the merged 一级指标 cell and its weight
    repeated at the top of the second page (as some exporters do)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from checks.runner import check_document
    from extractor import read_document
    from fixtures.build_pdf import FONT, _register

    _register()
    widths = [60, 40, 140, 40, 40]
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT)]
    head = ["一级指标", "分值", "三级指标", "分值", "得分"]
    first = Table([head] + [["过程" if k == 0 else "", "20" if k == 0 else "", f"指标{k}", "4", "4"] for k in range(3)],
                  colWidths=widths)
    first.setStyle(TableStyle(style + [("SPAN", (0, 1), (0, 3)), ("SPAN", (1, 1), (1, 3))]))
    second = Table([head] + [["过程" if k == 0 else "", "20" if k == 0 else "", f"指标{k + 3}", "4", "4"] for k in range(2)]
                   + [["合计", "", "", "20", "20"]], colWidths=widths)
    second.setStyle(TableStyle(style + [("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2)), ("SPAN", (0, 3), (2, 3))]))
    path = tmp_path / "split.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([first, PageBreak(), second])
    doc = read_document(path)
    tables = [t for _, t in doc.tables()]
    assert len(tables) == 1 and tables[0].pages == [1, 2]
    merged = [c for c in tables[0].cells if c.col in (0, 1) and c.rowspan > 1]
    assert [(c.text, c.rowspan) for c in merged] == [("过程", 5), ("20", 5)]
    assert [f for f in check_document(doc).findings if f.rule.startswith("TBL")] == []


def test_an_opening_总计_is_held_to_the_合计s_that_open_their_own_rows() -> None:
    # 支出总计 stands first; each 合计 under it opens its own items. 265 + 160 = 425, not 435: only the
    # 总计 is wrong (each 合计 adds up its own rows), and the finding names the two 合计 rows, not the items.
    rows = [["项目", "金额"], ["支出总计", "435.00"], ["基本支出合计", "265.00"], ["工资福利支出", "190.00"],
            ["商品和服务支出", "75.00"], ["项目支出合计", "160.00"], ["专项业务费", "100.00"], ["会议费", "60.00"]]
    assert Decimal("190.00") + Decimal("75.00") == Decimal("265.00") and Decimal("100.00") + Decimal("60.00") == Decimal("160.00")
    [f] = check_tables("TBL001", rows).findings
    assert (f.location.row, f.stated, settled(f)) == (1, Decimal("435.00"), Decimal("265.00") + Decimal("160.00"))
    assert sorted(a["row"] for a in f.detail["addends"]) == [2, 5]
    rows[1] = ["支出总计", "425.00"]
    assert check_tables("TBL001", rows).findings == []


def test_an_opening_合计_over_groups_each_closed_by_its_小计() -> None:
    # 合计 first, then two groups each closed by a 小计: the 合计 is the sum of the 小计s (30 + 40), not of
    # the rows before the first 小计
    rows = [["项目", "金额"], ["合计", "70.00"], ["办公费", "10.00"], ["印刷费", "20.00"], ["小计", "30.00"],
            ["差旅费", "15.00"], ["会议费", "25.00"], ["小计", "40.00"]]
    assert Decimal("10.00") + Decimal("20.00") == Decimal("30.00") and Decimal("15.00") + Decimal("25.00") == Decimal("40.00")
    assert check_tables("TBL001", rows).findings == []
    rows[1] = ["合计", "75.00"]
    [f] = check_tables("TBL001", rows).findings
    assert (f.location.row, f.stated, settled(f)) == (1, Decimal("75.00"), Decimal("30.00") + Decimal("40.00"))
