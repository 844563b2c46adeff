"""Ingest: readers for each input kind, every bad-input case, and the cleaning pass."""

import io
import json
import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.ingest import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    ReadResult,
    clean_text,
    dedupe_paragraphs,
    iter_articles,
    strip_boilerplate,
)
from bilateral.ingest.clean import normalize_text
from bilateral.ingest.ids import content_hash
from bilateral.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = "ISLAMABAD - Pakistan and Russia agreed on Thursday to expand cooperation in energy."
NEXT = "The ministers will meet again in Kuala Lumpur next spring, officials said."


def read_all(*paths: Path | str, stdin: str | None = None) -> list[ReadResult]:
    stream = io.StringIO(stdin) if stdin is not None else None
    return list(iter_articles([str(p) for p in paths], stdin=stream))


def only_article(*paths: Path | str, stdin: str | None = None) -> Article:
    results = read_all(*paths, stdin=stdin)
    assert len(results) == 1, results
    assert results[0].error is None, results[0].error
    assert results[0].article is not None
    return results[0].article


def only_error(*paths: Path | str, stdin: str | None = None) -> str:
    results = read_all(*paths, stdin=stdin)
    assert len(results) == 1, results
    assert results[0].article is None, results[0].article
    assert results[0].error
    assert "\n" not in results[0].error
    return results[0].error


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# Readers ------------------------------------------------------------------------------------


def test_plain_text_has_no_title_and_takes_the_file_stem_as_id() -> None:
    article = only_article(FIXTURES / "txt" / "plain.txt")
    assert article.id == "plain"
    assert article.title is None
    assert article.published is None
    assert article.text.startswith("Tbilisi talks end without joint statement\n\nTBILISI, May 6 -")
    assert article.content_hash == content_hash(article.text)


def test_plain_text_header_gives_title_date_url_and_source() -> None:
    article = only_article(FIXTURES / "txt" / "with-header.txt")
    assert article.title == "Georgia, Armenia open new border crossing"
    assert article.published == date(2016, 5, 7)
    assert article.url == "https://caucasus-wire.example.com/2016/05/07/border-crossing"
    assert article.source == "Caucasus Wire"
    assert article.id == "caucasus-wire-example-com-2016-05-07-border-crossing"
    assert article.text.startswith("YEREVAN - Georgia and Armenia opened")
    assert "Title:" not in article.text


def test_json_article_reads_every_field() -> None:
    article = only_article(FIXTURES / "json" / "lisbon-visit.json")
    assert article.title == "Angola's President begins state visit to Portugal"
    assert article.published == date(2021, 11, 2)
    assert article.source == "Atlantic Post"
    assert article.url == "https://atlantic-post.example.net/politics/2021-11-02/angola-portugal"
    assert article.id == "atlantic-post-example-net-politics-2021-11-02-angola-portugal"
    assert article.text.startswith("LISBON - The President of Angola arrived")
    assert "\n\nThe two presidents" in article.text


def test_json_explicit_id_wins_over_url_and_is_made_safe(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.json",
        json.dumps({"id": "Nation/2012 10#4", "url": "https://x.org/a", "text": STORY}),
    )
    assert only_article(path).id == "Nation-2012-10-4"


def test_integer_id_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"id": 1042, "text": STORY}))
    assert only_article(path).id == "1042"


def test_json_without_id_or_url_takes_the_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "Visit Report_2012.json", json.dumps({"text": STORY}))
    assert only_article(path).id == "visit-report-2012"


def test_json_lines_give_one_result_per_line_with_line_numbers() -> None:
    results = read_all(FIXTURES / "json" / "wire.jsonl")
    by_line = {r.source.rsplit(":", 1)[1]: r for r in results}
    assert sorted(by_line, key=int) == ["1", "3", "4", "5", "6", "7"]  # line 2 is blank
    assert all(r.source.startswith(str(FIXTURES / "json" / "wire.jsonl:")) for r in results)
    assert by_line["1"].article is not None and by_line["1"].article.id == "wire-2017-0042"
    assert by_line["3"].article is not None and by_line["3"].article.id == "wire-3"
    assert by_line["7"].article is not None
    assert by_line["7"].article.id == "wire-example-com-asean-2017-08-26-brunei"
    assert "invalid JSON" in (by_line["4"].error or "")
    assert "'next Tuesday'" in (by_line["5"].error or "")
    assert "found a list" in (by_line["6"].error or "")


