"""The evaluation re-done: scores against their rules, the score table's weights and totals,
the grade, indicator values recomputed from their inputs, the 10号 execution rate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from checks.completion import completion_findings, deviation_findings, execution_findings
from checks.context import Context
from checks.evaluation import (
    _RENORMALISE,
    Evaluation,
    Row,
    describe_base,
    evaluations,
    shown,
    shown_decimals,
    stated_indicators,
)
from checks.finding import Finding
from checks.formula import EvalError, Segment, find_chains
from checks.formula import evaluate as evaluate_segment
from checks.indicators import Recomputation
from checks.indicators import find as find_indicator
from checks.intervals import Interval, round_half_up, stated
from checks.quote import candidate, clip, fmt_interval, named, quoted, readings, section_place
from checks.registry import Rule, register
from checks.scoretable import (
    Indicator,
    Points,
    ScoreTable,
    StatedTotal,
    bottom_weight,
    distinct,
    leaf_scores,
    listed_parts,
    score_frontier,
    score_tables,
    stated_totals,
    table_for,
    total_of,
    weight_frontier,
)
from checks.scoring import Score, ScoringRule, differences, parse_rule, quotes_part_of
from checks.tableview import TableView
from extractor.model import Block, LocatedQuantity, Quantity
from extractor.text import fold


@dataclass
class _Awarded:
    """One awarded score held to the rule: the table's, or the one the text gives."""

    row: Row
    expected: Score | None
    awarded: Quantity
    value: Decimal | None
    in_text: bool


def _awarded_scores(ev: Evaluation) -> Iterator[_Awarded]:
    """Every awarded score and what the rule gives for its own value (shared by SCR001 and SCR005)."""
    for row in ev.all_rows:
        if row.score is not None:
            yield _Awarded(row, row.expected, row.score.quantity, row.value_for_rule, in_text=row.block is None)
        if row.narrative_score is not None and (row.score is None or row.expected_in_text is not None):
            yield _Awarded(row, row.expected_in_text or row.expected, row.narrative_score, row.value_in_text, True)


def _at_awarded(ctx: Context, code: str, a: _Awarded, message: str, **kw) -> Finding | None:  # type: ignore[no-untyped-def]
    row = a.row
    text_block = row.narrative_score_block or row.narrative
    if a.in_text and text_block is not None:
        return ctx.finding(code, text_block, message, anchor=row.name + "|text", **kw)
    if row.block is not None and row.score is not None:
        return ctx.finding(code, row.block, message, row=row.row, col=row.score_col, anchor=row.name, **kw)
    if text_block is not None:
        return ctx.finding(code, text_block, message, anchor=row.name, **kw)
    return None


def _points_text(q: Quantity) -> str:
    return q.text if q.text.endswith("分") else f"{q.text} 分"


@register
class ScoreByRule(Rule):
    """所得分数不是其评分标准对指标值给出的分数。

    错误示例：
        ……重点支出安排率=重点项目支出/项目总支出×100%=128.40/152.82×100%=84.02%，故计4分。
        三级指标 | 评分标准 | 分值 | 得分
        重点支出安排率 | ≥90%计4分；80%（含）-90%计3分；低于80%不得分 | 4 | 4
        （84.02%落在80%（含）-90%一档，应得3分）
    正确示例：
        ……=84.02%，故计3分。
        重点支出安排率 | ≥90%计4分；80%（含）-90%计3分；低于80%不得分 | 4 | 3

    档位、线性扣分（每超过一个百分点扣0.5分，扣完为止）、按档扣分、按比例（完成率×分值）都按报告自己写的
    标准计算；指标值优先用报告给出的输入重新计算的值（报告所写的值在重算的舍入区间内时，按所写的值计分）。
    项目表未写评分标准的指标，未达指标值时按完成值÷指标值×分值（≤ 的反向指标按指标值÷完成值×分值）计；
    指标值栏空着、写在指标名称里的（科目调整次数≤10次），按名称中的指标值。扣分规则另写了扣分一侧的档位
    （……每低于1个百分点扣0.2分，完成率低于80%的计1分）时，该档内按档位计分；不扣分一侧没有档位的，不扣分即
    得满分；得分写成区间的档（60%以下0分-3分、酌情计0-3分）由评价人斟酌，不核对。
    """

    code = "SCR001"
    name = "score.rule"
    severity = "error"
    title = "得分与评分标准不符"
    title_en = "score is not what the stated rule gives"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for a in (a for ev in evaluations(ctx) for a in _awarded_scores(ev)):
            expected = a.expected
            if expected is None or expected.points is None:
                continue
            ctx.coverage.checked += 1
            if any(stated(a.awarded).contains(c) for c in expected.alternatives or [expected.points]):
                continue
            row = a.row
            rule = row.rule.text.strip() if row.rule else (expected.rule or "完成值÷指标值×分值")
            value = (f"指标值 {row.target}，完成值 {row.actual}" if row.rule is None and row.target
                     else f"指标值 {shown(a.value)}")
            finding = _at_awarded(
                ctx, self.code, a,
                f"{named(row.name)}{value}，按评分标准{quoted(clip(rule, 60))}应得 {shown(expected.points)} 分，"
                f"自评 {_points_text(a.awarded)}",
                excerpt=rule, stated=a.awarded.value, expected=Decimal(shown(expected.points)), unit="分",
                detail={"value": shown(a.value), "value_source": "按输入重算" if row.recomputed is not None else "报告所列",
                        "rule_kind": row.rule.kind if row.rule else "proportional", "note": expected.note})
            if finding is not None:
                yield finding


@register
class NarrativeVersusTable(Rule):
    """正文所述得分与评分表得分不一致（含正文把得分写在另一指标名下）。

    错误示例：
        2.预算调整率。……=5.40%，故计4分。
        预算调整率 | =0计4分；0-10%（含）计3分；大于10%不得分 | 4 | 3
    正确示例：
        2.预算调整率。……=5.40%，故计3分。
        预算调整率 | =0计4分；0-10%（含）计3分；大于10%不得分 | 4 | 3

    正文写明指标名的得分（“故本次管理制度健全性计6分”）与评分表中该指标的得分相比，即使它写在另一指标的
    一节里（那时多半是指标名写错了）。
    """

    code = "SCR002"
    name = "score.narrative_table"
    severity = "error"
    title = "正文得分与评分表不一致"
    title_en = "score in the text differs from the score table"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ev in evaluations(ctx):  # each project's score table with its own text
            yield from self._check(ctx, ev)

    def _check(self, ctx: Context, ev: Evaluation) -> Iterator[Finding]:
        for row in ev.rows:
            if row.narrative_score is None or row.score is None or row.narrative is None:
                continue
            ctx.coverage.checked += 1
            if stated(row.narrative_score).overlaps(row.score.interval):
                continue
            yield ctx.finding(self.code, row.narrative_score_block or row.narrative,
                              f"{named(row.name)}正文写作 {row.narrative_score.text}，评分表（第{(row.row or 0) + 1}行）为 "
                              f"{row.score.quantity.text} 分", excerpt=row.narrative_score.text,
                              stated=row.narrative_score.value, expected=row.score.value, unit="分",
                              detail={"table_row": row.row}, anchor=row.name)
        for award in ev.awards:
            target, section = award.named, award.section
            if target is None or target is section or target.score is None:
                continue
            ctx.coverage.checked += 1
            if stated(award.quantity).overlaps(target.score.interval):
                continue
            where = ""
            if section is not None and section.score is not None:
                where = (f"；此句在{named(section.name)}一节，该指标表中为 {section.score.quantity.text} 分"
                         + ("，指标名可能写错" if stated(award.quantity).overlaps(section.score.interval) else ""))
            said = _clause_before(award.block.text, award.quantity.start, award.quantity.end)
            yield ctx.finding(self.code, award.block,
                              f"正文写{quoted(said)}，评分表（第{(target.row or 0) + 1}行）{named(target.name)}为 "
                              f"{target.score.quantity.text} 分{where}",
                              excerpt=said, stated=award.quantity.value, expected=target.score.value,
                              unit="分", detail={"table_row": target.row, "section": section.name if section else None},
                              anchor=f"{target.name}|named|{award.block.index}")


