"""Text normalisation that keeps character offsets: every mapping is one character to one."""

from __future__ import annotations

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update(
    {
        "．": ".", "％": "%", "－": "-", "−": "-", "＋": "+", "／": "/", "＝": "=", "＊": "*",
        "＞": ">", "＜": "<", "～": "~", "（": "(", "）": ")", "：": ":", "，": "，",
        "\u3000": " ", "\xa0": " ",
    }
)
_TABLE = str.maketrans(_FULLWIDTH)


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII, length unchanged (so spans map back to the source).

    NFKC is not used: it also turns the Chinese comma into ',' and breaks clause splitting.
    """
    return text.translate(_TABLE)


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f" \
        or "\uff00" <= ch <= "\uffef" or ch in "“”‘’"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: nothing between Chinese, a space only between two Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def squash(text: str) -> str:
    """Whitespace-free form, for comparing texts read from different formats."""
    return "".join(text.split())
