"""Ingest: files, folders and standard input to cleaned Articles.

``iter_articles`` reads ``.txt``, ``.json``, ``.jsonl`` and ``.html`` inputs and yields one
``ReadResult`` per article or per failure; ``clean_text`` is the cleaning pass it applies.
"""

from bilateral.ingest.article import MAX_TEXT_CHARS
from bilateral.ingest.clean import clean_text, dedupe_paragraphs, strip_boilerplate
from bilateral.ingest.decode import MAX_FILE_BYTES
from bilateral.ingest.reader import iter_articles
from bilateral.ingest.result import ReadResult

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "ReadResult",
    "clean_text",
    "dedupe_paragraphs",
    "iter_articles",
    "strip_boilerplate",
]
