"""Names before figures: fillers stripped as whole words, with the small dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.labels import LABEL_WORDS, build_label_words, label_before


@pytest.mark.parametrize(("text", "name"), [
    ("本年收入合计29,673.82万元", "本年收入合计"),  # 合计 is a word: its 计 is not a filler
    ("支出总计471.28万元", "支出总计"),
    ("核定编制数为13名", "核定编制数"),  # 为 is
    ("年末实有11人", "实有"),  # 实有 is a word (年末 is a leading filler)
    ("全年累计发放资金43.6万元", "累计发放资金"),  # 累计 here is part of the name
    ("项目支出执行率仅82.4%", "项目支出执行率"),
    ("本局在职人员共计36人", "在职人员"),
])
def test_fillers_go_and_names_stay(text: str, name: str) -> None:
    start = next(i for i, ch in enumerate(text) if ch.isdigit())
    assert label_before(text, start) == name


def test_the_shipped_dictionary_is_the_one_the_generator_makes(tmp_path: Path) -> None:
    """data/label_words.txt is generated from the installed jieba (`python -m extractor.labels`),
    never edited by hand; it is small (the full dictionary is 5 MB)."""
    made = tmp_path / "words.txt"
    build_label_words(made)
    assert made.read_text(encoding="utf-8") == LABEL_WORDS.read_text(encoding="utf-8")
    assert LABEL_WORDS.stat().st_size < 400_000


@pytest.mark.parametrize(("label", "shown"), [
    ("(3)公用经费控制率", "公用经费控制率"),
    ("（二）三公经费控制率", "三公经费控制率"),
    ("3)公用经费控制率", "公用经费控制率"),
    (")公用经费控制率", "公用经费控制率"),  # a label read from just after the “3” of “(3)”
    ("4.计量器具检定率", "计量器具检定率"),
    ("公用经费(含取暖费)", "公用经费(含取暖费)"),  # a closing bracket of its own stays
    ("2)", "2)"),  # nothing after the number: nothing to strip to
])
def test_a_label_is_shown_without_its_list_number(label: str, shown: str) -> None:
    from extractor.labels import display_label
    assert display_label(label) == shown
