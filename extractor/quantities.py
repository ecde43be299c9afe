"""Find every figure in a span of text, the way Chinese budget reports write them.

Three stages kept apart (as statcheck does): this module only *reads* figures; it never
decides whether they are right. Numbers that are not quantities (years, dates, document
numbers, list markers, ordinals, codes) are recognised first and returned as markers so that
they can never be mistaken for amounts.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from extractor.model import Marker, Quantity
from extractor.text import fold

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
CN = f"[{CN_DIGITS}]+"
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# “1，300.00”: a full-width comma read as a thousands separator only where it cannot be a list comma —
# groups of exactly three digits, then a decimal part or a money unit (“1，3” and “2，300人” stay two
# numbers); with a money unit alone, not inside a list (分别/、 earlier in the clause: “分别为200，300元”)
_NUM_CN_SEP = (r"(?<![\d.])\d{1,3}(?:，\d{3})+(?:\.\d+|(?=\s*(?:万|亿|千)?元)(?<!(?:分别|、)[^。；;:：]{0,40}))")

# unit -> (kind, base unit, scale). Longest spellings first when building the pattern.
_MONEY = {"亿元": 10**8, "万元": 10**4, "千元": 10**3, "元": 1}
_COUNTERS = ["人次", "人", "个", "家", "次", "份", "项", "条", "篇", "件", "台", "辆", "所", "户", "场", "期", "批", "套", "册", "本", "名", "位", "处", "座", "部", "字", "类", "种", "支", "张", "间", "栋", "株", "棵", "头", "只", "羽", "匹", "尾", "门", "轮", "宗", "笔", "起", "单", "床", "校", "村", "镇", "组", "队", "页", "卷", "课", "节", "章", "盏", "根", "块", "把", "片", "颗", "人日", "家次", "人月", "对"]  # 2,436人月 (person-months); 结婚登记1,642对
_MEASURES = ["个工作日", "工作日", "课时", "学时", "小时", "分钟", "天", "个月", "年", "周", "平方米", "平米", "㎡", "立方米", "m³", "公里", "千米", "米", "吨", "千克", "公斤", "亩", "公顷", "千瓦", "兆瓦", "倍", "岁", "GB", "TB", "km", "kg", "m²"]
# a counter that is really the first character of a word: 一次性, 部分, 部署, 条件, 处理…
_WORD_AFTER_COUNTER = {("次", "性"), ("部", "分"), ("部", "署"), ("条", "龙"), ("条", "件"), ("个", "百"), ("处", "理"),
                       ("批", "准"), ("期", "间"), ("名", "单"), ("位", "置"), ("件", "事"), ("台", "账"), ("支", "出"),
                       ("支", "付"), ("支", "持"), ("门", "户"), ("头", "部"), ("场", "景"), ("所", "有"), ("类", "似")}
_CN_ONLY_STOP = ("千家万户", "千方百计", "万众一心", "一心一意", "五位一体", "一条龙", "一部分", "三公")
_STOP_RE = regex.compile("|".join(map(regex.escape, _CN_ONLY_STOP)))
_TO_AFTER = regex.compile(r"^\s*(?:至|到)")
_DECREASE = regex.compile("减|下|降|压")


def _unit_pattern() -> str:
    names = ["个百分点", "百分点", "百分比", "%", "‰", "分"]
    names += [u + "/" + per for u in _MONEY for per in ("人/年", "人", "月", "年", "天", "次", "平方米", "㎡")]
    names += list(_MONEY) + _COUNTERS + _MEASURES
    names.sort(key=len, reverse=True)
    return "|".join(regex.escape(n) for n in names)


UNIT = _unit_pattern()

_BEFORE = {
    "大于等于": ">=", "小于等于": "<=", "不低于": ">=", "不少于": ">=", "不小于": ">=",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "不多于": "<=", "≥": ">=", "≧": ">=",
    ">=": ">=", "≤": "<=", "≦": "<=", "<=": "<=", "大于": ">", "高于": ">", "超过": ">",
    "多于": ">", ">": ">", "小于": "<", "低于": "<", "少于": "<", "<": "<",
}
_AFTER = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<="}
_BEFORE_RE = regex.compile("(?:" + "|".join(map(regex.escape, sorted(_BEFORE, key=len, reverse=True))) + r")\s*$")
_AFTER_RE = regex.compile(r"^\s*(?:\(含\))?\s*(" + "|".join(_AFTER) + r")(\(含\))?")
_DIRECTION_RE = regex.compile(
    r"(?:增长|增加|上升|提高|提升|增幅|增长率|减少|下降|降低|下滑|缩减|减幅|降幅|压减)(?:了|为)?\s*$"
)
_APPROX_BEFORE = regex.compile(r"(?:约|近|大约|将近)\s*$")
_APPROX_AFTER = regex.compile(r"^(?:余|多|左右)")
_INCLUSIVE = regex.compile(r"^\s*\(含\)")

# Markers, in the order they claim text.
_MARKER_PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    ("docnum", regex.compile(r"[〔\[［(【]\s*(?:19|20)\d{2}\s*[〕\]］)】]?\s*\d{1,4}\s*号")),
    ("docnum", regex.compile(r"(?<![\d.])\d{1,4}号(?:文|令|文件)?")),
    ("code", regex.compile(r"\d{3,4}-\d{7,8}(?!\d)")),
    ("date", regex.compile(r"(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?(?!\d)")),
    ("date", regex.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:份|底|末|初)?")),
    ("date", regex.compile(r"(?<![\d.个])\d{1,2}\s*月\s*\d{1,2}\s*日")),
    ("date", regex.compile(r"(?<![\d.个])\d{1,2}\s*(?:月份|月底|月末|月初|月中旬|月上旬|月下旬|月)(?!度|份额)")),
    ("date", regex.compile(r"(?<![\d.])\d{1,2}\s*(?:日|号)(?:前|后|起|止|之前)?")),
    ("time", regex.compile(r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?![\d])")),
    ("year", regex.compile(r"(?<![\d.])(?:19|20)\d{2}\s*(?:[-~—至到]|——)\s*(?:19|20)\d{2}\s*年度?")),
    ("year", regex.compile(r"(?<![\d.])(?:19|20)\d{2}\s*年度?")),
    ("year", regex.compile(r"(?<![\d.,])(?:19|20)\d{2}(?=\s*(?:[-~—至到]|——)\s*(?:19|20)\d{2}\s*年)")),
    ("ordinal", regex.compile(rf"第\s*(?:\d+|{CN})")),
    ("code", regex.compile(r"[A-Za-z][A-Za-z\d]*\d[A-Za-z\d-]*|\d+[A-Za-z][A-Za-z\d]*")),
    ("code", regex.compile(r"(?<=(?:编码|代码|编号|账号|电话|邮编|科目|文号)[:：\s]*)\d{4,}")),
    ("marker", regex.compile(r"[(（]\s*\d{1,2}\s*[)）]")),
    # a number opening a clause and followed by 、 or a lone point is a list/section number
    ("marker", regex.compile(r"(?:^|(?<=[\n。；;:：，,！？!?\s]))\d{1,2}(?:\.\d{1,2}){0,3}(?:、|[.．](?!\d))")),
    ("marker", regex.compile(r"(?:^|(?<=\n))\d{1,2}(?:\.\d{1,2}){1,3}(?=\p{Han})(?!万|亿|千|百)")),
]

_NUMBER_RE = regex.compile(
    rf"(?P<sign>(?<![\d)%.])-)?(?P<num>{_NUM_CN_SEP}|{NUM})\s*(?P<scale>万|亿|千万|百万)?(?P<approx>余|多)?\s*(?P<unit>{UNIT})?"
)
_RANGE_RE = regex.compile(
    rf"(?<![\d.(/×*÷+\-=])(?P<lo>{NUM})\s*(?P<u1>{UNIT})?\s*(?P<i1>\(含\))?\s*(?:-|~|—|——|至|到)\s*"
    rf"(?P<hi>{NUM})\s*(?P<u2>{UNIT})?\s*(?P<i2>\(含\))?(?![\d.)/×*÷=])"
)
_FRACTION_RE = regex.compile(rf"(?<![\d./])(?P<n>{NUM})\s*/\s*(?P<d>{NUM})(?![\d.]|\s*/\s*\d)")
# a numeral that closes a word (统一, 唯一, 之一, 逐一…) is not a count
_CN_COUNT_RE = regex.compile(  # 公益一类 is a category of institution, not a count
    rf"(?<![统唯同万专划单逐之不归合如均某另任每益])(?P<num>{CN})(?P<unit>人次|个工作日|个月|个百分点|" + "|".join(_COUNTERS) + r"|天|年|倍|项)"
)
_CN_QUOTED_RE = regex.compile(rf"(?<=[“\"‘'「])(?P<num>{CN}|\d+)(?P<unit>[^\P{{Han}}{CN_DIGITS}]{{1,3}})(?=[”\"’'」])")
_CN_SCORE_RE = regex.compile(rf"(?<=[扣计得加减])(?P<num>{CN})分(?!钟|之)")
_CN_PERCENT_RE = regex.compile(rf"百分之(?P<num>{CN}(?:点[{CN_DIGITS}]+)?)")


def unit_info(unit: str | None, scale_word: str | None = None) -> tuple[str, str | None, Decimal]:
    """kind, base unit and scale of a stated unit (and a 万/亿 scale word before it)."""
    scale = Decimal(1)
    if scale_word:
        scale = {"万": Decimal(10**4), "亿": Decimal(10**8), "千万": Decimal(10**7), "百万": Decimal(10**6)}[scale_word]
    if unit is None:
        if scale_word:
            return "amount", "元", scale  # "22万" in a report is money
        return "number", None, scale
    money = unit.split("/")[0]
    if money in _MONEY:
        return "amount", "元" + unit[len(money):], scale * _MONEY[money]
    if unit in ("%", "百分比"):
        return "percent", "%", scale
    if unit == "‰":
        return "permille", "‰", scale
    if unit in ("个百分点", "百分点"):
        return "points", "个百分点", scale
    if unit == "分":
        return "score", "分", scale
    if unit in _COUNTERS:
        return "count", unit, scale
    return "measure", unit, scale


def _decimal(num: str) -> Decimal:
    return Decimal(num.replace(",", "").replace("，", ""))


def _decimals(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else 0


@lru_cache(maxsize=4096)
def cn_to_decimal(numeral: str) -> Decimal | None:
    """A pure Chinese numeral as a Decimal, None if it is not one."""
    from extractor.cnnum import cn_int

    value = cn_int(numeral)
    return None if value is None else Decimal(value)


class _Claims:
    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.spans)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))


def scan(text: str) -> tuple[list[Quantity], list[Marker]]:
    """All quantities and all non-quantity numbers in `text`, in order of position.

    Results are shared between calls with the same text (tables repeat cells and rules re-read
    them): treat the returned objects as read-only."""
    quantities, markers = _scan(text)
    return list(quantities), list(markers)


@lru_cache(maxsize=8192)
def _scan(text: str) -> tuple[tuple[Quantity, ...], tuple[Marker, ...]]:
    folded = fold(text)
    claims = _Claims()
    markers: list[Marker] = []
    for kind, pattern in _MARKER_PATTERNS:
        for m in pattern.finditer(folded):
            if claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                markers.append(Marker(kind=kind, text=text[m.start():m.end()], start=m.start(), end=m.end()))
    for m in _STOP_RE.finditer(folded):
        claims.take(m.start(), m.end())

    quantities: list[Quantity] = []
    for m in _RANGE_RE.finditer(folded):
        q = _range(text, folded, m)
        if q and claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            quantities.append(q)
    for m in _FRACTION_RE.finditer(folded):
        if claims.free(m.start(), m.end()) and _decimal(m["d"]) != 0:
            claims.take(m.start(), m.end())
            n, d = _decimal(m["n"]), _decimal(m["d"])
            quantities.append(Quantity(
                kind="fraction", value=n / d, numerator=n, denominator=d, text=text[m.start():m.end()],
                start=m.start(), end=m.end(),
            ))
    for m in _NUMBER_RE.finditer(folded):
        start = m.start()
        end = _trim_unit_end(folded, m)
        if not claims.free(start, end):
            continue
        claims.take(start, end)
        quantities.append(_number(text, folded, m, end))
    for pattern in (_CN_PERCENT_RE, _CN_SCORE_RE, _CN_QUOTED_RE, _CN_COUNT_RE):
        for m in pattern.finditer(folded):
            q = _chinese(text, folded, m, pattern)
            if q and claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                quantities.append(q)
    quantities.sort(key=lambda q: q.start)
    markers.sort(key=lambda q: q.start)
    return tuple(quantities), tuple(markers)


def parse_quantities(text: str) -> list[Quantity]:
    return scan(text)[0]


def _trim_unit_end(folded: str, m: regex.Match[str]) -> int:
    """End of a number match, dropping a unit that is really the start of a word (次性, 部分…)."""
    unit = m["unit"]
    if unit and m.end() < len(folded):
        nxt = folded[m.end()]
        if (unit, nxt) in _WORD_AFTER_COUNTER | {("分", "钟"), ("分", "之"), ("分", "值")}:
            return m.start("unit")
    return m.end()


def _ahead(folded: str, start: int, n: int) -> str:
    """The `n` characters before a figure, the spaces next to it left out (a justified line or a pasted
    table puts runs of them there: 不低于      90%)."""
    return folded[:start].rstrip()[-n:]


def _context(q: Quantity, folded: str) -> Quantity:
    before, after = _ahead(folded, q.start, 8), folded[q.end:].lstrip()[:8]
    cmp_m = _BEFORE_RE.search(before)
    if cmp_m:
        q.comparison = _BEFORE[cmp_m.group(0).strip()]  # type: ignore[assignment]
        before = before[:cmp_m.start()]
    aft = _AFTER_RE.match(after)
    if aft and q.comparison is None:
        q.comparison = _AFTER[aft.group(1)]  # type: ignore[assignment]
    dir_m = _DIRECTION_RE.search(before)
    if dir_m and not _TO_AFTER.match(after):
        word = dir_m.group(0)
        q.direction = "decrease" if _DECREASE.search(word) else "increase"  # type: ignore[assignment]
    return q


def _number(text: str, folded: str, m: regex.Match[str], end: int) -> Quantity:
    unit = m["unit"] if end == m.end() else None
    if unit is None and m["scale"] is None:
        end = m.end("num")
    elif unit is None:
        end = m.end("scale")
    kind, base, scale = unit_info(unit, m["scale"])
    value = _decimal(m["num"])
    if m["sign"]:
        value = -value
    shown = "%" if unit == "百分比" else unit
    if m["scale"]:
        shown = m["scale"] + (shown or "")  # 3.9万元 is stated in 万元, 1.2万人次 in 万人次
    q = Quantity(
        kind=kind, value=value, unit=shown, base_unit=base, scale=scale, decimals=_decimals(m["num"]),
        text=text[m.start():end], start=m.start(), end=end,
    )
    q = _context(q, folded)
    # 约   5万元 is about 5; but after the figure a space ends it (5万元 多项措施: 多 is the next word's)
    if m["approx"] or _APPROX_BEFORE.search(_ahead(folded, q.start, 3)) or _APPROX_AFTER.match(folded[end:end + 2]):
        q.decimals = None  # an approximation carries no rounding promise
        q.approximate = True
    return q


def _range(text: str, folded: str, m: regex.Match[str]) -> Quantity | None:
    lo, hi = _decimal(m["lo"]), _decimal(m["hi"])
    if lo > hi:
        return None  # 63.46-32 is a subtraction, not a range
    u1, u2 = m["u1"], m["u2"]
    if u1 and u2 and unit_info(u1)[1] != unit_info(u2)[1]:
        return None
    if not (u1 or u2) and "-" in folded[m.end("lo"):m.start("hi")] and not m["i1"] and not m["i2"]:
        return None  # a bare 5-10 without unit or (含) is too likely arithmetic
    unit = u2 or u1
    kind, base, scale = unit_info(unit)
    q = Quantity(
        kind="range", value=lo, high=hi, unit=unit, base_unit=base, scale=scale,
        decimals=max(_decimals(m["lo"]), _decimals(m["hi"])), text=text[m.start():m.end()],
        start=m.start(), end=m.end(),
        low_inclusive=True if m["i1"] else None, high_inclusive=True if m["i2"] else None,
    )
    return q


def _chinese(text: str, folded: str, m: regex.Match[str], pattern: regex.Pattern[str]) -> Quantity | None:
    numeral = m["num"]
    if pattern is _CN_PERCENT_RE:
        whole, _, frac = numeral.partition("点")
        value = cn_to_decimal(whole)
        if value is None:
            return None
        if frac:
            digits = "".join(str(cn_to_decimal(ch)) for ch in frac)
            value = Decimal(f"{value}.{digits}")
        return Quantity(kind="percent", value=value, unit="%", base_unit="%", text=text[m.start():m.end()],
                        start=m.start(), end=m.end(), chinese=True)
    value = _decimal(numeral) if numeral.isdigit() else cn_to_decimal(numeral)
    if value is None:
        return None
    unit = m["unit"] if pattern is not _CN_SCORE_RE else "分"
    end = m.end()
    if pattern is _CN_COUNT_RE and end < len(folded) and (unit, folded[end]) in _WORD_AFTER_COUNTER:
        return None
    if pattern is _CN_QUOTED_RE:
        if unit.startswith("公"):
            return None  # “三公”经费 is a name, not three of something
        unit = unit.removeprefix("个")
        kind, base, scale = "count", unit, Decimal(1)
    else:
        kind, base, scale = unit_info(unit)
    q = Quantity(kind=kind, value=value, unit=unit, base_unit=base, scale=scale, decimals=0,  # type: ignore[arg-type]
                 text=text[m.start():end], start=m.start(), end=end, chinese=True)
    return _context(q, folded)
