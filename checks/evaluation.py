"""The evaluation re-done: every indicator of the score table (and of the 10号 project table),
its value recomputed from the report's own inputs, its rule applied, its score compared.

This module only computes; the rules in checks/rules/evaluation.py turn it into findings, and
the writers print it as the evaluation table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from checks.context import Context
from checks.formula import EvalError, find_chains
from checks.formula import evaluate as evaluate_segment
from checks.indicators import (
    Definition,
    Fact,
    Formula,
    Recomputation,
    definition_in_name,
    definitions_in,
    is_flow_name,
    recompute_with,
)
from checks.indicators import find as find_indicator
from checks.intervals import Interval, in_base, round_half_up, stated
from checks.labels import canonical
from checks.quote import named
from checks.scoring import Score, ScoringRule, parse_rule
from checks.settings import current as current_settings
from checks.statements import Statement, statements
from checks.tableview import Figure, TableView
from extractor.claims import Claim, Qualifiers, names_project, read_claims, same_entity, same_time
from extractor.claims import _entity as entity_of_section
from extractor.labels import is_known, is_name
from extractor.model import Block, Document, LocatedQuantity
from extractor.quantities import parse_quantities, unit_info
from extractor.text import fold, squash

_NAME_HEADER = regex.compile(r"^(?:一级|二级|三级|四级)?指标(?:名称)?$|^(?:一级|二级|三级)$|^指标$|^评价指标$")
_WEIGHT_HEADER = regex.compile(r"分值|权重|满分|标准分")
_SCORE_HEADER = regex.compile(r"得分$|^自评得分|^指标得分|^评分$|得分[(（]")
_RULE_HEADER = regex.compile(r"评价标准|评分标准|评分规则|评分办法|计分方法|评分细则")
# where a score table states the indicator's value (扣分原因 explains a deduction: not a value)
_NOTE_HEADER = regex.compile(r"指标说明|评价说明|得分依据|^说明$|计算过程|指标实际值")
_TARGET_HEADER = regex.compile(r"指标值|目标值")
_ACTUAL_HEADER = regex.compile(r"完成值|实际值|完成情况")
_COEF_HEADER = regex.compile(r"得分系数|系数")
_RULE_IN_TEXT = regex.compile(r"(?:评分标准|评分规则|计分标准|评价标准|评分档次|评分档位)\s*[:：为]\s*(?P<rule>[^。]+)")
# where a rule quoted in the text gives way to the text's own verdict (……扣完为止，故本次……计4分)
_RULE_ENDS = regex.compile(r"[，,]\s*(?:故|因此|所以|综上|本项|该项|本次|本年|经核|经计算)")
# an award in the text: 计4分 / 得3分 / 得分为8分 (扣1分 is a deduction, not the points given)
_GIVEN = regex.compile(r"(?:计|得|得分为|评分为|得分)\s*$")
_COMPUTED_SCORE = regex.compile(r"得分\s*=[^，。；;=]*(?:=[^，。；;=]*)*=\s*$")  # 该项得分=（96.50/100）×8=7.72分
_AWARD_LEAD = regex.compile(r"^(?:故|因此|所以|综上|经评价|经核|则|即)?\s*(?:本次|本项|该项|本年度?)?")
_AWARD_TRAIL = regex.compile(r"(?:指标)?(?:一项|同样|亦|也|均|共)*$")
_APPLICABLE = regex.compile(r"适用")  # 适用分值: the weights that count after not-applicable ones are left out
_LABEL_WEIGHT = regex.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")  # 相关性(5分)
_BAND_BOUND = r"(?!\s*(?:[(（]\s*含\s*(?:\d+(?:\.\d+)?\s*分)?\s*[)）])?\s*(?:以上|以下|及以上|至|-|－|—|~|～))"  # 综合得分90分（含）以上为优: a band
# a bare 总分 is often the full mark (总分为100分，自评得分97.6分): an awarded total is preferred to it
_TOTAL_IN_TEXT = regex.compile(r"(?P<kw>自评得分|综合得分|综合评分|总得分|自评总分|绩效评价得分|评价总得分|总分)\s*(?:为|是|:|：)?\s*"
                               r"(?P<n>\d+(?:\.\d+)?)\s*分"
                               + _BAND_BOUND)
_FULL_MARKS_SET = regex.compile(r"指标体系[，,]?$|设置[^，,。]{0,8}[，,]?$|满分[，,]?$|采用百分制[，,]?$")
_GRADE_IN_TEXT = regex.compile(r"(?:评价等级|等级|等次|评级|评价结果|评定)\s*(?:为|是|:|：)?\s*[“\"「]?(?P<g>优秀|优|良好|良|中等|中|合格|及格|不合格|差)")
_GRADE_NAME = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "合格": "中", "及格": "中",
               "不合格": "差", "差": "差"}
# 90分（含）以上为优 / 90分（含90分）以上为优 / 90分及以上（含90分）为优
_INCLUDED = r"(?:[（(]\s*含\s*(?:\d+\s*分|本数)?\s*[)）])?"
_BANDS_IN_TEXT = regex.compile(rf"(?P<n>\d+)\s*分\s*{_INCLUDED}\s*(?:以上|及以上)\s*{_INCLUDED}\s*(?:为|评为)\s*[“\"]?(?P<g>优秀|优|良好|良|中等|中|合格|差)")
_DECIMALS = regex.compile(r"\.(\d+)")
_TIMES_BEFORE = regex.compile(r"[×*xX✕÷/]\s*$")
_NOT_APPLICABLE = regex.compile(r"不适用|不考核|不参与")
_RENORMALISE = regex.compile(r"不适用.{0,20}?(?:折算|换算)|按适用指标.{0,12}?(?:折算|换算)")
# the report says how a target not met is scored: 按完成值÷指标值×分值 / 按完成比例计分
_PROPORTIONAL = regex.compile(r"(?:完成值|完成数)\s*[÷/／]\s*(?:年度)?(?:指标值|目标值)|按(?:完成)?比例(?:计分|赋分|得分)")
_OWN_RULES = regex.compile(r"按\s*[“\"「][^”\"」]*?计\s*\d+(?:\.\d+)?\s*分[^”\"」]*[”\"」]\s*(?:评分|计分|打分|赋分)")
DEFAULT_BANDS = [(Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")]


@dataclass
class Row:
    """One indicator of the evaluation."""

    name: str
    block: Block | None = None  # the score table
    row: int | None = None
    weight: Figure | None = None
    score: Figure | None = None
    score_col: int | None = None
    rule: ScoringRule | None = None
    rule_col: int | None = None
    stated_value: Decimal | None = None  # percent
    stated_text: str = ""
    table_value: tuple[Decimal, str] | None = None  # the value as the score table's note states it
    narrative_value: tuple[Decimal, str] | None = None
    computed_in_formula: Interval | None = None  # what the report's own printed formula gives
    recomputed: Interval | None = None
    base: str = ""
    alternative_base: str = ""
    narrative: Block | None = None
    narrative_score: LocatedQuantity | None = None
    narrative_rule: str | None = None
    narrative_blocks: list[Block] = field(default_factory=list)  # the indicator's part of the text: its heading and body
    narrative_rule_block: Block | None = None
    narrative_scoring: ScoringRule | None = None  # the rule as the text states it
    narrative_score_block: Block | None = None
    target: str = ""
    actual: str = ""
    expected: Score | None = None  # for the score table's score (from the table's own value)
    expected_in_text: Score | None = None  # for the score the narrative awards (from its own value)
    verdict: str = ""
    not_applicable: bool = False
    value_col: int | None = None  # where the score table states the value itself (10号 执行率, 完成值)
    undefined: str = ""  # the printed formula divides by zero (0/0): the value is undefined
    actual_value: tuple[Decimal, str] | None = None  # a percentage in the 完成值 column
    narrative_at: tuple[int, int] | None = None  # block and offset of the narrative value
    narrative_value_block: Block | None = None
    definition: Definition | None = None  # the formula written into the indicator's name
    narrative_computed: Interval | None = None  # what the text's own printed formula gives
    recomputations: list[Recomputation] = field(default_factory=list)  # the one it is held to first (recomputations)
    other_rows: list[tuple[str, Interval, str]] = field(default_factory=list)  # 10号: (row, rate, how) of the money block's other rows
    coefficient: bool = False  # stated_value is the 得分系数, not the indicator's value
    restated: list[Statement] = field(default_factory=list)  # the value stated again elsewhere in the text
    shared_weight: Figure | None = None  # the weight printed once for this row and the one above (merged)

    @property
    def value_for_rule(self) -> Decimal | None:
        """Each place is held to its own figure unless the inputs give the true one: the table's
        score to the table's value, the narrative's score to the narrative's value."""
        own = self.table_value[0] if self.table_value is not None else self.stated_value
        return _settle(self.recomputed or self.computed_in_formula, own)

    @property
    def value_in_text(self) -> Decimal | None:
        if self.narrative_value is None:
            return self.value_for_rule
        return _settle(self.recomputed or self.computed_in_formula, self.narrative_value[0])


