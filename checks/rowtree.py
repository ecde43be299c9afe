"""Which rows of a table are the sum of which: 类 > 款 > 项, a 小计 and its items, a row and its
“其中” parts. Built once per table (`TableView.tree`) and read by every table rule, so that
footing, hierarchy and shares agree on what adds up to what.

The structure is taken from the strongest evidence a part of the table offers:
1. classification codes (2010101, 201 01 01, 类 | 款 | 项 columns) — certain;
2. indentation the reader kept (.docx; a PDF's text loses it);
3. the names of the 政府收支分类科目 (checks/data/expenditure_subjects.toml): a row named like a
   类 heads the rows up to the next 类, a 款 of that 类 the rows up to the next 款 — certain where
   every row's name is known; the figures place the rows the names do not;
4. ordinal markers (三公经费 / 1、… / 2、…);
5. the figures alone, last: a row whose following rows add up to it in every column they fill
   (blank cells of a part are unknown, not 0), bottom-up so that the smallest grouping wins.
Rows whose label starts with “其中” are parts of the row above (a list that may be partial), never
siblings of it; a 小计 heads (or closes) the rows of its group. Each group says how it was found
and whether the labels alone make it certain: the rules hold a parent to the sum of its parts only
as far as the evidence goes (table rules in checks/rules/tables.py).
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import regex

from checks.intervals import Interval

if TYPE_CHECKING:
    from checks.tableview import TableView

How = Literal["code", "indent", "name", "number", "subtotal", "sub", "sum"]

MAX_INFERRED_ROWS = 400  # reading a hierarchy from the figures is quadratic; long flat lists need none

_MARKERS = (
    ("一、", regex.compile(r"^([一二三四五六七八九十]{1,3})[、.．]")),
    ("（一）", regex.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("1、", regex.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))")),
    ("（1）", regex.compile(r"^[（(](\d{1,2})[）)]")),
    ("①", regex.compile(r"^([①-⑳])")),
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_OTHER_ITEM = regex.compile(r"^其他.+(?:支出|事务)$")


@dataclass
class Group:
    """A parent row and the rows that add up to it."""

    parent: int
    children: list[int]
    how: How
    certain: bool = True  # the labels say which rows are the parts (not only the figures)
    exhaustive: bool = True  # False: a “其中” list that may leave parts out


@dataclass
class RowTree:
    groups: dict[int, Group] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    parts: set[int] = field(default_factory=set)  # rows listed under “其中”
    unclear: set[int] = field(default_factory=set)  # rows whose place the table does not make plain

    def add(self, group: Group) -> None:
        if not group.children:
            return
        self.groups[group.parent] = group
        for k in group.children:
            self.parent[k] = group.parent
        if group.how == "sub":
            self.parts.update(group.children)

    def children(self, r: int) -> list[int]:
        group = self.groups.get(r)
        return list(group.children) if group else []

    def top(self, rows: Iterable[int], with_unclear: bool = False) -> list[int]:
        """The rows of `rows` that no other row of `rows` adds up (nor a “其中” part of any row)."""
        inside = set(rows)
        return [k for k in sorted(inside) if self.parent.get(k) not in inside and k not in self.parts
                and (with_unclear or k not in self.unclear)]

    def flat(self, rows: Iterable[int]) -> list[int]:
        """Every row of `rows` except “其中” parts: the reading with no hierarchy at all."""
        return [k for k in sorted(set(rows)) if k not in self.parts and k not in self.unclear]

    def inferred(self, rows: Iterable[int]) -> bool:
        """Does any grouping among `rows` rest on the figures rather than on the labels?"""
        inside = set(rows)
        return any(g.parent in inside and (not g.certain or g.how in ("sum", "number"))
                   for g in self.groups.values())

    def descendants(self, r: int) -> list[int]:
        out: list[int] = []
        for k in self.children(r):
            out += [k, *self.descendants(k)]
        return out


# ---- the names of the 政府收支分类科目 ------------------------------------------------------------

@dataclass(frozen=True)
class Lei:
    code: str
    scheme: str
    names: tuple[str, ...]
    kuan: frozenset[str]
    generic: bool  # a name (其他支出, 预备费) too common to mark a 类 on its own


def norm(name: str) -> str:
    """A name as the subject lists compare it: no spaces, ASCII brackets, no ordinal marker."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    for _, rx in _MARKERS:
        text = rx.sub("", text, count=1)
    return regex.sub(r"^[\[【]?[23]\d{2}(?:\d{2}){0,3}[\]】]?(?=\p{Han})", "", text)