def test_html_page_keeps_the_story_and_drops_the_furniture() -> None:
    article = only_article(FIXTURES / "html" / "harbour-talks.html")
    text = article.text
    assert text.startswith("WELLINGTON - Chile and New Zealand signed an agreement")
    assert "joint patrols and the exchange of catch data" in text
    assert '"Our two countries face the same ocean' in text
    for furniture in (
        "Pacific trade ministers gather in Auckland",
        "Scientists warn over Antarctic krill stocks",
        "Santiago hosts regional fisheries forum",
        "Related stories",
        "cookies",
        "Manage preferences",
        "Opinion",
        "Sign up for our newsletter",
        "All rights reserved",
        "Advertisement",
        "WhatsApp",
        "renderAd",
        "tracking pixel",
    ):
        assert furniture not in text, furniture
    assert text.count("Chile, New Zealand sign fisheries accord") == 0  # headline is the title


def test_html_page_metadata_comes_from_the_page() -> None:
    article = only_article(FIXTURES / "html" / "harbour-talks.html")
    assert article.title == "Chile, New Zealand sign fisheries accord in Wellington"
    assert article.published == date(2019, 3, 12)  # the outlet's own day, not UTC's 11th
    assert article.url == "https://ledger.example.org/world/2019/03/12/chile-new-zealand-fisheries"
    assert article.source == "The Southern Ledger"
    assert article.id == "ledger-example-org-world-2019-03-12-chile-new-zealand-fisheries"


def test_html_related_box_inside_the_story_body_is_dropped(tmp_path: Path) -> None:
    page = f"""<html><body><article><h1>Energy talks</h1>
    <div class="story-body share-tracking"><p>{STORY}</p>
    <div class="related-box"><p>Pakistan and China to build a new motorway through the northern
    mountains, sources say</p></div>
    <p>The two foreign ministers also discussed Afghanistan and regional security.</p>
    <p>They agreed to meet again next year in Moscow for the next round of talks.</p></div>
    </article></body></html>"""
    text = only_article(write(tmp_path, "p.html", page)).text
    assert "motorway" not in text
    assert text.startswith(STORY) and text.endswith("the next round of talks.")


def test_html_json_ld_and_relative_canonical_fill_in_missing_tags() -> None:
    article = only_article(FIXTURES / "html" / "jsonld-only.html")
    assert article.published == date(2023, 6, 14)
    assert article.url == "https://dispatch.example.eu/2023/06/14/baltic-ministers-riga"
    assert article.source == "Nordic Dispatch"
    assert article.title is not None and article.title.startswith("Baltic ministers meet in Riga")
    assert article.text.startswith("RIGA - The foreign ministers")
    assert "Front page" not in article.text


def test_html_in_a_legacy_charset_is_decoded(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head><body><article>'
        "<p>MOSCOW - The foreign ministers of Russia and Pakistan held talks in Moscow "
        "(Москва) on Thursday and agreed to meet again.</p></article></body></html>"
    )
    path = write(tmp_path, "ru.html", page.encode("cp1251"))
    assert "in Moscow (Москва) on Thursday" in only_article(path).text


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "B - " + STORY)
    write(tmp_path, "a/z.txt", "Z - " + STORY)
    write(tmp_path, "a/c.TXT", "C - " + STORY)
    write(tmp_path, ".git/config.txt", "hidden folder")
    write(tmp_path, ".draft.txt", "hidden file")
    write(tmp_path, "notes.pdf", b"%PDF-1.4 not read")
    results = read_all(tmp_path)
    names = [Path(r.source).relative_to(tmp_path).as_posix() for r in results]
    assert names == ["a/c.TXT", "a/z.txt", "b.txt", "notes.pdf"]
    assert [r.article.id for r in results if r.article] == ["c", "z", "b"]
    assert results[-1].note == "skipped: unknown file type '.pdf'"
    assert results[-1].error is None and not results[-1].ok


