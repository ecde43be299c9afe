"""Configuration: `[tool.audit-check]` in pyproject.toml or an `audit-check.toml`, found from the
working directory upwards (or named with --config).

```toml
[tool.audit-check]
select = ["FML001", "TBL001"]          # or leave out: every rule
ignore = ["CNT001"]
severity = { TBL004 = "error" }         # severity overrides
tolerance = { relative = 0.0001 }       # extra slack on every comparison, as a share of the value
grades = { "优" = 90, "良" = 80, "中" = 60 }  # grade bands when the report states none
synonyms = [["公用经费控制率", "公用经费支出控制率"]]

[[tool.audit-check.indicator]]          # extra indicators, as in checks/data/indicators.toml
name = "培训完成率"
formulas = [{ expr = "实际培训人次 / 计划培训人次", base = "实际÷计划" }]

[[tool.audit-check.waiver]]             # a finding accepted after review
fingerprint = "0123456789abcdef"
reason = "口径经财政局确认"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from checks.finding import Severity


class ConfigError(Exception):
    pass


@dataclass
class Waiver:
    fingerprint: str
    reason: str


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    relative_tolerance: Decimal = Decimal(0)
    grades: dict[str, Decimal] = field(default_factory=dict)
    synonyms: list[list[str]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        own = folder / "audit-check.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "audit-check" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"配置文件无法读取：{path}（{exc}）") from exc


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    section = data.get("tool", {}).get("audit-check", data) if path.name == "pyproject.toml" else data
    if path.name != "pyproject.toml" and "tool" in data:
        section = data["tool"].get("audit-check", section)
    cfg = Config(path=path)
    try:
        cfg.select = [c.upper() for c in section["select"]] if "select" in section else None
        cfg.ignore = [c.upper() for c in section.get("ignore", [])]
        cfg.severity = {k.upper(): v for k, v in section.get("severity", {}).items()}
        bad = {v for v in cfg.severity.values() if v not in ("error", "warning", "info")}
        if bad:
            raise ConfigError(f"未知的严重程度 {sorted(bad)}（severity must be error / warning / info）")
        cfg.relative_tolerance = Decimal(str(section.get("tolerance", {}).get("relative", 0)))
        if cfg.relative_tolerance < 0:
            raise ConfigError(f"tolerance.relative 不能为负数：{cfg.relative_tolerance}（extra slack cannot be negative）")
        cfg.grades = {g: Decimal(str(v)) for g, v in section.get("grades", {}).items()}
        cfg.synonyms = [list(group) for group in section.get("synonyms", [])]
        cfg.indicators = list(section.get("indicator", []))
        for item in section.get("waiver", []):
            if not item.get("fingerprint") or not str(item.get("reason", "")).strip():
                raise ConfigError("每条豁免（waiver）都要写明 fingerprint 和 reason（a waiver needs a fingerprint and a reason）")
            cfg.waivers.append(Waiver(str(item["fingerprint"]), str(item["reason"])))
    except (TypeError, AttributeError, ValueError, ArithmeticError) as exc:
        raise ConfigError(f"配置文件格式有误：{path}（{exc}）") from exc
    return cfg


def load_baseline(path: Path) -> dict[str, set[str]]:
    """Fingerprints of a previous JSON result (one object or an array), by file name."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"基线文件无法读取：{path}（baseline is not a readable JSON result）") from exc
    out: dict[str, set[str]] = {}
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            name = Path(str(item.get("file", ""))).name
            out.setdefault(name, set()).update(f.get("fingerprint", "") for f in item.get("findings", []))
    return out


def review(result, cfg: Config, baseline: dict[str, set[str]] | None) -> set[str]:  # type: ignore[no-untyped-def]
    """Severity overrides, waivers and the baseline, applied to one finished result. Returns the
    fingerprints of the waivers it used."""
    used: set[str] = set()
    by_fp = {w.fingerprint: w for w in cfg.waivers}
    known: set[str] = set()
    if baseline is not None:
        known = baseline.get(Path(result.file).name) or (next(iter(baseline.values())) if len(baseline) == 1 else set())
    kept = []
    for f in result.findings:
        if f.rule in cfg.severity:
            f.severity = cfg.severity[f.rule]
        if f.fingerprint in by_fp:
            used.add(f.fingerprint)
            result.waived.append({"fingerprint": f.fingerprint, "rule": f.rule, "reason": by_fp[f.fingerprint].reason})
        elif f.fingerprint in known:
            result.baseline_hidden += 1
        else:
            kept.append(f)
    result.findings = kept
    return used


def unused_waivers(cfg: Config, used: set[str]) -> list[Waiver]:
    """Waivers that matched no finding in the whole run: stale, and worth removing."""
    return [w for w in cfg.waivers if w.fingerprint not in used]