@cache
def subjects() -> tuple[dict[str, Lei], frozenset[str]]:
    data = tomllib.loads((Path(__file__).parent / "data" / "expenditure_subjects.toml").read_text(encoding="utf-8"))
    lei: dict[str, Lei] = {}
    for entry in data["lei"]:
        names = tuple(norm(n) for n in entry["names"])
        item = Lei(entry["code"], entry.get("scheme", "function"), names, frozenset(norm(k) for k in entry["kuan"]),
                   generic=names[0] in ("其他支出", "预备费"))
        for n in names:
            lei[n] = item
    return lei, frozenset(norm(n) for n in data["xiang"]["names"])


# ---- building -------------------------------------------------------------------------------

def build(view: TableView) -> RowTree:
    tree = RowTree()
    segment: list[int] = []
    for r in view.rows:
        if view.is_header_like(r):
            _Segment(view, tree, segment).build()
            segment = []
        elif _has_figure(view, r):
            segment.append(r)
    _Segment(view, tree, segment).build()
    return tree


def _has_figure(view: TableView, r: int) -> bool:
    return any(view.figure(r, c) is not None for c in view.figure_cols())


def _subtotal(view: TableView, r: int) -> bool:
    from checks.tableview import SUBTOTAL

    return view.is_total(r) and bool(SUBTOTAL.search(view.label(r)))


