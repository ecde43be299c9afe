"""Mutants of checks/intervals.py (`stated`, `Interval.overlaps`: the interval a printed figure stands
for, domain.md §7), of checks/rules/prose.py's `_per_what` (what a per-head amount is per) and of
extractor/tables.py's `join_repeated_cells` (a merged cell written again), killed as a reviewer sees
them: a formula, a sentence or a table whose finding — or silence — changes under the mutant.

Expected figures and bounds come from the test's own Decimal arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table
from extractor.tables import join_repeated_cells


def findings(code: str, text: str, relative: str = "0") -> list[tuple[D | None, D | None]]:
    """(stated, expected) of every finding of one rule on one paragraph, with `tolerance.relative`."""
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    found = check_document(doc, {code}, Settings(relative_tolerance=D(relative))).findings
    return [(f.stated, f.expected) for f in found]


def shown(value: D, places: int) -> D:
    return value.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ an approximate figure: ±10%


def test_an_approximate_figure_promises_ten_percent_either_way() -> None:
    # “约120万元” stands for 108–132万元: over 100.00万元 (99.995–100.005) it grew by at most
    # 32.005 ÷ 99.995 = 32.0066%, so “增长32.00%” can be right; 33.00% cannot, nor can 32.00% when
    # the 120.00万元 is exact (20.00%)
    most = (D(120) + D(120) / 10 - D("99.995")) / D("99.995") * 100
    assert D("31.995") <= most < D("32.995")  # reaches 32.00% (31.995–32.005), not 33.00% (32.995–33.005)
    assert findings("CHG001", "本年支出约120万元，较上年100.00万元增长32.00%。") == []
    assert findings("CHG001", "本年支出约120万元，较上年100.00万元增长33.00%。") == [(D("33.00"), D("20.00"))]
    assert findings("CHG001", "本年支出120.00万元，较上年100.00万元增长32.00%。") == [(D("32.00"), D("20.00"))]


# ------------------------------------------------------------------ tolerance.relative: a share of the largest magnitude


def test_relative_tolerance_is_taken_of_the_stated_figure_when_it_is_the_largest() -> None:
    # 489.49 + 500.00 = 989.49 (989.48–989.50 from the cents); “1000万元” stands for 999.5–1,000.5.
    # With tolerance.relative = 1%, the slack is 1% of the largest value either side allows: 10.005,
    # and the gap 999.5 − 989.50 = 10.00 is within it. Without the tolerance the formula is wrong
    gap, slack = D("999.5") - D("989.50"), D("0.01") * D("1000.5")
    assert gap <= slack and gap > D("0.01") * D("999.5")  # (1% of the stated figure's lower end is not enough)
    text = "项目资金合计=489.49+500.00=1000万元。"
    assert findings("FML001", text, "0.01") == []
    assert findings("FML001", text) == [(D(1000), shown(D("489.49") + D("500.00"), 0))]
    # one more 万元 is past any 1%: 1,000.5 − 989.50 = 11.0 > 10.015
    assert findings("FML001", "项目资金合计=489.49+500.00=1001万元。", "0.01") == [
        (D(1001), shown(D("989.49"), 0))]


def test_relative_tolerance_on_a_negative_stated_figure_uses_its_magnitude() -> None:
    # 510.51 − 1,500.00 = −989.49 (−989.50 to −989.48); “−1000万元” stands for −1,000.5 to −999.5:
    # the slack is 1% of 1,000.5 = 10.005 and the gap −989.50 − (−999.5) = 10.00 is within it
    computed = D("510.51") - D("1500.00")
    gap, slack = D("999.5") - D("989.50"), D("0.01") * D("1000.5")
    assert computed == D("-989.49") and gap <= slack and gap > D("0.01") * D("999.5")
    text = "收支差额=本年收入-本年支出=510.51-1500.00=-1000万元。"
    assert findings("FML001", text, "0.01") == []
    assert findings("FML001", text) == [(D(-1000), shown(computed, 0))]


def test_relative_tolerance_is_taken_of_the_computed_figure_when_it_is_the_largest() -> None:
    # 1.5万元 × 600 is 900万元, from 870 to 930 (the 1.5 is 1.45–1.55); “860.70万元” is 860.695–860.705.
    # 1% of 930 is 9.30 and the gap 870 − 860.705 = 9.295 is within it (1% of 870 would not be);
    # at 860.60 the gap 9.395 — or 9.39 should the figure be cut, not rounded — is past it
    low, high = D("1.45") * 600, D("1.55") * 600
    assert D("0.01") * low < low - D("860.705") <= D("0.01") * high < low - D("860.61")
    text = "补助资金=补助标准×人数=1.5万元×600={}万元。"
    assert findings("FML001", text.format("860.70"), "0.01") == []
    assert findings("FML001", text.format("860.60"), "0.01") == [(D("860.60"), D("1.5") * 600)]
    assert findings("FML001", text.format("860.70")) == [(D("860.70"), D("1.5") * 600)]


def test_relative_tolerance_on_a_negative_computed_figure_uses_its_magnitude() -> None:
    # 100.00 − 1.5 × 600 = −800万元, from −830.005 to −769.995; “−762.00万元” is −762.005 to −761.995
    # (−762.01 to −762.00 if cut): 1% of 830.005 is 8.30005 and the gap 769.995 − 762.005 = 7.99 is
    # within it; 1% of the smaller end, 7.69995, would not be
    least, most = D("100.005") - D("1.45") * 600, D("99.995") - D("1.55") * 600  # least and most negative
    gap = D("-762.005") - least
    assert (least, most, gap) == (D("-769.995"), D("-830.005"), D("7.99"))
    assert D("0.01") * -least < gap <= D("0.01") * -most
    text = "资金缺口=已拨付资金-补助标准×人数=100.00万元-1.5万元×600=-762.00万元。"
    assert findings("FML001", text, "0.01") == []
    assert findings("FML001", text) == [(D("-762.00"), D("100.00") - D("1.5") * 600)]


# ------------------------------------------------------------------ SUM002: what a per-head amount is per


def test_an_amount_per_project_or_village_is_not_multiplied_by_households() -> None:
    # 500元 per 户 for 120户 is 60,000元 = 6万元, so “共计8万元” is wrong ...
    assert findings("SUM002", "为120户农户实施改造，每户补助500元，共计8万元。") == [(D(8), 120 * D(500) / 10000)]
    # ... but 500元 per 项目, per 村 or per 件 says nothing about how many 户 were paid: no total to check
    assert findings("SUM002", "为120户农户实施改造，每个项目补助500元，共计8万元。") == []
    assert findings("SUM002", "为120户农户实施改造，每村补助500元，共计80,000元。") == []
    assert findings("SUM002", "资助120户，补助标准500元/件，共计80,000元。") == []


def test_a_monthly_amount_per_item_is_not_multiplied_by_persons() -> None:
    # 120人 × 500元 × 12 would be 720,000元; but the 500元 a month is per 件, not per person: silent
    assert findings("SUM002", "资助120人，每月每件补助500元，全年共计80,000元。") == []


# ------------------------------------------------------------------ join_repeated_cells


def test_a_first_label_restarted_below_a_joined_second_label_is_joined_too() -> None:
    # 产出指标 runs over rows 1–2; in row 2 Word wrote 数量指标 again (a merge over rows 2–3), and in
    # row 3 产出指标 again: one 产出指标 over rows 1–3 and one 数量指标 over rows 1–3
    rows: list[list[str | None]] = [
        ["一级指标", "二级指标", "三级指标", "分值"],
        ["产出指标", "数量指标", "培训人次", "10"], [None, "数量指标", "培训天数", "10"],
        ["产出指标", None, "覆盖学校数", "10"], ["效益指标", "满意度指标", "家长满意度", "10"]]
    spans = {(1, 0): 2, (2, 1): 2}
    cells = [Cell(row=r, col=c, text=t, rowspan=spans.get((r, c), 1))
             for r, row in enumerate(rows) for c, t in enumerate(row) if t is not None]
    table = join_repeated_cells(Table(n_rows=5, n_cols=4, cells=cells, header_rows=1, unit="万元"))
    assert sorted((c.row, c.rowspan) for c in table.cells if c.text == "产出指标") == [(1, 3)]
    assert sorted((c.row, c.rowspan) for c in table.cells if c.text == "数量指标") == [(1, 3)]
    assert [row[0] for row in table.rows_text()] == ["一级指标", "产出指标", "产出指标", "产出指标", "效益指标"]
    assert [row[3] for row in table.rows_text()] == ["分值", "10", "10", "10", "10"]
