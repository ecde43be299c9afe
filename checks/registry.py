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

    def check(self, ctx: Context) -> Iterable[Finding]:
        """Yield this rule's findings (built with `ctx.finding(self.code, …)`), and only this rule's."""
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
