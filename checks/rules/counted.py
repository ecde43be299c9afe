"""CNT001 counted.list: a stated count against the items that follow it."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checks.context import Context
from checks.finding import Finding
from checks.registry import Rule, register
from checks.sentences import sentences

_OPEN = regex.compile(r"^[”\"\p{Han}]{0,8}?[（(]")
_COLON = regex.compile(r"^[\p{Han}]{0,8}?[:：]")
_QUOTED = regex.compile(r"^[\p{Han}]{0,6}?[“\"](?P<body>[^”\"]{1,40})[”\"]")
_ORDINAL_ITEMS = regex.compile(r"[一二三四五六七八九十]+是")
_NOT_A_LIST = regex.compile(r"含|包括|其中|共|等|约|以上|以下|不含")
_ITEM_SEP = regex.compile(r"[、，,；;]")


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, min(len(text), open_at + 200)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None


@register
class CountedList(Rule):
    """所述数目与其后列举的项数不符。

    错误示例：内设五个科室（办公室、财务科、技术推广科、检测科）。
    正确示例：内设四个科室（办公室、财务科、技术推广科、检测科）。

    也核对“N字工作法‘……’”的字数与“一是……二是……”的条数。括号内含“含、包括、等”时不核对；括号内各项
    都是同一单位的数（12人（副高3人、中级5人、初级4人））时，是数目的分解而非列举的项，也不核对。
    """

    code = "CNT001"
    name = "counted.list"
    severity = "warning"
    title = "数目与列举项数不符"
    title_en = "stated count differs from the items listed"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for sentence in sentences(ctx):
            text = sentence.block.text
            for q in sentence.figures:
                if q.kind != "count" or q.decimals not in (0, None) or not 2 <= q.value <= 30:
                    continue
                stop = text.find("。", q.end)
                after = text[q.end:stop if stop >= 0 else len(text)]  # a list may run over several ；
                items, how = self._items(after, q.unit or "")
                if items is None:
                    continue
                ctx.coverage.checked += 1
                if len(items) == int(q.value):
                    continue
                yield ctx.finding(self.code, sentence.block,
                           f"写作 {q.text}，{how}列出 {len(items)} {'个字' if q.unit == '字' else '项'}"
                                  f"（{'、'.join(items) if q.unit != '字' else ''.join(items)}）",
                                  excerpt=text[q.start:min(sentence.end, q.end + 80)].rstrip("。；;"),
                                  stated=q.value, expected=len(items), unit=q.unit,  # type: ignore[arg-type]
                                  detail={"items": items}, anchor=q.text, span=(q.start, q.end))

    def _items(self, after: str, unit: str) -> tuple[list[str] | None, str]:
        if unit == "字":
            m = _QUOTED.match(after)
            if not m:
                return None, ""
            return regex.findall(r"\p{Han}", m["body"]), "引号内"
        if m := _OPEN.match(after):
            close = _closing(after, m.end() - 1)
            if close is None:
                return None, ""
            body = after[m.end():close]
            if _NOT_A_LIST.search(body):
                return None, ""
            items = [s.strip() for s in _ITEM_SEP.split(body) if s.strip()]
            if len(items) < 2 or any(len(s) > 20 for s in items):
                return None, ""
            if unit and all(regex.search(rf"\d\s*{regex.escape(unit)}$", s) for s in items):
                return None, ""  # 12人（副高3人、中级5人、初级4人）: the count split into counts of the same unit
            return items, "括号内"
        if m := _COLON.match(after):
            body = after[m.end():]
            markers = _ORDINAL_ITEMS.findall(body)
            if len(markers) >= 2:
                return markers, "其后"
            items = [s.strip() for s in regex.split(r"、", body.rstrip("。；; ")) if s.strip()]
            if len(items) < 2 or any(len(s) > 20 for s in items) or _NOT_A_LIST.search(body):
                return None, ""
            return items, "其后"
        return None, ""