def test_mixed_folder_reads_every_good_file_and_names_each_bad_one_once() -> None:
    results = read_all(FIXTURES / "mixed")
    good = sorted(Path(r.source).name for r in results if r.ok)
    bad = sorted(Path(r.source).name for r in results if r.error)
    noted = [Path(r.source).name for r in results if r.note]
    assert good == ["01-good.txt", "04-good.json", "06-lines.jsonl:1", "07-good.html"]
    assert bad == [
        "02-empty.txt",
        "03-broken.json",
        "05-no-text.json",
        "06-lines.jsonl:2",
        "08-bad-date.json",
        "09-duplicate.json",
    ]
    assert noted == ["README.md"]
    assert all(".hidden" not in r.source for r in results)


def test_stdin_json_object() -> None:
    article = only_article("-", stdin=json.dumps({"title": "T", "text": STORY}))
    assert article.title == "T"
    assert article.id == "text-" + content_hash(article.text)[:16]


def test_stdin_json_lines_are_numbered() -> None:
    lines = [json.dumps({"id": f"s{n}", "text": STORY + f" Item {n}."}) for n in (1, 2)]
    results = read_all("-", stdin="\n".join(["{broken", *lines]))
    assert [r.source for r in results] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert "invalid JSON" in (results[0].error or "")
    assert [r.article.id for r in results if r.article] == ["s1", "s2"]


def test_stdin_pretty_printed_json_with_an_error_is_one_error() -> None:
    error = only_error("-", stdin='{\n  "title": "T",\n  "text": "unfinished\n}')
    assert error.startswith("invalid JSON")


def test_stdin_plain_text_with_a_header() -> None:
    article = only_article("-", stdin="Title: Short note\nPublished: 2012-10-04\n\n" + STORY)
    assert (article.title, article.published, article.text) == (
        "Short note",
        date(2012, 10, 4),
        STORY,
    )


def test_stdin_html_is_detected() -> None:
    page = (
        f"<!DOCTYPE html><html><head><title>Talks</title></head><body><p>{STORY}</p></body></html>"
    )
    assert only_article("-", stdin=page).text == STORY


def test_stdin_bytes_go_through_the_same_decoding() -> None:
    stream = io.TextIOWrapper(io.BytesIO(("Caf\u00e9 talks. " + STORY).encode("cp1252")))
    results = list(iter_articles(["-"], stdin=stream))
    assert results[0].article is not None
    assert results[0].article.text.startswith("Café talks.")


def test_the_same_input_gives_the_same_id_and_hash_twice() -> None:
    first = only_article(FIXTURES / "html" / "harbour-talks.html")
    second = only_article(FIXTURES / "html" / "harbour-talks.html")
    assert (first.id, first.content_hash) == (second.id, second.content_hash)


# Bad inputs ---------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert only_error(write(tmp_path, "e.txt", "")) == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert only_error(write(tmp_path, "e.txt", " \n\t\r\n ")) == "empty file"


def test_empty_json_lines_file(tmp_path: Path) -> None:
    assert only_error(write(tmp_path, "e.jsonl", "\n\n")) == "empty file"


def test_binary_junk(tmp_path: Path) -> None:
    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    assert "binary" in only_error(write(tmp_path, "image.txt", junk))


def test_binary_junk_without_nul_bytes(tmp_path: Path) -> None:
    junk = bytes(b for b in os.urandom(4000) if b) + b"\x01\x02\x03" * 50
    error = only_error(write(tmp_path, "junk.txt", junk))
    assert "binary" in error or "not valid UTF-8" in error


def test_invalid_utf8_that_is_not_cp1252_text(tmp_path: Path) -> None:
    error = only_error(write(tmp_path, "cjk.txt", "中文新闻报道，两国外长会谈".encode("gbk")))
    assert error.startswith("not valid UTF-8 (byte 0x")


def test_cp1252_text_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", ("Caf\u00e9 diplomacy \u2013 " + STORY).encode("cp1252"))
    assert only_article(path).text.startswith("Café diplomacy – ISLAMABAD")


def test_utf8_with_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps({"text": STORY}).encode())
    assert only_article(path).text == STORY


def test_utf16_with_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", STORY.encode("utf-16"))
    assert only_article(path).text == STORY


def test_json_missing_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"title": "No story"}))
    assert only_error(path) == "missing field 'text'"


def test_json_text_of_the_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"text": ["a", "list"]}))
    assert only_error(path) == "field 'text' must be a string, not a list"


