"""Mutants of checks/scoring.py (deductions per unit counted: 每少2个扣1分) and of checks/formula.py
(rates such as 万元/公里 and a minus before a zero divisor) killed through what a reader recomputes:
the points a rule gives a value, and the verdict on a printed formula. Expected points and figures are
worked out by hand in each test.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks.runner import check_document
from checks.scoring import parse_rule
from checks.settings import Settings
from extractor.model import Block, Document


def score(text: str, value: str, weight: str = "4"):  # type: ignore[no-untyped-def]
    return parse_rule(text, D(weight)).score(D(value), D(weight))


# --- scoring: a deduction per unit counted starts from a count -------------------------------------------

@pytest.mark.parametrize(("rule", "value", "points"), [
    # 6 is 4 short of 10: two steps of 2, 4 − 2×1 = 2
    ("培训少于10个的，每少2个扣1分，扣完为止。", "6", D(2)),
    # 7 is 3 short: one whole step of 2 and a started one, the rule silent on it: 4 − 1 or 4 − 2
    ("培训少于10个的，每少2个扣1分，扣完为止。", "7", None),
    # 两 is a step of 2: 6 is two steps short, 4 − 2 = 2; 8 one step, 4 − 1 = 3
    ("培训少于10个的，每少两个扣1分，扣完为止。", "6", D(2)),
    ("培训少于10个的，每少两个扣1分，扣完为止。", "8", D(3)),
    # 一 is a step of 1: 8 is two short, 4 − 2 = 2; 9 one short, 4 − 1 = 3
    ("培训少于10个的，每少一个扣1分，扣完为止。", "8", D(2)),
    ("培训少于10个的，每少一个扣1分，扣完为止。", "9", D(3)),
    # the count that keeps full marks written as a bare number before 每: 6 is two steps of 2 short
    ("培训次数低于10，每少2个扣1分，扣完为止。", "6", D(2)),
])
def test_a_deduction_per_unit_counted_starts_from_the_count_before_it(rule: str, value: str,
                                                                     points: D | None) -> None:
    s = score(rule, value)
    if points is None:
        assert (s.points, s.ambiguous, s.alternatives) == (D(2), True, [D(2), D(3)])
    else:
        assert (s.points, s.ambiguous) == (points, False)
    assert parse_rule(rule, D(4)).problems == []


def test_a_deduction_per_session_starts_from_the_band_of_sessions_not_a_percent_band() -> None:
    # the last band is a percent (below 60% attendance: nothing); the sessions' band (≥10场) is the start:
    # 8 sessions are 2 short, 4 − 2×1 = 2
    rule = "开展培训≥10场计4分；参训率低于60%的不得分；每少1场扣1分，扣完为止。"
    assert score(rule, "8").points == D(2)
    assert score(rule, "10").points == D(4)


def test_a_percent_band_is_no_count_to_deduct_sessions_from() -> None:
    # 每少1场 has no number of sessions to start from: 90% is an attendance rate, not 90 sessions.
    # 85 (a rate) is scored by the bands alone: below the only band
    rule = "参训率≥90%计4分；每少1场扣1分，扣完为止。"
    assert parse_rule(rule, D(4)).deduction is None
    s = score(rule, "85")
    assert s.points is None
    assert s.note == "85 不在任何档位内"


# --- formula: a rate's money part, a minus before a group -----------------------------------------------

def findings(text: str, rules: set[str] | None = None) -> list[tuple[str, D | None, D | None, str]]:
    doc = Document(file="t.docx", format="docx", blocks=[Block(index=0, kind="paragraph", text=text)])
    return [(f.rule, f.stated, f.expected, f.message) for f in check_document(doc, rules, Settings()).findings]


@pytest.mark.parametrize("rate", ["万元/公里", "万元 / 公里", "万元/ 公里"])
def test_a_rate_per_kilometre_is_counted_in_its_money_part(rate: str) -> None:
    # 120万元 per km over 5 km: 600万元, i.e. 0.06亿元; 650万元 is 50万元 off
    assert findings(f"道路投资=120{rate}×5=600万元。") == []
    assert findings(f"道路投资=120{rate}×5=0.06亿元。") == []
    assert findings(f"道路投资=120{rate}×5=650万元。", {"FML001"}) == [
        ("FML001", D(650), D(600), f"“道路投资”计算错误：120{rate}×5 应得 600万元，报告写作 650万元")]


@pytest.mark.parametrize(("text", "stated"), [("差额=-(5÷0.00)=3。", "3"), ("变动额=-（5÷（3-3））=0万元。", "0万元")])
def test_a_minus_before_a_division_by_zero_is_undefined_not_a_crash(text: str, stated: str) -> None:
    # 0.00 and 3−3 may be zero: the value is undefined, whatever sign is put before it; FML001 is silent
    # and the zero divisor is the finding
    assert findings(text, {"FML001"}) == []
    name = text.split("=")[0]
    value = D(stated.removesuffix("万元"))
    assert findings(text) == [("SCR006", value, None, f"“{name}”的计算分母为0，指标值无定义，却写作 {stated}")]
