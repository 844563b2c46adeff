"""Major cities that are not capitals, and the state each lies in (capitals are in states.json)."""

import json
from functools import lru_cache

from ..resources import reference_dir
from .gazetteer import ascii_fold, state_of_city


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    data = json.loads((reference_dir() / "cities.json").read_text(encoding="utf-8"))
    index: dict[str, str] = {}
    for iso, names in data.items():
        if iso.startswith("_"):
            continue
        for name in names:
            index[name] = iso
            index[ascii_fold(name)] = iso
    return index


def city_names() -> tuple[str, ...]:
    """Every non-capital city name and spelling known, longest first."""
    return tuple(sorted(_cities(), key=len, reverse=True))


def state_of_place(name: str) -> str | None:
    """The state of a capital or major city, by its name.

    >>> state_of_place("Sochi"), state_of_place("Islamabad"), state_of_place("Atlantis")
    ('RUS', 'PAK', None)
    """
    return state_of_city(name) or _cities().get(name) or _cities().get(ascii_fold(name))