def _settle(truth: Interval | None, own: Decimal | None) -> Decimal | None:
    """The value a rule is applied to: the stated one when the computation allows it (41.56/41.56 is
    100.00, not the hair over 100 that rounded operands put in the middle of the interval), else
    the computed one."""
    if truth is None:
        return own
    return own if own is not None and truth.contains(own) else truth.mid


@dataclass
class Evaluation:
    rows: list[Row] = field(default_factory=list)
    table: TableView | None = None
    total_row: int | None = None
    stated_total: LocatedQuantity | Figure | None = None
    narrative_total: LocatedQuantity | None = None
    recomputed_total: Decimal | None = None
    stated_grade: tuple[Block, str, str] | None = None  # block, grade, excerpt
    bands: list[tuple[Decimal, str]] = field(default_factory=lambda: list(current_settings().grade_bands or DEFAULT_BANDS))
    execution: Row | None = None  # 10号 预算执行率 row
    awards: list[Award] = field(default_factory=list)  # every “……计N分” of the evaluation's text
    renormalised: bool = False  # 不适用指标不考核，按适用指标得分折算百分制
    proportional: bool = True  # a target not met scores 完成值÷指标值×分值 (10号 forms, or the report says so)
    scope: str = ""  # the part of the report (a section path) its text is read from; "" the rest
    blocks: set[int] = field(default_factory=set)  # the blocks of that part
    entity: str = ""  # the project or part the score table belongs to (extractor.claims)

    @property
    def all_rows(self) -> list[Row]:
        """The 10号 execution-rate row (if any) and then every indicator."""
        return ([self.execution] if self.execution else []) + self.rows

    def expected_grade(self, total: Decimal) -> str:
        for floor, grade in sorted(self.bands, reverse=True):
            if total >= floor:
                return grade
        return self.bands[-1][1]


def evaluation(ctx: Context) -> Evaluation:
    """The report's first evaluation (its only one, usually); every score table's: `evaluations`."""
    return evaluations(ctx)[0]


def evaluations(ctx: Context) -> list[Evaluation]:
    """One evaluation per score table, each read with its own part of the report: a report of
    several projects has one score table per project, and each project's text, inputs and total
    are that project's (an empty evaluation when the report has no score table)."""
    cached = getattr(ctx, "_evaluations", None)
    if cached is None:
        cached = _build(ctx)
        ctx._evaluations = cached  # type: ignore[attr-defined]
    return cached


# ---- score tables ---------------------------------------------------------------------------

@dataclass
class Layout:
    header_row: int  # the row holding the column headings (-1: the table's own header)
    names: list[int]
    weights: dict[int, int]  # name column -> its weight column
    score: int
    rule: int | None
    note: int | None
    target: int | None
    actual: int | None
    coefficient: int | None = None
    unit: int | None = None  # 度量单位: the unit of the target and the actual value (四川 forms)


_UNIT_HEADER = regex.compile(r"^(?:度量|计量)?单位$")


def _layout(view: TableView, label_weights: bool = False) -> Layout | None:
    """The score table's columns: level names, the weight column of each level (the first 分值 /
    权重 column right of its name and before the next level's name; 适用分值 is not a weight), the
    awarded score (the last 得分 column). A table whose weight columns are headed 得分 (一级指标 | 得分 |
    二级指标 | 得分 | … | 得分) is taken when no heading row pairs names with weights; with
    `label_weights`, so is a table without weight columns whose levels carry their weights in the
    labels (“相关性(5分)”)."""
    candidates = [view.table.header_rows - 1] if view.table.header_rows else []
    candidates += [r for r in view.rows if view.is_header_like(r)]
    fallback: Layout | None = None
    for h in candidates:
        if h < 0:
            continue
        heads = [squash(c.text) if c is not None else "" for c in view.grid[h]]
        names = [c for c, t in enumerate(heads) if _NAME_HEADER.search(t) and (c == 0 or heads[c - 1] != t)]
        weights = [c for c, t in enumerate(heads) if _WEIGHT_HEADER.search(t) and not _APPLICABLE.search(t)]
        scores = [c for c, t in enumerate(heads) if _SCORE_HEADER.search(t) and not _COEF_HEADER.search(t)]
        if not names or not scores:
            continue
        pairing: dict[int, int] = {}
        for i, n in enumerate(names):
            end = names[i + 1] if i + 1 < len(names) else len(heads)
            w = next((w for w in weights if n < w < end), None)
            if w is not None:
                pairing[n] = w
        layout = Layout(h, names, pairing, scores[-1], *(_first(heads, rx) for rx in (
            _RULE_HEADER, _NOTE_HEADER, _TARGET_HEADER, _ACTUAL_HEADER, _COEF_HEADER, _UNIT_HEADER)))
        if layout.actual is None and layout.note is None and layout.target is not None and layout.rule is not None:
            # 53号 tables: 指标解释 | 评分标准 | 指标值 | 得分 — with no 完成值 beside it, the 指标值 column is the
            # indicator's value (often with its working: 39/42×100%=92.86%), not a target
            layout.note, layout.target = layout.target, None
        if pairing:
            return layout
        if fallback is None:
            if (misnamed := _weights_headed_as_scores(names, scores)) is not None:
                layout.weights = misnamed  # weight columns all the same, only headed 得分
                fallback = layout
            elif label_weights and _labels_carry_weights(view, h, names):
                fallback = layout
    return fallback


def _weights_headed_as_scores(names: list[int], scores: list[int]) -> dict[int, int] | None:
    """一级指标 | 得分 | 二级指标 | 得分 | 三级指标 | 得分 | … | 得分: a 得分 column right of every level
    name, and the awarded score further right, is the 9-column table with its weight columns
    headed 得分 by mistake."""
    if len(names) < 2 or not all(n + 1 in scores for n in names) or scores[-1] <= names[-1] + 1:
        return None
    return {n: n + 1 for n in names}


def _labels_carry_weights(view: TableView, h: int, names: list[int]) -> bool:
    labels = [c for r in range(h + 1, view.table.n_rows) for col in names
              if (c := view.origin(r, col)) is not None and c.text.strip()]
    return bool(labels) and sum(1 for c in labels if _LABEL_WEIGHT.search(fold(c.text.strip()))) * 2 >= len(labels)


def _first(heads: list[str], rx: regex.Pattern[str]) -> int | None:
    return next((c for c, t in enumerate(heads) if rx.search(t)), None)


def _build(ctx: Context) -> list[Evaluation]:
    tables: list[tuple[TableView, Layout]] = []
    money: list[TableView] = []  # 四川 forms: the money block may be a table of its own
    for view in ctx.views():
        layout = _layout(view, label_weights=True)
        if layout is not None and layout.weights:  # (weights only in the labels: no weight column to re-score by)
            tables.append((view, layout))
        elif _execution_row(view) is not None:
            money.append(view)
    evs = []
    for (view, layout), scope in zip(tables, _scopes(ctx, [v for v, _ in tables]), strict=True):
        ev = Evaluation(table=view, scope=scope, entity=_entity_of(view.block))
        ev.execution = _execution_row(view)
        _read_rows(ev, view, layout)
        evs.append(ev)
    if not evs:
        evs = [Evaluation()]
    _assign_blocks(ctx, evs)
    unowned = [b for b in ctx.text_blocks() if not any(b.index in ev.blocks for ev in evs)]
    for ev in evs:
        if ev.table is not None and ev.execution is None:
            ev.execution = _money_table_row(ev, money)
        ev.proportional = _proportional_default(ctx, ev, unowned)
        _attach_narrative(ctx, ev)
        for row in ev.all_rows:
            _recompute(ctx, ev, row)
            _expect(row, ev.proportional)
        _totals(ctx, ev)
    return evs


