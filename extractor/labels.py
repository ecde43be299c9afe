"""What a figure is a figure *of*: the name written just before it, normalised so that small
wording differences (“三公经费” / 三公经费, 绩效目标明确性 / 绩效指标明确性) still match.

jieba gives word boundaries, so fillers are stripped as whole words (为, 共计, 本年度) and never
cut out of the middle of a name; the synonym groups are data (extractor/data/synonyms.toml).
"""

from __future__ import annotations

import logging
import sys
import tomllib
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path

import regex

# 小（1）型水库, Ⅱ（2）类: a bracketed number inside a name is part of the name, not an aside
_NUMBERED_KIND = regex.compile(r"(?<=\p{Han})[（(][\dA-Za-z一二三四五六七八九十ⅠⅡⅢⅣⅤ]{1,3}[）)](?=\p{Han})")
_CLAUSE_START = regex.compile(r"[，,。；;：:、！？!?\n（(）)“”\"]")
_YEAR = regex.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?(?:末|底)?)+")
_QUOTES = regex.compile(r"[“”\"'‘’《》「」\s]")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
# words that open a clause, not a name: 故公用经费控制率 is 公用经费控制率. One character long ones are
# dropped only where they do not begin a word of the name (故障率 keeps its 故); the longer ones as text.
_LEAD_WORDS = ("故", "即", "则")
_LEAD_WORD_KEPT = ("故障", "故事", "故居", "故宫", "故乡", "故意", "即时", "即将", "即使", "即便", "即可", "则例")
_LEAD_TEXT = ("综上所述", "经计算", "经测算", "经核算", "计算得出", "计算得", "因此", "所以", "其中", "综上", "由此",
              "从而", "可见", "从而使")
_CJK_SPACE = regex.compile(r"(?<=[\p{Han}“”‘’（）《》])\s+(?=[\p{Han}“”‘’（）《》])")
_ENUMERATOR = regex.compile(r"^(?:\d{1,2}\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、"
                            r"|\d{0,2}[)）])\s*"  # 3) and the “)” left of “(3)” when a label starts after its digit
                            r"(?=[\p{Han}“])")
_NO_NAME = {"计算式", "计算", "公式", "算式", "计算公式"}
_NOT_A_NAME = regex.compile(r"每|人均|生均|户均|增|减|降|比上年|较上年|同比|超过|低于|高于|不足|以上|以下|标准|扣|得分|计\d")


@cache
def _data() -> dict:
    text = (Path(__file__).parent / "data" / "synonyms.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# Extra synonym groups of the run in progress (the user's configuration; set by the checks' settings).
EXTRA_SYNONYMS: ContextVar[tuple[tuple[str, ...], ...]] = ContextVar("extra_synonyms", default=())


def _canonical_map() -> dict[str, str]:
    return _canonical_map_with(EXTRA_SYNONYMS.get())


@lru_cache(maxsize=8)
def _canonical_map_with(extra: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in _data()["groups"]:
        for name in group:
            out[_QUOTES.sub("", name)] = _QUOTES.sub("", group[0])
    for group in extra:  # a user's group joins an existing one when it names a known label
        target = next((out[_QUOTES.sub("", n)] for n in group if _QUOTES.sub("", n) in out), _QUOTES.sub("", group[0]))
        for name in group:
            out[_QUOTES.sub("", name)] = target
    return out


LABEL_WORDS = Path(__file__).parent / "data" / "label_words.txt"
COMMON_WORDS = 3000  # jieba's most frequent words kept in the small dictionary


class _Words:
    """Word boundaries for stripping fillers: jieba over a small dictionary (data/label_words.txt:
    every word of jieba's own that holds a filler character, so 合计 keeps its 计 and 实有 its 有, and
    its most common words), without HMM guessing of unknown words. Loading it costs tens of
    milliseconds where jieba's full dictionary costs seconds (issue 14); labels on the gold set are
    the same or better (a guessed word like 故计 no longer hides a trailing filler)."""

    def __init__(self, extra: tuple[tuple[str, ...], ...]) -> None:
        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer(dictionary=str(LABEL_WORDS))
        for group in [*_data()["groups"], *extra]:
            for name in group:
                self.tokenizer.add_word(_QUOTES.sub("", name), freq=200000)

    def initialize(self) -> None:
        self.tokenizer.initialize()

    def lcut(self, text: str) -> list[str]:
        return self.tokenizer.lcut(text, HMM=False)


def _import_jieba():  # type: ignore[no-untyped-def]
    """jieba, imported lazily and without setuptools' pkg_resources: jieba uses it only to open its
    own data files and falls back to plain paths without it, and importing it costs ≈0.7 s — more
    than reading and checking a small report."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if block:
            del sys.modules["pkg_resources"]
    return jieba


def _jieba() -> _Words:
    return _jieba_with(EXTRA_SYNONYMS.get())


@lru_cache(maxsize=8)
def _jieba_with(extra: tuple[tuple[str, ...], ...]) -> _Words:
    return _Words(extra)


def build_label_words(out: Path = LABEL_WORDS) -> int:
    """Write the small dictionary from the installed jieba's own (`python -m extractor.labels`)."""
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    fillers = set("".join(_data()["trail_fillers"]))
    common = sorted(lines, key=lambda line: -int(line.split()[1]))[:COMMON_WORDS]
    keep = {line.split()[0]: line for line in common}
    for line in lines:
        word = line.split()[0]
        if any(ch in fillers for ch in word):
            keep[word] = line
    out.write_text("\n".join(sorted(keep.values())) + "\n", encoding="utf-8")
    return len(keep)


def canonical(label: str) -> str:
    label = _QUOTES.sub("", label)
    return _canonical_map().get(label, label)


def is_known(label: str) -> bool:
    return canonical(label) in _known_with(EXTRA_SYNONYMS.get())


@lru_cache(maxsize=8)
def _known_with(extra: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(_canonical_map_with(extra).values())


_YEAR_IN = regex.compile(r"((?:19|20)\d{2})\s*年|(本年|今年|当年)")


def year_before(text: str, start: int) -> str | None:
    """The year written in the clause before the figure at `start`: "2018" for 2018年决算数,
    "本年" for 本年度…, None when the clause names none."""
    clause_from = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start) if m.group(0) not in "“”\""), default=0)
    m = _YEAR_IN.search(text, clause_from, start)
    return (m.group(1) or "本年") if m else None


