"""How terms show on pages: where an IRI links to, its short name, a literal's annotation."""

from urllib.parse import urlsplit

from flask import Flask, url_for
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
    return iri[len(base):] if iri.startswith(base) and len(iri) > len(base) else None


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
            return f"{prefix}:{iri[len(namespace):]}"
    if iri.startswith(iris.base()) and len(iri) > len(iris.base()):
        return iri[len(iris.base()):]
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


def register_template_helpers(app: Flask) -> None:
    """Make the helpers above available in every template."""
    app.add_template_filter(href)
    app.add_template_filter(compact)
    app.add_template_filter(annotation)
    app.add_template_filter(kind_of)
    app.add_template_global(PREFIXES, "PREFIXES")
