"""Bad input through the installed ``bilateral ingest`` script: each bad file is named on one
``error: <path>: <reason>`` line, the good files go in, the exit status is 1, no traceback, and
what the store already held is kept."""

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilateral.ingest import MAX_FILE_BYTES, MAX_TEXT_CHARS
from bilateral.mapping import iris
from bilateral.mapping.namespaces import SCHEMA
from bilateral.resources import demo_dir
from bilateral.store import open_store

pytestmark = pytest.mark.slow

BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
FIXTURES = Path(__file__).parent / "fixtures" / "bad"
DEMO = [json.loads(line) for line in (demo_dir() / "articles.jsonl").read_text().splitlines()]
SEED, GOOD, GOOD_TRIO = DEMO[0], DEMO[1], DEMO[2:5]
STORY = DEMO[5]


def write(folder: Path, name: str, content: str | bytes | dict) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def story(**fields: object) -> dict:
    """A good article's fields (a new id) with ``fields`` changed; None removes a field."""
    article = {**STORY, "id": "story-under-test", **fields}
    return {k: v for k, v in article.items() if v is not None}


def ingest(store: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BILATERAL, "ingest", *map(str, paths), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def article_graphs(store_path: Path) -> dict[str, set]:
    """Each article graph in the store (by article id) with its quads."""
    store = open_store(str(store_path))
    try:
        prefix = iris.GRAPH_BASE + "article/"
        return {
            str(g).removeprefix(prefix): set(store.quads(g))
            for g in store.graphs()
            if str(g).startswith(prefix)
        }
    finally:
        store.close()


def article_text(graphs: dict[str, set], article_id: str) -> str:
    return next(str(o) for _, p, o, _ in graphs[article_id] if p == SCHEMA.articleBody)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set]:
    """A store holding one article already, and that article's quads."""
    folder = tmp_path_factory.mktemp("seed")
    store = folder / "kb"
    done = ingest(store, write(folder, "seed.json", SEED))
    assert done.returncode == 0, done.stderr
    return store, article_graphs(store)[SEED["id"]]


@pytest.fixture
def store(seeded: tuple[Path, set], tmp_path: Path) -> Path:
    """A copy of the seeded store for one test."""
    copy = tmp_path / "kb"
    shutil.copytree(seeded[0], copy)
    return copy


def check(
    run: subprocess.CompletedProcess,
    store: Path,
    seeded: tuple[Path, set],
    bad: dict[Path | str, str],
    good: list[str],
) -> dict[str, set]:
    """Assert the run named each bad input once with its reason and stored every good one."""
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert run.returncode == (1 if bad else 0), output
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(bad), errors
    for path, reason in bad.items():
        named = [line for line in errors if line.startswith(f"error: {path}: ")]
        assert len(named) == 1, (path, errors)
        assert reason in named[0], (reason, named[0])
    graphs = article_graphs(store)
    assert set(good) <= set(graphs), (good, sorted(graphs))
    assert graphs[SEED["id"]] == seeded[1]
    return graphs


# One bad file beside a good one ---------------------------------------------------------------

JUNK = random.Random(7).randbytes(4000)

