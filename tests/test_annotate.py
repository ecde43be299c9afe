"""--annotate: a copy of the .docx with a Word comment on the figure (or cell) of every finding."""

from __future__ import annotations

import hashlib
import json
import zipfile
from decimal import Decimal

import pytest
import regex
from lxml import etree

from fixtures.build import DEMO_ERRORS
from fixtures.mutants import MUTANTS
from fixtures.reports import dept_overall
from fixtures.spec import ReportSpec, TableSpec
from tests.test_cli_extract import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# a figure as printed: optional sign, digits (with thousands separators), decimals, then a unit or
# counter word (%, 万元, 人, 分, 个…) — or a Chinese numeral with its counter (五个, 三性)
_NUMERALS = "〇一二三四五六七八九十"
_FIGURE = regex.compile(r"(?P<n>[-−]?\d[\d,]*(?:\.\d+)?)\s*[^\d\s]{0,3}")


def _errors_spec() -> ReportSpec:
    """The spec of samples/dept_overall_errors.docx, as fixtures/build.py makes it."""
    spec = dept_overall()
    for mutant in (m for m in MUTANTS if m.name in DEMO_ERRORS):
        spec = mutant.apply(spec)
    return spec


def anchored_texts(path) -> dict[str, str]:
    """comment id -> the document text between its range start and end, read back from the file."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            done[cid] = "".join(open_ranges.pop(cid, []))
        elif el.tag == W + "t":
            for parts in open_ranges.values():
                parts.append(el.text or "")
    return done


def anchors_in_context(path) -> dict[str, tuple[str, str]]:
    """comment id -> (the paragraph's text before the range, the text in the range)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out: dict[str, tuple[str, str]] = {}
    for p in root.iter(W + "p"):
        before: dict[str, str] = {}
        inside: dict[str, list[str]] = {}
        seen: list[str] = []
        for el in p.iter():
            if el.tag == W + "commentRangeStart":
                before[el.get(W + "id")] = "".join(seen)
                inside[el.get(W + "id")] = []
            elif el.tag == W + "commentRangeEnd" and el.get(W + "id") in inside:
                cid = el.get(W + "id")
                out[cid] = (before[cid], "".join(inside.pop(cid)))
            elif el.tag == W + "t":
                seen.append(el.text or "")
                for parts in inside.values():
                    parts.append(el.text or "")
    return out


def comments(path) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {c.get(W + "id"): (c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
            for c in root.iter(W + "comment")}


def test_annotated_copy_round_trips(samples, tmp_path):
    source = samples / "dept_overall_errors.docx"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "annotated.docx"
    result = run(str(source), "--annotate", str(out), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the submission is untouched
    texts, notes = anchored_texts(out), comments(out)
    assert len(notes) == len(findings) and all(author == "audit-check" for author, _ in notes.values())
    spec = _errors_spec()
    tables = [t for t in spec.body if isinstance(t, TableSpec)]
    for f in findings:
        cid = next(cid for cid, (_, body) in notes.items() if f["rule"] in body and f["message"] in body)
        anchored = texts[cid]
        loc = f["location"]
        if loc["kind"] == "table":  # a cell finding is anchored on the whole text of its cell
            assert anchored == (tables[loc["table"]].rows[loc["row"]][loc["col"]] or ""), (f["rule"], anchored, loc)
        elif f["stated"] is not None:  # on the figure itself, as printed: its digits give the stated value
            m = _FIGURE.fullmatch(anchored)
            if m is not None:
                value = Decimal(m["n"].replace(",", "").replace("−", "-"))
            else:  # 五个, 三性: a numeral of one character and its counter
                assert len(anchored) == 2 and anchored[0] in _NUMERALS, (f["rule"], anchored)
                value = Decimal(_NUMERALS.index(anchored[0]))
            assert abs(value) == abs(Decimal(str(f["stated"]))), (f["rule"], anchored, f["stated"])
        else:
            assert anchored, f["rule"]
    # the planted mistakes (fixtures/build.py DEMO_ERRORS) are each commented on their own figure
    for mutant in (m for m in MUTANTS if m.name in DEMO_ERRORS):
        mine = [texts[cid] for cid, (_, body) in notes.items() if body.startswith(f"[{mutant.rule}")
                and (mutant.stated is None or any(f["rule"] == mutant.rule and f["message"] in body
                                                  and Decimal(str(f["stated"])) == Decimal(mutant.stated) for f in findings))]
        where = mutant.at if mutant.table is None else tables[mutant.table].rows[mutant.cell[0]][mutant.cell[1]]
        assert where in mine, (mutant.name, where, mine)
    # the annotated copy is still a report the tool can read, with the same findings
    again = json.loads(run(str(out), "--format", "json").stdout)
    assert sorted(f["fingerprint"] for f in again["findings"]) == sorted(f["fingerprint"] for f in findings)


def test_annotate_refuses_the_input_path_and_pdf(samples, tmp_path):
    source = samples / "dept_overall_errors.docx"
    assert run(str(source), "--annotate", str(source)).returncode == 2
    assert run(str(samples / "dept_overall.pdf"), "--annotate", str(tmp_path / "x.docx")).returncode == 2


# ---- issue 13: comments that stand on the figure ---------------------------------------------

def _write(source, tmp_path, result=None, lang="zh"):  # type: ignore[no-untyped-def]
    from checks.runner import check_document
    from extractor import read_document
    from writers.annotate import write_comments

    doc = read_document(source)
    result = result if result is not None else check_document(doc)
    out = tmp_path / "annotated.docx"
    return doc, result, write_comments(source, out, doc, result, lang), out


def test_a_score_comment_stands_on_the_awarded_score_not_the_list_number(samples, tmp_path):
    """“3.重点支出安排率……故计3分”: SCR002 is about the 3 points awarded, not the “3.” of the heading."""
    _, result, _, out = _write(samples / "dept_overall_errors.docx", tmp_path)
    notes, where = comments(out), anchors_in_context(out)
    cid = next(cid for cid, (_, body) in notes.items() if body.startswith("[SCR002"))
    before, anchored = where[cid]
    assert anchored == "3分" and before.endswith("计"), (before[-20:], anchored)


def test_a_figure_is_anchored_whole_never_a_digit_inside_it(tmp_path):
    """The stated 3 of “合计13万元” is not the “3” inside 13 nor the list number “3.”."""
    from checks.finding import Finding, FindingLocation
    from checks.runner import check_document
    from extractor import read_document
    from fixtures.build_docx import build_docx
    from tests.builders import spec_of
    from writers.annotate import write_comments

    source = build_docx(spec_of("3.办公经费：2023年合计13万元，其中差旅费3万元。"), tmp_path / "s.docx")
    doc = read_document(source)
    block = next(b for b in doc.blocks if "差旅费" in b.text)
    finding = Finding(rule="SUM001", name="x", severity="warning", message="分项之和不等于合计",
                      location=FindingLocation(kind="paragraph", block=block.index), stated=Decimal(3), unit="万元",
                      excerpt="其中差旅费3万元")
    result = check_document(doc).model_copy(update={"findings": [finding]})
    write_comments(source, tmp_path / "a.docx", doc, result)
    (before, anchored), = anchors_in_context(tmp_path / "a.docx").values()
    assert anchored == "3万元" and before.endswith("差旅费")


def test_comment_says_expected_once_and_adds_no_block_number(samples, tmp_path):
    _, result, _, out = _write(samples / "dept_overall_errors.docx", tmp_path)
    for _, body in comments(out).values():
        f = next(f for f in result.findings if body.startswith(f"[{f.rule}") and f.message in body)
        added = body.replace(f.message, "")
        assert "块" not in added, body
        if f.expected is not None:
            assert body.count("应为") <= max(1, f.message.count("应为")), body  # never “应为 X；应为 X”


def test_comment_prints_candidates_and_points_to_the_finding_it_defers_to():
    from checks.finding import Finding, FindingLocation
    from writers.annotate import comment_text

    f = Finding(rule="SUM001", name="x", severity="error", message="分项之和与合计不一致",
                location=FindingLocation(kind="paragraph", block=3), stated=Decimal("471.28"), unit="万元",
                detail={"candidates": [{"text": "若分项无误，合计应为 481.28", "text_en": "if the items are right, the total "
                                        "should be 481.28", "value": "481.28"},
                                       {"text": "若合计无误，分项之和差 10.00", "text_en": "x", "value": None}]})
    text = comment_text(f)
    assert text.startswith("[SUM001 错误] 分项之和与合计不一致")
    assert "若分项无误，合计应为 481.28" in text and "若合计无误，分项之和差 10.00" in text and text.count("应为") == 1
    assert "if the items are right" in comment_text(f, "en")
    g = Finding(rule="RST001", name="y", severity="error", message="“在职人员控制率”两处写法不同",
                location=FindingLocation(kind="paragraph", block=9), stated=Decimal(100), unit="%",
                detail={"see": {"rule": "FML001", "fingerprint": "abc"}})
    assert comment_text(g).endswith("见 FML001") and "应为" not in comment_text(g)
    h = g.model_copy(update={"detail": {}, "expected": Decimal("84.62"), "message": "此处写作 100%"})
    assert comment_text(h).endswith("应为 84.62%")
    big = h.model_copy(update={"expected": Decimal("1206258.00"), "unit": "元"})
    assert comment_text(big).endswith("应为 1,206,258.00元")  # checks.quote.shown: separators and unit


def test_findings_that_cannot_be_anchored_are_listed_in_one_comment_at_the_top(samples, tmp_path):
    """A finding whose figure is not where it says (or whose block is gone) is not dropped: it is listed."""
    from checks.runner import check_document
    from extractor import read_document

    source = samples / "dept_overall_errors.docx"
    doc = read_document(source)
    result = check_document(doc)
    lost = result.findings[0].model_copy(update={"stated": Decimal("12345.67"), "rule": "SUM002",
                                                  "message": "无处可寻的数", "excerpt": "无处可寻"})
    gone = lost.model_copy(update={"location": lost.location.model_copy(update={"block": 10**6}), "rule": "BAL001",
                                   "message": "已不在文中的块"})
    result.findings += [lost, gone]
    _, _, done, out = _write(source, tmp_path, result)
    notes, where = comments(out), anchors_in_context(out)
    assert len(notes) == done.anchored + 1 and done.anchored + len(done.listed) == len(result.findings)
    tops = [cid for cid, (_, body) in notes.items() if body.startswith("audit-check：")]
    assert len(tops) == 1
    body = notes[tops[0]][1]
    assert "2 条" in body and "[SUM002" in body and "无处可寻的数" in body and "[BAL001" in body
    title = doc.blocks[0].text
    assert where[tops[0]][1] and where[tops[0]][1] in title  # on the document's first line


@pytest.fixture(scope="module")
def gold_docx(tmp_path_factory):  # type: ignore[no-untyped-def]
    from bench.accuracy import build_report, gold_files

    folder = tmp_path_factory.mktemp("gold")
    return {p.stem: build_report(p.stem, "docx", folder) for p in gold_files()}


def _gold_names() -> list[str]:
    from bench.accuracy import gold_files

    return [p.stem for p in gold_files()]


@pytest.mark.parametrize("name", _gold_names())
def test_every_gold_finding_is_a_comment_or_listed(name, gold_docx, tmp_path):
    """comments on figures + findings listed at the top = findings, on every gold report."""
    _, result, done, out = _write(gold_docx[name], tmp_path)
    notes = comments(out)
    assert done.anchored + len(done.listed) == len(result.findings)
    assert len(notes) == done.anchored + (1 if done.listed else 0)
    texts = anchored_texts(out)
    for cid, (_, body) in notes.items():
        if body.startswith("audit-check："):
            assert all(f"[{f.rule}" in body for f in done.listed)
            continue
        f = next(f for f in result.findings if body.startswith(f"[{f.rule}") and f.message in body)
        if f.stated is not None and f.location.kind != "table":
            shown = texts[cid].replace(",", "")
            if any("0" <= c <= "9" for c in shown):  # (a count written in words, 五部, is read back as itself)
                assert format(abs(f.stated).normalize(), "f").rstrip("0").rstrip(".") in shown, (f.rule, shown, f.stated)
