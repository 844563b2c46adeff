"""News feeds saved as files: RSS 2.0, RSS 1.0 and Atom, one Article per item or entry.

Each item gives its title, its link (the article's URL and id), its date (``pubDate``,
``dc:date``, Atom ``published`` or ``updated``) and its text: ``content:encoded``, Atom
``content``, else ``description`` or ``summary``, with HTML markup turned into paragraphs.
"""

import re
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from html import unescape
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from bilateral.errors import ArticleError
from bilateral.ingest.article import build_article
from bilateral.ingest.dates import parse_page_date
from bilateral.ingest.result import ReadResult
from bilateral.model import Article

_TEXT_FIELDS = ("encoded", "content", "description", "summary")
_DATE_FIELDS = ("pubDate", "published", "date", "issued", "updated", "modified")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("p", "div", "br", "hr", "li", "ul", "ol", "blockquote", "pre", "table", "tr", *_HEADINGS)
_DROP = ("script", "style", "noscript", "iframe", "form", "nav", "aside")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"\s+")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False)


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: Any) -> dict[str, Any]:
    """The first child element of each local name (``content:encoded`` is ``encoded``)."""
    found: dict[str, Any] = {}
    for child in element:
        found.setdefault(_local(child), child)
    return found


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, markup goes.

    >>> html_to_text("<p>Talks <b>began</b>\\n in Minsk.</p><p>They ended.<script>x()</script></p>")
    'Talks began in Minsk.\\n\\nThey ended.'
    """
    if "<" not in fragment:
        return " ".join(unescape(fragment).split())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(fragment.split())
    for element in root.iter(*_DROP):
        element.drop_tree()
    for element in root.iter():
        element.text = element.text and _SPACES.sub(" ", element.text)
        element.tail = element.tail and _SPACES.sub(" ", element.tail)
    for element in root.iter(*_BLOCKS):
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
        element.tail = ("\n" if element.tag == "br" else "\n\n") + (element.tail or "")
    lines = [line.strip() for line in root.text_content().split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _text_of(element: Any) -> str:
    """An element's content as plain text; Atom ``xhtml`` and ``html`` content included."""
    if element.get("type") == "text":
        return "".join(element.itertext()).strip()
    if element.get("type") == "xhtml":
        inner = "".join(etree.tostring(child, encoding="unicode") for child in element)
        return html_to_text((element.text or "") + inner)
    return html_to_text("".join(element.itertext()))


def _link(item: Any, fields: dict[str, Any]) -> str | None:
    for child in item:
        alternate = child.get("rel", "alternate") == "alternate"
        if _local(child) == "link" and child.get("href") and alternate:
            return child.get("href").strip()
    link = fields.get("link")
    value = (link.text or "").strip() if link is not None else ""
    if not value and "guid" in fields and fields["guid"].get("isPermaLink", "true") == "true":
        value = (fields["guid"].text or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else None


def _published(fields: dict[str, Any]) -> date | None:
    for name in _DATE_FIELDS:
        value = (fields[name].text or "").strip() if name in fields else ""
        if not value:
            continue
        found = parse_page_date(value)
        if found is None:
            try:
                found = parsedate_to_datetime(value).date()
            except (TypeError, ValueError, IndexError):
                continue
        return found
    return None


def feed_article(item: Any, channel: str | None) -> Article:
    """An Article from one RSS ``item`` or Atom ``entry`` element.

    :raises ArticleError: the item has no text.
    """
    fields = _children(item)
    texts = (_text_of(fields[n]) for n in _TEXT_FIELDS if n in fields)
    text = next((t for t in texts if t), "")
    title = fields.get("title")
    link = _link(item, fields)
    identity = fields.get("guid") if "guid" in fields else fields.get("id")
    explicit = None if link or identity is None else (identity.text or "").strip() or None
    return build_article(
        {
            "id": explicit,
            "url": link,
            "title": _text_of(title) if title is not None else None,
            "published": _published(fields),
            "source": channel,
            "text": text,
        }
    )


def read_feed(data: bytes, source: str) -> Iterator[ReadResult]:
    """One ReadResult per item of an RSS or Atom document (``source:itemN``), or one error.

    >>> rss = b"<rss><channel><item><link>https://ex.org/a</link><description>Talks began."
    >>> [r.article.id for r in read_feed(rss + b"</description></item></channel></rss>", "f")]
    ['ex-org-a']
    """
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        yield ReadResult(source, error=f"not a readable feed: {exc}")
        return
    kind = _local(root)
    if kind not in ("rss", "feed", "RDF"):
        yield ReadResult(source, error=f"not an RSS or Atom feed (root element <{kind}>)")
        return
    channel = root.find("{*}channel") if kind != "feed" else root
    title = channel.find("{*}title") if channel is not None else None
    name = " ".join("".join(title.itertext()).split()) if title is not None else ""
    items = [e for e in root.iter() if _local(e) in ("item", "entry")]
    if not items:
        yield ReadResult(source, note="skipped: the feed has no items")
    for number, item in enumerate(items, start=1):
        where = f"{source}:item{number}"
        try:
            yield ReadResult(where, article=feed_article(item, name or None))
        except ArticleError as exc:
            yield ReadResult(where, error=str(exc))
