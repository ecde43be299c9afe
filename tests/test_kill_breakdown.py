"""Mutants of SUM001 (checks/rules/prose.py, Breakdown: a total and its parts listed after 其中/包括/
“X中”) killed as a reader sees them: the finding a reviewer reads — severity, message, the figure
it points at, the clause quoted, detail — or its silence, for invented sentences. Every expected
figure comes from the test's own arithmetic (Decimal), every offset from where the test's own text
writes the figure.
"""

from __future__ import annotations

from decimal import Decimal

from checks.finding import Finding
from checks.runner import Result, check_document
from checks.settings import Settings
from extractor.model import Block, Document


def run(*paragraphs: str) -> Result:
    doc = Document(file="t.docx", format="docx",
                   blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])
    return check_document(doc, {"SUM001"}, Settings())


def one(*paragraphs: str) -> Finding:
    findings = run(*paragraphs).findings
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0]


def readings(summed: str, gap: str, short: bool, unit_en: str = "10k yuan") -> tuple[list[str], list[str]]:
    """The two readings a reviewer expects of a list that does not add up (Chinese, English)."""
    zh = [f"若分项无误，总数应为 {summed}万元", f"若总数无误，分项之和差 {gap}万元"]
    en = [f"if the items are right, the total should be {summed} {unit_en}",
          f"if the total is right, the items are {gap} {unit_en} {'short' if short else 'over'}"]
    return zh, en


def test_a_list_over_its_total_is_an_error_with_both_readings() -> None:
    text = "支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。"
    summed = Decimal("318.46") + Decimal("162.82")
    assert summed == Decimal("481.28")
    gap = summed - Decimal("471.28")  # 10.00万元 over
    f = one(text)
    zh, en = readings(f"{summed}", f"{gap}", short=False)
    assert f.rule == "SUM001"
    assert f.severity == "error"
    assert f.message == ("分项之和超过总数：总数 471.28万元，所列 2 项（318.46万元、162.82万元）之和为 481.28万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}")
    assert (f.stated, f.expected, f.unit) == (Decimal("471.28"), None, "万元")
    at = text.index("471.28万元")
    assert (f.location.block, f.location.start, f.location.end) == (0, at, at + len("471.28万元"))
    assert f.excerpt == text
    assert (f.excerpt_start, f.excerpt_end) == (at, at + len("471.28万元"))
    assert f.detail["parts"] == [{"label": "基本支出", "value": "318.46万元"},
                                 {"label": "项目支出", "value": "162.82万元"}]
    assert f.detail["exhaustive"] is False
    assert f.detail["trigger"] == "其中"
    assert [c["text"] for c in f.detail["candidates"]] == zh
    assert [c["text_en"] for c in f.detail["candidates"]] == en
    assert f.detail["candidates"][0]["value"] == "481.28"


def test_the_sum_is_shown_at_the_precision_of_the_total() -> None:
    # 100万元 is written in whole 万元: the sum 60.5 + 45.25 = 105.75 is shown as 106万元, the gap as 6万元
    summed = Decimal("60.5") + Decimal("45.25")
    shown_sum = summed.quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert shown_sum == Decimal(106)
    f = one("支出总计100万元，其中基本支出60.5万元，项目支出45.25万元。")
    zh, _ = readings("106", "6", short=False)
    assert f.message == ("分项之和超过总数：总数 100万元，所列 2 项（60.5万元、45.25万元）之和为 106万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}")


def test_a_list_declared_whole_that_falls_short_is_an_error() -> None:
    # an 其他 item says every part is named: 60 + 25 + 5 = 90 ≠ 100
    f = one("支出总计100万元，其中基本支出60万元，项目支出25万元，其他支出5万元。")
    summed = Decimal(60) + Decimal(25) + Decimal(5)
    zh, en = readings(f"{summed}", f"{Decimal(100) - summed}", short=True)
    assert f.severity == "error"
    assert f.message == ("列举完整但分项之和不等于总数：总数 100万元，所列 3 项（60万元、25万元、5万元）之和为 90万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}")
    assert f.detail["exhaustive"] is True
    assert [c["text_en"] for c in f.detail["candidates"]] == en  # an error: no "(or the list is not complete)"


def test_a_list_whose_paired_counts_add_up_names_that_count_in_the_message() -> None:
    # 3 + 2 = 5 projects: every kind is listed, so the money must add up too: 1,685.92 + 289.91 = 1,975.83 ≠ 2,000.00
    text = "全年共实施项目5个，执行资金2,000.00万元，其中：A类项目3个、执行1,685.92万元；B类项目2个、执行289.91万元。"
    summed = Decimal("1685.92") + Decimal("289.91")
    assert summed == Decimal("1975.83")
    f = one(text)
    zh, _ = readings(f"{summed}", f"{Decimal('2000.00') - summed}", short=True)
    assert f.severity == "error"
    assert f.message == ("同一列举各项所附的另一组数恰好加总为5个，各项已列全，但本组分项之和不等于总数："
                         "总数 2000.00万元，所列 2 项（1685.92万元、289.91万元）之和为 1975.83万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}")


