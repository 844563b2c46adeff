"""The outcome of reading one input: an article, an error, or a note on a skipped file."""

from dataclasses import dataclass

from bilateral.model import Article


@dataclass(frozen=True)
class ReadResult:
    """One input read: exactly one of ``article``, ``error`` and ``note`` is set.

    ``source`` is the file path (``<stdin>`` for standard input), with ``:N`` for line N of a
    JSON lines input. ``error`` is a one-line message; ``note`` says why a file in a folder was
    skipped (an unknown extension).
    """

    source: str
    article: Article | None = None
    error: str | None = None
    note: str | None = None

    @property
    def ok(self) -> bool:
        """True when an article was read."""
        return self.article is not None
