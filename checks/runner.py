"""Run every registered rule over a document and gather the result."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field

from checks.context import Context
from checks.finding import SEVERITY_RANK, Coverage, Finding, FindingLocation
from checks.registry import load_rules
from checks.settings import DEFAULT, Settings
from extractor.model import Document

SCHEMA = "audit-check/1"


class Result(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    file: str
    sha256: str = ""
    format: str | None = None
    status: str = "ok"
    error: str | None = None
    n_pages: int | None = None
    warnings: list[str] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    evaluation: dict | None = None  # the first score table's (kept for scripts written against it)
    evaluations: list[dict] = Field(default_factory=list)  # every score table's, in document order
    findings: list[Finding] = Field(default_factory=list)
    waived: list[dict] = Field(default_factory=list)
    unused_waivers: list[dict] = Field(default_factory=list)
    baseline_hidden: int = 0

    model_config = {"populate_by_name": True}

    def all_evaluations(self) -> list[dict]:
        """Every re-done evaluation (a result read back from older JSON has only `evaluation`)."""
        return self.evaluations or ([self.evaluation] if self.evaluation else [])

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def to_json(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_document(doc: Document, select: set[str] | None = None, settings: Settings = DEFAULT) -> Result:
    """Run the selected rules (all by default) over `doc` with `settings`. Each rule returns its own
    findings; a rule that fails becomes one internal-error finding of its code, and the others run."""
    with settings.active():
        ctx = Context(doc)
        findings: list[Finding] = []
        for code, rule in load_rules().items():
            if select is not None and code not in select:
                continue
            try:
                found = list(rule().check(ctx) or ())
            except Exception as exc:  # one rule's bug must not hide what the others find
                findings.append(_internal_error(ctx, code, exc))
                continue
            stray = {f.rule for f in found} - {code}
            if stray:
                raise RuleContractError(f"{code} returned findings of {sorted(stray)}: a rule reports only its own code")
            findings.extend(found)
        findings = _dedupe([f for f in findings if select is None or f.rule in select])
        from checks.rules.unread import count_kinds, unread_items

        unread = unread_items(doc)  # counted whichever rules run: a clean result must say what it did not read
        ctx.coverage.unread, ctx.coverage.unread_kinds = len(unread), count_kinds(unread)
        findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.location.block, f.location.row or 0,
                                     f.location.col or 0, f.rule))
        summaries: list[dict] = []
        if select is None or select & _EVALUATION_RULES:
            from checks.evaluation import evaluations
            from checks.evaluation import summary as evaluation_summary

            summaries = [s for ev in evaluations(ctx) if (s := evaluation_summary(ev)) is not None]
        return Result(file=doc.file, format=doc.format, n_pages=doc.n_pages, warnings=doc.warnings,
                      coverage=ctx.coverage, evaluation=summaries[0] if summaries else None,
                      evaluations=summaries, findings=findings)


_EVALUATION_RULES = {"SCR001", "SCR002", "SCR003", "SCR004", "SCR005", "SCR006", "SCT001", "SCT002", "SCT003",
                     "GRD001", "IND001", "IND002", "IND003"}


class RuleContractError(Exception):
    """A rule returned another rule's findings (a programming error, caught by the test suite)."""


def _internal_error(ctx: Context, code: str, exc: Exception) -> Finding:
    block = ctx.doc.blocks[0] if ctx.doc.blocks else None
    location = FindingLocation(kind=block.kind if block else "paragraph", block=block.index if block else 0)
    rule = load_rules()[code]
    return Finding(rule=code, name=rule.name, severity="warning", location=location,
                   message=f"规则 {code} 运行时发生内部错误（{type(exc).__name__}: {exc}），本规则未完成核查，其余规则照常",
                   detail={"internal_error": True, "exception": type(exc).__name__}).with_fingerprint(f"internal:{code}")


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            out.append(f)
    return out


def check_file(path: str | Path, select: set[str] | None = None, settings: Settings = DEFAULT) -> Result:
    """Read and check one file; an unreadable file gives a Result with status 'unreadable'."""
    from extractor import ReadError, display_name, read_document

    path = Path(path)
    shown = display_name(path)
    try:
        doc = read_document(path)
    except ReadError as exc:
        return Result(file=shown, status="unreadable", error=str(exc))
    except RecursionError:
        return Result(file=shown, status="unreadable", error="文件结构嵌套过深，无法读取（structure nested too deeply）")
    except MemoryError:
        return Result(file=shown, status="unreadable", error="文件过大，内存不足（out of memory reading the file）")
    except Exception as exc:  # a reader bug must not take the batch down; say so plainly
        return Result(file=shown, status="unreadable",
                      error=f"读取时发生内部错误 {type(exc).__name__}: {exc}（internal error while reading; please report）")
    try:
        result = check_document(doc, select, settings)
    except Exception as exc:
        return Result(file=str(path), format=doc.format, status="unreadable",
                      error=f"核查时发生内部错误 {type(exc).__name__}: {exc}（internal error while checking; please report）")
    result.sha256 = sha256_of(path)
    return result
