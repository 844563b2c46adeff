"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: read-only, time-limited, CORS-open.

The blueprint is handed a store through :func:`get_store` and never builds one.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    RequestEntityTooLarge,
    UnsupportedMediaType,
)

from ..errors import QueryError, ReadOnlyError
from ..mapping.namespaces import PREFIXES
from ..store import Store
from .formats import GRAPH_FORMATS, RESULT_FORMATS, Format, bound_graph, negotiate
from .formats import serialize_graph as rdflib_serialize
from .runtime import get_store, run_client_query, runtime
from .service import service_description
from .sparql_text import is_update, query_form, uses_service

bp = Blueprint("sparql", __name__)

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_CHUNK = 64 * 1024
_FORM = "application/x-www-form-urlencoded"


@dataclass
class ProtocolRequest:
    """What a protocol request asks: a query (or none), its dataset, a wanted format."""

    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer a SPARQL query; without one, the workbench (browsers) or service description."""
    asked = read_protocol_request()
    if asked.query is None:
        if _prefers_html():
            return _workbench("")
        return service_description(request.url_root.rstrip("/") + request.path)
    if request.method == "GET" and asked.format is None and _prefers_html():
        return _workbench(asked.query)
    fmt = _choose_format(asked)
    store = get_store()
    body = run_client_query(lambda: execute(store, asked, fmt))
    response = Response(_chunks(body), mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    response.headers["Content-Length"] = str(len(body))
    return response


def read_protocol_request() -> ProtocolRequest:
    """Read a GET, a form POST or a direct POST per the SPARQL 1.1 Protocol.

    :raises ReadOnlyError: an update in any of its forms.
    :raises RequestEntityTooLarge: a query over the size limit.
    """
    limit = runtime().settings.max_query_bytes
    if request.content_length is not None and request.content_length > 2 * limit + 4096:
        raise RequestEntityTooLarge(_too_large(limit))
    args = request.args
    ctype = request.mimetype
    if request.method == "POST" and ctype == "application/sparql-update":
        raise ReadOnlyError("this endpoint is read-only: SPARQL updates are not accepted")
    if request.method == "POST" and ctype == _FORM:
        args = request.form
        query = args.get("query")
    elif request.method == "POST" and ctype == "application/sparql-query":
        query = request.get_data(as_text=True)
    elif request.method == "POST":
        raise UnsupportedMediaType(
            f"send the query as {_FORM} or application/sparql-query, not {ctype or 'nothing'}"
        )
    else:
        query = args.get("query")
    if "update" in args or "update" in request.args:
        raise ReadOnlyError("this endpoint is read-only: SPARQL updates are not accepted")
    if query is not None and len(query.encode("utf-8")) > limit:
        raise RequestEntityTooLarge(_too_large(limit))
    if query is not None and not query.strip():
        raise BadRequest("the query is empty")
    graphs = {}
    for key in ("default-graph-uri", "named-graph-uri"):
        graphs[key] = request.args.getlist(key) + (
            request.form.getlist(key) if ctype == _FORM else []
        )
        for iri in graphs[key]:
            if not _IRI.match(iri):
                raise QueryError(f"{key} {iri!r} is not an absolute IRI")
    wanted = request.args.get("format") or request.args.get("output")
    return ProtocolRequest(query, graphs["default-graph-uri"], graphs["named-graph-uri"], wanted)


def execute(store: Store, asked: ProtocolRequest, fmt: Format) -> bytes:
    """Run the query and write its answer in ``fmt``.

    :raises QueryError: the query does not parse, or its answer cannot be written in ``fmt``.
    """
    assert asked.query is not None
    options = {
        "default_graphs": asked.default_graphs or None,
        "named_graphs": asked.named_graphs or None,
    }
    if fmt.name == "jsonld":
        result = store.query(asked.query, **options)  # type: ignore[arg-type]
        if result.kind != "graph":
            raise QueryError("only CONSTRUCT and DESCRIBE answers can be written as JSON-LD")
        return rdflib_serialize(bound_graph(result.triples), fmt)
    _, body = store.query_serialized(asked.query, fmt.name, **options)  # type: ignore[arg-type]
    return body


def _choose_format(asked: ProtocolRequest) -> Format:
    """The query's form and the format to answer in; updates and SERVICE are refused here.

    A text whose form cannot be read goes to the engine as a SELECT, so that its parser
    says what is wrong.
    """
    assert asked.query is not None
    form = query_form(asked.query)
    if form not in ("select", "ask", "construct", "describe") and is_update(asked.query):
        raise ReadOnlyError("this endpoint is read-only: SPARQL updates are not accepted")
    if uses_service(asked.query):
        raise Forbidden("federated queries (SERVICE) are not allowed on this endpoint")
    if form in ("construct", "describe"):
        return negotiate(GRAPH_FORMATS, request.accept_mimetypes, asked.format)
    return negotiate(RESULT_FORMATS, request.accept_mimetypes, asked.format)


def _prefers_html() -> bool:
    accept = request.accept_mimetypes
    html = accept.quality("text/html")
    data_types = [f.media_type for f in RESULT_FORMATS + GRAPH_FORMATS]
    return html > 0 and html > max(accept.quality(t) for t in data_types)


def _workbench(query: str) -> Response:
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    example = prologue + (
        "\n# Visits with who went where, newest first. DISTINCT: the default graph is the\n"
        "# union of every article's graph, so a statement from two articles shows twice.\n"
        "SELECT DISTINCT ?visit ?visitor ?host ?date WHERE {\n"
        "  ?visit a bl:Visit ;\n"
        "         bl:visitor ?official ;\n"
        "         bl:hostState ?state .\n"
        "  ?official rdfs:label ?visitor .\n"
        "  ?state rdfs:label ?host .\n"
        "  OPTIONAL { ?visit bl:startDate ?date }\n"
        "}\nORDER BY DESC(?date)\nLIMIT 200\n"
    )
    named = [
        {"name": q.name, "title": q.title, "description": q.description, "text": q.text,
         "url": url_for("named.run", name=q.name),
         "params": [{"name": p.name, "label": p.label, "type": p.type,
                     "optional": p.optional, "default": p.default} for p in q.params]}
        for q in runtime().queries.values()
    ]
    html = render_template("workbench.html", query=query or example, autorun=bool(query),
                           base_iri=runtime().settings.base_iri, named=named)
    return Response(html, mimetype="text/html")


def _too_large(limit: int) -> str:
    return f"the query is larger than the limit of {limit} bytes"


def _chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), _CHUNK):
        yield body[start : start + _CHUNK]
