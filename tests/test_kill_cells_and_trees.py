"""Mutants of the table readers' cell handling (extractor/tables.py: the figure a cell shows beside its
note or unit, the unit a caption declares, a merged cell that Word restarted after a page break) and
of the table rules' parent/sub-row and total-column readings (checks/rules/tables.py, TBL002/TBL003),
killed on invented cells and tables built inline. Every expected figure is worked out here."""

from __future__ import annotations

from decimal import Decimal as D

from extractor.model import Cell, Table
from extractor.tables import cell_figure_text, declared_unit, join_repeated_cells
from tests.builders import check_tables

# ------------------------------------------------------------------ a cell's figure beside its note


def test_a_figure_over_a_note_and_a_unit_shows_the_figure_in_the_unit() -> None:
    # “15.35” / “（含结转）” / “万元” in three paragraphs: the note is dropped, the unit joins the figure
    assert cell_figure_text("15.35\n（含结转）\n万元") == "15.35万元"
    # a note with a space in it is still one note, wherever the line breaks fall
    assert cell_figure_text("15.35\n（含 上年结转）") == "15.35"


def test_a_figure_over_two_units_is_not_one_figure() -> None:
    # “万元” and “元” under one figure: which one the figure is in cannot be told
    assert cell_figure_text("15.35\n万元\n元") is None


def test_a_unit_the_figure_pattern_does_not_take_leaves_no_figure() -> None:
    # “12” over “千元”: 千元 is a unit on its own line, but “12千元” is not a figure the tables read
    assert cell_figure_text("12\n千元") is None


# ------------------------------------------------------------------ the unit a caption declares


def test_a_unit_line_spaced_out_as_forms_print_it() -> None:
    assert declared_unit("单 位：万元") == "万元"
    assert declared_unit("金 额 单 位 ： 元") == "元"


# ------------------------------------------------------------------ a merge Word restarted


def test_a_two_row_label_restarted_after_a_page_break_is_one_cell() -> None:
    # 产出指标 spans rows 1–2; Word restarts the merge on the next page, so row 3 repeats it as a
    # cell of its own: one 一级指标 over three rows
    rows = [["一级指标", "二级指标", "分值"], ["产出指标", "数量指标", "10"], [None, "质量指标", "10"],
            ["产出指标", "时效指标", "10"]]
    cells = [Cell(row=r, col=c, text=t, rowspan=2 if (r, c) == (1, 0) else 1)
             for r, row in enumerate(rows) for c, t in enumerate(row) if t is not None]
    table = join_repeated_cells(Table(n_rows=4, n_cols=3, cells=cells, header_rows=1))
    label = [(c.row, c.rowspan) for c in table.cells if c.text == "产出指标"]
    assert label == [(1, 3)]
    assert [row[0] for row in table.rows_text()] == ["一级指标", "产出指标", "产出指标", "产出指标"]


# ------------------------------------------------------------------ TBL003: a row and the rows under it


def wan(value: D) -> str:
    return f"{value:.2f}万元"


def test_a_qizhong_item_that_adds_up_in_one_column_is_the_whole_list() -> None:
    # 基本支出's 其中 lists 人员经费 alone, and no 其他: a partial list, but its 本年预算 100.00 is
    # exactly the row's, so the list is whole, and 本年支出 80.00 is 10.00 short of the row's 90.00
    rows = [["项目", "本年预算", "本年支出"], ["基本支出", "100.00", "90.00"], ["其中：人员经费", "100.00", "80.00"],
            ["项目支出", "50.00", "50.00"], ["合计", "150.00", "140.00"]]
    stated, summed = D("90.00"), D("80.00")
    found = check_tables("TBL003", rows).findings
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(1, 2, stated)]
    assert found[0].message == (
        f"“基本支出”行“本年支出”列 {wan(stated)} 与其中所列“人员经费”一项（其余各列均恰好相加，所列已全）之和 "
        f"{wan(summed)} 不一致：若下级各项无误，上级数应为 {wan(summed)}；若上级数无误，下级各项之和差 {wan(stated - summed)}")
    assert found[0].detail["exhaustive"] is True


def test_a_qizhong_list_closed_by_its_other_item_is_named_as_all_its_items() -> None:
    # 人员经费 60.00 + 其他 30.00 = 90.00 under 基本支出 100.00: the list ends with 其他, so it is whole
    rows = [["项目", "金额"], ["基本支出", "100.00"], ["其中：人员经费", "60.00"], ["其他", "30.00"],
            ["项目支出", "50.00"], ["合计", "150.00"]]
    stated, summed = D("100.00"), D("60.00") + D("30.00")
    found = check_tables("TBL003", rows).findings
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(1, 1, stated)]
    assert found[0].message == (
        f"“基本支出”行“金额”列 {wan(stated)} 与其中所列各项之和 {wan(summed)} 不一致："
        f"若下级各项无误，上级数应为 {wan(summed)}；若上级数无误，下级各项之和差 {wan(stated - summed)}")


def test_a_group_too_small_to_hold_does_not_end_the_table() -> None:
    # 一、 has one numbered item only (nothing to confirm it by); 二、's 其中 item 60.00 is over its 50.00
    rows = [["项目", "金额"], ["一、基本支出", "100.00"], ["1.人员经费", "100.00"], ["二、项目支出", "50.00"],
            ["其中：设备购置", "60.00"], ["合计", "150.00"]]
    found = check_tables("TBL003", rows).findings
    assert [(f.location.row, f.location.col, f.stated, f.detail["exhaustive"]) for f in found] == [
        (3, 1, D("50.00"), False)]


def test_a_score_tables_points_are_left_to_the_score_rules() -> None:
    # 产出指标 scores 45 over 25 + 18 = 43: the score rules say so (SCT003), TBL003 does not repeat it
    rows = [["指标", "分值", "得分"], ["一、产出指标", "50", "45"], ["1.数量指标", "25", "25"], ["2.质量指标", "25", "18"],
            ["二、效益指标", "50", "40"], ["1.经济效益", "25", "20"], ["2.社会效益", "25", "20"], ["合计", "100", "85"]]
    assert check_tables("TBL003", rows, unit=None).findings == []
    found = check_tables({"TBL003", "SCT003"}, rows, unit=None).findings
    assert [(f.rule, f.location.row, f.location.col, f.stated) for f in found] == [("SCT003", 1, 2, D(45))]


# ------------------------------------------------------------------ TBL002: a total column and its parts


def test_head_counts_beside_an_amount_total_are_not_its_parts() -> None:
    # 合计（万元） is an amount; the two columns after it count people: nothing to add across
    rows = [["单位", "合计（万元）", "在职人数（人）", "退休人数（人）"], ["本级", "100.00", "3", "2"],
            ["下属单位", "80.00", "4", "1"]]
    assert check_tables("TBL002", rows, unit=None).findings == []
