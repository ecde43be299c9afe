"""Reading benchmark: time per page and peak memory for PDFs of growing length, and .docx.

Run by hand (not in CI):  python bench/read_bench.py [--pages 10 20 40]
Prints one row per document; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.runner import check_document  # noqa: E402
from extractor import read_document  # noqa: E402
from fixtures.build_docx import build_docx  # noqa: E402
from fixtures.build_pdf import build_pdf  # noqa: E402
from fixtures.reports import long_report  # noqa: E402


def measure(path: Path) -> tuple[float, float, int, int]:
    start = time.perf_counter()
    doc = read_document(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    check_document(doc)
    checked = time.perf_counter() - start
    tracemalloc.start()
    read_document(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return read, checked, peak, doc.n_pages or 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 20, 40])
    args = parser.parse_args()
    print(f"# {platform.platform()} · Python {platform.python_version()}")
    print(f"{'file':<16}{'pages':>6}{'read s':>9}{'ms/page':>9}{'check s':>9}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        read_document(build_pdf(long_report(2), Path(tmp) / "warm.pdf"))  # imports and font maps
        for pages in args.pages:
            spec = long_report(pages)
            for path in (build_pdf(spec, Path(tmp) / f"p{pages}.pdf"), build_docx(spec, Path(tmp) / f"p{pages}.docx")):
                read, checked, peak, n = measure(path)
                per = f"{1000 * read / n:.0f}" if n else "—"
                print(f"{path.name:<16}{n or '—':>6}{read:>9.2f}{per:>9}{checked:>9.2f}{peak / 2**20:>9.1f}")


if __name__ == "__main__":
    main()
