"""Places a person can follow: a table's label as the report prints it, a paragraph's ordinal in its
section, and an excerpt long enough to find with Ctrl+F, with the offending figure marked.

Only what the document says is used: a caption or a “表N” the report prints, else an ordinal counted
over the tables a reader sees as tables (so the same table is the same 表N in the .docx and its PDF).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from checks.finding import FindingLocation
from extractor.model import Block, Document, Table
from extractor.tables import declared_unit
from extractor.text import fold

MIN_EXCERPT = 12  # shorter than this, a clause is no search term (“3分”, “82.62%”)
MAX_EXCERPT = 120
_CLAUSE_STOPS = frozenset("。；;！!？?\n")
_NUMBER = regex.compile(r"\d[\d,，]*(?:\.\d+)?")
_UNIT_AFTER = regex.compile(r"\s*(?:[%％‰]|万亿元|亿元|万元|千元|元|分|人次|人|个|项|次|家|户|名|辆|台|套|平方米|亩|天|件)")
_CN_NUM = "[一二三四五六七八九十]+"
# 表1 2024年度…: a PDF may lose the space (表12024年度), so a number of one or two digits right before
# a year is the table's number
_YEAR_AFTER = r"(?=\s*(?:19|20)\d{2}\s*[年—－\-~～])"
_TABLE_NUMBER = rf"(?:\d{{1,2}}{_YEAR_AFTER}|(?:\d+(?:[-－.．]\d+)*|{_CN_NUM})(?![\d万亿元%名份个]))"
_CAPTION_START = regex.compile(rf"^(?:附\s*)?表\s*{_TABLE_NUMBER}")
_TABLE_REF = regex.compile(rf"(?<![^\s见如详据按照和与及、，,。：:；;（(“\"])(?:附\s*)?表\s*{_TABLE_NUMBER}")
_UNIT_CLAUSE = regex.compile(r"[（(]?\s*(?:金额|数量)?单位\s*[:：].*$")
_CAPTION_MAX = 40
_LEAD_IN_END = tuple("：:。；;，,")


def caption_of(text: str) -> str | None:
    """The caption a short line right above a table gives it (表2 部门支出表, 2019年支出明细表), without
    a unit clause; None for a unit line (单位：元), a lead-in sentence (详细见下表：) or any other text."""
    line = " ".join(text.split())
    if not line or len(line) > _CAPTION_MAX:
        return None
    line = _UNIT_CLAUSE.sub("", line).strip()
    if not line or line.endswith(_LEAD_IN_END):
        return None
    if _CAPTION_START.match(fold(line)) or line.endswith("表"):
        return _tidy(line)
    return None


def tidy_spaces(text: str) -> str:
    """No spaces next to a Chinese character (formats differ in them: 第一部分  部门… / 第一部分部门…);
    one between Latin words and numbers."""
    return " ".join(regex.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text).split())


def _tidy(text: str) -> str:
    """Spaces as every format gives them (a PDF drops the one after 表2): none between Chinese
    characters, one after a leading 表N."""
    text = tidy_spaces(text)
    m = _CAPTION_START.match(fold(text))
    if m and m.end() < len(text) and (text[m.end()].isalnum()):
        text = text[:m.end()] + " " + text[m.end():]
    return text


def _run_in_caption(text: str) -> str | None:
    """A caption a reader ran into the paragraph above it (…结转下年支付。表3 2024年度支出决算表 单位：元)."""
    found = list(_TABLE_REF.finditer(fold(text)))
    if not found or found[-1].start() == 0 or text[found[-1].start() - 1] not in "。！？!?":
        return None
    return caption_of(text[found[-1].start():])


def table_reference(text: str) -> str | None:
    """The last “表N” a paragraph names (如表2所示 → 表2)."""
    found = list(_TABLE_REF.finditer(fold(text)))
    return "".join(found[-1].group(0).split()) if found else None


def counted(table: Table) -> bool:
    """A table a reader sees as a table and numbers: not one nested in a cell, not a one-row or
    one-column box (a framed note reads as a table in some files and as text in others)."""
    return table.nested_in is None and table.n_rows >= 2 and table.n_cols >= 2


class Places:
    """Per document, computed once: table ordinals and labels, paragraph ordinals."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ordinal: dict[int, int] = {}
        self.paragraph: dict[int, int] = {}
        self._labels: dict[int, str | None] = {}
        position = {b.index: i for i, b in enumerate(doc.blocks)}
        self._position = position
        section: str | None = None
        n = 0
        for block in doc.blocks:
            if block.table is not None:
                if counted(block.table):
                    self.ordinal[block.index] = len(self.ordinal)
            elif block.kind == "heading":
                section, n = block.section, 0
            elif block.kind == "paragraph":
                if block.section != section:
                    section, n = block.section, 0
                self.paragraph[block.index] = n + 1
                n += 1 + len(block.part_starts)  # lines pasted as paragraphs: Word shows each

    def table_label(self, block: Block) -> str | None:
        if block.index not in self._labels:
            self._labels[block.index] = self._label(block)
        return self._labels[block.index]

    def _label(self, block: Block) -> str | None:
        table = block.table
        if table is None:
            return None
        if table.nested_in is not None:
            outer = next((b for b in self.doc.blocks if b.index == table.nested_in.block), None)
            outer_label = self.table_label(outer) if outer is not None else None
            where = f"第{table.nested_in.row + 1}行第{table.nested_in.col + 1}列内的表"
            return f"{outer_label} {where}" if outer_label else where
        before = self._before(block)
        for prev in before[:2]:  # the caption: right above, perhaps above a unit line
            if (caption := caption_of(prev.text) or _run_in_caption(prev.text)) is not None:
                return caption
            if not (len(prev.text) <= 20 and declared_unit(prev.text)):
                break
        title = _title_row(table)
        if title is not None:
            return title
        for prev in before[:5]:  # the nearest “表N” the text names before it
            if (ref := table_reference(prev.text)) is not None:
                return ref
        if block.index in self.ordinal:
            return f"表{self.ordinal[block.index] + 1}"
        return None

    def _before(self, block: Block) -> list[Block]:
        """The text blocks between the table before and this one, nearest first."""
        out: list[Block] = []
        for i in range(self._position[block.index] - 1, -1, -1):
            prev = self.doc.blocks[i]
            if prev.table is not None:
                break
            out.append(prev)
        return out


