"""Named queries in the browser: the list with parameter forms, and one query's answer."""

from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import BadRequest, NotFound

from ..errors import QueryError
from ..queries import NamedQuery
from ..store import SelectResult
from .formats import RESULT_FORMATS, lookup
from .runtime import get_store, run_limited, runtime
from .tables import make_table

bp = Blueprint("named", __name__)


@bp.route("/queries")
def index() -> str:
    """Every named query with its description and a form for its parameters."""
    return render_template("queries.html", queries=runtime().queries.values())


@bp.route("/queries/<name>")
def run(name: str) -> Response:
    """Run one named query; ``?format=json|csv|tsv|xml`` gives the SPARQL results as data."""
    query = runtime().queries.get(name)
    if query is None:
        raise NotFound(f"there is no named query {name!r}; see /queries")
    params = {k: v for k, v in request.args.items() if k != "format"}
    wanted = request.args.get("format")
    if wanted:
        fmt = lookup(RESULT_FORMATS, wanted)
        if fmt is None:
            raise BadRequest(f"format is one of {', '.join(f.name for f in RESULT_FORMATS)}")
        bindings = query.bindings(params)
        store = get_store()
        _, body = run_limited(lambda: store.query_serialized(query.text, fmt.name, bindings))
        response = Response(body, mimetype=fmt.media_type)
        if fmt.name in ("csv", "tsv"):
            response.headers["Content-Disposition"] = f'inline; filename="{name}.{fmt.suffix}"'
        return response
    return _html(query, params)


def _html(query: NamedQuery, params: dict[str, str]) -> Response:
    try:
        bindings = query.bindings(params)
    except QueryError as error:
        html = render_template("query.html", nq=query, values=params, error=str(error), table=None)
        return Response(html, status=400 if params else 200, mimetype="text/html")
    store = get_store()

    def read():
        result = store.query(query.text, bindings=bindings)
        assert isinstance(result, SelectResult)
        return make_table(result)

    table = run_limited(read)
    html = render_template("query.html", nq=query, values=params, error=None, table=table)
    return Response(html, mimetype="text/html")