def _clause_before(text: str, start: int, end: int) -> str:
    """The clause that ends with the figure at start:end (“故管理制度健全性计6分”)."""
    begin = max((m.end() for m in regex.finditer(r"[，,。；;：:！？\n]", text[:start])), default=0)
    return text[begin:end].strip()


@register
class RuleBands(Rule):
    """评分标准的档位有空档或重叠，或边界归属不明（评分表与正文所写的标准各查一次）。

    错误示例：≥90%计5分；80%-85%计3分；低于80%不得分（85%至90%之间无规定）
    正确示例：≥90%计5分；80%（含）-90%计3分；低于80%不得分

    “0-10%，计5分；11%-30%（含），计4分”在10%与11%之间留有空档；计数（人、个、次）的档位“0-10人、11-20人”首尾相接。
    """

    code = "SCR003"
    name = "rule.bands"
    severity = "warning"
    title = "评分档位有空档或重叠"
    title_en = "scoring bands leave a gap or overlap"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for row in (r for ev in evaluations(ctx) for r in ev.rows):
            in_text = row.narrative_scoring
            in_table = row.rule if row.rule is not in_text and row.rule_col is not None else None
            if in_table is not None and in_table.problems and row.block is not None:
                yield ctx.finding(self.code, row.block, self._message(row, "评分表", in_table), row=row.row,
                                  col=row.rule_col, excerpt=in_table.text, anchor=row.name + "|table")
            weight = row.weight.value if row.weight else None
            if in_table is not None and not in_table.problems and in_text is not None \
                    and quotes_part_of(in_text, in_table, weight):
                continue  # the text quotes some bands of a rule that has no gap: leaving some out is no gap
            if in_text is not None and in_text.problems and row.narrative_rule_block is not None:
                yield ctx.finding(self.code, row.narrative_rule_block, self._message(row, "正文", in_text),
                                  excerpt=in_text.text, anchor=row.name + "|text")

    @staticmethod
    def _message(row: Row, where: str, rule: ScoringRule) -> str:
        return f"{named(row.name)}{where}评分标准" + "；".join(rule.problems)


@register
class RuleRestated(Rule):
    """同一指标的评分标准在正文与评分表中写法不同（数字、档位或年份不同）。

    错误示例：
        1.在职人员控制率。评分标准：≤100%计4分；每超过一个百分点扣0.5分。……
        在职人员控制率 | ≤100%计4分；每超过一个百分点扣1分 | 4 | 4
    正确示例：
        1.在职人员控制率。评分标准：≤100%计4分；每超过一个百分点扣0.5分。……
        在职人员控制率 | ≤100%计4分；每超过一个百分点扣0.5分 | 4 | 4

    两处都能读成规则时按规则比较（扣分起点、每档幅度、扣分数、档位边界与（含）、各档分数；“计满分”即该指标分值），
    正文只复述了一部分（如只写满分的一档）不算不同；读不成规则时比较两处的数字。评分表写明以某一年度为评价内容
    （“以2016年完工的……为评价内容”），而正文该节评价的是另一年度，也算两处不同。
    """

    code = "SCR004"
    name = "rule.restated"
    severity = "warning"
    title = "同一评分标准两处不一致"
    title_en = "the same rule written differently in two places"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ev in evaluations(ctx):  # each project's score table with its own text
            yield from self._check(ctx, ev)

    def _check(self, ctx: Context, ev: Evaluation) -> Iterator[Finding]:
        for row in ev.rows:
            if row.block is None or row.row is None:
                continue
            view = ctx.view(row.block)
            table_rule = self._table_rule(view, row)
            if table_rule is not None and row.narrative_scoring is not None and row.narrative_rule_block is not None:
                ctx.coverage.checked += 1
                weight = row.weight.value if row.weight else None
                pairs = differences(row.narrative_scoring, table_rule, weight)
                if pairs:
                    said = "；".join(f"正文{quoted(a)}，评分表{quoted(b)}" for a, b in pairs)
                    yield ctx.finding(self.code, row.narrative_rule_block,
                                      f"{named(row.name)}评分标准两处不同：{said}", excerpt=row.narrative_rule or "",
                                      detail={"narrative": row.narrative_rule, "table": table_rule.text},
                                      anchor=row.name)
            yield from self._years(ctx, view, row)

    @staticmethod
    def _table_rule(view: TableView, row: Row) -> ScoringRule | None:
        if row.rule_col is None or row.row is None:
            return None
        if row.rule is not None and row.rule is not row.narrative_scoring:
            return row.rule
        cell = view.grid[row.row][row.rule_col]
        return parse_rule(cell.text, row.weight.value if row.weight else None) if cell is not None else None

    def _years(self, ctx: Context, view: TableView, row: Row) -> Iterator[Finding]:
        """The table names the year it evaluates; the text evaluates another."""
        told = {m[1] for b in row.narrative_blocks for m in _YEAR.finditer(fold(b.text))}
        if not told or row.row is None:
            return
        for cell in view.grid[row.row]:
            if cell is None or cell.row != row.row:
                continue
            text = fold(cell.text)
            for m in _EVALUATED_YEAR.finditer(text):
                year = m["y1"] or m["y2"] or m["y3"]
                if year in told or _COMPARED.search(text[max(0, m.start() - 8):m.end() + 8]):
                    continue
                ctx.coverage.checked += 1
                sentence = _sentence_at(text, m.start())
                yield ctx.finding(self.code, row.block,
                                  f"{named(row.name)}评分表写{quoted(sentence)}，正文该节评价的是{'、'.join(sorted(told))}年",
                                  row=row.row, col=cell.col, excerpt=sentence,
                                  detail={"table_year": year, "text_years": sorted(told)},
                                  anchor=f"{row.name}|year{year}")
                break


