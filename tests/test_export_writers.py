"""The streaming writers on hard cases: every format parses back to the very same statements."""

import io
import re
import shutil
import subprocess

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.export import FORMATS, PROFILES, make_writer
from bilateral.exports.rdfxml import RdfXmlError, RdfXmlWriter

EX = Namespace("http://example.org/")
G1, G2 = URIRef("http://example.org/graph/one"), URIRef("http://example.org/graph/two")
RDFLIB = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle",
          "ntriples": "nt", "rdfxml": "xml"}
NODE = BNode("node1")
HARD = [
    (EX.a, RDFS.label, Literal('quotes " and \\ backslash')),
    (EX.a, RDFS.label, Literal("line\nbreak\r\nand\ttab")),
    (EX.a, RDFS.label, Literal("Pakistan–Russia, café, 😀, <b>&amp;</b>")),
    (EX.a, RDFS.label, Literal("  spaced  ")),
    (EX.a, RDFS.label, Literal("")),
    (EX.a, RDFS.label, Literal("colour", lang="en-GB")),
    (EX.a, EX["count"], Literal("3", datatype=XSD.integer)),
    (EX.a, EX.when, Literal("2012-10", datatype=XSD.gYearMonth)),
    (EX.a, EX.when, Literal("2012", datatype=XSD.gYear)),
    (EX.a, EX.odd, Literal("x", datatype=URIRef("http://example.org/datatype#mine"))),
    (EX.a, RDF.type, EX.Thing),
    (EX.a, EX.link, URIRef("http://example.org/search?q=a&b=c")),
    (EX.a, EX.link, URIRef("http://example.org/café")),
    (EX.a, URIRef("http://example.org/p.q"), EX.b),
    (EX.a, URIRef("http://example.org/ns#1x"), EX.b),
    (EX.a, EX.blank, NODE),
    (NODE, RDFS.label, Literal("a blank node")),
    (EX.b, RDFS.label, Literal("b")),
]


def quads() -> list[tuple]:
    """The hard triples spread over two named graphs and the default graph, out of order."""
    spread = []
    for index, triple in enumerate(HARD):
        spread.append((*triple, [G1, G2, None][index % 3]))
    spread.append((EX.a, RDFS.comment, Literal("back again"), G1))  # a subject seen before
    return spread


def write(fmt: str, items: list[tuple]) -> bytes:
    out = io.BytesIO()
    writer = make_writer(FORMATS[fmt], out, PROFILES["full"])
    writer.write(items)
    writer.close()
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_gives_back_the_same_statements(fmt, tmp_path):
    items = quads()
    if not FORMATS[fmt].quads:
        items = list({q[:3]: (*q[:3], None) for q in items}.values())
    data = write(fmt, items)
    if FORMATS[fmt].quads:
        parsed = Dataset()
        parsed.parse(data=data, format=RDFLIB[fmt])
        for name in (G1, G2):
            expected = Graph()
            for s, p, o, g in items:
                if g == name:
                    expected.add((s, p, o))
            assert isomorphic(parsed.graph(name), expected), fmt
        assert len(set(parsed.quads((None, None, None, None)))) == len(items)
    else:
        parsed = Graph().parse(data=data, format=RDFLIB[fmt])
        assert isomorphic(parsed, Graph().__iadd__([q[:3] for q in items])), fmt
    if fmt != "jsonld":
        path = tmp_path / f"hard{FORMATS[fmt].suffix}"
        path.write_bytes(data)
        assert _rapper(path, fmt) == len(items)


def _rapper(path, fmt: str) -> int:
    assert shutil.which("rapper"), "rapper is missing: apt-get install raptor2-utils"
    done = subprocess.run(["rapper", "-i", fmt, "-c", str(path)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return int(re.search(r"returned (\d+)", done.stderr).group(1))


def test_rdfxml_refuses_what_it_cannot_carry():
    with pytest.raises(RdfXmlError, match="no XML name"):
        writer = RdfXmlWriter(io.BytesIO(), {})
        writer.write([(EX.a, URIRef("http://example.org/123"), EX.b, None)])
    with pytest.raises(RdfXmlError, match="control characters"):
        writer = RdfXmlWriter(io.BytesIO(), {})
        writer.write([(EX.a, RDFS.label, Literal("bell\x07"), None)])


def test_an_empty_document_is_still_a_document():
    for fmt in FORMATS:
        data = write(fmt, [])
        if FORMATS[fmt].quads:
            parsed = Dataset()
            parsed.parse(data=data, format=RDFLIB[fmt])
            assert not list(parsed.quads((None, None, None, None)))
        else:
            assert len(Graph().parse(data=data, format=RDFLIB[fmt])) == 0
