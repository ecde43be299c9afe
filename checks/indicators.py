"""The indicator catalogue (checks/data/indicators.toml) and recomputation from stated inputs."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import regex

from checks.intervals import Interval
from checks.labels import canonical
from checks.settings import current as current_settings


@dataclass(frozen=True)
class Formula:
    expr: str
    base: str


@dataclass(frozen=True)
class Indicator:
    name: str
    synonyms: tuple[str, ...]
    direction: str
    formulas: tuple[Formula, ...]


def catalogue() -> dict[str, Indicator]:
    """The catalogue, with the extra indicators of the run's settings (same fields as indicators.toml)."""
    extra = current_settings().indicators
    return _catalogue_with(json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else "")


@lru_cache(maxsize=8)
def _catalogue_with(extra_json: str) -> dict[str, Indicator]:
    data = tomllib.loads((Path(__file__).parent / "data" / "indicators.toml").read_text(encoding="utf-8"))
    extra = json.loads(extra_json) if extra_json else []
    out: dict[str, Indicator] = {}
    for item in data["indicator"] + extra:
        ind = Indicator(item["name"], tuple(item.get("synonyms", [])), item.get("direction", "higher"),
                        tuple(Formula(f["expr"], f["base"]) for f in item["formulas"]))
        for name in (ind.name, *ind.synonyms):
            out[canonical(name)] = ind
    return out


def find(name: str) -> Indicator | None:
    return catalogue().get(canonical(name))


_TOKEN = regex.compile(r"\s*(?:(?P<name>[\p{Han}A-Za-z“”]+)|(?P<op>[-+*/()]))")


def evaluate(expr: str, inputs: dict[str, Interval]) -> Interval | None:
    """Interval value of a catalogue formula; None if an input is missing or a divisor may be 0."""
    tokens = [(m["name"], m["op"]) for m in _TOKEN.finditer(expr)]
    pos = 0

    def take() -> tuple[str | None, str | None]:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def peek() -> str | None:
        return tokens[pos][1] if pos < len(tokens) else None

    def atom() -> Interval | None:
        name, op = take()
        if op == "(":
            inner = expr_()
            take()
            return inner
        return inputs.get(name or "")

    def term() -> Interval | None:
        left = atom()
        while peek() in ("*", "/"):
            op = take()[1]
            right = atom()
            left = None if left is None or right is None else (left * right if op == "*" else left / right)
        return left

    def expr_() -> Interval | None:
        left = term()
        while peek() in ("+", "-"):
            op = take()[1]
            right = term()
            left = None if left is None or right is None else (left + right if op == "+" else left - right)
        return left

    return expr_()


def inputs_of(expr: str) -> set[str]:
    return {m["name"] for m in _TOKEN.finditer(expr) if m["name"]}


def recompute(ind: Indicator, inputs: dict[str, Interval]) -> list[tuple[Formula, Interval]]:
    """Every formula of the indicator that the stated inputs allow, in catalogue order (percent)."""
    out = []
    for formula in ind.formulas:
        value = evaluate(formula.expr, inputs)
        if value is not None:
            out.append((formula, value.scale(Decimal(100))))
    return out
