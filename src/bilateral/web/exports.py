"""Downloads: the knowledge base (or one article or entity) in any export format and profile,
the published JSON-LD context, and the VoID description at ``/.well-known/void``.

Formats and profiles come from the one registry in :mod:`bilateral.export`, as for the CLI.
An export is written to a temporary file first (on disk, so memory stays flat), then sent:
an error is answered before the first byte, in the app's one error shape.
"""

import io
import tempfile

from flask import Blueprint, Response, request, send_file
from werkzeug.exceptions import BadRequest, NotAcceptable, NotFound

from ..export import FORMATS, PROFILES, ExportError, RdfFormat, export, lookup_format, make_writer
from ..exports.context import context_document, published_context
from ..exports.void import void_triples
from ..mapping import iris
from ..queries import expand_iri
from .runtime import get_store

bp = Blueprint("exports", __name__)

# What /.well-known/void can be read as (it is one graph).
VOID_FORMATS = ("turtle", "ntriples", "rdfxml", "jsonld")


def _requested_format(default: str, offered: tuple[str, ...]) -> RdfFormat:
    """The format of the ``format`` parameter, else the best by Accept among ``offered``."""
    name = request.args.get("format")
    if not name:
        types = [FORMATS[f].media_type for f in offered]
        name = request.accept_mimetypes.best_match(types) or default
    try:
        fmt = lookup_format(name)
    except ExportError as error:
        raise NotAcceptable(str(error)) from None
    if fmt.name not in offered:
        raise NotAcceptable(f"offered here: {', '.join(offered)}")
    return fmt


@bp.route("/export")
def download() -> Response:
    """The whole knowledge base, or ``?article=ID`` or ``?entity=IRI``, as a file."""
    fmt = _requested_format("nquads", tuple(FORMATS))
    profile = request.args.get("profile", "full")
    if profile not in PROFILES:
        raise BadRequest(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    article, entity = request.args.get("article"), request.args.get("entity")
    if article and entity:
        raise BadRequest("choose one of article and entity")
    graph = iris.article_graph(article) if article else None
    try:
        entity_iri = expand_iri(entity) if entity else None
    except ValueError as error:
        raise BadRequest(f"entity: {error}") from None
    store = get_store()
    if graph is not None and not store.has_graph(graph):
        raise NotFound(f"no article {article!r} in the knowledge base")
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - send_file closes it once sent
    try:
        export(
            store,
            fmt.name,
            handle,
            graph,
            profile=profile,
            entity=entity_iri,
            site=request.url_root,
        )
    except ExportError as error:
        handle.close()
        raise NotFound(str(error)) from None
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    stem = (
        "bilateral"
        + (f"-{iris.slug(article)}" if article else "")
        + ("-entity" if entity else "")
        + ("" if profile == "full" else f"-{profile}")
    )
    return send_file(
        handle,
        mimetype=fmt.media_type,
        as_attachment=True,
        download_name=stem + fmt.suffix,
        max_age=0,
    )


@bp.route("/context.jsonld")
def context() -> Response:
    """The published JSON-LD context of the ontology."""
    response = Response(context_document(published_context()), mimetype="application/ld+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID / DCAT description of the served knowledge base."""
    fmt = _requested_format("turtle", VOID_FORMATS)
    downloads = {f.name: (f.label, f.media_type) for f in FORMATS.values()}
    triples = void_triples(get_store(), site=request.url_root, downloads=downloads)
    buffer = io.BytesIO()
    writer = make_writer(fmt, buffer, PROFILES["full"])
    writer.write((s, p, o, None) for s, p, o in triples)
    writer.close()
    response = Response(buffer.getvalue(), mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response
