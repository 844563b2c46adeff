"""How terms show on pages: where an IRI links to, its short name, a literal's annotation."""

import re
from urllib.parse import quote, urlencode, urlsplit

from flask import Flask, g, request, url_for
from markupsafe import Markup, escape
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


_PATH_SAFE = "/:@!$&'()*+,;=~"


def _entity_path() -> str:
    """The URL of entity pages up to the local part (url_for is slow when called per link)."""
    cached = getattr(g, "_bilateral_entity_path", None)
    if cached is None:
        cached = url_for("entities.entity", local="x")[:-1]
        g._bilateral_entity_path = cached
    return cached


def href(term: Node | str) -> str | None:
    """Where a link to ``term`` goes: its entity page, our resource page, or the IRI itself."""
    iri = str(term)
    local = local_part(iri)
    if local is not None:
        return _entity_path() + quote(local, safe=_PATH_SAFE)
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


def render_term(value: object, label: str | None = None, notes: bool = True) -> Markup:
    """A term as HTML: a link for IRIs, folded text for long literals, a dash for nothing.

    The ``term`` macro in Python: pages call it hundreds of times.
    """
    kind = kind_of(value)
    if kind == "iri":
        url = href(value)  # type: ignore[arg-type]
        text = escape(label or compact(value))  # type: ignore[arg-type]
        if not url:
            return text
        extra = ' class="external" rel="external"' if url.startswith("http") else ""
        return Markup(f'<a href="{escape(url)}"{extra}>{text}</a>')
    if kind == "bnode":
        return Markup(f'<span class="bnode">_:{escape(str(value))}</span>')
    if kind == "none":
        return Markup('<span class="none">–</span>')
    text = str(value)
    if len(text) > 300:
        html = Markup(f'<details class="long"><summary>{escape(text[:160])}… ({len(text)} '
                      f'characters)</summary><div class="long-text">{escape(text)}</div></details>')
    else:
        html = escape(text)
    note = annotation(value) if notes else ""  # type: ignore[arg-type]
    return Markup(f'{html} <small class="note">{escape(note)}</small>') if note else html


def register_template_helpers(app: Flask) -> None:
    """Make the helpers above available in every template."""
    for helper in (href, compact, annotation, kind_of, humanize):
        app.add_template_filter(helper)
    app.add_template_global(page_link)
    app.add_template_global(render_term)
    app.add_template_global(PREFIXES, "PREFIXES")
    app.add_template_global(" ".join(_OWN_NAMESPACES), "OWN_NAMESPACES")
