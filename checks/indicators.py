"""The indicator catalogue (checks/data/indicators.toml) and recomputation from stated inputs."""

from __future__ import annotations

import itertools
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
from extractor.text import fold


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


# ---- the report's own definitions ------------------------------------------------------------

@dataclass(frozen=True)
class Definition:
    """A formula the report itself prints for an indicator (“资金到位率=实际到位资金÷调整后预算×100%”,
    or written into the indicator's name: “结余率(计算方法为:结余数/预算数)”). The report's own
    formula outranks the catalogue's standard base."""

    name: str  # canonical
    expr: str  # in the catalogue's syntax
    printed: str
    block: int | None = None
    start: int = 0
    entity: str = ""


_TIMES_HUNDRED = regex.compile(r"\s*[×*xX✕·]\s*100\s*[%％]?\s*$")
_OPERATORS = str.maketrans({"÷": "/", "／": "/", "×": "*", "✕": "*", "·": "*", "−": "-", "－": "-", "—": "-",
                            "（": "(", "）": ")", "＋": "+"})
_EXPR_TEXT = regex.compile(r"^[\p{Han}A-Za-z“”\"()+\-*/\s]+$")
_DEF_END = regex.compile(r"[=＝。；;，,：:！？\n]")
_NAME_BEFORE = regex.compile(r"[\p{Han}“”\"A-Za-z]+$")
_NUMBERING = regex.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)+")
_IN_NAME = regex.compile(r"[(（]\s*(?:计算方法|计算公式|计算方式|公式|计算口径|口径)\s*(?:为|是)?\s*[:：]?\s*(?P<expr>[^()（）]+?)\s*[)）]")


def to_expr(printed: str) -> str | None:
    """“(上年结转+年初预算)÷支出总计×100%” in the catalogue's syntax, or None when it is not a
    formula of named inputs (it holds figures, or fewer than two names)."""
    text = _TIMES_HUNDRED.sub("", printed.strip()).translate(_OPERATORS)
    if not _EXPR_TEXT.match(text) or not regex.search(r"[-+*/]", text):
        return None
    names = [m["name"] for m in _TOKEN.finditer(text) if m["name"]]
    if len(names) < 2 or text.count("(") != text.count(")"):
        return None
    return regex.sub(r"\s+", "", text)


def definitions_in(text: str) -> list[tuple[str, str, str, int]]:
    """Every `名称=公式` of named inputs in a paragraph: (canonical name, expr, as printed, offset).
    A definition followed by its figures (`…×100%=11/13×100%=84.62%`) is one too."""
    folded = fold(text)
    out = []
    for m in regex.finditer(r"=", folded):
        name_m = _NAME_BEFORE.search(folded, 0, m.start())
        if name_m is None or m.start() == 0 or folded[m.start() - 1] in "<>≤≥!":
            continue
        name = _NUMBERING.sub("", name_m.group(0)).strip("“”\"")
        end = _DEF_END.search(folded, m.end())
        printed = text[m.end():end.start() if end else len(text)]
        expr = to_expr(printed)
        if expr is not None and len(name) >= 3:
            out.append((canonical(name), expr, f"{name}={printed.strip()}", name_m.start()))
    return out


def definition_in_name(name: str) -> tuple[str, str, str] | None:
    """An indicator name that carries its formula (四川 forms): “结余率(计算方法为:结余数/预算数)≤5%”
    → (结余率, 结余数/预算数, as printed)."""
    folded = fold(name)
    m = _IN_NAME.search(folded)
    if m is None:
        return None
    expr = to_expr(m["expr"])
    plain = _NUMBERING.sub("", folded[:m.start()]).strip()
    if expr is None or not plain:
        return None
    return canonical(plain), expr, name[m.start("expr"):m.end("expr")]


# ---- inputs ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """A named figure the recomputation may take as an input (a statement of the report, or a
    table row of the report's year), in its base unit."""

    key: str  # canonical name
    subject: str  # as written
    interval: Interval
    measure: str
    text: str
    block: int
    start: int