_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# the year a rule says it evaluates: 以2016年完工的……为评价内容 / 2016年度竣工的 / 考核期为2016年
_EVALUATED_YEAR = regex.compile(
    r"以\s*(?P<y1>(?:19|20)\d{2})\s*年[^。；;，,]{0,24}?为(?:评价|考核|计算|统计|计分)"
    r"|(?P<y2>(?:19|20)\d{2})\s*年度?(?:内)?(?:完工|竣工|建成|开工|实施|发生|完成|启动)的"
    r"|(?:评价|考核|统计)(?:期|期间|年度|范围|内容|对象)\s*(?:为|是)?\s*(?P<y3>(?:19|20)\d{2})\s*年")
# a year named to compare with (上年, 较2016年, 2017年预算-2016年预算) is not the year evaluated
_COMPARED = regex.compile(r"上年|下年|较|比|相比|同比|基数|基期|增长|增加|减少|下降|变动|[-—－/÷]")


def _sentence_at(text: str, at: int) -> str:
    start = max((m.end() for m in regex.finditer(r"[。；;\n]", text[:at])), default=0)
    end = regex.search(r"[。；;\n]", text[at:])
    return text[start:at + end.start() if end else len(text)].strip()


@register
class PartialStep(Rule):
    """评分标准对不足一档的差距或恰在边界上的值未说明如何计分。

    错误示例：
        预算完成率=471.28/486.50×100%=96.87%，故计3分。
        预算完成率 | 100%计满分，每低于5%扣2分，扣完为止 | 5 | 3
        （差3.13%，不足一档：扣2分还是不扣，标准未说明）
    正确示例：
        预算完成率 | 100%计满分，每低于5%扣2分，不足5%的按5%计，扣完为止 | 5 | 3
    """

    code = "SCR005"
    name = "rule.ambiguous"
    severity = "info"
    title = "评分标准对此值未说明"
    title_en = "rule does not say how to score this value"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for a in (a for ev in evaluations(ctx) for a in _awarded_scores(ev)):
            expected, row = a.expected, a.row
            if expected is None or not expected.ambiguous:
                continue
            if expected.points is None:
                finding = _at_awarded(ctx, self.code, a, f"{named(row.name)}：{expected.note}", excerpt=row.stated_text)
            elif any(stated(a.awarded).contains(c) for c in expected.alternatives or [expected.points]):
                finding = _at_awarded(ctx, self.code, a, f"{named(row.name)}：{expected.note}；自评 {a.awarded.text} 分按其中一种理解成立",
                                      excerpt=row.rule.text if row.rule else "", stated=a.awarded.value)
            else:
                continue  # the score fits no reading of the rule: SCR001 says so
            if finding is not None:
                yield finding


@register
class Weights(Rule):
    """评分表权重（分值）逐级相加不符，或总分值不为100。

    错误示例：
        一级指标 | 分值 | 三级指标 | 分值 | 得分
        投入 | 12 | 在职人员控制率 | 4 | 4
        预算调整率 | 4 | 3
        重点支出安排率 | 5 | 3
        （其下三级指标分值4+4+5=13，与一级指标“投入”的12分不符）
    正确示例：
        投入 | 12 | 在职人员控制率 | 4 | 4
        预算调整率 | 4 | 3
        重点支出安排率 | 4 | 3

    每级指标的分值（在分值列，或写在名称里：“过 程(40分)”，或不带“分”字而该级各项相加为100：“预算执行(24)”）
    应等于其下一级各项分值之和；一个合并单元格只算一次（分页后重新合并而重复写出的一级指标和分值是同一格，
    两项指标共用的分值也是一格）。各一级指标分值之和应为100（10号、四川表式另加资金块中预算执行的权重），
    合计行所写分值应等于各项之和，四川表式
    “绩效指标（90分）”应等于各指标权重之和。
    """

    code = "SCT001"
    name = "scoretable.weights"
    severity = "error"
    title = "权重逐级相加不符"
    title_en = "weights do not add up level by level or to 100"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for table in score_tables(ctx):
            yield from self._levels(ctx, table)
            yield from self._whole(ctx, table)

    def _levels(self, ctx: Context, table: ScoreTable) -> Iterator[Finding]:
        view = table.view
        for node in table.indicators:
            if not node.weights or not node.children or not all(node.covers(p) for p in node.weights):
                continue
            below = weight_frontier(node.children)
            if not below or not all(node.covers(p) for p in below):
                continue
            ctx.coverage.checked += 1
            own, total = node.weight, total_of(below)
            if own is None or own.overlaps(total):
                continue
            if (bottom := bottom_weight(node.children)) is not None and own.overlaps(bottom):
                continue  # an item below disagrees with its own items: that is where it is said
            at = node.weights[0]
            stated_text = "+".join(p.text for p in node.weights)
            yield ctx.finding(
                self.code, view.block,
                f"{named(node.name)}分值 {stated_text}，其下各项分值 {'+'.join(p.text for p in below)}={shown(total.mid)}",
                row=at.row, col=at.col, excerpt=view.row_text(at.row), stated=sum((p.value for p in node.weights), Decimal(0)),
                expected=_value(total), unit="分", detail={"children": [p.text for p in below]},
                anchor=node.cell.text.strip())

    def _whole(self, ctx: Context, table: ScoreTable) -> Iterator[Finding]:
        view = table.view
        top = weight_frontier(table.roots)
        if not top:
            return
        indicators = total_of(top)
        execution = table.execution.weight if table.execution is not None else None

        def and_execution(weights: Interval) -> Interval:
            return weights + execution.interval if execution is not None else weights

        reported = False
        if (part := table.part_weight) is not None:
            ctx.coverage.checked += 1
            if not part.interval.overlaps(indicators):
                reported = True
                yield ctx.finding(self.code, view.block, f"“绩效指标”写作 {part.text} 分，各指标权重之和为 {shown(indicators.mid)}",
                                  row=part.row, col=part.col, excerpt=view.row_text(part.row), stated=part.value,
                                  expected=_value(indicators), unit="分", anchor="part-weight")
        for total in table.total_weights:
            items = self._column_total(table, total) or indicators
            options = [items, and_execution(items)]  # a 四川 indicator table may total its own weights only
            ctx.coverage.checked += 1
            if any(o.overlaps(total.interval) for o in options):
                continue
            reported = True
            plus = f"（含预算执行权重 {execution.text}）" if execution is not None else ""
            yield ctx.finding(self.code, view.block, f"合计分值写作 {total.text}，各项分值之和为 {shown(options[-1].mid)}{plus}",
                              row=total.row, col=total.col, excerpt=view.row_text(total.row), stated=total.value,
                              expected=_value(options[-1]), unit="分", anchor=f"total-weight-{total.col}")
        if reported or (execution is None and table.part_weight is not None):
            return  # (a 四川 indicator table whose money block was not found: its 90 is not the whole)
        ctx.coverage.checked += 1
        whole, bottom = and_execution(indicators), bottom_weight(table.roots)
        if whole.contains(Decimal(100)) or (bottom is not None and and_execution(bottom).contains(Decimal(100))):
            return  # (or a level below disagrees with its items, and is named there)
        row = table.total_row if table.total_row is not None else top[0].row
        col = top[0].col  # the column of the weights that were added
        plus = f"（含预算执行权重 {execution.text}）" if execution is not None else ""
        yield ctx.finding(self.code, view.block, f"各指标分值合计为 {shown(whole.mid)}{plus}，不是100分",
                          row=row, col=col, excerpt=view.row_text(row), stated=_value(whole),
                          expected=Decimal(100), unit="分", detail={"weights": [p.text for p in top]}, anchor="weights-100")

    @staticmethod
    def _column_total(table: ScoreTable, total: Points) -> Interval | None:
        """What a 合计 printed in a level's weight column adds up: the distinct weight cells of that
        column (a one-column numbered table: its top level)."""
        if total.key[0] != "cell" or len(table.layout.names) == 1:
            return None
        cells = distinct([p for node in table.indicators for p in node.weights if p.col == total.col and p.key[0] == "cell"])
        return total_of(cells) if cells else None


