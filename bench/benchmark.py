"""The performance benchmark (run by hand, not in CI):

    python bench/benchmark.py [--docx 200] [--pdf 50] [--runs 5] [--out bench/RESULTS.md]

First on what users check: the real report of ../shared/seed/ and the gold set of the accuracy
bench, each built as .docx and PDF, measured as whole processes (`audit-check FILE --format json`
against a script that only opens the file with the raw library and walks it: python-docx, every
paragraph and cell; pdfplumber, extract_text + extract_tables on every page), median of --runs,
and in one warm process (read, check). Then a generated corpus for scale: per document read and
check time against the raw parsers, CLI start-up, peak memory against page count, and batch
throughput with --jobs 1 and --jobs 2. Prints the tables and writes RESULTS.md with the machine and
the command.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.runner import check_document  # noqa: E402
from extractor import read_document  # noqa: E402
from fixtures.build_docx import build_docx  # noqa: E402
from fixtures.build_pdf import build_pdf  # noqa: E402
from fixtures.mutants import MUTANTS  # noqa: E402
from fixtures.reports import dept_overall, long_report, project_selfeval  # noqa: E402


def corpus(folder: Path, n_docx: int, n_pdf: int) -> list[Path]:
    rng = random.Random(7)
    out = []
    for k in range(n_docx):
        choice = k % 4
        spec = (dept_overall() if choice == 0 else project_selfeval() if choice == 1 else
                MUTANTS[k % len(MUTANTS)].apply(MUTANTS[k % len(MUTANTS)].base()) if choice == 2 else
                long_report(rng.randint(3, 12)))
        out.append(build_docx(spec, folder / f"d{k:03d}.docx"))
    for k in range(n_pdf):
        out.append(build_pdf(long_report(rng.randint(10, 40)), folder / f"p{k:02d}.pdf"))
    return out


def raw(path: Path) -> float:
    start = time.perf_counter()
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        for p in document.paragraphs:
            _ = p.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    else:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
    return time.perf_counter() - start


def ours(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    doc = read_document(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    check_document(doc)
    return read, time.perf_counter() - start, doc.n_pages or 0


def peak(path: Path) -> int:
    tracemalloc.start()
    check_document(read_document(path))
    value = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return value


RAW_SCRIPT = """
import sys
path = sys.argv[1]
if path.endswith(".docx"):
    import docx
    d = docx.Document(path)
    for p in d.paragraphs:
        p.text
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                cell.text
else:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
"""


def _env() -> dict[str, str]:
    """A user's environment: Python may write and use bytecode (pip installs it compiled; a
    sandbox's PYTHONDONTWRITEBYTECODE would make every run compile the sources again)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def whole(args: list[str], runs: int) -> float:
    """Median wall-clock of `runs` whole-process runs of `python args…`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=False, env=_env())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def gold_reports(folder: Path) -> list[Path]:
    from bench.accuracy import build_report, gold_files, load_gold
    from fixtures.seed import seed_available

    names = [load_gold(p).name for p in gold_files()]
    if not seed_available():
        names = [n for n in names if n != "seed"]
    return [build_report(name, fmt, folder) for name in names for fmt in ("docx", "pdf")]


CHECK = ["-c", "import cli; cli.entry()"]


def real_shaped(folder: Path, runs: int, say) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The seed and the gold set: whole-process end-to-end against the raw library, per format;
    returns the figures the targets are judged on."""
    files = gold_reports(folder)
    ours(files[0])
    out: dict[str, float] = {}
    say("## On the reports users check (seed + gold set)")
    say()
    say(f"Whole processes, median of {runs} runs per report: `audit-check FILE --format json` (end-to-end)")
    say("against a script that only opens the file with the raw library and walks it; read and check")
    say("in one warm process. `e2e/raw` is the median report's ratio (and the seed's, below).")
    say()
    say("| format | reports | pages (mean) | read s | check s | check/read | e2e s (median) | raw s (median) | e2e/raw (median report) |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for suffix in (".docx", ".pdf"):
        chosen = [f for f in files if f.suffix == suffix]
        warm = [ours(f) for f in chosen]
        e2e = [whole([*CHECK, str(f), "--format", "json", "--no-progress"], runs) for f in chosen]
        base = [whole(["-c", RAW_SCRIPT, str(f)], runs) for f in chosen]
        read, check = statistics.mean(w[0] for w in warm), statistics.mean(w[1] for w in warm)
        pages = statistics.mean(w[2] for w in warm) if suffix == ".pdf" else 0
        ratio = statistics.median(e / b for e, b in zip(e2e, base, strict=True))
        out[f"{suffix} e2e/raw"], out[f"{suffix} check/read"] = ratio, check / read
        say(f"| {suffix} | {len(chosen)} | {pages:.1f} | {read:.3f} | {check:.3f} | {check / read:.2f} | "
            f"{statistics.median(e2e):.2f} | {statistics.median(base):.2f} | {ratio:.2f} |")
    say()
    for f in (f for f in files if f.stem == "seed"):
        e2e = whole([*CHECK, str(f), "--format", "json", "--no-progress"], runs)
        base = whole(["-c", RAW_SCRIPT, str(f)], runs)
        out[f"seed{f.suffix} e2e/raw"] = e2e / base
        say(f"- the seed report ({f.suffix}): end-to-end {e2e:.2f} s, raw {base:.2f} s, {e2e / base:.2f}×")
    batch = folder / "gold-batch"
    batch.mkdir()
    for f in files:
        os.link(f, batch / f.name)
    one, _ = batch_run(batch, 1)
    two, rss = batch_run(batch, 2)
    out["jobs2"], out["worker MB"] = one / two, rss
    say(f"- batch of the {len(files)} files: --jobs 1 {one:.1f} s ({len(files) / one:.2f} reports/s), --jobs 2 {two:.1f} s "
        f"({len(files) / two / 2:.2f} reports/s per core, speed-up {one / two:.2f}×); largest process "
        f"{rss:.0f} MB resident")
    say()
    return out


BATCH_SCRIPT = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, "-c", "import cli; cli.entry()", *sys.argv[1:]], capture_output=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def batch_run(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock of a batch run and the peak resident memory of its largest process (the parent
    or one worker: the kernel keeps the maximum over the reaped process tree), in MB."""
    done = subprocess.run([sys.executable, "-c", BATCH_SCRIPT, str(folder), "--jobs", str(jobs), "--format", "jsonl",
                           "--no-progress"], cwd=ROOT, capture_output=True, text=True, check=False, env=_env())
    seconds, kb = done.stdout.split()
    return float(seconds), int(kb) / 1024


def cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([*([sys.executable] + CHECK), *args], cwd=ROOT, capture_output=True, check=False, env=_env())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--pdf", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs per file (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    subprocess.run([sys.executable, "-m", "compileall", "-q", "cli.py", "checks", "extractor", "writers"], cwd=ROOT,
                   capture_output=True, check=False, env=_env())  # what `pip install` leaves behind
    with tempfile.TemporaryDirectory() as tmp:
        real = real_shaped(Path(tmp), args.runs, say)
    head, lines = lines, []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        files = corpus(folder, args.docx, args.pdf)
        build = time.perf_counter() - t0
        ours(files[0])  # imports, jieba's dictionary, font maps: once per process, not per document
        rows: dict[str, list[tuple[float, float, float, int]]] = {".docx": [], ".pdf": []}
        for path in files:
            read, check, pages = ours(path)
            rows[path.suffix].append((read, check, raw(path), pages))
        startup = statistics.median(cli("--version") for _ in range(7))
        one_page = build_docx(project_selfeval(), folder / "one-page.docx")
        small_e2e = whole([*CHECK, str(one_page), "--format", "json", "--no-progress"], max(args.runs, 5))
        pdfs = sorted((f for f in files if f.suffix == ".pdf"), key=lambda f: ours(f)[2])
        small, large = pdfs[0], pdfs[-1]
        mem_small, mem_large = peak(small), peak(large)
        pages_small, pages_large = ours(small)[2], ours(large)[2]

    say("# audit-check benchmark")
    say()
    say(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    say(f"Command: `python bench/benchmark.py --docx {args.docx} --pdf {args.pdf} --runs {args.runs}` "
        f"(sources compiled to bytecode first, as `pip install` leaves them)")
    say()
    lines.extend(head)
    say("## A generated corpus, for scale")
    say()
    say(f"Corpus built in {build:.0f} s; times are wall-clock, one warm process.")
    say()
    say("| files | n | pages (mean) | read s (mean) | check s (mean) | check/read | raw s (mean) | ours/raw |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    for suffix, data in rows.items():
        if not data:
            continue
        read = statistics.mean(r[0] for r in data)
        check = statistics.mean(r[1] for r in data)
        base = statistics.mean(r[2] for r in data)
        pages = statistics.mean(r[3] for r in data) if suffix == ".pdf" else 0
        say(f"| {suffix} | {len(data)} | {pages:.1f} | {read:.3f} | {check:.3f} | {check / read:.2f} | {base:.3f} | "
            f"{(read + check) / base:.2f} |")
    say()
    say(f"- CLI start-up (`audit-check --version`, median of 7): {startup:.3f} s")
    say(f"- A one-page .docx end-to-end (median of {max(args.runs, 5)}): {small_e2e:.2f} s")
    say(f"- Peak traced memory, read + check: {pages_small} pages {mem_small / 2**20:.1f} MB, "
        f"{pages_large} pages {mem_large / 2**20:.1f} MB")
    say()
    say("## Against the targets (issue 14)")
    say()
    judged = [
        (".docx end-to-end ≤ 3× the python-docx walk (gold set's median report)", real[".docx e2e/raw"], 3.0, "×"),
        (".docx end-to-end ≤ 3× the python-docx walk (seed)", real.get("seed.docx e2e/raw"), 3.0, "×"),
        ("PDF end-to-end ≤ 1.3× the pdfplumber walk (gold set's median report)", real[".pdf e2e/raw"], 1.3, "×"),
        ("PDF end-to-end ≤ 1.3× the pdfplumber walk (seed)", real.get("seed.pdf e2e/raw"), 1.3, "×"),
        ("checking ≤ 50% of reading (.docx, gold set)", real[".docx check/read"], 0.5, ""),
        ("checking ≤ 10% of reading (PDF, gold set)", real[".pdf check/read"], 0.1, ""),
        ("`audit-check --version` ≤ 0.15 s", startup, 0.15, " s"),
        ("a one-page .docx end-to-end ≤ 0.5 s", small_e2e, 0.5, " s"),
        ("memory per worker ≤ 150 MB (largest process of the --jobs 2 gold batch)", real["worker MB"], 150, " MB"),
    ]
    for name, value, limit, unit in judged:
        if value is None:
            say(f"- not measured: {name} (the seed is not available here)")
            continue
        say(f"- {'met' if value <= limit else 'MISSED'}: {name} — {value:.3f}{unit}" if unit == " s" else
            f"- {'met' if value <= limit else 'MISSED'}: {name} — {value:.2f}{unit}")
    speedup = real["jobs2"]
    say(f"- {'met' if speedup >= 1.8 else 'MISSED'}: `--jobs 2` ≥ 1.8× `--jobs 1` on the gold batch — {speedup:.2f}×")
    say()
    say(NOTES)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


NOTES = """## Reading the numbers

- **Where a small .docx's time goes.** The raw python-docx walk of a gold report takes ≈0.3 s as
  a process, most of it Python starting and importing python-docx. Ours adds a fixed ≈0.6 s
  before the report matters: imports (typer with rich ≈0.09 s, pydantic models, python-docx,
  the rules) ≈0.35 s, about 200 regular expressions compiled on first use ≈0.15–0.2 s (the
  `regex` module keeps no cache between processes), jieba's small dictionary ≈0.05 s. Reading
  is then ≈35 ms and checking ≈130 ms. So the .docx ratios are start-up ratios: this round took
  out cn2an's import (≈0.5 s; Chinese numerals are read by `extractor/cnnum.py`, tested against
  cn2an), setuptools' pkg_resources that jieba imports (≈0.7 s), and the process pool for a
  single file (one file is checked in this process with a timer); the seed went from 10.7× (the
  issue's measurement) to 5×. What would close the rest: a resident worker (`audit-check serve`
  or a batch that is already running) so start-up is paid once, or patterns compiled lazily per
  rule so a run pays only for the rules that meet their shapes.
