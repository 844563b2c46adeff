"""A cheap test that an article is in English: its script, and its share of English function
words (about a quarter of the words of English news; none in French, Spanish or German)."""

import re
import unicodedata

# Function words common in English and rare as words of other Latin-script languages
# ("a", "in", "on", "an" and "was" are left out: Italian, French and German words too).
_FUNCTION_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "that",
        "for",
        "with",
        "is",
        "are",
        "were",
        "has",
        "have",
        "had",
        "said",
        "from",
        "by",
        "at",
        "this",
        "which",
        "will",
        "would",
        "it",
        "its",
        "his",
        "her",
        "their",
        "they",
        "he",
        "she",
        "be",
        "been",
        "as",
        "not",
        "but",
        "or",
        "who",
        "after",
        "also",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 20_000
MIN_WORDS = 60
"""Texts with fewer Latin-script words are not judged: a short English lede full of names
may hold only one or two function words."""
MIN_SHARE = 0.04
"""Least share of English function words among the words of an English text."""
_MIN_LETTERS = 20


def _script(letter: str) -> str:
    name = unicodedata.name(letter, "")
    script = name.split(" ", 1)[0] if name else "UNKNOWN"
    return "CJK" if script == "CJK" else script.title()


def _main_foreign_script(letters: str) -> str | None:
    if len(letters) < _MIN_LETTERS:
        return None
    counts: dict[str, int] = {}
    for letter in letters:
        script = _script(letter)
        counts[script] = counts.get(script, 0) + 1
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if script != "Latin" and count * 2 > len(letters) else None


def not_english(text: str) -> str | None:
    """Why ``text`` is not English (``"not English (mostly Cyrillic script)"``), or None.

    Short texts and texts that may be English are given the benefit of the doubt.

    >>> not_english("Le ministre est arrivé lundi à Moscou pour une visite de deux jours. " * 5)
    'not English (0 of 65 words are common English words)'
    >>> not_english("The minister arrived in Moscow on Monday.") is None
    True
    """
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample)
    script = _main_foreign_script("".join(words))
    if script is not None:
        return f"not English (mostly {script} script)"
    if len(words) < MIN_WORDS:
        return None
    common = sum(1 for word in words if word.casefold() in _FUNCTION_WORDS)
    if common >= MIN_SHARE * len(words):
        return None
    return f"not English ({common} of {len(words)} words are common English words)"
