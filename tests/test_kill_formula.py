"""Mutants of checks/formula.py (the evaluation of printed formulas) killed as a reader sees them: a
formula sentence whose verdict (FML001 or silence) changes when the evaluator is wrong. Expected
figures come from the test's own Decimal arithmetic.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document


def fml(text: str) -> list[tuple[Decimal | None, Decimal | None]]:
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    return [(f.stated, f.expected) for f in check_document(doc, {"FML001"}, Settings()).findings]


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("times", ["X", "x", "×", "*", "✕"])
def test_every_multiplication_sign_is_read(times: str) -> None:
    rate = half_up(Decimal(35) / Decimal(36) * 100, 0)  # 97.22…% → 97%
    assert fml(f"完成率=35/36{times}100%=95%。") == [(Decimal(95), rate)]
    assert fml(f"完成率=35/36{times}100%={rate}%。") == []


def test_whole_wan_yuan_operands_are_rounded_figures() -> None:
    # 12万元 stands for anything from 11.5 to 12.5万元 (a figure rounded to the 万), so 12+30 may be
    # 42.3万元; exact operands would call it wrong. Off by more than the rounding it is wrong.
    assert fml("两项经费合计=12万元+30万元=42.3万元。") == []
    assert fml("两项经费合计=12万元+30万元=43.6万元。") == [(Decimal("43.6"), Decimal("42.0"))]


def test_a_leading_minus_is_a_negative_operand() -> None:
    rate = half_up(Decimal(-8) / Decimal(76) * 100, 2)  # -10.526…% → -10.53%
    assert fml(f"变动率=-8/76×100%={rate}%。") == []
    assert fml("变动率=-8/76×100%=-9.00%。") == [(Decimal("-9.00"), rate)]
    assert fml(f"变动率=（-8）/76×100%={rate}%。") == []


@pytest.mark.parametrize("unit", ["亿元", "万"])
def test_whole_figures_in_large_units_are_rounded_too(unit: str) -> None:
    # 3 and 4 stand for 2.5–3.5 and 3.5–4.5: their sum may print as 7.3 but not as 8.6
    assert fml(f"两项合计=3{unit}+4{unit}=7.3{unit}。") == []
    assert fml(f"两项合计=3{unit}+4{unit}=8.6{unit}。") == [(Decimal("8.6"), Decimal("7.0"))]


def test_operands_with_decimals_are_rounded_figures() -> None:
    # 1.2 stands for 1.15–1.25: three of them may be 3.7 (not only 3.6), but not 3.9
    assert fml("三项合计=1.2+1.2+1.2=3.7。") == []
    assert fml("三项合计=1.2+1.2+1.2=3.9。") == [(Decimal("3.9"), Decimal("3.6"))]


@pytest.mark.parametrize("text", ["合计=12+30+=42。", "合计=（12+30=42。", "合计=12×=42。", "完成率=35/36×（100%=97%。"])
def test_a_formula_cut_short_is_left_unchecked_without_an_internal_error(text: str) -> None:
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    assert check_document(doc, None, Settings()).findings == []


@pytest.mark.parametrize("text", ["合计=5+12/0=5。", "合计=12/0-5=5。"])
def test_a_sum_with_a_zero_divisor_in_it_is_undefined_not_an_error(text: str) -> None:
    # the whole is undefined: FML001 stays silent (SCR006 says the divisor is 0)
    assert fml(text) == []


def test_a_capital_x_between_two_numbers_multiplies_them() -> None:
    # ×100% cannot tell × from ÷ (100% is 1); 7X5 can: 35, not 1.4
    assert fml("金额合计=7X5=35。") == []
    assert fml("金额合计=7X5=36。") == [(Decimal(36), Decimal(35))]


def test_a_leading_plus_is_not_read_as_a_minus() -> None:
    assert fml("变动率=+8/76×100%=10.53%。") == []
