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
from checks.indicators import find as find_indicator
from checks.indicators import recompute
from checks.intervals import Interval, in_base, round_half_up, stated
from checks.labels import canonical
from checks.scoring import Score, ScoringRule, parse_rule
from checks.settings import current as current_settings
from checks.statements import statements
from checks.tableview import Figure, TableView
from extractor.model import Block, LocatedQuantity
from extractor.quantities import parse_quantities
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
_BAND_BOUND = r"(?!\s*(?:[(（]\s*含\s*[)）])?\s*(?:以上|以下|及以上|至|-|－|—|~|～))"  # 综合得分90分（含）以上为优: a band
_TOTAL_IN_TEXT = regex.compile(r"(?:自评得分|综合得分|综合评分|总得分|自评总分|总分)\s*(?:为|是|:|：)?\s*(?P<n>\d+(?:\.\d+)?)\s*分"
                               + _BAND_BOUND)
_GRADE_IN_TEXT = regex.compile(r"(?:评价等级|等级|等次|评级|评价结果|评定)\s*(?:为|是|:|：)?\s*[“\"「]?(?P<g>优秀|优|良好|良|中等|中|合格|及格|不合格|差)")
_GRADE_NAME = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "合格": "中", "及格": "中",
               "不合格": "差", "差": "差"}
_BANDS_IN_TEXT = regex.compile(r"(?P<n>\d+)\s*分\s*(?:（含）|\(含\))?\s*(?:以上|及以上)\s*(?:为|评为)\s*[“\"]?(?P<g>优秀|优|良好|良|中等|中|合格|差)")
_DECIMALS = regex.compile(r"\.(\d+)")
_TIMES_BEFORE = regex.compile(r"[×*xX✕÷/]\s*$")
_NOT_APPLICABLE = regex.compile(r"不适用|不考核|不参与")
_RENORMALISE = regex.compile(r"不适用.{0,20}?(?:折算|换算)|按适用指标.{0,12}?(?:折算|换算)")
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
    value_col: int | None = None  # where the score table states the value itself (10号 执行率)
    undefined: str = ""  # the printed formula divides by zero (0/0): the value is undefined

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
    cached = getattr(ctx, "_evaluation", None)
    if cached is None:
        cached = _build(ctx)
        ctx._evaluation = cached  # type: ignore[attr-defined]
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
            _RULE_HEADER, _NOTE_HEADER, _TARGET_HEADER, _ACTUAL_HEADER, _COEF_HEADER)))
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