@register
class ScoreRange(Rule):
    """得分超过该指标分值，或为负数。

    错误示例：
        三级指标 | 评分标准 | 分值 | 得分
        在职人员控制率 | ≤100%计4分；每超过一个百分点扣0.5分，扣完为止 | 4 | 5
    正确示例：
        在职人员控制率 | ≤100%计4分；每超过一个百分点扣0.5分，扣完为止 | 4 | 4

    分值写在名称里（“协作部门满意度(3分)”）的同样核对；两项指标共用一个合并的分值时，两项得分之和不得
    超过该分值。
    """

    code = "SCT002"
    name = "scoretable.range"
    severity = "error"
    title = "得分超出分值范围"
    title_en = "score outside 0 … weight"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for table in score_tables(ctx):
            groups: dict[tuple[tuple[str, int, int], ...], list[Indicator]] = {}
            for node in table.indicators:
                if node.score is not None and node.weights:
                    groups.setdefault(tuple(p.key for p in node.weights), []).append(node)
            for nodes in groups.values():
                yield from self._group(ctx, table, nodes)
            execution = table.execution
            if execution is not None and execution.weight is not None and execution.score is not None:
                ctx.coverage.checked += 1
                w, s = execution.weight, execution.score
                if s.interval.hi < 0 or s.interval.lo > w.interval.hi:
                    yield ctx.finding(self.code, execution.block, f"预算执行得分 {s.text} 超出其分值 0～{w.text}",
                                      row=s.row, col=s.col, excerpt=s.text, stated=s.value, expected=w.value, unit="分",
                                      anchor="execution")

    def _group(self, ctx: Context, table: ScoreTable, nodes: list[Indicator]) -> Iterator[Finding]:
        weight = nodes[0].weight
        assert weight is not None
        ctx.coverage.checked += 1
        scores = [n.score for n in nodes if n.score is not None]
        total = total_of(scores)
        negative = next((n for n in nodes if n.score is not None and n.score.interval.hi < 0), None)
        if negative is None and total.lo <= weight.hi:
            return
        node = negative or nodes[-1]
        assert node.score is not None
        weight_text = "+".join(p.text for p in node.weights)
        if negative is None and len(nodes) > 1:
            names = "、".join(named(n.name) for n in nodes)
            message = f"{names}共用分值 {weight_text}，得分 {'+'.join(s.text for s in scores)}={shown(total.mid)} 超出"
            stated_value = _value(total)
        else:
            message = f"{named(node.name)}得分 {node.score.text} 超出其分值 0～{weight_text}"
            stated_value = node.score.value
        yield ctx.finding(self.code, table.block, message, row=node.score.row, col=node.score.col,
                          excerpt=node.score.text, stated=stated_value,
                          expected=Decimal(0) if negative is not None else _value(weight), unit="分", anchor=node.name)


@register
class TotalScore(Rule):
    """总分与各指标得分之和不符（评分表的总分行、小计行，正文所述总分）。

    错误示例：
        合计 | 100 | 96.44
        经综合评价，自评得分97.44分，评价等级为“优”。
    正确示例：
        合计 | 100 | 96.44
        经综合评价，自评得分96.44分，评价等级为“优”。

    10号、四川项目自评表的总分另含资金块中的预算执行得分；不适用指标不考核、按适用指标折算百分制时，与
    折算后的得分比较；总分按其显示位数四舍五入后一致即可（96.44 写作 96 分）。正文所述总分按“部门整体”
    “项目”的说法和所在章节对应到评分表。
    """

    code = "SCT003"
    name = "scoretable.total"
    severity = "error"
    title = "总分与得分之和不符"
    title_en = "total score is not the sum of the scores"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for table in score_tables(ctx):
            yield from self._subtotals(ctx, table)
            yield from self._table_total(ctx, table)
        yield from self._narrative(ctx)

    def _subtotals(self, ctx: Context, table: ScoreTable) -> Iterator[Finding]:
        for node in table.indicators:
            if node.score is None or not node.children or not (below := leaf_scores(node)):
                continue
            ctx.coverage.checked += 1
            total = total_of(below)
            if node.score.interval.overlaps(total):
                continue
            places = max(shown_decimals(p.text) for p in below)  # 9.40+7.20+5.00+6.00 is 27.60, not 27.6
            yield ctx.finding(self.code, table.block,
                              f"{named(node.name)}得分写作 {node.score.text}，其下各项得分之和为 {format(round_half_up(total.mid, places), 'f')}",
                              row=node.score.row, col=node.score.col, excerpt=table.view.row_text(node.score.row),
                              stated=node.score.value, expected=_value(total), unit="分", anchor=f"subtotal-{node.name}")

    def _table_total(self, ctx: Context, table: ScoreTable) -> Iterator[Finding]:
        view = table.view
        recomputed = _recomputed(table)
        if recomputed is not None and (total := table.total_score) is not None:
            ctx.coverage.checked += 1
            if not total.interval.overlaps(recomputed):
                how = "预算执行得分与各指标得分之和" if _counts_execution(table) else "各指标得分之和"
                yield ctx.finding(self.code, view.block, f"总分写作 {total.text}，{how}为 {shown(recomputed.mid)}",
                                  row=total.row, col=total.col, excerpt=view.row_text(total.row), stated=total.value,
                                  expected=_value(recomputed), unit="分", anchor="table-total")
        renormalised = _renormalised(table)
        if renormalised is not None and (adjusted := table.adjusted_score) is not None:
            ctx.coverage.checked += 1
            if not adjusted.interval.overlaps(renormalised):
                yield ctx.finding(self.code, view.block, f"折算得分写作 {adjusted.text}，按适用指标折算百分制为 {shown(renormalised.mid)}",
                                  row=adjusted.row, col=adjusted.col, excerpt=view.row_text(adjusted.row),
                                  stated=adjusted.value, expected=_value(renormalised), unit="分", anchor="adjusted-total")

    def _narrative(self, ctx: Context) -> Iterator[Finding]:
        says_renormalise = any(_RENORMALISE.search(b.text) for b in ctx.text_blocks())
        for statement in stated_totals(ctx):
            q = statement.quantity
            candidates = []
            for table in table_for(ctx, statement):
                renormalised = _renormalised(table)
                if renormalised is not None and (says_renormalise or table.adjusted_score is not None):
                    candidates.append((table, renormalised, True))
                elif (recomputed := _recomputed(table)) is not None:
                    candidates.append((table, recomputed, False))
            if not candidates:
                yield from self._listed(ctx, statement)
                continue
            ctx.coverage.checked += 1
            if any(_agrees(q, value) for _, value, _ in candidates):
                continue
            table, value, renormalised_ = candidates[0]
            how = "按适用指标折算百分制为" if renormalised_ else (
                "评分表预算执行得分与各指标得分之和为" if _counts_execution(table) else "评分表各指标得分之和为")
            yield ctx.finding(self.code, statement.block, f"正文总分写作 {q.text}，{how} {shown(value.mid)} 分",
                              excerpt=q.text, stated=q.value, expected=Decimal(shown(value.mid)), unit="分",
                              detail={"table": ctx.table_ordinal.get(table.block.index)}, anchor="narrative-total")


    def _listed(self, ctx: Context, statement: StatedTotal) -> Iterator[Finding]:
        """No score table: the total held to the first-level scores its own sentence lists before it
        (“投入指标得19分（满分20分），过程指标得28分（满分30分），…，自评总得分96.67分”)."""
        q = statement.quantity
        parts = listed_parts(statement.block.text, q.start)
        if parts is None:
            return
        ctx.coverage.checked += 1
        summed = Interval.exact(0)
        for _, n in parts:
            summed = summed + Interval.shown(Decimal(n), len(n.partition(".")[2]) or None)
        if _agrees(q, summed):
            return
        places = max(len(n.partition(".")[2]) for _, n in parts)
        total = format(round_half_up(summed.mid, places), "f")
        if summed.mid == summed.mid.to_integral_value():
            total = format(summed.mid.to_integral_value(), "f")  # 19+27.5+28+18.5 is 93, not 93.0
        addends = "+".join(n for _, n in parts)
        yield ctx.finding(self.code, statement.block,
                          f"正文总分写作 {q.text}，同句所列各一级指标得分之和（{addends}）为 {total} 分",
                          excerpt=q.text, stated=q.value, expected=Decimal(total), unit="分",
                          detail={"parts": [{"label": name, "value": n} for name, n in parts]}, anchor="narrative-total")


