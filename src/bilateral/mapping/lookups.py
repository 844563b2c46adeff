"""Small read queries over our own vocabulary, kept here so only mapping/ spells ontology IRIs."""

from rdflib import URIRef

from . import iris
from .namespaces import BL

ENTITY_KINDS: dict[str, URIRef] = {
    "articles": BL.Article,
    "states": BL.State,
    "officials": BL.Official,
    "visits": BL.Visit,
    "events": BL.Event,
    "agreements": BL.Agreement,
    "organizations": BL.Organization,
}

COUNT_OF_KIND = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?kind }"

CONTENT_HASH = "SELECT ?hash WHERE { GRAPH ?graph { ?article ?property ?hash } }"


def content_hash_bindings(article_id: str) -> dict[str, URIRef]:
    """Bindings for ``CONTENT_HASH``: the stored hash of one article's text."""
    return {
        "graph": iris.article_graph(article_id),
        "article": iris.article_iri(article_id),
        "property": BL.contentHash,
    }