def _title_row(table: Table) -> str | None:
    """A first row that is one cell across the table holding its caption (2019年支出明细表)."""
    first = [c for c in table.cells if c.row == 0]
    if len(first) == 1 and first[0].colspan == table.n_cols and table.n_cols > 1:
        return caption_of(first[0].text)
    return None


_SENTENCE = regex.compile(r"[。，,；;：:]")  # a rule or a note, not a name
_UNIT_HEADER = regex.compile(r"单位|序号|编码|代码|科目编码")  # a unit, serial or code column names no row
_UNIT_ONLY = regex.compile(r"^(?:万?元|亿元|人次?|个|项|次|家|户|名|亩|平方米|天|[%％‰])$")


def row_label(view, row: int, col: int | None) -> str | None:  # type: ignore[no-untyped-def]
    """The row's label as a reader names it: the nearest text cell left of the finding's column
    (the 三级指标 of a score table, not its 一级指标), else the row's name (TableView.label)."""
    from checks.tableview import DASH
    from extractor.tables import is_numeric

    grid = view.grid[row]
    seen = None
    for c in range((col if col is not None else 0) - 1, -1, -1):
        cell = grid[c]
        if cell is None or cell is seen:
            continue
        seen = cell
        text = " ".join(cell.text.split())
        if len(text) < 2 or len(text) > 30 or _SENTENCE.search(text) or is_numeric(text) or DASH.match(fold(text)) or _UNIT_ONLY.match(text) \
                or regex.fullmatch(r"[\d\s]+", text) or _UNIT_HEADER.search(view.header(c)):
            continue
        return text
    return view.label(row) or None


# ------------------------------------------------------------------ in words


_WHERE = {
    "zh": {"page": "（第{}页）", "table": "表{}", "row": "“{}”行", "row_n": "第{}行", "col": "“{}”列", "col_n": "第{}列",
           "paragraph": "第{}段", "heading": "（标题）", "sep": " ", "doc": "正文"},
    "en": {"page": " (page {})", "table": "table {}", "row": 'row "{}"', "row_n": "row {}", "col": 'column "{}"',
           "col_n": "column {}", "paragraph": "paragraph {}", "heading": " (heading)", "sep": ", ", "doc": "body"},
}
_SECTION_DEPTH = 2  # the last two levels of the path: “3.2过程 › 5、公用经费控制率”
_LABEL_MAX = 20


