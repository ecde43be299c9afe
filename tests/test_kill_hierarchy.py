"""Mutants of checks/rules/tables.py (Hierarchy._compare, TBL003) killed as a reviewer reads the
finding on a parent row that is not the sum of its sub-rows: the whole message (the row, the column
by the heading that stands over it, the sum, the two readings), the readings in both languages with
the value a user's script reads, the figures added, whether the list was complete, the unit, the
coverage count, and fingerprints that keep two different wrong cells apart. Tables are invented and
built inline; expected values come from the test's own arithmetic."""

from __future__ import annotations

from decimal import Decimal as D

from tests.builders import check_tables

CODED = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def result(code: str, *tables: list[list[str]]):  # noqa: ANN201 - checks.runner's result
    """The result of TBL003 on a document of tables, each with its first row as header."""
    return check_tables("TBL003", *tables)


def where(found: list) -> list[tuple[int | None, int | None, D | None, D | None]]:
    return [(f.location.row, f.location.col, f.stated, f.expected) for f in found]


def wan(value: D) -> str:
    return f"{value:.2f}万元"


def wan_en(value: D) -> str:
    return f"{value:.2f} 10k yuan"


def test_a_lei_over_its_kuan_in_two_columns() -> None:
    # 213's 合计 and 基本支出 are both 330.00 over its one 款's 320.00; 项目支出 0.00 = 0.00 adds up
    rows = [CODED, ["213", "农林水支出", "330.00", "330.00", "0.00"], ["21301", "农业农村", "320.00", "320.00", "0.00"]]
    stated, summed = D("330.00"), D("320.00")
    gap = stated - summed
    res = result("TBL003", rows)
    found = res.findings
    assert where(found) == [(1, 2, stated, None), (1, 3, stated, None)]
    readings = f"若下级各项无误，上级数应为 {wan(summed)}；若上级数无误，下级各项之和差 {wan(gap)}"
    assert found[0].message == (f"“农林水支出”行“合计”列 {wan(stated)} 与科目 213 的下级科目之和 {wan(summed)} 不一致："
                                + readings)
    assert found[1].message == (f"“农林水支出”行“基本支出”列 {wan(stated)} 与科目 213 的下级科目之和 {wan(summed)} 不一致："
                                + readings)
    assert [f.severity for f in found] == ["error", "error"]
    assert [f.unit for f in found] == ["万元", "万元"]
    assert found[0].detail == {
        "addends": [{"row": 2, "label": "农业农村", "value": "320.00"}],
        "exhaustive": True,
        "candidates": [
            {"text": f"若下级各项无误，上级数应为 {wan(summed)}",
             "text_en": f"if the sub-rows are right, the parent row should be {wan_en(summed)}", "value": str(summed)},
            {"text": f"若上级数无误，下级各项之和差 {wan(gap)}",
             "text_en": f"if the parent row is right, the sub-rows are {wan_en(gap)} short", "value": None},
        ],
    }
    # all three columns of the 类 were held to the 款, in one table
    assert (res.coverage.tables, res.coverage.checked) == (1, 3)
    # the same row, the same figure stated, two columns: a waiver of one must not hide the other
    assert found[0].fingerprint != found[1].fingerprint


def test_a_kuan_under_its_items_reads_short_or_over() -> None:
    # 21301 250.00 under 150.00 + 110.00 = 260.00: the sub-rows are 10.00 over, not short
    rows = [["科目编码", "科目名称", "本年支出"], ["213", "农林水支出", "250.00"], ["21301", "农业农村", "250.00"],
            ["2130101", "行政运行", "150.00"], ["2130106", "科技转化与推广服务", "110.00"]]
    stated, summed = D("250.00"), D("150.00") + D("110.00")
    found = result("TBL003", rows).findings
    assert where(found) == [(2, 2, stated, None)]
    assert found[0].message.startswith(f"“农业农村”行“本年支出”列 {wan(stated)} 与科目 21301 的下级科目之和 {wan(summed)} 不一致：")
    assert [c["text_en"] for c in found[0].detail["candidates"]] == [
        f"if the sub-rows are right, the parent row should be {wan_en(summed)}",
        f"if the parent row is right, the sub-rows are {wan_en(summed - stated)} over"]


