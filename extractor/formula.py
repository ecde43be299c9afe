"""Printed formulas read: `名称=（A/B）×100%=11/13×100%=84.62%` split into its `=` segments, each
tokenised into numbers (with shown decimals and unit), operators and words. Symbolic segments (the
definition) are kept as text. Evaluating them is the checks' business (checks/formula.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from extractor.quantities import NUM
from extractor.text import fold

_CLAUSE = regex.compile(r"[。；;，！？!?\n]|,(?!(?<=\d,)\d{3}(?!\d))|(?<!\d)[:：]")  # not 1,234.50
_TOKEN = regex.compile(
    rf"(?P<num>{NUM})\s*(?P<unit>(?:万元|亿元|千元|元)\s*/\s*(?:公里|千米|平方米|立方米|米|人次|人|户|亩|吨|生|座|处|台|个)"
    r"(?:\s*[·.]\s*(?:年|月|天))?"  # 19.39万元/公里, 720元/生·年: a rate per unit is one unit, not a division
    r"|万元|亿元|千元|元|%|‰|个百分点|万|人次|人|个|家|次|项|分|批次|份|件|期|天|倍)?"
    r"|(?P<op>[+\-×*÷/xX✕·])|(?P<open>[(\[【])|(?P<close>[)\]】])|(?P<word>[^\s\d+\-×*÷/xX✕·()\[\]【】=]+)|(?P<space>\s+)"
)


@dataclass
class Literal:
    value: Decimal
    decimals: int
    unit: str | None
    text: str


@dataclass
class Segment:
    text: str
    start: int  # offset in the block text
    end: int
    kind: str  # "numeric" | "symbolic" | "mixed"
    tokens: list[tuple[str, object]] = field(default_factory=list)
    literals: list[Literal] = field(default_factory=list)

    @property
    def is_single_number(self) -> bool:
        return self.kind == "numeric" and len(self.literals) == 1 and not any(
            k == "op" and v != "-" for k, v in self.tokens)


@dataclass
class Chain:
    name: str
    segments: list[Segment]
    start: int
    end: int
    text: str


def _tokenize(text: str) -> list[tuple[str, object, int, int]]:
    out = []
    for m in _TOKEN.finditer(fold(text)):
        if m["space"]:
            continue
        if m["num"]:
            lit = Literal(Decimal(m["num"].replace(",", "")), len(m["num"].split(".")[1]) if "." in m["num"] else 0,
                          m["unit"], text[m.start():m.end()])
            out.append(("num", lit, m.start(), m.end()))
        elif m["op"]:
            out.append(("op", m["op"], m.start(), m.end()))
        elif m["open"]:
            out.append(("open", "(", m.start(), m.end()))
        elif m["close"]:
            out.append(("close", ")", m.start(), m.end()))
        else:
            out.append(("word", m["word"], m.start(), m.end()))
    return out


def _classify(text: str, start: int, numeric_side: str) -> Segment | None:
    """Turn one `=`-separated part into a segment. `numeric_side` says which end may carry prose:
    "right" for the last part (…=84.62%，故计4分), "left" for the first (名称=…)."""
    toks = _tokenize(text)
    # labels written before a number ("在职11人/编制13人") are names of the operand, not operands
    toks = [t for i, t in enumerate(toks)
            if not (t[0] == "word" and i + 1 < len(toks) and toks[i + 1][0] == "num")]
    toks = [t for t in toks if not (t[0] == "op" and t[1] in "xX" and not _between_operands(toks, t))]
    if numeric_side == "right":
        cut = next((i for i, t in enumerate(toks) if t[0] == "word"), len(toks))
        if cut == 0:
            return Segment(text, start, start + len(text), "symbolic")
        toks = toks[:cut]
    elif numeric_side == "left":
        cut = max((i for i, t in enumerate(toks) if t[0] == "word"), default=-1)
        if cut == len(toks) - 1:
            return Segment(text, start, start + len(text), "symbolic")
        toks = toks[cut + 1:]
    if not toks:
        return None
    words = [t for t in toks if t[0] == "word"]
    nums = [t[1] for t in toks if t[0] == "num"]
    if not nums:
        kind = "symbolic"
    elif words:
        kind = "mixed" if len(words) < len(nums) else "symbolic"
    else:
        kind = "numeric"
    s, e = toks[0][2], toks[-1][3]
    return Segment(text[s:e], start + s, start + e, kind, [(t[0], t[1]) for t in toks], nums)  # type: ignore[misc]


def _between_operands(toks: list[tuple[str, object, int, int]], tok: tuple[str, object, int, int]) -> bool:
    i = toks.index(tok)
    return 0 < i < len(toks) - 1 and toks[i - 1][0] in ("num", "close") and toks[i + 1][0] in ("num", "open")


def find_chains(text: str, definitions: bool = False) -> list[Chain]:
    """Every `a=b(=c…)` run inside one clause of `text` with at least one numeric part; with
    `definitions`, also those written without numbers (`控制率=在职人员数/编制数×100%`).
    (Several rules read the same blocks: the result is shared, treat it as read-only.)"""
    return list(_find_chains(text, definitions))


@lru_cache(maxsize=4096)
def _find_chains(text: str, definitions: bool = False) -> tuple[Chain, ...]:
    chains: list[Chain] = []
    folded = fold(text)
    pos = 0
    for clause_m in list(_CLAUSE.finditer(folded)) + [None]:
        end = clause_m.start() if clause_m else len(folded)
        clause = text[pos:end]
        if "=" in fold(clause):
            chain = _chain(clause, pos, definitions)
            if chain is not None:
                chains.append(chain)
        pos = clause_m.end() if clause_m else len(folded)
    return tuple(chains)


def _chain(clause: str, offset: int, definitions: bool = False) -> Chain | None:
    parts: list[tuple[str, int]] = []
    start = 0
    folded = fold(clause)
    for i, ch in enumerate(folded):
        if ch == "=" and (i == 0 or folded[i - 1] not in "<>≤≥!"):
            parts.append((clause[start:i], start))
            start = i + 1
    parts.append((clause[start:], start))
    if len(parts) < 2:
        return None
    segments: list[Segment] = []
    name = ""
    for k, (part, at) in enumerate(parts):
        side = "left" if k == 0 else "right" if k == len(parts) - 1 else "none"
        if not part.strip():
            if k == 0 and len(parts) > 2:
                continue  # the chain opens with "=" after a line or clause break
            return None  # "=0计4分": a band, not a formula
        seg = _classify(part, offset + at, side)
        if seg is None:
            return None
        if k == 0:
            name = _trailing_name(part) if seg.kind == "symbolic" else ""
        segments.append(seg)
    if sum(1 for s in segments if s.kind == "numeric") < 2 and not any(s.kind == "mixed" for s in segments) \
            and not definitions:
        return None
    first = segments[0].start if segments[0].kind != "symbolic" else segments[0].end - len(name)
    end = segments[-1].end
    return Chain(name, segments, first, end, "")


_NAME_AT_END = regex.compile(r"[\p{Han}“”\"（）()A-Za-z]+$")


def _trailing_name(part: str) -> str:
    m = _NAME_AT_END.search(part.strip())
    return m.group(0) if m else ""
