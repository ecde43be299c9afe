"""Optional OCR for pages without a text layer (`pip install 'audit-check[ocr]'`: rapidocr with
onnxruntime; the models ship inside the wheel and nothing is downloaded at run time).

Recognised lines become Line objects placed like text lines, so the ordinary paragraph logic
joins them; ruled tables on a scanned page are not reconstructed (their cells come out as
lines in reading order)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def ocr_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except Exception:  # any import failure means: not usable here
        return False
    return True


@cache
def _engine() -> Any:
    import logging

    from rapidocr import RapidOCR

    for name in ("RapidOCR", "rapidocr"):  # its progress lines are not the reviewer's business
        logging.getLogger(name).setLevel(logging.ERROR)
    engine = RapidOCR()
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def ocr_lines(page: Any, number: int, resolution: int = 200) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, top, x1, bottom) in PDF points for every line recognised on `page`."""
    import numpy as np

    image = page.to_image(resolution=resolution).original.convert("RGB")
    result = _engine()(np.asarray(image))
    scale = 72 / resolution
    out = []
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    if boxes is None or texts is None:
        return out
    for box, text in zip(boxes, texts, strict=False):
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        out.append((str(text), min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale))
    return out
