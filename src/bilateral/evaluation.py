"""Score a knowledge base against gold annotations, reading it through the contract vocabulary.

Gold is one JSON object per article (``states``, ``officials``, ``visits``, ``agreements``,
as in ``tests/gold/demo-gold.jsonl``). A case pairs one gold article with the store (or
rdflib dataset, default graph = union) that ingesting that article alone produced.

"Lenient" matching finds the thing itself: an official by surname, a visit by visitor surname
and host state, an agreement by its exact set of state parties (and its count, for batches).
"Strict" also needs its attributes: the official's state and office; the visit's status,
dates and city; the agreement's kind, topic, organisation parties and date. Counts are
micro-averaged over cases per category; the headline score is the mean over categories.
"""

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from .evaluation_text import STOP, office_matches, words
from .mapping.namespaces import BL, PREFIXES
from .store.base import SelectResult, Store

Source = Store | Graph
CATEGORIES = ("states", "officials", "visits", "agreements")

_HEAD = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("bl", "rdfs", "schema"))
_STATES = "SELECT DISTINCT ?iso WHERE { ?a schema:mentions ?s . ?s a bl:State ; bl:isoCode ?iso }"
_OFFICIALS = """SELECT ?o ?name ?iso ?pos WHERE {
  ?o a bl:Official .
  OPTIONAL { ?o rdfs:label ?name }
  OPTIONAL { ?o bl:holdsPosition ?p .
             OPTIONAL { ?p bl:ofState/bl:isoCode ?iso } OPTIONAL { ?p rdfs:label ?pos } } }"""
_VISITS = """SELECT ?v ?name ?host ?city ?start ?end ?status WHERE {
  ?v a bl:Visit .
  OPTIONAL { ?v bl:visitor/rdfs:label ?name }      OPTIONAL { ?v bl:hostState/bl:isoCode ?host }
  OPTIONAL { ?v bl:destination/rdfs:label ?city }  OPTIONAL { ?v bl:startDate ?start }
  OPTIONAL { ?v bl:endDate ?end }                  OPTIONAL { ?v bl:status ?status } }"""
_AGREEMENTS = """SELECT ?a ?type ?party ?iso ?label ?topic ?signed ?count WHERE {
  ?a a bl:Agreement .
  OPTIONAL { ?a a ?type }
  OPTIONAL { ?a bl:party ?party .
             OPTIONAL { ?party bl:isoCode ?iso } OPTIONAL { ?party rdfs:label ?label } }
  OPTIONAL { ?a bl:topic ?topic } OPTIONAL { ?a bl:signedDate ?signed }
  OPTIONAL { ?a bl:count ?count } }"""


def _check_vocabulary(*queries: str) -> None:
    """Look every ``bl:`` term up in the closed namespace, which raises on a typo."""
    for query in queries:
        for term in re.findall(r"\bbl:(\w+)", query):
            getattr(BL, term)


_check_vocabulary(_STATES, _OFFICIALS, _VISITS, _AGREEMENTS)

_KINDS = {
    str(BL.MemorandumOfUnderstanding): "MoU",
    str(BL.Treaty): "Treaty",
    str(BL.Contract): "Contract",
    str(BL.JointDeclaration): "Declaration",
}


@dataclass(frozen=True)
class Counts:
    """Matches of one category: lenient and strict matches, things found, things wanted."""

    matched: int = 0
    strict: int = 0
    found: int = 0
    gold: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.matched + other.matched,
            self.strict + other.strict,
            self.found + other.found,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        """Matched over found (1.0 when nothing was found nor wanted)."""
        return self.matched / self.found if self.found else float(not self.gold)

    @property
    def recall(self) -> float:
        """Matched over wanted (1.0 when nothing was found nor wanted)."""
        return self.matched / self.gold if self.gold else float(not self.found)

    @property
    def f1(self) -> float:
        """Harmonic mean of lenient precision and recall."""
        return _f1(self.matched, self.found, self.gold)

    @property
    def strict_f1(self) -> float:
        """F1 counting only matches whose attributes are right too."""
        return _f1(self.strict, self.found, self.gold)


def _f1(hits: int, found: int, wanted: int) -> float:
    if not found and not wanted:
        return 1.0
    if not found or not wanted or not hits:
        return 0.0
    precision, recall = hits / found, hits / wanted
    return 2 * precision * recall / (precision + recall)


@dataclass
class CaseCounts:
    """The counts of one gold article against its knowledge base, by category."""

    case: str
    counts: dict[str, Counts]

    def __getitem__(self, category: str) -> Counts:
        return self.counts[category]


