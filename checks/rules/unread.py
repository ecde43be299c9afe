"""RDR001 reader.unread: content the reader met and could not turn into text, named with its place,
so that “no findings” never hides “not read”."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from checks.context import Context
from checks.finding import Finding
from checks.registry import Rule, register
from extractor.model import Block, Document, Unread

# what each kind is called in a message and in the coverage line
KIND_NAMES = {
    "zh": {"image": "图片", "chart": "图表", "object": "嵌入对象", "equation": "公式", "textbox": "文本框",
           "altchunk": "嵌入文档", "page": "无文字页", "other": "其他"},
    "en": {"image": "image", "chart": "chart", "object": "embedded object", "equation": "equation",
           "textbox": "text box", "altchunk": "embedded document", "page": "page without text", "other": "other"},
}
_PAGE_PROBLEM = {"no_text_layer": "没有文字层（可能是扫描页）", "cid_text": "只能读出 (cid:…) 乱码"}
_LISTED = 20  # places named in the message; the rest are counted (all are in the finding's detail)


def unread_items(doc: Document) -> list[Unread]:
    """Everything not read as text: the readers' list, and each PDF page that gave no usable text
    (once, even when a reader listed the page itself)."""
    items = list(doc.unread)
    listed = {u.page for u in items if u.kind == "page"}
    for problem in doc.page_problems:
        if problem.page not in listed:
            before = [b.index for b in doc.blocks if b.page is not None and b.page < problem.page]
            items.append(Unread(kind="page", page=problem.page, block=before[-1] if before else None,
                                detail=_PAGE_PROBLEM.get(problem.problem, "")))
    return items


def count_kinds(items: list[Unread]) -> dict[str, int]:
    """How many of each kind, in the order KIND_NAMES lists the kinds."""
    counts = Counter(u.kind for u in items)
    return {kind: counts[kind] for kind in KIND_NAMES["zh"] if counts[kind]}


@register
class Unreadable(Rule):
    """正文中有读不出文字的内容（图片、图表、嵌入对象、无法转换的公式、无文字层的页面等），其中的数字未核对。

    错误示例：附图：2025年资金分配情况
              （标题下是一张图片，图中的表格读不出文字，其中的数字没有核对）
    正确示例：附表：2025年资金分配情况
              （同样的数字写成表格，可以读出并核对）

    每份文件一条提示，逐处写明位置（第几块之后、第几页、第几张表中），
    说明这些地方没有核查，而不是“核查无误”。
    """

    code = "RDR001"
    name = "reader.unread"
    severity = "info"
    title = "有内容未能读取，其中的数字未核对"
    title_en = "content not read as text: its figures were not checked"

    def check(self, ctx: Context) -> Iterator[Finding]:
        items = unread_items(ctx.doc)
        if not items:
            return
        items.sort(key=lambda u: (-1 if u.block is None else u.block, u.page or 0))
        places = [self._place(ctx, u) for u in items]
        shown = "；".join(places[:_LISTED]) + (f"；等，共 {len(places)} 处" if len(places) > _LISTED else "")
        kinds = count_kinds(items)
        counted = "、".join(f"{KIND_NAMES['zh'][k]} {n}" for k, n in kinds.items())
        at = self._block(ctx, items[0].block) or (ctx.doc.blocks[0] if ctx.doc.blocks else
                                                  Block(index=0, kind="paragraph"))
        yield ctx.finding(
            self.code, at, f"未能读取 {len(items)} 处（{counted}），其中的数字未核对：{shown}。",
            detail={"unread": [u.model_dump(mode="json") for u in items], "kinds": kinds},
            anchor="unread:" + ",".join(f"{k}{n}" for k, n in kinds.items()),
        )

    @staticmethod
    def _block(ctx: Context, index: int | None) -> Block | None:
        if index is None:
            return None
        try:
            return ctx.block(index)
        except KeyError:
            return None

    def _place(self, ctx: Context, u: Unread) -> str:
        """§ 二、… 第3段后有图片（Picture 3） / 表2处有图表“Chart 1” / 第5页没有文字层（可能是扫描页）"""
        if u.kind == "page":
            return f"第{u.page}页" + (u.detail or "未能读取")
        label = KIND_NAMES["zh"][u.kind]
        if not u.detail or regex.search(r"\p{Han}", u.detail):  # a description (图片（Picture 1）, 公式…)
            what = u.detail or label
        else:  # a bare name the file gives it (Chart 1, Im3)
            what = f"{label}“{u.detail}”"
        block = self._block(ctx, u.block)
        page = f"第{u.page}页" if u.page is not None else ""
        if block is None:
            after_all = u.block is not None and u.block > max((b.index for b in ctx.doc.blocks), default=-1)
            return f"{page or ('正文末尾' if after_all else '正文开头')}有{what}"
        where = ctx.place_words(block)  # the table's label, or the section and paragraph, with the page
        if block.kind == "table":  # in a cell, or just after the table
            return f"{where}处有{what}"
        return f"{where}后有{what}"
