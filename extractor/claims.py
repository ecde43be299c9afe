"""What a report *says*: every stated figure as one claim, read once and shared by every rule.

A claim is a figure with its context (as an XBRL fact has one): the subject it is a figure of
(`发放资金`), the qualifiers that decide what it may be compared with (year and period role, basis,
the project or part of the report it belongs to, and — for a generic name — the thing named just
before it, e.g. `医疗救助` for `医疗救助62人，发放资金13.1万元`), and its role: the total or an item
of an enumeration (其中/分别为/包括 lists, which run over ；up to the end of the sentence and are
split by measure, so people and money of one list are two parallel breakdowns), a formula's operand
or result (a formula may be named by a definition in the paragraph before), a change amount or
rate, a bound in a rule. Rules compare claims; none of them cuts a sentence again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

import regex
from pydantic import BaseModel, Field

from extractor.figures import document_quantities
from extractor.formula import find_chains
from extractor.labels import canonical, is_known, label_before
from extractor.model import Block, Document, LocatedQuantity
from extractor.outline import is_annex, is_part_title, numbering_of
from extractor.quantities import cn_to_decimal, scan
from extractor.segment import Sentence, inside_brackets, segment
from extractor.text import fold

Role = Literal["plain", "total", "item", "operand", "result", "change", "change_rate", "bound", "score", "per_head"]
Period = Literal["current", "prior", "other"]

_PEOPLE = {"人", "名", "位"}
_ANIMALS = {"头", "只", "羽", "匹", "尾"}  # heads of livestock: a total in 万头（只） adds 头, 只 and 羽
_PRIOR_WORD = regex.compile(r"(?:去年同期|上年同期|上一年度|上年度|上年|去年|同期)")
_CURRENT_WORD = regex.compile(r"(?:本年度|本年|今年|当年|本期)")
_PERIOD_ONLY = regex.compile(r"^(?:与|和|较|比)?(?:去年同期|上年同期|上一年度|上年度|上年|去年|同期)(?:数|相比)?$")
_PERIOD_LEAD = regex.compile(r"^(与|较|比|同)?(?:去年同期|上年同期|上一年度|上年度|上年|去年)")  # 与上年支出29,651.26万元相比
_VERSUS_PRIOR = regex.compile(r"(?:(?:较|比|与)(?:上年末|去年末|上年底|去年底|上年|去年|上年同期|去年同期|"
                            r"(?P<year>(?:19|20)\d{2})\s*年(?:度|末|底)?(?:同期)?)(?:相比)?的?"
                            r"|去年同期|上年同期)$")
# 比2023年的1,960批次多220批次 / 比上年多检定1,036台: after a comparison, 多/少 (and a verb) make a change
_MORE_THAN = regex.compile(r"(?:比|较)(?:[^，,。；;]|(?<=\d),(?=\d)){0,24}?(?P<dir>多|少)\p{Han}{0,4}$")
_VERSUS_YEAR = regex.compile(r"(?:比|较|与|同)\s*$")  # 比2023年…: the year compared with, not the sentence's own
# a paragraph that opens with a project's name (小型水库除险加固项目全年预算…) speaks of that project
_OPENING_PROJECT = regex.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?(?P<name>\p{Han}{2,24}?(?:项目|工程))")
_BASIS = [("年初预算", "年初预算"), ("调整后预算", "调整预算"), ("调整预算", "调整预算"), ("全年预算", "调整预算"),
          ("预算", "预算"), ("决算", "决算"), ("实际", "实际"), ("执行", "实际"), ("计划", "计划"), ("目标", "目标")]
_ENTITY = regex.compile(r"项目|专项|工程")
_TARGET_LEAD = regex.compile(r"(?:绩效目标|年度目标|工作目标|目标任务|计划)\s*[:：为是]")
_PER_HEAD = regex.compile(r"人均|每人|生均|户均|每户|每名|按每人|每生|每件|每次|单价|平均每|每场|场均|次均|每个|每项|每台|每所|每村|每亩")
_PER_AFTER = regex.compile(r"\s*[/／]\s*(?:人次|人|名|生|户|亩|所|家|台|件|场|次)")  # 720元/生·年: an amount per pupil
_RULE_WORD = regex.compile(r"计\s*$|扣\s*$|得\s*$|加\s*$|减\s*$")
# 分区看：/ 按类别分：— a breakdown by one dimension, opened with a colon, of the totals just stated
_BY_DIMENSION = regex.compile(r"(?:分|按)(?:区域|地区|片区|辖区|区县|区|乡镇|镇街|街道|社区|类别|类型|行业|用途|来源|级次|层级|渠道|"
                              r"性质|群体|人群|对象)(?:看|分|划分|统计|计)?[:：]")
_BY_WHAT = regex.compile(r"[，,]?\s*按[\p{Han}]{1,8}?(?:划分|分)?\s*")  # 共5,864人，按学校类型分别为：…
_TRIGGER = regex.compile(r"其中[:：，,]?|分别为[:：]?|分别是[:：]?|包括[:：]?|" + _BY_DIMENSION.pattern)
_X_ZHONG = regex.compile(r"(?:^|(?<=[，,。；;]))(?P<label>[\p{Han}“”\"]{2,14}?)中[，,]?(?=[\p{Han}“”])")
_STOP = regex.compile(r"另(?:有|外|为|对|向|给|安排|发放|拨付)|此外|还有|以及其他|除此")
_PARTIAL = regex.compile(r"等|主要|部分|重点")
_COMPLETE = regex.compile(r"由.{1,20}(?:组成|构成)")
_REST_UNSTATED = regex.compile(r"^[，,、；;]?\s*(?:其余|其他|其它|剩余|余下|余额)(?:部分|资金|经费)?(?:为|是|用于|系|主要|均)")
_OTHER = regex.compile(r"^(?:其他|其它|其余|剩余)")
_LAST_ITEM = regex.compile(r"^[、，,\s]*(?:以及|和|及|与)")
_COUNT_AFTER = regex.compile(rf"^[、，,和及]?\s*(?:等)?\s*(?P<n>\d+|[{'一二三四五六七八九十两'}]+)\s*(?:项|类|个方面|部分|种)")
_TITLE_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年度?")
_YEAR_RANGE = regex.compile(r"(?:19|20)\d{2}\D{0,3}(?:至|到|-|—|~)\D{0,2}(?:19|20)\d{2}")


class Qualifiers(BaseModel):
    year: int | None = Field(None, description="the year the figure is of, written or inherited")
    year_from: Literal["clause", "sentence", "paragraph", "section", "period"] | None = None
    period: Period | None = Field(None, description="current/prior relative to the report's year")
    basis: str | None = Field(None, description="年初预算 / 调整预算 / 预算 / 决算 / 实际 / 计划 / 目标")
    entity: str = Field("", description="the project or part of the report (from the section headings)")
    scope: str = Field("", description="what a generic name is of: the subject named just before it")


class Claim(BaseModel):
    id: int
    subject: str
    key: str = Field(description="the subject made canonical (synonyms), for matching")
    measure: str = Field(description="the base unit, people counted in 人/名/位 as one")
    kind: str
    value: Decimal
    unit: str | None = None
    decimals: int | None = None
    text: str
    approximate: bool = False
    comparison: str | None = None
    direction: str | None = None
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    role: Role = "plain"
    enumeration: int | None = None
    item: int | None = Field(None, description="position in its enumeration, from 0")
    formula: int | None = None
    block: int
    start: int
    end: int
    row: int | None = None
    col: int | None = None
    page: int | None = None
    section: str = ""
    sentence: tuple[int, int] | None = None
    group: tuple[int, int] | None = Field(None, description="the clause group (cut at ；) holding the figure")
    quantity: LocatedQuantity = Field(exclude=True, repr=False)


class Enumeration(BaseModel):
    id: int
    block: int
    trigger: str
    measure: str
    total: int | None = Field(None, description="the claim the items add up to")
    candidates: list[int] = Field(default_factory=list, description="every claim the list may break down")
    items: list[int] = Field(default_factory=list)
    complete: bool = Field(False, description="declared complete: 分别为, an 其他 item, 由…组成, a stated count")
    partial: bool = Field(False, description="declared partial: 等, 主要, 部分, 重点, 包括 without a count")
    stated_count: int | None = None
    start: int
    end: int


class Formula(BaseModel):
    id: int
    block: int
    name: str
    named_from: int | None = Field(None, description="block of the definition that gave the name")
    start: int
    end: int
    text: str
    result: int | None = None
    operands: list[int] = Field(default_factory=list)


class Claims(BaseModel):
    report_year: int | None = None
    claims: list[Claim] = Field(default_factory=list)
    enumerations: list[Enumeration] = Field(default_factory=list)
    formulas: list[Formula] = Field(default_factory=list)

    def in_block(self, block: int) -> list[Claim]:
        return [c for c in self.claims if c.block == block]

    def prose(self) -> Iterator[Claim]:
        return (c for c in self.claims if c.row is None)


def measure_of(q: LocatedQuantity) -> str:
    base = q.base_unit or ""
    return "人" if base in _PEOPLE else "头" if base in _ANIMALS else base


def read_claims(doc: Document, quantities: list[LocatedQuantity] | None = None) -> Claims:
    """Every figure of `doc` as a claim (paragraphs, headings and table cells)."""
    quantities = document_quantities(doc) if quantities is None else quantities
    by_block: dict[int, list[LocatedQuantity]] = {}
    for q in quantities:
        by_block.setdefault(q.location.block, []).append(q)
    out = Claims(report_year=_report_year(doc))
    previous: Block | None = None
    for block in doc.blocks:
        figures = by_block.get(block.index, [])
        if block.table is not None:
            _table_claims(out, block, figures)
        elif block.text:
            _ProseReader(out, block, figures, previous).read()
            previous = block
    return out


def _report_year(doc: Document) -> int | None:
    """The year the report evaluates: the year of its title (2017年度…报告), else the most common."""
    for block in doc.blocks[:6]:
        if block.kind != "table" and (m := _TITLE_YEAR.search(block.text)) and regex.search("报告|自评|评价", block.text):
            return int(m.group(1))
    years = Counter(int(m.group(1)) for b in doc.blocks if b.kind != "table" for m in _TITLE_YEAR.finditer(b.text))
    if not years:
        return None
    ranked = years.most_common(2)
    if ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None  # no title and no clear majority: the report's year is not known
    return ranked[0][0]


def _entity(section: str) -> str:
    """The headings of the section path that name a project or part (项目/专项/工程), joined: a
    figure under one project is not a figure of another, nor of the whole department."""
    titles = section.split(" › ")
    return " › ".join(t.strip() for i, t in enumerate(titles) if _ENTITY.search(t) or (i == 0 and is_part_title(t) and not is_annex(t)))


_GENERIC_BEFORE = regex.compile(r"(?:19|20)\d{2}年度?|本|该|各|全部|主要|重点|部门|单位|年度|整体|基本|其他|所有|相关")


def names_project(title: str) -> bool:
    """Does a heading name a project (（二）高标准农田建设项目), not only speak of projects in general
    (一、项目基本情况, 三、专项资金使用情况, （一）重点项目实施情况)?"""
    num = numbering_of(title)
    rest = num.rest if num is not None else title
    m = _ENTITY.search(rest)
    if m is None:
        return False
    before = _GENERIC_BEFORE.sub("", rest[:m.start()])
    return len(regex.findall(r"\p{Han}", before)) >= 2


def same_entity(a: str, b: str) -> bool:
    """The same project or part: equal, or one heading path inside the other (the project's own
    subsections); the department level ("") matches only itself."""
    if not a or not b:
        return a == b
    return a == b or a.startswith(b + " › ") or b.startswith(a + " › ")


def _section_year(section: str) -> int | None:
    years = [int(m.group(1)) for m in _TITLE_YEAR.finditer(section)]
    return years[-1] if years else None


def _table_claims(out: Claims, block: Block, figures: list[LocatedQuantity]) -> None:
    table = block.table
    assert table is not None
    grid = table.rows_text()
    for q in figures:
        row, col = q.location.row or 0, q.location.col or 0
        label = next((t for t in (grid[row][:col] if row < len(grid) else []) if t and not _has_digit(t)), "")
        header = " ".join(grid[r][col] for r in range(table.header_rows) if r < len(grid) and col < len(grid[r]))
        claim = _claim(out, q, "".join(label.split()), block)
        claim.qualifiers.scope = "".join(header.split())
        out.claims.append(claim)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _claim(out: Claims, q: LocatedQuantity, subject: str, block: Block) -> Claim:
    role: Role = "plain"
    if q.kind == "score":
        role = "score"
    elif q.comparison or q.kind == "range":
        role = "bound"
    elif q.direction:
        role = "change_rate" if q.kind in ("percent", "points") else "change"
    return Claim(
        id=len(out.claims), subject=subject, key=canonical(subject), measure=measure_of(q), kind=q.kind,
        value=q.value, unit=q.unit, decimals=q.decimals, text=q.text, approximate=q.approximate,
        comparison=q.comparison, direction=q.direction, role=role, block=block.index, start=q.start, end=q.end,
        row=q.location.row, col=q.location.col, page=q.location.page, section=block.section,
        qualifiers=Qualifiers(entity=_entity(block.section)), quantity=q,
    )


class _ProseReader:
    """Claims of one paragraph: subjects and qualifiers, then formulas, then enumerations."""

    def __init__(self, out: Claims, block: Block, figures: list[LocatedQuantity], previous: Block | None) -> None:
        self.out, self.block, self.text, self.previous = out, block, block.text, previous
        self.figures = sorted(figures, key=lambda q: q.start)
        self.sentences = segment(self.text, [(q.start, q.end) for q in self.figures])
        self.markers = [m for m in scan(self.text)[1] if m.kind in ("year", "date")]
        self.claims: list[Claim] = []
        self.period_named: set[int] = set()  # claims whose whole name was a period (去年同期)

    def read(self) -> None:
        for sentence in self.sentences:
            inside = [q for q in self.figures if sentence.start <= q.start < sentence.end]
            made: list[Claim] = []
            for q in inside:
                made.append(self._make(sentence, q, len(self.out.claims) + len(self.claims) + len(made)))
            self._inherit(sentence, made)
            self._respective_years(sentence, made)
            self.claims.extend(made)
        self._opening_project()
        self.out.claims.extend(self.claims)
        self._formulas()
        for sentence in self.sentences:
            self._enumerations(sentence)
        self._partitions()

    def _opening_project(self) -> None:
        """A paragraph that opens with a project's own name is about that project: its figures are
        that project's (执行率 of 小型水库除险加固项目 is not 执行率 of 中小河流治理工程)."""
        m = _OPENING_PROJECT.match(self.text)
        if m is None or not names_project(m["name"]):
            return
        for claim in self.claims:
            entity = claim.qualifiers.entity
            if not entity.endswith(m["name"]):
                claim.qualifiers.entity = f"{entity} › {m['name']}" if entity else m["name"]

    # --- one claim -----------------------------------------------------------------------------
    def _make(self, sentence: Sentence, q: LocatedQuantity, id_: int) -> Claim:
        clause = sentence.clause_of(q.start)
        floor = max([clause.start] + [f.end for f in self.figures if f.end <= q.start])
        subject = label_before(self.text, q.start, floor) if not inside_brackets(self.text, q.start) else ""
        claim = _claim(self.out, q, subject, self.block)
        claim.id = id_
        claim.sentence = (sentence.start, sentence.end)
        group = sentence.group_of(q.start)
        claim.group = (group.start, group.end)
        before = fold(self.text[max(clause.start, q.start - 8):q.start])
        if claim.role == "plain" and (_PER_HEAD.search(before) or "/" in (q.unit or "")
                                      or _PER_AFTER.match(self.text, q.end)):
            claim.role = "per_head"
        if claim.role == "plain" and _RULE_WORD.search(before[-3:]) and q.kind == "score":
            claim.role = "score"
        more = _MORE_THAN.search(fold(self.text[clause.start:q.start])) if claim.role == "plain" else None
        if more and q.kind in ("amount", "count"):
            claim.role, claim.direction = "change", "increase" if more["dir"] == "多" else "decrease"
        self._qualify(sentence, clause.start, claim)
        if more and claim.role == "change" and self.out.report_year:  # a change is of this year, whatever 比 names
            claim.qualifiers.period, claim.qualifiers.year = "current", self.out.report_year
            claim.qualifiers.year_from = "period"  # type: ignore[assignment]
        return claim

    def _qualify(self, sentence: Sentence, clause_start: int, claim: Claim) -> None:
        qual = claim.qualifiers
        subject, period = claim.subject, None
        if not is_known(subject):
            if (m := _PERIOD_LEAD.match(subject)) and (claim.role not in ("change", "change_rate") or not m.group(1)):
                period, subject = "prior", subject[m.end():]  # not 比上年增加36.48万元: a change, not a figure
            if m := _VERSUS_PRIOR.search(subject):  # 支出总计较上年3,968.42万元: the prior year's figure
                period, subject = "prior", subject[:m.start()]
                ry = self.out.report_year
                if m.group("year") and ry and int(m.group("year")) != ry - 1:  # 较2021年的…: another year's
                    period = "other" if int(m.group("year")) != ry else None
        if subject != claim.subject:
            if not subject:
                self.period_named.add(claim.id)
            claim.subject, claim.key = subject, canonical(subject)
        head = self.text[clause_start:claim.start].replace(claim.subject, "")
        if period is None and not claim.direction and _PRIOR_WORD.search(head):
            period = "prior"
        elif period is None and _CURRENT_WORD.search(head):
            period = "current"
        qual.basis = next((name for word, name in _BASIS if word in claim.subject), None)
        if qual.basis is None and _TARGET_LEAD.search(self.text, sentence.start, clause_start):
            qual.basis = "目标"  # 设定绩效目标：…新建服务站12个: a target, not what was done
        year, source = self._year(sentence, clause_start, claim.start)
        ry = self.out.report_year
        if period is not None:
            qual.period, qual.year_from = period, "period"  # type: ignore[assignment]
            qual.year = (ry if period == "current" else ry - 1 if period == "prior" else year) if ry else None
        elif year is not None:
            qual.year, qual.year_from = year, source  # type: ignore[assignment]
            if ry:
                qual.period = "current" if year == ry else "prior" if year == ry - 1 else "other"

    def _year(self, sentence: Sentence, clause_start: int, pos: int) -> tuple[int | None, str | None]:
        def last_year(lo: int, hi: int, compared: bool = True) -> int | None:
            if _YEAR_RANGE.search(self.text, lo, hi):
                return None  # 2020年至2022年…分别为: a series, not one year
            own = inside_brackets(self.text, pos, lo)
            found = [m for m in self.markers if lo <= m.start and m.end <= hi  # （含2024年转列…）: an aside
                     and (own or not inside_brackets(self.text, m.start, lo))
                     and (compared or not _VERSUS_YEAR.search(self.text, max(lo, m.start - 2), m.start))]
            if not found:
                return None
            y = regex.match(r"\s*((?:19|20)\d{2})", found[-1].text)
            return int(y.group(1)) if y else None

        if (y := last_year(clause_start, pos)) is not None:
            return y, "clause"
        if _YEAR_RANGE.search(self.text, sentence.start, pos):
            return None, None
        if (y := last_year(sentence.start, pos, compared=False)) is not None:
            return y, "sentence"
        first = self.sentences[0]
        first_clause = first.clauses[0]
        if (y := last_year(first_clause.start, first_clause.end)) is not None and sentence.start >= first.start:
            return y, "paragraph"
        if (y := _section_year(self.block.section)) is not None:
            return y, "section"
        return None, None

    def _inherit(self, sentence: Sentence, made: list[Claim]) -> None:
        """A name that is only a period (去年同期7.75万元) takes the sentence's subject; a generic name
        is scoped by the subject named just before it in its clause group."""
        for i, claim in enumerate(made):
            if _PERIOD_ONLY.match(claim.subject) or (claim.qualifiers.period == "prior" and not claim.subject
                                                     and not claim.direction and claim.id in self.period_named):
                topic = next((c for c in made[:i] if c.measure == claim.measure and c.subject
                              and not _PERIOD_ONLY.match(c.subject) and c.role == "plain"), None)
                claim.qualifiers.period = "prior"
                claim.subject, claim.key = (topic.subject, topic.key) if topic else ("", "")
                if self.out.report_year and claim.qualifiers.year in (None, self.out.report_year):
                    claim.qualifiers.year, claim.qualifiers.year_from = self.out.report_year - 1, "period"
            group = sentence.group_of(claim.start)
            clause = sentence.clause_of(claim.start)
            before = [c for c in made[:i] if group.start <= c.start < clause.start and c.key and c.key != claim.key]
            if before:
                claim.qualifiers.scope = before[-1].key

    # --- formulas --------------------------------------------------------------------------------
    def _formulas(self) -> None:
        by_start = {c.start: c for c in self.claims}
        for chain in find_chains(self.text):
            name, named_from = chain.name, None
            if not name and self.text[:chain.start].strip(" \t=＝") == "" and self.previous is not None:
                definitions = find_chains(self.previous.text, definitions=True)
                if definitions and definitions[-1].name:
                    name, named_from = definitions[-1].name, self.previous.index
            formula = Formula(id=len(self.out.formulas), block=self.block.index, name=name, named_from=named_from,
                              start=chain.start, end=chain.end, text=self.text[chain.start:chain.end])
            last = chain.segments[-1]
            for claim in self.claims:
                if chain.start <= claim.start < chain.end:
                    claim.formula = formula.id
                    if last.is_single_number and last.start <= claim.start < last.end:
                        claim.role = "result"
                        if name:
                            claim.subject, claim.key = name, canonical(name)
                        formula.result = claim.id
                    elif claim.role in ("plain", "per_head"):
                        claim.role = "operand"
                        formula.operands.append(claim.id)
            if formula.result is None and last.is_single_number and last.start in by_start:
                formula.result = by_start[last.start].id
            self.out.formulas.append(formula)

    def _respective_years(self, sentence: Sentence, made: list[Claim]) -> None:
        """“2021年、2022年、2023年…分别为24.86亿元、31.05亿元、36.12亿元”: each figure is of its own year."""
        for years_m in _YEAR_LIST.finditer(self.text, sentence.start, sentence.end):
            years = [int(y) for y in regex.findall(r"(?:19|20)\d{2}", years_m.group(0))]
            marks = [m.end() for m in _RESPECTIVELY.finditer(self.text, years_m.end(), sentence.end)]
            for k, at in enumerate(marks):
                until = marks[k + 1] if k + 1 < len(marks) else sentence.end
                run = [c for c in made if at <= c.start < until and c.role not in ("change", "change_rate")]
                run = run[:len(years)]
                if len(run) != len(years) or len({c.measure for c in run}) != 1:
                    continue
                ry = self.out.report_year
                named = next((c for c in run if c.subject), None)
                for year, c in zip(years, run, strict=True):
                    if named is not None and (not c.subject or c is named):  # one name for the whole series
                        subject = named.subject.replace("分别", "")
                        c.subject, c.key = subject, canonical(subject)
                    c.qualifiers.year, c.qualifiers.year_from = year, "clause"
                    c.qualifiers.period = None if not ry else "current" if year == ry else "prior" if year == ry - 1 \
                        else "other"

    # --- partitions --------------------------------------------------------------------------------
    def _partitions(self) -> None:
        """“实施项目共14个。年初批复7个项目…；年中增加8个项目”: a count of things followed, in the same
        paragraph, by the counts of the same things on the two sides of one division (年初/年中,
        续建/新增, 已完成/未完成) — a breakdown without any list word, and a complete one."""
        listed = {i for e in self.out.enumerations for i in (*e.items, *e.candidates)}
        counts = [c for c in self.claims if c.kind == "count" and c.role in ("plain", "total", "change")
                  and not c.approximate
                  and not inside_brackets(self.text, c.start)]
        for k, total in enumerate(counts):
            if total.id in listed or total.role == "change" or not _ALL_OF.search(self.text[max(0, total.start - 3):total.start]):
                continue
            noun = _counted_noun(total.subject)
            if noun is None:
                continue
            sides: dict[tuple[int, int], Claim] = {}
            for c in counts[k + 1:]:
                if c.measure != total.measure or c.id in listed or not same_time(c.qualifiers, total.qualifiers):
                    continue
                named = c.subject.endswith(noun) or self.text[c.end:c.end + len(noun)] == noun
                side = _division_side(c.subject) if named else None
                if side is not None and side not in sides:
                    sides[side] = c
            for division in {d for d, _ in sides}:
                parts = [sides[(division, i)] for i in range(len(_DIVISIONS[division])) if (division, i) in sides]
                if len(parts) != len(_DIVISIONS[division]):
                    continue
                enum = Enumeration(id=len(self.out.enumerations), block=self.block.index, trigger="划分",
                                   measure=total.measure, total=total.id, candidates=[total.id],
                                   items=[c.id for c in parts], complete=True, start=total.start, end=parts[-1].end)
                self.out.enumerations.append(enum)
                for i, c in enumerate(parts):
                    c.role, c.enumeration, c.item = "item", enum.id, i
                total.role = "total"
                listed.update(enum.items)
                break

    # --- enumerations ----------------------------------------------------------------------------
    def _enumerations(self, sentence: Sentence) -> None:
        claims = [c for c in self.claims if sentence.start <= c.start < sentence.end]
        triggers = [(m.start(), m.end(), m.group(0)) for m in _TRIGGER.finditer(self.text, sentence.start, sentence.end)
                    if not inside_brackets(self.text, m.start(), sentence.start)]
        for m in _X_ZHONG.finditer(self.text, sentence.start, sentence.end):
            label = m["label"]
            if label.endswith("其") or "其中" in label:
                continue
            key = canonical(label)
            if any(c.key == key and c.row is None and (c.block, c.start) < (self.block.index, m.start())
                   for c in self.out.claims):  # 本年收入中…: breaks down the 本年收入 stated before
                triggers.append((m.start(), m.end(), label + "中"))
        triggers.sort()
        triggers = [t for k, t in enumerate(triggers)  # 其中A、B分别为…: one list, opened by 其中
                    if not (t[2].startswith("分别") and k and triggers[k - 1][2].startswith("其中")
                            and sentence.group_of(triggers[k - 1][0]) == sentence.group_of(t[0]))]
        skip_until = -1
        for k, (t_start, t_end, word) in enumerate(triggers):
            if t_start < skip_until:
                continue
            until = sentence.end
            if k + 1 < len(triggers):  # the group that holds the next list's trigger opens that list
                nxt = triggers[k + 1][0]
                group_start = sentence.group_of(nxt).start
                until = group_start if group_start > t_end else nxt
            if stop := _STOP.search(self.text, t_end, until):
                until = stop.start()
            respectively = regex.search("分别为|分别是", self.text[t_end:until])
            if word.startswith("其中") and respectively:
                skip_until = until
                names = regex.split(r"[、和及与]", self.text[t_end:t_end + respectively.start()])
                if sum(1 for n in names if n.strip()) < 2:
                    continue  # 其中项目支出分别为a、b和c: one name, a series by year, not a breakdown
                word = "其中…分别为"  # 其中在职人员、退休人员分别为113人、11人: a complete breakdown
            first_group = sentence.group_of(t_end)
            in_first = Counter(c.measure for c in claims if t_end <= c.start < min(first_group.end, until)
                               and c.role == "plain" and c.kind in ("amount", "count"))
            if in_first and max(in_first.values()) > 1:
                until = min(until, first_group.end)  # items listed with 、 in one group: the list ends there
            self._enumeration(sentence, claims, t_start, t_end, until, word)

    def _enumeration(self, sentence: Sentence, claims: list[Claim], t_start: int, t_end: int, until: int,
                     word: str) -> None:
        items: list[Claim] = []
        closed: set[str] = set()  # measures whose list ended with its last item joined by 和/及
        for c in claims:
            if not t_end <= c.start < until or inside_brackets(self.text, c.start, t_end):
                continue
            if c.role == "change_rate" or (c.qualifiers.period in ("prior", "other")
                                           and c.qualifiers.year_from in ("clause", "period")):
                break  # 去年同期… after the items: the list has ended
            if c.role == "plain" and c.kind in ("amount", "count") and not c.approximate and c.measure not in closed:
                if (last := next((x for x in reversed(items) if x.measure == c.measure), None)) is not None \
                        and _LAST_ITEM.match(regex.sub(r"[（(][^（()）]*[)）]", "", self.text[last.end:c.start])):
                    closed.add(c.measure)  # 包括A和B，全年预算C: B closes the list, C is a figure of its own
                items.append(c)
        stated_count = None
        if len(items) >= 3 and items[-1].measure in ("项", "类", "种", "部分") \
                and regex.fullmatch(r"[、，,和及等共\s]*", self.text[items[-2].end:items[-1].start]):
            stated_count = int(items.pop().value)  # 高温补贴…和节日慰问金10.5万元三项: the count of the list
        if not items:
            return
        if word.endswith("中") and not word.startswith("其中"):
            before = [c for c in self.out.claims if c.key == canonical(word[:-1]) and c.row is None
                      and (c.block < self.block.index or (c.block == self.block.index and c.start < t_start))]
            before = before[-1:]
        else:
            before = [c for c in claims if c.start < t_start]
            between = regex.sub(r"[（(][^（()）]{0,6}[)）]", "", self.text[before[-1].end:t_start]) if before else ""
            if word.startswith("分别") and before and regex.search(r"\p{Han}", between) \
                    and not _BY_WHAT.fullmatch(between):  # (…共5,864人，按学校类型分别为：… is its breakdown)
                return  # 县科协支出分别为a、b、c: a series, the figure before it is not its total
            if not before and (word.startswith("其中") or _BY_DIMENSION.match(word)) \
                    and not regex.sub(r"\s", "", self.text[sentence.start:t_start]):
                index = self.sentences.index(sentence)
                if index:
                    prev = self.sentences[index - 1]
                    before = [c for c in self.claims if prev.start <= c.start < prev.end]
        tail = self.text[items[-1].end:until]
        count_m = _COUNT_AFTER.match(tail.strip())
        for measure in dict.fromkeys(c.measure for c in items):
            parts = [c for c in items if c.measure == measure]
            candidates = [c for c in before if c.measure == measure and c.role in ("plain", "result", "total", "item")
                          and c.qualifiers.basis not in ("目标", "计划") and not c.approximate
                          and same_period(c.qualifiers.period, parts[0].qualifiers.period)]
            if not candidates:
                continue
            parts = _within(sentence, parts, candidates[-1])
            stated = stated_count if stated_count is not None else _count(count_m["n"]) if count_m else None
            enum = Enumeration(
                id=len(self.out.enumerations), block=self.block.index, trigger=word, measure=measure,
                total=candidates[-1].id, candidates=[c.id for c in candidates], items=[c.id for c in parts],
                stated_count=stated, start=t_start, end=until,
                complete=word.startswith("分别") or word.endswith("分别为") or any(_rest_of(c.subject, candidates[-1].subject) for c in parts)
                or bool(_COMPLETE.search(self.text, sentence.start, until)) or stated == len(parts),
                partial=bool(_PARTIAL.match(tail.strip("，,、 ")) and stated is None)
                or bool(_PARTIAL.search(self.text, t_end, parts[0].start))
                or (word.startswith("包括") and stated is None)
                or bool(_REST_UNSTATED.match(tail)),  # …，其余为民政管理事务类项目: the rest is not given
            )
            self.out.enumerations.append(enum)
            for i, c in enumerate(parts):
                c.role, c.enumeration, c.item = "item", enum.id, i
                c.qualifiers.basis = c.qualifiers.basis or candidates[-1].qualifiers.basis
            for c in candidates:
                if c.role == "plain":
                    c.role = "total"