def input_names(name: str) -> set[str]:
    """The canonical names an input may be stated under (indicators.toml [inputs])."""
    key = canonical(name)
    return {key} | {canonical(a) for a in _input_aliases().get(key, ())}


def is_flow_name(name: str) -> bool:
    """A name of the budget's own flow as the recomputation knows it ([inputs]: 资金到位, 到位资金,
    实际支出 …), written alone or after a qualifier (项目全年资金到位)."""
    written = [n for key, aliases in _input_aliases().items() for n in (key, *aliases) if len(n) >= 3]
    plain = canonical(name)
    return any(plain == n or plain.endswith(n) for n in written)


@lru_cache(maxsize=1)
def _input_aliases() -> dict[str, tuple[str, ...]]:
    data = tomllib.loads((Path(__file__).parent / "data" / "indicators.toml").read_text(encoding="utf-8"))
    return {canonical(k): tuple(v) for k, v in data.get("inputs", {}).items()}


def candidates(symbol: str, facts: list[Fact]) -> list[Fact]:
    """The figures an input of a formula may be: the first statement of its own name (the one
    later places are held to); else every figure stated under another name for it (its
    [inputs] names, or a longer name ending in one of them: 全年预算数 for 预算数, 项目全年资金到位
    for 资金到位), one per value."""
    key = canonical(symbol)
    exact = [f for f in facts if f.key == key]
    if exact:
        return exact[:1]
    names = input_names(symbol)
    written = [n for n in (symbol.strip("“”\""), *_input_aliases().get(key, ())) if len(n) >= 3]
    loose = [f for f in facts if f.key in names or any(f.subject.endswith(n) and not _of_a_category(f.subject[:-len(n)])
                                                       for n in written)]
    out: list[Fact] = []
    for f in loose:
        if not any(o.interval == f.interval for o in out):
            out.append(f)
    return out


_CATEGORY = regex.compile(r"\p{Han}{2,}(?:经费|费)$")  # 三公经费, 公用经费, 会议费: a part of the spending
_QUALIFIERS = regex.compile(r"实际|预算|决算|执行|计划|全年|年初|调整后|本年|当年|累计|合计|总额|金额|数额|数")


def _of_a_category(prefix: str) -> bool:
    """A longer name whose lead is an expense category (“三公经费”年初预算, 公用经费实际支出) is that
    category's figure: it stands for the input of the whole no more than 三公经费 does for 支出."""
    lead = _QUALIFIERS.sub("", regex.sub(r"[“”\"]", "", prefix))
    return bool(_CATEGORY.search(lead))


@dataclass
class Recomputation:
    formula: Formula
    own: bool  # the report's own definition, not the catalogue's
    value: Interval  # percent, from the preferred inputs
    readings: list[Interval]  # every value the inputs allow (an input stated under several names)
    operands: dict[str, Fact]

    def fits(self, stated: Interval) -> bool:
        return any(v.overlaps(stated) for v in self.readings)


_MAX_READINGS = 64


def recompute_with(formula: Formula, facts: list[Fact], own: bool = False) -> Recomputation | None:
    """The formula evaluated on the report's facts (percent); None when an input is missing, the
    inputs are of different measures (元 against 人) or a divisor may be 0."""
    symbols = list(dict.fromkeys(m["name"] for m in _TOKEN.finditer(formula.expr) if m["name"]))
    options = [candidates(s, facts) for s in symbols]
    if not symbols or any(not o for o in options):
        return None
    measure = options[0][0].measure
    options = [[f for f in o if f.measure == measure] for o in options]
    if any(not o for o in options):
        return None
    readings: list[Interval] = []
    preferred: Interval | None = None
    for combo in itertools.islice(itertools.product(*options), _MAX_READINGS):
        value = evaluate(formula.expr, {s: f.interval for s, f in zip(symbols, combo, strict=True)})
        if value is None:
            continue
        value = value.scale(Decimal(100))
        if preferred is None and all(f is o[0] for f, o in zip(combo, options, strict=True)):
            preferred = value
        readings.append(value)
    if preferred is None:
        return None
    return Recomputation(formula, own, preferred, readings, {s: o[0] for s, o in zip(symbols, options, strict=True)})
