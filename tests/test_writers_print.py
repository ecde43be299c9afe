"""Text, Markdown and HTML at print quality: figures at the report's own precision, the evaluation
under a heading with a labelled total line, the offending figure marked whole, candidates where
the culprit is not known, A4 print CSS, and --lang en with no Chinese but the report's own words."""

from __future__ import annotations

import html as html_lib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from checks.finding import Finding, FindingLocation
from checks.runner import Result
from writers.html import render_html
from writers.markdown import render_markdown
from writers.text import render_text


def _finding(rule: str, excerpt: str, stated: str | None, expected: str | None, unit: str | None = None,
             detail: dict | None = None, **location: object) -> Finding:
    where = {"kind": "paragraph", "block": 3, "section": "三、绩效评价 › （二）过程"} | location
    return Finding(rule=rule, name="x.y", severity="error", message="报告写法与计算不一致",
                   location=FindingLocation(**where), excerpt=excerpt,
                   stated=Decimal(stated) if stated is not None else None,
                   expected=Decimal(expected) if expected is not None else None, unit=unit,
                   detail=detail or {}).with_fingerprint(excerpt)


def _evaluation(**over: object) -> dict:
    ev = {"title": "城乡困难群众救助项目", "block": 40, "rows": [
        {"indicator": "预算执行率", "stated_value": 100, "recomputed_value": 100, "weight": 10, "awarded": 10,
         "expected": 10, "verdict": "一致"},
        {"indicator": "资金到位率", "stated_value": 97.5, "recomputed_value": 97.53, "weight": 3, "awarded": 3,
         "expected": 2.5, "verdict": "得分不符"},
        {"indicator": "群众满意度", "stated_value": None, "recomputed_value": None, "weight": 5, "awarded": 4.5,
         "expected": None, "verdict": "定性指标，未复核"},
    ], "stated_total": 96.78, "table_total": 97.78, "recomputed_total": 95.5, "stated_grade": "优",
        "expected_grade": "优", "grade_bands": {"优": 90, "良": 80, "中": 60, "差": 0}, "renormalised": False}
    return ev | over


def _result(findings: list[Finding] | None = None, evaluations: list[dict] | None = None,
            file: str = "救助项目自评报告.docx") -> Result:
    evs = [_evaluation()] if evaluations is None else evaluations
    return Result(file=file, format="docx", findings=findings or [], evaluations=evs,
                  evaluation=evs[0] if evs else None)


