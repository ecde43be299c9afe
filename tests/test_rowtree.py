"""The row tree of a table (checks/rowtree.py) and the table rules that read it, on invented tables:
each shape once where the rules must stay silent and once where they must fire."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checks.context import Context
from checks.tableview import TableView
from extractor import read_document
from fixtures.build_docx import build_docx
from fixtures.build_pdf import build_pdf
from tests.builders import check, settled, spec_of, table


def of(result, code):
    return [f for f in result.findings if f.rule == code]


def views(tmp_path: Path, *tables, fmt: str = "docx") -> list[TableView]:
    path = tmp_path / f"tree.{fmt}"
    (build_docx if fmt == "docx" else build_pdf)(spec_of(*tables), path)
    return list(Context(read_document(path)).views())


def groups(view: TableView) -> dict[str, list[str]]:
    """The tree as names: parent label → child labels."""
    return {view.label(p): [view.label(k) for k in g.children] for p, g in sorted(view.tree.groups.items())}


# ---- 类/款/项 by name (no codes, no indentation) ---------------------------------------------------

def _by_name(total: str = "1,160.00", xiang: str = "60.00", share: bool = False) -> list[list[str | None]]:
    rows = [["科目名称", "本年支出", "基本支出", "项目支出"],
            ["教育支出", "900.00", "700.00", "200.00"],
            ["普通教育", "840.00", "700.00", "140.00"],
            ["小学教育", "500.00", "500.00", ""],
            ["初中教育", "340.00", "200.00", "140.00"],
            ["进修及培训", "60.00", "", "60.00"],
            ["培训支出", xiang, "", "60.00"],
            ["住房保障支出", "260.00", "260.00", ""],
            ["住房改革支出", "260.00", "260.00", ""],
            ["住房公积金", "180.00", "180.00", ""],
            ["提租补贴", "80.00", "80.00", ""],
            ["合计", total, "960.00", "200.00"]]
    return rows


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_names_give_the_levels_and_the_total_adds_the_lei_only(tmp_path, fmt):
    view = views(tmp_path, table(_by_name()), fmt=fmt)[0]
    assert groups(view) == {"教育支出": ["普通教育", "进修及培训"], "普通教育": ["小学教育", "初中教育"],
                            "进修及培训": ["培训支出"], "住房保障支出": ["住房改革支出"],
                            "住房改革支出": ["住房公积金", "提租补贴"]}
    assert all(g.certain and g.how == "name" for g in view.tree.groups.values())
    result = check(tmp_path, table(_by_name()), fmt=fmt)
    assert of(result, "TBL001") == [] and of(result, "TBL003") == []


def test_a_wrong_total_is_reported_against_the_lei_rows(tmp_path):
    found = of(check(tmp_path, table(_by_name(total="1,170.00"))), "TBL001")
    assert [(f.location.row, f.location.col, f.stated, settled(f)) for f in found] == [
        (11, 1, Decimal("1170.00"), Decimal("1160.00"))]
    assert [a["label"] for a in found[0].detail["addends"]] == ["教育支出", "住房保障支出"]


def test_a_kuan_that_is_not_the_sum_of_its_xiang_is_reported(tmp_path):
    result = check(tmp_path, table(_by_name(xiang="50.00")))
    assert [(f.location.row, f.location.col, f.stated, settled(f)) for f in of(result, "TBL003")] == [
        (5, 1, Decimal("60.00"), Decimal("50.00"))]
    assert of(result, "TBL001") == []


def test_a_kuan_with_a_single_xiang_of_the_same_name(tmp_path):
    rows = [["科目名称", "年初预算", "支出数"],
            ["合计", "750.00", "786.05"],
            ["社会保障和就业支出", "460.00", "467.00"],
            ["临时救助", "340.00", "356.00"],
            ["临时救助支出", "340.00", "356.00"],
            ["其他社会保障和就业支出", "120.00", "111.00"],
            ["其他社会保障和就业支出", "120.00", "111.00"],
            ["一般公共服务支出", "290.00", "319.05"],
            ["群众团体事务", "290.00", "319.05"],
            ["工会事务", "270.00", "300.60"],
            ["一般行政管理事务", "20.00", "18.45"]]
    view = views(tmp_path, table(rows))[0]
    assert view.tree.top(list(view.rows)[1:]) == [2, 7]
    assert groups(view)["其他社会保障和就业支出"] == ["其他社会保障和就业支出"]
    result = check(tmp_path, table(rows))
    assert of(result, "TBL001") == [] and of(result, "TBL003") == []
    rows[1][2] = "796.05"
    assert [settled(f) for f in of(check(tmp_path, table(rows)), "TBL001")] == [Decimal("786.05")]


def test_an_unlisted_kuan_is_placed_by_the_figures_and_not_reported(tmp_path):
    rows = [["科目名称", "本年支出"],
            ["农林水支出", "300.00"],
            ["水利", "120.00"],
            ["水利工程运行与维护", "120.00"],
            ["某新设款级科目", "180.00"],  # a 款 the list does not know
            ["某新设项级科目甲", "100.00"],
            ["某新设项级科目乙", "80.00"],
            ["合计", "300.00"]]
    view = views(tmp_path, table(rows))[0]
    assert groups(view)["农林水支出"] == ["水利", "某新设款级科目"]
    assert not view.tree.groups[4].certain  # known from the figures, not from the name
    rows[6][1] = "90.00"  # now 某新设款级科目 ≠ its parts: the structure is no longer sure, so no TBL003
    result = check(tmp_path, table(rows))
    assert of(result, "TBL003") == [] and of(result, "TBL001") == []


# ---- codes ---------------------------------------------------------------------------------------

def test_codes_split_over_lei_kuan_xiang_columns(tmp_path):
    rows = [["科目编码", None, None, "科目名称", "本年支出"],
            ["类", "款", "项", None, None],
            ["213", "", "", "农林水支出", "250.00"],
            ["213", "01", "", "农业农村", "250.00"],
            ["213", "01", "01", "行政运行", "150.00"],
            ["213", "01", "06", "科技转化与推广服务", "100.00"],
            ["", "", "", "合计", "250.00"]]
    merges = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1)]
    view = views(tmp_path, table(rows, merges=merges, header_rows=2))[0]
    assert [view.code(r) for r in range(2, 6)] == ["213", "21301", "2130101", "2130106"]
    assert groups(view) == {"农林水支出": ["农业农村"], "农业农村": ["行政运行", "科技转化与推广服务"]}
    assert of(check(tmp_path, table(rows, merges=merges, header_rows=2)), "TBL001") == []
    rows[5][4] = "110.00"
    found = of(check(tmp_path, table(rows, merges=merges, header_rows=2)), "TBL003")
    assert [(f.location.row, settled(f)) for f in found] == [(3, Decimal("260.00"))]


# ---- the figures alone -----------------------------------------------------------------------------

def test_nesting_shown_only_by_the_figures(tmp_path):
    rows = [["项目", "金额（万元）"],
            ["设备购置", "60.00"], ["监测设备", "35.00"], ["办公设备", "25.00"],
            ["运行维护", "40.00"], ["合计", "100.00"]]
    view = views(tmp_path, table(rows))[0]
    assert groups(view) == {"设备购置": ["监测设备", "办公设备"]}
    assert view.tree.groups[1].how == "sum" and not view.tree.groups[1].certain
    assert of(check(tmp_path, table(rows)), "TBL001") == []
    rows[5][1] = "110.00"
    assert [settled(f) for f in of(check(tmp_path, table(rows)), "TBL001")] == [Decimal("100.00")]


def test_a_flat_list_whose_item_happens_to_equal_the_next_two_is_read_flat(tmp_path):
    """会议费 50,000 = 培训费 19,000 + 公务接待费 31,000 by chance: the 款 names of 商品和服务支出 say
    they are siblings, so a wrong 合计 is reported against all the items."""
    rows = [["类别", "金额（元）"], ["办公费", "20,000.00"], ["会议费", "50,000.00"], ["培训费", "19,000.00"],
            ["公务接待费", "31,000.00"], ["劳务费", "5,000.00"], ["合计", "125,003.00"]]
    found = of(check(tmp_path, table(rows)), "TBL001")
    assert [(settled(f), len(f.detail["addends"])) for f in found] == [(Decimal("125000.00"), 5)]


def test_with_unknown_names_a_coincidence_does_not_hide_the_error(tmp_path):
    rows = [["项目", "金额（元）"], ["甲项", "20,000.00"], ["乙项", "50,000.00"], ["丙项", "19,000.00"],
            ["丁项", "31,000.00"], ["戊项", "5,000.00"], ["合计", "125,003.00"]]
    found = of(check(tmp_path, table(rows)), "TBL001")
    assert [(settled(f), len(f.detail["addends"])) for f in found] == [(Decimal("125000.00"), 5)]


def test_blank_cells_of_a_part_are_unknown_not_zero(tmp_path):
    rows = [["项目", "本年支出", "基本支出", "项目支出"],
            ["一般公共服务", "300.00", "200.00", "100.00"],
            ["人员类", "200.00", "200.00", ""],
            ["项目类", "100.00", "", "100.00"],
            ["其他事务", "50.00", "50.00", ""],
            ["合计", "350.00", "250.00", "100.00"]]
    view = views(tmp_path, table(rows))[0]
    assert groups(view) == {"一般公共服务": ["人员类", "项目类"]}
    assert of(check(tmp_path, table(rows)), "TBL001") == []


# ---- 小计, 其中, numbered lists -------------------------------------------------------------------

def _leading_subtotals(second: str = "25.00") -> list[list[str | None]]:
    return [["序号", "项目名称", "调整后预算", "执行数"],
            ["一、年初项目小计", None, "150.00", "140.00"],
            ["1", "平台运维", "100.00", "95.00"],
            ["2", "数据整理", "50.00", "45.00"],
            ["二、年中追加项目小计", None, "40.00", "38.00"],
            ["3", "安全测评", "15.00", "13.00"],
            ["4", "线路租赁", "25.00", second],
            ["合计", None, "190.00", "178.00"]]


def test_subtotals_that_head_their_group(tmp_path):
    merges = [(1, 0, 1, 2), (4, 0, 1, 2), (7, 0, 1, 2)]
    view = views(tmp_path, table(_leading_subtotals(), merges=merges))[0]
    assert [g.children for g in view.tree.groups.values()] == [[2, 3], [5, 6]]
    assert [label for label in groups(view)] == ["一、年初项目小计", "二、年中追加项目小计"]
    assert of(check(tmp_path, table(_leading_subtotals(), merges=merges)), "TBL001") == []
    found = of(check(tmp_path, table(_leading_subtotals("20.00"), merges=merges)), "TBL001")
    assert [(f.location.row, f.stated, settled(f)) for f in found] == [(4, Decimal("38.00"), Decimal("33.00"))]


def test_a_total_broken_down_by_sub_items_is_not_footed_against_the_rows_above(tmp_path):
    rows = [["项目", "2022年", "2023年"],
            ["年初结转结余", "30.16", "44.70"],
            ["收入合计", "812.47", "888.84"],
            ["其中：财政拨款收入", "790.15", "858.46"],
            ["其他收入", "22.32", "30.38"],
            ["支出合计", "797.93", "888.34"],
            ["其中：人员经费", "548.02", "572.18"],
            ["公用经费", "82.46", "79.35"],
            ["项目支出", "167.45", "236.81"],
            ["年末结转结余", "44.70", "45.20"]]
    result = check(tmp_path, table(rows))
    assert of(result, "TBL001") == [] and of(result, "TBL003") == []
    rows[4][2] = "40.38"
    assert [(f.location.row, settled(f)) for f in of(check(tmp_path, table(rows)), "TBL003")] == [
        (2, Decimal("898.84"))]


def _numbered(first: str = "18.24") -> list[list[str | None]]:
    return [["项目", "上年决算数", "本年预算数"],
            ["三公经费", first, "24.30"],
            ["1、公务用车购置和维护经费", "12.18", "18.30"],
            ["其中：公车购置", "—", "12.00"],
            ["公车运行维护", "12.18", "6.30"],
            ["2、出国经费", "0.00", "0.00"],
            ["3、公务接待", "6.06", "6.00"],
            ["项目支出", "1,806.52", "1,624.80"],
            ["1、业务工作专项", "298.40", "320.00"],
            ["2、水利工程建设专项", "1,284.62", "1,086.80"],
            ["3、防汛抗旱专项", "223.50", "218.00"]]


def test_numbered_rows_under_an_unnumbered_one(tmp_path):
    view = views(tmp_path, table(_numbered()))[0]
    assert groups(view) == {"三公经费": ["1、公务用车购置和维护经费", "2、出国经费", "3、公务接待"],
                            "1、公务用车购置和维护经费": ["其中：公车购置", "公车运行维护"],
                            "项目支出": ["1、业务工作专项", "2、水利工程建设专项", "3、防汛抗旱专项"]}
    assert of(check(tmp_path, table(_numbered())), "TBL003") == []
    found = of(check(tmp_path, table(_numbered("18.64"))), "TBL003")
    assert [(f.location.row, f.location.col, f.stated, settled(f)) for f in found] == [
        (1, 1, Decimal("18.64"), Decimal("18.24"))]


def test_numbered_rows_that_add_up_nowhere_are_not_a_breakdown(tmp_path):
    rows = [["项目", "上年", "本年"], ["重点工作", "12.00", "15.00"], ["1、培训", "3.00", "4.00"],
            ["2、宣传", "2.00", "2.00"]]
    assert of(check(tmp_path, table(rows)), "TBL003") == []


# ---- shares ---------------------------------------------------------------------------------------

def _shares(first: str = "77.59") -> list[list[str | None]]:
    return [["科目名称", "金额（万元）", "占比（%）"],
            ["教育支出", "900.00", first],
            ["普通教育", "840.00", "72.41"],
            ["进修及培训", "60.00", "5.17"],
            ["住房保障支出", "260.00", "22.41"],
            ["住房改革支出", "260.00", "22.41"]]


def test_shares_without_a_total_are_of_the_top_rows(tmp_path):
    assert of(check(tmp_path, table(_shares())), "TBL004") == []
    found = of(check(tmp_path, table(_shares("76.59"))), "TBL004")
    assert [(f.location.row, settled(f)) for f in found] == [(1, Decimal("77.59"))]


# ---- score tables ----------------------------------------------------------------------------------

def test_a_merged_weight_restarted_after_a_page_break_is_read_once(tmp_path):
    rows = [["一级指标", "分值", "三级指标", "分值", "得分"],
            ["投入", "20", "在职人员控制率", "10", "10"],
            [None, None, "预算调整率", "10", "8"],
            ["过程", "80", "预算完成率", "30", "30"],
            [None, None, "支付进度率", "20", "20"],
            ["过程", "80", "资金使用合规性", "30", "28"],
            ["合计", "100", "", "100", "96"]]
    merges = [(1, 0, 2, 1), (1, 1, 2, 1), (3, 0, 2, 1), (3, 1, 2, 1)]
    view = views(tmp_path, table(rows, merges=merges))[0]
    assert view.figure(5, 1) is None and view.figure(3, 1) is not None
    assert view.tree.top([1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5]
    rows[5][0] = "产出"  # another indicator with the same weight is a figure of its own
    assert views(tmp_path, table(rows, merges=merges))[0].figure(5, 1) is not None


def _project_form(weight_total: str = "100") -> list:
    money = table([["项目名称", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
                   ["总额", "30.00", "28.50", "28.50", "100.00%", "10", "10"],
                   ["其中：财政资金", "30.00", "28.50", "28.50", "100.00%", "/", "/"]])
    indicators = table([["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
                        ["产出指标", "数量指标", "平台建成", "1", "1", "50", "50"],
                        ["效益指标", "社会效益指标", "上线运行", "1", "1", "40", "40"],
                        ["合计", None, None, None, None, weight_total, "100"]], merges=[(3, 0, 1, 5)])
    return [money, indicators]


def test_score_table_columns_are_left_to_the_score_table_rules(tmp_path):
    """A 10号 indicator table's 合计 of weights includes the 预算执行 weight of the money table: the
    SCT rules add it; the footing rule does not report the same weights again."""
    assert of(check(tmp_path, *_project_form(), *_project_form()), "TBL001") == []
    wrong = check(tmp_path, *_project_form(), *_project_form("110"))
    assert of(wrong, "TBL001") == [] and [f.stated for f in of(wrong, "SCT001")] == [Decimal("110")]


def test_rows_the_names_do_not_place_leave_the_nesting_to_the_figures(tmp_path):
    """基本支出 is no 科目 name; it is the sum of the two 经济分类 类 under it, 项目支出 is not."""
    rows = [["支出项目", "金额（万元）"], ["基本支出", "300.00"], ["工资福利支出", "220.00"], ["商品和服务支出", "80.00"],
            ["项目支出", "150.00"], ["合计", "450.00"]]
    view = views(tmp_path, table(rows))[0]
    assert groups(view) == {"基本支出": ["工资福利支出", "商品和服务支出"]}
    assert of(check(tmp_path, table(rows)), "TBL001") == []
    rows[5][1] = "460.00"
    assert [settled(f) for f in of(check(tmp_path, table(rows)), "TBL001")] == [Decimal("450.00")]


def test_cross_footing_says_which_gap_a_parent_only_carries_up(tmp_path):
    rows = [["科目名称", "本年支出", "工资福利支出", "商品和服务支出"],
            ["一般公共服务支出", "836,000.00", "612,000.00", "224,000.00"],
            ["群众团体事务", "836,000.00", "612,000.00", "224,000.00"],
            ["行政运行", "796,000.00", "612,000.00", "184,000.00"],
            ["一般行政管理事务", "40,000.00", "", "40,000.00"],
            ["社会保障和就业支出", "98,400.00", "98,400.00", ""],
            ["行政事业单位养老支出", "98,400.00", "98,400.00", ""],
            ["机关事业单位基本养老保险缴费支出", "98,400.00", "98,400.00", ""],
            ["合计", "934,400.00", "710,400.00", "224,000.00"]]
    assert of(check(tmp_path, table(rows)), "TBL002") == []
    rows[3][3] = "174,000.00"  # 行政运行 no longer cross-foots; its 款 and 类 (and their 商品和服务 sums) follow
    rows[2][3] = rows[1][3] = "214,000.00"
    rows[8][3] = "214,000.00"
    found = {f.location.row: f for f in of(check(tmp_path, table(rows)), "TBL002")}
    assert sorted(found) == [1, 2, 3, 8]
    assert found[3].detail["from_rows"] == [] and found[2].detail["from_rows"] == [3]
    assert found[1].detail["from_rows"] == [2] and found[8].detail["from_rows"] == [1]
    assert "差额即下级行“行政运行”的差额" in found[2].message


def _indented(fix: str = "100.00", part: str = "60.00") -> list[list[str | None]]:
    return [["项目", "本年支出", "基本支出"],
            ["城建类经费", "300.00", "200.00"],
            ["\u3000\u3000人员经费", "200.00", "200.00"],
            ["\u3000\u3000设施维护", fix, "0.00"],
            ["宣传类经费", "60.00", "10.00"],
            ["\u3000\u3000宣传品制作", part, "10.00"],
            ["合计", "360.00", "210.00"]]


def test_indentation_where_the_reader_keeps_it(tmp_path):
    view = views(tmp_path, table(_indented()))[0]
    assert groups(view) == {"城建类经费": ["人员经费", "设施维护"], "宣传类经费": ["宣传品制作"]}
    assert {g.how for g in view.tree.groups.values()} == {"indent"}
    result = check(tmp_path, table(_indented()))
    assert of(result, "TBL001") == [] and of(result, "TBL003") == []
    found = of(check(tmp_path, table(_indented(fix="110.00"))), "TBL003")  # 基本支出 still adds up: a breakdown
    assert [(f.location.row, f.location.col, settled(f)) for f in found] == [(1, 1, Decimal("310.00"))]
    # a single indented row that is not the whole of its parent may be a partial list: not reported
    assert of(check(tmp_path, table(_indented(part="40.00"))), "TBL003") == []


def test_codes_written_before_the_name(tmp_path):
    rows = [["功能分类科目", "本年支出"],
            ["213 农林水支出", "250.00"],
            ["21301 农业农村", "250.00"],
            ["2130101 行政运行", "150.00"],
            ["2130106 科技转化与推广服务", "110.00"],
            ["300万元以上项目", "0.00"],  # a figure at the start of a name is no code
            ["合计", "250.00"]]
    view = views(tmp_path, table(rows))[0]
    assert [view.code(r) for r in range(1, 6)] == ["213", "21301", "2130101", "2130106", None]
    found = of(check(tmp_path, table(rows)), "TBL003")
    assert [(f.location.row, f.stated, settled(f)) for f in found] == [(2, Decimal("250.00"), Decimal("260.00"))]
