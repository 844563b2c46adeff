"""Plain-text articles, with an optional header block (``Title:``, ``Published:``, ``URL:``)."""

import re

from bilateral.ingest.article import build_article
from bilateral.ingest.dates import parse_header_date
from bilateral.model import Article

_HEADER = re.compile(r"(title|headline|published|date|url|source|id)\s*:\s*(.*)", re.IGNORECASE)
_KEYS = {"headline": "title", "date": "published"}


def read_text(text: str, stem: str | None = None) -> Article:
    """An Article from plain text; a header block at the very top gives its metadata.

    The header is a run of ``Key: value`` lines (title, published or date, url, source, id)
    starting on the first line, ended by a blank line or the first other line. Without one
    the article has no title.

    :raises ArticleError: no text, or a header date or URL that cannot be read.

    >>> read_text("Title: Talks in Minsk\\nDate: 2012-10-04\\n\\nTalks began on Monday.").title
    'Talks in Minsk'
    """
    lines = text.lstrip("\ufeff").split("\n")
    fields: dict[str, object] = {}
    index = 0
    while index < len(lines):
        match = _HEADER.fullmatch(lines[index].strip())
        if not match:
            break
        key = match.group(1).casefold()
        fields[_KEYS.get(key, key)] = match.group(2).strip() or None
        index += 1
    published = fields.pop("published", None)
    if isinstance(published, str):
        fields["published"] = parse_header_date(published)
    fields["text"] = "\n".join(lines[index:])
    return build_article(fields, stem)
