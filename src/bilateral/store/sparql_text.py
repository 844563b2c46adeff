"""Reading SPARQL text just enough to send it to a remote server: its form, its prefixes.

>>> query_form("PREFIX select: <http://x/> ASK { ?select ?p select:o }")
'ask'
>>> with_prefixes("SELECT * WHERE { ?v a bl:Visit }", {"bl": "http://b/", "x": "http://x/"})
'PREFIX bl: <http://b/>\\nSELECT * WHERE { ?v a bl:Visit }'
"""

from collections.abc import Mapping

import regex

_MASK = regex.compile(r"#[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>")
_FORM = regex.compile(r"(?<![?$:\w])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b(?!:)", regex.I)
_DECLARED = regex.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", regex.I)
_USED = regex.compile(r"(?<![\w.\-?$:])([A-Za-z][\w.-]*)?:(?!//)")


def mask(sparql: str) -> str:
    """The text with comments, strings and IRIs blanked out (same length)."""
    return _MASK.sub(lambda m: " " * len(m.group()), sparql)


def query_form(sparql: str) -> str:
    """``select``, ``ask``, ``construct`` or ``describe`` (``select`` when unsure)."""
    match = _FORM.search(mask(sparql))
    return match.group(1).lower() if match else "select"


def with_prefixes(sparql: str, prefixes: Mapping[str, str]) -> str:
    """The text with PREFIX lines for the ``prefixes`` it uses but does not declare.

    The prologue may mix BASE and PREFIX in any order, so lines go first.
    """
    masked = mask(sparql)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(masked)}
    used = {m.group(1) or "" for m in _USED.finditer(masked)}
    lines = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in prefixes.items()
        if name in used and name not in declared
    ]
    return "\n".join([*lines, sparql]) if lines else sparql
