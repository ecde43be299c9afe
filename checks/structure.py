"""What the rules see of each table, as plain data for `audit-check extract --format json`: the
row tree of every table (which rows add up to which, and on what evidence) and the indicator
tree of every score table, with the evaluation re-done from it. A reviewer reads it to see why two
rows were or were not added together."""

from __future__ import annotations

from typing import Any

from checks.context import Context
from checks.scoretable import Indicator, Points, ScoreTable, score_tables
from checks.tableview import TableView
from extractor.model import Document


def describe(doc: Document) -> list[dict[str, Any]]:
    """One entry per table block, in document order."""
    from checks.evaluation import evaluations, summary

    ctx = Context(doc)
    scored = {t.view.block.index: t for t in score_tables(ctx)}
    done = {ev.table.block.index: summary(ev) for ev in evaluations(ctx) if ev.table is not None}
    out = []
    for view in ctx.views():
        table = scored.get(view.block.index)
        entry: dict[str, Any] = {"block": view.block.index, "caption": view.block.table.caption,  # type: ignore[union-attr]
                                 "row_tree": None if table is not None else _row_tree(view)}
        if table is not None:  # its rows are indicators: the score rules read the indicator tree
            entry["score_table"] = _score_table(table)
            entry["evaluation"] = done.get(view.block.index)
        out.append(entry)
    return out


def _row_tree(view: TableView) -> dict[str, Any]:
    tree = view.tree
    groups = [{"parent": g.parent, "label": view.label(g.parent), "children": list(g.children),
               "how": g.how, "certain": g.certain, "exhaustive": g.exhaustive}
              for _, g in sorted(tree.groups.items())]
    return {"groups": groups, "unclear": sorted(tree.unclear),
            "totals": [r for r in view.rows if view.is_total(r)]}


def _points(p: Points | None) -> dict[str, Any] | None:
    return None if p is None else {"value": str(p.value), "text": p.text, "row": p.row, "col": p.col}


def _indicator(node: Indicator) -> dict[str, Any]:
    return {"name": node.name, "level": node.level + 1, "rows": [node.first, node.last],
            "weights": [_points(w) for w in node.weights], "score": _points(node.score),
            "not_applicable": node.not_applicable, "children": [_indicator(c) for c in node.children]}


def _score_table(table: ScoreTable) -> dict[str, Any]:
    layout = table.layout
    return {
        "kind": table.kind,
        "columns": {"names": layout.names, "weights": layout.weights, "score": layout.score, "rule": layout.rule,
                    "note": layout.note, "target": layout.target, "actual": layout.actual,
                    "coefficient": layout.coefficient},
        "indicators": [_indicator(n) for n in table.roots],
        "total_row": table.total_row,
        "total_weights": [_points(w) for w in table.total_weights],
        "total_score": _points(table.total_score),
        "execution": None if table.execution is None else {
            "block": table.execution.block.index, "row": table.execution.row,
            "weight": _points(table.execution.weight), "score": _points(table.execution.score)},
    }