def test_a_list_short_by_exactly_a_tenth_is_a_warning_that_says_it_may_be_partial() -> None:
    # 60 + 30 = 90: (100 − 90) / 100 = 10%, the bound of a list that is probably whole
    total, summed = Decimal(100), Decimal(60) + Decimal(30)
    assert (total - summed) / total == Decimal("0.10")
    f = one("支出总计100万元，其中基本支出60万元，项目支出30万元。")
    zh, en = readings("90", "10", short=True)
    assert f.severity == "warning"
    assert f.message == ("分项之和小于总数，若为完整列举则有误：总数 100万元，所列 2 项（60万元、30万元）之和为 90万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}（或列举不全）")
    assert [c["text"] for c in f.detail["candidates"]] == [zh[0], zh[1] + "（或列举不全）"]
    assert [c["text_en"] for c in f.detail["candidates"]] == [en[0], en[1] + " (or the list is not complete)"]
    assert set(f.detail["candidates"][1]) == {"text", "text_en", "value"}
    # 60 + 29 = 89 misses 11% of the total: a list of some of the parts, nothing to report
    assert run("支出总计100万元，其中基本支出60万元，项目支出29万元。").findings == []


def test_a_zero_total_with_parts_is_judged_not_divided_by() -> None:
    # nothing carried over, yet 5 + 3 = 8万元 of it listed
    f = one("本年结转资金0万元，其中基本支出结转5万元，项目支出结转3万元。")
    zh, _ = readings("8", "8", short=False)
    assert f.severity == "error"
    assert f.message == f"分项之和超过总数：总数 0万元，所列 2 项（5万元、3万元）之和为 8万元，二者不一致；{zh[0]}；{zh[1]}"
    # a balance of 0 whose parts are −3 and −2: short of the total by 5万元, which is no share of 0
    f = one("本年结余0万元，其中基本支出结余-3万元，项目支出结余-2万元。")
    assert f.severity == "warning"
    assert f.message.startswith("分项之和小于总数，若为完整列举则有误：总数 0万元，所列 2 项（-3万元、-2万元）之和为 -5万元")


def test_a_list_in_the_paragraph_after_its_total_points_at_the_list() -> None:
    # “本年收入中” breaks down the 本年收入 of the paragraph before: 150 + 40 + 20 = 210 > 200
    before = "本年收入200万元。"
    text = "从收入来源看，本年收入中，财政拨款收入150万元，事业收入40万元，其他收入20万元。"
    f = one(before, text)
    zh, _ = readings("210", "10", short=False)
    assert f.message == ("分项之和超过总数：总数 200万元，所列 3 项（150万元、40万元、20万元）之和为 210万元，"
                         f"二者不一致；{zh[0]}；{zh[1]}")
    assert f.location.block == 1
    assert (f.location.start, f.location.end) == (None, None)  # the total is not in this paragraph
    assert f.excerpt == text
    start = text.index("本年收入中")
    assert (f.excerpt_start, f.excerpt_end) == (start, len(text) - 1)  # the list, without the 。


def test_a_list_that_runs_to_the_end_of_its_paragraph_is_marked_to_its_last_character() -> None:
    before = "本年收入200万元。"
    text = "从收入来源看，本年收入中，财政拨款收入150万元，事业收入40万元，其他收入20万元，明细见附表X"
    f = one(before, text)
    assert (f.excerpt_start, f.excerpt_end) == (text.index("本年收入中"), len(text))


def test_a_single_part_after_qizhong_is_still_a_breakdown() -> None:
    # 其中 one part of 120万元 of a total of 100万元
    f = one("支出总计100万元，其中基本支出120万元。")
    assert f.severity == "error"
    assert f.message.startswith("分项之和超过总数：总数 100万元，所列 1 项（120万元）之和为 120万元")


def test_one_figure_among_named_things_is_no_list_and_does_not_stop_the_next() -> None:
    result = run("项目总投资500万元，包括设备购置费300万元。",
                 "支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。")
    assert [(f.location.block, f.stated) for f in result.findings] == [(1, Decimal("471.28"))]
    assert result.coverage.checked == 1  # one list judged: the 包括 with one figure is none


def test_two_wrong_lists_of_the_same_total_in_one_paragraph_are_two_findings() -> None:
    text = ("年初预算100万元（含上年结转），其中基本支出60万元、项目支出45万元；"
            "全年支出100万元，其中基本支出60万元、项目支出45万元。")
    result = run(text)
    first, second = text.index("100万元"), text.rindex("100万元")
    assert [(f.location.start, f.stated) for f in result.findings] == [(first, Decimal(100)), (second, Decimal(100))]
    assert result.coverage.checked == 2
    assert len({f.fingerprint for f in result.findings}) == 2


def test_a_paragraph_repeated_under_another_total_is_reported_again() -> None:
    # the same list twice, each after its own 本年收入 (2,000 and 2000万元): 1,500 + 600 = 2,100 > 2,000 both times
    listed = "本年收入中，财政拨款收入1,500万元，其他收入600万元。"
    result = run("本年收入2,000万元。", listed, "本年收入2000万元。", listed)
    assert [(f.location.block, f.stated) for f in result.findings] == [(1, Decimal(2000)), (3, Decimal(2000))]