def _visible(page: str) -> str:
    """The HTML's text as a reader sees it (tags gone, entities decoded, no style sheet)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


# ---------------------------------------------------------------- the evaluation


def test_evaluation_figures_print_as_written_not_with_six_decimals() -> None:
    result = _result()
    for out in (render_html([result]), render_markdown([result]), render_text(result)):
        assert "100.000000" not in out and "3.000000" not in out and "96.780000" not in out
        assert "97.53" in out and "2.5" in out and "4.5" in out


def test_evaluation_has_a_heading_and_a_labelled_total_line_with_the_table_total() -> None:
    """Stated total, the table's own total and the recomputed sum side by side, each labelled;
    then the stated and the expected grade."""
    result = _result()
    page = _visible(render_html([result]))
    assert re.search(r"<h3>[^<]*城乡困难群众救助项目[^<]*</h3>\s*<table class=\"evaluation\">", render_html([result]))
    for out in (page, render_markdown([result]), render_text(result)):
        flat = " ".join(out.split())
        assert re.search(r"报告总分 ?96\.78.*表内合计 ?97\.78.*重算得分合计 ?95\.5", flat), flat[-400:]
        assert re.search(r"报告等级 ?优.*应得等级 ?优", flat)
    heads = re.findall(r"<th[^>]*>([^<]+)</th>", render_html([result]))
    assert heads[-7:] == ["指标", "报告值", "重算值", "分值", "自评得分", "应得分", "结论"]


def test_a_report_without_a_stated_total_or_grade_shows_a_dash_not_nothing() -> None:
    result = _result(evaluations=[_evaluation(title=None, stated_total=None, table_total=None, stated_grade=None)])
    text = render_text(result)
    assert "报告总分 —，表内合计 —，重算得分合计 95.5；报告等级 —，应得等级 优" in text
    assert "评价重算" in _visible(render_html([result]))


def test_markdown_has_the_total_and_grade_line() -> None:
    md = render_markdown([_result()])
    line = next(line for line in md.splitlines() if "报告总分" in line)
    assert "96.78" in line and "97.78" in line and "95.5" in line and "应得等级" in line


# ---------------------------------------------------------------- the offending figure


def test_the_highlight_takes_the_whole_figure_never_a_prefix() -> None:
    f = _finding("TBL001", "合计 449646.20 100%", "449646.2", "449643.2", "元", kind="table", table=1, row=17, col=1)
    page = render_html([_result([f])])
    assert "<mark>449646.20</mark>" in page
    assert "449646.2</mark>0" not in page


def test_a_figure_that_is_only_part_of_a_longer_number_is_not_marked() -> None:
    f = _finding("TBL004", "共计14项，完成率为 100%", "4", "5", "项")
    page = render_html([_result([f])])
    assert "1<mark>4" not in page and "<mark>4</mark>" not in page
    assert "报告值 <mark>4项</mark>" in page  # marked where it is given instead


def test_a_score_finding_marks_the_awarded_score_not_a_band_of_the_rule() -> None:
    rule_text = "=0计5分；0-10%（含）计4分；10%-20%（含）计3分；大于20%不得分"
    f = _finding("SCR001", rule_text, "4", "3", "分", kind="table", table=4, row=5, col=5)
    page = render_html([_result([f])])
    assert "计<mark>4" not in page
    assert "报告值 <mark>4分</mark>" in page
    said = _finding("SCR002", "故管理制度健全性计6分", "6", "8", "分")
    assert "计<mark>6分</mark>" in render_html([_result([said])])


def test_the_offsets_given_by_the_rule_win_over_a_search() -> None:
    excerpt = "支出 12.00万元，其中 12.00万元为结转"
    f = _finding("SUM001", excerpt, "12", "10", "万元").model_copy(update={"excerpt_start": 14, "excerpt_end": 19})
    page = render_html([_result([f])])
    assert "其中 <mark>12.00</mark>万元为结转" in page and "支出 12.00万元" in page
    assert "报告值 12.00万元" in page


def test_figures_print_with_thousands_separators_and_the_shown_decimals() -> None:
    f = _finding("TBL002", "一般公共服务支出 1,277,649.00 756,611.80 449,646.20", "1277649", "1206258",
                 kind="table", table=0, row=1, col=1)
    for out in (render_text(_result([f])), render_markdown([_result([f])]), _visible(render_html([_result([f])]))):
        assert "1,277,649.00" in out and "1,206,258.00" in out
        assert "1277649" not in out.replace("1,277,649", "")


# ---------------------------------------------------------------- saying only what is known


def test_candidates_stand_where_the_expected_figure_would() -> None:
    f = _finding("SUM001", "总支出471.28万元，其中基本支出328.46万元，项目支出152.82万元", "471.28", None, "万元",
                 detail={"candidates": [
                     {"text": "若分项无误，合计应为 481.28", "text_en": "if the items are right, the total should be 481.28",
                      "value": "481.28"},
                     {"text": "若合计无误，分项之和差 10.00", "text_en": "if the total is right, the items are 10.00 off",
                      "value": None}]})
    result = _result([f])
    for out in (render_text(result), render_markdown([result]), _visible(render_html([result]))):
        assert "若分项无误，合计应为 481.28" in out and "若合计无误，分项之和差 10.00" in out and "不一致" in out
        assert "应为 —" not in out and "应为 None" not in out
    assert "if the items are right, the total should be 481.28" in render_text(result, "en")


def test_a_finding_that_defers_points_to_the_other() -> None:
    main = _finding("FML001", "在职人员控制率=11/13×100%=82.62%", "82.62", "84.62", "%")
    other = _finding("RST001", "在职人员控制率为100%，故计4分", "100", None, "%",
                     detail={"see": {"rule": "FML001", "fingerprint": main.fingerprint}})
    result = _result([main, other])
    assert "见 FML001" in render_text(result) and "见 FML001" in render_markdown([result])
    page = render_html([result])
    assert f'id="f-{main.fingerprint}"' in page and f'href="#f-{main.fingerprint}"' in page
    assert "see FML001" in render_text(result, "en")


# ---------------------------------------------------------------- print and safety


def test_html_prints_on_a4_with_the_file_name_and_page_numbers_in_the_footer() -> None:
    page = render_html([_result()])
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    at_page = re.search(r"@page\s*\{(.*)", style, re.S).group(1)
    assert re.search(r"size:\s*A4", at_page)
    assert "counter(page)" in at_page and "counter(pages)" in at_page
    assert '"救助项目自评报告.docx"' in at_page


def test_a_file_name_cannot_break_out_of_the_page_or_the_style_sheet() -> None:
    name = 'x"</style><script>alert(1)</script>.docx'
    f = _finding("FML001", "<b>82.62%</b>", "82.62", "84.62", "%")
    page = render_html([_result([f], file=name)])
    assert "<script>" not in page and page.count("</style>") == 1
    assert "&lt;b&gt;" in page


def test_two_reports_each_name_their_own_file_in_the_footer() -> None:
    page = render_html([_result(file="甲.docx"), _result(file="乙.pdf")])
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert '"甲.docx"' in style and '"乙.pdf"' in style


# ---------------------------------------------------------------- --lang en

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”]+")


def _report_words(result: Result) -> list[str]:
    """What the report itself wrote (quoted as written in every language): excerpts, section names,
    labels, indicator names, table titles, unparsed examples, the file name, and a count word
    (部, 宗) that stands after its figure in the excerpt."""
    words = {result.file, *result.coverage.unparsed_examples}
    for f in result.findings:
        words |= {f.excerpt, f.excerpt[:120], f.location.section, *f.location.section.split(" › ")}
        for value in f.location.model_dump().values():
            if isinstance(value, str):
                words.add(value)
        if isinstance(f.detail.get("label"), str):
            words.add(f.detail["label"])
        if f.unit and f.stated is not None and f.unit in f.excerpt:
            words.add(f.unit)
    for ev in result.all_evaluations():
        words |= {row["indicator"] for row in ev["rows"]} | {ev.get("title") or ""}
    return sorted((w for w in words if w), key=len, reverse=True)


@pytest.fixture(scope="module")
def gold_results(tmp_path_factory) -> list[Result]:
    from checks.runner import check_file
    from fixtures.build_cache import build
    from fixtures.gold import builders

    folder = tmp_path_factory.mktemp("gold_en")
    made = builders()
    return [check_file(build(made[name](), "docx", folder / f"{name}.docx"))  # the gold set's: built once per run
            for name in ("g19_civil_affairs_tables", "g17_agri_bureau_narrative")]


def test_english_output_has_no_chinese_but_the_reports_own_words(gold_results: list[Result]) -> None:
    from writers.common import localize

    for result in localize([r.model_copy(deep=True) for r in gold_results], "en"):
        assert result.findings and result.all_evaluations()
        page = render_html([result], "en").replace("<mark>", "").replace("</mark>", "")
        outputs = {"text": render_text(result, "en"), "markdown": render_markdown([result], "en"),
                   "html": html_lib.unescape(re.sub(r"<[^>]+>", "\n", page))}
        for name, out in outputs.items():
            for words in _report_words(result):
                out = out.replace(words, " ")
            left = sorted({m.group() for m in _CJK.finditer(out)})
            assert not left, f"{Path(result.file).name} {name}: {left}"
        assert "stated total" in outputs["text"] and "expected grade" in outputs["text"]
