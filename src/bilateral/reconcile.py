"""Reconciliation against a SPARQL endpoint with Wikidata-shaped data: find items, score them.

An item is a candidate for one of our officials or organisations when one of its English
labels (``rdfs:label``) or aliases (``skos:altLabel``) is one of our names for it. It is
scored by what else agrees: for an official, citizenship (``wdt:P27``) of the official's
state and a position held (``p:P39/ps:P39``) whose country (``wdt:P17`` or ``wdt:P1001``)
is that state; for an organisation, its country (``wdt:P17``). An item that is not a human
(``wdt:P31`` without ``wd:Q5``) is never an official; an item of another state is never
linked.

>>> facts = ItemFacts(WD.Q1, "label", countries=set(), citizenships={WD.Q159}, kinds={WD.Q5})
>>> score(Candidate(WD.Q0, "official", {"A B"}, {WD.Q159}), facts)[0]
0.8
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from . import __version__
from .errors import BilateralError
from .mapping.namespaces import WD

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = f"bilateral/{__version__} (https://w3id.org/bilateral; the bilateral link command)"
HUMAN = WD.Q5
BATCH = 25
_STOP = {"of", "the", "and", "for", "de", "to", "a", "an"}
_LOOKUP = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
SELECT ?name ?item ?how ?kind ?citizenship ?country ?position ?positionLabel ?positionCountry
WHERE {
  VALUES ?name { %s }
  { ?item rdfs:label ?name . BIND("label" AS ?how) }
  UNION { ?item skos:altLabel ?name . BIND("alias" AS ?how) }
  OPTIONAL { ?item wdt:P31 ?kind }
  OPTIONAL { ?item wdt:P27 ?citizenship }
  OPTIONAL { ?item wdt:P17 ?country }
  OPTIONAL { ?item p:P39 ?held . ?held ps:P39 ?position .
    OPTIONAL { ?position rdfs:label ?positionLabel FILTER(LANGMATCHES(LANG(?positionLabel), "en")) }
    OPTIONAL { ?position wdt:P17|wdt:P1001 ?positionCountry } }
}"""


class LinkError(BilateralError, OSError):
    """The endpoint cannot be reached or gives an answer that is not SPARQL JSON results."""


@dataclass
class Candidate:
    """One of our resources to reconcile: its names, its states' items, its positions."""

    subject: URIRef
    kind: str  # "official" or "organization"
    names: set[str]
    states: set[URIRef] = field(default_factory=set)
    positions: dict[URIRef, str] = field(default_factory=dict)  # our position -> its label
    state_words: set[str] = field(default_factory=set)  # words of the state's name


@dataclass
class ItemFacts:
    """What the endpoint says about one item found by name."""

    item: URIRef
    how: str  # "label" or "alias"
    countries: set[URIRef] = field(default_factory=set)
    citizenships: set[URIRef] = field(default_factory=set)
    kinds: set[URIRef] = field(default_factory=set)
    positions: dict[URIRef, tuple[set[str], set[URIRef]]] = field(default_factory=dict)


def select(endpoint: str, query: str, timeout: float = 60.0) -> list[dict[str, dict]]:
    """The bindings of a SELECT query sent to ``endpoint`` by the SPARQL 1.1 protocol (POST).

    :raises LinkError: no answer, an HTTP error, or an answer that is not SPARQL JSON.
    """
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
        headers={
            "Accept": "application/sparql-results+json",
            "User-Agent": USER_AGENT,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())["results"]["bindings"]
    except urllib.error.HTTPError as error:
        raise LinkError(f"{endpoint} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise LinkError(f"cannot reach {endpoint}: {error}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise LinkError(f"{endpoint} did not answer with SPARQL JSON results: {error}") from None


def lookup(endpoint: str, names: Iterable[str]) -> dict[str, list[ItemFacts]]:
    """The items whose English label or alias is each name, with their facts, by name."""
    found: dict[str, dict[URIRef, ItemFacts]] = {}
    wanted = sorted(set(names))
    for start in range(0, len(wanted), BATCH):
        values = " ".join(Literal(n, lang="en").n3() for n in wanted[start : start + BATCH])
        for row in select(endpoint, _LOOKUP % values):
            _add(found, row)
    return {name: list(items.values()) for name, items in found.items()}


def _add(found: dict[str, dict[URIRef, ItemFacts]], row: dict[str, dict]) -> None:
    def iri(var: str) -> URIRef | None:
        cell = row.get(var)
        return URIRef(cell["value"]) if cell and cell.get("type") == "uri" else None

    item = iri("item")
    if item is None or "name" not in row:
        return
    how = row.get("how", {}).get("value", "alias")
    facts = found.setdefault(row["name"]["value"], {}).setdefault(item, ItemFacts(item, how))
    if how == "label":
        facts.how = "label"
    for var, bucket in (
        ("kind", facts.kinds),
        ("citizenship", facts.citizenships),
        ("country", facts.countries),
    ):
        if iri(var) is not None:
            bucket.add(iri(var))
    position = iri("position")
    if position is not None:
        labels, countries = facts.positions.setdefault(position, (set(), set()))
        if "positionLabel" in row:
            labels.add(row["positionLabel"]["value"])
        if iri("positionCountry") is not None:
            countries.add(iri("positionCountry"))


def score(candidate: Candidate, facts: ItemFacts) -> tuple[float, list[str]]:
    """How well ``facts`` fit ``candidate`` (0 to 1), and why."""
    total = 0.5 if facts.how == "label" else 0.4
    reasons = [f"English {facts.how}"]
    if candidate.kind == "official":
        if facts.kinds and HUMAN not in facts.kinds:
            return 0.0, ["not a human (P31)"]
        if facts.citizenships & candidate.states:
            total += 0.3
            reasons.append("citizenship (P27) of the state")
        if any(countries & candidate.states for _, countries in facts.positions.values()):
            total += 0.3
            reasons.append("a position held (P39) of the state")
        if len(reasons) == 1 and facts.citizenships:
            return 0.0, ["citizen (P27) of another state"]
    elif facts.countries & candidate.states:
        total += 0.4
        reasons.append("country (P17) of the state")
    elif facts.countries and candidate.states:
        return 0.0, ["country (P17) of another state"]
    elif not facts.countries and not candidate.states:
        total += 0.3
        reasons.append("no country on either side")
    return round(min(total, 1.0), 2), reasons


def tokens(label: str) -> set[str]:
    """The content words of a label, lower-cased.

    >>> sorted(tokens("Minister of Foreign Affairs"))
    ['affairs', 'foreign', 'minister']
    """
    return {w for w in re.findall(r"[a-z0-9]+", label.casefold()) if w not in _STOP}


def match_position(
    label: str, state_words: set[str], states: set[URIRef], facts: ItemFacts
) -> tuple[URIRef, float] | None:
    """The item's held position of our state whose label holds every word of ours, if any.

    Our state's name is left out of our words (theirs may say "Russian Federation" for
    "Russia"); among fitting positions the closest (Jaccard) wins.
    """
    ours = tokens(label) - state_words
    best: tuple[URIRef, float] | None = None
    for position, (labels, countries) in sorted(facts.positions.items()):
        if not countries & states or not ours:
            continue
        for theirs in (tokens(t) - state_words for t in labels):
            if ours <= theirs:
                closeness = round(len(ours) / len(theirs | ours), 2)
                if best is None or closeness > best[1]:
                    best = (position, closeness)
    return best
