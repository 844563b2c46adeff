"""``bilateral validate``: the store's data through the OWL reasoner and the SHACL shapes."""

from rdflib import Graph

from .store import Store


def store_graph(store: Store) -> Graph:
    """The union of every graph in the store, as one rdflib graph."""
    graph = Graph()
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    return graph


def validate_store(store: Store) -> dict[str, object]:
    """Run HermiT for consistency and pyshacl for the shapes; return both reports by name."""
    from .ontology import check_consistency, check_shapes

    data = store_graph(store)
    return {"reasoner (HermiT)": check_consistency(data), "shapes (SHACL)": check_shapes(data)}
