"""The gold set built, read and checked once per test run, in both formats, for every test that
needs it: the accuracy gate and the anchor check (tests/test_gold.py) and the wording lint
(tests/test_wording.py). Each of them used to read and check all 52 documents itself, in each xdist
worker that ran one of its tests; now `bench.accuracy.run` reads them once and, from the same reading,
also takes what the other two assert on (`taken`)."""

from __future__ import annotations

from typing import Any


def taken(name: str, fmt: str, doc: Any, result: Any) -> dict[str, Any]:  # noqa: ANN401 - a Document, a Result
    """What the wording lint and the anchor check need of one checked report (runs in the pool's
    worker: plain strings back, not the document)."""
    from bench.accuracy import GOLD_DIR, anchor_problems, load_gold

    blocks = {b.index: b for b in doc.blocks}
    messages = []
    for f in result.findings:
        block = blocks.get(f.location.block)
        text = (block.table.rows_text() if block is not None and block.table is not None else None)
        report_text = f.excerpt + (block.text if block is not None else "") + \
            ("".join("".join(r) for r in text) if text else "")
        texts = [f.message] + [str(c.get("text", "")) for c in f.detail.get("candidates", [])]
        messages += [(f"{name}.{fmt} {f.rule}", t, report_text) for t in texts]
    anchors = anchor_problems(load_gold(GOLD_DIR / f"{name}.toml"), doc) if fmt == "docx" else None
    return {"messages": messages, "anchor_problems": anchors}


def gold_pass() -> list[Any]:
    """bench.accuracy's verdicts on the whole gold set, each with `.also` = taken(…)."""
    from bench.accuracy import FORMATS, run

    return run(formats=FORMATS, jobs=2, also=taken)
