"""Files that are not .docx but that LibreOffice can turn into one: legacy Word/WPS (OLE2), RTF and
web pages (HTML, as Word and many systems save “.doc” files), whatever their names say (the caller
sniffs the bytes).

Converted through `soffice` when it is installed: a fresh profile per run, a time limit, the
input copied under a name of its real format and the output written to a folder of its own (so the
two never share a name, and the input file is never touched), and the output checked after
(soffice exits 0 even when it converted nothing). The result is read as .docx, never converted again.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import ReadError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIME_LIMIT = 120
# the name the input is given, by sniffed format: LibreOffice picks its import filter by it
_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "html": ".html"}
_WHAT = {"doc": " .doc/.wps ", "rtf": " RTF ", "html": "网页格式（HTML）"}
# the export filter named: without it a web page opens in Writer/Web, which cannot write .docx
_TARGET = "docx:MS Word 2007 XML"


def convert_to_docx(path: Path, workdir: Path, fmt: str = "doc") -> Path:
    """A .docx made from `path` (of sniffed format `fmt`) inside `workdir`; ReadError with the reason
    otherwise."""
    if fmt == "doc":
        _check_ole2(path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(f"读取{_WHAT[fmt]}文件需要 LibreOffice：请安装（如 apt-get install libreoffice-writer-nogui）"
                        "或在 Word/WPS 中另存为 .docx",
                        f"{fmt} files need LibreOffice (soffice) on PATH, or save as .docx")
    if fmt == "doc":
        _check_ole2_header(path)
    source = workdir / ("source" + _SUFFIX[fmt])  # never .docx: the output cannot overwrite its input
    shutil.copyfile(path, source)  # soffice names its output after the input; never touch the original
    outdir = workdir / "converted"
    outdir.mkdir()
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", _TARGET, "--outdir", str(outdir), str(source)],
                       capture_output=True, timeout=TIME_LIMIT, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"LibreOffice 转换超过 {TIME_LIMIT} 秒，已放弃", "LibreOffice conversion timed out") from exc
    except OSError as exc:
        raise ReadError(f"无法运行 LibreOffice：{exc.strerror}", "could not run LibreOffice") from exc
    out = outdir / "source.docx"
    if not out.is_file() or out.stat().st_size == 0 or not _is_zip(out):
        raise ReadError(f"LibreOffice 未能转换该{_WHAT[fmt]}文件（可能已损坏或加密）",
                        "LibreOffice produced no .docx: the file may be damaged or encrypted")
    return out


def _check_ole2(path: Path) -> None:
    with path.open("rb") as fh:
        if fh.read(8) != OLE2:
            raise ReadError("不是有效的 .doc/.wps 文件（缺少 OLE2 文件头）", "not a legacy Word/WPS file (no OLE2 signature)")


def _check_ole2_header(path: Path) -> None:
    """The compound-file header's fixed fields (size, byte order, version, sector size): LibreOffice
    “converts” garbage behind a valid signature into a document of garbage text."""
    if path.stat().st_size < 1536:  # the 512-byte header, one FAT sector and one directory sector at least
        raise ReadError("不是完整的 .doc/.wps 文件（OLE2 文件过短，可能已损坏或被截断）",
                        "truncated legacy Word/WPS file (OLE2 header without content)")
    with path.open("rb") as fh:
        header = fh.read(512)
    version = int.from_bytes(header[26:28], "little")
    shift = int.from_bytes(header[30:32], "little")
    if header[28:30] != b"\xfe\xff" or (version, shift) not in ((3, 9), (4, 12)):
        raise ReadError("不是有效的 .doc/.wps 文件（OLE2 文件头已损坏）", "damaged legacy Word/WPS file (bad OLE2 header)")


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"
