"""Headings from numbering (一、 （一） 1. 1.1 （1） ①) as well as from styles, and section paths.

Many reports write headings as plain bold "一、…" paragraphs, and the depth of "1." depends on
what came before it, so depth is not fixed per style: an outline stack is kept, and a numbering
style already on the stack closes everything opened after it (as a reader understands it).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.text import fold

_CN = "[一二三四五六七八九十]+"
_STYLES: list[tuple[str, regex.Pattern[str]]] = [
    ("chapter", regex.compile(rf"^第(?:{_CN}|\d+)[章节部分篇][、.\s]*")),
    ("cn", regex.compile(rf"^{_CN}\s*(?:、|\.(?!\d))\s*")),  # 四、2018年工作打算; not 一.5
    ("cn_paren", regex.compile(rf"^[(]\s*{_CN}\s*[)]\s*[、.]?\s*")),
    ("dotted", regex.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}(?![\d%])(?![万亿千百元])[、.]?\s*")),
    ("arabic", regex.compile(r"^\d{1,2}\s*(?:、|\.(?!\d))\s*")),
    ("arabic_paren", regex.compile(r"^[(]\s*\d{1,2}\s*[)]\s*[、.]?\s*")),
    ("circled", regex.compile(r"^[①-⑳]\s*")),
]
_MAX_HEADING_CHARS = 40
_MAX_TITLE_CHARS = 24
_SENTENCE_END = regex.compile(r"[。；;]\s*$")
_CLAUSE_END = regex.compile(r"[。：:；;，,=＝]")  # 2.“三公经费”变动率=（…）: the name ends at its formula
_FIGURE = regex.compile(r"\d[\d,.]*\s*(?:万元|亿元|元|%|％|人|个|项)")
_SEP = " › "


@dataclass
class Numbering:
    style: str
    number: str  # as printed, e.g. "（一）"
    rest: str  # the text after the number


def numbering_of(text: str) -> Numbering | None:
    stripped = text.lstrip()
    folded = fold(stripped)
    for style, pattern in _STYLES:
        m = pattern.match(folded)
        if m and m.end() < len(folded):
            key = style
            if style == "dotted":
                key = f"dotted{m.group(0).count('.') + (0 if m.group(0).rstrip().endswith(('.', '、')) else 1)}"
            return Numbering(key, stripped[:m.end()].rstrip(), stripped[m.end():])
    return None


@dataclass
class HeadingGuess:
    is_heading: bool
    numbering: str | None
    title: str | None
    style: str | None


def classify(text: str, *, emphasized: bool = False, style_level: int | None = None) -> HeadingGuess:
    """Is this paragraph a heading, and which label does it give the section path?

    A numbered paragraph is a heading when it is short, not a sentence and states no figure
    (or the document styles it as a heading). A long numbered paragraph whose first clause is
    short ("5、公用经费控制率。公用经费控制率=…") still opens a section named by that clause.
    """
    text = text.strip()
    num = numbering_of(text)
    if num is None:
        if style_level is not None and text and len(text) <= 60:
            return HeadingGuess(True, None, text, f"h{style_level}")
        return HeadingGuess(False, None, None, None)
    if style_level is not None:  # the document's own outline level outranks the printed number
        return HeadingGuess(True, num.number, num.rest.strip(), f"h{style_level}:{num.style}")
    short = len(text) <= _MAX_HEADING_CHARS and not _SENTENCE_END.search(text) and not _FIGURE.search(num.rest)
    if short or (emphasized and len(text) <= 60):
        return HeadingGuess(True, num.number, num.rest.strip(), num.style)
    clause = _CLAUSE_END.split(num.rest, maxsplit=1)[0].strip()
    if 0 < len(clause) <= _MAX_TITLE_CHARS and not _FIGURE.search(clause):
        return HeadingGuess(False, num.number, clause, num.style)
    return HeadingGuess(False, num.number, None, num.style)


# The conventional order of Chinese official numbering (一、 > （一） > 1. > （1） > ①); used only
# when a numbering style is not already open.
_RANK = {"chapter": 0, "cn": 1, "cn_paren": 2, "dotted2": 2, "arabic": 3, "arabic_dun": 3, "dotted3": 3,
         "arabic_paren": 4, "dotted4": 4, "circled": 5}


_PART_TITLE = regex.compile(r"^[^。；;，,：:]{4,48}(?:报告|自评表|评价表|报告书)$")


_ANNEX = regex.compile(r"^附\s*[件表]\s*[\d一二三四五六七八九十]+(?:\s*[:：、.．]\s*\S.{0,46}|\s*)$")


def is_annex(text: str) -> bool:
    """附件1, 附表2：…: an attachment's own line."""
    return bool(_ANNEX.match(fold(text.strip())))


def is_part_title(text: str) -> bool:
    """A report's own title line (…年度部门整体支出绩效自评报告): in a file holding several reports,
    each one after the first opens a part of its own; so does an attachment's line (附件1, 附表2：…)."""
    text = text.strip()
    return bool(_ANNEX.match(fold(text))) or (numbering_of(text) is None and bool(_PART_TITLE.match(text)))


# A report whose first numbered heading is decimal (1.引言 / 1.1部门职责概述, the template of many
# third-party evaluation reports) nests the Chinese numbering inside its decimal chapters.
_DECIMAL_RANK = {"chapter": 0, "arabic": 1, "dotted2": 2, "dotted3": 3, "dotted4": 4, "cn": 5, "cn_paren": 6,
                 "arabic_dun": 7, "arabic_paren": 8, "circled": 9}
