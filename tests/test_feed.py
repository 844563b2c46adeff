"""RSS and Atom feed files as a source of articles, ingested incrementally."""

import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from bilateral import pipeline
from bilateral.cli import main
from bilateral.ingest import iter_articles
from bilateral.ingest.feed import html_to_text, read_feed
from bilateral.store import open_store

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
RSS, ATOM, BROKEN = FEEDS / "diplomacy.rss", FEEDS / "diplomacy.atom", FEEDS / "broken.rss"


def _articles(path: Path) -> dict:
    results = list(iter_articles([str(path)]))
    assert all(r.ok for r in results), [r.error for r in results]
    return {r.source.rsplit(":", 1)[1]: r.article for r in results}


def test_rss_items_become_articles_with_title_link_date_and_text():
    items = _articles(RSS)
    lavrov, zardari = items["item1"], items["item2"]
    assert lavrov.id == "ledger-example-org-2012-10-04-lavrov-islamabad"
    assert lavrov.url == "https://ledger.example.org/2012/10/04/lavrov-islamabad"
    assert lavrov.title == "Lavrov arrives in Islamabad for talks"
    assert lavrov.published == date(2012, 10, 4) and lavrov.source == "The Capital Ledger"
    # content:encoded wins over the description; markup and scripts go, paragraphs stay
    assert lavrov.text.startswith("ISLAMABAD - Russian Foreign Minister Sergey Lavrov arrived")
    assert "\n\nThe two ministers held talks" in lavrov.text
    assert "<" not in lavrov.text and "track(" not in lavrov.text
    # an escaped-HTML description and a dc:date
    assert zardari.published == date(2012, 6, 6)
    assert zardari.text.startswith("BEIJING - President Asif Ali Zardari met")


def test_atom_entries_become_articles():
    entries = _articles(ATOM)
    obama, vieira = entries["item1"], entries["item2"]
    assert obama.url == "https://wire.example.net/2015/01/25/obama-delhi"  # rel=alternate
    assert obama.title == "Obama arrives in New Delhi & meets Modi"
    assert obama.published == date(2015, 1, 25)  # published, not updated
    assert obama.text.startswith("NEW DELHI - US President Barack Obama arrived")
    assert obama.source == "Wire Service: Diplomacy"
    # no link: the entry's id names the article; xhtml content; updated as the date
    assert vieira.url is None and vieira.id == "tag-wire.example.net-2015-vieira-brief"
    assert vieira.published == date(2015, 10, 15)
    assert vieira.text.startswith("NEW DELHI - Brazilian Foreign Minister Mauro Vieira met")


def test_a_feed_is_ingested_incrementally(tmp_path):
    feed = tmp_path / "ledger.rss"
    shutil.copy(RSS, feed)
    store = open_store(":memory:")
    first = pipeline.ingest([str(feed), str(ATOM)], store)
    assert first.summary() == "4 added, 0 replaced, 0 unchanged, 0 failed"
    visits = store.query("ASK { ?v a bl:Visit ; bl:visitor ?o . ?o rdfs:label ?n }")
    assert visits.value
    feed.write_text(RSS.read_text().replace("on energy and trade", "on energy, trade and arms"))
    again = pipeline.ingest([str(feed), str(ATOM)], store)
    assert again.summary() == "0 added, 1 replaced, 3 unchanged, 0 failed"
    assert again.replaced == ["ledger-example-org-2012-10-04-lavrov-islamabad"]


def test_a_broken_feed_is_a_failure_and_the_others_go_in(tmp_path):
    result = CliRunner().invoke(
        main, ["ingest", str(FEEDS), "--store", str(tmp_path / "kb")], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "broken.rss: not a readable feed" in result.output
    assert "4 added, 0 replaced, 0 unchanged, 1 failed" in result.output


def test_what_is_not_a_feed_or_has_no_text_is_reported():
    [sitemap] = read_feed(b"<urlset><url><loc>https://ex.org/</loc></url></urlset>", "s.xml")
    assert sitemap.error == "not an RSS or Atom feed (root element <urlset>)"
    [empty] = read_feed(b"<rss><channel><title>Quiet</title></channel></rss>", "e.rss")
    assert empty.note == "skipped: the feed has no items"
    [bare] = read_feed(
        b"<rss><channel><item><title>Only a title</title></item></channel></rss>", "t.rss"
    )
    assert bare.source == "t.rss:item1" and "no article text" in (bare.error or "")


def test_entities_are_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<rss><channel><item><description>&b;</description></item></channel></rss>"
    )
    [result] = read_feed(bomb, "bomb.rss")
    assert result.article is None or "aaaaaaaaaa" not in result.article.text


def test_html_to_text_keeps_paragraphs_and_line_breaks():
    assert html_to_text("<p>One\n two</p><p>Three<br>four</p>") == "One two\n\nThree\nfour"
    assert html_to_text("Tom &amp; Jerry") == "Tom & Jerry"
