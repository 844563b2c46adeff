"""Reference data on sovereign states: the shipped ``states.json`` and the gazetteer over it."""
