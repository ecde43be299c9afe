"""The settings of one run, as one object: the configuration's tolerance, grade bands, extra
synonyms and extra indicators. The runner makes them current for the duration of a check
(`with settings.active():`); nothing in the configuration rewrites a module."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checks.config import Config


@dataclass(frozen=True)
class Settings:
    relative_tolerance: Decimal = Decimal(0)
    grade_bands: tuple[tuple[Decimal, str], ...] = ()  # (lower bound, grade), highest first
    synonyms: tuple[tuple[str, ...], ...] = ()
    indicators: tuple[dict[str, Any], ...] = field(default=(), hash=False)

    @classmethod
    def from_config(cls, cfg: Config) -> Settings:
        bands: list[tuple[Decimal, str]] = []
        if cfg.grades:
            bands = sorted(((v, g) for g, v in cfg.grades.items()), reverse=True)
            if "差" not in cfg.grades:
                bands.append((Decimal(0), "差"))
        return cls(relative_tolerance=cfg.relative_tolerance, grade_bands=tuple(bands),
                   synonyms=tuple(tuple(g) for g in cfg.synonyms), indicators=tuple(cfg.indicators))

    @contextmanager
    def active(self) -> Iterator[Settings]:
        from extractor.labels import EXTRA_SYNONYMS

        token, synonyms = _CURRENT.set(self), EXTRA_SYNONYMS.set(self.synonyms)
        try:
            yield self
        finally:
            EXTRA_SYNONYMS.reset(synonyms)
            _CURRENT.reset(token)


DEFAULT = Settings()
_CURRENT: ContextVar[Settings] = ContextVar("audit_check_settings", default=DEFAULT)


def current() -> Settings:
    """The settings of the run in progress (the defaults outside a run)."""
    return _CURRENT.get()
