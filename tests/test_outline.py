"""Section paths from printed numbering, when the file has no heading styles (PDF, plain Word)."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.assemble import assemble
from extractor.outline import number_value


@dataclass
class Line:
    text: str


def sections(*texts: str) -> dict[str, str]:
    doc = assemble("t.pdf", "pdf", [Line(t) for t in texts])
    return {b.text: b.section for b in doc.blocks}


def test_decimal_chapters_hold_the_chinese_numbering_and_the_narratives_own_lists() -> None:
    got = sections(
        "1.基本情况", "1.1单位职能", "一、主要职责", "二、内设机构", "1.2支出情况",
        "1.3年度工作完成情况", "（一）做好安全生产监管",
        "1.隐患排查更加扎实。全年排查企业214家，整改隐患1,032处。",
        "2.执法检查更加有力。全年立案查处违法行为37起。",
        "（二）加强应急能力建设", "1.预案体系更加完善。修订专项预案6部。",
        "二、存在的问题", "三、2026年工作打算",
        "2.绩效评价概述", "2.1评价目的", "3.评价分析", "3.1投入", "1、绩效目标合理性", "2、在职人员控制率",
        "3.2过程", "1、预算完成率",
    )
    assert got["一、主要职责"] == "1.基本情况 › 1.1单位职能 › 一、主要职责"
    assert got["1.2支出情况"] == "1.基本情况 › 1.2支出情况"
    assert got["2.执法检查更加有力。全年立案查处违法行为37起。"] == \
        "1.基本情况 › 1.3年度工作完成情况 › （一）做好安全生产监管 › 2.执法检查更加有力"
    assert got["1.预案体系更加完善。修订专项预案6部。"] == \
        "1.基本情况 › 1.3年度工作完成情况 › （二）加强应急能力建设 › 1.预案体系更加完善"
    assert got["二、存在的问题"] == "1.基本情况 › 1.3年度工作完成情况 › 二、存在的问题"
    assert got["三、2026年工作打算"] == "1.基本情况 › 1.3年度工作完成情况 › 三、2026年工作打算"
    assert got["2.绩效评价概述"] == "2.绩效评价概述"
    assert got["2、在职人员控制率"] == "3.评价分析 › 3.1投入 › 2、在职人员控制率"
    assert got["1、预算完成率"] == "3.评价分析 › 3.2过程 › 1、预算完成率"


def test_the_conventional_order_when_the_report_starts_with_chinese_numbering() -> None:
    got = sections("一、部门概况", "（一）人员情况", "1.在职人员", "2.退休人员", "（二）资产情况",
                   "二、绩效评价", "（一）投入", "1.预算执行率")
    assert got["2.退休人员"] == "一、部门概况 › （一）人员情况 › 2.退休人员"
    assert got["（二）资产情况"] == "一、部门概况 › （二）资产情况"
    assert got["二、绩效评价"] == "二、绩效评价"
    assert got["1.预算执行率"] == "二、绩效评价 › （一）投入 › 1.预算执行率"


def test_a_heading_whose_title_starts_with_a_year() -> None:
    assert sections("一、总体情况", "二、2026年工作打算")["二、2026年工作打算"] == "二、2026年工作打算"


def test_number_values() -> None:
    assert number_value("1.2") == (1, 2)
    assert number_value("（十一）") == (11,)
    assert number_value("二十、") == (20,)
    assert number_value("③") == (3,)
    assert number_value("4．") == (4,)


def test_an_attachment_opens_a_part_of_its_own() -> None:
    got = sections("一、项目概况", "五、改进措施", "附件：1.甲项目支出绩效自评表", "2.乙项目支出绩效自评表",
                   "附件1", "项目支出绩效自评表（2025年度）", "附件2：乙项目支出绩效自评表", "项目支出绩效自评表（2025年度）")
    assert got["附件1"] == "附件1"
    assert got["附件2：乙项目支出绩效自评表"] == "附件2：乙项目支出绩效自评表"
