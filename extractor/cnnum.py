"""Chinese numerals as integers: 十三, 一万二千三百四十五, 两千, 三万五 (= 35000), 二〇二四.

Written here rather than taken from cn2an because importing cn2an compiles its regular
expressions (≈0.5 s), more than reading a whole small report; the rules are few and fixed.
The tests check this against cn2an on every shape these reports use.
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10**4, "亿": 10**8}


def cn_int(numeral: str) -> int | None:
    """The value of a Chinese integer numeral, None when it is not one.

    Digits alone read digit by digit (二〇二四 = 2024); with units, the usual positional reading,
    including the spoken shortening 三万五 = 35000 and 一百二 = 120 (a last digit without 零 takes
    the place below the unit before it)."""
    if not numeral or any(ch not in DIGITS and ch not in SMALL and ch not in LARGE for ch in numeral):
        return None
    if all(ch in DIGITS for ch in numeral):
        return int("".join(str(DIGITS[ch]) for ch in numeral))
    total = 0          # what the 亿 and 万 groups already hold
    section = 0        # the current group below 万
    digit: int | None = None
    last_small = 10**5  # the last small unit seen in this group (units must fall: 千 > 百 > 十)
    last_large = 10**9
    last_unit = 0       # the place of the last unit read, for 三万五 / 一百二
    zero_seen = False
    for ch in numeral:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row inside a numeral with units: 一二百
            zero_seen = zero_seen or DIGITS[ch] == 0
            digit = DIGITS[ch]
        elif ch in SMALL:
            unit = SMALL[ch]
            if unit >= last_small:
                return None
            if digit is None:
                if section or total or ch != "十":
                    return None  # 百 / 千 without a digit; 十 only opens a numeral
                digit = 1
            section += digit * unit
            last_small, last_unit, digit, zero_seen = unit, unit, None, False
        else:
            unit = LARGE[ch]
            group = section + (digit or 0)
            if group == 0 and unit == 10**4:
                return None
            if unit >= last_large and not (unit == 10**8 and last_large == 10**4):
                return None
            if unit == 10**8:
                total = (total + group) * unit
            else:
                total += group * unit
            section, digit, last_small, last_large, last_unit, zero_seen = 0, None, 10**5, unit, unit, False
    if digit is not None:
        if digit and not zero_seen and last_unit >= 10:
            digit *= last_unit // 10  # 三万五 = 35000, 一百二 = 120
        section += digit
    return total + section