def _build(ctx: Context) -> Evaluation:
    ev = Evaluation()
    for view in ctx.views():
        layout = _layout(view)
        if layout is None:
            continue  # (a table whose weights are only in its labels has no weight column to re-score by)
        ev.table = view
        ev.execution = _execution_row(view)
        _read_rows(ev, view, layout)
        break
    if ev.table is not None and ev.execution is None:  # 四川 forms: the money block is a table of its own
        ev.execution = next((row for view in ctx.views() if view is not ev.table
                             and (row := _execution_row(view)) is not None), None)
    _attach_narrative(ctx, ev)
    for row in ev.all_rows:
        _recompute(ctx, row)
        _expect(row)
    _totals(ctx, ev)
    return ev


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
        row = Row(name=_plain_name(name), block=view.block, row=r, score_col=layout.score,
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
            row.rule = parse_rule("得分=得分系数×权重", row.weight.value if row.weight else None)
        elif layout.target is not None and layout.actual is not None:
            row.target = _text(view, r, layout.target) or _target_in_name(name)
            row.actual = _text(view, r, layout.actual)
        ev.rows.append(row)


def _points(figure: Figure | None) -> Figure | None:
    """A weight or an awarded score is points, whatever the column heading said: whole points are
    exact, decimals rounded at their shown places."""
    if figure is None or figure.quantity.kind == "score":
        return figure
    q = figure.quantity.model_copy(update={"kind": "score", "unit": "分", "base_unit": "分"})
    return Figure(figure.cell, q, stated(q))


def _plain_name(name: str) -> str:
    return regex.sub(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$", "", name)  # 相关性(5分)


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


def _execution_row(view: TableView) -> Row | None:
    """10号: the 年度资金总额 row under a heading row with 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    for h in range(view.table.n_rows):
        heads = [squash(c.text) if c is not None else "" for c in view.grid[h]]
        cols = {key: next((c for c, t in enumerate(heads) if regex.search(rx, t)), None) for key, rx in
                (("budget", r"全年预算|调整后预算"), ("spent", r"全年执行|预算执行数|执行数"), ("weight", r"分值|权重"),
                 ("rate", r"执行率"), ("score", r"^得分"))}
        if None in cols.values():
            continue
        r = h + 1
        if r >= view.table.n_rows:
            return None
        budget, spent = view.figure(r, cols["budget"]), view.figure(r, cols["spent"])  # type: ignore[arg-type]
        row = Row(name="预算执行率", block=view.block, row=r, weight=_points(view.figure(r, cols["weight"])),  # type: ignore[arg-type]
                  score=_points(view.figure(r, cols["score"])), score_col=cols["score"])  # type: ignore[arg-type]
        rate = view.figure(r, cols["rate"])  # type: ignore[arg-type]
        if rate is not None:
            row.stated_value, row.stated_text = rate.value, rate.quantity.text
        if budget is not None and spent is not None:
            ratio = spent.interval / budget.interval
            row.recomputed = ratio.scale(100) if ratio is not None else None
            row.base = "全年执行数÷全年预算数"
        row.rule = parse_rule("得分=执行率×分值", row.weight.value if row.weight else None)
        row.value_col = cols["rate"]
        return row
    return None


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
    blocks = ctx.doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "table" or not block.text or not block.title:
            continue
        row = _row_titled(by_name, block.title)
        if row is None or row.narrative is not None:
            continue
        row.narrative = block
        row.narrative_blocks = _section(ev, by_name, blocks, i)
        _read_section(ctx, ev, by_name, row)
    for s in statements(ctx):  # 满意度为93.50% and the like, stated outside a formula
        row = by_name.get(s.key[0])
        if row is not None and row.narrative_value is None and s.quantity.kind == "percent":
            row.narrative_value = (s.quantity.value, s.quantity.text)
            row.stated_value, row.stated_text = s.quantity.value, s.quantity.text


def _row_titled(by_name: dict[str, Row], title: str) -> Row | None:
    """The row a heading names; a long name with one character mistyped (楼堂管所 for 楼堂馆所) too."""
    name = canonical(_plain_name(squash(title)))
    if name in by_name:
        return by_name[name]
    if len(name) < 8:
        return None
    near = [row for key, row in by_name.items()
            if len(key) == len(name) and sum(a != b for a, b in zip(key, name, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def _section(ev: Evaluation, by_name: dict[str, Row], blocks: list[Block], i: int) -> list[Block]:
    """The indicator's text: under a heading, every paragraph up to the next heading; a numbered
    paragraph (“2.预算调整率。……”) with the unnumbered ones that follow it."""
    out = [blocks[i]]
    under_heading = blocks[i].kind == "heading"
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
    for block in row.narrative_blocks:
        if m := _RULE_IN_TEXT.search(block.text):
            text = m["rule"]
            if cut := _RULE_ENDS.search(text):
                text = text[:cut.start()]
            row.narrative_rule, row.narrative_rule_block = text, block
            row.narrative_scoring = parse_rule(text, weight)
            rule_span = (block.index, (m.start("rule"), m.start("rule") + len(text)))
            if row.rule is None or row.rule.kind in ("unparsed", "qualitative"):
                row.rule = row.narrative_scoring
            break
    block = row.narrative
    assert block is not None
    spans = [rule_span[1]] if rule_span and rule_span[0] == block.index else []
    rule_free = block.text[:spans[0][0]] + block.text[spans[0][1]:] if spans else block.text
    found = _percent_in(rule_free)
    if found is not None:
        row.narrative_value = found[:2]
        row.stated_value, row.stated_text = found[:2]
        _take_computed(row, found[2], rule_free)
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

def _inputs(ctx: Context) -> dict[str, Interval]:
    out: dict[str, Interval] = {}
    for s in statements(ctx):
        if not s.computed and s.key[0] not in out and s.quantity.kind in ("amount", "count"):
            out[s.key[0]] = in_base(s.quantity)
    return out


def _recompute(ctx: Context, row: Row) -> None:
    if row.recomputed is not None:
        return
    ind = find_indicator(row.name)
    if ind is None:
        return
    results = recompute(ind, _inputs(ctx))
    if not results:
        return
    standard, value = results[0]
    row.recomputed, row.base = value, standard.base
    if row.stated_value is not None and not value.overlaps(Interval.shown(row.stated_value, shown_decimals(row.stated_text))):
        for formula, alt in results[1:]:
            if alt.overlaps(Interval.shown(row.stated_value, shown_decimals(row.stated_text))):
                row.alternative_base = formula.base
                row.recomputed, row.base = alt, formula.base
                break


def shown_decimals(text: str) -> int:
    """Digits after the point in a figure as written ("84.62%" → 2)."""
    m = _DECIMALS.search(fold(text))
    return len(m.group(1)) if m else 0


def _expect(row: Row) -> None:
    value = row.value_for_rule
    if row.not_applicable:
        row.verdict = "不适用"
        return
    if row.undefined:
        row.verdict = "分母为0，指标值无定义"
        return
    if row.rule is None and row.target and row.actual:
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
    for block in ctx.text_blocks():
        for m in _BANDS_IN_TEXT.finditer(fold(block.text)):
            ev.bands = [b for b in ev.bands if b[1] != _GRADE_NAME[m["g"]]] + [(Decimal(m["n"]), _GRADE_NAME[m["g"]])]
        if ev.narrative_total is None and (m := _TOTAL_IN_TEXT.search(fold(block.text))):
            ev.narrative_total = next((q for q in ctx.quantities if q.location.block == block.index
                                       and q.location.kind != "table" and q.start == m.start("n")), None)
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
            "stated_value": _num(row.stated_value),
            "recomputed_value": _num(round_half_up((row.recomputed or row.computed_in_formula).mid, 2))
            if (row.recomputed or row.computed_in_formula) is not None else None,
            "base": row.base or ("报告所列公式" if row.computed_in_formula is not None else None),
            "weight": _num(row.weight.value) if row.weight is not None else None,
            "awarded": _num(awarded),
            "awarded_in_text": _num(row.narrative_score.value) if row.narrative_score is not None else None,
            "expected": _num(round_half_up(expected, 2)) if expected is not None else None,
            "verdict": _verdict(row, awarded, expected),
            "rule": row.rule.text.strip() if row.rule is not None else None,
            "location": {"block": row.block.index if row.block else None, "row": row.row},
        })
    stated_total = ev.narrative_total.value if ev.narrative_total is not None else (
        ev.stated_total.value if ev.stated_total is not None else None)
    return {
        "rows": out_rows,
        "stated_total": _num(stated_total),
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


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
