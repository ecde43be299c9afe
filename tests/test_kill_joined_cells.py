"""Mutants of extractor/tables.py's `join_repeated_cells`: a merged cell that Word or an exporter wrote
again — in each row of the merge, or at the top of a new page — is read as ONE cell, and a cell that
only looks like a repeat (an equal weight of another indicator, a weight left blank) stays its own.

Each case is a table built in memory as a reader hands it over (a cell per origin, `rowspan` for a
merge, `row_pages` for the page each row starts on); the test reads the cells and the rows a reviewer
sees after the joining, and, where it matters, the weights check (SCT001) on the joined table."""

from __future__ import annotations

from decimal import Decimal as D

from checks.runner import Result, check_document
from checks.settings import Settings
from extractor.model import Block, Cell, Document, Table
from extractor.tables import join_repeated_cells

Spans = dict[tuple[int, int], int]


def build(rows: list[list[str | None]], spans: Spans | None = None, pages: list[int] | None = None,
          header_rows: int = 1, wide: Spans | None = None) -> Table:
    """A table from its rows: None where no cell starts (under a merge, or no cell drawn at all);
    `spans` gives the rows a merged cell covers, `wide` the columns, `pages` the page every row starts on."""
    spans, wide = spans or {}, wide or {}
    cells = [Cell(row=r, col=c, text=t, rowspan=spans.get((r, c), 1), colspan=wide.get((r, c), 1))
             for r, row in enumerate(rows) for c, t in enumerate(row) if t is not None]
    return Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=header_rows,
                 row_pages=pages or [], unit="万元")


def run(table: Table, code: str) -> Result:
    """One rule on a document holding the one (joined) table."""
    doc = Document(file="t.pdf", format="pdf", blocks=[Block(index=0, kind="table", table=table)])
    return check_document(doc, {code}, Settings())


def merges(table: Table, text: str) -> list[tuple[int, int]]:
    """Where every cell showing `text` starts and how many rows it covers."""
    return sorted((c.row, c.rowspan) for c in table.cells if c.text == text)


def column(table: Table, col: int) -> list[str]:
    return [row[col] for row in table.rows_text()]


# ------------------------------------------------------------------ a label written again in its merge


def test_a_label_written_in_the_first_row_and_again_over_the_next_two_is_one_cell() -> None:
    # a score table without a heading row (a continuation): the exporter wrote 产出指标 in row 0 and
    # again as a merge over rows 1–2 — one 一级指标 over three rows
    rows = [["产出指标", "数量指标", "10"], ["产出指标", "质量指标", "10"], [None, "时效指标", "10"],
            ["效益指标", "社会效益指标", "20"]]
    table = join_repeated_cells(build(rows, {(1, 0): 2}, header_rows=0))
    assert merges(table, "产出指标") == [(0, 3)]
    assert column(table, 0) == ["产出指标", "产出指标", "产出指标", "效益指标"]
    assert column(table, 2) == ["10", "10", "10", "20"]


def test_a_second_label_restarted_while_the_first_runs_on_is_joined() -> None:
    # 产出指标 spans rows 1–4; its 二级指标 数量指标 spans rows 1–2 and Word wrote it again over
    # rows 3–4: one 数量指标 over four rows, 质量指标 below it its own cell
    rows = [["一级指标", "二级指标", "三级指标", "分值"],
            ["产出指标", "数量指标", "培训人次", "10"], [None, None, "培训天数", "10"],
            [None, "数量指标", "覆盖学校数", "10"], [None, None, "覆盖班级数", "10"],
            ["效益指标", "满意度指标", "家长满意度", "10"]]
    table = join_repeated_cells(build(rows, {(1, 0): 4, (1, 1): 2, (3, 1): 2}))
    assert merges(table, "数量指标") == [(1, 4)]
    assert merges(table, "产出指标") == [(1, 4)]
    assert column(table, 1) == ["二级指标", "数量指标", "数量指标", "数量指标", "数量指标", "满意度指标"]
    # the 三级 weights are four cells of their own: no label left of them was repeated in their row
    assert merges(table, "10") == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]


def test_a_label_restarted_on_each_of_three_pages_is_one_cell() -> None:
    # 产出指标 over six rows on three pages: Word restarts the merge on each new page (rows 3 and 5)
    rows = [["一级指标", "二级指标", "分值"],
            ["产出指标", "数量指标", "10"], [None, "质量指标", "10"],
            ["产出指标", "时效指标", "10"], [None, "成本指标", "10"],
            ["产出指标", "覆盖指标", "10"], [None, "达标指标", "10"],
            ["效益指标", "满意度指标", "40"]]
    table = join_repeated_cells(build(rows, {(1, 0): 2, (3, 0): 2, (5, 0): 2}))
    assert merges(table, "产出指标") == [(1, 6)]
    assert column(table, 0) == ["一级指标"] + ["产出指标"] * 6 + ["效益指标"]


# ------------------------------------------------------------------ what only looks like a repeat


