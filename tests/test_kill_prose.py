"""Mutants of checks/rules/prose.py (SUM001 breakdowns, SUM002 per-head totals) killed as a reader
sees them: a sentence whose finding (or silence) changes under the mutant. Expected figures come
from the test's own arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from checks.runner import check_document
from checks.settings import Settings
from extractor.model import Block, Document


def findings(code: str, text: str) -> list[tuple[Decimal | None, Decimal | None]]:
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    return [(f.stated, f.expected) for f in check_document(doc, {code}, Settings()).findings]


def test_a_quarterly_rate_over_a_whole_year_counts_four_times() -> None:
    total = 86 * Decimal(300) * 4  # 103,200.00元
    assert total == Decimal("103200")
    assert findings("SUM002", "向86名重度残疾人发放护理补贴，每人每季300元，全年共计103,200.00元。") == []
    assert findings("SUM002", "向86名重度残疾人发放护理补贴，每人每季300元，全年共计100,000.00元。") == [
        (Decimal("100000.00"), total)]


def test_a_monthly_rate_over_the_budget_year_counts_twelve_times() -> None:
    total = 86 * Decimal(100) * 12
    assert findings("SUM002", "向86名重度残疾人发放护理补贴，每人每月100元，年度共计100,000.00元。") == [
        (Decimal("100000.00"), total)]
    assert findings("SUM002", "向86名重度残疾人发放护理补贴，每人每月100元，年度共计103,200.00元。") == []


def test_a_daily_rate_without_a_number_of_days_is_not_multiplied() -> None:
    # 32 people × 150元 a day: the days are not given, so no total can be recomputed
    assert findings("SUM002", "为32名学员发放补助，每人每天150元，共计50,000元。") == []
    # the same with a yearly rate is a single period: 32 × 1,500 = 48,000
    assert findings("SUM002", "为32名学员发放补助，每人每年1,500元，共计50,000元。") == [
        (Decimal(50000), 32 * Decimal(1500))]
