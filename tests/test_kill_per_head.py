"""Mutants of SUM002 (checks/rules/prose.py, PerHead: count × per-head amount = total, and the sum of
several such products before one total) killed as a reader sees them: a sentence whose finding —
message, stated, expected, unit, place, detail, fingerprint — or silence, or the number of checks in
the coverage line, changes under the mutant. Expected figures come from the test's own arithmetic.
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


def place(text: str, figure: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(figure, at + 1)
    return at, at + len(figure)


# --- one count × one per-head amount = one total (PerHead._judge) ---------------------------------

def test_a_wrong_total_reads_out_the_product_the_figures_and_the_place() -> None:
    text = "为32名学员发放补助，每人1,500元，共计50,000元。"
    expected = 32 * D(1500)  # 48,000元
    f = only(text)
    assert (f.rule, f.severity) == ("SUM002", "error")
    assert f.message == "32名×1,500元 应为 48,000元，报告写作 50,000元"
    assert (f.stated, f.expected, f.unit) == (D(50000), expected, "元")
    assert (f.location.start, f.location.end) == place(text, "50,000元")
    assert f.detail == {"count": "32名", "per_head": "1,500元", "formula": "总数 = 人数 × 人均"}


def test_a_monthly_average_over_the_year_in_wan_yuan_is_shown_at_the_totals_precision() -> None:
    # 37 × 228.30 × 12 = 101,365.20元 = 10.13652万元, shown as the total is (one decimal): 10.1万元;
    # even with the average's rounding (228.295–228.305) the product stays above 10.13万元, far from 10.0
    text = "为37名学员发放生活补助，每人每月228.30元，全年共计10.0万元。"
    product = 37 * D("228.30") * 12
    assert product == D("101365.20")
    f = only(text)
    assert f.message == "37名×228.30元×12 应为 10.1万元，报告写作 10.0万元"
    assert (f.stated, f.expected, f.unit) == (D("10.0"), D("10.1"), "万元")
    assert str(f.expected) == "10.1"  # at the total's own precision, not to the cent
    assert (f.location.start, f.location.end) == place(text, "10.0万元")
    assert (f.detail["count"], f.detail["per_head"]) == ("37名", "228.30元")
    assert f.detail["formula"].replace(" ", "") == "总数=人数×人均×期数"


def test_a_period_word_of_the_previous_sentence_does_not_govern_the_rate() -> None:
    # 每周 belongs to the first sentence: 86 × 300 = 25,800元, and 25,000元 is wrong under any reading
    text = "志愿服务每周开展。每人补300元，共86人，共计25,000元。"
    f = only(text)
    assert (f.stated, f.expected) == (D(25000), 86 * D(300))
    assert f.message == "86人×300元 应为 25,800元，报告写作 25,000元"


def test_a_period_word_of_another_clause_further_back_does_not_govern_the_rate() -> None:
    # 每周开展 is nine characters before 300元: what is done weekly, not what is paid weekly
    text = "志愿服务每周开展，每人补贴300元，共86人，共计25,000元。"
    f = only(text)
    assert (f.stated, f.expected) == (D(25000), 86 * D(300))


def test_a_monthly_rate_is_counted_over_the_year_only_when_its_own_sentence_says_so() -> None:
    # 全年 is in the first sentence; 86 × 100 = 8,600元 is one month: nothing to say, nothing checked
    result = check("全年为重度残疾人发放护理补贴。向86名残疾人每人每月100元，共计8,600元。")
    assert result.findings == []
    assert result.coverage.checked == 0


def test_two_wrong_totals_of_the_same_figure_are_two_findings_and_two_checks() -> None:
    text = "为32名学员发放补助，每人1,500元，共计50,000元。为40名教师发放补助，每人1,200元，共计50,000元。"
    result = check(text)
    assert [(f.stated, f.expected) for f in result.findings] == [(D(50000), 32 * D(1500)),
                                                                 (D(50000), 40 * D(1200))]
    assert [(f.location.start, f.location.end) for f in result.findings] == [place(text, "50,000元", 0),
                                                                              place(text, "50,000元", 1)]
    assert len({f.fingerprint for f in result.findings}) == 2  # a waiver of one does not silence the other
    assert result.coverage.checked == 2


def test_the_same_error_in_two_places_named_x_and_xx_is_reported_for_both() -> None:
    # anonymised place names (X乡, XX乡) are different places: each wrong total is its own finding
    sentence = "乡为32名学员发放补助，每人1,500元，共计50,000元。"
    result = check("X" + sentence + "XX" + sentence)
    assert [(f.stated, f.expected) for f in result.findings] == [(D(50000), D(48000))] * 2
    assert len({f.fingerprint for f in result.findings}) == 2


def test_a_fingerprint_does_not_depend_on_the_paragraphs_closing_punctuation() -> None:
    # a waiver or baseline matched by fingerprint keeps matching when the closing 。 is added or
    # changed to ；
    sentence = "为32名学员发放补助，每人1,500元，共计50,000元"
    prints = {only(sentence + end).fingerprint for end in ("", "。", "；")}
    assert len(prints) == 1
    summed = "276人，每人每月50元；42人，每人每月100元，全年合计200,000元"
    prints = {only(summed + end).fingerprint for end in ("", "。", "；")}
    assert len(prints) == 1


def test_fingerprints_of_this_release_stay_valid_for_the_waivers_written_with_them() -> None:
    # Users copy a finding's fingerprint into a [[waiver]] of audit-check.toml, and --baseline matches
    # earlier JSON by it: a fingerprint that changes un-waives their reviewed findings. The values are
    # the ones this release gives for these two sentences (the first 16 hex digits of the SHA-1 of
    # "SUM002||paragraph|<the total as written>|<the sentence without its 。>|<the stated value>");
    # change them only on purpose, and say so in the changelog.
    one = only("X县为32名学员发放补助，每人1,500元，共计50,000元。")
    assert one.fingerprint == "c37bbbf8893701b8"
    summed = only("X县276人，每人每月50元；42人，每人每月100元，全年合计200,000元。")
    assert summed.fingerprint == "46018fa55d72eb58"


# --- several count × per-head products before one total (PerHead._summed) --------------------------

SUMMED = "276人，每人每月50元；42人，每人每月100元，全年合计{total}。"


def test_products_of_several_groups_add_up_to_the_total_after_them() -> None:
    total = 276 * D(50) * 12 + 42 * D(100) * 12
    assert total == D(216000)
    result = check(SUMMED.format(total="216,000元"))
    assert result.findings == []
    assert result.coverage.checked == 1


def test_a_wrong_total_of_several_products_reads_out_every_product() -> None:
    text = SUMMED.format(total="200,000元")
    f = only(text)
    assert (f.rule, f.severity) == ("SUM002", "error")
    assert f.message == "276人×50元×12 + 42人×100元×12 应为 216,000元，报告写作 200,000元"
    assert (f.stated, f.expected, f.unit) == (D(200000), D(216000), "元")
    assert (f.location.start, f.location.end) == place(text, "200,000元")
    assert f.detail == {"products": ["276人×50元×12", "42人×100元×12"], "formula": "总数 = Σ 人数 × 人均"}


def test_a_summed_total_in_wan_yuan_is_shown_at_its_own_precision() -> None:
    # 276 × 50 × 12 + 42 × 100.50 × 12 = 165,600 + 50,652 = 216,252元 = 21.6252万元 → 21.6万元
    text = "276人，每人每月50元；42人，每人每月100.50元，全年合计20.0万元。"
    assert 276 * D(50) * 12 + 42 * D("100.50") * 12 == D("216252")
    f = only(text)
    assert f.message == "276人×50元×12 + 42人×100.50元×12 应为 21.6万元，报告写作 20.0万元"
    assert (f.stated, f.expected, f.unit) == (D("20.0"), D("21.6"), "万元")
    assert str(f.expected) == "21.6"


def test_products_paid_once_are_written_without_a_period_factor() -> None:
    text = "志愿服务每周开展，每人补贴50元，共38人；每人补贴100元，共42人，共计6,000元。"
    f = only(text)  # 每周开展 is nine characters before 50元: not the rate's period
    assert f.message == "38人×50元 + 42人×100元 应为 6100元，报告写作 6000元"
    assert (f.stated, f.expected) == (D(6000), 38 * D(50) + 42 * D(100))
    assert f.detail["products"] == ["38人×50元", "42人×100元"]


def test_a_period_word_of_the_previous_sentence_does_not_govern_the_first_rate() -> None:
    f = only("志愿服务每周开展。每人补50元，共38人；每人补100元，共42人，共计6,000元。")
    assert (f.stated, f.expected) == (D(6000), D(6100))


def test_monthly_rates_summed_over_the_year_only_when_their_own_sentence_says_so() -> None:
    # 13,800 + 4,200 = 18,000元 is one month; 全年 is in the sentence before
    result = check("全年发放护理补贴。276人，每人每月50元；42人，每人每月100元，共计18,000元。")
    assert result.findings == []
    assert result.coverage.checked == 0


def test_products_without_a_total_are_not_checked() -> None:
    for text in ("276人，每人每月50元；42人，每人每月100元。",
                 "276人，每人每月50元；另有42人，全年合计216,000元。"):  # 42人's rate is not given
        result = check(text)
        assert result.findings == [], text
        assert result.coverage.checked == 0, text


def test_two_wrong_summed_totals_of_the_same_figure_are_two_findings_and_two_checks() -> None:
    # 300 × 40 × 12 + 50 × 120 × 12 = 144,000 + 72,000 = 216,000元 too
    text = SUMMED.format(total="200,000元") + "300人，每人每月40元；50人，每人每月120元，全年合计200,000元。"
    result = check(text)
    assert [(f.stated, f.expected) for f in result.findings] == [(D(200000), D(216000))] * 2
    assert len({f.fingerprint for f in result.findings}) == 2
    assert result.coverage.checked == 2


def test_the_same_summed_error_in_two_places_named_x_and_xx_is_reported_for_both() -> None:
    sentence = "乡276人，每人每月50元；42人，每人每月100元，全年合计200,000元。"
    result = check("X" + sentence + "XX" + sentence)
    assert [(f.stated, f.expected) for f in result.findings] == [(D(200000), D(216000))] * 2