# 投入指标得19分（满分20分）: a first-level score listed in the text, with its full marks if given
def _value(interval: Interval) -> Decimal:
    return Decimal(shown(interval.mid))


def _counts_execution(table: ScoreTable) -> bool:
    """Does the table's total include the money block's execution score? Unless its 合计 weight is
    that of the indicators alone (a 四川 indicator table printed apart from its money table)."""
    execution = table.execution
    if execution is None or execution.score is None:
        return False
    top = weight_frontier(table.roots)
    if top and execution.weight is not None and table.total_weights:
        indicators = total_of(top)
        alone = any(t.interval.overlaps(indicators) and not t.interval.overlaps(indicators + execution.weight.interval)
                    for t in table.total_weights)
        return not alone
    return True


def _recomputed(table: ScoreTable) -> Interval | None:
    scores = score_frontier(table.roots)
    if not scores:
        return None
    total = total_of(scores)
    if _counts_execution(table):
        assert table.execution is not None and table.execution.score is not None
        total = total + table.execution.score.interval
    return total


def _renormalised(table: ScoreTable) -> Interval | None:
    """Σ scores ÷ Σ applicable weights × 100, when some indicator is not applicable (or the table
    has a 适用分值 column)."""
    scores = score_frontier(table.roots)
    top = weight_frontier(table.roots)
    if not scores or not top:
        return None
    applicable = table.applicable
    if applicable is None:
        excluded = distinct([p for n in table.indicators if n.not_applicable for p in n.weights])
        if not excluded:
            return None
        applicable = total_of(top) - total_of(excluded)
    ratio = total_of(scores) / applicable
    return ratio.scale(100) if ratio is not None else None


def _agrees(q: LocatedQuantity, value: Interval) -> bool:
    """The stated total is the value at the precision it is written (96.44 may be written 96)."""
    decimals = q.decimals or 0
    shown_range = Interval(round_half_up(value.lo, decimals), round_half_up(value.hi, decimals))
    return stated(q).overlaps(value) or stated(q).overlaps(shown_range)


@register
class Grade(Rule):
    """评价等级与总分不符（按报告自己写明的等级标准，否则按 优≥90、良80–90、中60–80、差<60）。

    错误示例：总分86分，评价等级为“优”
    正确示例：总分86分，评价等级为“良”
    """

    code = "GRD001"
    name = "grade"
    severity = "error"
    title = "等级与总分不符"
    title_en = "grade does not match the total score"

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[int] = set()
        for ev in evaluations(ctx):  # each project's total and grade, in its own part of the report
            if ev.stated_grade is None or ev.stated_grade[0].index in seen:
                continue
            block, grade, excerpt = ev.stated_grade
            seen.add(block.index)
            total = (ev.narrative_total.value if ev.narrative_total is not None
                     else ev.stated_total.value if ev.stated_total is not None else ev.recomputed_total)
            if total is None:
                continue
            ctx.coverage.checked += 1
            expected = ev.expected_grade(total)
            if expected == grade:
                continue
            bands = "、".join(f"{g}≥{shown(f)}" for f, g in sorted(ev.bands, reverse=True))
            yield ctx.finding(self.code, block, f"总分 {shown(total)} 分应评为“{expected}”（{bands}），报告写作“{grade}”",
                              excerpt=excerpt, detail={"stated_grade": grade, "expected_grade": expected, "total": shown(total)},
                              anchor="grade")


