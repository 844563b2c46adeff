"""Pre-binding query variables to values, safely: terms are written by rdflib, never pasted text.

Oxigraph's own substitution only accepts variables that the SELECT projects, so we bind
with an inline ``VALUES`` block placed first inside the WHERE clause, which joins the
values with the pattern before any grouping or aggregation.

>>> from rdflib import URIRef
>>> inline_bindings("SELECT (COUNT(*) AS ?n) WHERE { ?x a ?c }", {"c": URIRef("http://x/C")})
'SELECT (COUNT(*) AS ?n) WHERE { VALUES (?c) { (<http://x/C>) } ?x a ?c }'
"""

from collections.abc import Mapping

import regex
from rdflib.term import Identifier

from ..errors import QueryError

_WHERE = regex.compile(r"\bWHERE\s*\{", regex.I)
_NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def inline_bindings(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with ``bindings`` joined at the start of its WHERE clause.

    :raises QueryError: a variable name that is not a SPARQL name, or no WHERE clause.
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _NAME.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
    match = _first_where(sparql)
    if match is None:
        raise QueryError("a query with parameters needs a WHERE { ... } clause")
    row = " ".join(bindings[n].n3() for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"
    return sparql[: match.end()] + block + sparql[match.end() :]


def _first_where(sparql: str) -> regex.Match[str] | None:
    """The first WHERE { outside comments, strings and IRIs."""
    masked = regex.sub(
        r"#[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>",
        lambda m: " " * len(m.group()),
        sparql,
    )
    return _WHERE.search(masked)
