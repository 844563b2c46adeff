"""A streaming JSON-LD writer: one node object for each run of a subject's quads, graph by graph.

The document is ``{"@context": ..., "@graph": [...]}``; each named graph is a graph object
``{"@id": graph, "@graph": [nodes]}`` and default-graph nodes stand at the top level. Keys
and values are compacted with the context only where that is exact: a value that does not
fit its term's type coercion is written as an explicit value or node object.

>>> import io, json
>>> from rdflib import Literal, URIRef
>>> out = io.BytesIO()
>>> ctx = {"ex": "http://example.org/", "name": "http://example.org/name"}
>>> writer = JsonLdWriter(out, ctx)
>>> ex = "http://example.org/"
>>> writer.write([(URIRef(ex + "a"), URIRef(ex + "name"), Literal("A"), None)])
>>> writer.close()
>>> json.loads(out.getvalue())["@graph"]
[{'@id': 'ex:a', 'name': 'A'}]
"""

import json
import re
from collections.abc import Mapping
from typing import Any, BinaryIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .terms import PrefixMap, bnode_label
from .writers import Writer

_TERM = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Compactor:
    """Compaction of IRIs and values by one JSON-LD context (prefixes, terms, ``@vocab``)."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        prefixes = {
            k: v
            for k, v in context.items()
            if isinstance(v, str) and not k.startswith("@") and v.endswith(("/", "#"))
        }
        self.prefixes = PrefixMap(prefixes)
        self.vocab: str | None = context.get("@vocab")
        self.names = {k for k in context if not k.startswith("@")}
        self.terms: dict[str, tuple[str, str | None]] = {}  # IRI -> (term, coerced type)
        for key, value in context.items():
            if key.startswith("@") or key in prefixes:
                continue
            iri, kind = (
                (value, None) if isinstance(value, str) else (value["@id"], value.get("@type"))
            )
            self.terms.setdefault(self.expand(iri), (key, self.expand(kind) if kind else None))

    def expand(self, value: str) -> str:
        """A compact IRI of the context's prefixes, expanded (keywords stay as they are)."""
        prefix, _, local = value.partition(":")
        if value.startswith("@") or not local or local.startswith("//"):
            return value
        return self.prefixes.prefixes.get(prefix, prefix + ":") + local

    def iri(self, iri: str) -> str:
        """An IRI as a compact IRI where a prefix fits, else in full (for ``@id`` values)."""
        return self.prefixes.compact(iri) or iri

    def vocab_iri(self, iri: str) -> str:
        """An IRI in a key or ``@type``: a term, a ``@vocab`` name, a compact IRI, or in full."""
        term = self.terms.get(iri)
        if (term and term[1] is None) or (term and term[1] == "@id"):
            return term[0]
        if self.vocab and iri.startswith(self.vocab):
            local = iri[len(self.vocab) :]
            if _TERM.fullmatch(local) and local not in self.names:
                return local
        return self.iri(iri)

    def key(self, predicate: str) -> tuple[str, str | None]:
        """The key for a property, and the type its values are coerced to."""
        if predicate in self.terms:
            return self.terms[predicate]
        return self.vocab_iri(predicate), None

    def node_ref(self, node: Node) -> str:
        return bnode_label(node) if isinstance(node, BNode) else self.iri(str(node))

    def value(self, term: Node, coerced: str | None) -> Any:
        """A property value, as short as the coercion allows."""
        if isinstance(term, URIRef | BNode):
            ref = self.node_ref(term)
            return ref if coerced == "@id" else {"@id": ref}
        if not isinstance(term, Literal):
            raise TypeError(f"not an RDF term: {term!r}")
        if term.language:
            return {"@value": str(term), "@language": term.language}
        datatype = str(term.datatype or XSD.string)
        if (coerced is None and datatype == str(XSD.string)) or coerced == datatype:
            return str(term)
        if datatype == str(XSD.string):
            return {"@value": str(term)}
        return {"@value": str(term), "@type": self.vocab_iri(datatype)}


class JsonLdWriter(Writer):
    """JSON-LD with ``context`` inlined, so the document loads without fetching anything."""

    def __init__(self, output: BinaryIO, context: Mapping[str, Any]) -> None:
        super().__init__(output, {})
        self.context = context
        self.compactor = Compactor(context)
        self._node: dict[str, Any] | None = None
        self._subject: Node | None = None
        self._graph: Node | None = None
        self._in_graph = False
        self._first = True

    def start(self) -> None:
        self.sink.write('{"@context": ' + json.dumps(self.context, ensure_ascii=False, indent=1))
        self.sink.write(',\n"@graph": [')

    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        if g != self._graph or (g is not None and not self._in_graph):
            self._end_node()
            self._end_graph()
            if g is not None:
                self._separator()
                self.sink.write(
                    '{"@id": ' + json.dumps(self.compactor.node_ref(g)) + ', "@graph": ['
                )
                self._in_graph, self._first = True, True
            self._graph = g
        if s != self._subject:
            self._end_node()
            self._subject, self._node = s, {"@id": self.compactor.node_ref(s)}
        node = self._node
        assert node is not None
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(self.compactor.vocab_iri(str(o)))
            return
        key, coerced = self.compactor.key(str(p))
        node.setdefault(key, []).append(self.compactor.value(o, coerced))

    def _separator(self) -> None:
        self.sink.write("\n" if self._first else ",\n")
        self._first = False

    def _end_node(self) -> None:
        if self._node is not None:
            ordered = sorted(self._node.items(), key=lambda kv: kv[0] not in ("@id", "@type"))
            node = {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in ordered}
            self._separator()
            self.sink.write(json.dumps(node, ensure_ascii=False))
            self._node = self._subject = None

    def _end_graph(self) -> None:
        if self._in_graph:
            self.sink.write("\n]}")
            self._in_graph, self._first = False, False

    def end(self) -> None:
        self._end_node()
        self._end_graph()
        self.sink.write("\n]}\n")