@register
class IndicatorValue(Rule):
    """指标值与报告自己给出的输入重新计算的结果不符；若只与另一口径相符，说明是哪一口径。

    错误示例：
        1.在职人员控制率。本单位编制13人，实有在职人员11人，在职人员控制率为86.62%，故计4分。
        （11÷13=84.62%）
    正确示例：
        ……在职人员控制率为84.62%，故计4分。

    核对评分表中的指标（正文按小标题“1.在职人员控制率”对应到评分表的行）和正文中单独写出的指标值；输入取报告中
    有名称的数字，且须是同一项目或部分、同一年度的（多项目报告按各项目自己的一节和自评表核对）：正文中的，
    按年度分行的表中本年度一行的，和只有一列数值的基础数据表（项目 | 数值 | 说明：“其中：在用固定资产（元）|
    5,702,150.00”；数值列标为上年或另一年度的不取）中各行的。报告自己写出
    计算公式时（“资金到位率=实际到位资金÷调整后预算×100%”，或写在指标名称里：“结余率(计算方法为:结余数/
    预算数)”）按报告的公式计算；所写的值只与另一口径相符时同样报错，并说明相符的是哪一口径（如只与“其中：
    当年财政拨款”一行相符）。报告没有写公式时按指标目录（checks/data/indicators.toml）的标准口径，只与另一
    常见口径相符的值由 IND002 提示。绩效指标表中与“年度目标”“实际完成”并列的“完成率”列逐行核对：完成率 =
    实际完成值 ÷ 年度目标值 × 100%，只核对目标与实际都是同一单位数字的行（定性、日期、“达成”不核对；目标为
    “≤”的成本类反向指标不核对；超额完成写作100%视为封顶）。有“预算数 | 执行数 | 执行率”列的表（10号表资金
    块的“其中”各行、按用途的支出表）逐行核对：执行率 = 执行数 ÷ 预算数 × 100%（与同行另一金额列相符的，
    是口径问题，不报）。正文中紧跟其两个数写出的比率（“共发放问卷560份，回收542份，回收率97.14%”：回收 ÷
    发放）也核对：分子是同一分句组（到“；”为止）中名称含比率词干（回收率→回收）的数，分母须是其前唯一的
    同单位数。
    """

    code = "IND001"
    name = "indicator.recompute"
    severity = "error"
    title = "指标值与输入重算不符"
    title_en = "indicator value differs from its recomputation"

    def check(self, ctx: Context) -> Iterator[Finding]:
        from checks.named_rates import named_rate_findings

        found = [f for f in indicator_findings(ctx) if f.rule == self.code]
        yield from found
        yield from completion_findings(ctx, self.code)  # 绩效指标 | 年度目标 | 实际完成 | 完成率
        yield from deviation_findings(ctx, self.code)  # … | 年度目标值 | 实际完成值 | 偏差率
        held = {(f.location.block, f.location.start) for f in found}
        # 共发放问卷560份，回收542份，回收率97.14%: a rate right after the two figures it is made of
        yield from (f for f in named_rate_findings(ctx, self.code) if (f.location.block, f.location.start) not in held)
        # 预算数 | 执行数 | 执行率, row by row (the 10号 money block's 其中 rows; the rate of its 年度资金总额 row is
        # the indicator's, judged above with the other readings of it)
        cells = {(f.location.block, f.location.row, f.location.col) for f in found}
        scored = {(ev.execution.block.index, ev.execution.row) for ev in evaluations(ctx)
                  if ev.execution is not None and ev.execution.block is not None}
        yield from (f for f in execution_findings(ctx, self.code)
                    if (f.location.block, f.location.row, f.location.col) not in cells
                    and (f.location.block, f.location.row) not in scored)


def indicator_findings(ctx: Context) -> list[Finding]:
    """Every indicator value recomputed once from the report's own inputs: IND001 reports a value
    its inputs do not give, IND002 a value that fits only another base than the standard one.
    Each place that states the value is held to it: the score table's cell and the text."""
    cached = ctx.__dict__.get("_indicator_findings")
    if cached is not None:
        return cached
    out: list[Finding] = []
    for ev in evaluations(ctx):
        for row in ev.all_rows:
            if row.recomputed is None:
                continue
            places = _places(row)
            if places:
                ctx.coverage.checked += 1
            for place in places:
                if row.recomputations:
                    out += _held_to(ctx, row.name, place, row.recomputations, row.computed_in_formula)
                else:  # the 10号 execution rate, from its own money block
                    out += _judge(ctx, row.name, place, None, row.recomputed, row.base, "", row.computed_in_formula,
                                  row.other_rows)
    reported: set[tuple[str, str, Decimal]] = set()
    for s in stated_indicators(ctx):
        ctx.coverage.checked += 1
        place = _Place(s.claim.value, s.claim.text, s.block, None, None, (s.claim.start, s.claim.end))
        findings = _held_to(ctx, s.claim.subject or s.name, place, s.found, s.computed)
        key = (s.name, s.claim.qualifiers.entity, s.claim.value)
        if findings and key not in reported:  # a wrong value restated is one mistake
            reported.add(key)
            out += findings
    ctx.__dict__["_indicator_findings"] = out
    return out


@dataclass
class _Place:
    """Where a value of the indicator is stated: a score-table cell, or the text."""

    value: Decimal
    text: str
    block: Block
    row: int | None
    col: int | None
    span: tuple[int, int] | None = None

    @property
    def interval(self) -> Interval:
        return Interval.shown(self.value, shown_decimals(self.text))


def _places(row: Row) -> list[_Place]:
    """The table's value and the text's; one place when both say the same (the text, as a reader
    meets it first)."""
    out: list[_Place] = []
    table = row.table_value or row.actual_value
    if table is not None and row.block is not None:
        out.append(_Place(table[0], table[1], row.block, row.row, row.value_col))
    if row.narrative_value is not None and row.narrative_value_block is not None:
        text = _Place(row.narrative_value[0], row.narrative_value[1], row.narrative_value_block, None, None)
        if row.narrative_at is not None:
            text.span = (row.narrative_at[1], row.narrative_at[1] + len(text.text))
        out = [p for p in out if not p.interval.overlaps(text.interval)] + [text]
    elif not out and row.stated_value is not None and not row.coefficient and "%" in fold(row.stated_text) \
            and (row.narrative or row.block) is not None:
        out.append(_Place(row.stated_value, row.stated_text, row.narrative or row.block, None, None))  # type: ignore[arg-type]
    return out


def _held_to(ctx: Context, name: str, place: _Place, found: list[Recomputation], own_formula: Interval | None) -> list[Finding]:
    """The value against every way the inputs give it: the report's own formula when it prints one
    (then nothing else counts), else the catalogue's standard base, then its other bases."""
    primary = found[0]
    fit: tuple[Recomputation, Interval] | None = None
    for r in found:
        if (r.own or not primary.own) and (iv := next((v for v in r.readings if v.overlaps(place.interval)), None)):
            fit = (r, iv)
            break
    alternative = fit[0].formula.base if fit is not None and fit[0] is not primary and not primary.own else ""
    return _judge(ctx, name, place, primary, fit[1] if fit else primary.value, describe_base(primary), alternative,
                  own_formula, [], alternatives=found[1:])


