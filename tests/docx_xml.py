"""Write a .docx whose body is given as WordprocessingML, for shapes python-docx cannot make."""

from __future__ import annotations

from pathlib import Path

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def p(text: str, style: str | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:p>{ppr}<w:r>{rpr}<w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text: str = "", span: int = 1, vmerge: str | None = None, inner: str = "") -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paras = "".join(p(line) for line in text.split("\n")) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}{inner}</w:tc>"


def tr(*cells: str, header: bool = False, before: int = 0, after: int = 0) -> str:
    props = ""
    if before:
        props += f'<w:gridBefore w:val="{before}"/>'
    if after:
        props += f'<w:gridAfter w:val="{after}"/>'
    if header:
        props += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int) -> str:
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def write_docx(path: Path, body_xml: str) -> Path:
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    body = doc.element.body
    sect = body[-1]
    for child in list(body):
        body.remove(child)
    wrapper = parse_xml(f"<w:body {NS}>{body_xml}</w:body>")
    for child in list(wrapper):
        body.append(child)
    body.append(sect)
    doc.save(str(path))
    return path
