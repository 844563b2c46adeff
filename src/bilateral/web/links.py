"""How terms show on pages: where an IRI links to, its short name, a literal's annotation."""

import re
from urllib.parse import urlencode, urlsplit

from flask import Flask, request, url_for
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..mapping import iris
from ..mapping.namespaces import BL, PREFIXES
from .runtime import runtime

# IRIs of ours that are not entities under the base: ontology terms and graph names.
_OWN_NAMESPACES = (str(BL._NS), iris.GRAPH_BASE)


def entity_prefix(base_iri: str) -> str:
    """The URL path under which entity pages live: the path part of the base IRI.

    >>> entity_prefix("https://w3id.org/bilateral/id/")
    '/bilateral/id'
    """
    return urlsplit(base_iri).path.rstrip("/")


def local_part(iri: str) -> str | None:
    """The part of an entity IRI after the configured base, or None for other IRIs."""
    base = runtime().settings.base_iri
    return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else None


def href(term: Node | str) -> str | None:
    """Where a link to ``term`` goes: its entity page, our resource page, or the IRI itself."""
    iri = str(term)
    local = local_part(iri)
    if local is not None:
        return url_for("entities.entity", local=local)
    if iri.startswith(_OWN_NAMESPACES):
        return url_for("pages.resource", iri=iri)
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def compact(term: Node | str) -> str:
    """A prefixed name (``bl:visitor``) or a base-relative path, else the full IRI.

    >>> compact("http://www.w3.org/2000/01/rdf-schema#label")
    'rdfs:label'
    """
    iri = str(term)
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    if iri.startswith(iris.base()) and len(iri) > len(iris.base()):
        return iri[len(iris.base()) :]
    return iri


def annotation(term: Node) -> str:
    """A literal's language tag or datatype as a short note, else ``""``."""
    if isinstance(term, Literal):
        if term.language:
            return f"@{term.language}"
        if term.datatype:
            return compact(term.datatype)
    return ""


def kind_of(term: object) -> str:
    """``iri``, ``bnode``, ``literal`` or ``none``: which way a template shows a term."""
    if isinstance(term, URIRef):
        return "iri"
    if isinstance(term, BNode):
        return "bnode"
    return "literal" if term is not None else "none"


def humanize(name: str) -> str:
    """A column name as words: ``visitingState`` reads ``visiting state``.

    >>> humanize("visitingState")
    'visiting state'
    """
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r" \1", name).lower()


def page_link(direction: str, predicate: Node, page: int) -> str:
    """This page's URL turned to ``page`` of one property group."""
    args = {k: v for k, v in request.args.items() if k not in ("in", "out", "page")}
    args.update({direction: compact(predicate), "page": str(page)})
    return "?" + urlencode(args)


def register_template_helpers(app: Flask) -> None:
    """Make the helpers above available in every template."""
    for helper in (href, compact, annotation, kind_of, humanize):
        app.add_template_filter(helper)
    app.add_template_global(page_link)
    app.add_template_global(PREFIXES, "PREFIXES")
    app.add_template_global(" ".join(_OWN_NAMESPACES), "OWN_NAMESPACES")
