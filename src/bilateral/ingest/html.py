"""Saved web pages: the main text through trafilatura, metadata from the page itself first."""

import logging
from datetime import date
from typing import Any

import trafilatura
from lxml import etree

from bilateral.errors import ArticleError
from bilateral.ingest.article import build_article
from bilateral.ingest.clean import normalize_text
from bilateral.ingest.dates import parse_page_date
from bilateral.ingest.html_meta import page_meta
from bilateral.model import Article

# Page furniture that trafilatura may keep when it sits inside the article element; never a
# block of three paragraphs or more, which is more likely the story itself.
_WORDS = ("cookie", "consent", "related", "newsletter", "share", "social", "subscribe", "promo")
_PRUNE = " | ".join(
    f"//*[not(self::body or self::main or self::article)][contains(@class, '{w}') "
    f"or contains(@id, '{w}')][count(.//p) < 3]"
    for w in _WORDS
)

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _fold(text: str) -> str:
    return " ".join(normalize_text(text).casefold().split())


def _without_headline(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and rest and _fold(first) == _fold(title):
        return rest
    return text


def _extract(page: str) -> Any:
    return trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        prune_xpath=_PRUNE,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def read_html(page: str, stem: str | None = None) -> Article:
    """An Article from a saved web page: main text only, with title, date and canonical URL.

    Date and URL come from the page's own tags first (``<link rel=canonical>``, ``og:url``,
    ``article:published_time``, JSON-LD ``datePublished``), then from trafilatura.

    :raises ArticleError: the page cannot be parsed, or has no article text.
    """
    meta = page_meta(page)
    try:
        doc = _extract(page)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:
        raise ArticleError(f"cannot parse the page: {exc}") from exc
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        raise ArticleError("no article text found in the page")
    title = getattr(doc, "title", None) or meta.title
    published: date | None = meta.published or parse_page_date(getattr(doc, "date", None))
    url = meta.url or getattr(doc, "url", None)
    fields = {
        "text": _without_headline(text, title),
        "title": title,
        "published": published,
        "url": url if url and url.lower().startswith(("http://", "https://")) else None,
        "source": meta.site or getattr(doc, "sitename", None),
    }
    return build_article(fields, stem)
