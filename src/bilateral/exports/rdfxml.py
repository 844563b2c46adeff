"""A streaming RDF/XML writer: one ``rdf:Description`` for each run of a subject's triples.

>>> import io
>>> from rdflib import Literal, URIRef
>>> out = io.BytesIO()
>>> writer = RdfXmlWriter(out, {"ex": "http://example.org/"})
>>> ex = "http://example.org/"
>>> writer.write([(URIRef(ex + "a"), URIRef(ex + "b"), Literal("x & y"), None)])
>>> writer.close()
>>> print(out.getvalue().decode().splitlines()[-3])
    <ex:b>x &amp; y</ex:b>
"""

import re
from collections.abc import Mapping
from typing import BinaryIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .terms import bnode_label
from .writers import Writer

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class RdfXmlError(ValueError):
    """Something RDF/XML cannot carry: a property IRI without an XML name, a control character."""


def _escape(text: str, table: Mapping[str, str]) -> str:
    if _XML_INVALID.search(text):
        raise RdfXmlError(f"RDF/XML cannot carry the control characters in {text[:60]!r}")
    return re.sub('[&<>"\r\n\t]', lambda m: table.get(m.group(), m.group()), text)


class RdfXmlWriter(Writer):
    """RDF/XML (graph names dropped); a property outside the known prefixes declares its own."""

    def __init__(self, output: BinaryIO, prefixes: Mapping[str, str]) -> None:
        known = {p: ns for p, ns in prefixes.items() if _PREFIX.fullmatch(p) and p != "rdf"}
        super().__init__(output, {"rdf": str(RDF), **known})
        self._subject: Node | None = None

    def start(self) -> None:
        self.sink.write('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')
        for prefix, namespace in self.prefixes.prefixes.items():
            self.sink.write(f'\n    xmlns:{prefix}="{_escape(namespace, _ATTRIBUTE)}"')
        self.sink.write(">\n")

    def quad(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        if s != self._subject:
            self._end_subject()
            self._subject = s
            self.sink.write(f"  <rdf:Description {self._node_attribute(s, 'about')}>\n")
        name, declaration = self._element_name(p)
        if isinstance(o, URIRef | BNode):
            self.sink.write(f"    <{name}{declaration} {self._node_attribute(o, 'resource')}/>\n")
            return
        if not isinstance(o, Literal):
            raise RdfXmlError(f"not an RDF term: {o!r}")
        attributes = ""
        if o.language:
            attributes = f' xml:lang="{_escape(o.language, _ATTRIBUTE)}"'
        elif o.datatype and o.datatype != XSD.string:
            attributes = f' rdf:datatype="{_escape(str(o.datatype), _ATTRIBUTE)}"'
        self.sink.write(f"    <{name}{declaration}{attributes}>{_escape(str(o), _TEXT)}</{name}>\n")

    def end(self) -> None:
        self._end_subject()
        self.sink.write("</rdf:RDF>\n")

    def _end_subject(self) -> None:
        if self._subject is not None:
            self.sink.write("  </rdf:Description>\n")
            self._subject = None

    @staticmethod
    def _node_attribute(node: Node, kind: str) -> str:
        if isinstance(node, BNode):
            return f'rdf:nodeID="{bnode_label(node)[2:]}"'
        return f'rdf:{kind}="{_escape(str(node), _ATTRIBUTE)}"'

    def _element_name(self, predicate: Node) -> tuple[str, str]:
        """The qualified element name of a property, and a namespace declaration if needed."""
        iri = str(predicate)
        parts = self.prefixes.split(iri)
        if parts:
            return f"{parts[0]}:{parts[1]}", ""
        match = re.search(r"[A-Za-z_][A-Za-z0-9_.-]*$", iri)
        if not isinstance(predicate, URIRef) or match is None or match.start() == 0:
            raise RdfXmlError(f"the property <{iri}> has no XML name, so RDF/XML cannot carry it")
        namespace, local = iri[: match.start()], match.group()
        return f"ns0:{local}", f' xmlns:ns0="{_escape(namespace, _ATTRIBUTE)}"'