def _proportional_default(ctx: Context, ev: Evaluation, unowned: list[Block]) -> bool:
    """10号: a target not met scores 完成值÷指标值×分值 — unless the report scores the table's
    indicators by rules of its own (预算执行率按“≥90%计10分；…”评分) and never says so."""
    texts = [fold(b.text) for b in ctx.text_blocks() if b.index in ev.blocks]
    if ev.execution is not None or any(_PROPORTIONAL.search(t) for t in texts + [fold(b.text) for b in unowned]):
        return True
    return not any(_OWN_RULES.search(t) for t in texts)


def _entity_of(block: Block) -> str:
    return entity_of_section(block.section)


def _path(section: str) -> list[str]:
    return [t.strip() for t in section.split("›")] if section.strip() else []


def _scopes(ctx: Context, views: list[TableView]) -> list[str]:
    """The part of the report each score table is read with: the shortest section path of its own
    that holds no other score table (a project's heading, or the second report in the file); a
    department-level table (no project or part named above it) takes the rest of the report."""
    if len(views) <= 1:
        return [""] * len(views)
    paths = [_path(v.block.section) for v in views]
    out = []
    for i, view in enumerate(views):
        scope = ""
        if _entity_of(view.block):
            own = paths[i]
            others = [p for j, p in enumerate(paths) if j != i]
            k = next((k for k in range(1, len(own) + 1) if all(p[:k] != own[:k] for p in others)), len(own))
            scope = " › ".join(own[:k])
        out.append(scope)
    return out


def _within(section: str, scope: str) -> bool:
    path, own = _path(section), _path(scope)
    return path[:len(own)] == own


def _assign_blocks(ctx: Context, evs: list[Evaluation]) -> None:
    """Each block belongs to the evaluation whose part of the report holds it most narrowly."""
    for block in ctx.doc.blocks:
        fitting = [ev for ev in evs if _within(block.section, ev.scope)]
        if not fitting:
            continue
        deepest = max(len(_path(ev.scope)) for ev in fitting)
        for ev in fitting:
            if len(_path(ev.scope)) == deepest:
                ev.blocks.add(block.index)


def _money_table_row(ev: Evaluation, money: list[TableView]) -> Row | None:
    """The 预算执行 row of a money table of the evaluation's own part, the nearest before it first."""
    assert ev.table is not None
    mine = [v for v in money if v.block.index in ev.blocks]
    before = [v for v in mine if v.block.index < ev.table.block.index]
    for view in sorted(before, key=lambda v: -v.block.index) + [v for v in mine if v not in before]:
        if (row := _execution_row(view)) is not None:
            return row
    return None


def _read_rows(ev: Evaluation, view: TableView, layout: Layout) -> None:
    leaf = layout.names[-1]
    for r in view.rows:
        if r <= layout.header_row:
            continue
        if view.is_header_like(r):
            break
        cell = view.grid[r][leaf]
        name = squash(cell.text) if cell is not None else ""
        if not name:
            continue
        if view.is_total(r) or regex.match(r"^(?:合计|总计|总分|小计)", name):
            ev.total_row = r
            ev.stated_total = view.figure(r, layout.score)
            break
        shared = None
        if leaf in layout.weights and view.figure(r, layout.weights[leaf]) is None \
                and (origin := view.grid[r][layout.weights[leaf]]) is not None and origin.row < r:
            shared = _points(view.figure(origin.row, layout.weights[leaf]))  # one 分值 cell over two indicators
        row = Row(name=_plain_name(name), block=view.block, row=r, score_col=layout.score, shared_weight=shared,
                  weight=_points(view.figure(r, layout.weights[leaf])) if leaf in layout.weights else None,
                  score=_points(view.figure(r, layout.score)),
                  not_applicable=bool(_NOT_APPLICABLE.search(_text(view, r, layout.score))))
        if layout.rule is not None and (rc := view.grid[r][layout.rule]) is not None and rc.text.strip():
            row.rule_col = layout.rule
            row.rule = parse_rule(rc.text, row.weight.value if row.weight else None)
        if layout.note is not None and (nc := view.grid[r][layout.note]) is not None:
            _value_from_text(row, nc.text)
            if row.table_value is not None:
                row.value_col = layout.note
        if layout.coefficient is not None and (coef := view.figure(r, layout.coefficient)) is not None:
            row.stated_value, row.stated_text = coef.value, coef.quantity.text  # 得分 = 得分系数 × 权重
            row.coefficient = True
            row.rule = parse_rule("得分=得分系数×权重", row.weight.value if row.weight else None)
        elif layout.target is not None and layout.actual is not None:
            row.target = _text(view, r, layout.target) or _target_in_name(name)
            row.actual = _text(view, r, layout.actual)
            unit = _text(view, r, layout.unit) if layout.unit is not None else ""
            if (actual := _single_percent(row.actual + ("%" if unit in ("%", "％") else ""))) is not None:
                row.actual_value, row.value_col = actual, layout.actual  # 94.6 | % in a column of its own
        if (own := definition_in_name(name)) is not None:  # 结余率(计算方法为:结余数/预算数)≤5%
            row.definition = Definition(own[0], own[1], own[2], view.block.index, 0, _entity_of(view.block))
        ev.rows.append(row)


def _single_percent(text: str) -> tuple[Decimal, str] | None:
    qs = [q for q in parse_quantities(text) if q.kind == "percent" and not q.comparison and not q.direction]
    return (qs[0].value, qs[0].text) if len(qs) == 1 and len(parse_quantities(text)) == 1 else None


def _points(figure: Figure | None) -> Figure | None:
    """A weight or an awarded score is points, whatever the column heading said: whole points are
    exact, decimals rounded at their shown places."""
    if figure is None or figure.quantity.kind == "score":
        return figure
    q = figure.quantity.model_copy(update={"kind": "score", "unit": "分", "base_unit": "分"})
    return Figure(figure.cell, q, stated(q))


_POINTS_SUFFIX = regex.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def _plain_name(name: str) -> str:
    return _POINTS_SUFFIX.sub("", name)  # 相关性(5分)


def _text(view: TableView, r: int, c: int) -> str:
    cell = view.grid[r][c]
    return cell.text.strip() if cell is not None else ""


def _percent_in(text: str) -> tuple[Decimal, str, Interval | None] | None:
    """The value a text gives an indicator: a formula's result (with what its operands give),
    else its only percentage."""
    for chain in find_chains(text):
        last = chain.segments[-1]
        if last.is_single_number and last.literals[0].unit == "%":
            numeric = [seg for seg in chain.segments[:-1] if seg.kind == "numeric"]
            computed: Interval | None = None
            if numeric:
                try:
                    computed = evaluate_segment(numeric[-1])
                    if computed is None:
                        computed = UNDEFINED  # a zero divisor; a formula that cannot be read is not one
                except EvalError:
                    computed = None
            value = -last.literals[0].value if "-" in last.text else last.literals[0].value
            return value, last.text, computed.scale(100) if computed not in (None, UNDEFINED) else computed
    folded = fold(text)
    qs = [q for q in parse_quantities(text) if q.kind == "percent" and not q.comparison and not q.direction
          and not _TIMES_BEFORE.search(folded[:q.start])]  # the 100% of “…×100%” is no value
    return (qs[0].value, qs[0].text, None) if len(qs) == 1 else None


UNDEFINED = Interval(Decimal("NaN"), Decimal("NaN"))  # a formula whose divisor is zero


def _take_computed(row: Row, computed: Interval | None, text: str) -> None:
    if computed is UNDEFINED:
        row.undefined = text
    elif computed is not None:
        row.computed_in_formula = computed


def _value_from_text(row: Row, text: str) -> None:
    found = _percent_in(text)
    if found is not None:
        row.table_value = found[:2]
        row.stated_value, row.stated_text = found[:2]
        if row.computed_in_formula is None:
            _take_computed(row, found[2], text)


_EXECUTION_HEADS = tuple((key, regex.compile(rx)) for key, rx in (
    ("budget", r"全年预算|调整后预算"), ("spent", r"全年执行|预算执行数|执行数"), ("weight", r"分值|权重"),
    ("rate", r"执行率"), ("score", r"^得分")))