_YEAR_LIST = regex.compile(r"(?:19|20)\d{2}\s*年度?(?:\s*[、和及与]\s*(?:19|20)\d{2}\s*年度?)+")
_RESPECTIVELY = regex.compile(r"分别(?:为|是|达到|达|实现)?")
_ALL_OF = regex.compile(r"共计?$|合计$|总计$|总数$|累计$")
# the two (or more) sides of one division of a set of things; a count on each side adds up to the whole
_DIVISIONS = (
    (regex.compile(r"年初"), regex.compile(r"年中|追加|新增|增加")),
    (regex.compile(r"续建|延续|结转"), regex.compile(r"新建|新增|新开工")),
    (regex.compile(r"(?<!未)完成|已完成|已验收"), regex.compile(r"未完成|在建|未验收|正在实施")),
)
_NOUNS = ("项目", "单位", "学校", "村", "户", "企业", "合同", "课题", "工程")


def _counted_noun(subject: str) -> str | None:
    """The things a total counts (实施项目 → 项目)."""
    return next((n for n in _NOUNS if subject.endswith(n)), None)


def _division_side(subject: str) -> tuple[int, int] | None:
    """Which side of which division a count's name puts it on (年初批复预算 → 年初)."""
    found = [(d, i) for d, sides in enumerate(_DIVISIONS) for i, rx in enumerate(sides) if rx.search(subject)]
    if len(found) != 1:
        return None  # no side, or a name on both (年初结转): not a side of a division
    return found[0]


