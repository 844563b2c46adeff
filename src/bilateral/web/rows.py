"""Fast reads for pages: SELECT answers as light rows, entity IRIs written into VALUES blocks.

Pages read thousands of rows on a busy entity. Building rdflib terms for each is slower than
the engine's own work, so rows come from the engine's TSV writer: IRIs become ``URIRef``,
literals their plain lexical form (``str``), and unbound cells ``None``.

>>> parse_tsv(b'?s\\t?n\\n<http://x/a>\\t"A \\\\"b\\\\""@en\\n\\t3\\n')
[{'s': rdflib.term.URIRef('http://x/a'), 'n': 'A "b"'}, {'s': None, 'n': '3'}]
>>> values("s", [URIRef("http://x/a")])
'VALUES ?s { <http://x/a> }'
"""

import re
from collections.abc import Iterable

from rdflib import URIRef

from ..mapping.namespaces import BL
from ..store import Store
from .lookups import PROLOGUE

Row = dict[str, URIRef | str | None]
_ONTOLOGY = str(BL._NS)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE.get(code, code)


def _iri(text: str) -> URIRef:
    """A URIRef without rdflib's validation: the engine wrote a valid IRI."""
    return str.__new__(URIRef, text)


def _term(text: str) -> URIRef | str | None:
    if not text:
        return None
    if text[0] == "<":
        return _iri(text[1:-1])
    if text[0] == '"':
        body = text[1 : text.rindex('"')]
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    return text


def parse_tsv(body: bytes) -> list[Row]:
    """Rows of a SPARQL TSV answer."""
    lines = body.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0]:
        return []
    names = [name.lstrip("?$") for name in lines[0].split("\t")]
    return [{name: _term(cell) for name, cell in zip(names, line.split("\t"), strict=False)}
            for line in lines[1:]]


def fetch(store: Store, body: str) -> list[Row]:
    """Run a SELECT (the project prefixes declared) and return its rows."""
    _, answer = store.query_serialized(PROLOGUE + body, "tsv")
    return parse_tsv(answer)


def valid_iri(term: object) -> bool:
    """Whether ``term`` can be written as ``<term>`` in a query."""
    return not _BAD_IRI.search(str(term))


def iri_text(term: URIRef) -> str:
    """``<iri>`` for a query, after checking that the IRI cannot break out of its brackets.

    :raises ValueError: a character that IRIs may not hold.
    """
    if _BAD_IRI.search(str(term)):
        raise ValueError(f"not a valid IRI: {str(term)!r}")
    return f"<{term}>"


def values(var: str, terms: Iterable[URIRef]) -> str:
    """A VALUES block binding ``?var`` to each IRI in turn."""
    return f"VALUES ?{var} {{ {' '.join(iri_text(t) for t in terms)} }}"


def names(store: Store, terms: Iterable[object]) -> dict[str, str]:
    """Readable names of the entity IRIs among ``terms``: label or title, else one made from
    facts (a visit reads "who in where", an agreement "on its topic", evidence its sentence).

    Ontology terms are left out: pages show them by their local names.
    """
    wanted = sorted({str(t) for t in terms if isinstance(t, URIRef)
                     and not _BAD_IRI.search(t) and not t.startswith(_ONTOLOGY)})
    found: dict[str, str] = {}
    for predicate in ("rdfs:label", "dcterms:title"):
        missing = [URIRef(t) for t in wanted if t not in found]
        for start in range(0, len(missing), 400):
            rows = fetch(store, f"""SELECT ?x (MIN(?l) AS ?label) WHERE {{
                {values("x", missing[start : start + 400])} ?x {predicate} ?l }} GROUP BY ?x""")
            found.update({str(r["x"]): str(r["label"]) for r in rows
                          if r.get("label") is not None})
    missing = [URIRef(t) for t in wanted if t not in found][:400]
    if missing:
        rows = fetch(store, f"""SELECT ?x (MIN(?who) AS ?visitor)
                (MIN(?where) AS ?host) (MIN(?about) AS ?topic) (MIN(?said) AS ?sentence)
            WHERE {{
              {values("x", missing)}
              OPTIONAL {{ ?x bl:visitor ?v . ?v rdfs:label ?who }}
              OPTIONAL {{ ?x bl:hostState ?h . ?h rdfs:label ?where }}
              OPTIONAL {{ ?x bl:topic ?about }}
              OPTIONAL {{ ?x bl:sentence ?said }}
            }} GROUP BY ?x""")
        for row in rows:
            name = _made_name(row)
            if name:
                found[str(row["x"])] = name
    return found


def _made_name(row: Row) -> str | None:
    if row.get("visitor") and row.get("host"):
        return f"{row['visitor']} in {row['host']}"
    if row.get("topic"):
        return f"on {row['topic']}"
    sentence = row.get("sentence")
    if sentence:
        text = str(sentence)
        return text if len(text) <= 90 else text[:88].rsplit(" ", 1)[0] + " …"
    return None