def test_a_partial_qizhong_list_over_its_row() -> None:
    # 基本支出 318.46, 其中 人员经费 alone 320.00 (no 其他 row: the list may be partial, yet it exceeds it)
    rows = [["项目", "金额"], ["基本支出", "318.46"], ["其中：人员经费", "320.00"], ["项目支出", "152.82"],
            ["合计", "471.28"]]
    stated, summed = D("318.46"), D("320.00")
    over = summed - stated
    res = result("TBL003", rows)
    found = res.findings
    assert where(found) == [(1, 1, stated, None)]
    assert found[0].message == (
        f"“基本支出”行“金额”列 {wan(stated)} 与其中所列“人员经费”一项之和 {wan(summed)} 不一致（所列各项之和已超过上级数）："
        f"若所列各项无误，上级数至少应为 {wan(summed)}；若上级数无误，所列各项之和多出 {wan(over)}")
    assert found[0].unit == "万元"
    assert found[0].detail == {
        "addends": [{"row": 2, "label": "其中：人员经费", "value": "320.00"}],
        "exhaustive": False,
        "candidates": [
            {"text": f"若所列各项无误，上级数至少应为 {wan(summed)}",
             "text_en": f"if the listed items are right, the parent row should be at least {wan_en(summed)}",
             "value": str(summed)},
            {"text": f"若上级数无误，所列各项之和多出 {wan(over)}",
             "text_en": f"if the parent row is right, the listed items are {wan_en(over)} over", "value": None},
        ],
    }
    assert res.coverage.checked == 1


def test_a_parent_row_without_a_name_is_called_the_parent() -> None:
    # 213 has no 科目名称: the message names it by its place in the hierarchy
    rows = [["科目编码", "科目名称", "本年支出"], ["213", "", "330.00"], ["21301", "农业农村", "320.00"]]
    stated, summed = D("330.00"), D("320.00")
    found = result("TBL003", rows).findings
    assert where(found) == [(1, 2, stated, None)]
    assert found[0].message.startswith(f"上级行“本年支出”列 {wan(stated)} 与科目 213 的下级科目之和 {wan(summed)} 不一致：")


def _two_blocks(heading: str) -> list[list[str]]:
    """213 adds up under the table's heading; 214, under a heading row of the body saying `heading`,
    is 130.00 against 120.00."""
    return [["科目编码", "科目名称", "本年支出"], ["213", "农林水支出", "320.00"], ["21301", "农业农村", "320.00"],
            ["科目编码", "科目名称", heading], ["214", "交通运输支出", "130.00"], ["21401", "公路水路运输", "120.00"]]


def test_a_heading_row_in_the_body_names_the_column() -> None:
    stated, summed = D("130.00"), D("120.00")
    found = result("TBL003", _two_blocks("上年预算数")).findings
    assert where(found) == [(4, 2, stated, None)]
    assert found[0].message.startswith(
        f"“交通运输支出”行“上年预算数”列 {wan(stated)} 与科目 214 的下级科目之和 {wan(summed)} 不一致：")


def test_the_same_row_under_two_headings_gets_two_fingerprints() -> None:
    # one table holds 214 under 本年支出, the other under 上年预算数: two different figures are wrong
    plain = [["科目编码", "科目名称", "本年支出"], ["214", "交通运输支出", "130.00"], ["21401", "公路水路运输", "120.00"]]
    found = result("TBL003", plain, _two_blocks("上年预算数")).findings
    assert [(f.location.table, f.location.row, f.stated) for f in found] == [(0, 1, D("130.00")), (1, 4, D("130.00"))]
    assert found[0].fingerprint != found[1].fingerprint


def test_two_different_rows_of_the_same_name_get_two_fingerprints() -> None:
    # 农林水支出's 本年支出 330.00 is 10.00 over in both tables; its 上年支出 (100.00 / 90.00) tells the rows apart
    one = [["科目编码", "科目名称", "本年支出", "上年支出"], ["213", "农林水支出", "330.00", "100.00"],
           ["21301", "农业农村", "320.00", "100.00"]]
    other = [["科目编码", "科目名称", "本年支出", "上年支出"], ["213", "农林水支出", "330.00", "90.00"],
             ["21301", "农业农村", "320.00", "90.00"]]
    found = result("TBL003", one, other).findings
    assert [(f.location.table, f.location.row, f.location.col, f.stated) for f in found] == [
        (0, 1, 2, D("330.00")), (1, 1, 2, D("330.00"))]
    assert found[0].fingerprint != found[1].fingerprint
