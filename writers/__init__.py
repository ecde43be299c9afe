"""Writers: one finding model (checks.finding), many renderings — text, JSON, Markdown, SARIF,
HTML, Word comments, the batch summary. Writers never re-derive a finding."""
