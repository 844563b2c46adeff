"""Facts to triples: the only package that spells ontology IRIs."""
