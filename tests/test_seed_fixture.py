"""The real report is rebuilt from ../shared/seed/ at test time, as drawn, and none of its text is
kept in the project."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from extractor import read_document
from fixtures.build_cache import build
from fixtures.seed import SEED_FILE, seed_available, seed_spec
from fixtures.spec import TableSpec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    assert seed_available(), f"{SEED_FILE} is missing: CI lays ../shared beside the checkout"
    out = tmp_path_factory.mktemp("seed")
    spec = seed_spec()
    # the same documents as the gold set's: built once per run (fixtures/build_cache.py)
    return build(spec, "docx", out / "seed.docx"), build(spec, "pdf", out / "seed.pdf")


def _score_table(path: Path):  # type: ignore[no-untyped-def]
    tables = [t for _, t in read_document(path).tables()]
    return tables, tables[-1]


def test_four_tables_as_drawn(built: tuple[Path, Path]) -> None:
    tables, score = _score_table(built[0])
    assert [(t.n_rows, t.n_cols) for t in tables] == [(12, 4), (18, 3), (5, 4), (21, 9)]
    # drawn: 投入 over 4 rows, 过程 over 7 rows and again over 3 after the page break, 产出及效率 over 5
    drawn = [t for t in seed_spec().body if isinstance(t, TableSpec)][-1]
    assert [(r, rs) for r, c, rs, _ in drawn.merges if c == 0 and 0 < r < 20] == [(1, 4), (5, 7), (12, 3), (15, 5)]
    # read: the restarted 过程 is the same cell as the one above it
    first_level = [c for c in score.cells if c.col == 0 and 0 < c.row < 20]
    assert [(c.text.replace(" ", ""), c.rowspan) for c in first_level] == [("投入", 4), ("过程", 10), ("产出及效率", 5)]
    shared = next(c for c in score.cells if c.col == 6 and c.text.startswith("此两项"))
    assert (shared.rowspan, shared.colspan) == (2, 2)  # one rule for 经济效益 and 社会效益
    total = next(c for c in score.cells if c.row == 20 and c.col == 0)
    assert total.colspan == 8 and score.rows_text()[20][8] == "91.00"
    assert "\n" in score.rows_text()[19][6]  # a rule written over several lines stays one cell


def test_numbered_short_lines_are_word_headings(built: tuple[Path, Path]) -> None:
    import docx

    styles = {p.text: p.style.name for p in docx.Document(str(built[0])).paragraphs if p.text}
    assert styles["3.1投入"] == "Heading 2"
    assert styles["4．绩效评价结论"] == "Heading 1"
    assert styles["3、在职人员控制率"] == "Heading 3"
    assert sum(1 for s in styles.values() if s.startswith("Heading")) > 50
    long_numbered = [t for t, s in styles.items() if t.startswith("（一）") and "。" in t]
    assert long_numbered and all(styles[t] == "Normal" for t in long_numbered)


def test_the_pdf_holds_the_same_tables(built: tuple[Path, Path]) -> None:
    docx_tables, _ = _score_table(built[0])
    pdf_tables, _ = _score_table(built[1])

    def text(t):  # type: ignore[no-untyped-def]
        return [["".join(c.split()) for c in row] for row in t.rows_text()]

    assert [text(t) for t in pdf_tables[:3]] == [text(t) for t in docx_tables[:3]]
    # the score table: the same indicators, weights, rules and scores (how the level columns'
    # merges come back across the page break is the reader's business, not the fixture's)
    assert [[r[k] for k in (4, 5, 6, 8)] for r in text(pdf_tables[3])] == [
        [r[k] for k in (4, 5, 6, 8)] for r in text(docx_tables[3])]
    import pdfplumber

    with pdfplumber.open(built[1]) as pdf:
        assert len(pdf.pages) >= 15


def test_no_sentence_of_the_seed_is_kept_in_the_project() -> None:
    seed = SEED_FILE.read_text(encoding="utf-8")
    lines = ["".join(line.split()) for line in seed.split("\n")]
    windows = {line[k:k + 40] for line in lines if len(line) >= 40 for k in range(0, len(line) - 40, 10)}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix not in (".py", ".md", ".toml", ".txt", ".json", ".yml", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        copied = [w for w in windows if w in text]
        assert copied == [], f"{name} holds text of the seed report: {copied[:1]}"


def test_tables_of_the_spec_are_rectangular() -> None:
    for item in seed_spec().body:
        if isinstance(item, TableSpec):
            assert len({len(r) for r in item.rows}) == 1


def test_the_pdf_gives_the_outline_word_gives(built: tuple[Path, Path]) -> None:
    """Without heading styles the PDF's sections come from printed numbering alone; they must be
    the ones Word's heading styles give (1.引言 › 1.1 › 一、…; the narrative's own “1.…2.…” items
    and 四、2018年工作打算 inside 1.3; the evaluation under 3. and its indicators under 3.1/3.2)."""
    docx_doc, pdf_doc = read_document(built[0]), read_document(built[1])
    numbered = {b.text: b.section for b in docx_doc.blocks if b.kind == "heading" and b.numbering}
    pdf_sections = {b.text: b.section for b in pdf_doc.blocks if b.kind == "heading"}
    assert len(numbered) > 50
    differ = {t: (s, pdf_sections.get(t)) for t, s in numbered.items() if pdf_sections.get(t) != s}
    assert not differ
    staff = next(b for b in pdf_doc.blocks if b.text.startswith("保靖县总工会人员编制共13名"))
    assert staff.section == "3.部门整体支出绩效评价分析 › 3.1投入 › 3、在职人员控制率"
