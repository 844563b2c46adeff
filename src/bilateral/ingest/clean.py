"""Article text cleaning: encoding repair, Unicode and whitespace normalisation, boilerplate
and repeated paragraphs out. Pure functions of a string.

>>> clean_text("Share this\\r\\nISLAMABAD - Talks\\u00a0 began  in the capital on Monday.\\u200b"
...            "\\n(The Nation)")
'ISLAMABAD - Talks began in the capital on Monday.'
"""

import re
import unicodedata

from bilateral.ingest.boilerplate import strip_boilerplate
from bilateral.ingest.mojibake import fix_mojibake

__all__ = ["clean_text", "dedupe_paragraphs", "normalize_text", "strip_boilerplate"]

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width (non-)joiners shape Arabic, Persian and Indic script: drop them only beside ASCII.
_JOINERS = re.compile(r"(?<![^\x00-\x7f])[\u200c\u200d](?![^\x00-\x7f])")
# C1 controls are kept until the mojibake repair, whose Latin-1 forms use them.
_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_C1_CONTROLS = re.compile(r"[\x80-\x84\x86-\x9f]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")
_FOLD = re.compile(r"[\W_]+")
_MIN_KEY = 12
_MAX_PASSES = 4


def normalize_text(text: str) -> str:
    """Repair mojibake; NFC; one kind of line break and space; no invisible characters.

    >>> normalize_text("a\\u00a0\\u00a0b \\r\\n\\r\\n\\r\\nc\\u200b")
    'a b\\n\\nc'
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", _JOINERS.sub("", _C0_CONTROLS.sub("", text)))
    text = unicodedata.normalize("NFC", fix_mojibake(text))
    text = _SPACES.sub(" ", _C1_CONTROLS.sub("", text.replace("\x85", "\n")))
    lines = [_RUNS_OF_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _key(paragraph: str) -> str:
    return _FOLD.sub(" ", unicodedata.normalize("NFKC", paragraph).casefold()).strip()


def dedupe_paragraphs(text: str) -> str:
    """Drop paragraphs that repeat an earlier one, up to case, spacing and punctuation.

    Paragraphs are blank-line separated blocks, or single lines when the text has no blank
    lines. Very short paragraphs (separators, one-word lines) are never treated as repeats.

    >>> dedupe_paragraphs("Talks began.\\nThe ministers met for two hours.\\nthe ministers  met "
    ...                   "for two hours\\nTalks ended.")
    'Talks began.\\nThe ministers met for two hours.\\nTalks ended.'
    """
    separator = "\n\n" if "\n\n" in text.strip() else "\n"
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in text.split(separator):
        key = _key(paragraph)
        if len(key) >= _MIN_KEY:
            if key in seen:
                continue
            seen.add(key)
        kept.append(paragraph)
    return separator.join(kept)


def _clean_once(text: str) -> str:
    text = strip_boilerplate(normalize_text(text))
    text = strip_boilerplate(dedupe_paragraphs(text))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def clean_text(text: str) -> str:
    """The full cleaning pass: normalise, strip site boilerplate, drop repeated paragraphs.

    Repeated until nothing changes (a repair can expose another), so cleaning is idempotent.
    """
    for _ in range(_MAX_PASSES):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text
