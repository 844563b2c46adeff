"""The gazetteer of sovereign states: names, aliases, demonyms and capitals, with no RDF.

Every surface form belongs to exactly one state; a form that names two states ("Congo",
"Korean") is left out on purpose and listed by :func:`excluded_forms`.

>>> state_by_iso("pak").capitals
('Islamabad',)
>>> lookup("Pakistani")
('PAK', 'demonym')
>>> lookup("the U.S.")
('USA', 'alias')
>>> state_of_city("Kiev")
'UKR'
"""

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from bilateral.resources import reference_dir

Kind = Literal["name", "official", "alias", "demonym", "capital"]

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼʻ`´′", "'"))
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")


@dataclass(frozen=True)
class Capital:
    """One capital city of a state, with other spellings and its Wikidata QID where known."""

    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class StateInfo:
    """Reference facts on one sovereign state."""

    iso3: str
    iso2: str
    wikidata: str
    name: str
    official_name: str
    status: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital_places: tuple[Capital, ...] = ()
    ambiguous: bool = False
    ambiguous_forms: tuple[str, ...] = ()

    @property
    def capitals(self) -> tuple[str, ...]:
        """The names of the state's capitals, the usual one first."""
        return tuple(c.name for c in self.capital_places)

    def forms(self) -> Iterator[tuple[str, Kind]]:
        """Every surface form of the state with its kind, strongest kind first."""
        yield self.name, "name"
        yield self.official_name, "official"
        for alias in self.aliases:
            yield alias, "alias"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for capital in self.capital_places:
            for city in (capital.name, *capital.aliases):
                yield city, "capital"


def ascii_fold(text: str) -> str:
    """Drop diacritics and straighten apostrophes, keeping case.

    >>> ascii_fold("Côte d’Ivoire")
    "Cote d'Ivoire"
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c))


def _strip(text: str) -> str:
    return _THE.sub("", " ".join(ascii_fold(text).split()))


def fold(text: str) -> str:
    """The case-, accent- and article-insensitive key that :func:`lookup` compares.

    >>> fold("  The  Hague ")
    'hague'
    """
    return _strip(text).casefold()


def _key(form: str) -> str:
    """Acronyms ("US", "U.K.") keep their case, so "us" never reads as the United States."""
    stripped = _strip(form)
    return stripped if _ACRONYM.fullmatch(stripped) else stripped.casefold()


def states_from_json(data: Mapping[str, Any]) -> tuple[StateInfo, ...]:
    """Turn the parsed content of ``states.json`` into :class:`StateInfo` objects."""
    return tuple(
        StateInfo(
            iso3=s["iso3"],
            iso2=s["iso2"],
            wikidata=s["wikidata"],
            name=s["name"],
            official_name=s["official_name"],
            status=s["status"],
            aliases=tuple(s.get("aliases", ())),
            demonyms=tuple(s.get("demonyms", ())),
            capital_places=tuple(
                Capital(c["name"], tuple(c.get("aliases", ())), c.get("wikidata"))
                for c in s.get("capitals", ())
            ),
            ambiguous=bool(s.get("ambiguous", False)),
            ambiguous_forms=tuple(s.get("ambiguous_forms", ())),
        )
        for s in data["states"]
    )


def index_forms(states: tuple[StateInfo, ...]) -> dict[str, tuple[str, Kind]]:
    """Map each folded form to its (iso3, kind).

    :raises ValueError: if one form, once folded, belongs to two states.
    """
    index: dict[str, tuple[str, Kind]] = {}
    clashes = []
    for state in states:
        for form, kind in state.forms():
            key = _key(form)
            if key in index and index[key][0] != state.iso3:
                clashes.append(f"{form!r}: {index[key][0]} and {state.iso3}")
            index.setdefault(key, (state.iso3, kind))
    if clashes:
        raise ValueError("surface forms naming two states: " + "; ".join(clashes))
    return index


@cache
def _data() -> dict[str, Any]:
    return json.loads((reference_dir() / "states.json").read_text(encoding="utf-8"))


@cache
def load_states() -> tuple[StateInfo, ...]:
    """All 197 states of the reference data, in the order of ``states.csv``."""
    return states_from_json(_data())


@cache
def _by_iso() -> dict[str, StateInfo]:
    return {s.iso3: s for s in load_states()}


def state_by_iso(iso3: str) -> StateInfo:
    """The state with this ISO 3166-1 alpha-3 code (any case).

    :raises KeyError: if no reference state has that code.

    >>> state_by_iso("RUS").wikidata
    'Q159'
    """
    try:
        return _by_iso()[iso3.upper()]
    except KeyError:
        message = f"no state with ISO 3166-1 alpha-3 code {iso3!r} in the reference data"
        raise KeyError(message) from None


@cache
def _surface_forms() -> dict[str, tuple[str, Kind]]:
    forms: dict[str, tuple[str, Kind]] = {}
    for state in load_states():
        for form, kind in state.forms():
            if form in forms and forms[form][0] != state.iso3:
                raise ValueError(f"{form!r} names both {forms[form][0]} and {state.iso3}")
            forms.setdefault(form, (state.iso3, kind))
    return forms


def surface_forms() -> dict[str, tuple[str, Kind]]:
    """Every name, official name, alias, demonym and capital as written -> (iso3, kind).

    >>> surface_forms()["Britain"]
    ('GBR', 'alias')
    """
    return dict(_surface_forms())


@cache
def _index() -> dict[str, tuple[str, Kind]]:
    return index_forms(load_states())


def lookup(text: str) -> tuple[str, Kind] | None:
    """The (iso3, kind) of a surface form, ignoring case, accents, curly quotes and "the ".

    Acronyms match in capitals only; other forms also match when written in capitals.

    >>> lookup("Cote d’Ivoire")
    ('CIV', 'alias')
    >>> lookup("us") is None
    True
    >>> lookup("CHAD")
    ('TCD', 'name')
    """
    index = _index()
    stripped = _strip(text)
    found = index.get(stripped) if _ACRONYM.fullmatch(stripped) else None
    return found or index.get(stripped.casefold())


@cache
def _cities() -> dict[str, tuple[str, str]]:
    cities: dict[str, tuple[str, str]] = {}
    for state in load_states():
        for capital in state.capital_places:
            for form in (capital.name, *capital.aliases):
                cities.setdefault(fold(form), (capital.name, state.iso3))
    return cities


def capital_of(iso3: str) -> str | None:
    """The usual capital of a state, or None for an unknown code.

    >>> capital_of("NLD")
    'Amsterdam'
    """
    state = _by_iso().get(iso3.upper())
    return state.capitals[0] if state and state.capitals else None


def state_of_city(name: str) -> str | None:
    """The ISO code of the state whose capital this is, under any of its spellings.

    >>> state_of_city("Brasilia")
    'BRA'
    """
    found = _cities().get(fold(name))
    return found[1] if found else None


def canonical_city(name: str) -> str | None:
    """The reference spelling of a capital, so that places get one IRI.

    >>> canonical_city("Peking")
    'Beijing'
    """
    found = _cities().get(fold(name))
    return found[0] if found else None


def excluded_forms() -> dict[str, str]:
    """Forms deliberately left out because they name more than one state, with the reason."""
    return dict(_data().get("excluded_forms", {}))