class _Segment:
    """The rows between two heading rows: its 其中 lists, 小计 groups and regions."""

    def __init__(self, view: TableView, tree: RowTree, rows: list[int]) -> None:
        self.view, self.tree, self.rows = view, tree, rows

    def build(self) -> None:
        if not self.rows:
            return
        self._sub_items()
        rows = [r for r in self.rows if r not in self.tree.parts]
        subtotals = [r for r in rows if _subtotal(self.view, r)]
        grouped: set[int] = set()
        if subtotals:
            first = rows.index(subtotals[0])
            leading = first == 0 or (self.view.is_total(rows[first - 1]) and not _subtotal(self.view, rows[first - 1]))
            for s in subtotals:
                i = rows.index(s)
                step = rows[i + 1:] if leading else list(reversed(rows[:i]))
                members = []
                for k in step:
                    if self.view.is_total(k):
                        break
                    members.append(k)
                members.sort()
                if leading:
                    members = self._own_items(s, members, rows)
                grouped.update(members)
                roots = _Region(self.view, self.tree, members).build()
                self.tree.add(Group(s, roots, "subtotal"))
        region: list[int] = []
        for r in rows:
            if self.view.is_total(r) or r in grouped:
                _Region(self.view, self.tree, region).build()
                region = []
            else:
                region.append(r)
        _Region(self.view, self.tree, region).build()

    def _own_items(self, s: int, members: list[int], rows: list[int]) -> list[int]:
        """The rows an opening 小计 adds up, when the run under it goes on past its items: “小计 30 /
        办公费 10 / 印刷费 20 / 水费 5 / 合计 35” — the first rows that add up to it, when the rest add up
        with it to the total that closes the run; all of them otherwise (their sum is then wrong)."""
        view = self.view
        at = rows.index(members[-1]) + 1 if members else len(rows)
        closing = rows[at] if at < len(rows) and view.is_total(rows[at]) and not _subtotal(view, rows[at]) else None
        cols = [c for c in _columns(view, s) if view.figure(s, c) is not None]
        if closing is None or not cols:
            return members
        n = _longest_footing(view, s, members, cols)
        if 0 < n < len(members) and relation(view, closing, [s, *members[n:]]) == "foot":
            return members[:n]
        return members

    def _sub_items(self) -> None:
        from checks.tableview import OTHER, SUB_ITEMS

        view, rows = self.view, self.rows
        for i, r in enumerate(rows):
            if i == 0 or not SUB_ITEMS.match(view.label(r)) or r in self.tree.parts:
                continue
            parent = next((k for k in reversed(rows[:i]) if k not in self.tree.parts), None)
            if parent is None:
                continue
            cols = [c for c in _columns(view, parent) if view.figure(parent, c) is not None]
            if not cols:
                continue
            own = _marker(SUB_ITEMS.sub("", "".join(view.label(r).split())))
            run = []
            blank = _left_blank(view, parent, r)
            bounded = False  # the table itself shows where the parts end
            for k in rows[i:]:
                if view.is_total(k) or not any(view.figure(k, c) is not None for c in cols):
                    break
                if k != r and (_outdented(view, r, k) or any(view.figure(k, c) is not None for c in blank)):
                    bounded = True  # back at the parent's level, or filling the 占比 the parts leave blank: a sibling
                    break
                mark = _row_marker(view, k) if k != r else None
                if mark is not None and (own is None or mark[0] != own[0]):
                    break  # a numbered row is the next item of a list, not a part listed under 其中
                run.append(k)
            longest = _longest_footing(view, parent, run, cols)
            if longest:  # the longest prefix that adds up in every column is the list
                self.tree.add(Group(parent, run[:longest], "sub"))
            elif len(run) >= 2 and _foots_somewhere(view, parent, run, cols):
                # 其中：中央… / 省级… / 县级… add up exactly in 年初预算 and 全年预算: they are the whole, and
                # a column where they do not add up has a wrong figure
                self.tree.add(Group(parent, run, "sub"))
            elif run:
                others = [j for j, k in enumerate(run) if OTHER.match(view.label(k))]
                if others:  # an “其他” row closes the list
                    self.tree.add(Group(parent, run[:others[-1] + 1], "sub"))
                elif bounded:  # the rows up to the next sibling are the parts listed, some of them
                    self.tree.add(Group(parent, run, "sub", exhaustive=False))
                else:  # where an unfinished list ends is not written down: only its first item is surely in it
                    self.tree.add(Group(parent, run[:1], "sub", exhaustive=False))
                    self.tree.unclear.update(run[1:])


