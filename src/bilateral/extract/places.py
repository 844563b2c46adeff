"""Find the states an article names: by name, alias, official name, demonym or capital."""

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..reference.gazetteer import surface_forms


@dataclass(frozen=True)
class StateMention:
    """A span of text that names a state; ``kind`` says how (name, demonym, capital, ...)."""

    start: int
    end: int
    iso: str
    kind: str
    text: str

    @property
    def is_city(self) -> bool:
        return self.kind == "capital"


@lru_cache(maxsize=1)
def _matcher() -> regex.Pattern[str]:
    forms = sorted(surface_forms(), key=len, reverse=True)
    alternatives = "|".join(regex.escape(f) for f in forms if len(f) > 1)
    # Whole words only, and not inside a longer capitalised name ("Guinea" in "Papua New Guinea"
    # is handled by longest-first alternation).
    return regex.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")


def find_states(text: str) -> list[StateMention]:
    """Every state mention in ``text``, in order.

    >>> [(m.iso, m.kind) for m in find_states("Russian officials flew from Moscow to Pakistan.")]
    [('RUS', 'demonym'), ('RUS', 'capital'), ('PAK', 'name')]
    """
    forms = surface_forms()
    found = []
    for match in _matcher().finditer(text):
        iso, kind = forms[match.group()]
        found.append(StateMention(match.start(), match.end(), iso, kind, match.group()))
    return found
