"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx through LibreOffice when `soffice`
is installed: a fresh profile per run, a time limit, the OLE2 signature checked before and the
output checked after (soffice exits 0 even when it converted nothing)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import ReadError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIME_LIMIT = 120


def convert_to_docx(path: Path, workdir: Path) -> Path:
    """A .docx made from `path` inside `workdir`; ReadError with the reason otherwise."""
    with path.open("rb") as fh:
        if fh.read(8) != OLE2:
            raise ReadError("不是有效的 .doc/.wps 文件（缺少 OLE2 文件头）", "not a legacy Word/WPS file (no OLE2 signature)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError("读取 .doc/.wps 需要 LibreOffice：请安装（如 apt-get install libreoffice-writer-nogui）或另存为 .docx",
                        "legacy .doc/.wps needs LibreOffice (soffice) on PATH, or save as .docx")
    source = workdir / ("input" + path.suffix.lower())
    shutil.copyfile(path, source)  # soffice names its output after the input; never touch the original
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", "docx", "--outdir", str(workdir), str(source)],
                       capture_output=True, timeout=TIME_LIMIT, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"LibreOffice 转换超过 {TIME_LIMIT} 秒，已放弃", "LibreOffice conversion timed out") from exc
    except OSError as exc:
        raise ReadError(f"无法运行 LibreOffice：{exc.strerror}", "could not run LibreOffice") from exc
    out = workdir / "input.docx"
    if not out.exists() or out.stat().st_size == 0:
        raise ReadError("LibreOffice 未能转换该文件（可能已损坏）", "LibreOffice produced no .docx: the file may be damaged")
    return out