class _Region:
    """Rows without totals, 小计 or “其中” parts: one hierarchy, read from the best evidence there is."""

    def __init__(self, view: TableView, tree: RowTree, rows: list[int]) -> None:
        self.view, self.tree, self.rows = view, tree, rows

    def build(self) -> list[int]:
        """Record the groups; return the top rows."""
        rows = self.rows
        if len(rows) < 2:
            return list(rows)
        readings: list[tuple[list[Group], list[int]]] = []
        for method in (self._by_code, self._by_indent, self._by_name, self._by_number):
            levels = method()
            if levels is not None:
                readings.append(self._stack(*levels))
                if levels[1] == "code":
                    break  # codes are certain
        if not readings:
            return self._by_sum(rows)
        # where two kinds of evidence disagree (项 rows indented under some 款 and not under others,
        # though their names say they are 项), the reading whose parents add up wins; ties: the order above
        groups, roots = min(readings, key=lambda reading: sum(1 for g in reading[0]
                                                              if relation(self.view, g.parent, g.children) != "foot"))
        for group in groups:
            self.tree.add(group)
        return roots

    # -- evidence from the labels

    def _by_code(self) -> tuple[dict[int, int], How, set[int]] | None:
        codes = {r: c for r in self.rows if (c := self.view.code(r))}
        if len(codes) < 2 or 2 * len(codes) < len(self.rows):
            return None
        uncoded = [r for r in self.rows if r not in codes]
        self.tree.unclear.update(uncoded)  # some rows coded, some not: where the others belong is not written
        stack: list[int] = []
        levels = {}
        for r in self.rows:
            if r not in codes:
                levels[r] = len(stack) + 1  # under the coded row above, as the reader sees it
                continue
            while stack and not (codes[r].startswith(codes[stack[-1]]) and len(codes[r]) > len(codes[stack[-1]])):
                stack.pop()
            stack.append(r)
            levels[r] = len(stack)
        return levels, "code", set(codes)

    def _by_indent(self) -> tuple[dict[int, int], How, set[int]] | None:
        indents = {r: self.view.indent(r) for r in self.rows}
        values = sorted({i for i in indents.values() if i is not None})
        if len(values) < 2 or sum(1 for i in indents.values() if i is not None and i > values[0]) < 2:
            return None
        rank = {v: k for k, v in enumerate(values)}
        levels = {r: rank[i] if i is not None else len(values) for r, i in indents.items()}
        return levels, "indent", {r for r, i in indents.items() if i is not None}

    def _by_name(self) -> tuple[dict[int, int], How, set[int]] | None:
        names = {r: norm(self.view.label(r)) for r in self.rows}
        start = self._named_heads(names) or self._named_kuan(names)
        if start is None:
            return None
        heads, lei = start
        _, xiang_names = subjects()
        has_xiang = (lei or next(iter(heads.values()))).scheme == "function"
        levels: dict[int, int] = {}
        known: set[int] = set()
        head: int | None = None  # the current 类 row
        kuan: int | None = None
        head_rows: list[int] = []  # the 款 under the current 类 so far
        kuan_rows: list[int] = []  # the 项 under the current 款 so far
        for i, r in enumerate(self.rows):
            name, before = names[r], self.rows[i - 1] if i else None
            if r in heads:
                levels[r], lei, head, kuan, head_rows, kuan_rows = 1, heads[r], r, None, [], []
                known.add(r)
                continue
            if lei is None:
                return None  # a row above the first 类 that no name places: the names do not explain the table
            if name in lei.kuan and not (has_xiang and before is not None and before == kuan and names[before] == name):
                level = 2
                known.add(r)
            elif has_xiang and (name in xiang_names or (_OTHER_ITEM.match(name) and name not in lei.kuan) or (
                    before is not None and before == kuan and names[before] == name)):
                level = 3  # a 项 (a 款 with a single 项 often repeats its own name)
                known.add(r)
            elif not has_xiang or kuan is None or _complete(self.view, kuan, kuan_rows, r):
                level = 2  # an unlisted 款: the 款 above is complete without it
                if head is not None and _complete(self.view, head, head_rows, r):
                    return None  # … and so is the 类: a row outside it that no name places
            else:
                level = 3
            levels[r] = level
            if level == 2:
                kuan, kuan_rows = r, []
                head_rows.append(r)
            else:
                kuan_rows.append(r)
        return levels, "name", known

    def _named_heads(self, names: dict[int, str]) -> tuple[dict[int, Lei], None] | None:
        """Rows named like a 类: two of them, or one followed by one of its 款."""
        lei_names, _ = subjects()
        heads = {r: lei_names[n] for r, n in names.items() if n in lei_names}
        if not heads or len({lei.scheme for lei in heads.values()}) != 1:
            return None
        plain = [r for r, lei in heads.items() if not lei.generic]
        followed = any(i + 1 < len(self.rows) and names[self.rows[i + 1]] in heads[r].kuan
                       for i, r in enumerate(self.rows) if r in heads)
        return (heads, None) if len(plain) >= 2 or followed else None

    def _named_kuan(self, names: dict[int, str]) -> tuple[dict[int, Lei], Lei] | None:
        """No 类 row, but most rows named like the 款 of one 类 (a 商品和服务支出 breakdown)."""
        lei_names, _ = subjects()
        best: tuple[int, Lei] | None = None
        for lei in {id(v): v for v in lei_names.values()}.values():
            count = sum(1 for n in names.values() if n in lei.kuan)
            if count >= 2 and (best is None or count > best[0]):
                best = (count, lei)
        if best is None or 2 * best[0] < len(names):
            return None
        return {}, best[1]

    def _by_number(self) -> tuple[dict[int, int], How, set[int]] | None:
        marks = {r: _row_marker(self.view, r) for r in self.rows}
        styles: list[str] = []
        for m in marks.values():
            if m is not None and m[0] not in styles:
                styles.append(m[0])
        lists = [s for s in styles if _numbered_list([m[1] for m in marks.values() if m is not None and m[0] == s])]
        if not lists:
            return None
        unmarked = 0 if marks[self.rows[0]] is None else len(styles) + 1
        levels = {r: styles.index(m[0]) + 1 if m is not None else unmarked for r, m in marks.items()}
        return levels, "number", set()

    def _stack(self, levels: dict[int, int], how: How, known: set[int]) -> tuple[list[Group], list[int]]:
        roots: list[int] = []
        stack: list[int] = []
        children: dict[int, list[int]] = {}
        for r in self.rows:
            while stack and levels[stack[-1]] >= levels[r]:
                stack.pop()
            if stack:
                children.setdefault(stack[-1], []).append(r)
            else:
                roots.append(r)
            stack.append(r)
        groups = []
        for parent, kids in children.items():
            certain = how in ("code", "indent", "name") and parent in known and all(k in known for k in kids)
            groups.append(Group(parent, kids, how, certain=certain))
        return groups, roots

    # -- evidence from the figures

    def _by_sum(self, rows: list[int]) -> list[int]:
        """Bottom-up: a row is the parent of the fewest following top rows that add up to it."""
        if len(rows) > MAX_INFERRED_ROWS:
            return list(rows)
        roots: list[int] = []
        for r in reversed(rows):
            parts = _Parts(self.view, r)
            for n in range(1, len(roots) + 1):
                parts.add(roots[n - 1])
                verdict = parts.verdict()
                if verdict == "foot":
                    self.tree.add(Group(r, roots[:n], "sum", certain=False))
                    roots = roots[n:]
                    break
                if verdict == "over":
                    break
            roots.insert(0, r)
        return roots


