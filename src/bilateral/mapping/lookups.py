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

def content_hashes_query(article_ids: list[str]) -> tuple[str, dict[str, str]]:
    """A query for the stored text hashes of articles (rows ``?graph ?hash``), in one request,
    and the article id of each graph.

    >>> text, ids = content_hashes_query(["a1"])
    >>> list(ids.values()), "contentHash" in text
    (['a1'], True)
    """
    ids = {str(iris.article_graph(a)): a for a in article_ids}
    rows = " ".join(
        f"({iris.article_graph(a).n3()} {iris.article_iri(a).n3()})" for a in article_ids
    )
    text = (
        f"SELECT ?graph ?hash WHERE {{ VALUES (?graph ?article) {{ {rows} }} "
        f"GRAPH ?graph {{ ?article {BL.contentHash.n3()} ?hash }} }}"
    )
    return text, ids
