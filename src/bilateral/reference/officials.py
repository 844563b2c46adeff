"""A gazetteer of well-known state officials: who held which post, for which state, and when.

Like the actor dictionaries of event coders (PETRARCH, ICEWS), it lets extraction give a state
to an official whom a text names without one ("President Putin", "Kissinger"). The curated
list is the shipped ``officials.json``; there is no RDF here. Names match whatever their case,
accents, hyphens, dots and common spelling variants ("Sergei" and "Sergey").

>>> find_official("Sergei Lavrov").state
'RUS'
>>> find_official("Kim Jong-un").name
'Kim Jong Un'
>>> find_official("Bush", year=1990).name
'George H. W. Bush'
>>> find_official("Bush") is None
True
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilateral.reference.gazetteer import ascii_fold
from bilateral.resources import reference_dir

# RoleScheme concepts, highest rank first: when posts overlap, the higher one is "the" post.
ROLES = (
    "HeadOfState",
    "HeadOfGovernment",
    "DeputyHeadOfGovernment",
    "ForeignMinister",
    "DefenceMinister",
    "FinanceMinister",
    "TradeMinister",
    "InteriorMinister",
    "OtherMinister",
    "DeputyMinister",
    "MilitaryChief",
    "SeniorOfficial",
    "Ambassador",
    "Envoy",
    "Spokesperson",
)

# Letters that Unicode decomposition leaves alone ("Støre", "Wałęsa", "Đinđić", "Yılmaz").
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae", "ß": "ss"}
)
# Transliterations that news spells several ways, mapped to one form.
_VARIANTS = {
    "sergey": "sergei",
    "dmitri": "dmitry",
    "dmitriy": "dmitry",
    "evgeny": "yevgeny",
    "yevgeni": "yevgeny",
    "aleksandr": "alexander",
    "alexandr": "alexander",
    "aleksander": "alexander",
    "alexey": "alexei",
    "aleksei": "alexei",
    "aleksey": "alexei",
    "andrey": "andrei",
    "nikolay": "nikolai",
    "yury": "yuri",
    "yuriy": "yuri",
    "vasily": "vassily",
    "vasiliy": "vassily",
    "valeriy": "valery",
    "valerii": "valery",
    "anatoliy": "anatoly",
    "andrii": "andriy",
    "oleksii": "oleksiy",
    "mohammed": "muhammad",
    "mohammad": "muhammad",
    "mohamed": "muhammad",
    "muhammed": "muhammad",
    "mohamad": "muhammad",
    "ahmad": "ahmed",
}
_ARTICLES = {"al", "el"}
_PUNCTUATION = re.compile(r"[.'’‘`]")
_SEPARATORS = re.compile(r"[-‐‑–—,/]")


@dataclass(frozen=True)
class KnownPost:
    """One post held: its RoleScheme concept, the title as news writes it, first and last year."""

    role: str
    title: str
    start: int
    end: int | None = None  # None: still held

    def held_in(self, year: int) -> bool:
        """Whether the post was held at some time in ``year``."""
        return self.start <= year and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class KnownOfficial:
    """A well-known state official: full name, spellings, the short name news uses, posts."""

    name: str
    surname: str
    state: str  # ISO 3166-1 alpha-3
    posts: tuple[KnownPost, ...]
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


def name_key(text: str) -> str:
    """The key names are compared by: no case, accents, dots, hyphens, "al-", or variant spellings.

    >>> name_key("Sergey Viktorovich Lavrov")
    'sergei viktorovich lavrov'
    >>> name_key("Bashar al-Assad") == name_key("Bashar Assad")
    True
    """
    text = _PUNCTUATION.sub("", ascii_fold(text.translate(_LETTERS)).casefold())
    tokens = [_VARIANTS.get(t, t) for t in _SEPARATORS.sub(" ", text).split()]
    kept = [t for t in tokens if t not in _ARTICLES]
    return " ".join(kept or tokens)


def officials_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[KnownOfficial, ...]:
    """Turn the parsed content of ``officials.json`` into :class:`KnownOfficial` objects.

    :raises ValueError: if a post names a role outside :data:`ROLES`.
    """
    officials = []
    for entry in data:
        posts = tuple(
            KnownPost(p["role"], p["title"], int(p["start"]), p.get("end")) for p in entry["posts"]
        )
        unknown = [p.role for p in posts if p.role not in ROLES]
        if unknown:
            raise ValueError(f"{entry['name']}: unknown role(s) {unknown}")
        officials.append(
            KnownOfficial(
                name=entry["name"],
                surname=entry["surname"],
                state=entry["state"],
                posts=posts,
                aliases=tuple(entry.get("aliases", ())),
                wikidata=entry.get("wikidata"),
            )
        )
    return tuple(officials)


@cache
def load_officials() -> tuple[KnownOfficial, ...]:
    """Every official in the shipped ``officials.json``, in file order."""
    text = (reference_dir() / "officials.json").read_text(encoding="utf-8")
    return officials_from_json(json.loads(text))


@cache
def _indexes() -> tuple[dict[str, tuple[KnownOfficial, ...]], dict[str, tuple[KnownOfficial, ...]]]:
    full: dict[str, list[KnownOfficial]] = {}
    short: dict[str, list[KnownOfficial]] = {}
    for official in load_officials():
        for form in {name_key(f) for f in (official.name, *official.aliases)}:
            full.setdefault(form, []).append(official)
        short.setdefault(name_key(official.surname), []).append(official)
    return (
        {k: tuple(v) for k, v in full.items()},
        {k: tuple(v) for k, v in short.items()},
    )


def officials_named(name: str) -> tuple[KnownOfficial, ...]:
    """Every official with this full name or alias or, failing that, this short name.

    >>> [o.name for o in officials_named("Lula da Silva")]
    ['Luiz Inácio Lula da Silva']
    >>> len(officials_named("Kaczynski"))
    2
    """
    full, short = _indexes()
    key = name_key(name)
    return full.get(key) or short.get(key, ())


def post_in(official: KnownOfficial, year: int) -> KnownPost | None:
    """The highest-ranking post the official held in ``year``, or None.

    >>> post_in(find_official("Putin"), 2010).title
    'Prime Minister'
    >>> post_in(find_official("Putin"), 1990) is None
    True
    """
    held = [p for p in official.posts if p.held_in(year)]
    return min(held, key=lambda p: (ROLES.index(p.role), -p.start), default=None)


def find_official(
    name: str, year: int | None = None, state: str | None = None
) -> KnownOfficial | None:
    """The one official a name denotes, or None if unknown or still ambiguous.

    ``state`` (ISO alpha-3) keeps only that state's officials; among several left, ``year``
    keeps the one who held a post that year.

    >>> find_official("Sharif", year=1998).name
    'Nawaz Sharif'
    >>> find_official("Rodriguez", state="CUB").name
    'Bruno Rodríguez Parrilla'
    >>> find_official("Singh", year=2005) is None
    True
    """
    found = officials_named(name)
    if state is not None:
        found = tuple(o for o in found if o.state == state.upper())
    if len(found) > 1 and year is not None:
        found = tuple(o for o in found if post_in(o, year) is not None)
    return found[0] if len(found) == 1 else None
