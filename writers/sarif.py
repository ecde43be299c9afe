"""SARIF 2.1.0: one run, one artifact per file, results with logical locations and fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

from checks.registry import load_rules
from checks.runner import Result
from writers.common import where

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: list[Result], version: str, lang: str = "zh") -> str:
    rules = load_rules()
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    driver = {
        "name": "audit-check", "version": version, "semanticVersion": version,
        "rules": [{
            "id": code, "name": rules[code].name,
            "shortDescription": {"text": rules[code].title_en if lang == "en" else rules[code].title},
            "fullDescription": {"text": rules[code].doc()},
            "defaultConfiguration": {"level": _LEVEL[rules[code].severity]},
        } for code in codes],
    }
    artifacts, sarif_results, notes = [], [], []
    for result in results:
        uri = Path(result.file).as_posix()
        artifacts.append({"location": {"uri": uri}, **({"hashes": {"sha-256": result.sha256}} if result.sha256 else {})})
        if result.status != "ok":
            notes.append({"level": "error", "message": {"text": f"{uri}: {result.error}"}})
            continue
        for f in result.findings:
            loc = f.location
            logical = {"name": where(f, lang), "kind": "element",
                       "fullyQualifiedName": " › ".join(p for p in (loc.section, where(f, lang)) if p)}
            sarif_results.append({
                "ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": len(artifacts) - 1}},
                               "logicalLocations": [logical]}],
                "partialFingerprints": {"auditCheckFinding/v1": f.fingerprint},
                "properties": {"excerpt": f.excerpt, "stated": _plain(f.stated), "expected": _plain(f.expected),
                               "unit": f.unit, "block": loc.block, "table": loc.table, "row": loc.row, "col": loc.col,
                               "page": loc.page, "section": loc.section},
            })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "artifacts": artifacts, "results": sarif_results,
                  "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}]}],
    }
    return json.dumps(log, ensure_ascii=False, indent=1)


def _plain(value: object) -> object:
    return None if value is None else float(value)  # type: ignore[arg-type]