def _within(sentence: Sentence, parts: list[Claim], total: Claim) -> list[Claim]:
    """A list runs on over ； only while its parts still fit in the total: “在职教职工3,126人，其中专任
    教师2,874人；退休人员1,642人” — the group after ； that makes the parts exceed the whole is a new
    statement, not one more part. Only an overshoot of more than a tenth of the whole is read so: a
    list that exceeds its total by less is a list with a wrong figure (and where the first group alone
    exceeds it, the list is wrong whatever the size)."""
    far = total.quantity.base_value * Decimal("1.1")  # a typo overshoots a little; a new statement by far
    groups = list(dict.fromkeys(sentence.group_of(c.start).start for c in parts))
    if len(groups) < 2 or sum(c.quantity.base_value for c in parts) <= far:
        return parts
    kept: list[Claim] = []
    for g in groups:
        more = [c for c in parts if sentence.group_of(c.start).start == g]
        if kept and sum(c.quantity.base_value for c in kept + more) > far:
            break
        kept += more
    return kept


def _rest_of(subject: str, whole: str) -> bool:
    """An item named as the rest of its whole (其他收入 of 本年收入, 其他 of 支出): 其他 with little or
    nothing after it, or with the whole's own head noun. 其他对个人和家庭的补助 among the items of 项目支出
    is one named line of a classification (the rest of 对个人和家庭的补助), not the rest of 项目支出."""
    m = _OTHER.match(subject)
    if m is None:
        return False
    rest = subject[m.end():]
    return len(rest) <= 4 or rest[-2:] in whole


def _count(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    value = cn_to_decimal(numeral)
    return int(value) if value is not None and value == value.to_integral_value() else None


def same_time(a: Qualifiers, b: Qualifiers) -> bool:
    """Figures of one period: compatible periods, equal years where both are known, and never 本年
    against a written year when the report's own year is unknown."""
    if not same_period(a.period, b.period) or (a.year and b.year and a.year != b.year):
        return False
    return not any(x.year_from == "period" and x.year is None and y.year is not None for x, y in ((a, b), (b, a)))


def same_period(a: str | None, b: str | None) -> bool:
    """Two periods that may be compared: equal, or one unstated and the other the report's own year."""
    return a == b or {a, b} <= {None, "current"}