def _left_blank(view: TableView, parent: int, first: int) -> list[int]:
    """The figure columns the parent fills and its first “其中” part leaves blank (占比, 增减率)."""
    def empty(c: int) -> bool:  # nothing written at all (a “—” says “none”, and is a value)
        cell = view.grid[first][c]
        return cell is None or not cell.text.strip()

    return [c for c in view.figure_cols() if view.figure(parent, c) is not None and view.figure(first, c) is None
            and empty(c)]


def _outdented(view: TableView, first: int, row: int) -> bool:
    """Is `row` indented less than the first “其中” part (the parts are indented, the next item not)?"""
    a, b = view.indent(first), view.indent(row)
    return a is not None and b is not None and b < a


def _row_marker(view: TableView, r: int) -> tuple[str, int] | None:
    """The ordinal marker of the row's name: the first marked text cell before its figures
    (经费控制情况 | 2、出国经费 | 0.00; 一、产出指标 | 计量单位 | …)."""
    for cell in view.grid[r]:
        if cell is None or not cell.text.strip():
            continue
        if view.figure(r, cell.col) is not None:
            return None
        mark = _marker(cell.text)
        if mark is not None:
            return mark
    return None


def _marker(label: str) -> tuple[str, int] | None:
    text = "".join(label.split())
    for style, rx in _MARKERS:
        m = rx.match(text)
        if m:
            token = m.group(1)
            if style == "①":
                return style, ord(token) - ord("①") + 1
            if token.isdigit():
                return style, int(token)
            value = 0
            for ch in token:  # 一 … 九十九
                value = value * 10 if ch == "十" else value + _CN_DIGITS.get(ch, 0)
                if ch == "十" and value == 0:
                    value = 10
            return style, value
    return None


def _numbered_list(values: list[int]) -> bool:
    """1, 2, … at least twice in order (a list may restart under each parent)."""
    return len(values) >= 2 and values[0] == 1 and any(b == a + 1 for a, b in zip(values, values[1:], strict=False))


# ---- the arithmetic shared by the builders and the rules ------------------------------------------

