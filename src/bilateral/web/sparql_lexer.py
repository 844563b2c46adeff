"""Find every place where a SPARQL engine could read the keyword ``SERVICE``.

A keyword search over the text is easy to fool: the word may sit in a string, a comment,
an IRI, a variable (``?service``) or a prefixed name (``schema:Service``), and a text can
be built so that a naive scanner sees a string or an IRI where the engine sees code, for
example ``FILTER(1<2)SERVICE#>`` (``<`` read as an IRI up to the ``>`` of a comment) or
``ex:a\\'`` (an escaped quote inside a prefixed name). So this scanner follows the token
rules of the SPARQL 1.1 grammar, and where the grammar alone cannot tell two readings
apart (``<`` opens an IRI, or is the less-than operator) it follows both whenever the
IRI holds a ``#`` or a ``'`` (the only characters that can put the two readings out of
step: without them the ``>`` ends the same stretch of code in both). It reports a
word that starts with ``service`` in any reading, unless a character glued before it
shows it is part of a longer name (``sparql-service``, ``/service``); the engine's parser
matches keywords without a word boundary (``SERVICESILENT<...>`` runs), so a longer
word or a prefix named ``service:`` counts too.

Each text position is scanned once, so the cost is linear in the text.

>>> service_positions("SELECT * { sErViCe <http://x/> { ?s ?p ?o } }")
[11]
>>> service_positions("SELECT ?service { ?s schema:Service 'SERVICE' } # SERVICE")
[]
>>> service_positions("SELECT * { FILTER(1<2)SERVICE#>\\n<http://x/> {} }")
[22]
"""

import re

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"

_IRI = re.compile(rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>")
_STRING = re.compile(
    rf"""'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''
    |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*\"\"\"
    |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'
    |"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*\"""",
    re.VERBOSE,
)
_COMMENT = re.compile(r"#[^\r\n]*")
_SPACE = re.compile(r"[ \t\r\n]+")
_VARIABLE = re.compile(rf"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
_BLANK = re.compile(rf"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?")
_LANGUAGE = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_NAME = re.compile(rf"(?:{_PREFIX})?:(?:{_LOCAL})?|[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?")
# Characters that, right before a word, make it the tail of a longer name, never a keyword.
_GLUE = re.compile(r"[^\W\d]|[\-/:?$@%\\]")
# Inside an IRI, only these can put the other reading of ``<`` out of step with this one.
_SHIFTY = ("#", "'")
_KEYWORD = "service"


def _next_positions(text: str, at: int, found: list[int]) -> tuple[int, ...]:
    """Where the token at ``at`` ends (two places when ``<`` reads two ways); notes SERVICE."""
    char = text[at]
    if char == "<":
        iri = _IRI.match(text, at)
        if iri is None:
            return (at + 1,)
        shifty = any(c in iri.group(0) for c in _SHIFTY)
        return (iri.end(), at + 1) if shifty else (iri.end(),)
    for pattern in (_SPACE, _COMMENT, _STRING, _VARIABLE, _BLANK, _LANGUAGE, _NUMBER):
        token = pattern.match(text, at)
        if token:
            return (token.end(),)
    name = _NAME.match(text, at)
    if name is None:
        return (at + 1,)
    glued = at > 0 and _GLUE.match(text[at - 1]) is not None
    if name.group(0).lower().startswith(_KEYWORD) and not glued:
        found.append(at)
    return (name.end(),)


def service_positions(text: str) -> list[int]:
    """Offsets in ``text`` where some reading of it has a ``SERVICE`` keyword."""
    found: list[int] = []
    pending, seen = [0], {0}
    while pending:
        at = pending.pop()
        if at >= len(text):
            continue
        for following in _next_positions(text, at, found):
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return sorted(set(found))
