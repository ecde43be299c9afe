"""Every rule, registered in one place: code, name, default severity, and a docstring that shows a
wrong and a right example (printed by `audit-check rules`)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from checks.finding import Finding, Severity

if TYPE_CHECKING:
    from checks.context import Context


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]  # one line in Chinese
    title_en: ClassVar[str] = ""  # the same in English (--lang en, SARIF)
    reports: ClassVar[tuple[str, ...]] = ()  # other codes this rule's check reports (FML001 finds PRC001)

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in RULES:
        raise ValueError(f"rule code {cls.code} registered twice")
    RULES[cls.code] = cls
    return cls


def load_rules() -> dict[str, type[Rule]]:
    """Import every rule module once (each registers itself)."""
    import checks.rules  # noqa: F401

    return RULES