def label_before(text: str, start: int, clause_from: int | None = None) -> str:
    """The name written before the figure at `start` in `text`, fillers removed, not yet canonical.

    Trailing fillers go first (为, 达到; 共计 as a whole word), then leading ones (本单位, 年末) one
    at a time — but never from a name the synonym table knows (本年收入 stays 本年收入), and never
    a qualifier that changes the quantity (上年, 年初, 预算 are kept).
    """
    floor = clause_from or 0
    clause_from = floor
    inner = [(m.start(), m.end()) for m in _NUMBERED_KIND.finditer(text, floor, start)]
    for m in _CLAUSE_START.finditer(text, floor, start):
        if m.group(0) in "“”\"" or any(a <= m.start() < b for a, b in inner):
            continue
        clause_from = m.end()
    raw = _YEAR.sub("", _QUOTES.sub("", text[clause_from:start]))
    if not raw:
        return ""
    data = _data()
    words = _jieba().lcut(raw)
    while words and words[-1] in data["trail_fillers"]:
        words.pop()
    label = "".join(words)
    tails = sorted(data["trail_text_fillers"], key=len, reverse=True)
    while (cut := next((t for t in tails if label.endswith(t) and len(label) > len(t)), None)) and not is_known(label):
        label = label[: -len(cut)]
    heads = sorted(data["lead_fillers"], key=len, reverse=True)
    while not is_known(label) and (cut := next((h for h in heads if label.startswith(h) and len(label) > len(h)), None)):
        label = _YEAR.sub("", label[len(cut):])
    if not is_known(label):
        label = strip_lead(label)
    if not is_known(label):  # 年末在职职工 misprinted 年未在职职工: a known name after a stray character or two
        label = next((label[i:] for i in (1, 2) if len(label) - i >= 3 and is_known(label[i:])), label)
    return label


def strip_lead(label: str) -> str:
    """`label` without the words that open a clause before it (故, 因此, 其中：, 经计算…)."""
    text = label
    while True:
        rest = ""
        if cut := next((t for t in _LEAD_TEXT if text.startswith(t)), None):
            rest = text[len(cut):]
        elif text[:1] in _LEAD_WORDS and not text.startswith(_LEAD_WORD_KEPT):
            rest = text[1:]
        rest = rest.lstrip(" ：:，,、")
        if len(_HAN.findall(rest)) < 2:
            return text
        text = rest


def display_label(label: str) -> str:
    """A label as a message prints it: one line (no space left between two Chinese characters by a
    line break in a cell), without the words that open a clause (strip_lead) or a list number before
    it (“4.计量器具…”), and "" for a placeholder that names nothing (“计算式”)."""
    text = _CJK_SPACE.sub("", " ".join(label.split())).strip(" ：:，,。；;")
    while True:
        m = _ENUMERATOR.match(text)
        rest = strip_lead(text[m.end():] if m else text)
        if rest == text or len(_HAN.findall(rest)) < 2:
            break
        text = rest
    return "" if text in _NO_NAME else text


def is_name(label: str) -> bool:
    """A label good enough to match on: a known name, or three or more Chinese characters that
    do not describe a change, a rate per head or a rule."""
    if not label:
        return False
    if is_known(label):
        return True  # a listed name is a name even with 减 in it (本年追减)
    if _NOT_A_NAME.search(label):
        return False
    return len(_HAN.findall(label)) >= 3 and not _DIGIT.search(label)


if __name__ == "__main__":
    print(f"{build_label_words()} words written to {LABEL_WORDS}")
