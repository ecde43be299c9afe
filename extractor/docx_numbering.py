"""Word list numbering (word/numbering.xml) rendered as Word shows it: 一、 （一） 1. 1.1 （1） ①.

A paragraph is numbered by its own w:numPr or by its style's. Its number comes from the level
(w:ilvl) of the abstract numbering its w:num points to: the level's format (w:numFmt), pattern
(w:lvlText, "%1、" "（%1）" "%1.%2") and start. Counters run per abstract numbering, as in Word: two
w:num that share one abstractNum continue one list unless a w:lvlOverride/w:startOverride restarts
it; using a level restarts the deeper ones (w:lvlRestart can say otherwise).

Nothing here is loaded unless a paragraph or style is numbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"
_COUNTING = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _cn_count(n: int, digits: str = _COUNTING, units: tuple[str, str, str] = ("十", "百", "千"),
              bare_ten: bool = True) -> str:
    """一 … 十 十一 二十 一百零一 (chineseCounting); 壹拾壹 (chineseLegalSimplified)."""
    if not 0 < n < 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out, zero = out + digits[0], False
        if not (bare_ten and d == 1 and value == 10 and not out):  # 十一, not 一十一
            out += digits[d]
        out += unit
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letter(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cycle(symbols: str, n: int) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt."""
    if fmt in ("decimal", "decimalHalfWidth", "ordinal", "cardinalText", "ordinalText", ""):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) if d.isdigit() else d for d in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _cn_count(n)
    if fmt == "chineseLegalSimplified":
        return _cn_count(n, _LEGAL, ("拾", "佰", "仟"), bare_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("ideographTraditional",):
        return _cycle(_STEMS, n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _cycle(_BRANCHES, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _circled(n)
    if fmt == "decimalEnclosedParen":  # Word draws ⑴; the text reads as （1）
        return f"（{n}）"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None: no number
    restart: int | None = None  # lvlRestart (1-based level after which it restarts; 0 never)
    legal: bool = False  # isLgl: every %n shown in decimal
    suffix: str = "tab"
    style: str | None = None  # pStyle: the paragraph style that carries this level


def _int(el, path: str) -> int | None:  # type: ignore[no-untyped-def]
    found = el.find(path)
    if found is None:
        return None
    try:
        return int(found.get(W + "val", ""))
    except ValueError:
        return None


def _read_level(lvl, base: _Level | None = None) -> _Level:  # type: ignore[no-untyped-def]
    level = _Level(**base.__dict__) if base else _Level()
    if (start := _int(lvl, W + "start")) is not None:
        level.start = start
    if (fmt := lvl.find(W + "numFmt")) is not None:
        level.fmt = fmt.get(W + "val", "decimal")
    if (text := lvl.find(W + "lvlText")) is not None:
        level.text = None if text.get(W + "null") in ("1", "true", "on") else text.get(W + "val", "")
    if (restart := _int(lvl, W + "lvlRestart")) is not None:
        level.restart = restart
    if (legal := lvl.find(W + "isLgl")) is not None:
        level.legal = legal.get(W + "val", "1") not in ("0", "false", "off")
    if (suff := lvl.find(W + "suff")) is not None:
        level.suffix = suff.get(W + "val", "tab")
    if (style := lvl.find(W + "pStyle")) is not None:
        level.style = style.get(W + "val")
    return level


@dataclass
class _Num:
    abstract: str
    levels: dict[int, _Level]
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    used: set[int] = field(default_factory=set)  # levels whose override has been applied


class Numbering:
    """The numbering definitions of one document and the running counters while it is read."""

    def __init__(self, root, style_nums: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
        abstracts: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}  # abstractNumId -> numStyleLink style
        for an in root.findall(W + "abstractNum"):
            aid = an.get(W + "abstractNumId", "")
            abstracts[aid] = {int(lvl.get(W + "ilvl", "0")): _read_level(lvl) for lvl in an.findall(W + "lvl")
                              if (lvl.get(W + "ilvl") or "0").isdigit()}
            if (link := an.find(W + "numStyleLink")) is not None:
                links[aid] = link.get(W + "val", "")
        raw: dict[str, tuple[str, object]] = {}
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                raw[num.get(W + "numId", "")] = (ref.get(W + "val", ""), num)
        self._nums: dict[str, _Num] = {}
        for num_id, (aid, num) in raw.items():
            if aid in links and style_nums and (target := style_nums.get(links[aid])) in raw:
                aid = raw[target][0]  # a list style: the numbering its style points to
            levels = dict(abstracts.get(aid, {}))
            entry = _Num(aid, levels)
            for ov in num.findall(W + "lvlOverride"):  # type: ignore[attr-defined]
                ilvl = int(ov.get(W + "ilvl", "0")) if (ov.get(W + "ilvl") or "0").isdigit() else 0
                if (lvl := ov.find(W + "lvl")) is not None:
                    levels[ilvl] = _read_level(lvl, levels.get(ilvl))
                if (start := _int(ov, W + "startOverride")) is not None:
                    entry.overrides[ilvl] = start
            self._nums[num_id] = entry
        self._counters: dict[str, dict[int, int]] = {}

    def level_of_style(self, num_id: str, style: str) -> int | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        return next((i for i, lv in num.levels.items() if lv.style == style), None)

    def next(self, num_id: str, ilvl: int) -> str | None:
        """Count a paragraph of list `num_id` at level `ilvl`; its number as printed (with what Word
        puts after it), or None when the list shows no number."""
        num = self._nums.get(num_id)
        if num is None or num_id == "0":
            return None
        level = num.levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(num.abstract, {})
        if ilvl in num.overrides and ilvl not in num.used:
            num.used.add(ilvl)
            counters[ilvl] = num.overrides[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.text is None or level.fmt in ("bullet", "none"):
            return None

        def value(i: int) -> str:
            lv = num.levels.get(i) or _Level()
            n = counters.get(i, num.overrides.get(i, lv.start))
            fmt = "decimal" if (level.legal and i != ilvl) else lv.fmt
            return format_number(n, fmt)

        out = []
        text = level.text
        i = 0
        while i < len(text):
            if text[i] == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                out.append(value(int(text[i + 1]) - 1))
                i += 2
            else:
                out.append(text[i])
                i += 1
        label = "".join(out).strip()
        if not label:
            return None
        if level.suffix != "nothing" and label[-1].isascii():
            label += " "  # Word's tab or space after "1." or "1.1": keeps 1. apart from the text's figures
        return label


def load(document) -> Numbering | None:  # type: ignore[no-untyped-def]
    """The numbering part of a python-docx Document, or None when it has none."""
    try:
        part = document.part.numbering_part
    except Exception:  # python-docx raises NotImplementedError/KeyError when the part is absent
        return None
    style_nums: dict[str, str] = {}
    try:
        for st in document.styles.element.findall(W + "style"):
            num_id = st.find(f"{W}pPr/{W}numPr/{W}numId")
            if num_id is not None:
                style_nums[st.get(W + "styleId", "")] = num_id.get(W + "val", "")
    except Exception:
        pass
    try:
        return Numbering(part.element, style_nums)
    except Exception:
        return None