def test_json_title_of_the_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"title": 7, "text": STORY}))
    assert only_error(path) == "field 'title' must be a string, not a number"


def test_json_published_of_the_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"published": 20121004, "text": STORY}))
    assert only_error(path) == "field 'published' must be a string, not a number"


def test_json_id_of_the_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"id": True, "text": STORY}))
    assert "field 'id' must be a string or an integer" in only_error(path)


def test_json_url_that_is_not_http(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"url": "javascript:alert(1)", "text": STORY}))
    assert "field 'url' must be an http(s) URL" in only_error(path)


def test_invalid_json(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", '{"text": "unfinished')
    assert only_error(path).startswith("invalid JSON: ")


def test_json_list_instead_of_an_object(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps([{"text": STORY}]))
    assert only_error(path) == "expected one JSON object per article, found a list"


def test_unparseable_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"published": "04/10/2012", "text": STORY}))
    assert "cannot read '04/10/2012' as an ISO date" in only_error(path)


def test_impossible_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"published": "2012-02-30", "text": STORY}))
    assert "cannot read '2012-02-30'" in only_error(path)


def test_future_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"published": "2091-01-15", "text": STORY}))
    assert only_error(path) == "field 'published': 2091-01-15 is in the future"


def test_date_time_with_offset_keeps_its_own_day(tmp_path: Path) -> None:
    stamp = "2012-10-04T23:30:00-05:00"
    path = write(tmp_path, "a.json", json.dumps({"published": stamp, "text": STORY}))
    assert only_article(path).published == date(2012, 10, 4)


