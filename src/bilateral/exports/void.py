"""The VoID and DCAT description of the knowledge base: counts, partitions, link sets, licence.

Counts are of distinct triples of the union of all graphs (a triple in two article graphs
counts once), which is what a triple store loading a Turtle export holds. A triple that
sits in several graphs is counted in the graph whose name sorts first, so the count streams
with flat memory instead of keeping a set of every triple.
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID, XSD

from ..mapping import iris
from ..mapping.iris import DATASET
from ..mapping.namespaces import WD
from ..store import Store

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
WIKIDATA = WD.Q2013  # Wikidata itself, the target of our link set
TITLE = "Bilateral: relations between states, from the news"
DESCRIPTION = (
    "Visits, meetings, agreements and officials of states, extracted from diplomatic "
    "news, each fact with the articles and sentences it came from."
)
# Keeps a quad only in the first graph (by name) that holds its triple.
FIRST_GRAPH = "FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h != ?g && STR(?h) < STR(?g)) }"
PROPERTY_COUNTS = (
    "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + FIRST_GRAPH + " } GROUP BY ?p"
)
CLASS_COUNTS = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"
ENTITY_COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } FILTER(isIRI(?s)) }"
UNION_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } " + FIRST_GRAPH + " }"
LINK_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { "
    "?s owl:sameAs ?o } FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(wd:))) } }"
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def last_modified(store: Store) -> datetime:
    """When the store's data last changed: its newest data file, else its last write in this
    process (a store in memory), else now."""
    path = getattr(store, "path", None)
    times = []
    for file in Path(path).glob("*.sst") if path else ():
        try:
            times.append(file.stat().st_mtime)
        except FileNotFoundError:  # the engine compacts its files while we look
            continue
    if not times:
        written = getattr(store, "last_write", None)
        if isinstance(written, datetime):
            return written
        return datetime.now(UTC).replace(microsecond=0)
    return datetime.fromtimestamp(int(max(times)), UTC)


def _counts(store: Store, query: str, key: str) -> dict[URIRef, int]:
    return {
        row[key]: int(row["n"]) for row in store.query(query).rows if isinstance(row[key], URIRef)
    }


def _partition(kind: str, iri: URIRef) -> URIRef:
    return URIRef(f"{DATASET}/{kind}/{iris.digest(iri)}")


def void_triples(
    store: Store,
    site: str | None = None,
    modified: datetime | None = None,
    downloads: Mapping[str, tuple[str, str]] | None = None,
) -> list[Triple]:
    """The description of the dataset in ``store``: the dataset's own statements first.

    ``site`` is the web app's root URL when it is served; ``downloads`` maps the format names
    of its ``/export`` download to (label, media type).
    """
    properties = _counts(store, PROPERTY_COUNTS, "p")
    classes = _counts(store, CLASS_COUNTS, "c")
    entities = int(next(iter(store.query(ENTITY_COUNT).rows))["n"])
    links = int(next(iter(store.query(LINK_COUNT).rows))["n"])
    when = (modified or last_modified(store)).isoformat().replace("+00:00", "Z")
    d, linkset = DATASET, URIRef(f"{DATASET}/linkset/wikidata")
    own: list[Triple] = [
        (d, RDF.type, VOID.Dataset),
        (d, RDF.type, DCAT.Dataset),
        (d, DCTERMS.title, Literal(TITLE, lang="en")),
        (d, DCTERMS.description, Literal(DESCRIPTION, lang="en")),
        (d, DCTERMS.license, LICENSE),
        (d, DCTERMS.modified, Literal(when, datatype=XSD.dateTime, normalize=False)),
        (d, VOID.triples, Literal(sum(properties.values()))),
        (d, VOID.entities, Literal(entities)),
        (d, VOID.classes, Literal(len(classes))),
        (d, VOID.properties, Literal(len(properties))),
        (d, VOID.uriSpace, Literal(iris.base())),
        (d, FOAF.homepage, URIRef("https://w3id.org/bilateral/")),
        (d, VOID.subset, linkset),
    ]
    own += [(d, VOID.vocabulary, URIRef(ns)) for ns in sorted({_namespace(p) for p in properties})]
    nodes: list[Triple] = []
    for cls, count in sorted(classes.items()):
        node = _partition("class", cls)
        own.append((d, VOID.classPartition, node))
        nodes += [(node, VOID["class"], cls), (node, VOID.entities, Literal(count))]
    for prop, count in sorted(properties.items()):
        node = _partition("property", prop)
        own.append((d, VOID.propertyPartition, node))
        nodes += [(node, VOID.property, prop), (node, VOID.triples, Literal(count))]
    nodes += [
        (linkset, RDF.type, VOID.Linkset),
        (linkset, VOID.linkPredicate, OWL.sameAs),
        (linkset, VOID.subjectsTarget, d),
        (linkset, VOID.objectsTarget, WIKIDATA),
        (linkset, VOID.triples, Literal(links)),
        (WIKIDATA, RDF.type, VOID.Dataset),
        (WIKIDATA, VOID.uriSpace, Literal(str(WD))),
    ]
    if site:
        root = site.rstrip("/") + "/"
        own += [
            (d, VOID.sparqlEndpoint, URIRef(root + "sparql")),
            (d, VOID.dataDump, URIRef(root + "export?format=nquads")),
        ]
        for name, (label, media_type) in (downloads or {}).items():
            node = URIRef(f"{DATASET}/distribution/{name}")
            own.append((d, DCAT.distribution, node))
            nodes += [
                (node, RDF.type, DCAT.Distribution),
                (node, DCAT.downloadURL, URIRef(f"{root}export?format={name}")),
                (node, DCAT.mediaType, URIRef(MEDIA_TYPES + media_type)),
                (node, DCTERMS.title, Literal(f"The whole knowledge base as {label}", lang="en")),
            ]
    return own + nodes


def _namespace(iri: URIRef) -> str:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1]
