"""Web benchmark: entity pages and the SPARQL endpoint over a generated store of 1M+ triples.

Run ``python bench/web_bench.py`` (``--help`` for options). It generates synthetic articles
in the pipeline's shape (``Extraction`` objects mapped by ``article_triples``, one named
graph each), bulk-loads them into an on-disk Oxigraph store, then times

* entity pages (state, official, visit, relation, article) through Flask's test client:
  p50 and p95 over many requests, against targets of 50 ms and 150 ms;
* the SPARQL endpoint against the engine's own time for the same queries (target: under
  20% overhead).

It prints a markdown table and, with ``--write``, puts it into ``bench/README.md``.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from rdflib import URIRef

from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.mapping.facts import article_triples
from bilateral.mapping.namespaces import PREFIXES
from bilateral.mapping.reference import reference_triples
from bilateral.model import (
    Agreement,
    Article,
    Event,
    Evidence,
    Extraction,
    Official,
    Organization,
    PartialDate,
    Visit,
)
from bilateral.reference.gazetteer import load_states
from bilateral.store import OxigraphStore
from bilateral.web import create_app

README = Path(__file__).with_name("README.md")
BEGIN, END = "<!-- web-bench:begin -->", "<!-- web-bench:end -->"
TARGET_P50_MS, TARGET_P95_MS, TARGET_OVERHEAD = 50.0, 150.0, 0.20
ROLES = (("President", "HeadOfState"), ("Prime Minister", "HeadOfGovernment"),
         ("Foreign Minister", "ForeignMinister"), ("Defence Minister", "DefenceMinister"),
         ("Trade Minister", "TradeMinister"), ("Ambassador", "Ambassador"))
TOPICS = ("energy cooperation", "trade", "railways", "visa exemption", "culture", "health",
          "education", "maritime security", "agriculture", "customs", "tourism", "space")
KINDS = ("mou", "treaty", "contract", "declaration", "agreement")
SYLLABLES = ("ka", "lo", "mi", "ra", "sen", "to", "vu", "na", "del", "po", "shi", "bar", "ez")


# --- generation ----------------------------------------------------------------------------

def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()


class World:
    """States weighted by a Zipf law, each with a cast of officials with distinct surnames."""

    def __init__(self, rng: random.Random, officials_per_state: int = 12) -> None:
        self.rng = rng
        self.states = [s for s in load_states() if s.capitals]
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.states))]
        self.cast: dict[str, list[tuple[str, str, str]]] = {}
        for state in self.states:
            surnames: set[str] = set()
            while len(surnames) < officials_per_state:
                surnames.add(_name(rng) + "ov")
            self.cast[state.iso3] = [
                (f"{_name(rng)} {surname}", *ROLES[n % len(ROLES)])
                for n, surname in enumerate(sorted(surnames))]

    def pair(self) -> tuple[str, str]:
        """Two different states, the busy ones more often."""
        a, b = self.rng.choices(self.states, self.weights, k=2)
        while b.iso3 == a.iso3:
            b = self.rng.choices(self.states, self.weights)[0]
        return a.iso3, b.iso3

    def official(self, iso: str) -> Official:
        name, title, role = self.rng.choice(self.cast[iso])
        return Official(name, iso, role, title)


def synthetic_extraction(number: int, world: World) -> Extraction:
    """One article about two states: officials, a visit, maybe talks and agreements."""
    rng = world.rng
    guest_state, host_state = world.pair()
    guest, host = world.official(guest_state), world.official(host_state)
    city = next(s for s in world.states if s.iso3 == host_state).capitals[0]
    day = date(1990, 1, 1) + timedelta(days=rng.randrange(365 * 35))
    sentences: list[str] = []

    def say(text: str) -> Evidence:
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(text)
        return Evidence(text, start, start + len(text), round(rng.uniform(0.6, 0.95), 2))

    guest.evidence.append(say(f"{guest.title} {guest.name} arrived in {city} on "
                              f"{day:%B %d, %Y} for a {rng.randint(1, 4)}-day visit."))
    host.evidence.append(say(f"{host.name} received the guest at the foreign ministry."))
    visit = Visit(guest.name, guest_state, host_state, city, PartialDate(day.isoformat(), "day"),
                  inviter=host.name, status=rng.choice(("completed", "completed", "planned",
                                                         "postponed", "ongoing")),
                  evidence=[guest.evidence[0]])
    extraction = Extraction(Article(f"synthetic-{number:06d}", "", None), [guest_state, host_state],
                            [guest, host], [visit])
    if rng.random() < 0.6:
        talks = Event(rng.choice(("talks", "meeting")), f"Talks {number} in {city}",
                      [guest_state, host_state], city, PartialDate(day.isoformat(), "day"),
                      "completed", participants=[guest.name, host.name],
                      evidence=[say(f"{guest.name} and {host.name} held talks on trade.")])
        extraction.events.append(talks)
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        topic = rng.choice(TOPICS)
        extraction.agreements.append(Agreement(
            rng.choice(KINDS), [guest_state, host_state], topic=topic,
            signed=PartialDate(day.isoformat(), "day"),
            event=extraction.events[0].name if extraction.events else None,
            evidence=[say(f"The two sides signed an agreement on {topic}.")]))
    if rng.random() < 0.2:
        extraction.organizations.append(Organization(
            f"{_name(rng)} Holdings", host_state, "company",
            [say("A state company will carry out the work.")]))
    filler = " ".join(_name(rng).lower() for _ in range(rng.randint(40, 120)))
    sentences.append(filler.capitalize() + ".")
    text = " ".join(sentences)
    extraction.article = Article(
        f"synthetic-{number:06d}", text, f"{guest.name} visits {city}", day + timedelta(days=1),
        f"https://news.example.org/synthetic/{number}", "Synthetic Wire", f"{number:064x}")
    return extraction


def quads(triples: int, seed: int = 7) -> Iterator[tuple]:
    """The reference graph, then synthetic articles until ``triples`` quads are out."""
    world = World(random.Random(seed))
    made = 0
    for s, p, o in reference_triples():
        made += 1
        yield s, p, o, iris.REFERENCE_GRAPH
    number = 0
    while made < triples:
        extraction = synthetic_extraction(number, world)
        graph = iris.article_graph(extraction.article.id)
        for s, p, o in article_triples(extraction):
            made += 1
            yield s, p, o, graph
        number += 1


def build(path: str, triples: int) -> OxigraphStore:
    """A store at ``path`` holding at least ``triples`` quads; reused when already there."""
    store = OxigraphStore(path)
    if store.count() < triples:
        store.bulk_load(quads(triples))
    return store