def _execution_row(view: TableView) -> Row | None:
    """10号: the 年度资金总额 row under a heading row with 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    for h in range(view.table.n_rows):
        heads = [squash(c.text) if c is not None else "" for c in view.grid[h]]
        cols = {key: next((c for c, t in enumerate(heads) if rx.search(t)), None) for key, rx in _EXECUTION_HEADS}
        if None in cols.values():
            continue
        if h + 1 >= view.table.n_rows:
            return None
        r = _weighted_row(view, h, cols["weight"], cols["spent"])  # type: ignore[arg-type]
        budget, spent = view.figure(r, cols["budget"]), view.figure(r, cols["spent"])  # type: ignore[arg-type]
        row = Row(name="预算执行率", block=view.block, row=r, weight=_points(view.figure(r, cols["weight"])),  # type: ignore[arg-type]
                  score=_points(view.figure(r, cols["score"])), score_col=cols["score"])  # type: ignore[arg-type]
        rate = view.figure(r, cols["rate"])  # type: ignore[arg-type]
        if rate is not None:
            row.stated_value, row.stated_text = rate.value, rate.quantity.text
            row.table_value = (rate.value, rate.quantity.text)
        if budget is not None and spent is not None:
            ratio = spent.interval / budget.interval
            row.recomputed = ratio.scale(100) if ratio is not None else None
            row.base = "全年执行数÷全年预算数"
        row.rule = parse_rule("得分=执行率×分值", row.weight.value if row.weight else None)
        row.value_col = cols["rate"]
        row.other_rows = _other_bases(view, h, r, cols["budget"], cols["spent"])  # type: ignore[arg-type]
        if row.recomputed is not None and rate is not None and not row.recomputed.overlaps(stated(rate.quantity)):
            for reading in _by_the_parts(view, r, cols["budget"], cols["spent"]):  # type: ignore[arg-type]
                if reading.overlaps(stated(rate.quantity)):
                    row.recomputed, row.base = reading, "各资金来源之和"
                    break
        return row
    return None


_TOTAL_LABEL = regex.compile(r"合计|总计|总额")


def _money_rows(view: TableView, h: int, spent: int) -> list[int]:
    """The rows of the money block under its heading row `h`: up to a heading row or a row without an
    amount spent (年度总体目标 …)."""
    out = []
    for k in range(h + 1, view.table.n_rows):
        if view.is_header_like(k) or view.figure(k, spent) is None:
            break
        out.append(k)
    return out


def _weighted_row(view: TableView, h: int, weight: int, spent: int) -> int:
    """The row carrying the 预算执行 weight: the 10号 form's 年度资金总额 comes first, a 部门整体 form
    may list 基本支出 | 项目支出 first and give the weight on its 合计 row (the others show “—”)."""
    rows = [k for k in _money_rows(view, h, spent) if view.figure(k, weight) is not None]
    if not rows:
        return h + 1
    return next((k for k in rows if _TOTAL_LABEL.search(view.label(k))), rows[0])


def _parts_of(view: TableView, r: int, spent: int) -> list[int]:
    """The money block's other rows than `r`: the parts of its total (其中：财政拨款 … below it,
    or 基本支出 | 项目支出 above a 合计 row)."""
    h = r - 1
    while h > 0 and not view.is_header_like(h) and view.figure(h, spent) is not None:
        h -= 1
    return [k for k in _money_rows(view, h, spent) if k != r]


def _by_the_parts(view: TableView, r: int, budget: int, spent: int) -> list[Interval]:
    """The rate by the sum of the money block's parts (其中：财政拨款 + 上年结转 + 其他资金) where the
    total row disagrees with them: a rate that fits the parts leaves the total's figure to the table
    rules, it is not the rate's mistake."""
    b_total, x_total = view.figure(r, budget), view.figure(r, spent)
    parts = [(view.figure(k, budget), view.figure(k, spent)) for k in _parts_of(view, r, spent)]
    if len(parts) < 2 or any(b is None or x is None for b, x in parts):
        return []
    zero = Interval.exact(0)
    b_sum = sum((b.interval for b, _ in parts if b is not None), zero)
    x_sum = sum((x.interval for _, x in parts if x is not None), zero)
    out = []
    for top, bottom in ((x_total.interval if x_total else None, b_sum), (x_sum, b_sum),
                        (x_sum, b_total.interval if b_total else None)):
        if top is not None and bottom is not None and (ratio := top / bottom) is not None:
            out.append(ratio.scale(100))
    return out


def _other_bases(view: TableView, h: int, r: int, budget: int, spent: int) -> list[tuple[str, Interval, str]]:
    """What the money block's other figures give: the total against 年初预算, and each row below
    (其中：当年财政拨款, 上年结转资金 …) — a rate that fits only one of them took the wrong row."""
    heads = [squash(c.text) if c is not None else "" for c in view.grid[h]]
    out: list[tuple[str, Interval, str]] = []
    initial = next((c for c, t in enumerate(heads) if regex.search(r"年初预算", t)), None)
    pairs = [(r, initial, f"{named(view.label(r), '一')}行的{heads[spent]}÷{heads[initial]}")] if initial is not None else []
    for k in _parts_of(view, r, spent):
        pairs.append((k, budget, f"{named(view.label(k), '一')}行的{heads[spent]}÷{heads[budget]}"))
    for k, col, how in pairs:
        b, x = view.figure(k, col), view.figure(k, spent)
        if b is not None and x is not None and (ratio := x.interval / b.interval) is not None:
            out.append((how, ratio.scale(100), f"{x.quantity.text}÷{b.quantity.text}"))
    return out


# ---- the narrative --------------------------------------------------------------------------

@dataclass
class Award:
    """Points the text gives (“故本次预算控制率计4分”), and the indicator it names, if any."""

    block: Block
    quantity: LocatedQuantity
    named: Row | None  # the row whose name the sentence writes before 计/得
    section: Row | None  # the row whose part of the text holds it


def _attach_narrative(ctx: Context, ev: Evaluation) -> None:
    by_name = {canonical(row.name): row for row in ev.rows}
    for row in ev.rows:  # 结余率(计算方法为:结余数/预算数)≤5% is written 结余率 in the text
        if row.definition is not None:
            by_name.setdefault(row.definition.name, row)
    if ev.execution is not None:
        by_name.setdefault(canonical(ev.execution.name), ev.execution)
    blocks = [b for b in ctx.doc.blocks if b.index in ev.blocks]
    for i, block in enumerate(blocks):
        if block.kind == "table" or not block.text:
            continue
        title = block.title or _bare_title(block.text)
        if not title:
            continue
        row = _row_titled(by_name, title)
        if row is None or row.narrative is not None:
            continue
        row.narrative = block
        row.narrative_blocks = _section(ev, by_name, blocks, i)
        _read_section(ctx, ev, by_name, row)
    for s in statements(ctx):  # 满意度为93.50% and the like, stated outside a formula
        row = by_name.get(s.key[0])
        if row is None or s.quantity.kind != "percent" or s.block.index not in ev.blocks \
                or not _of_the_table(s.claim.qualifiers.entity, ev) or s.claim.qualifiers.period in ("prior", "other"):
            continue
        if row.narrative_value is None:
            row.narrative_value = (s.quantity.value, s.quantity.text)
            row.narrative_at, row.narrative_value_block = (s.block.index, s.quantity.start), s.block
            row.stated_value, row.stated_text = s.quantity.value, s.quantity.text
        elif row.narrative_at != (s.block.index, s.quantity.start):
            row.restated.append(s)  # 总体看，…办事群众满意度96.4%: the value once more, in the conclusion


def _bare_title(text: str) -> str | None:
    """A short line with no number and no sentence in it (“三公经费”变动率, set on a line of its own
    as a heading the PDF does not mark): the indicator it names titles the text below it."""
    text = text.strip()
    return text if 2 < len(text) <= 24 and not regex.search(r"[。；;，,：:\d]", text) else None


def _of_the_table(entity: str, ev: Evaluation) -> bool:
    """A value stated under a project's own heading is that project's, not the score table's of
    another (a department's 预算完成率 is not its 高标准农田建设项目's 预算执行率); a heading that only
    speaks of projects in general (一、项目基本情况) names none."""
    return not entity or same_entity(entity, ev.entity) or not any(names_project(t) for t in entity.split(" › "))