def test_an_equal_weight_beside_a_running_merge_stays_its_own_cell() -> None:
    # the 分值 column gives each 二级指标's weight before its name: 数量指标 and 质量指标 share one
    # merged 10, 时效指标 has a 10 of its own; 产出指标 runs on to its left but was not written again,
    # so the second 10 is another weight, not the merged one repeated
    rows = [["一级指标", "分值", "二级指标"],
            ["产出指标", "10", "数量指标"], [None, None, "质量指标"], [None, "10", "时效指标"],
            ["效益指标", "20", "满意度指标"]]
    table = join_repeated_cells(build(rows, {(1, 0): 3, (1, 1): 2}))
    assert merges(table, "10") == [(1, 2), (3, 1)]
    assert column(table, 1) == ["分值", "10", "10", "10", "20"]


def test_a_weight_left_blank_beside_a_running_merge_stays_blank() -> None:
    # as above, but 时效指标's weight is left blank: a reviewer sees a blank, not the 10 above it
    rows = [["一级指标", "分值", "二级指标"],
            ["产出指标", "10", "数量指标"], [None, None, "质量指标"], [None, "", "时效指标"],
            ["效益指标", "20", "满意度指标"]]
    table = join_repeated_cells(build(rows, {(1, 0): 3, (1, 1): 2}))
    assert merges(table, "10") == [(1, 2)]
    assert column(table, 1) == ["分值", "10", "10", "", "20"]


def test_a_label_after_a_gap_in_its_row_is_not_joined_without_a_page_break() -> None:
    # no cell is drawn at the start of row 3: the row does not run on from above, so the 产出指标
    # there is a new indicator of the same name, not the merge above written again
    rows = [["序号", "一级指标", "分值"],
            ["1", "产出指标", "10"], [None, None, "10"], [None, "产出指标", "20"]]
    table = join_repeated_cells(build(rows, {(1, 0): 2, (1, 1): 2}))
    assert merges(table, "产出指标") == [(1, 2), (3, 1)]


# ------------------------------------------------------------------ a page break


def test_a_label_after_a_gap_at_the_top_of_a_new_page_is_joined() -> None:
    # the PDF starts page 2 at row 3, where the exporter wrote 产出指标 again; no cell is drawn in the
    # 序号 column there, but a page starts: the label is the merge above cut by the page
    rows = [["序号", "一级指标", "分值"],
            ["1", "产出指标", "10"], [None, None, "10"], [None, "产出指标", "20"]]
    table = join_repeated_cells(build(rows, {(1, 1): 2}, pages=[1, 1, 1, 2]))
    assert merges(table, "产出指标") == [(1, 3)]
    assert column(table, 1) == ["一级指标", "产出指标", "产出指标", "产出指标"]
    assert merges(table, "10") == [(1, 1), (2, 1)]  # 20 under 10 is no repeat


def test_an_equal_weight_on_the_second_row_of_a_page_is_another_indicators() -> None:
    # 数量指标 and 质量指标 share one merged 20 that runs from page 1 onto page 2; 时效指标, the second
    # row of page 2, has a 20 of its own. The weights are 20 + 20 + 60 = 100: nothing to report
    rows = [["一级指标", "二级指标", "分值", "得分"],
            ["产出指标", "数量指标", "20", "18"], [None, "质量指标", None, None], [None, "时效指标", "20", "19"],
            ["效益指标", "满意度指标", "60", "57"]]
    table = join_repeated_cells(build(rows, {(1, 0): 3, (1, 2): 2, (1, 3): 2}, pages=[1, 1, 2, 2, 2]))
    assert merges(table, "20") == [(1, 2), (3, 1)]
    # (were the two 20s one cell, the weights would make 20 + 60 = 80 and SCT001 would report it)
    assert run(table, "SCT001").findings == []


def test_a_blank_corner_on_a_table_over_two_pages_takes_nothing_from_its_last_row() -> None:
    # the blank corner cell spans the two heading rows; the table runs onto page 2, where its 合计 row
    # is: the corner is no repeat of anything, and the 合计 row still reads 合计 and is footed
    rows = [["", "资金情况", None], [None, "预算数", "执行数"],
            ["基本支出", "120.00", "115.50"], ["项目支出", "80.00", "72.30"], ["其他支出", "10.00", "8.00"],
            ["合计", "210.00", "196.80"]]
    table = join_repeated_cells(build(rows, {(0, 0): 2}, pages=[1, 1, 1, 1, 2, 2], header_rows=2,
                                      wide={(0, 1): 2}))
    assert column(table, 0) == ["", "", "基本支出", "项目支出", "其他支出", "合计"]
    assert merges(table, "") == [(0, 2)]
    items, total = D("115.50") + D("72.30") + D("8.00"), D("196.80")
    found = run(table, "TBL001").findings
    assert [(f.location.row, f.location.col, f.stated) for f in found] == [(5, 2, total)]
    assert found[0].message == (
        f"“合计”行“资金情况执行数”列写作 {total:.2f}万元，3 个分项之和为 {items:.2f}万元，二者不一致："
        f"若分项无误，合计应为 {items:.2f}万元；若合计无误，分项之和差 {total - items:.2f}万元")