BAD_FILES = {
    "empty": ("empty.txt", b"", "empty file"),
    "binary-txt": ("junk.txt", JUNK, "binary data, not text"),
    "binary-json": (
        "junk.json",
        b"\x81" + JUNK.replace(b"\x00", b""),
        "not valid UTF-8 (byte 0x81 at offset 0) and not plausible cp1252 text",
    ),
    "invalid-utf8": (
        "gbk.txt",
        ("中文新闻报道，两国外长会谈。" * 20).encode("gbk"),
        "not valid UTF-8 (byte 0xd6 at offset 0) and not plausible cp1252 text",
    ),
    "missing-text": ("notext.json", story(text=None), "missing field 'text'"),
    "text-number": ("number.json", story(text=42), "field 'text' must be a string, not a number"),
    "date-list": (
        "datelist.json",
        story(published=["2023", "05"]),
        "field 'published' must be a string, not a list",
    ),
    "id-object": (
        "idobject.json",
        story(id={"value": 1}),
        "field 'id' must be a string or an integer, not an object",
    ),
    "date-words": (
        "tuesday.json",
        story(published="next Tuesday-ish"),
        "field 'published': cannot read 'next Tuesday-ish' as an ISO date",
    ),
    "date-impossible": (
        "month13.json",
        story(published="2023-13-45"),
        "field 'published': cannot read '2023-13-45' as an ISO date",
    ),
    "date-future": (
        "future.json",
        story(published="2199-01-01"),
        "field 'published': 2199-01-01 is in the future",
    ),
    "date-future-header": (
        "future.txt",
        f"Title: Ahead of time\nDate: 1 January 2199\n\n{STORY['text']}",
        "field 'published': 2199-01-01 is in the future",
    ),
    "date-ancient": (
        "ancient.json",
        story(published="0001-01-01"),
        "field 'published': 0001-01-01 is before 1800",
    ),
    "url-with-space": (
        "badurl.json",
        story(url="https://news.example.org/a story<script>"),
        "field 'url' has a character not allowed in a URL: ' '",
    ),
    "french": ("french.txt", FIXTURES / "french.txt", "not English (0 of "),
    "russian": ("russian.json", FIXTURES / "russian.json", "not English (mostly Cyrillic script)"),
    "text-too-long": (
        "long.json",
        story(text="Talks went on. " * (MAX_TEXT_CHARS // 15 + 1)),
        f"above the limit of {MAX_TEXT_CHARS:,}",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_named_and_the_good_one_goes_in(case, store, seeded, tmp_path):
    name, content, reason = BAD_FILES[case]
    if isinstance(content, Path):
        content = content.read_bytes()
    bad = write(tmp_path / "in", name, content)
    good = write(tmp_path / "in", "good.json", GOOD)
    run = ingest(store, bad, good)
    graphs = check(run, store, seeded, {bad: reason}, [GOOD["id"]])
    assert "story-under-test" not in graphs
    assert "1 added, 0 replaced, 0 unchanged, 1 failed" in run.stdout


def test_twenty_megabyte_article_is_refused_unread(store, seeded, tmp_path):
    line = (STORY["text"].replace("\n", " ") + "\n").encode()
    huge = write(tmp_path, "huge.txt", line * (20_000_000 // len(line) + 1))
    assert huge.stat().st_size > 2 * MAX_FILE_BYTES
    good = write(tmp_path, "good.json", GOOD)
    run = ingest(store, huge, good)
    reason = f"file is 20.0 MB, above the limit of {MAX_FILE_BYTES / 1e6:.1f} MB"
    check(run, store, seeded, {huge: reason}, [GOOD["id"]])


def test_latin1_english_is_read_as_cp1252(store, seeded, tmp_path):
    text = f"Title: Café talks\n\n{STORY['text']}\nThe délégation left for Génève – on time."
    old = write(tmp_path, "latin.txt", text.encode("cp1252"))
    graphs = check(ingest(store, old), store, seeded, {}, ["latin"])
    assert "The délégation left for Génève – on time." in article_text(graphs, "latin")


def test_html_full_of_scripts_goes_in_without_any_script(store, seeded):
    page = FIXTURES / "scripts.html"
    graphs = check(ingest(store, page), store, seeded, {}, ["scripts"])
    text = article_text(graphs, "scripts")
    assert text.startswith("LAHORE, Feb 21 (Subcontinent Wire) - Prime Minister")
    assert "See the full statement on the ministry site." in text
    for code in ("alert", "javascript", "document.", "onclick", "onload", "<", "function", "{"):
        assert code not in text
    quads = "\n".join(str(o) for _, _, o, _ in graphs["scripts"])
    assert "javascript" not in quads.casefold() and "alert(" not in quads


def test_same_id_with_other_text_fails_and_same_text_is_skipped(store, seeded, tmp_path):
    first = write(tmp_path, "a/first.json", GOOD)
    same = write(tmp_path, "b/same.json", GOOD)
    other = write(tmp_path, "c/other.json", {**GOOD, "text": STORY["text"]})
    run = ingest(store, first, same, other)
    reason = f"duplicate id {GOOD['id']}, already read from {first}"
    graphs = check(run, store, seeded, {other: reason}, [GOOD["id"]])
    assert article_text(graphs, GOOD["id"]) == GOOD["text"]
    assert "1 added, 0 replaced, 0 unchanged, 1 failed, 1 skipped" in run.stdout
    assert f"{same}: skipped: same article as {first}" in run.stderr


def test_json_lines_with_bad_lines_name_file_and_line(store, seeded, tmp_path):
    lines = [
        json.dumps(GOOD_TRIO[0]),
        "{not json",
        json.dumps(story(text=7)),
        "",
        json.dumps(GOOD_TRIO[1]),
        json.dumps(story(published="2023-13-45")),
        json.dumps(GOOD_TRIO[2]),
    ]
    batch = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    bad = {
        f"{batch}:2": "invalid JSON: ",
        f"{batch}:3": "field 'text' must be a string, not a number",
        f"{batch}:6": "cannot read '2023-13-45'",
    }
    run = ingest(store, batch)
    check(run, store, seeded, bad, [a["id"] for a in GOOD_TRIO])
    assert "3 added, 0 replaced, 0 unchanged, 3 failed" in run.stdout


def test_folder_mixing_every_bad_case_with_three_good_articles(store, seeded, tmp_path):
    folder = tmp_path / "mixed"
    bad: dict[Path | str, str] = {}
    for name, content, reason in BAD_FILES.values():
        if isinstance(content, Path):
            content = content.read_bytes()
        bad[write(folder, name, content)] = reason
    huge = folder / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(20_000_000)  # refused on its size, before a byte is read
    bad[huge] = "file is 20.0 MB, above the limit"
    for index, article in enumerate(GOOD_TRIO):
        write(folder, f"good-{index}.json", article)
    write(folder, "zz-again.json", {**GOOD_TRIO[0], "text": STORY["text"]})
    bad[folder / "zz-again.json"] = f"duplicate id {GOOD_TRIO[0]['id']}, already read from"
    write(folder, "notes.md", "# not an article")
    run = ingest(store, folder)
    graphs = check(run, store, seeded, bad, [a["id"] for a in GOOD_TRIO])
    assert set(graphs) == {SEED["id"], *(a["id"] for a in GOOD_TRIO)}
    assert f"3 added, 0 replaced, 0 unchanged, {len(bad)} failed, 1 skipped" in run.stdout