def _row_titled(by_name: dict[str, Row], title: str) -> Row | None:
    """The row a heading names; a long name with one character mistyped (楼堂管所 for 楼堂馆所) too."""
    name = canonical(_plain_name(squash(title)))
    if name in by_name:
        return by_name[name]
    bare = canonical(regex.sub(r"[（(][^（）()]{1,16}[)）]$", "", _plain_name(squash(title))))
    if bare != name and bare in by_name:
        return by_name[bare]  # 质量达标率（苗木成活率）: the indicator, and in brackets what it measures here
    if len(name) < 8:
        return None
    near = [row for key, row in by_name.items()
            if len(key) == len(name) and sum(a != b for a, b in zip(key, name, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def _section(ev: Evaluation, by_name: dict[str, Row], blocks: list[Block], i: int) -> list[Block]:
    """The indicator's text: under a heading, every paragraph up to the next heading; a numbered
    paragraph (“2.预算调整率。……”) with the unnumbered ones that follow it."""
    out = [blocks[i]]
    under_heading = blocks[i].kind == "heading" or blocks[i].title is None  # a heading, or a bare title line
    for block in blocks[i + 1:]:
        if block.kind == "heading" or (ev.table is not None and block is ev.table.block):
            break
        if block.table is not None or not block.text:
            continue
        if block.title and (not under_heading or _row_titled(by_name, block.title) is not None):
            break
        if _TOTAL_IN_TEXT.search(fold(block.text)):
            break  # 综合以上各项，自评得分96.72分: the conclusion, not this indicator's text
        out.append(block)
    return out


def _read_section(ctx: Context, ev: Evaluation, by_name: dict[str, Row], row: Row) -> None:
    weight = row.weight.value if row.weight else None
    rule_span: tuple[int, tuple[int, int]] | None = None  # block index, span
    part = False  # the text scores one of the indicator's parts, not the indicator
    for block in row.narrative_blocks:
        if m := _RULE_IN_TEXT.search(block.text):
            text = m["rule"]
            if cut := _RULE_ENDS.search(text):
                text = text[:cut.start()]
            scoring = parse_rule(text, weight)
            if _scores_a_part(scoring, weight) and _in_a_numbered_part(block.text, m.start("rule"), row.name):
                part = True
                break
            row.narrative_rule, row.narrative_rule_block = text, block
            row.narrative_scoring = scoring
            rule_span = (block.index, (m.start("rule"), m.start("rule") + len(text)))
            if row.rule is None or row.rule.kind in ("unparsed", "qualitative"):
                row.rule = row.narrative_scoring
            break
    found, block, rule_free = None, row.narrative, ""
    for candidate in [] if part else row.narrative_blocks:  # the heading's own line, then its body in order
        span = rule_span[1] if rule_span and rule_span[0] == candidate.index else None
        rule_free = candidate.text[:span[0]] + candidate.text[span[1]:] if span else candidate.text
        if (found := _percent_in(rule_free)) is not None:
            block = candidate
            break
    if found is None and not part and (counted := _counted_value(ctx, row, rule_span)) is not None:
        claim = counted  # 目标值42个，实际按期完工38个 under a rule of counts (≥42个计满分，每少1个扣0.5分)
        row.narrative_value = (claim.value, claim.text)
        row.narrative_value_block = ctx.block(claim.block)
        row.narrative_at = (claim.block, claim.start)
        row.stated_value, row.stated_text = claim.value, claim.text
    if found is not None and block is not None:
        row.narrative_value = found[:2]
        row.narrative_value_block = block
        at = next((q.start for q in ctx.quantities if q.location.block == block.index and q.location.kind != "table"
                   and q.kind == "percent" and q.value == found[0] and q.text == found[1]), None)
        row.narrative_at = (block.index, at) if at is not None else None
        row.stated_value, row.stated_text = found[:2]
        _take_computed(row, found[2], rule_free)
        if found[2] is not None and found[2] is not UNDEFINED:
            row.narrative_computed = found[2]
    awards = []
    for b in row.narrative_blocks:
        span = rule_span[1] if rule_span and rule_span[0] == b.index else None
        for award in _awards(ctx, by_name, b, span, row):
            ev.awards.append(award)
            awards.append(award)
    own = [a for a in awards if a.named is row] or [a for a in awards if a.named is None]
    if weight is not None and (within := [a for a in own if a.quantity.value <= weight]):
        own = within  # 考核得96.50分 (out of 100) beside 该项得分=…=7.72分: an input, not the indicator's points
    if own and (own[0].named is row or len({a.quantity.value for a in own}) == 1):
        row.narrative_score, row.narrative_score_block = own[-1].quantity, own[-1].block


_COUNT_TARGET = {"目标", "计划"}


def _counted_value(ctx: Context, row: Row, rule_span: tuple[int, tuple[int, int]] | None) -> Claim | None:
    """The count an indicator scored by a rule of counts was given (≥42个计满分，每少1个扣0.5分: the
    number of 个 done), from its own text: a count in the rule's unit that is neither the target
    (目标值42个), a change (较目标少4个) nor a step of the rule (每少1个) — the one said to be 实际
    when several remain."""
    rule = row.rule
    if rule is None or rule.kind not in ("bands", "deduction"):
        return None
    units = {b.unit for b in rule.bands}
    if len(units) != 1 or (unit := units.pop()) in (None, "%"):
        return None
    blocks = {b.index for b in row.narrative_blocks}
    counts = []
    for c in ctx.claims.claims:
        if c.block not in blocks or c.kind != "count" or c.role != "plain" or c.approximate or c.comparison \
                or c.direction or c.qualifiers.basis in _COUNT_TARGET or (c.quantity.unit or "") != unit \
                or c.qualifiers.period in ("prior", "other"):
            continue
        if rule_span is not None and rule_span[0] == c.block and rule_span[1][0] <= c.start < rule_span[1][1]:
            continue
        if fold(ctx.block(c.block).text[max(0, c.start - 3):c.start]).rstrip().endswith(("每", "每少", "每多")) \
                or "每" in c.subject:
            continue  # a step of the rule quoted in the text
        counts.append(c)
    done = [c for c in counts if c.qualifiers.basis == "实际"]
    if len(done) == 1:
        return done[0]
    return counts[0] if len(counts) == 1 else None


def _scores_a_part(rule: ScoringRule, weight: Decimal | None) -> bool:
    """A band rule whose best band awards less than the indicator's weight scores one of its parts:
    资金分配（8分）explained as “（1）重点支出安排率…≥80%计4分；60%-80%计3.2分…（2）资金分配合理性…计4分”.
    Its rule and its value are the part's; the indicator's own points are the parts' sum."""
    if weight is None or rule.kind != "bands" or not rule.bands or any(b.points is None for b in rule.bands):
        return False
    return max(b.points for b in rule.bands) < weight  # type: ignore[type-var]


_PART_MARK = regex.compile(r"[（(]\s*(?:\d{1,2}|[一二三四五六七八九十])\s*[)）]|[①-⑩]")


def _in_a_numbered_part(text: str, at: int, name: str) -> bool:
    """Is `at` inside a numbered part of the indicator's text (“（1）重点支出安排率＝…”) that names
    something other than the indicator itself?"""
    marks = list(_PART_MARK.finditer(text, 0, at))
    if not marks:
        return False
    after = text[marks[-1].end():at]
    part = regex.split(r"[＝=，,。：:；;（(]", after, maxsplit=1)[0].strip()
    return bool(part) and canonical(_plain_name(squash(part))) != canonical(_plain_name(squash(name)))


def _awards(ctx: Context, by_name: dict[str, Row], block: Block, rule_span: tuple[int, int] | None,
            section: Row | None) -> list[Award]:
    out = []
    for q in ctx.quantities:
        if q.location.block != block.index or q.kind != "score" or q.location.kind == "table":
            continue
        if rule_span and rule_span[0] <= q.start < rule_span[1]:
            continue
        lead = fold(block.text[max(0, q.start - 40):q.start])
        given = _GIVEN.search(lead) or _COMPUTED_SCORE.search(lead)
        if given is None or _TOTAL_IN_TEXT.search(lead[max(0, given.start() - 8):] + q.text):
            continue
        out.append(Award(block, q, _named(by_name, lead[:given.start()]), section))
    return out


def _named(by_name: dict[str, Row], before: str) -> Row | None:
    """The indicator written just before 计/得 in its clause (“故本次管理制度健全性计6分”)."""
    clause = regex.split(r"[，,。；;：:、！？\n]", before)[-1]
    clause = _AWARD_TRAIL.sub("", _AWARD_LEAD.sub("", clause.strip()))
    for start in range(len(clause) - 3):  # a name of four characters at least: 满意度 alone names too little
        if (row := by_name.get(canonical(clause[start:]))) is not None:
            return row
    return None


# ---- recomputation and expected scores -----------------------------------------------------

def _recompute(ctx: Context, ev: Evaluation, row: Row) -> None:
    if row.recomputed is not None or row.coefficient:
        return  # the 10号 execution rate: from its own money block; a 得分系数 is no indicator value
    name = bare_name(row.name)
    definitions = [row.definition] if row.definition is not None else []
    definitions += [d for d in report_definitions(ctx) if d.block in ev.blocks and same_entity(d.entity, ev.entity)]
    found = recomputations(name if row.definition is None else row.definition.name, definitions, _facts(ctx, ev))
    if not found:
        return
    primary = found[0]
    row.recomputations, row.recomputed, row.base = found, primary.value, describe_base(primary)
    own = _own_value(row)
    if own is None:
        return
    shown_own = Interval.shown(own[0], shown_decimals(own[1]))
    if (fit := next((v for v in primary.readings if v.overlaps(shown_own)), None)) is not None:
        row.recomputed = fit  # an input stated under two names: the reading the report used
    elif not primary.own:
        for alt in found[1:]:
            if (fit := next((v for v in alt.readings if v.overlaps(shown_own)), None)) is not None:
                row.alternative_base, row.recomputed, row.base = alt.formula.base, fit, alt.formula.base
                break


def _own_value(row: Row) -> tuple[Decimal, str] | None:
    """The value the row's own place states (the table's, else the text's)."""
    if row.table_value is not None:
        return row.table_value
    if row.actual_value is not None:
        return row.actual_value
    if row.narrative_value is not None:
        return row.narrative_value
    return None if row.coefficient or row.stated_value is None else (row.stated_value, row.stated_text)


def describe_base(r: Recomputation) -> str:
    return f"报告所列公式 {r.formula.base}" if r.own else r.formula.base


_NAME_TAIL = regex.compile(r"\s*(?:[=＝≥≤≧≦<>＜＞]|[(（](?:计算|公式)).*$")  # its target or formula


def bare_name(name: str) -> str:
    """The indicator's name without its numbering, points, formula or target (“3.结余率(计算方法
    为:结余数/预算数)≤5%” → 结余率)."""
    name = _plain_name(squash(name))
    name = regex.sub(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)+", "", name)
    return _NAME_TAIL.sub("", name) or name


def recomputations(name: str, definitions: list[Definition], facts: list[Fact]) -> list[Recomputation]:
    """Every way the report's own inputs give the indicator, the one it is held to first: the
    formula the report prints for it (then only that one counts; the catalogue's bases follow, to
    say which one a wrong value fits), else the catalogue's standard base and its alternatives."""
    key = canonical(name)
    own = [d for d in definitions if d.name == key]
    out: list[Recomputation] = []
    for d in own:
        if (r := recompute_with(Formula(d.expr, d.printed), facts, own=True)) is not None:
            out.append(r)
    if own and not out:
        return []  # the report's own formula, its inputs not stated: the catalogue's is not its
    ind = find_indicator(key)
    for formula in ind.formulas if ind is not None else ():
        if (r := recompute_with(formula, facts)) is not None and not any(r.formula.expr == o.formula.expr for o in out):
            out.append(r)
    return out


# ---- the report's named figures, as inputs ---------------------------------------------------

_FACT_KINDS = ("amount", "count")


def report_definitions(ctx: Context) -> list[Definition]:
    """Every formula of named inputs the report prints (“资金到位率=实际到位资金÷调整后预算×100%”)."""
    cached = getattr(ctx, "_definitions", None)
    if cached is None:
        cached = [Definition(name, expr, printed, block.index, start, _entity_of(block))
                  for block in ctx.text_blocks() for name, expr, printed, start in definitions_in(block.text)]
        ctx._definitions = cached  # type: ignore[attr-defined]
    return cached


@dataclass(frozen=True)
class Known:
    """A fact with where it holds: its project or part, and its time."""

    fact: Fact
    entity: str
    qualifiers: Qualifiers


def known_facts(ctx: Context) -> list[Known]:
    """The report's named amounts and counts of this year: its statements (extractor.claims), then
    the rows of tables that are labelled with the report's year (2025年 | 调整后预算 | 到位资金 …)."""
    cached = getattr(ctx, "_known_facts", None)
    if cached is not None:
        return cached
    out = [Known(_fact(s.claim, s.key[0], s.label), s.claim.qualifiers.entity, s.claim.qualifiers) for s in statements(ctx)
           if not s.computed and s.quantity.kind in _FACT_KINDS and not _of_something_else(s.claim)]
    year = ctx.claims.report_year
    if year is not None:
        blocks = ctx.doc.blocks
        for view in ctx.views():
            before = blocks[view.block.index - 1] if 0 < view.block.index <= len(blocks) else None
            out += _year_row_facts(view, year, _unit_declared_in(before))
            out += _label_value_facts(view, year, _unit_declared_in(before))
    ctx._known_facts = out  # type: ignore[attr-defined]
    return out


_EXPENSE_CATEGORY = regex.compile(r"\p{Han}{2,}(?:经费|费)$")  # 三公经费, 公用经费, 会议费: a part of the spending
_BASIS_WORDS = regex.compile(r"实际|预算|决算|执行|计划|全年|年初|调整后|本年|当年|累计|合计|总额|金额|数额|数")


def _of_something_else(claim: Claim) -> bool:
    """“三公经费预算22.80万元，实际支出19.81万元”: a generic name of the budget's flow (实际支出) scoped
    by an expense category (…经费, …费) that is not one of the report's own known totals is that
    category's figure, not an input of the whole; after another figure of the same flow
    (“全年资金到位96.00万元，实际支出86.88万元”) it is not, nor is a name that says what it counts
    (“计划培训人次200人次，实际培训人次150人次”)."""
    scope = claim.qualifiers.scope
    if not scope or not is_flow_name(claim.key) or is_known(claim.key) or is_known(scope) \
            or is_flow_name(scope):
        return False
    return bool(_EXPENSE_CATEGORY.search(_BASIS_WORDS.sub("", scope)))


def _fact(claim: Claim, key: str, subject: str, block: int | None = None) -> Fact:
    q = claim.quantity
    return Fact(key, subject, in_base(q), claim.measure, q.text, claim.block if block is None else block, claim.start)


_YEAR_LABEL = regex.compile(r"^((?:19|20)\d{2})\s*年度?$")
_HEADER_UNIT = regex.compile(r"[(（][^()（）]*[)）]$")


def _year_row_facts(view: TableView, year: int, declared: str | None = None) -> list[Known]:
    """A table of several years (年度 | 调整后预算 | 到位资金 | 执行数): the row of the report's
    year states this year's figures under the column headings. `declared`: the unit the line just
    before the table declares (单位：万元), for a table that does not carry it itself."""
    out = []
    for r in view.rows:
        first = next((c for c in view.grid[r] if c is not None and c.text.strip()), None)
        m = _YEAR_LABEL.match(squash(first.text)) if first is not None else None
        if m is None or int(m[1]) != year:
            continue
        for c in range(view.table.n_cols):
            f = view.figure(r, c)
            unit = declared if view.units[c] is None and not _NON_AMOUNT.search(view.header(c)) else None
            if f is not None and (k := _this_years(view, c, _HEADER_UNIT.sub("", view.header(c)), f, unit, year)):
                out.append(k)
    return out


def _this_years(view: TableView, col: int, name: str, f: Figure, unit: str | None, year: int) -> Known | None:
    """A table's figure as this year's named input, in `unit` where the cell and its column give none;
    None unless it is an amount or a count."""
    q = f.quantity
    if q.unit is None and unit:
        kind, base, scale = unit_info(unit)
        q = q.model_copy(update={"kind": kind, "unit": unit, "base_unit": base, "scale": scale})
    if q.kind not in _FACT_KINDS or not q.base_unit:
        return None
    text = q.text if q.text.endswith(q.unit or "") else q.text + (q.unit or "")
    entity = _entity_of(view.block)
    fact = Fact(canonical(name), name, in_base(q), q.base_unit or "", text, view.block.index, col)
    return Known(fact, entity, Qualifiers(year=year, period="current", entity=entity))


_OTHER_YEAR_HEADER = regex.compile(r"上年|上一年|去年|同期|(?:19|20)\d{2}")
_LEAD_IN = regex.compile(r"^(?:其中|含)\s*[:：]?\s*")
_LABEL_UNIT = regex.compile(r"[(（]\s*(?P<u>[^()（）]{1,3})\s*[)）]$")


def _label_value_facts(view: TableView, year: int, declared: str | None = None) -> list[Known]:
    """A table of named figures in one value column (项目 | 数值 | 说明: “其中：在用固定资产（元）|
    5,702,150.00”): each row states this year's figure under its label, in the unit its label or the
    column gives. Not a table of several figure columns (years, budget and actual: which one is the
    input is not said) nor one whose value column is headed by another year."""
    cols = view.figure_cols()
    if len(cols) != 1 or _OTHER_YEAR_HEADER.search(view.header(cols[0])):
        return []
    col, out = cols[0], []
    for r in view.rows:
        f = view.figure(r, col)
        label = _LEAD_IN.sub("", view.label(r))
        name = _HEADER_UNIT.sub("", label)
        if f is None or not is_name(name):
            continue
        unit = m["u"] if (m := _LABEL_UNIT.search(label)) else declared
        if k := _this_years(view, col, name, f, unit, year):
            out.append(k)
    return out


_DECLARED_UNIT = regex.compile(r"单位\s*[:：]\s*(万元|元|亿元|千元)\s*$")
_NON_AMOUNT = regex.compile(r"率|占比|比重|比例|个数|人数|[(（](?:个|人|项|%|％)[)）]")


def _unit_declared_in(block: Block | None) -> str | None:
    """“……单位：万元” ending the paragraph just before a table (a caption the reader joined to the
    text above it)."""
    if block is None or block.table is not None or not block.text:
        return None
    m = _DECLARED_UNIT.search(fold(block.text.strip()))
    return m[1] if m else None


def _facts(ctx: Context, ev: Evaluation) -> list[Fact]:
    """The inputs of a score table's indicators: the named figures of its part of the report, and
    the sentences written into the table itself (评价结论：全年预算数326.80万元，…结余数6.42万元)."""
    mine = [k for k in known_facts(ctx) if k.fact.block in ev.blocks]
    out = [k.fact for k in mine if same_entity(k.entity, ev.entity)]  # the table's own project first
    out += [k.fact for k in mine if not same_entity(k.entity, ev.entity)]
    if ev.table is not None:
        out += _cell_facts(ctx, ev.table)
    return out


_SENTENCE_CELL = regex.compile(r"\p{Han}.*[，,；;。].*\d|\d.*[，,；;。].*\p{Han}")


def _cell_facts(ctx: Context, view: TableView) -> list[Fact]:
    """Named figures in the sentences a table's cells hold (read as paragraphs of their own)."""
    cache: dict[int, list[Fact]] = ctx.__dict__.setdefault("_cell_facts", {})
    if view.block.index in cache:
        return cache[view.block.index]
    texts = list(dict.fromkeys(c.text for c in view.table.cells if len(c.text) >= 12 and _SENTENCE_CELL.search(c.text)))
    out: list[Fact] = []
    if texts:
        doc = Document(file="", format="docx", blocks=[Block(index=i, kind="paragraph", text=t, section=view.block.section)
                                                      for i, t in enumerate(texts)])
        out = [_fact(c, c.key, c.subject, view.block.index) for c in read_claims(doc).claims
               if c.kind in _FACT_KINDS and c.role in ("plain", "total", "item") and not c.approximate
               and c.qualifiers.period not in ("prior", "other") and is_name(c.subject)]
    cache[view.block.index] = out
    return out


# ---- indicators stated in the text only ----------------------------------------------------

@dataclass
class StatedIndicator:
    """An indicator's value the text states (资金到位率为73.32％) that no score-table row holds."""

    claim: Claim
    block: Block
    name: str  # canonical
    found: list[Recomputation]  # the one it is held to first (recomputations)
    computed: Interval | None  # what its own printed formula gives, when it is a formula's result


def stated_indicators(ctx: Context) -> list[StatedIndicator]:
    """Every percentage the text states under an indicator's name (the catalogue's, or one the
    report defines) outside the score tables' rows, recomputed from the figures of its own project
    or part and year, and by the report's own formula for it when it prints one."""
    cached = getattr(ctx, "_stated_indicators", None)
    if cached is not None:
        return cached
    evs = evaluations(ctx)
    owner = {b.index: frozenset(i for i, ev in enumerate(evs) if b.index in ev.blocks) for b in ctx.doc.blocks}
    held = {i: {canonical(bare_name(r.name)) for r in ev.all_rows} | {r.definition.name for r in ev.rows if r.definition}
            for i, ev in enumerate(evs)}
    definitions = report_definitions(ctx)
    names = {d.name for d in definitions}
    blocks = {b.index: b for b in ctx.doc.blocks}
    out = []
    for c in ctx.claims.prose():
        if c.kind != "percent" or c.approximate or c.comparison or c.direction or c.role not in ("plain", "total", "item", "result"):
            continue
        if c.qualifiers.period in ("prior", "other") or not c.key or (c.key not in names and find_indicator(c.key) is None):
            continue
        if any(c.key in held[i] for i in owner.get(c.block, ())):
            continue  # the score table's row is where it is checked
        part, entity = owner.get(c.block, frozenset()), c.qualifiers.entity
        year = c.qualifiers.year if c.qualifiers.year != ctx.claims.report_year else None  # a year not the report's own
        facts = [k.fact for k in known_facts(ctx) if owner.get(k.fact.block, frozenset()) == part
                 and same_entity(k.entity, entity) and same_time(k.qualifiers, c.qualifiers)
                 and (year is None or k.qualifiers.year == year)]
        mine = [d for d in definitions if owner.get(d.block or -1, frozenset()) == part and same_entity(d.entity, entity)]
        found = recomputations(c.key, mine, facts)
        if found:
            out.append(StatedIndicator(c, blocks[c.block], c.key, found, _formula_gives(ctx, c)))
    ctx._stated_indicators = out  # type: ignore[attr-defined]
    return out


def _formula_gives(ctx: Context, claim: Claim) -> Interval | None:
    if claim.formula is None or claim.role != "result":
        return None
    formula = ctx.claims.formulas[claim.formula]
    found = _percent_in(formula.text)
    return found[2] if found is not None and found[2] is not UNDEFINED else None


def shown_decimals(text: str) -> int:
    """Digits after the point in a figure as written ("84.62%" → 2)."""
    m = _DECIMALS.search(fold(text))
    return len(m.group(1)) if m else 0


def _expect(row: Row, proportional: bool = True) -> None:
    value = row.value_for_rule
    if row.not_applicable:
        row.verdict = "不适用"
        return
    if row.undefined:
        row.verdict = "分母为0，指标值无定义"
        return
    if row.rule is None and row.target and row.actual and proportional:
        row.expected = _proportional(row)
        return
    if row.rule is None:
        row.verdict = "无评分标准"
        return
    if row.rule.kind in ("checklist", "qualitative"):
        row.verdict = "定性指标，未复核"
        return
    if row.rule.kind == "unparsed":
        row.verdict = "评分标准未能解析"
        return
    if value is None:
        row.verdict = "未找到指标值"
        return
    weight = row.weight.value if row.weight else None
    row.expected = row.rule.score(value, weight)
    if row.value_in_text is not None and row.value_in_text != value:
        row.expected_in_text = row.rule.score(row.value_in_text, weight)


def _proportional(row: Row) -> Score | None:
    """10号 default: a quantitative indicator short of its target scores 完成值÷指标值×分值
    (指标值÷完成值 for a ≤ target); met targets score full marks."""
    target = [q for q in parse_quantities(row.target) if q.kind not in ("range", "fraction")]
    actual = [q for q in parse_quantities(row.actual) if q.kind not in ("range", "fraction")]
    if len(target) != 1 or len(actual) != 1 or row.weight is None or actual[0].base_unit != target[0].base_unit:
        row.verdict = "定性指标，未复核" if not target or not actual else "指标值与完成值不可比"
        return None
    t, a, w = target[0].value, actual[0].value, row.weight.value
    row.stated_value, row.stated_text = a, row.actual
    reverse = target[0].comparison in ("<=", "<") or _nature(row) in ("<=", "<")
    rule = "指标值÷完成值×分值（反向指标）" if reverse else "完成值÷指标值×分值"
    met = a <= t if reverse else a >= t
    if met:
        return Score(w, rule=rule)
    if (a if reverse else t) == 0:
        return Score(None, note="指标值为0，无法按比例计分", rule=rule)
    return Score(w * (t / a if reverse else a / t), note=f"未达指标值，按{rule}计", rule=rule)


# a target written into the indicator's name (科目调整次数≤10次, 足额保障率=100%), the 指标值 cell left blank
_TARGET_IN_NAME = regex.compile(r"[=≥≤≧≦<>]\s*\d+(?:\.\d+)?\s*(?:%|[\p{Han}/]{1,6})?$")


def _target_in_name(name: str) -> str:
    m = _TARGET_IN_NAME.search(fold(squash(name)))
    return m.group(0) if m else ""


_NATURE = {"≤": "<=", "≦": "<=", "<=": "<=", "<": "<", "＜": "<", "≥": ">=", "≧": ">=", ">=": ">=", ">": ">",
           "＞": ">", "=": "=", "＝": "="}


def _nature(row: Row) -> str | None:
    """四川 forms state the direction in a 指标性质 cell of its own (≥ / ≤ / =), not in the target."""
    if row.block is None or row.block.table is None or row.row is None:
        return None
    for cell in row.block.table.grid()[row.row]:
        if cell is not None and (sign := _NATURE.get(squash(cell.text))) is not None:
            return sign
    return None


def _totals(ctx: Context, ev: Evaluation) -> None:
    scores = [r.score for r in ev.rows if r.score is not None]
    if scores:
        total = sum((f.value for f in scores), Decimal(0))
        if ev.execution is not None and ev.execution.score is not None:
            total += ev.execution.score.value
        ev.recomputed_total = total
    excluded = [r for r in ev.rows if r.not_applicable and r.weight is not None]
    says_renormalise = any(_RENORMALISE.search(b.text) for b in ctx.doc.blocks if b.text) or (
        ev.table is not None and any(_RENORMALISE.search(c.text) for c in ev.table.table.cells))
    if excluded and says_renormalise:
        applicable = sum((r.weight.value for r in ev.rows if r.weight is not None and not r.not_applicable), Decimal(0))
        if applicable and ev.recomputed_total is not None:
            ev.recomputed_total = ev.recomputed_total / applicable * 100  # 折算百分制
            ev.renormalised = True
    bare_total = False
    for block in ctx.text_blocks():
        for m in _BANDS_IN_TEXT.finditer(fold(block.text)):
            ev.bands = [b for b in ev.bands if b[1] != _GRADE_NAME[m["g"]]] + [(Decimal(m["n"]), _GRADE_NAME[m["g"]])]
        if block.index not in ev.blocks:
            continue  # another score table's part of the report
        if ev.narrative_total is None or bare_total:
            for m in _TOTAL_IN_TEXT.finditer(fold(block.text)):
                if ev.narrative_total is not None and m["kw"] == "总分":
                    continue
                if m["kw"] == "总分" and _FULL_MARKS_SET.search(fold(block.text)[max(0, m.start() - 12):m.start()]):
                    continue  # 按决策、过程、产出、效益四个维度设置指标体系，总分100分: the scale, not the score
                q = next((q for q in ctx.quantities if q.location.block == block.index
                          and q.location.kind != "table" and q.start == m.start("n")), None)
                if q is not None:
                    ev.narrative_total, bare_total = q, m["kw"] == "总分"
                    if not bare_total:
                        break
        if ev.stated_grade is None and (g := _GRADE_IN_TEXT.search(block.text)):
            ev.stated_grade = (block, _GRADE_NAME[g["g"]], g.group(0))


def shown(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    return format(round_half_up(value, places).normalize(), "f")


__all__ = ["Evaluation", "Row", "evaluation", "shown", "stated"]


def summary(ev: Evaluation) -> dict[str, object] | None:
    """The re-done evaluation as plain data (JSON `evaluation`, and the text table)."""
    rows = ev.all_rows
    if not rows:
        return None
    out_rows = []
    for row in rows:
        awarded = row.score.value if row.score is not None else (row.narrative_score.value if row.narrative_score else None)
        expected = row.expected.points if row.expected is not None else None
        out_rows.append({
            "indicator": row.name,
            "stated_value": _num(row.stated_value if row.stated_value is not None or row.coefficient
                                 else (own[0] if (own := _own_value(row)) else None)),
            "recomputed_value": _num(round_half_up((row.recomputed or row.computed_in_formula).mid, 2))
            if (row.recomputed or row.computed_in_formula) is not None else None,
            "base": row.base or ("报告所列公式" if row.computed_in_formula is not None else None),
            "weight": _num(row.weight.value) if row.weight is not None else None,
            "weight_shared": _num(row.shared_weight.value) if row.shared_weight is not None else None,
            "awarded": _num(awarded),
            "awarded_in_text": _num(row.narrative_score.value) if row.narrative_score is not None else None,
            # the same figures as printed (13.60, not the JSON number 13.6), for the writers' tables
            "stated_value_text": _printed(row.stated_value, row.stated_text) if row.stated_value is not None else None,
            "recomputed_value_text": format(round_half_up((row.recomputed or row.computed_in_formula).mid,
                                                          shown_decimals(row.stated_text) if row.stated_text else 2), "f")
            if (row.recomputed or row.computed_in_formula) is not None else None,  # at the stated value's precision
            "weight_text": _printed(row.weight.value, row.weight.quantity.text) if row.weight is not None else None,
            "awarded_text": _printed(awarded, awarded_from.text) if (awarded_from := (
                row.score.quantity if row.score is not None else row.narrative_score)) is not None and awarded is not None
            else None,
            "expected": _num(round_half_up(expected, 2)) if expected is not None else None,
            "verdict": _verdict(row, awarded, expected),
            "rule": row.rule.text.strip() if row.rule is not None else None,
            "location": {"block": row.block.index if row.block else None, "row": row.row},
        })
    stated_total = ev.narrative_total.value if ev.narrative_total is not None else (
        ev.stated_total.value if ev.stated_total is not None else None)
    stated_total_text = format(stated_total, "f") if stated_total is not None else None  # 97.60 as printed
    return {
        "title": ev.entity or ev.scope or None,
        "block": ev.table.block.index if ev.table is not None else None,
        "rows": out_rows,
        "stated_total": _num(stated_total),
        "stated_total_text": stated_total_text,
        "table_total": _num(ev.stated_total.value) if ev.stated_total is not None else None,
        "recomputed_total": _num(ev.recomputed_total),
        "stated_grade": ev.stated_grade[1] if ev.stated_grade else None,
        "expected_grade": ev.expected_grade(ev.recomputed_total) if ev.recomputed_total is not None else None,
        "grade_bands": {g: _num(f) for f, g in sorted(ev.bands, reverse=True)},
        "renormalised": ev.renormalised,
    }


def _verdict(row: Row, awarded: Decimal | None, expected: Decimal | None) -> str:
    truth = row.recomputed or row.computed_in_formula
    value_off = (truth is not None and row.stated_value is not None and
                 not truth.overlaps(Interval.shown(row.stated_value, shown_decimals(row.stated_text))))
    if expected is None or awarded is None:
        return "指标值不符" if value_off else (row.verdict or (row.expected.note if row.expected else "") or "未复核")
    matches = Interval.shown(awarded, 2).contains(round_half_up(expected, 2)) or abs(awarded - expected) < Decimal("0.005")
    if row.expected is not None and row.expected.alternatives:
        matches = matches or any(abs(awarded - a) < Decimal("0.005") for a in row.expected.alternatives)
    if not matches:
        return "得分不符"
    if value_off:
        return "指标值不符"
    if row.narrative_score is not None and row.score is not None and row.narrative_score.value != row.score.value:
        return "正文与表不符"
    return "一致"


def _printed(value: Decimal, text: str) -> str:
    """`value` with the decimals it was printed with ("13.60%" → "13.60"), without its unit."""
    places = shown_decimals(text) if text else 0
    return format(value.quantize(Decimal(1).scaleb(-places)) if places else value, "f")


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