def _columns(view: TableView, parent: int) -> list[int]:
    out = []
    for c in view.figure_cols():
        f = view.figure(parent, c)
        if view.additive(c, parent) and (f is None or f.quantity.kind not in ("percent", "permille")):
            out.append(c)
    return out


def _longest_footing(view: TableView, parent: int, run: list[int], cols: list[int]) -> int:
    """The length of the longest prefix of `run` that adds up to `parent` in every column (a blank
    counts as 0 once some row of the prefix has a figure; a column with text in it is not read)."""
    totals = {c: Interval.exact(0) for c in cols}
    seen: set[int] = set()
    unread: set[int] = set()
    longest = 0
    for n, k in enumerate(run, start=1):
        for c in cols:
            f = view.figure(k, c)
            if f is not None:
                totals[c] = totals[c] + f.interval
                seen.add(c)
            elif view.origin(k, c) is not None and not view.is_blank(k, c):
                unread.add(c)
        if all(c not in seen or c in unread or totals[c].overlaps(view.figure(parent, c).interval)  # type: ignore[union-attr]
               for c in cols):
            longest = n
    return longest


def _foots_somewhere(view: TableView, parent: int, run: list[int], cols: list[int]) -> bool:
    """Does the whole run add up exactly to `parent` in some column where every row of it has a
    figure and the parent's is not 0?"""
    for c in cols:
        own = view.figure(parent, c)
        figures = [view.figure(k, c) for k in run]
        if own is None or own.value == 0 or any(f is None for f in figures):
            continue
        total = Interval.exact(0)
        for f in figures:
            total = total + f.interval  # type: ignore[union-attr]
        if total.overlaps(own.interval):
            return True
    return False


def _complete(view: TableView, parent: int, kids: list[int], row: int) -> bool:
    """Do `kids` already add up to `parent`, so that `row` cannot be one more of its parts?"""
    return bool(kids) and relation(view, parent, kids) == "foot" and relation(view, parent, [*kids, row]) != "foot"


def relation(view: TableView, parent: int, kids: list[int]) -> str:
    """How `kids` stand to `parent` (see `_Parts.verdict`)."""
    parts = _Parts(view, parent)
    for k in kids:
        parts.add(k)
    return parts.verdict()


@dataclass
class _Column:
    col: int
    own: Interval | None
    own_blank: bool
    own_zero: bool
    total: Interval = field(default_factory=lambda: Interval.exact(0))
    known: int = 0
    nonzero: bool = False
    negative: bool = False


class _Parts:
    """The running sums of a candidate parent's parts, column by column (so that trying one more
    part costs one addition per column)."""

    def __init__(self, view: TableView, parent: int) -> None:
        self.view, self.count = view, 0
        self.columns = []
        for c in _columns(view, parent):
            own = view.figure(parent, c)
            self.columns.append(_Column(c, own.interval if own else None, own is None and view.is_blank(parent, c),
                                        own is not None and own.value == 0))

    def add(self, row: int) -> None:
        self.count += 1
        for col in self.columns:
            f = self.view.figure(row, col.col)
            if f is not None:
                col.total = col.total + f.interval
                col.known += 1
                col.nonzero = col.nonzero or f.value != 0
                col.negative = col.negative or f.value < 0

    def verdict(self) -> str:
        """'foot' when the parts add up to the parent in every column they all fill and in at least
        one that is not all zeros; 'over' when they already exceed it (more parts cannot help);
        'off' otherwise. A blank cell of a part is unknown, so that column can only be exceeded; a
        blank cell of the parent takes no part that is not 0."""
        footing = mismatch = False
        for col in self.columns:
            if col.own is None:
                if col.own_blank and col.nonzero:
                    return "over"
                continue
            if not col.known:
                continue
            if col.total.lo > col.own.hi and not col.negative:
                return "over"
            if col.known == self.count:
                if col.total.overlaps(col.own):
                    footing = footing or col.nonzero or not col.own_zero
                else:
                    mismatch = True
        return "foot" if footing and not mismatch else "off"
