"""Sentences of a block with the figures that fall inside each, for the rules that read prose."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checks.context import Context
from extractor.model import Block, LocatedQuantity

_END = regex.compile(r"[。；;！？!?\n]")


@dataclass
class Sentence:
    block: Block
    start: int
    end: int
    figures: list[LocatedQuantity]

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def sentences(ctx: Context) -> Iterator[Sentence]:
    by_block: dict[int, list[LocatedQuantity]] = {}
    for q in ctx.quantities:
        if q.location.kind != "table":
            by_block.setdefault(q.location.block, []).append(q)
    for block in ctx.text_blocks():
        figures = by_block.get(block.index, [])
        start = 0
        for m in list(_END.finditer(block.text)) + [None]:
            end = m.end() if m else len(block.text)
            if end > start:
                yield Sentence(block, start, end, [q for q in figures if start <= q.start < end])
            start = end


def inside_brackets(text: str, pos: int) -> bool:
    """Is `pos` inside （…） in `text`?"""
    depth = 0
    for ch in text[:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0


def sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` that holds position `pos` (for excerpts)."""
    start = max((m.end() for m in _END.finditer(text, 0, pos)), default=0)
    end_m = _END.search(text, pos)
    return text[start:end_m.start() if end_m else len(text)].strip()
