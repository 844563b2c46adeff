"""The outcome of reading one input: an article, an error, or a note on a skipped file."""

from dataclasses import dataclass

from bilateral.model import Article


@dataclass(frozen=True)
class ReadResult:
    """One input read: either ``article`` or ``error`` is set, or only ``note`` (a skipped file).

    ``source`` is the file path (``<stdin>`` for standard input), with ``:N`` for line N of a
    JSON lines input. ``error`` is a one-line message. ``note`` alone says why an input was
    skipped (an unknown extension in a folder, a repeat of an article already read); beside an
    article it is a warning on how it was read (not UTF-8, read as cp1252).
    """

    source: str
    article: Article | None = None
    error: str | None = None
    note: str | None = None

    @property
    def ok(self) -> bool:
        """True when an article was read."""
        return self.article is not None
