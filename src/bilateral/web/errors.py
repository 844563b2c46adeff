"""One error path with two shapes: JSON for API and SPARQL clients, an HTML page for browsers.

Bad query 400, update on this read-only endpoint 403, too large 413, time limit 503.
"""

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import BilateralError, QueryError, QueryTimeout, ReadOnlyError, StoreError

_JSON_TYPES = ("application/json", "application/sparql-results+json", "application/ld+json")
_STATUS = {QueryError: 400, ReadOnlyError: 403, QueryTimeout: 503, StoreError: 503}
_TITLES = {400: "Bad request", 403: "Forbidden", 413: "Too large", 503: "Unavailable"}
_JSON_BLUEPRINTS = ("sparql", "write_api")


def wants_json() -> bool:
    """Whether this request's client reads JSON rather than HTML.

    SPARQL requests get JSON unless they prefer HTML; pages get HTML unless the client
    prefers JSON or asks for data with a ``format`` parameter.
    """
    if request.args.get("format"):
        return True
    accept = request.accept_mimetypes
    html = accept.quality("text/html")
    json = max(accept.quality(t) for t in _JSON_TYPES)
    if request.blueprint in _JSON_BLUEPRINTS:
        return not html > json
    return json > html


def error_response(status: int, message: str, title: str | None = None) -> Response:
    """The error answer in the shape the client reads."""
    title = title or _TITLES.get(status, "Error")
    if wants_json():
        response = jsonify(error={"status": status, "title": title, "message": message})
    else:
        html = render_template("error.html", status=status, title=title, message=message)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    if status == 503:
        response.headers["Retry-After"] = "30"
    return response


def _http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, error.description or "", error.name)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if error.code == 401:
        challenge = dict(error.get_headers()).get("WWW-Authenticate")
        response.headers["WWW-Authenticate"] = challenge or 'Bearer realm="bilateral"'
    return response


def _bilateral_error(error: BilateralError) -> Response:
    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 500)
    return error_response(status, str(error))


def register_error_handlers(app: Flask) -> None:
    """Route every HTTP error and every deliberate Bilateral error through one path."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(BilateralError, _bilateral_error)
