"""Minting of entity and graph IRIs: deterministic, so re-ingesting gives the same names.

>>> state_iri("rus")
rdflib.term.URIRef('https://w3id.org/bilateral/id/state/RUS')
>>> official_iri("Sergey Lavrov", "RUS") == official_iri("Sergei Lavrov", "RUS")
True
"""

import hashlib
import re
import unicodedata

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/bilateral/id/"
GRAPH_BASE = "https://w3id.org/bilateral/graph/"
REFERENCE_GRAPH = URIRef(GRAPH_BASE + "reference")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
LINK_GRAPH = URIRef(GRAPH_BASE + "links")
VOID_GRAPH = URIRef(GRAPH_BASE + "void")
DATASET = URIRef("https://w3id.org/bilateral/dataset")

_base = DEFAULT_BASE


def set_base(base: str) -> None:
    """Use ``base`` (ending in ``/``) for every entity IRI minted from now on."""
    global _base
    _base = base if base.endswith("/") else base + "/"


def base() -> str:
    """The entity IRI base in force."""
    return _base


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("Pakistan Steel Mills (PSM)")
    'pakistan-steel-mills-psm'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "-".join(re.findall(r"[a-z0-9]+", text)) or "x"


def digest(*parts: object, length: int = 12) -> str:
    """A short stable hash of the parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def person_key(surname: str) -> str:
    """A spelling-tolerant key of a surname (Sergey/Sergei, Kiyani/Kayani keep apart)."""
    key = slug(surname)
    return re.sub(r"(ey|ei|ii|iy|yi)\b", "ei", key)


def _mint(kind: str, local: str) -> URIRef:
    return URIRef(f"{_base}{kind}/{local}")


def state_iri(iso: str) -> URIRef:
    return _mint("state", iso.upper())


def official_iri(name: str, iso: str | None, canonical: str | None = None) -> URIRef:
    """One official per surname and state, whatever the first names or their spelling; an
    official of the reference list by the full name it has there (two Bushes stay two).

    >>> official_iri("Bush", "USA", canonical="George W. Bush")
    rdflib.term.URIRef('https://w3id.org/bilateral/id/official/george-w-bush-usa')
    """
    if canonical:
        return _mint("official", f"{slug(canonical)}-{(iso or 'xxx').lower()}")
    surname = name.split()[-1] if name.split() else name
    return _mint("official", f"{person_key(surname)}-{(iso or 'xxx').lower()}")


def position_iri(role: str, iso: str | None) -> URIRef:
    return _mint("position", f"{(iso or 'xxx').lower()}-{slug(role)}")


def relation_iri(iso_a: str, iso_b: str) -> URIRef:
    first, second = sorted((iso_a.upper(), iso_b.upper()))
    return _mint("relation", f"{first}-{second}")


def place_iri(name: str, iso: str | None) -> URIRef:
    return _mint("place", f"{slug(name)}-{(iso or 'xxx').lower()}")


def organization_iri(name: str) -> URIRef:
    return _mint("organization", slug(name))


def article_iri(article_id: str) -> URIRef:
    return _mint("article", slug(article_id))


def article_graph(article_id: str) -> URIRef:
    return URIRef(f"{GRAPH_BASE}article/{slug(article_id)}")


def visit_iri(visitor: URIRef, host_iso: str, when: str | None) -> URIRef:
    return _mint("visit", digest(visitor, host_iso, when or "undated"))


def event_iri(kind: str, *key: object) -> URIRef:
    return _mint("event", f"{slug(kind)}-{digest(*key)}")


def agreement_iri(*key: object) -> URIRef:
    return _mint("agreement", digest(*key))


def evidence_iri(article_id: str, subject: URIRef, start: int) -> URIRef:
    return _mint("evidence", digest(article_id, subject, start))


def statement_iri(*key: object) -> URIRef:
    """The IRI of one Wikidata-style statement node, from what the statement says."""
    return URIRef(f"{base()}statement/{digest(*key, length=16)}")


def reference_iri(article: URIRef) -> URIRef:
    """The IRI of the reference node that cites one article."""
    return URIRef(f"{base()}reference/{digest(article, length=16)}")


def value_iri(*key: object) -> URIRef:
    """The IRI of a time value node (a date and its precision)."""
    return URIRef(f"{base()}value/{digest(*key, length=16)}")


def link_iri(subject: URIRef, target: URIRef) -> URIRef:
    """The IRI of the record of why ``subject`` was linked to ``target``."""
    return URIRef(f"{base()}link/{digest(subject, target, length=16)}")
