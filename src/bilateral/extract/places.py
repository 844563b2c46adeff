"""Find the states an article names: by name, alias, official name, demonym or capital."""

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..reference.cities import state_of_place
from ..reference.gazetteer import canonical_city, state_of_city, surface_forms


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
        return self.kind in ("capital", "city")


@lru_cache(maxsize=1)
def _matcher() -> regex.Pattern[str]:
    forms = sorted(surface_forms(), key=len, reverse=True)
    alternatives = "|".join(regex.escape(f) for f in forms if len(f) > 1)
    # Whole words only, and not inside a longer capitalised name ("Guinea" in "Papua New Guinea"
    # is handled by longest-first alternation).
    return regex.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")


_GEOGRAPHY = regex.compile(r"[ \t]+(?:Sea|Ocean|Strait|Peninsula)\b")
_REGION = regex.compile(
    r"(?:\b(?:Latin|South|North|Central)[ \t]+America|\bSea[ \t]+of[ \t]+\w+)\Z"
)


def find_states(text: str) -> list[StateMention]:
    """Every state mention in ``text``, in order.

    >>> [(m.iso, m.kind) for m in find_states("Russian officials flew from Moscow to Pakistan.")]
    [('RUS', 'demonym'), ('RUS', 'capital'), ('PAK', 'name')]
    """
    forms = surface_forms()
    found = []
    for match in _matcher().finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if _GEOGRAPHY.match(text, match.end()) or _REGION.search(before + match.group()[:7]):
            continue  # "the South China Sea", "Latin America", "the Sea of Japan"
        iso, kind = forms[match.group()]
        found.append(StateMention(match.start(), match.end(), iso, kind, match.group()))
    return found


@dataclass(frozen=True)
class CityMention:
    """A capital or major city that a phrase places something in ("in New Delhi", "to Sochi")."""

    start: int
    end: int
    name: str  # canonical spelling
    iso: str
    capital: bool


_IN_PLACE = regex.compile(
    r"\b(?:in|to|at)[ \t]+(?P<place>\p{Lu}[\w'’.-]*(?:[ \t]+\p{Lu}[\w'’.-]*){0,2})"
)


def cities_in(text: str, start: int = 0, end: int | None = None) -> list[CityMention]:
    """Known cities after "in", "to" or "at" between ``start`` and ``end``, in order.

    >>> [(c.name, c.iso, c.capital) for c in cities_in("talks in Kiev, then a trip to Sochi.")]
    [('Kyiv', 'UKR', True), ('Sochi', 'RUS', False)]
    """
    found = []
    for match in _IN_PLACE.finditer(text, start, len(text) if end is None else end):
        place = match.group("place").rstrip(".,")
        iso = state_of_place(place)
        if iso is None:
            continue
        found.append(
            CityMention(
                match.start("place"),
                match.start("place") + len(place),
                canonical_city(place) or place,
                iso,
                state_of_city(place) is not None,
            )
        )
    return found
