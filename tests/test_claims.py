"""The claims layer: one segmenter, every figure a claim with its subject, qualifiers and role.

Each test states what a reviewer reads in a sentence (which figure is last year's, which list a
figure belongs to) and checks that the claims say the same."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from checks.finding import Finding
from checks.registry import RULES, Rule
from checks.runner import RuleContractError, check_document
from checks.settings import Settings
from extractor.claims import Claims, read_claims
from extractor.model import Block, Document
from extractor.quantities import parse_quantities
from extractor.segment import segment
from fixtures.build_docx import build_docx
from fixtures.spec import Para, ReportSpec


def doc_of(*paragraphs: str, title: str | None = None) -> Document:
    blocks = [Block(index=0, kind="paragraph", text=title)] if title else []
    for text in paragraphs:
        kind = "heading" if text.startswith("#") else "paragraph"
        blocks.append(Block(index=len(blocks), kind=kind, text=text.lstrip("# "),
                            section=text.lstrip("# ") if kind == "heading" else ""))
    return Document(file="t.docx", format="docx", blocks=blocks)


def claims_of(*paragraphs: str, title: str | None = None) -> Claims:
    return read_claims(doc_of(*paragraphs, title=title))


def by_text(claims: Claims, text: str, nth: int = 0):  # type: ignore[no-untyped-def]
    return [c for c in claims.claims if c.text == text][nth]


# --- the segmenter -----------------------------------------------------------------------------

def test_a_figure_is_never_cut_by_its_own_separators() -> None:
    text = "预算完成率=（0.00+1,260,824.00+171,476.00）÷1,432,300.00=100%，执行较好。"
    figures = [(q.start, q.end) for q in parse_quantities(text)]
    assert "1,260,824.00" in [text[s:e] for s, e in figures]
    sentence, = segment(text, figures)
    assert [text[c.start:c.end] for c in sentence.clauses] == [text[:text.index("，") + 1], "执行较好。"]
    unprotected, = segment(text)  # without the figures, every comma would cut
    assert len(unprotected.clauses) == 7  # five thousands separators and the clause comma


def test_sentences_hold_groups_cut_at_semicolons() -> None:
    text = "其中医疗救助62人，发放资金13.1万元；生活救助252人，发放资金24.8万元。另有补助。"
    first, second = segment(text)
    assert text[first.start:first.end].endswith("24.8万元。")
    assert len(first.groups) == 2 and len(first.clauses) == 4
    assert text[second.start:second.end] == "另有补助。"


# --- subjects and qualifiers -------------------------------------------------------------------

def test_last_years_figure_takes_the_sentence_subject() -> None:
    claims = claims_of("科普活动经费支出83.27万元，去年同期76.54万元，增加6.73万元，增长8.79%。")
    current, prior = by_text(claims, "83.27万元"), by_text(claims, "76.54万元")
    assert prior.qualifiers.period == "prior" and prior.key == current.key == "科普活动经费支出"
    assert current.qualifiers.period != "prior"
    assert by_text(claims, "6.73万元").role == "change" and by_text(claims, "8.79%").role == "change_rate"


def test_versus_last_year_marks_the_prior_figure() -> None:
    claims = claims_of("支出总计较上年3,968.42万元增加167.43万元，增长4.22%。")
    prior = by_text(claims, "3,968.42万元")
    assert prior.qualifiers.period == "prior" and prior.subject == "支出总计"


def test_year_written_at_the_start_of_a_sentence_holds_for_the_whole_sentence() -> None:
    claims = claims_of("2016年部门“三公经费”预算共计8.18万元，其中公务接待费3.18万元。",
                       title="某单位2017年度部门整体支出绩效评价报告")
    assert claims.report_year == 2017
    item = by_text(claims, "3.18万元")
    assert item.qualifiers.year == 2016 and item.qualifiers.year_from == "sentence"
    assert item.qualifiers.period == "prior"


def test_a_year_in_an_aside_does_not_date_what_follows() -> None:
    claims = claims_of("2025年度本中心实施项目共14个（含2024年转列项目4个）。年初批复预算7个项目926.00万元。",
                       title="某中心2025年度项目支出绩效自评报告")
    assert by_text(claims, "926.00万元").qualifiers.year == 2025
    assert by_text(claims, "4个").qualifiers.year == 2024  # the aside's own figure keeps its year


def test_a_generic_name_is_scoped_by_what_is_named_before_it() -> None:
    claims = claims_of("职工医疗互助活动参保8,000人，参保金额40.00万元；女职工安康保险参保3,000人，参保金额3.00万元。")
    a, b = by_text(claims, "40.00万元"), by_text(claims, "3.00万元")
    assert a.key == b.key == "参保金额"
    assert a.qualifiers.scope and b.qualifiers.scope and a.qualifiers.scope != b.qualifiers.scope


def test_the_project_named_by_the_section_is_an_entity() -> None:
    doc = Document(file="t.docx", format="docx", blocks=[
        Block(index=0, kind="paragraph", text="预算执行率为95.00%。", section="二、部门整体支出情况"),
        Block(index=1, kind="paragraph", text="预算执行率为80.00%。",
              section="三、项目支出绩效自评情况 › （一）道路养护项目"),
    ])
    claims = read_claims(doc)
    assert claims.claims[0].qualifiers.entity == ""
    assert claims.claims[1].qualifiers.entity == "三、项目支出绩效自评情况 › （一）道路养护项目"


# --- enumerations ------------------------------------------------------------------------------

def test_a_list_pairing_people_and_money_is_two_breakdowns_across_semicolons() -> None:
    claims = claims_of("共帮扶困难职工324人，发放帮扶资金43.6万元。其中医疗救助62人，发放资金13.1万元；"
                       "生活救助252人，发放资金24.8万元；意外救助1人，发放资金0.2万元，助学9人，发放资金4.5万元。")
    lists = {e.measure: e for e in claims.enumerations}
    assert set(lists) == {"人", "元"}
    money = lists["元"]
    assert claims.claims[money.total].text == "43.6万元"
    assert [claims.claims[i].text for i in money.items] == ["13.1万元", "24.8万元", "0.2万元", "4.5万元"]
    assert [claims.claims[i].qualifiers.scope for i in money.items] == ["医疗救助", "生活救助", "意外救助", "助学"]
    assert sum(claims.claims[i].value for i in lists["人"].items) == Decimal(324)


def test_a_list_stops_at_last_years_figure_and_at_a_list_in_one_clause_group() -> None:
    claims = claims_of("“三公经费”支出5.20万元，其中公务接待费1.80万元，公务用车运行维护费3.40万元；"
                       "去年同期6.10万元，减少0.90万元。")
    e, = claims.enumerations
    assert [claims.claims[i].text for i in e.items] == ["1.80万元", "3.40万元"]
    claims = claims_of("核定编制40名，其中行政编制15名、事业编制25名；实有在职人员37人，其中机关人员14人、事业人员23人；退休人员12人。")
    assert [[claims.claims[i].text for i in e.items] for e in claims.enumerations] == [["15名", "25名"], ["14人", "23人"]]
    assert [claims.claims[e.total].text for e in claims.enumerations] == ["40名", "37人"]


def test_complete_partial_and_series() -> None:
    complete = claims_of("发放补贴36.5万元，包括交通补贴12.0万元、通讯补贴8.5万元和误餐补贴15.0万元三项。")
    e, = complete.enumerations
    assert e.complete and not e.partial and e.stated_count == 3 and len(e.items) == 3
    partial = claims_of("发放补贴36.5万元，包括交通补贴12.0万元、通讯补贴8.5万元等。")
    assert partial.enumerations[0].partial and not partial.enumerations[0].complete
    series = claims_of("2021年至2023年支出分别为812.40万元、866.10万元和901.75万元，其中项目支出分别为210.30万元、254.60万元和298.45万元。")
    assert series.enumerations == []


# --- formulas ----------------------------------------------------------------------------------

def test_a_formula_takes_its_name_from_the_definition_in_the_paragraph_before() -> None:
    claims = claims_of("在职人员控制率=（在职人员数/编制数）×100%", "=11/13×100%=84.62%")
    formula = next(f for f in claims.formulas if f.block == 1)
    assert formula.name == "在职人员控制率" and formula.named_from == 0
    result = claims.claims[formula.result]  # type: ignore[index]
    assert result.text == "84.62%" and result.role == "result" and result.key == "在职人员控制率"
    assert {claims.claims[i].text for i in formula.operands} == {"11/13", "100%"}


# --- the run -----------------------------------------------------------------------------------

class _Boom(Rule):
    code, name, severity, title = "ZZZ901", "test.boom", "error", "测试"

    def check(self, ctx):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("boom")


class _Stray(Rule):
    code, name, severity, title = "ZZZ902", "test.stray", "error", "测试"

    def check(self, ctx):  # type: ignore[no-untyped-def]
        yield ctx.finding("RST001", ctx.doc.blocks[0], "x")


@pytest.fixture
def extra_rule():  # type: ignore[no-untyped-def]
    added: list[str] = []

    def add(cls: type[Rule]) -> None:
        RULES[cls.code] = cls
        added.append(cls.code)

    yield add
    for code in added:
        RULES.pop(code, None)


def test_a_rule_that_raises_is_one_internal_error_and_the_others_still_run(extra_rule) -> None:  # type: ignore[no-untyped-def]
    extra_rule(_Boom)
    doc = doc_of("支出总计471.28万元，其中基本支出318.46万元，项目支出162.82万元。")
    result = check_document(doc)
    boom = [f for f in result.findings if f.rule == "ZZZ901"]
    assert len(boom) == 1 and boom[0].detail["internal_error"] and "ZeroDivisionError" in boom[0].message
    assert any(f.rule == "SUM001" for f in result.findings)


def test_a_rule_may_not_report_another_rules_code(extra_rule) -> None:  # type: ignore[no-untyped-def]
    extra_rule(_Stray)
    with pytest.raises(RuleContractError):
        check_document(doc_of("支出总计471.28万元。"), select={"ZZZ902"})


def test_settings_are_passed_into_the_run_and_leave_nothing_behind() -> None:
    doc = doc_of("预算执行率=95.00/100.00×100%=95.20%。")
    assert [f.rule for f in check_document(doc, {"FML001"}).findings] == ["FML001"]
    loose = Settings(relative_tolerance=Decimal("0.01"))
    assert check_document(doc, {"FML001"}, loose).findings == []
    assert [f.rule for f in check_document(doc, {"FML001"}).findings] == ["FML001"]  # the default again


def test_extra_synonyms_of_the_settings_join_names_for_one_run_only() -> None:
    doc = doc_of("甲类经费120.00万元。", "乙类开支125.00万元。")
    assert not [f for f in check_document(doc, {"RST001"}).findings]
    joined = Settings(synonyms=(("甲类经费", "乙类开支"),))
    assert [f.stated for f in check_document(doc, {"RST001"}, joined).findings] == [Decimal("125.00")]
    assert not [f for f in check_document(doc, {"RST001"}).findings]


def test_extract_json_shows_the_claims(tmp_path: Path) -> None:
    path = build_docx(ReportSpec("c", "测试报告", [Para("测试报告", "title"), Para(
        "共帮扶困难职工300人，发放帮扶资金52.0万元。其中医疗救助80人，发放资金20.0万元；生活救助200人，发放资金32.0万元。")]),
        tmp_path / "c.docx")
    from tests.console import run

    out = run("extract", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    claims = json.loads(out.stdout)["claims"]
    money = next(e for e in claims["enumerations"] if e["measure"] == "元")
    items = [claims["claims"][i] for i in money["items"]]
    assert [c["text"] for c in items] == ["20.0万元", "32.0万元"]
    assert all(c["role"] == "item" and c["subject"] == "发放资金" for c in items)
    assert {c["qualifiers"]["scope"] for c in items} == {"医疗救助", "生活救助"}


def test_findings_are_plain_finding_objects() -> None:
    result = check_document(doc_of("支出合计96.00万元，去年同期80.00万元，增长16.67%。"), {"CHG001"})
    finding, = result.findings
    assert isinstance(finding, Finding) and finding.expected == Decimal("20.00")


def test_every_rule_finds_alone_what_it_finds_in_a_full_run() -> None:
    """--select CODE gives exactly that rule's findings of a full run: no rule depends on another
    having run, none reports through another."""
    from extractor import read_document

    doc = read_document(Path(__file__).resolve().parent.parent / "fixtures" / "samples" / "dept_overall_errors.docx")
    full = check_document(doc)
    codes = {f.rule for f in full.findings}
    assert len(codes) >= 4
    for code in codes:
        alone = check_document(doc, {code})
        assert sorted(f.fingerprint for f in alone.findings) == sorted(f.fingerprint for f in full.findings
                                                                       if f.rule == code), code
