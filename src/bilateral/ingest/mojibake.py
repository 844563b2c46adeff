"""Undo the commonest mojibake: UTF-8 bytes that were decoded as cp1252 or Latin-1.

>>> fix_mojibake("the minister\u00e2\u20ac\u2122s visit")
'the minister’s visit'
"""

import contextlib
import re

# Each byte 0x80-0xFF as a cp1252 decoder shows it, and as a Latin-1 decoder shows it.
_BYTE_OF: dict[str, int] = {}
for _b in range(0x80, 0x100):
    _BYTE_OF[chr(_b)] = _b
    with contextlib.suppress(UnicodeDecodeError):
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b


def _char_class(low: int, high: int) -> str:
    chars = sorted(c for c, b in _BYTE_OF.items() if low <= b <= high)
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_CONT = _char_class(0x80, 0xBF)
_SEQUENCE = re.compile(
    f"{_char_class(0xC2, 0xDF)}{_CONT}"
    f"|{_char_class(0xE0, 0xEF)}{_CONT}{{2}}"
    f"|{_char_class(0xF0, 0xF4)}{_CONT}{{3}}"
)
_LEADS = re.compile(_char_class(0xC2, 0xF4))
# "”" is E2 80 9D; 0x9D has no cp1252 character, so it is often lost or replaced by U+FFFD.
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?:\ufffd|(?=[\\s.,;:!?)]|$))")

# Two-byte repairs are trusted only into Latin-1, Latin Extended-A, Greek, Cyrillic, Hebrew and
# Arabic: a real pair such as "ß" + "”" would otherwise turn into an N'Ko letter.
_TRUSTED_TWO_BYTE = ((0x00A0, 0x017F), (0x0370, 0x06FF))


def _repair(match: re.Match[str]) -> str:
    found = match.group(0)
    try:
        fixed = bytes(_BYTE_OF[c] for c in found).decode("utf-8")
    except UnicodeDecodeError:
        return found
    if len(found) == 2 and not any(lo <= ord(fixed) <= hi for lo, hi in _TRUSTED_TWO_BYTE):
        return found
    return fixed


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252 (``â€™`` → ``’``, ``Ã©`` → ``é``), even when done twice.

    >>> fix_mojibake("Caf\u00c3\u00a9 talks")
    'Café talks'
    """
    for _ in range(3):
        if not _LEADS.search(text):
            break
        repaired = _SEQUENCE.sub(_repair, text)
        if repaired == text:
            break
        text = repaired
    return _LOST_CLOSING_QUOTE.sub("\u201d", text)
