"""Counts of what a knowledge base holds, for ``bilateral stats`` and the home page."""

from .mapping.lookups import COUNT_OF_KIND, ENTITY_KINDS
from .store import Store


def store_stats(store: Store) -> dict[str, int]:
    """Quads, graphs, and entities of each main kind."""
    counts = {"quads": store.count(), "graphs": len(store.graphs())}
    for name, kind in ENTITY_KINDS.items():
        counts[name] = int(next(store.query(COUNT_OF_KIND, bindings={"kind": kind}).rows)["n"])
    return counts
