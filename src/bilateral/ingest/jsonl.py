"""JSON articles: one object per ``.json`` file, or one per line of a JSON lines input."""

import json
from collections.abc import Iterator
from typing import BinaryIO

from bilateral.errors import ArticleError
from bilateral.ingest.article import build_article
from bilateral.ingest.decode import MAX_FILE_BYTES
from bilateral.model import Article

_NAMES = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def _load(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ArticleError(f"invalid JSON: {exc.msg} ({where})") from exc
    except RecursionError as exc:
        raise ArticleError("invalid JSON: nested too deeply") from exc
    if not isinstance(data, dict):
        found = "null" if data is None else _NAMES.get(type(data), type(data).__name__)
        raise ArticleError(f"expected one JSON object per article, found {found}")
    return data


def read_json(text: str, stem: str | None = None) -> Article:
    """An Article from one JSON object (url, title, published, source, text, optional id).

    :raises ArticleError: not a JSON object, no ``text``, or a field of the wrong type.

    >>> read_json('{"id": "a1", "text": "Talks began.", "published": "2012-10-04"}').published
    datetime.date(2012, 10, 4)
    """
    return build_article(_load(text), stem)


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Each line with its number from 1; ``None`` for a line above :data:`MAX_FILE_BYTES`."""
    number = 0
    while line := stream.readline(MAX_FILE_BYTES + 1):
        number += 1
        if len(line) > MAX_FILE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield number, None
        else:
            yield number, line
