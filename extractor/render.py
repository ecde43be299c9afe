"""A human-readable dump of the document model (`audit-check extract --format text`)."""

from __future__ import annotations

from extractor.model import Document, LocatedQuantity


def render_text(doc: Document, quantities: list[LocatedQuantity]) -> str:
    lines = [f"{doc.file} ({doc.format}{f', {doc.n_pages} 页' if doc.n_pages else ''})"]
    for block in doc.blocks:
        where = f"[{block.index}{f' p{block.page}' if block.page else ''}]"
        if block.table is not None:
            t = block.table
            lines.append(f"{where} 表 {t.n_rows}×{t.n_cols}"
                         f"{f' 单位：{t.unit}' if t.unit else ''}{f' 表头 {t.header_rows} 行' if t.header_rows else ''}"
                         f"  § {block.section}")
            for r, row in enumerate(t.grid()):
                shown = ["" if c is None else c.text.replace("\n", " ") if (c.row, c.col) == (r, k) else "〃"
                         for k, c in enumerate(row)]  # 〃: covered by a merged cell
                lines.append("    | " + " | ".join(shown) + " |")
        else:
            tag = "标题" if block.kind == "heading" else "段落"
            lines.append(f"{where} {tag}  § {block.section}")
            lines.append(f"    {block.text}")
    lines.append(f"共 {len(doc.blocks)} 块，{sum(1 for _ in doc.tables())} 张表，{len(quantities)} 个数字")
    return "\n".join(lines)
