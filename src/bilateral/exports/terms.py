"""How one RDF term is spelled in N-Triples and in Turtle, without rdflib's shorthand forms.

rdflib's ``n3()`` writes ``3`` for ``"3"^^xsd:integer``, which N-Triples does not allow, so
the writers spell every term here.

>>> from rdflib import Literal, URIRef
>>> nt_term(Literal("a \\"b\\"\\n", lang="en"))
'"a \\\\"b\\\\"\\\\n"@en'
>>> turtle_term(URIRef("http://www.w3.org/2001/XMLSchema#gYear"), PrefixMap({"xsd": str(XSD)}))
'xsd:gYear'
"""

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_STRING_SPECIAL = re.compile(r'[\\"\n\r]')
# Characters IRIREF does not allow; they are written as \u escapes.
_IRI_SPECIAL = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9]")


class PrefixMap:
    """Prefixes of a document, and the prefixed name of an IRI where one is safe to write."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        # Longest namespaces first, so that the most specific prefix wins.
        self._by_namespace = sorted(
            ((ns, p) for p, ns in self.prefixes.items()), key=lambda item: -len(item[0])
        )

    def split(self, iri: str) -> tuple[str, str] | None:
        """The (prefix, local name) of ``iri``, if a known namespace and a plain local name."""
        for namespace, prefix in self._by_namespace:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if _LOCAL.fullmatch(local):
                    return prefix, local
        return None

    def compact(self, iri: str) -> str | None:
        """``prefix:local`` for ``iri``, or None."""
        parts = self.split(iri)
        return f"{parts[0]}:{parts[1]}" if parts else None


def escape_string(text: str) -> str:
    """The body of a double-quoted string in N-Triples or Turtle."""
    return _STRING_SPECIAL.sub(lambda m: _ESCAPES[m.group()], text)


def iri_ref(iri: str) -> str:
    """``<iri>`` with the characters IRIREF forbids written as ``\\u`` escapes."""
    return "<" + _IRI_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def bnode_label(node: BNode) -> str:
    """A blank node label that every parser accepts."""
    return "_:b" + _BNODE_UNSAFE.sub(lambda m: f"x{ord(m.group()):x}", str(node))


def nt_term(term: Node) -> str:
    """A term in N-Triples / N-Quads syntax."""
    if isinstance(term, URIRef):
        return iri_ref(str(term))
    if isinstance(term, BNode):
        return bnode_label(term)
    if isinstance(term, Literal):
        body = f'"{escape_string(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^{iri_ref(str(term.datatype))}"
        return body
    raise TypeError(f"not an RDF term: {term!r}")


def turtle_term(term: Node, prefixes: PrefixMap) -> str:
    """A term in Turtle / TriG syntax, with prefixed names where they are safe."""
    if isinstance(term, URIRef):
        return prefixes.compact(str(term)) or iri_ref(str(term))
    if (
        isinstance(term, Literal)
        and term.datatype
        and not term.language
        and term.datatype != XSD.string
    ):
        body = f'"{escape_string(str(term))}"'
        return f"{body}^^{turtle_term(term.datatype, prefixes)}"
    return nt_term(term)