@dataclass
class Report:
    """Counts micro-averaged over cases, with per-category and mean scores."""

    cases: list[CaseCounts] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Counts]:
        """Summed counts per category."""
        totals = {c: Counts() for c in CATEGORIES}
        for case in self.cases:
            for category, counts in case.counts.items():
                totals[category] = totals[category] + counts
        return totals

    @property
    def f1(self) -> float:
        """Mean lenient F1 over the categories."""
        return sum(c.f1 for c in self.totals.values()) / len(CATEGORIES)

    @property
    def strict_f1(self) -> float:
        """Mean strict F1 over the categories."""
        return sum(c.strict_f1 for c in self.totals.values()) / len(CATEGORIES)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: totals, per-case counts and the two means."""
        return {
            "f1": self.f1,
            "strict_f1": self.strict_f1,
            "totals": {
                c: vars(n) | {"f1": n.f1, "strict_f1": n.strict_f1} for c, n in self.totals.items()
            },
            "cases": {
                case.case: {c: vars(n) for c, n in case.counts.items()} for case in self.cases
            },
        }

    def as_table(self) -> str:
        """A plain-text table: one row per category, then the mean scores."""
        lines = [
            f"{'category':<12}{'found':>7}{'gold':>6}{'match':>7}{'strict':>8}"
            f"{'P':>7}{'R':>7}{'F1':>7}{'strictF1':>10}"
        ]
        for category, n in self.totals.items():
            lines.append(
                f"{category:<12}{n.found:>7}{n.gold:>6}{n.matched:>7}{n.strict:>8}"
                f"{n.precision:>7.3f}{n.recall:>7.3f}{n.f1:>7.3f}{n.strict_f1:>10.3f}"
            )
        lines.append(
            f"score: F1 {self.f1:.3f}, strict F1 {self.strict_f1:.3f} "
            f"over {len(self.cases)} case(s)"
        )
        return "\n".join(lines)


def _rows(source: Source, query: str) -> list[dict[str, str]]:
    """A SELECT query's solutions as dicts of plain strings, unbound variables left out."""
    result = source.query(_HEAD + query)
    if isinstance(result, SelectResult):
        solutions: Iterable[Mapping[str, Any]] = result.rows
    else:
        solutions = (row.asdict() for row in result)
    return [{str(k): str(v) for k, v in s.items() if v is not None} for s in solutions]


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _collect(rows: list[dict[str, str]], key: str, fields: dict[str, str]) -> dict[str, dict]:
    """Group rows by ``key``: each field (name -> variable) becomes the set of its values."""
    grouped: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        entry = grouped.setdefault(row[key], {name: set() for name in fields})
        for name, variable in fields.items():
            if variable in row:
                entry[name].add(row[variable])
    return grouped


def _name_words(names: set[str]) -> set[str]:
    return {w for name in names for w in words(name)}


def _date_ok(gold: str | None, found: set[str]) -> bool:
    return gold is None or any(f.startswith(gold) for f in found)


def _greedy(
    gold: list[dict],
    found: dict[str, Any],
    eligible: Callable[[dict, Any], bool],
    checks: Callable[[dict, Any], list[bool]],
) -> tuple[int, int]:
    """Pair each gold item, in order, with the free eligible candidate passing most checks."""
    free = dict(found)
    matched = strict = 0
    for item in gold:
        best, best_checks = None, None
        for key, candidate in free.items():
            if not eligible(item, candidate):
                continue
            passed = checks(item, candidate)
            if best_checks is None or sum(passed) > sum(best_checks):
                best, best_checks = key, passed
        if best is not None and best_checks is not None:
            matched += 1
            strict += all(best_checks)
            del free[best]
    return matched, strict


def _officials(gold: list[dict], source: Source) -> Counts:
    rows = _rows(source, _OFFICIALS)
    found = _collect(rows, "o", {"names": "name"})
    for row in rows:
        if "iso" in row or "pos" in row:
            found[row["o"]].setdefault("positions", set()).add((row.get("iso"), row.get("pos", "")))

    def eligible(g: dict, o: dict) -> bool:
        surname = set(words(g["surname"]))
        return bool(surname) and surname <= _name_words(o["names"])

    def checks(g: dict, o: dict) -> list[bool]:
        positions = o.get("positions", set())
        return [
            any(iso == g["state"] for iso, _ in positions),
            any(
                iso == g["state"] and office_matches(g["office"], label) for iso, label in positions
            ),
        ]

    return Counts(*_greedy(gold, found, eligible, checks), len(found), len(gold))


