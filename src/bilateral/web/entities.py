"""Entity pages at the IRI's own path, in HTML or RDF.

RDF by Accept, or by a ``.ttl``, ``.jsonld`` or ``.nt`` suffix.

For the IRI ``{base}state/RUS`` the page is at the base's path plus ``state/RUS``.
"""

from dataclasses import dataclass
from functools import partial

from flask import Blueprint, Response, render_template, request, url_for
from rdflib import URIRef
from werkzeug.exceptions import BadRequest, NotFound

from ..errors import QueryError
from ..queries import expand_iri
from .describe import Description, describe, entity_triples, exists, kind_of_types, types_of
from .formats import ENTITY_FORMATS, Format, bound_graph, lookup, serialize_graph
from .rows import valid_iri
from .runtime import get_store, run_limited, runtime
from .sections import KindView, Sections
from .together import together

bp = Blueprint("entities", __name__)
INCOMING_PAGE = 12  # values per page of an incoming group; the sections show the rest


@dataclass
class Page:
    """What the entity template shows."""

    description: Description
    kind: str | None
    view: KindView


@bp.route("/<path:local>")
def entity(local: str) -> Response:
    """The page (or RDF) of the entity ``{base}{local}``."""
    fmt = None
    for candidate in ENTITY_FORMATS:
        if local.endswith("." + candidate.suffix):
            local, fmt = local[: -len(candidate.suffix) - 1], candidate
            break
    iri = URIRef(runtime().settings.base_iri + local)
    if not valid_iri(iri):
        raise NotFound(f"{local!r} is not the path of an entity")
    alternates = {
        f: url_for("entities.entity", local=f"{local}.{f.suffix}") for f in ENTITY_FORMATS
    }
    return respond(iri, fmt, alternates)


def respond(iri: URIRef, fmt: Format | None, alternates: dict[Format, str]) -> Response:
    """Answer for ``iri`` in ``fmt``, or as Accept prefers when ``fmt`` is None."""
    if fmt is None:
        offers = ["text/html"] + [f.media_type for f in ENTITY_FORMATS]
        best = request.accept_mimetypes.best_match(offers, default="text/html")
        fmt = lookup(ENTITY_FORMATS, best) if best != "text/html" else None
    response = rdf_response(iri, fmt) if fmt is not None else html_response(iri, alternates)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = ", ".join(
        f'<{url}>; rel="alternate"; type="{f.media_type}"' for f, url in alternates.items()
    )
    return response


def rdf_response(iri: URIRef, fmt: Format) -> Response:
    """The entity's statements in an RDF format."""
    store = get_store()

    def read() -> tuple[list, bool]:
        triples = list(entity_triples(store, iri).triples)
        return triples, bool(triples) or exists(store, iri)

    triples, known = run_limited(read)
    if not known:
        raise NotFound(f"nothing is known about <{iri}>")
    return Response(serialize_graph(bound_graph(triples), fmt), mimetype=fmt.media_type)


def html_response(iri: URIRef, alternates: dict[Format, str]) -> Response:
    """The entity's HTML page."""
    store, rt = get_store(), runtime()
    paged = _paging()

    def read() -> Page | None:
        if not exists(store, iri):
            return None
        size = rt.settings.page_size
        entity_kind = kind_of_types(types_of(store, iri))
        description, view = together(
            partial(describe, store, iri, size, paged, min(size, INCOMING_PAGE)),
            partial(Sections(store, rt.queries).build, entity_kind, iri))
        return Page(description, entity_kind, view)

    page = run_limited(read)
    if page is None:
        raise NotFound(f"nothing is known about <{iri}>")
    html = render_template(
        "entity.html",
        page=page,
        d=page.description,
        view=page.view,
        kind=page.kind,
        alternates=alternates,
        paged=paged,
    )
    return Response(html, mimetype="text/html")


def _paging() -> tuple[str, URIRef, int] | None:
    """Which property group to turn: ``?in=<property>&page=N`` or ``?out=...``."""
    for direction in ("out", "in"):
        predicate = request.args.get(direction)
        if predicate:
            try:
                page = int(request.args.get("page", "1"))
                return direction, expand_iri(predicate), page
            except (ValueError, QueryError) as error:
                raise BadRequest(f"bad paging parameters: {error}") from None
    return None
