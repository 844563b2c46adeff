"""Read articles from files, folders and standard input, one ReadResult per article or error."""

import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from bilateral.errors import ArticleError
from bilateral.ingest.decode import MAX_FILE_BYTES, decode_with_note, read_limited
from bilateral.ingest.feed import read_feed
from bilateral.ingest.html import read_html
from bilateral.ingest.html_meta import declared_charset
from bilateral.ingest.ids import collision_key
from bilateral.ingest.jsonl import numbered_lines, read_json
from bilateral.ingest.result import ReadResult
from bilateral.ingest.text import read_text
from bilateral.model import Article

STDIN = "<stdin>"
SUFFIXES = {
    ".txt": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)


Noted = tuple[Article, str | None]
"""An article and a note on how it was read (its text was not UTF-8), if any."""


def _one(source: str, read: Callable[[], Noted]) -> ReadResult:
    try:
        article, note = read()
    except ArticleError as exc:
        return ReadResult(source, error=str(exc))
    return ReadResult(source, article=article, note=note)


def _decoded(parse: Callable[[str], Article], data: bytes, declared: str | None = None) -> Noted:
    text, note = decode_with_note(data, declared)
    return parse(text), note


def _json_lines(
    source: str, stem: str | None, lines: Iterable[tuple[int, bytes | None]]
) -> Iterator[ReadResult]:
    empty = True
    for number, line in lines:
        where = f"{source}:{number}"
        if line is None:
            yield ReadResult(where, error=f"line is above the limit of {MAX_FILE_BYTES:,} bytes")
            empty = False
            continue
        if not line.strip():
            continue
        empty = False
        line_stem = f"{stem}-{number}" if stem else None
        yield _one(where, partial(_decoded, partial(read_json, stem=line_stem), line))
    if empty:
        yield ReadResult(source, error="empty file")


def _read_by_kind(kind: str, path: Path) -> Iterator[ReadResult]:
    source, stem = str(path), path.stem
    if kind == "feed":
        try:
            yield from read_feed(read_limited(path), source)
        except ArticleError as exc:
            yield ReadResult(source, error=str(exc))
        return
    if kind == "jsonl":
        try:
            with path.open("rb") as stream:
                yield from _json_lines(source, stem, numbered_lines(stream))
        except OSError as exc:
            yield ReadResult(source, error=f"cannot read file: {exc.strerror or exc}")
        return

    def read() -> Noted:
        data = read_limited(path)
        if kind == "html":
            return _decoded(partial(read_html, stem=stem), data, declared_charset(data))
        if kind == "json":
            return _decoded(partial(read_json, stem=stem), data)
        return _decoded(partial(read_text, stem=stem), data)

    yield _one(source, read)


def _read_path(path: Path, in_folder: bool) -> Iterator[ReadResult]:
    if path.is_dir():
        yield from _read_folder(path)
        return
    kind = SUFFIXES.get(path.suffix.lower())
    if not path.exists():
        yield ReadResult(str(path), error="no such file or folder")
    elif kind is None and in_folder:
        yield ReadResult(str(path), note=f"skipped: unknown file type {path.suffix or '(none)'!r}")
    elif kind is None:
        known = ", ".join(SUFFIXES)
        yield ReadResult(str(path), error=f"unsupported file type {path.suffix!r} (use {known})")
    else:
        yield from _read_by_kind(kind, path)


def _read_folder(folder: Path) -> Iterator[ReadResult]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield ReadResult(str(folder), error=f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and entry.is_dir():
            yield ReadResult(str(entry), note="skipped: symbolic link to a folder")
            continue
        yield from _read_path(entry, in_folder=True)


def _looks_like_json_lines(data: bytes) -> bool:
    lines = [line.strip() for line in data.removeprefix(b"\xef\xbb\xbf").splitlines()]
    lines = [line for line in lines if line]
    return len(lines) > 1 and all(line.startswith(b"{") for line in lines)


def _read_stdin(stream: TextIO) -> Iterator[ReadResult]:
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{":
        whole = _one(STDIN, partial(_decoded, read_json, data))
        if whole.ok or not _looks_like_json_lines(data):
            yield whole
        else:
            yield from _json_lines(STDIN, None, numbered_lines(io.BytesIO(data)))
        return

    def read() -> Noted:
        text, note = decode_with_note(data)
        is_html = _HTML_START.match(text.lstrip("\ufeff \t\r\n"))
        return (read_html(text) if is_html else read_text(text)), note

    yield _one(STDIN, read)


def _all_results(paths: Sequence[str], stdin: TextIO | None) -> Iterator[ReadResult]:
    for name in paths:
        if name == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin)
        else:
            yield from _read_path(Path(name), in_folder=False)


def iter_articles(paths: Sequence[str], stdin: TextIO | None = None) -> Iterator[ReadResult]:
    """Read each path (a file, a folder read recursively, or ``-`` for ``stdin``) in order.

    Never raises for a bad input: each yields a ReadResult with a one-line ``error``. An
    article whose id was already read in this batch (ignoring case and punctuation) is an
    error too, unless its text is the same: then it is skipped with a ``note``.

    >>> [r.article.title for r in iter_articles(["-"], io.StringIO('{"title": "T", "text": "x"}'))]
    ['T']
    """
    first_seen: dict[str, tuple[str, str]] = {}
    for result in _all_results(paths, stdin):
        article = result.article
        seen = first_seen.get(collision_key(article.id)) if article is not None else None
        if article is None:
            yield result
        elif seen is None:
            first_seen[collision_key(article.id)] = (result.source, article.content_hash)
            yield result
        elif seen[1] == article.content_hash:
            yield ReadResult(result.source, note=f"skipped: same article as {seen[0]}")
        else:
            message = f"duplicate id {article.id}, already read from {seen[0]}"
            yield ReadResult(result.source, error=message)
