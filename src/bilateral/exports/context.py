"""The published JSON-LD ``@context`` of our ontology (``ontology/context.jsonld``).

Every ontology term gets a short name, its local name: classes and individuals plainly,
object properties coerced to IRIs, datatype properties with one XSD range coerced to it.
Where our terms are aligned to schema.org the names are schema.org's (``startDate``,
``location``, ``familyName``, ``mentions``, ``url``, ``articleBody``), so a reader who
knows schema.org reads our JSON-LD without a dictionary. The file is generated from the
ontology and checked against it by a test; regenerate it with
``python -m bilateral.exports.context > ontology/context.jsonld``.

>>> context = build_context()
>>> context["visitor"]
{'@id': 'bl:visitor', '@type': '@id'}
>>> context["label"]
'rdfs:label'
"""

import json
import sys
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from ..mapping.namespaces import BL, PREFIXES, SCHEMA
from ..resources import ontology_dir

CONTEXT_FILE = "context.jsonld"
EXTRA_PREFIXES = {
    "void": str(VOID),
    "dcat": str(DCAT),
    "sssom": "https://w3id.org/sssom/",
    "semapv": "https://w3id.org/semapv/vocab/",
}
# Terms of the standard vocabularies our data uses, named as schema.org names them where it can.
STANDARD_TERMS: dict[str, tuple[URIRef, bool]] = {
    "label": (RDFS.label, False),
    "comment": (RDFS.comment, False),
    "prefLabel": (SKOS.prefLabel, False),
    "altLabel": (SKOS.altLabel, False),
    "sameAs": (OWL.sameAs, True),
    "wasDerivedFrom": (PROV.wasDerivedFrom, True),
    "mentions": (SCHEMA.mentions, True),
    "url": (SCHEMA.url, True),
    "articleBody": (SCHEMA.articleBody, False),
    "publisher": (SCHEMA.publisher, False),
    "title": (DCTERMS.title, False),
    "identifier": (DCTERMS.identifier, False),
}


def _curie(iri: URIRef, prefixes: dict[str, str]) -> str:
    for prefix, namespace in prefixes.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def build_context(ontology: Graph | None = None) -> dict[str, Any]:
    """The context, from the ontology graph (default: ``ontology/bilateral.ttl``)."""
    if ontology is None:
        from ..ontology import ontology_graph

        ontology = ontology_graph()
    prefixes = {**PREFIXES, **EXTRA_PREFIXES}
    context: dict[str, Any] = dict(sorted(prefixes.items()))
    for name in sorted(n for n in BL.__annotations__ if not n.startswith("_")):
        iri = BL[name]
        curie = _curie(iri, prefixes)
        kinds = set(ontology.objects(iri, RDF.type))
        ranges = [r for r in ontology.objects(iri, RDFS.range) if isinstance(r, URIRef)]
        if OWL.ObjectProperty in kinds:
            context[name] = {"@id": curie, "@type": "@id"}
        elif (
            OWL.DatatypeProperty in kinds
            and len(ranges) == 1
            and str(ranges[0]).startswith(str(XSD))
            and ranges[0] != XSD.string
        ):
            context[name] = {"@id": curie, "@type": _curie(ranges[0], prefixes)}
        else:
            context[name] = curie
    for name, (iri, is_reference) in STANDARD_TERMS.items():
        curie = _curie(iri, prefixes)
        context[name] = {"@id": curie, "@type": "@id"} if is_reference else curie
    return context


def published_context() -> dict[str, Any]:
    """The context as published in ``ontology/context.jsonld``."""
    with open(ontology_dir() / CONTEXT_FILE, encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def context_document(context: dict[str, Any]) -> str:
    """The context as a JSON-LD context document."""
    return json.dumps({"@context": context}, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(context_document(build_context()))
