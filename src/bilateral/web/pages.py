"""The home page, search, lists by class, and the page of any IRI that is not an entity."""

from flask import Blueprint, Response, redirect, render_template, request, url_for
from rdflib import URIRef
from werkzeug.exceptions import BadRequest

from ..errors import QueryError
from ..queries import expand_iri
from .entities import respond
from .formats import ENTITY_FORMATS, lookup
from .links import local_part
from .lookups import HOME_KINDS, class_counts, instances, recent_articles, search
from .runtime import get_store, run_limited, runtime

bp = Blueprint("pages", __name__)
MAX_SEARCH = 200


@bp.route("/")
def home() -> str:
    """Counts by kind, the newest articles, the named queries and a search box."""
    store = get_store()
    counts, articles = run_limited(lambda: (class_counts(store), recent_articles(store)))
    kinds = [(iri, label, counts.get(iri, 0)) for iri, label in HOME_KINDS]
    return render_template(
        "home.html",
        kinds=kinds,
        articles=articles,
        queries=runtime().queries.values(),
        graphs=len(store.graphs()),
    )


@bp.route("/search")
def search_page() -> str:
    """Resources whose label, alternative label or title contains the text."""
    text = request.args.get("q", "").strip()
    if len(text) > MAX_SEARCH:
        raise BadRequest(f"search for at most {MAX_SEARCH} characters")
    page, size = _page(), runtime().settings.page_size
    total, hits = 0, []
    if text:
        store = get_store()
        total, hits = run_limited(lambda: search(store, text, page, size))
    return render_template(
        "list.html",
        title=f"Search: {text}" if text else "Search",
        q=text,
        total=total,
        hits=hits,
        page=page,
        size=size,
        endpoint="pages.search_page",
        args={"q": text},
    )


@bp.route("/browse")
def browse() -> str:
    """Every resource of one class, by name, page by page."""
    try:
        kind = expand_iri(request.args.get("type", "bl:State"))
    except ValueError as error:
        raise BadRequest(str(error)) from None
    page, size = _page(), runtime().settings.page_size
    store = get_store()
    total, hits = run_limited(lambda: instances(store, kind, page, size))
    return render_template(
        "list.html",
        title="Browse",
        kind=kind,
        total=total,
        hits=hits,
        page=page,
        size=size,
        endpoint="pages.browse",
        args={"type": request.args.get("type", "bl:State")},
    )


@bp.route("/resource")
def resource() -> Response:
    """The page of any IRI: entities redirect to their own path, others show here."""
    raw = request.args.get("iri", "")
    try:
        iri = URIRef(str(expand_iri(raw)))
    except (ValueError, QueryError) as error:
        raise BadRequest(f"give an IRI as ?iri=: {error}") from None
    local = local_part(str(iri))
    if local is not None:
        return redirect(url_for("entities.entity", local=local))  # type: ignore[return-value]
    fmt = None
    if request.args.get("format"):
        fmt = lookup(ENTITY_FORMATS, request.args["format"])
        if fmt is None:
            raise BadRequest("format is one of " + ", ".join(f.suffix for f in ENTITY_FORMATS))
    alternates = {
        f: url_for("pages.resource", iri=str(iri), format=f.suffix) for f in ENTITY_FORMATS
    }
    return respond(iri, fmt, alternates)


def _page() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        raise BadRequest("page is a whole number") from None
