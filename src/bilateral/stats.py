"""Counts of what a knowledge base holds, for ``bilateral stats`` and the home page."""

from .mapping.namespaces import BL
from .store import Store

_KINDS = {
    "articles": BL.Article, "states": BL.State, "officials": BL.Official, "visits": BL.Visit,
    "events": BL.Event, "agreements": BL.Agreement, "organizations": BL.Organization,
}


def store_stats(store: Store) -> dict[str, int]:
    """Quads, graphs, and entities of each main kind."""
    counts = {"quads": store.count(), "graphs": len(store.graphs())}
    for name, cls in _KINDS.items():
        result = store.query("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c }", bindings={"c": cls})
        counts[name] = int(next(result.rows)["n"])
    return counts
