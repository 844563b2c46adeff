"""The built-in demo corpus: 32 short diplomatic news articles written for Bilateral.

Each line of ``articles.jsonl`` is one article (``id``, ``url``, ``title``, ``published``,
``source``, ``text``); the gold annotations for them are ``tests/gold/demo-gold.jsonl``.
"""

from pathlib import Path

from ..resources import demo_dir


def demo_corpus_path() -> Path:
    """The JSON-lines file holding the demo articles.

    >>> demo_corpus_path().name
    'articles.jsonl'
    >>> demo_corpus_path().is_file()
    True
    """
    return demo_dir() / "articles.jsonl"