_DECIMAL = {"arabic", "dotted2", "dotted3", "dotted4"}


def _parts(style: str) -> tuple[int | None, str]:
    """"h2:dotted2" -> (2, "dotted2"); "h3" -> (3, ""); "cn" -> (None, "cn")."""
    head, _, numbering = style.partition(":")
    if head.startswith("h") and head[1:].isdigit():
        return int(head[1:]), numbering
    return None, style


@dataclass
class _Open:
    style: str
    label: str
    number: tuple[int, ...] | None = None  # 1.2 → (1, 2); 三、 → (3,)
    heading: bool = True  # a heading line, not a numbered paragraph that opens a section
    rank: float | None = None  # where it was opened, when not at its style's own rank (a nested list)


_CN_VALUE = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number_value(number: str | None) -> tuple[int, ...] | None:
    """The value of a printed number: "1.2" → (1, 2), "（十一）" → (11,), "③" → (3,)."""
    if not number:
        return None
    text = fold(number)
    if m := regex.search(r"[①-⑳]", text):
        return (ord(m.group(0)) - ord("①") + 1,)
    if digits := regex.findall(r"\d+", text):
        return tuple(int(d) for d in digits)
    cn = regex.search(r"[一二三四五六七八九十]+", text)
    if cn is None:
        return None
    value = 0
    for ch in cn.group(0):
        value = (value or 1) * 10 if ch == "十" else value + _CN_VALUE[ch]
    return (value,)


def _follows(new: tuple[int, ...] | None, old: tuple[int, ...] | None) -> bool:
    """Is `new` the number after `old` (2 after 1, 1.3 after 1.2)?"""
    return new is not None and old is not None and len(new) == len(old) and new[:-1] == old[:-1] \
        and new[-1] == old[-1] + 1


class Outline:
    """The stack of open sections while blocks are read in order."""

    def __init__(self) -> None:
        self._stack: list[_Open] = []
        self._decimal: bool | None = None  # decided by the first unstyled numbered heading

    def _rank(self, style: str) -> int:
        if style == "part":
            return -1
        level, _ = _parts(style)
        if level is not None:
            return level - 1
        return (_DECIMAL_RANK if self._decimal else _RANK).get(style, 10)

    def _rank_of(self, entry: _Open) -> float:
        return entry.rank if entry.rank is not None else self._rank(entry.style)

    def enter(self, style: str, label: str, number: str | None = None, heading: bool = True) -> int:
        """Open a section. A heading the document styles with an outline level closes what is at
        its level or deeper. An unstyled numbered heading is the sibling of the open section it
        follows in number (二、 after 一、, 1.3 after 1.2; a heading line before a numbered
        paragraph); a list that starts again at 1 opens inside the current section (the “1.…2.…”
        items of a narrative under （一）, though the report's chapters are 1. 2. 3.), unless the section
        open is the list's own last item: then the numbering restarts in its place (1. 2. 一段 1. 2.:
        the second 1. is no sub-item of the first list's 2.). Otherwise it is
        the sibling of an open section of the same numbering (an unstyled one, or the deepest styled
        one: "二、" after a Heading 1 "一、"), or it closes unstyled sections of the same or a deeper
        conventional rank and opens below the styled ones."""
        if style.endswith("arabic") and number and fold(number).rstrip().endswith("、"):
            style += "_dun"  # 1、 and 1. in one report are two levels (1.引言 … 1、绩效目标合理性)
        level, numbering = _parts(style)
        value = number_value(number)
        entry = _Open(style, label, value, heading)
        if level is None and self._decimal is None:
            self._decimal = numbering in _DECIMAL
        if level is None:
            same = [i for i, o in enumerate(self._stack) if _parts(o.style)[1] == numbering]
            after = [i for i in same if _follows(value, self._stack[i].number)]
            if after:
                i = next((i for i in reversed(after) if self._stack[i].heading == heading), after[-1])
                return self._replace(i, entry)
            if same and value is not None and value[-1] == 1 and self._stack and \
                    _parts(self._stack[-1].style)[0] is None:
                if same[-1] == len(self._stack) - 1:
                    return self._replace(same[-1], entry)  # the list just read starts again: a new list in its place
                entry.rank = self._rank_of(self._stack[-1]) + 0.5
                self._stack.append(entry)  # a list starting again inside the current section
                return len(self._stack)
            styled = [i for i, o in enumerate(self._stack) if _parts(o.style)[0] is not None]
            for i in same:
                key_level = _parts(self._stack[i].style)[0]
                if key_level is None or i == styled[-1]:
                    if key_level is not None:
                        entry.style = f"h{key_level}:{numbering}"  # takes the place, and the level, of its sibling
                    return self._replace(i, entry)
        while self._stack and self._rank_of(self._stack[-1]) >= self._rank(style):
            if level is None and _parts(self._stack[-1].style)[0] is not None:
                break  # an unstyled heading inside a styled section is below it
            self._stack.pop()
        self._stack.append(entry)
        return len(self._stack)

    def _replace(self, i: int, entry: _Open) -> int:
        if _parts(self._stack[i].style)[0] is not None and _parts(entry.style)[0] is None:
            entry.style = self._stack[i].style.split(":")[0] + ":" + _parts(entry.style)[1]
        entry.rank = self._stack[i].rank
        del self._stack[i:]
        self._stack.append(entry)
        return len(self._stack)

    def start_part(self, title: str) -> None:
        """A second report in the same file: its sections hang under its title, not under the
        last section of the report before it."""
        self._stack = [_Open("part", title)]

    @property
    def path(self) -> str:
        return _SEP.join(o.label for o in self._stack)
