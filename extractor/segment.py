"""The one segmenter: sentences, clause groups and clauses of a text, cut around figures.

A figure is atomic: the comma of `1,260,824.00`, the point of `13.60%` or a colon inside a time
never cuts a clause. Sentences end at 。！？ and line breaks; a sentence holds clause groups cut at
；(the items of a list usually run over several of them), and a group holds clauses cut at ，、：.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

_SENTENCE_END = frozenset("。！？!?\n")
_GROUP_END = frozenset("；;")
_CLAUSE_END = frozenset("，,、：:")
_BRACKET = re.compile(r"[（()）]")


@dataclass(frozen=True)
class Piece:
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    groups: list[Piece] = field(default_factory=list)
    clauses: list[Piece] = field(default_factory=list)

    def group_of(self, pos: int) -> Piece:
        return next((g for g in self.groups if g.start <= pos < g.end), self.groups[-1])

    def clause_of(self, pos: int) -> Piece:
        return next((c for c in self.clauses if c.start <= pos < c.end), self.clauses[-1])


def _cuts(text: str, start: int, end: int, stops: frozenset[str], protected: Sequence[tuple[int, int]]) -> list[Piece]:
    pieces: list[Piece] = []
    begin = start
    spans = sorted(protected)
    starts = [a for a, _ in spans]
    for i in _stops_in(text, start, end, stops):
        k = bisect_right(starts, i) - 1
        if k >= 0 and any(a <= i < b for a, b in spans[max(0, k - 3):k + 1]):
            continue  # a stop inside a figure (1,234.56 keeps its comma)
        if i + 1 > begin:
            pieces.append(Piece(begin, i + 1))
        begin = i + 1
    if end > begin:
        pieces.append(Piece(begin, end))
    return pieces or [Piece(start, end)]


def _stops_in(text: str, start: int, end: int, stops: frozenset[str]) -> list[int]:
    """Where the stop characters are, found by str.find per character (C speed, not a Python loop
    over every character)."""
    found: list[int] = []
    for ch in stops:
        i = text.find(ch, start, end)
        while i != -1:
            found.append(i)
            i = text.find(ch, i + 1, end)
    found.sort()
    return found


def segment(text: str, figures: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences of `text`, each with its clause groups and clauses; `figures` are the spans that
    must not be cut (the located quantities of the text)."""
    out = []
    for s in _cuts(text, 0, len(text), _SENTENCE_END, figures):
        sentence = Sentence(s.start, s.end)
        sentence.groups = _cuts(text, s.start, s.end, _GROUP_END, figures)
        sentence.clauses = [c for g in sentence.groups for c in _cuts(text, g.start, g.end, _CLAUSE_END, figures)]
        out.append(sentence)
    return out


def inside_brackets(text: str, pos: int, start: int = 0) -> bool:
    """Is `pos` inside （…） in `text` (counting from `start`)? Only the brackets are visited: this is
    asked for every figure of a block, and a character loop made it quadratic in the block's length."""
    depth = 0
    for m in _BRACKET.finditer(text, start, pos):
        if m.group() in "（(":
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0
