"""The ``schema`` profile: schema.org only, for generic consumers and search engines.

Articles are ``schema:NewsArticle``; visits, meetings, talks, summits and commission
sessions ``schema:Event`` with ``eventStatus``, ``attendee``, ``location``, ``startDate``
and ``endDate``; states ``schema:Country``; officials ``schema:Person`` with ``jobTitle``;
every extracted resource is ``schema:subjectOf`` the articles it came from. The rules are
in :data:`bilateral.mapping.profiles.SCHEMA_RULES`.
"""

from collections.abc import Iterator

from rdflib.term import Node

from ..mapping.profiles import SCHEMA_RULES
from ..store import Store

Quad = tuple[Node, Node, Node, None]


def schema_quads(source: Store) -> Iterator[Quad]:
    """The ``schema`` profile of ``source``, rule by rule, each triple once."""
    for rule in SCHEMA_RULES:
        for row in source.query(rule.query()).rows:
            if row["x"] is not None and row["v"] is not None:
                yield row["x"], rule.predicate, row["v"], None