def _visits(gold: list[dict], source: Source) -> Counts:
    fields = {
        "names": "name",
        "host": "host",
        "city": "city",
        "start": "start",
        "end": "end",
        "status": "status",
    }
    found = _collect(_rows(source, _VISITS), "v", fields)

    def eligible(g: dict, v: dict) -> bool:
        return set(words(g["visitor"])) <= _name_words(v["names"]) and g["host_state"] in v["host"]

    def checks(g: dict, v: dict) -> list[bool]:
        city = g.get("city")
        return [
            g["status"] in {_local(s).lower() for s in v["status"]},
            _date_ok(g.get("start"), v["start"]),
            _date_ok(g.get("end"), v["end"]),
            city is None or any(set(words(city)) <= set(words(c)) for c in v["city"]),
        ]

    return Counts(*_greedy(gold, found, eligible, checks), len(found), len(gold))


def _agreements(gold: list[dict], source: Source) -> Counts:
    rows = _rows(source, _AGREEMENTS)
    found = _collect(
        rows, "a", {"types": "type", "topic": "topic", "signed": "signed", "count": "count"}
    )
    state_parties = {row["party"]: row["iso"] for row in rows if "iso" in row}
    for row in rows:
        entry = found[row["a"]]
        entry.setdefault("states", set())
        entry.setdefault("labels", set())
        if row.get("party") in state_parties:
            entry["states"].add(state_parties[row["party"]])
        elif "party" in row and "label" in row:
            entry["labels"].add(row["label"])

    def gold_states(g: dict) -> set[str]:
        return {p for p in g["parties"] if re.fullmatch(r"[A-Z]{3}", p)}

    def eligible(g: dict, a: dict) -> bool:
        if "count" in g:
            return str(g["count"]) in a["count"] and gold_states(g) <= a["states"]
        return not a["count"] and a["states"] == gold_states(g)

    def checks(g: dict, a: dict) -> list[bool]:
        kinds = {_KINDS[t] for t in a["types"] if t in _KINDS}
        wanted_topic = set(words(g.get("topic"))) - STOP
        label_words = _name_words(a["labels"])
        organisations = [p for p in g["parties"] if p not in gold_states(g)]
        return [
            g["type"] in kinds or (g["type"] == "Agreement" and not kinds),
            not wanted_topic or bool(wanted_topic & _name_words(a["topic"])),
            all(set(words(o)) <= label_words for o in organisations),
            _date_ok(g.get("signed"), a["signed"]),
        ]

    return Counts(*_greedy(gold, found, eligible, checks), len(found), len(gold))


def score_case(gold: dict, store: Source) -> CaseCounts:
    """Count how well the knowledge base in ``store`` answers one gold article.

    >>> from bilateral.store import open_store
    >>> counts = score_case({"id": "x", "states": ["PAK"]}, open_store(":memory:"))
    >>> counts["states"]
    Counts(matched=0, strict=0, found=0, gold=1)
    """
    found_states = {row["iso"] for row in _rows(store, _STATES)}
    wanted_states = set(gold.get("states", []))
    shared = len(found_states & wanted_states)
    counts = {
        "states": Counts(shared, shared, len(found_states), len(wanted_states)),
        "officials": _officials(list(gold.get("officials", [])), store),
        "visits": _visits(list(gold.get("visits", [])), store),
        "agreements": _agreements(list(gold.get("agreements", [])), store),
    }
    return CaseCounts(str(gold.get("id", "")), counts)


def score(golds: Iterable[dict], stores: Mapping[str, Source] | Iterable[Source]) -> Report:
    """Score gold articles against their stores: a mapping by gold id, or one store per gold.

    :raises ValueError: a gold article has no store, or the counts differ.

    >>> from bilateral.store import open_store
    >>> report = score([{"id": "x"}], {"x": open_store(":memory:")})
    >>> report.f1
    1.0
    """
    golds = list(golds)
    if isinstance(stores, Mapping):
        missing = [g.get("id") for g in golds if g.get("id") not in stores]
        if missing:
            raise ValueError(f"no store for gold article(s) {missing}")
        pairs = [(g, stores[g["id"]]) for g in golds]
    else:
        sources = list(stores)
        if len(sources) != len(golds):
            raise ValueError(f"{len(golds)} gold articles but {len(sources)} stores")
        pairs = list(zip(golds, sources, strict=True))
    return Report([score_case(g, s) for g, s in pairs])


def load_gold(path: str | Path) -> list[dict]:
    """Read gold annotations: one JSON object, a JSON list, or JSON lines.

    :raises ValueError: the file is not JSON in any of these shapes.
    """
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not JSON nor JSON lines: {error}") from error
    return data if isinstance(data, list) else [data]