def _judge(ctx: Context, name: str, place: _Place, primary: Recomputation | None, truth: Interval, base: str,
           alternative: str, own_formula: Interval | None, other_rows: list[tuple[str, Interval, str]],
           alternatives: list[Recomputation] | None = None) -> list[Finding]:
    stated_iv = place.interval
    decimals = shown_decimals(place.text)
    if own_formula is not None and not own_formula.overlaps(stated_iv):
        return []  # the printed formula already disagrees with its result: FML001 says so there
    if truth.overlaps(stated_iv) or (primary is not None and primary.fits(stated_iv)):
        if alternative:
            return [_at(ctx, place, "IND002", name, f"{named(name)}{place.text} 与标准口径不符，按“{alternative}”口径计算相符",
                        severity="info")]
        return []
    expected = round_half_up(truth.mid, decimals)
    why = base
    if primary is not None and primary.operands:
        why += "：" + "、".join(f"{sym}{fact.text}" for sym, fact in primary.operands.items())
    message = f"{named(name)}写作 {place.text}，按报告所列数据（{why}）计算应为 {fmt_interval(truth, decimals)}%"
    fits_other = [f"{how}（{figures}）" for how, value, figures in other_rows if value.overlaps(stated_iv)]
    fits_other += [f"“{r.formula.base}”口径" for r in alternatives or [] if r.fits(stated_iv)]
    if fits_other:
        message += f"；所写的值只与{fits_other[0]}相符，口径用错"
    return [_at(ctx, place, "IND001", name, message, stated=place.value, expected=expected, unit="%")]


def _at(ctx: Context, place: _Place, code: str, name: str, message: str, **kw) -> Finding:  # type: ignore[no-untyped-def]
    if place.row is not None:
        return ctx.finding(code, place.block, message, row=place.row, col=place.col, excerpt=place.text, anchor=name, **kw)
    return ctx.finding(code, place.block, message, excerpt=place.text, anchor=name, span=place.span, **kw)


@register
class FormulaForm(Rule):
    """报告所列公式与标准定义不同：写成“÷100%”，或用了另一口径的分母。

    错误示例：在职人员控制率=在职人员数/编制数÷100%
    正确示例：在职人员控制率=在职人员数/编制数×100%
    """

    code = "IND002"
    name = "indicator.formula"
    severity = "warning"
    title = "公式写法与标准不同"
    title_en = "formula differs from the standard definition"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in ctx.text_blocks():
            for chain in find_chains(block.text, definitions=True):
                for seg in chain.segments:
                    # a rate defined as …÷100% (its last step); 得分=执行率/100%×权重 turns a rate into a
                    # fraction on purpose and is no rate's definition
                    if seg.kind == "symbolic" and regex.search(r"[÷/／]\s*100\s*[%％]\s*$", seg.text) \
                            and not regex.search(r"分$", chain.name or ""):
                        yield ctx.finding(self.code, block, f"公式{named(chain.name or seg.text)}写作“÷100%”，应为“×100%”",
                                          excerpt=seg.text, anchor=chain.name + seg.text)
        yield from (f for f in indicator_findings(ctx) if f.rule == self.code)


@register
class ValueNarrativeVersusTable(Rule):
    """同一指标的指标值在正文与评分表（指标说明/完成值）中不一致。

    错误示例：
        5.服务对象满意度。……满意度为83.50%，故计8分。
        服务对象满意度 | 90%（含）以上计10分；80%（含）-90%计8分；低于80%不得分 | 满意度93.50% | 10 | 8
    正确示例：
        5.服务对象满意度。……满意度为93.50%，故计10分。
        ……满意度93.50% | 10 | 10
    """

    code = "IND003"
    name = "indicator.narrative_table"
    severity = "error"
    title = "指标值正文与评分表不一致"
    title_en = "indicator value differs between text and table"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ev in evaluations(ctx):
            for row in ev.all_rows:
                yield from self._restated(ctx, row)
                table = row.table_value or row.actual_value
                block = row.narrative_value_block or row.narrative
                if row.narrative_value is None or table is None or block is None:
                    continue
                (nv, nt), (tv, tt) = row.narrative_value, table
                n_iv, t_iv = Interval.shown(nv, shown_decimals(nt)), Interval.shown(tv, shown_decimals(tt))
                ctx.coverage.checked += 1
                if n_iv.overlaps(t_iv):
                    continue
                column = "完成值" if row.table_value is None else ""
                where = f"评分表（第{(row.row or 0) + 1}行）{column}"
                name = named(row.name)
                if _table_is_wrong(row, n_iv, t_iv) and row.block is not None:
                    why = "按报告所列数据重算" if row.recomputed is not None else "按其所列算式"
                    yield ctx.finding(self.code, row.block,
                                      f"{name}{where}写作 {tt}，正文写作 {nt}（{why}相符），应为 {nt}",
                                      row=row.row, col=row.value_col, excerpt=tt, stated=tv, expected=nv, unit="%",
                                      anchor=row.name)
                    continue
                span = (row.narrative_at[1], row.narrative_at[1] + len(nt)) if row.narrative_at else None
                if _verified(row, t_iv) and not _verified(row, n_iv):  # the inputs give the table's value
                    yield ctx.finding(self.code, block,
                                      f"{name}正文写作 {nt}，{where}写作 {tt}（按报告所列数据重算相符），应为 {tt}",
                                      excerpt=nt, stated=nv, expected=tv, unit="%", anchor=row.name, span=span)
                    continue
                candidates = [candidate(f"若{where}无误，正文应为 {tt}", f"if the score table is right, the text should "
                                        f"read {tt}", tv),
                              candidate(f"若正文无误，{where}应为 {nt}", f"if the text is right, the score table should "
                                        f"read {nt}")]
                yield ctx.finding(self.code, block, f"{name}正文写作 {nt}，{where}写作 {tt}，二者不一致；"
                                  f"{readings(candidates)}", excerpt=nt, stated=nv, expected=None, unit="%",
                                  anchor=row.name, span=span, detail={"candidates": candidates})

    def _restated(self, ctx: Context, row: Row) -> Iterator[Finding]:
        """The value stated once more in the text (a conclusion's “满意度96.4%”), held to the table's
        value and to the text's first statement of it: wrong when it matches neither. The value it
        should be is known only where the report's inputs give one of them."""
        table = row.table_value or row.actual_value
        refs = [(table[0], table[1], f"评分表（第{(row.row or 0) + 1}行）")] if table is not None else []
        if row.narrative_value is not None and row.narrative_value_block is not None:
            refs.append((*row.narrative_value, section_place(row.narrative_value_block.section)))
        if not refs:
            return
        for s in row.restated:
            q = s.quantity
            mine = Interval.shown(q.value, shown_decimals(q.text))
            ctx.coverage.checked += 1
            if any(mine.overlaps(Interval.shown(v, shown_decimals(t))) for v, t, _ in refs):
                continue
            here = f"{named(row.name)}此处写作 {q.text}"
            known = [(v, t, w) for v, t, w in refs if _verified(row, Interval.shown(v, shown_decimals(t)))]
            if known:
                value, text, where = known[0]
                yield ctx.finding(self.code, s.block, f"{here}，{where}写作 {text}（按报告所列数据重算相符），应为 {text}",
                                  excerpt=q.text, stated=q.value, expected=value, unit="%", anchor=row.name,
                                  span=(q.start, q.end))
                continue
            value, text, where = refs[0]
            candidates = [candidate(f"若{where}无误，此处应为 {text}", f"if the other place is right, this one should "
                                    f"read {text}", value),
                          candidate(f"若此处无误，{where}应为 {q.text}", f"if this place is right, the other should "
                                    f"read {q.text}")]
            yield ctx.finding(self.code, s.block, f"{here}，{where}写作 {text}，二者不一致；{readings(candidates)}",
                              excerpt=q.text, stated=q.value, expected=None, unit="%", anchor=row.name,
                              span=(q.start, q.end), detail={"candidates": candidates})


