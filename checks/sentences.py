"""Sentences of a block with the figures that fall inside each, for the rules that read prose
(cut by the one segmenter, extractor/segment.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.context import Context
from extractor.model import Block, LocatedQuantity
from extractor.segment import inside_brackets, segment

__all__ = ["Sentence", "inside_brackets", "sentence_around", "sentences"]


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
        for s in segment(block.text, [(q.start, q.end) for q in figures]):
            yield Sentence(block, s.start, s.end, [q for q in figures if s.start <= q.start < s.end])


def sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` that holds position `pos` (for excerpts)."""
    for s in segment(text):
        if s.start <= pos < s.end:
            return text[s.start:s.end].strip().rstrip("。！？!?")
    return text.strip()
