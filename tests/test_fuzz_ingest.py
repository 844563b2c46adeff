"""Fuzzing the readers: whatever the bytes, text or JSON, they give an Article or raise an error
of the project's family with a one-line message, never anything else; cleaning is idempotent."""

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilateral.errors import BilateralError
from bilateral.ingest import clean_text, iter_articles
from bilateral.ingest.article import build_article
from bilateral.ingest.decode import decode_bytes
from bilateral.ingest.html import read_html
from bilateral.ingest.jsonl import read_json
from bilateral.ingest.language import not_english
from bilateral.ingest.text import read_text
from bilateral.model import Article

FUZZ = settings(max_examples=200, deadline=None)
STORY = "MOSCOW - The foreign ministers of Russia and Pakistan held talks in Moscow on Thursday."

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
field_names = st.sampled_from(["id", "url", "title", "published", "source", "text", "other"])
article_fields = st.dictionaries(field_names, json_values | st.text(max_size=200), max_size=7)

# News-like lines: prose, site furniture, mojibake, invisible characters, repeats.
pieces = st.sampled_from(
    [
        STORY,
        "Share this",
        "Subscribe to our newsletter for more.",
        "© 2024 The Outlet. All rights reserved.",
        "Related stories:",
        "Lavrov and Khar signed a memorandum.",
        "CafÃ© diplomacy â€” talks resumed",
        "(Reporting by A. Writer)",
        "\u200b\u00a0",
        "Advertisement",
        "- The Daily Wire",
        "",
        "It was the first visit in a decade, officials said.",
    ]
)
news_like = st.lists(pieces | st.text(max_size=30), max_size=14).map("\n".join)
tags = st.sampled_from(
    ["<p>", "</p>", "<script>", "</script>", "<article>", "</article>", "<div class='share'>",
     "</div>", "<a href='javascript:alert(1)'>", "</a>", "<meta property='og:url' content='",
     "'>", "<html>", "<body onload='x()'>", "<!--", "-->", "<![CDATA[", "]]>", "<title>",
     "</title>", "<script type='application/ld+json'>", '{"@type": "NewsArticle"}']
)  # fmt: skip
html_like = st.lists(tags | pieces | st.text(max_size=20), max_size=30).map("".join)


def article_or_family_error(read, *args) -> Article | None:
    """Call the reader: an Article, or None after an error of the family with a one-line text."""
    try:
        article = read(*args)
    except BilateralError as exc:
        assert str(exc) and "\n" not in str(exc), repr(str(exc))
        return None
    assert isinstance(article, Article)
    assert article.text and clean_text(article.text) == article.text
    assert article.id and "\n" not in article.id
    return article


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x81\x8d")
def test_decoding_any_bytes(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except BilateralError as exc:
        assert "\n" not in str(exc)
    else:
        assert text.strip()


@FUZZ
@given(st.text(max_size=400) | news_like)
@example("Title: x\nDate: 2023-13-45\n\nText")
@example("Date: 1 January 2199\n\n" + STORY)
@example("URL: javascript:alert(1)\n\n" + STORY)
def test_reading_any_text(text: str) -> None:
    article_or_family_error(read_text, text)


@FUZZ
@given(article_fields)
@example({"text": STORY, "published": ["2023"]})
@example({"text": STORY, "id": {"a": 1}})
@example({"text": STORY, "id": "///"})
@example({"text": STORY, "published": "+002023-01-01"})
def test_building_from_any_json_fields(fields: dict) -> None:
    article_or_family_error(build_article, fields)


@FUZZ
@given(json_values | article_fields | st.text(max_size=200))
@example('{"text": "' + STORY + '", "published": "2023-02-29"}')
@example("[" * 5000)
def test_reading_any_json(value: object) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    article_or_family_error(read_json, text)


@FUZZ
@given(html_like | st.text(max_size=300))
@example("<html><body><p>" + STORY + "</p></body></html>")
@example('<?xml version="1.0" encoding="utf-8"?><html><p>' + STORY + "</p></html>")
@example("<html>" + "<div>" * 3000 + STORY)
def test_reading_any_html(page: str) -> None:
    article = article_or_family_error(read_html, page)
    if article is not None:
        assert "javascript:" not in article.text and "<script" not in article.text


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(FUZZ, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from([".txt", ".json", ".jsonl", ".html", ".md"]),
    st.binary(max_size=1500)
    | news_like.map(str.encode)
    | article_fields.map(lambda fields: json.dumps(fields).encode()),
)
def test_any_file_gives_one_line_results_never_an_exception(
    folder: Path, suffix: str, data: bytes
) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    for result in iter_articles([str(folder)]):
        assert result.source.startswith(str(path))
        assert (result.article is None) != (result.error is None) or result.note
        assert "\n" not in (result.error or "") + (result.note or "")
    path.unlink()


@FUZZ
@given(st.binary(max_size=1500))
def test_any_standard_input(data: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    results = list(iter_articles(["-"], stdin=stream))
    assert results
    assert all("\n" not in (r.error or "") for r in results)


@FUZZ
@given(news_like | st.text(max_size=300))
def test_cleaning_news_like_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@FUZZ
@given(st.text(max_size=600) | news_like)
def test_the_language_test_never_fails(text: str) -> None:
    reason = not_english(text)
    assert reason is None or reason.startswith("not English (")
