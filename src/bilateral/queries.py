"""Named queries: ``queries/<name>.rq`` files with a comment header, run with bound parameters.

A header names the query, describes it and declares its parameters, one per line::

    # title: Visits between two states
    # description: Every visit between the two, oldest first.
    # param: a state "First state" default=PAK
    # param: from date "From" optional

Parameter types are ``iri``, ``state`` (ISO code to state IRI), ``string``, ``integer`` and
``date`` (YYYY, YYYY-MM or YYYY-MM-DD). Values are bound to the query's variables by the
store, never pasted into its text: it joins them at the start of the WHERE clause, so a
parameter works in triple patterns and top-level FILTERs anywhere, but a FILTER inside a
nested group (a UNION branch) sees it only where that group binds it. A parameter left
empty stays unbound: write ``COALESCE(test, STR(?param) = "", true)`` to skip its test.

>>> q = parse_named_query("demo", '# title: Demo\\n# param: s state "A state"\\nSELECT ?s {}')
>>> q.bindings({"s": "rus"})["s"]
rdflib.term.URIRef('https://w3id.org/bilateral/id/state/RUS')
"""

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .errors import QueryError
from .mapping import iris
from .mapping.namespaces import PREFIXES
from .resources import queries_dir
from .store import QueryResult, Store

PARAM_TYPES = ("iri", "state", "string", "integer", "date")
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_LOCAL = re.compile(r"^[a-z]+/[^\s<>\"{}|\\^`]+$")
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_MAX_STRING = 1_000
RESERVED = ("format", "name", "page")  # taken by the web layer's own parameters


@dataclass(frozen=True)
class Param:
    """One declared parameter: the variable it binds, its type, a label for forms."""

    name: str
    type: str
    label: str
    optional: bool = False
    default: str | None = None

    def convert(self, value: str) -> Identifier:
        """The rdflib term for ``value``.

        :raises QueryError: the value does not fit the type.
        """
        converter = _CONVERTERS[self.type]
        try:
            return converter(value.strip())
        except ValueError as error:
            raise QueryError(f"parameter {self.name}: {error}") from None


@dataclass(frozen=True)
class NamedQuery:
    """A named, parameterised SPARQL query read from a ``.rq`` file."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bindings(self, params: Mapping[str, str]) -> dict[str, Identifier]:
        """Validate string parameters and convert them to rdflib terms, ready to bind.

        Empty values count as missing; missing ones take their default, or stay unbound
        when optional.

        :raises QueryError: an unknown or missing parameter, or a value of the wrong type.
        """
        known = {p.name for p in self.params}
        unknown = sorted(set(params) - known)
        if unknown:
            raise QueryError(f"{self.name} takes no parameter {', '.join(unknown)}")
        bound: dict[str, Identifier] = {}
        for param in self.params:
            value = (params.get(param.name) or "").strip() or param.default
            if value:
                bound[param.name] = param.convert(value)
            elif not param.optional:
                raise QueryError(f"{self.name} needs the parameter {param.name} ({param.label})")
        return bound

    def run(self, store: Store, params: Mapping[str, str]) -> QueryResult:
        """Run the query on ``store`` with ``params`` bound."""
        return store.query(self.text, bindings=self.bindings(params))


def load_named_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file in ``folder`` (default: the shipped queries), by name.

    :raises QueryError: a file with a malformed header.
    """
    path = Path(folder) if folder is not None else queries_dir()
    found = {}
    for file in sorted(path.glob("*.rq")):
        found[file.stem] = parse_named_query(file.stem, file.read_text(encoding="utf-8"))
    return found


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the comment header of one query.

    :raises QueryError: a bad name, a missing title, or a malformed parameter line.
    """
    if not _NAME.match(name):
        raise QueryError(f"bad query name {name!r}: use lower-case words joined by hyphens")
    title, description, params = "", [], []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description.append(value.strip())
        else:
            params.append(_parse_param(name, value))
    if not title:
        raise QueryError(f"query {name} has no '# title:' line")
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", text):
            raise QueryError(f"query {name} declares {param.name} but never uses ?{param.name}")
    return NamedQuery(name, title, " ".join(description), text, tuple(params))


def _parse_param(query: str, spec: str) -> Param:
    try:
        words = shlex.split(spec)
    except ValueError as error:
        raise QueryError(f"query {query}: bad param line {spec!r}: {error}") from None
    if len(words) >= 2 and words[0] in RESERVED:
        raise QueryError(f"query {query}: {words[0]} is reserved; call the parameter otherwise")
    if len(words) < 2 or not _VAR.match(words[0]) or words[1] not in PARAM_TYPES:
        raise QueryError(
            f"query {query}: param lines read 'NAME TYPE \"Label\" [optional] [default=V]'"
            f" with TYPE one of {', '.join(PARAM_TYPES)}; got {spec!r}"
        )
    name, kind, rest = words[0], words[1], words[2:]
    label, optional, default = name, False, None
    for word in rest:
        if word == "optional":
            optional = True
        elif word.startswith("default="):
            default = word.removeprefix("default=")
        else:
            label = word
    param = Param(name, kind, label, optional, default)
    if default is not None:
        param.convert(default)
    return param


def expand_iri(value: str) -> URIRef:
    """An IRI from a full IRI, ``<IRI>``, a prefixed name, or a path under the entity base.

    >>> expand_iri("bl:Treaty")
    rdflib.term.URIRef('https://w3id.org/bilateral/ontology#Treaty')
    >>> expand_iri("state/PAK")
    rdflib.term.URIRef('https://w3id.org/bilateral/id/state/PAK')
    """
    value = value.strip().removeprefix("<").removesuffix(">")
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    elif _LOCAL.match(value):
        value = iris.base() + value
    if not _IRI.match(value):
        raise ValueError(f"{value!r} is not an IRI")
    return URIRef(value)


def _state(value: str) -> URIRef:
    if re.fullmatch(r"[A-Za-z]{3}", value):
        return iris.state_iri(value)
    if ":" in value or "/" in value:
        return expand_iri(value)
    raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code (like PAK) or a state IRI")


def _string(value: str) -> Literal:
    if len(value) > _MAX_STRING:
        raise ValueError(f"longer than {_MAX_STRING} characters")
    return Literal(value)


def _integer(value: str) -> Literal:
    if not re.fullmatch(r"[+-]?\d{1,18}", value):
        raise ValueError(f"{value!r} is not a whole number")
    return Literal(int(value))


def _date(value: str) -> Literal:
    datatype = _DATE_TYPES.get(len(value))
    padded = {4: "-01-01", 7: "-01", 10: ""}.get(len(value), "")
    try:
        date.fromisoformat(value + padded)
    except ValueError:
        datatype = None
    if datatype is None or not re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
        raise ValueError(f"{value!r} is not a date like 2012, 2012-10 or 2012-10-04")
    return Literal(value, datatype=datatype)


_CONVERTERS = {
    "iri": expand_iri,
    "state": _state,
    "string": _string,
    "integer": _integer,
    "date": _date,
}
