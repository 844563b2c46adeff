"""Light reading of SPARQL text: the query form, updates, federated SERVICE calls.

These look at keywords outside IRIs, strings and comments; the engine's parser still
judges whether the text is valid.

>>> query_form("PREFIX bl: <https://w3id.org/bilateral/ontology#> # hi\\nselect * {}")
'select'
>>> query_form("INSERT DATA { <a:b> <a:b> <a:b> }")
'insert'
>>> uses_service('SELECT * { ?s ?p "SERVICE" }'), uses_service("SELECT * { SERVICE <x:y> {} }")
(False, True)
"""

import re

from rdflib.plugins.sparql.parser import parseUpdate

from .sparql_lexer import service_positions

QUERY_FORMS = ("select", "ask", "construct", "describe")
UPDATE_FORMS = (
    "insert",
    "delete",
    "load",
    "clear",
    "drop",
    "create",
    "add",
    "move",
    "copy",
    "with",
)

_NOISE = re.compile(
    r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''      # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*'                 # short strings
    | "(?:[^"\\\n]|\\.)*"
    | <[^<>"{}|^`\\\s]*>                  # IRIs
    | \#[^\n]*                            # comments
    """,
    re.VERBOSE,
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*<>\s*)*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def strip_noise(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked to ``""``, ``<>`` and nothing."""

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("#"):
            return " "
        return "<>" if token.startswith("<") else '""'

    return _NOISE.sub(blank, text)


def query_form(text: str) -> str | None:
    """The lower-case keyword after the prologue (``select``, ``construct``, ``insert``...)."""
    bare = strip_noise(text)
    prologue = _PROLOGUE.match(bare)
    word = _FIRST_WORD.match(bare, prologue.end() if prologue else 0)
    if word is None:
        return None
    keyword = word.group(0).lower()
    return keyword if keyword in QUERY_FORMS + UPDATE_FORMS else None


def uses_service(text: str) -> bool:
    """Whether the engine could read a ``SERVICE`` keyword (a call to another endpoint).

    Conservative: see :mod:`bilateral.web.sparql_lexer` for how every reading is tried.
    """
    return bool(service_positions(text))


def is_update(text: str) -> bool:
    """Whether the text is (or parses as) a SPARQL update rather than a query."""
    if query_form(text) in UPDATE_FORMS:
        return True
    try:
        parsed = parseUpdate(text)
    except Exception:  # any parse failure means: not an update
        return False
    return "request" in parsed