def place_words(loc: FindingLocation, lang: str = "zh") -> str:
    """A location in the words a reader follows (writers.common.where prints every finding's with it;
    a rule naming another place in its message uses Context.place_words)."""
    w = _WHERE[lang]
    parts: list[str] = []
    if loc.kind == "table":
        parts.append(_table_words(loc, w, lang))
        if loc.row is not None:
            parts.append(w["row"].format(_short(loc.row_label)) if loc.row_label else w["row_n"].format(loc.row + 1))
        if loc.col is not None:
            parts.append(w["col"].format(_short(loc.col_label)) if loc.col_label else w["col_n"].format(loc.col + 1))
    else:
        section = " › ".join(tidy_spaces(part) for part in loc.section.split(" › ")[-_SECTION_DEPTH:]) \
            if loc.section else ""
        if section:
            parts.append("§ " + section + (w["heading"] if loc.kind == "heading" else ""))
        if loc.kind == "paragraph" and loc.paragraph is not None:
            parts.append(w["paragraph"].format(loc.paragraph) if section else
                         w["doc"] + (" " if lang == "en" else "") + w["paragraph"].format(loc.paragraph))
        if not parts:
            parts.append(w["doc"])
    text = w["sep"].join(parts)
    return text + (w["page"].format(loc.page) if loc.page else "")


def _table_words(loc: object, w: dict[str, str], lang: str) -> str:
    label = getattr(loc, "table_label", None)
    ordinal = getattr(loc, "table", None)
    if label and not (lang == "en" and ordinal is not None and label == f"表{ordinal + 1}"):
        return _short(label, 30)
    if ordinal is not None:
        return w["table"].format(ordinal + 1)
    return "表格" if lang == "zh" else "table"


def _short(text: str | None, limit: int = _LABEL_MAX) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ------------------------------------------------------------------ excerpts


def figure_in(text: str, stated: Decimal | None, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Where the stated figure is written in text[lo:hi] (the first number of that value), with its unit."""
    if stated is None:
        return None
    hi = len(text) if hi is None else hi
    for m in _NUMBER.finditer(text, lo, hi):
        try:
            value = Decimal(m.group(0).replace(",", "").replace("，", ""))
        except InvalidOperation:
            continue
        if value == abs(stated):
            end = m.end()
            if (unit := _UNIT_AFTER.match(text, end)) is not None and unit.end() <= hi:
                end = unit.end()
            return m.start(), end
    return None


def excerpt_around(text: str, start: int, end: int) -> tuple[str, int | None, int | None]:
    """The whole clause of `text` holding text[start:end] (cut at 。；！？ and line ends), widened to
    its neighbours while shorter than MIN_EXCERPT, cut around the figure (with …) when longer than
    MAX_EXCERPT; with the figure's offsets in it."""
    n = len(text)
    a, b = _clause_start(text, start), _clause_end(text, end)
    while len(text[a:b].strip()) < MIN_EXCERPT and (a > 0 or b < n):
        if a > 0:
            a = _clause_start(text, a - 1)
        else:
            b = _clause_end(text, b + 1)
    while a < start and text[a].isspace():
        a += 1
    while b > end and text[b - 1].isspace():
        b -= 1
    if end - start >= MAX_EXCERPT:
        return text[start:start + MAX_EXCERPT] + "…", None, None
    if b - a <= MAX_EXCERPT:
        return text[a:b], start - a, end - a
    width = MAX_EXCERPT - 2  # room for the two …
    room = width - (end - start)
    left = max(a, start - room // 2)
    right = min(b, left + width)
    left = max(a, right - width)
    prefix = "…" if left > a else ""
    return prefix + text[left:right] + ("…" if right < b else ""), start - left + len(prefix), end - left + len(prefix)


def _clause_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1] not in _CLAUSE_STOPS:
        i -= 1
    return i


def _clause_end(text: str, i: int) -> int:
    n = len(text)
    i = min(i, n)
    while i < n and text[i] not in _CLAUSE_STOPS:
        i += 1
    return i + 1 if i < n and text[i] != "\n" else i
