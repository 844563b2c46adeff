"""A saved page's own metadata: canonical URL, publication date, title and site name from
<link rel=canonical>, Open Graph and article: tags, and JSON-LD (NewsArticle and kin)."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from bilateral.ingest.dates import parse_page_date

_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Report",
}
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself; every field may be missing."""

    url: str | None = None
    published: date | None = None
    title: str | None = None
    site: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _meta(tree: Any, *names: str) -> str | None:
    wanted = {n.casefold() for n in names}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = (element.get("content") or "").strip()
        if key.casefold() in wanted and content:
            return content
    return None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk(node.get("@graph", []))


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _json_ld_article(tree: Any) -> dict[str, Any]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in _walk(data):
            if _is_article(node):
                return node
    return {}


def _ld_string(value: Any, key: str = "@id") -> str | None:
    if isinstance(value, dict):
        value = value.get(key) or value.get("url") or value.get("name")
    if isinstance(value, list) and value:
        return _ld_string(value[0], key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    if base and not url.lower().startswith(("http://", "https://")):
        url = urljoin(base, url)
    return url if url.lower().startswith(("http://", "https://")) else None


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").casefold().split()
        if "canonical" in rels and (link.get("href") or "").strip():
            return link.get("href").strip()
    return None


def page_meta(text: str) -> PageMeta:
    """Read the page's metadata; a page without any gives an empty PageMeta."""
    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, lxml_html.etree.ParserError):
        return PageMeta()
    ld = _json_ld_article(tree)
    og_url = _meta(tree, "og:url")
    ld_url = _ld_string(ld.get("mainEntityOfPage")) or _ld_string(ld.get("url"))
    candidates = (_absolute(c, og_url or ld_url) for c in (_canonical(tree), og_url, ld_url))
    url = next((u for u in candidates if u), None)
    published = parse_page_date(_meta(tree, *_DATE_META)) or parse_page_date(
        _ld_string(ld.get("datePublished"))
    )
    title = _meta(tree, "og:title", "twitter:title") or _ld_string(ld.get("headline"))
    site = _meta(tree, "og:site_name") or _ld_string(ld.get("publisher"), "name")
    return PageMeta(url=url, published=published, title=title, site=site)