- **Checking vs reading, .docx.** A .docx is one C-level lxml parse; checking reads every figure
  into a claim (segmentation, labels through jieba, qualifiers, enumerations, formulas) in
  Python and re-does the evaluation, ≈4× the parse. The issue's 50 % needs checking an order of
  magnitude cheaper, which is not a tuning job: it would mean claims only for the figures some
  selected rule can use, and labels memoised per clause. This round made the segmenter scan with
  `str.find` instead of a character loop and built the block index once.
- **PDF.** Checking is ≈22 % of reading (target 10 %): the same claims work, on a reading that is
  itself cheaper per figure than a .docx's only in relative terms. End-to-end is 1.5–2× the
  pdfplumber walk on the median gold report and ≈1.7× on the 24-page seed: start-up as above,
  plus reading words with their attributes (running heads, columns, superscripts, watermarks,
  tables without rules) where the baseline only extracts text and ruled tables.
- **Between runs.** Stop 19's run (26 reports) gave .docx 3.48×, PDF 1.53×, `--jobs 2` 1.84×; stop
  20's (38 reports, after twelve held-out reports added rules: 增减率/完成率/偏差率 columns, 小计
  rows, per-group products…) 4.31×, 2.03×, 1.58×. Two causes, measured apart: start-up grew by
  ≈0.1 s (more patterns compiled at import: `checks.rules` imports in 0.31 s against 0.24 s), and
  this machine's timings vary by ±30 % between identical runs of one process (the seed .docx took
  1.30–2.18 s in six runs of the same code), which one run per file does not average out — use
  `--runs 3` or more to compare two commits. Checking itself got cheaper (.docx check/read 3.69 →
  2.98: `inside_brackets` was quadratic in a block's length).
- **Batch.** A pool of reused workers (pebble), forked after the rules, the readers and jieba's
  dictionary are loaded; files are handed out largest first so a long PDF does not start last.
  `--jobs 2` is short of 2× because the pool's start and the parent's JSON handling are serial
  and the gold set is many small files; the largest process stays near 110 MB.
- **Memory.** The peak above is read *and* check, so it includes the document model, every
  figure and the findings, which grow with the content. What must not grow is the parser's
  per-page state: pages are closed as read
  (tests/test_pdf_reader.py::test_memory_per_page_is_the_text_kept_not_the_page).
"""


if __name__ == "__main__":
    main()
