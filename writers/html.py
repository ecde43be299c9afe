"""One self-contained HTML page (styles inline, no scripts, no network): summary, coverage, the
re-done evaluation and the findings by section, the offending figure highlighted. Prints cleanly."""

from __future__ import annotations

from html import escape

from checks.finding import Finding
from checks.runner import Result
from writers.common import SEVERITY, number, unread_phrase, where

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222;line-height:1.5}
h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1em;color:#444}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left}
td.n{text-align:right}.finding{border-left:4px solid #999;padding:.3em .8em;margin:.6em 0;background:#fafafa}
.error{border-color:#c0392b}.warning{border-color:#e67e22}.info{border-color:#7f8c8d}
.sev{font-weight:bold}.error .sev{color:#c0392b}.warning .sev{color:#d35400}.excerpt{color:#555}
mark{background:#ffe08a}.bad{color:#c0392b;font-weight:bold}
@media print{body{margin:1cm}.finding{break-inside:avoid}}
"""


def _highlight(f: Finding) -> str:
    text = escape(f.excerpt)
    if f.stated is not None:
        for candidate in (format(f.stated, "f"), format(f.stated.normalize(), "f")):
            if candidate and escape(candidate) in text:
                return text.replace(escape(candidate), f"<mark>{escape(candidate)}</mark>", 1)
    return text


def render_html(results: list[Result], lang: str = "zh") -> str:
    sev = SEVERITY[lang]
    zh = lang == "zh"
    parts = [f"<!DOCTYPE html><html lang=\"{'zh-CN' if zh else 'en'}\"><head><meta charset=\"utf-8\">",
             "<title>audit-check</title>", f"<style>{_STYLE}</style></head><body>",
             f"<h1>{'预算绩效自评报告核查结果' if zh else 'audit-check results'}</h1>",
             "<table><tr><th>文件</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th></tr>" if zh else
             "<table><tr><th>file</th><th>status</th><th>errors</th><th>warnings</th><th>infos</th></tr>"]
    for r in results:
        c = r.counts()
        parts.append(f"<tr><td>{escape(r.file)}</td><td>{escape(r.status)}</td><td class=n>{c['error']}</td>"
                     f"<td class=n>{c['warning']}</td><td class=n>{c['info']}</td></tr>")
    parts.append("</table>")
    for r in results:
        parts.append(f"<h2>{escape(r.file)}</h2>")
        if r.status != "ok":
            parts.append(f"<p class=bad>{escape(r.error or '')}</p>")
            continue
        cov = r.coverage
        parts.append(f"<p>{'核查覆盖' if zh else 'Coverage'}：{'数字' if zh else 'figures'} {cov.figures}，"
                     f"{'公式' if zh else 'formulas'} {cov.formulas}，{'表格' if zh else 'tables'} {cov.tables}，"
                     f"{'核对' if zh else 'checks'} {cov.checked}，{'未能解析' if zh else 'unparsed'} {cov.unparsed}"
                     + (f"，<b>{escape(unread)}</b>" if (unread := unread_phrase(cov, lang)) else "") + "</p>")
        for ev in r.all_evaluations():
            if ev.get("title"):
                parts.append(f"<h3>{'评价重算' if zh else 'Evaluation re-done'}：{escape(ev['title'])}</h3>")
            parts.append(_evaluation(ev, zh))
        sections: dict[str, list[Finding]] = {}
        for f in r.findings:
            sections.setdefault(f.location.section or "—", []).append(f)
        for section, findings in sections.items():
            parts.append(f"<h3>§ {escape(section)}</h3>")
            for f in findings:
                values = ""
                if f.stated is not None or f.expected is not None:
                    values = (f"<div>{'报告值' if zh else 'stated'} <span class=bad>{escape(number(f.stated))}</span>"
                              f" {'应为' if zh else 'expected'} <b>{escape(number(f.expected))}</b> {escape(f.unit or '')}</div>")
                parts.append(f"<div class=\"finding {f.severity}\"><span class=sev>{sev[f.severity]} {f.rule}</span> "
                             f"{escape(f.name)} · {escape(where(f, lang))}<div>{escape(f.message)}</div>"
                             f"<div class=excerpt>{_highlight(f)}</div>{values}</div>")
        if not r.findings:
            parts.append(f"<p>{'未发现不一致。' if zh else 'No inconsistency found.'}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _evaluation(ev: dict, zh: bool) -> str:
    head = ("指标", "报告值", "重算值", "分值", "自评得分", "应得分", "结论") if zh else \
        ("indicator", "stated", "recomputed", "weight", "awarded", "expected", "verdict")
    rows = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in ev["rows"]:
        cls = " class=bad" if row["verdict"] in ("得分不符", "指标值不符", "正文与表不符") else ""
        cells = [row["indicator"], row["stated_value"], row["recomputed_value"], row["weight"], row["awarded"],
                 row["expected"]]
        rows.append("<tr>" + "".join(f"<td>{escape(number(c))}</td>" for c in cells) + f"<td{cls}>{escape(row['verdict'])}</td></tr>")
    rows.append("</table>")
    rows.append(f"<p>{'总分' if zh else 'total'}：{escape(number(ev.get('stated_total')))} / "
                f"{escape(number(ev.get('recomputed_total')))}；{'等级' if zh else 'grade'} "
                f"{escape(number(ev.get('stated_grade')))} / {escape(number(ev.get('expected_grade')))}</p>")
    return "\n".join(rows)