def _verified(row: Row, value: Interval) -> bool:
    """Do the report's own inputs (or the working printed with it) give this value?"""
    return any(c is not None and c.overlaps(value) for c in (row.recomputed, row.narrative_computed))


def _table_is_wrong(row: Row, text: Interval, table: Interval) -> bool:
    """Which of two values is the mistake, when the report shows it: the one its inputs do not
    give, or — without inputs — the table's, when the text prints the working that gives its own."""
    if row.recomputed is not None:
        return row.recomputed.overlaps(text) and not row.recomputed.overlaps(table)
    return row.narrative_computed is not None and row.narrative_computed.overlaps(text) \
        and not row.narrative_computed.overlaps(table)


@register
class UndefinedRate(Rule):
    """比率的分母为0（0/0），指标值无定义，却写出百分比或据此计分。

    错误示例：政府采购执行率=0/0×100%=100%，故计4分（未安排政府采购预算，指标不适用）
    正确示例：未安排政府采购预算，该指标不适用，按适用指标折算

    分母为0可以写成公式（0/0），也可以写在正文该指标一节里（“本单位无政府采购预算”“政府采购预算为0元”）；
    评分标准对这种情形有规定（“没有楼堂馆所项目的部门按满分计算”）或报告写明不适用、不计分时不报。
    """

    code = "SCR006"
    name = "rate.undefined"
    severity = "warning"
    title = "分母为0的比率"
    title_en = "rate with a zero denominator"

    def check(self, ctx: Context) -> Iterator[Finding]:
        reported: set[int] = set()
        for row in (r for ev in evaluations(ctx) for r in ev.rows):
            awarded = _awarded_points(row)
            if row.undefined:
                message = f"{named(row.name)}的计算分母为0，指标值无定义" + (f"，却计 {awarded.text}" if awarded else "")
                excerpt = row.undefined[:80]
            elif awarded is not None and awarded.value > 0 and (zero := _zero_base(row)) is not None:
                message = f"{named(row.name)}：正文写{quoted(zero)}，计算分母为0，指标值无定义，却计 {_points_text(awarded)}"
                excerpt = zero
            else:
                continue
            finding = _at_score_or_text(ctx, self.code, row, message, excerpt=excerpt, anchor=row.name)
            if finding is not None:
                reported.update(b.index for b in row.narrative_blocks or [_finding_block(ctx, finding)])
                yield finding
        for block in ctx.text_blocks():  # a 0/0 in prose that no score-table row explains
            if block.index in reported:
                continue
            for chain in find_chains(block.text):
                result = chain.segments[-1]
                if result.is_single_number and any(_divides_by_zero(seg) for seg in chain.segments[:-1]):
                    yield ctx.finding(self.code, block, f"{named(chain.name, '比率')}的计算分母为0，指标值无定义，却写作 {result.text}",
                                      excerpt=block.text[chain.start:chain.end], stated=result.literals[0].value,
                                      unit=result.literals[0].unit, anchor=chain.name, span=(result.start, result.end))


def _finding_block(ctx: Context, finding: Finding) -> Block:
    return next(b for b in ctx.doc.blocks if b.index == finding.location.block)


def _awarded_points(row: Row) -> Quantity | None:
    if row.score is not None:
        return row.score.quantity
    return row.narrative_score


def _at_score_or_text(ctx: Context, code: str, row: Row, message: str, **kw) -> Finding | None:  # type: ignore[no-untyped-def]
    """The awarded score the finding is about: in the text when the text gives it, else in the table."""
    if row.narrative_score_block is not None:
        return ctx.finding(code, row.narrative_score_block, message, **kw)
    if row.block is not None and row.score is not None:
        return ctx.finding(code, row.block, message, row=row.row, col=row.score_col, **kw)
    block = row.narrative or row.block
    return ctx.finding(code, block, message, **kw) if block is not None else None


_QUOTES = regex.compile(r"[“”\"'‘’]")
_NONE_OF = r"(?:无|没有|未安排|未编制|未设立|未设|未下达|未列|不涉及)"
_NOT_THE_BASE = r"(?!调整|追加|追减|变更|执行|结余|结转|以外|之外|外|超支)"  # 无公用经费预算调整事项
_NOT_ABSENCE = r"(?!超|突破|高于|低于|大于|小于|使用|执行|完成|达到|用完|偏离)"  # 没有超出政府采购预算: there is one
_SENTENCE_END = regex.compile(r"[。；;！？\n]")
# the rule or the report says what a zero base scores, or that the indicator is not scored
_PROVIDED_FOR = regex.compile(r"(?:没有|无|未)[^。；;]{0,24}?(?:满分|不适用|不考核|不参与|不计分|不评价|不予评分)"
                              r"|不适用|N/?A|不予评分|不计分|不参与评分|不考核")


def _zero_base(row: Row) -> str | None:
    """The sentence of the indicator's text that makes its denominator 0: “无政府采购预算”,
    “政府采购预算为0元”; None when the text says no such thing or the rule provides for it."""
    ind = find_indicator(row.name)
    if ind is None or row.not_applicable:
        return None
    parts = ind.formulas[0].expr.split("/")
    denominator = parts[-1].strip() if len(parts) == 2 else ""
    if not regex.fullmatch(r"[\p{Han}A-Za-z]+", denominator):
        return None  # a sum of several inputs: not read from prose
    texts = [_QUOTES.sub("", fold(b.text)) for b in row.narrative_blocks]
    rules = [fold(row.rule.text) if row.rule else "", fold(row.narrative_rule or "")]
    if any(_PROVIDED_FOR.search(t) for t in texts + rules):
        return None
    absent = regex.compile(rf"{_NONE_OF}(?:{_NOT_ABSENCE}[^，。；,;]){{0,8}}?{denominator}{_NOT_THE_BASE}"
                           rf"|{denominator}[^，。；,;\d]{{0,8}}?(?<![\d.])0(?:\.0+)?\s*(?:万元|元)?(?![\d.%])")
    for text in texts:
        if m := absent.search(text):
            start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
            end = _SENTENCE_END.search(text, m.end())
            return text[start:end.start() if end else len(text)].strip()
    return None


def _divides_by_zero(segment: Segment) -> bool:
    if segment.kind != "numeric" or segment.is_single_number:
        return False
    try:
        return evaluate_segment(segment) is None
    except EvalError:
        return False
