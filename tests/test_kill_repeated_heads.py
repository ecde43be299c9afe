"""Mutants of extractor/tables.py's reading of the rows a PDF continuation page repeats from the top of
its table (`_repeated_lead`, `_same_lead_row`, used by `glue` where the reader found no header row: a
form whose title row spans the form, with Word's repeated header rows — the title, the money block's
heading — at the top of every page), and of the figure a cell shows when a line break follows a sign
(`cell_figure_text`).

Each case is a table at the foot of one page and its continuation at the top of the next, built in
memory as the PDF reader hands them to `glue`; the test reads the rows of the one table a reviewer
sees (a repeated title or heading gone, every body row kept, a label the page cut whole again) and,
where it matters, the footing finding (TBL001) on it. Expected sums are the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import Result, check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table
from extractor.tables import glue
from extractor.text import squash
from tests.builders import check_tables

EDGES4 = [0.0, 120.0, 220.0, 320.0, 420.0]
EDGES2 = [0.0, 200.0, 320.0]


def part(*rows: list[str]) -> Table:
    """One page's part of a form whose header the reader did not find (header_rows 0)."""
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    edges = EDGES4 if len(rows[0]) == 4 else EDGES2
    return Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=0, col_edges=edges)


def labels(table: Table) -> list[str]:
    """The first column of every row, as a reviewer reads down the table."""
    return [squash(row[0]) for row in table.rows_text()]


def footing(table: Table) -> Result:
    """TBL001 on the one table (amounts in 万元)."""
    table = table.model_copy(update={"unit": "万元"})
    doc = Document(file="t.pdf", format="pdf", blocks=[Block(index=0, kind="table", table=table)])
    return check_document(doc, {"TBL001"}, Settings())


TITLE = "凌川区教育局部门整体绩效自评表"
MONEY = ["年度预算资金（万元）", "全年预算数", "全年执行数", "执行率"]


# ------------------------------------------------------------------ what a continuation repeats


def test_a_title_and_a_two_level_heading_repeated_on_the_new_page_are_all_dropped() -> None:
    # Word repeats three rows on the next page: the title, the group heading and the column heading
    group = ["资金类别", "预算执行情况", "", ""]
    columns = ["", "全年预算数", "全年执行数", "执行率"]
    first = part([TITLE, "", "", ""], group, columns, ["年度资金总额", "520.00", "505.30", "97.17%"])
    rest = part([TITLE, "", "", ""], group, columns, ["其中：财政拨款", "500.00", "487.50", "97.50%"],
                ["上年结转资金", "20.00", "17.80", "89.00%"])
    joined = glue(first, rest)
    # the column heading stays where it is, once: not a new row, nor glued onto 年度资金总额's row
    assert [[squash(t) for t in row] for row in joined.rows_text()] == [
        [TITLE, "", "", ""], group, columns, ["年度资金总额", "520.00", "505.30", "97.17%"],
        ["其中：财政拨款", "500.00", "487.50", "97.50%"], ["上年结转资金", "20.00", "17.80", "89.00%"]]


def test_a_continuation_that_repeats_nothing_keeps_every_row() -> None:
    # page 2 goes straight on with three rows of figures: none of them is a repeated heading, whatever
    # the rows at the top of the table hold
    first = part([TITLE, "", "", ""], MONEY, ["年度资金总额", "520.00", "505.30", "97.17%"])
    rest = part(["其中：财政拨款", "500.00", "487.50", "97.50%"], ["上年结转资金", "20.00", "17.80", "89.00%"],
                ["其他资金", "0.00", "0.00", "0.00%"])
    joined = glue(first, rest)
    assert labels(joined) == [TITLE, "年度预算资金（万元）", "年度资金总额", "其中：财政拨款", "上年结转资金", "其他资金"]


