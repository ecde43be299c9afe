"""Mutants of checks/intervals.py that survived the suite, killed as a user sees them: a formula or a
breakdown whose verdict changes when the interval arithmetic is wrong. Expected figures are the
test's own arithmetic (Decimal), never the product's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document


def doc_of(*paragraphs: str) -> Document:
    return Document(file="t.docx", format="docx",
                    blocks=[Block(index=i, kind="paragraph", text=t) for i, t in enumerate(paragraphs)])


def found(text: str, settings: Settings | None = None) -> list:
    return check_document(doc_of(text), None, settings or Settings()).findings


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_a_fall_cut_instead_of_rounded_is_a_truncation_with_its_sign() -> None:
    # -8/76 = -10.526…%: rounded half up -10.53%, cut -10.52% (the cut of a negative figure lies
    # on the side of zero: its truncation interval is [-10.53, -10.52])
    rate = Decimal(-8) / Decimal(76) * 100
    assert half_up(rate, 2) == Decimal("-10.53")
    fs = found("“三公经费”变动率=（68-76）/76×100%=-10.52%。")
    assert [(f.rule, f.severity, f.stated, f.expected) for f in fs] == [("PRC001", "info", Decimal("-10.52"), half_up(rate, 2))]
    assert "报告写作 -10.52%" in fs[0].message


def test_a_fall_rounded_half_up_is_silent() -> None:
    assert found("“三公经费”变动率=（68-76）/76×100%=-10.53%。") == []


def test_a_divisor_of_zero_gives_no_formula_error_and_no_crash() -> None:
    # 12/0 is undefined: no recomputation, so no FML001 (SCR006 speaks to the undefined rate)
    assert "FML001" not in [f.rule for f in found("增长率=（12-0）/0×100%=0%。")]


def _rule_and_values(text: str) -> list[tuple[str, Decimal | None, Decimal | None]]:
    return [(f.rule, f.stated, f.expected) for f in found(text)]


def test_a_cut_is_one_unit_of_the_last_digit_not_two() -> None:
    # 2465/1000 = 246.5%: printed 245% is neither rounded (247%) nor cut (246%): a plain error
    assert half_up(Decimal(2465) / 1000 * 100, 0) == 247
    assert _rule_and_values("培训完成率=2465/1000×100%=245%。") == [("FML001", Decimal(245), Decimal(247))]


def test_small_positive_rates_cut_toward_zero_are_truncations() -> None:
    # 7/10000 = 0.07%: cut to one place 0.0%, rounded 0.1%; 11/1900 = 0.5789…%: cut 0.57%, rounded 0.58%
    assert _rule_and_values("完成率=7/10000×100%=0.0%。") == [
        ("PRC001", Decimal("0.0"), half_up(Decimal(7) / 10000 * 100, 1))]
    assert _rule_and_values("完成率=11/1900×100%=0.57%。") == [
        ("PRC001", Decimal("0.57"), half_up(Decimal(11) / 1900 * 100, 2))]


def test_an_approximate_monthly_rate_promises_a_tenth_either_way() -> None:
    # 58 × 约200元 × 12: 139,200元 give or take a tenth (125,280–153,120): 150,000 is within it,
    # 160,000 is not; the same rate stated exactly holds only 139,200 (±0.5元 × 58 × 12)
    from tests.test_kill_prose import findings

    low, high = 58 * 12 * Decimal(180), 58 * 12 * Decimal(220)
    assert low <= 150000 <= high < 160000
    assert findings("SUM002", "全年向58名困难职工发放生活补贴，每人每月约200元，全年共计150,000元。") == []
    assert findings("SUM002", "全年向58名困难职工发放生活补贴，每人每月约200元，全年共计160,000元。") == [
        (Decimal(160000), 58 * 12 * Decimal(200))]
    assert findings("SUM002", "全年向58名困难职工发放生活补贴，每人每月200元，全年共计150,000元。") == [
        (Decimal(150000), 58 * 12 * Decimal(200))]