def test_header_date_in_words_is_read_and_a_bad_one_refused(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", f"Date: Oct 4, 2012\n\n{STORY}")
    bad = write(tmp_path, "bad.txt", f"Date: sometime soon\n\n{STORY}")
    assert only_article(good).published == date(2012, 10, 4)
    assert "cannot read 'sometime soon'" in only_error(bad)


def test_twenty_megabyte_file_is_refused_unread(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", (STORY + "\n") * (20_000_000 // (len(STORY) + 1)))
    error = only_error(path)
    assert error.startswith("file is 20.0 MB, above the limit of")
    assert MAX_FILE_BYTES < 20_000_000


def test_text_above_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "long.json", json.dumps({"text": "word " * (MAX_TEXT_CHARS // 5 + 1)}))
    assert path.stat().st_size < MAX_FILE_BYTES
    assert only_error(path) == (
        f"text is {MAX_TEXT_CHARS + 5:,} characters, above the limit of {MAX_TEXT_CHARS:,}"
    )


def test_json_line_above_the_limit_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    huge = json.dumps({"text": "x" * (MAX_FILE_BYTES + 10)})
    path = write(tmp_path, "big.jsonl", huge + "\n" + json.dumps({"text": STORY}) + "\n")
    results = read_all(path)
    assert [r.source.rsplit(":", 1)[1] for r in results] == ["1", "2"]
    assert "above the limit" in (results[0].error or "")
    assert results[1].article is not None and results[1].article.text == STORY


def test_html_full_of_scripts_has_no_text(tmp_path: Path) -> None:
    scripts = "<script>document.write('<p>' + 'ad '.repeat(500) + '</p>');</script>" * 300
    path = write(tmp_path, "ads.html", f"<html><head>{scripts}</head><body>{scripts}</body></html>")
    assert only_error(path) == "no article text found in the page"


def test_html_with_scripts_around_a_short_story(tmp_path: Path) -> None:
    scripts = "<script>var track = {'id': 1, 'text': 'tracking'};</script>" * 300
    page = f"<html><body>{scripts}<p>{STORY}</p>{scripts}</body></html>"
    assert only_article(write(tmp_path, "s.html", page)).text == STORY


def test_only_boilerplate_is_no_article(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Share this\nTweet\nAdvertisement\n© 2024 The Outlet\n")
    assert only_error(path) == "no article text (empty, or only boilerplate)"


def test_duplicate_id_in_one_batch(tmp_path: Path) -> None:
    first = write(tmp_path, "one/visit.txt", STORY)
    write(tmp_path, "two/visit.txt", STORY + " Again.")
    results = read_all(tmp_path)
    assert results[0].article is not None
    assert results[1].error == f"duplicate id visit, already read from {first}"


def test_ids_differing_only_in_case_and_punctuation_are_duplicates(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": i, "text": t}) for i, t in (("Nation.2012", STORY), ("nation-2012", NEXT))
    ]
    results = read_all(write(tmp_path, "n.jsonl", "\n".join(lines)))
    assert results[0].ok
    first = f"{tmp_path / 'n.jsonl'}:1"
    assert results[1].error == f"duplicate id nation-2012, already read from {first}"


def test_missing_path(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nowhere.txt") == "no such file or folder"


def test_unsupported_file_named_explicitly(tmp_path: Path) -> None:
    error = only_error(write(tmp_path, "story.docx", b"PK\x03\x04"))
    assert error.startswith("unsupported file type '.docx'")


def test_empty_stdin() -> None:
    assert only_error("-", stdin="  \n") == "empty file"


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", "{")
    good = write(tmp_path, "good.txt", STORY)
    results = read_all(bad, good, bad)
    assert [r.ok for r in results] == [False, True, False]


# Cleaning -----------------------------------------------------------------------------------

MERIDIAN_PARAGRAPHS = [
    "ASTANA - Kazakhstan and Malaysia agreed on Tuesday",
    "The Malaysian Foreign Minister, visiting Astana",
    "Both sides signed a memorandum of understanding",
    "They also agreed to convene the fifth session",
    "“Our trade has doubled in three years,”",
    "Talks covered",
    "regional security, transport corridors",
    "The two ministers also discussed direct flights",
    "The visit ends on Thursday.",
]


def test_scraped_page_loses_calls_to_subscribe_repeats_and_signatures() -> None:
    raw = (FIXTURES / "scraped" / "meridian-scrape.txt").read_text(encoding="utf-8")
    lines = clean_text(raw).split("\n")
    assert len(lines) == len(MERIDIAN_PARAGRAPHS)
    for line, start in zip(lines, MERIDIAN_PARAGRAPHS, strict=True):
        assert line.startswith(start)
    for gone in ("Subscribe", "Share this", "Related", "Southeast Asia", "Meridian"):
        assert gone not in "\n".join(lines)


@pytest.mark.parametrize(
    "line",
    [
        "- Subscribe to Meridian Daily Updates",
        "Subscribe now",
        "Share this",
        "SHARE THIS ARTICLE",
        "Follow us on Twitter and Facebook",
        "Click here to download the app",
        "Read more",
        "Read more: Kazakhstan eyes new markets",
        "Related: Minister arrives in Astana",
        "Advertisement",
        "© 2024 The Daily Meridian",
        "Copyright 2024 Meridian Media. All rights reserved.",
        "Sign up for our newsletter",
        "Sign up for our newsletter to get the latest news from Central Asia every morning.",
        "Tweet",
        "Email",
        "Print",
        "Facebook Twitter WhatsApp Email",
        "Share on Facebook",
        "f | Facebook · Twitter · LinkedIn",
        "We use cookies to improve your experience. By continuing you accept our policy.",
        "Tags: Kazakhstan, Malaysia, diplomacy",
    ],
)
def test_boilerplate_line_is_removed(line: str) -> None:
    text = f"{STORY}\n{line}\n{NEXT}"
    assert line not in strip_boilerplate(text)
    assert strip_boilerplate(text).count("\n") == 1


@pytest.mark.parametrize(
    "line",
    [
        "ISLAMABAD -",
        "MOSCOW, Oct 4 (Reuters) - Russia and Pakistan signed three agreements on Thursday.",
        "ISLAMABAD: The Foreign Office said the talks were held in a cordial atmosphere.",
        "Subscribers to the pipeline consortium will meet in Ashgabat next week to sign documents.",
        "Click-through rates were not discussed at the meeting of the two trade ministers.",
        "The minister said he would share his country's experience of building dams in the north.",
        "Follow-up talks will be held in Moscow next month, the Foreign Ministry said.",
        "Related agreements on customs and transit will be signed in December, the ministry said.",
        "Print media from both countries covered the visit, which was the first in six years.",
        "Agreements signed:",
        "- Energy cooperation",
        "Economic ties",
    ],
)
def test_content_line_is_kept(line: str) -> None:
    text = f"{STORY}\n{line}\n{NEXT}"
    assert line in strip_boilerplate(text)


@pytest.mark.parametrize(
    "signature",
    [
        "(The Nation)",
        "(APP)",
        "— Reuters",
        "- AFP",
        "Pakistan Cyber Force",
        "The Daily Meridian",
        "(Reporting by Asif Shahzad; Editing by Simon Cameron-Moore)",
    ],
)
def test_outlet_signature_at_the_end_is_removed(signature: str) -> None:
    assert strip_boilerplate(f"{STORY}\n{signature}") == STORY


def test_two_signature_lines_at_the_end_are_removed() -> None:
    assert strip_boilerplate(f"{STORY}\n(The Outlet)\nOutlet Media Group") == STORY


def test_signature_like_line_in_the_middle_is_kept() -> None:
    text = f"Pakistan Cyber Force\n{STORY}"
    assert strip_boilerplate(text) == text


def test_short_text_is_not_taken_for_a_signature() -> None:
    assert strip_boilerplate("Talks Resume") == "Talks Resume"


def test_related_list_after_its_header_is_removed() -> None:
    text = (
        f"{STORY}\n\nRelated stories\n\nMinister arrives in Astana\n\n"
        "Trade with Malaysia doubles in three years\n\nThe visit ends on Thursday, "
        "when the minister will fly on to Tashkent for talks."
    )
    cleaned = strip_boilerplate(text)
    assert "Minister arrives" not in cleaned and "Trade with Malaysia" not in cleaned
    assert cleaned.endswith("for talks.")


def test_repeated_lines_keep_their_first_occurrence() -> None:
    text = (
        "A line of story one.\nA line of story two.\na  LINE of story ONE!\nA line of story three."
    )
    assert (
        dedupe_paragraphs(text)
        == "A line of story one.\nA line of story two.\nA line of story three."
    )


def test_repeated_paragraphs_are_compared_as_blocks() -> None:
    para = "The two sides discussed\ntrade and energy."
    text = f"{para}\n\nThey agreed to meet again.\n\n{para.upper()}\n\nThe visit ends today."
    assert (
        dedupe_paragraphs(text) == f"{para}\n\nThey agreed to meet again.\n\nThe visit ends today."
    )


def test_wrapped_lines_inside_paragraphs_are_not_deduplicated() -> None:
    text = "First one ends with\nthe two countries.\n\nSecond one ends with\nthe two countries."
    assert dedupe_paragraphs(text) == text


def test_short_repeated_lines_are_kept() -> None:
    text = "***\nA story line that is long enough.\n***\nAnother line of the story here."
    assert dedupe_paragraphs(text) == text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("the minister\u00e2\u20ac\u2122s visit", "the minister’s visit"),
        ("\u00e2\u20ac\u0153historic\u00e2\u20ac\u009d talks", "“historic” talks"),
        ("\u00e2\u20ac\u0153historic\u00e2\u20ac\ufffd talks", "“historic” talks"),
        ("Moscow\u00e2\u20ac\u201cIslamabad", "Moscow–Islamabad"),
        ("caf\u00c3\u00a9 and na\u00c3\u00afve", "café and naïve"),
        ("\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2", "’"),  # encoded twice
        ("\u00e2\u0080\u0099", "’"),  # read as Latin-1
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert clean_text(broken) == fixed


@pytest.mark.parametrize(
    "text", ["SÃO PAULO", "Straße” said", "CAFÉ\u00a0menu", "Ægir ©", "Ünal ¬ test", "naïve café"]
)
def test_correct_accented_text_is_not_touched_by_the_repair(text: str) -> None:
    assert normalize_text(text) == text.replace("\u00a0", " ")


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    raw = "\ufeffTalks\u00a0began\u200b  in\tMoscow.\r\n\r\n\r\n\r\nThey   ended\u2009today.\r"
    assert normalize_text(raw) == "Talks began in Moscow.\n\nThey ended today."


def test_unicode_is_composed() -> None:
    assert normalize_text("Cafe\u0301") == "Café"
    assert unicodedata.is_normalized("NFC", clean_text("Cafe\u0301 talks resumed in Paris."))


def test_joiners_inside_persian_words_are_kept() -> None:
    persian = "می\u200cخواهم"
    assert normalize_text(f"Tehran said {persian} today") == f"Tehran said {persian} today"
    assert normalize_text("zero\u200cwidth") == "zerowidth"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
