"""Mutants of SUM002 (checks/rules/prose.py, PerHead) where one sentence gives two rates of one total —
an amount per 亩 times the area and an amount per 户 (monthly, over the year) times the households —
and of the sum of several products before one total, killed as a reader sees them: a sentence whose
finding (message, figures, place, fingerprint) or silence, or the number of checks in the coverage
line, changes under the mutant. Expected figures come from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.finding import Finding
from checks.runner import Result, check_document
from checks.settings import Settings
from extractor.model import Block, Document


def check(text: str) -> Result:
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    return check_document(doc, {"SUM002"}, Settings())


def only(text: str) -> Finding:
    found = check(text).findings
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def place(text: str, figure: str) -> tuple[int, int]:
    at = text.index(figure)
    return at, at + len(figure)


# 2.0000万亩 × 100.00元 = 200.00万元; 1,000户 × 200.00元 a month × 12 = 240.00万元: the total is given by
# the second rate only (the first product is left alone: which of its figures is off, the sentence
# does not say)
AREA = 20000 * D(100)
HOUSEHOLDS = 1000 * D(200) * 12
TWO_RATES = "全县补贴面积2.0000万亩，每亩补贴100.00元，惠及农户1,000户，户均每月补贴200.00元，全年共发放补贴资金{total}。"


def test_a_total_given_by_the_monthly_rate_per_household_over_the_year_is_right() -> None:
    assert (20000 * D(100), 1000 * D(200) * 12) == (D(2000000), D(2400000))  # 200.00万元, 240.00万元
    result = check(TWO_RATES.format(total="240.00万元"))
    assert result.findings == []
    assert result.coverage.checked == 1


def test_a_total_given_by_neither_rate_is_wrong_and_names_the_first_product() -> None:
    text = TWO_RATES.format(total="250.00万元")
    f = only(text)
    assert (f.rule, f.severity) == ("SUM002", "error")
    assert f.message == "2.0000万亩×100.00元 应为 200.00万元，报告写作 250.00万元"
    assert (f.stated, f.expected, f.unit) == (D("250.00"), AREA / 10000, "万元")
    assert (f.location.start, f.location.end) == place(text, "250.00万元")
    assert f.detail == {"count": "2.0000万亩", "per_head": "100.00元", "formula": "总数 = 人数 × 人均"}


def test_a_monthly_rate_of_two_is_counted_over_the_year_only_when_its_own_sentence_says_so() -> None:
    # 全年 is in the sentence before: 1,000户 × 200.00元 is one month, not 240.00万元; the product of
    # the monthly rate cannot be formed, so nothing is checked
    result = check("全年发放耕地补贴。" + TWO_RATES.format(total="240.00万元").replace("全年共", "共"))
    assert result.findings == []
    assert result.coverage.checked == 0


def test_every_sentence_of_two_rates_with_its_total_right_is_one_check() -> None:
    # 2.0000万亩 × 100.00元 = 200.00万元 and 3.0000万亩 × 100.00元 = 300.00万元 (and 1,000 / 1,500户 ×
    # 2,000.00元 the same): two checks, two totals right
    assert 20000 * D(100) == 1000 * D(2000) == D(2000000)
    assert 30000 * D(100) == 1500 * D(2000) == D(3000000)
    text = ("全镇耕地2.0000万亩，每亩补贴100.00元，惠及农户1,000户，户均补贴2,000.00元，共发放200.00万元。"
            "全县补贴面积3.0000万亩，每亩补贴100.00元，惠及农户1,500户，户均补贴2,000.00元，共发放补贴资金300.00万元。")
    result = check(text)
    assert result.findings == []
    assert result.coverage.checked == 2


# 4,000亩 × 30元 = 12.00万元 and 200户 × 600元 = 12.00万元: 13.00万元 is wrong under either rate (each test
# writes what comes before 30元: 每亩补 or 每亩补贴, and the clause or sentence before that)
MACHINE = "30元，共作业4,000亩，惠及农户200户，户均补贴600元，共计发放补贴{total}。"


def test_a_period_word_of_the_previous_sentence_does_not_govern_the_first_of_two_rates() -> None:
    assert 4000 * D(30) == 200 * D(600) == D(120000)
    text = "机耕作业每周开展。每亩补" + MACHINE.format(total="13.00万元")
    f = only(text)
    assert f.message == "4,000亩×30元 应为 12.00万元，报告写作 13.00万元"
    assert (f.stated, f.expected) == (D("13.00"), D("12.00"))
    assert (f.location.start, f.location.end) == place(text, "13.00万元")
    assert check("机耕作业每周开展。每亩补" + MACHINE.format(total="12.00万元")).coverage.checked == 1


def test_a_period_word_of_another_clause_further_back_does_not_govern_the_first_of_two_rates() -> None:
    # 每周开展 is nine characters before 30元: what is done weekly, not what is paid weekly
    f = only("机耕作业每周开展，每亩补贴" + MACHINE.format(total="13.00万元"))
    assert (f.stated, f.expected) == (D("13.00"), D("12.00"))
    assert check("机耕作业每周开展，每亩补贴" + MACHINE.format(total="12.00万元")).findings == []


def test_the_fingerprint_of_a_wrong_total_of_two_rates_does_not_depend_on_the_sentence_before() -> None:
    # a waiver or baseline matched by fingerprint keeps matching when another sentence of the
    # paragraph is edited
    wrong = "每亩补贴" + MACHINE.format(total="13.00万元")
    prints = {only(before + wrong).fingerprint for before in ("", "机耕作业按季开展。", "全县推进农机社会化服务。")}
    assert len(prints) == 1


# --- several count × per-head products before one total (PerHead._summed) --------------------------

# 10 × 100.00 + 20 × 50.00 = 2,000元, the averages to the cent: 1,999.85–2,000.15元
GRADES = "一级学员10人，每人补助100.00元；二级学员20人，每人补助50.00元，共计{total}。"


def test_a_summed_total_right_to_the_yuan_is_right_and_one_yuan_more_is_wrong() -> None:
    assert 10 * D(100) + 20 * D(50) == D(2000)
    result = check(GRADES.format(total="2,000元"))
    assert result.findings == []
    assert result.coverage.checked == 1
    f = only(GRADES.format(total="2,001元"))
    assert f.message == "10人×100.00元 + 20人×50.00元 应为 2000元，报告写作 2001元"
    assert (f.stated, f.expected) == (D(2001), D(2000))