def test_a_repeated_heading_of_two_short_labels_is_dropped_and_the_total_adds_up() -> None:
    # a two-column form: the title row and a heading of two short labels (项目 | 金额, 4 characters
    # in all) repeated on page 2. Dropped, the 合计 5.00 closes 办公费 3.00 + 印刷费 2.00; kept as a
    # heading row in the body, it would cut the table in two and 合计 would be held to 印刷费 alone
    office, printing = D("3.00"), D("2.00")
    total = office + printing
    first = part(["某县财政局项目支出明细表", ""], ["项目", "金额"], ["办公费", f"{office:.2f}"])
    rest = part(["某县财政局项目支出明细表", ""], ["项目", "金额"], ["印刷费", f"{printing:.2f}"],
                ["合计", f"{total:.2f}"])
    joined = glue(first, rest)
    assert labels(joined) == ["某县财政局项目支出明细表", "项目", "办公费", "印刷费", "合计"]
    assert footing(joined).findings == []


def test_a_title_of_exactly_eight_characters_repeated_alone_is_dropped() -> None:
    # only the title row is repeated (8 characters: long enough not to be a coincidence); page 2 then
    # goes on with figures. The title is not the rest of the row the page broke
    title = "附表1项目支出表"
    assert len(title) == 8
    first = part([title, "", "", ""], MONEY, ["年度资金总额", "520.00", "505.30", "97.17%"])
    rest = part([title, "", "", ""], ["其中：财政拨款", "500.00", "487.50", "97.50%"],
                ["上年结转资金", "20.00", "17.80", "89.00%"])
    joined = glue(first, rest)
    assert labels(joined) == [title, "年度预算资金（万元）", "年度资金总额", "其中：财政拨款", "上年结转资金"]


def test_a_title_the_new_page_cut_to_eight_characters_is_still_the_title() -> None:
    cut = TITLE[:8]
    assert cut == "凌川区教育局部门"
    first = part([TITLE, "", "", ""], MONEY, ["年度资金总额", "520.00", "505.30", "97.17%"])
    rest = part([cut, "", "", ""], MONEY, ["其中：财政拨款", "500.00", "487.50", "97.50%"],
                ["上年结转资金", "20.00", "17.80", "89.00%"])
    joined = glue(first, rest)
    assert labels(joined) == [TITLE, "年度预算资金（万元）", "年度资金总额", "其中：财政拨款", "上年结转资金"]


def test_the_rest_of_a_label_the_page_cut_is_not_taken_for_the_title() -> None:
    # page 1 ends in the row 其中：当年财政拨款（含年中追加预算资金）, the page cutting its label after
    # 拨款: the rest at the top of page 2 is one long cell alone, like a title, but not the title
    rest_of_label = "（含年中追加预算资金）"
    first = part([TITLE, "", "", ""], MONEY, ["其中：当年财政拨款", "500.00", "487.50", "97.50%"])
    rest = part([rest_of_label, "", "", ""], ["上年结转资金", "20.00", "17.80", "89.00%"],
                ["其他资金", "0.00", "0.00", "0.00%"])
    joined = glue(first, rest)
    assert labels(joined) == [TITLE, "年度预算资金（万元）", "其中：当年财政拨款" + rest_of_label, "上年结转资金", "其他资金"]


def test_a_short_lone_label_at_the_top_of_both_pages_is_the_rest_of_the_cut_row() -> None:
    # the table opens with its section label 项目支出 (4 characters alone: too short to tell a title
    # by); page 1 ends in 其中：上年结转 / 项目支出, the page cutting the label after its first line, so
    # page 2 opens with 项目支出 again — the rest of that label, not a repeated title
    first = part(["项目支出", "", "", ""], ["专项业务费", "12.00", "11.00", "91.67%"],
                 ["其中：上年结转", "3.00", "2.50", "83.33%"])
    rest = part(["项目支出", "", "", ""], ["设备购置费", "8.00", "8.00", "100.00%"],
                ["合计", "20.00", "19.00", "95.00%"])
    joined = glue(first, rest)
    assert labels(joined) == ["项目支出", "专项业务费", "其中：上年结转项目支出", "设备购置费", "合计"]


