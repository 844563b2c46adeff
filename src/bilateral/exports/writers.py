"""Streaming RDF writers: quads in, bytes out, a subject at a time, so memory stays flat.

Every writer takes quads ``(s, p, o, g)`` with ``g`` None for the default graph; a triple
format ignores ``g``, so the caller must not hand it the same triple twice. Runs of quads
with the same graph and subject are written together; a subject that comes back later is
written again, which every format allows (the statements add up).

>>> import io
>>> from rdflib import Literal, URIRef
>>> out = io.BytesIO()
>>> writer = TurtleWriter(out, {"ex": "http://example.org/"})
>>> ex = "http://example.org/"
>>> writer.write([(URIRef(ex + "a"), URIRef(ex + "b"), Literal(1), None)])
>>> writer.close()
>>> print(out.getvalue().decode())
@prefix ex: <http://example.org/> .
<BLANKLINE>
ex:a ex:b "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<BLANKLINE>
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from rdflib.namespace import RDF
from rdflib.term import Node

from .terms import PrefixMap, iri_ref, nt_term, turtle_term

Quad = tuple[Node, Node, Node, Node | None]
_FLUSH_AT = 1 << 16


class TextSink:
    """Text written to a binary stream in UTF-8, in chunks of about 64 KB."""

    def __init__(self, output: BinaryIO) -> None:
        self.output = output
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self.output.write("".join(self._parts).encode("utf-8"))
            self._parts.clear()
            self._size = 0


class Writer(ABC):
    """Writes quads to ``output`` as they come; ``close`` ends the document (not the stream)."""

    def __init__(self, output: BinaryIO, prefixes: Mapping[str, str]) -> None:
        self.sink = TextSink(output)
        self.prefixes = PrefixMap(prefixes)
        self.count = 0
        self._started = False

    def write(self, quads: Iterable[Quad]) -> None:
        """Write ``quads``."""
        if not self._started:
            self._started = True
            self.start()
        for quad in quads:
            self.count += 1
            self.quad(*quad)

    def close(self) -> None:
        """End the document and flush what is buffered."""
        if not self._started:
            self._started = True
            self.start()
        self.end()
        self.sink.flush()

    def start(self) -> None:  # noqa: B027 - most formats have no header
        """Write the document's header."""

    @abstractmethod
    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        """Write one quad."""

    def end(self) -> None:  # noqa: B027 - most formats have no footer
        """Write the document's footer."""


class NTriplesWriter(Writer):
    """N-Triples, one triple a line (graph names dropped)."""

    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        self.sink.write(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")


class NQuadsWriter(Writer):
    """N-Quads, one quad a line."""

    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        graph = "" if g is None else " " + nt_term(g)
        self.sink.write(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} .\n")


class TurtleWriter(Writer):
    """Turtle: prefixes, then each subject's statements joined with ``;``."""

    graphs = False

    def __init__(self, output: BinaryIO, prefixes: Mapping[str, str]) -> None:
        super().__init__(output, prefixes)
        self._subject: Node | None = None
        self._graph: Node | None = None
        self._in_graph = False

    def start(self) -> None:
        for prefix, namespace in self.prefixes.prefixes.items():
            self.sink.write(f"@prefix {prefix}: {iri_ref(namespace)} .\n")
        self.sink.write("\n")

    def term(self, term: Node) -> str:
        return turtle_term(term, self.prefixes)

    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        if self.graphs and (not self._in_graph or g != self._graph):
            self._end_subject()
            self._end_graph()
            self.sink.write(("{" if g is None else self.term(g) + " {") + "\n")
            self._graph, self._in_graph = g, True
        verb = "a" if p == RDF.type else self.term(p)
        if s == self._subject:
            self.sink.write(f" ;\n    {verb} {self.term(o)}")
            return
        self._end_subject()
        self._subject = s
        self.sink.write(f"{self.term(s)} {verb} {self.term(o)}")

    def _end_subject(self) -> None:
        if self._subject is not None:
            self.sink.write(" .\n")
            self._subject = None

    def _end_graph(self) -> None:
        if self._in_graph:
            self.sink.write("}\n")
            self._in_graph = False

    def end(self) -> None:
        self._end_subject()
        self._end_graph()


class TriGWriter(TurtleWriter):
    """TriG: Turtle with a ``GRAPH { }`` block for each run of one graph's quads."""

    graphs = True
