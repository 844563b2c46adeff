"""How the scorer compares words: plain lower-case words, and offices named many ways."""

import re
import unicodedata

STOP = frozenset(
    ["of", "the", "and", "for", "on", "in", "a", "an", "to", "with", "from", "its", "s"]
)
_OFFICE_REWRITES = [
    (re.compile(pattern), canonical)
    for pattern, canonical in (
        (r"minister (of|for) foreign affairs", "foreign minister"),
        (r"foreign affairs minister", "foreign minister"),
        (r"external affairs minister", "foreign minister"),
        (r"minister (of|for) external affairs", "foreign minister"),
        (r"defense", "defence"),
        (r"minister (of|for) defence", "defence minister"),
        (r"minister (of|for) finance", "finance minister"),
        (r"minister (of|for) (trade|commerce)", "trade minister"),
        (r"premier", "prime minister"),
    )
]
# Main roles, most specific first: an office naming one of these matches any label naming it.
_ROLES = (
    "foreign minister",
    "prime minister",
    "vice president",
    "president",
    "defence minister",
    "finance minister",
    "trade minister",
    "interior minister",
    "home secretary",
    "chancellor",
    "secretary of state",
    "state councillor",
    "state counsellor",
    "crown prince",
    "king",
    "queen",
    "emir",
    "ambassador",
    "spokesperson",
    "chief of army staff",
    "army chief",
)


def words(text: object) -> list[str]:
    """Lower-case ASCII words of a text, accents dropped.

    >>> words("Sergey Lavrov's visit, Brasília")
    ['sergey', 'lavrov', 's', 'visit', 'brasilia']
    """
    decomposed = unicodedata.normalize("NFKD", "" if text is None else str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", plain)


def _office(text: str) -> str:
    normal = " ".join(words(text))
    for pattern, canonical in _OFFICE_REWRITES:
        normal = pattern.sub(canonical, normal)
    return f" {normal} "


def office_matches(gold: str, label: str) -> bool:
    """Whether a position label names the gold office: all its words, or the same main role.

    >>> office_matches("Foreign Minister", "Minister of Foreign Affairs of Pakistan")
    True
    >>> office_matches("Chief of Army Staff", "Prime Minister of Pakistan")
    False
    """
    gold_text, label_text = _office(gold), _office(label)
    if set(gold_text.split()) - STOP <= set(label_text.split()) - STOP:
        return True
    role = next((r for r in _ROLES if f" {r} " in gold_text), None)
    return role is not None and f" {role} " in label_text