def test_an_indicator_label_word_restarted_on_the_new_page_is_not_a_repeated_heading() -> None:
    # an indicator form: the title and the heading repeat on page 2; its first body row opens with
    # 产出指标 again (Word restarts the merged 一级指标 cell after the page break), but it is a new
    # indicator, 质量指标, and stays a row of the table
    head = ["一级指标", "二级指标", "三级指标", "完成情况"]
    first = part([TITLE, "", "", ""], head, ["产出指标", "数量指标", "维修道路长度", "按计划完成"],
                 ["产出指标", "时效指标", "完工时间", "年底前完工"])
    rest = part([TITLE, "", "", ""], head, ["产出指标", "质量指标", "验收合格率", "全部合格"],
                ["效益指标", "社会效益指标", "群众出行条件", "明显改善"])
    joined = glue(first, rest)
    assert [squash(row[1]) for row in joined.rows_text()] == \
        ["", "二级指标", "数量指标", "时效指标", "质量指标", "社会效益指标"]


# ------------------------------------------------------------------ a sign, a space and a line break


def test_a_dash_and_a_space_over_a_figure_reads_as_the_same_text_on_one_line() -> None:
    # “- ⏎5.00”: the writer typed a dash and a space (a nil dash, or a bullet), then the figure; a line
    # break in a cell is layout and changes nothing, so the cell reads as “- 5.00” does on one line —
    # 5.00, not −5.00 (a negative figure is typed “-5.00”; wrapped, it reads “-⏎5.00”, still −5.00).
    # 办公费 10.00 and this 5.00 make the 合计 15.00: no finding
    office, other = D("10.00"), D("5.00")
    total = office + other
    result = check_tables("TBL001", [["项目", "金额"], ["办公费", f"{office:.2f}"], ["其他", f"- \n{other:.2f}"],
                                     ["合计", f"{total:.2f}"]])
    assert result.findings == []
    # as the same text on one line does
    assert check_tables("TBL001", [["项目", "金额"], ["办公费", f"{office:.2f}"], ["其他", f"- {other:.2f}"],
                                   ["合计", f"{total:.2f}"]]).findings == []
    # a negative figure wrapped after its sign is still negative: 10.00 − 5.00 = 5.00
    assert check_tables("TBL001", [["项目", "金额"], ["办公费", f"{office:.2f}"], ["退款冲减", f"-\n{other:.2f}"],
                                   ["合计", f"{office - other:.2f}"]]).findings == []
    # and the oracle can fail: a 合计 of 15.00 over 10.00 and −5.00 is one finding
    [f] = check_tables("TBL001", [["项目", "金额"], ["办公费", f"{office:.2f}"], ["退款冲减", f"-\n{other:.2f}"],
                                  ["合计", f"{total:.2f}"]]).findings
    summed = office - other
    assert (f.rule, f.location.row, f.location.col, f.stated) == ("TBL001", 3, 1, total)
    assert f.message == (f"“合计”行“金额”列写作 {total:.2f}万元，2 个分项之和为 {summed:.2f}万元，二者不一致："
                         f"若分项无误，合计应为 {summed:.2f}万元；若合计无误，分项之和差 {total - summed:.2f}万元")


# ------------------------------------------------------------------ a page of nothing but the repeated rows


def test_a_page_that_holds_only_the_title_and_heading_before_the_table_is_read_once() -> None:
    # the form's title and money heading fell at the foot of page 1; page 2 repeats them above the body
    first = part([TITLE, "", "", ""], MONEY)
    rest = part([TITLE, "", "", ""], MONEY, ["年度资金总额", "520.00", "505.30", "97.17%"],
                ["其中：财政拨款", "500.00", "487.50", "97.50%"])
    assert labels(glue(first, rest)) == [TITLE, "年度预算资金（万元）", "年度资金总额", "其中：财政拨款"]


def test_a_continuation_of_nothing_but_the_repeated_title_and_heading_adds_no_row() -> None:
    # the body ended on page 1; Word still repeated the header rows at the top of page 2
    first = part([TITLE, "", "", ""], MONEY, ["年度资金总额", "520.00", "505.30", "97.17%"])
    rest = part([TITLE, "", "", ""], MONEY)
    assert labels(glue(first, rest)) == [TITLE, "年度预算资金（万元）", "年度资金总额"]
