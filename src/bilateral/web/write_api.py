"""The write API: ``POST /api/articles`` ingests articles, ``DELETE /api/articles/<id>`` drops one.

Off unless a token is configured (``BILATERAL_WRITE_TOKEN`` or ``bilateral serve
--write-token-file``); then each request needs ``Authorization: Bearer <token>``. Writes run
in the server process (the only one that may open an embedded store), one at a time, each
article in one transaction, so readers see an article whole or not at all.

The body is one article in the JSON shape ``bilateral ingest`` reads, a JSON list of them,
or JSON lines (``application/x-ndjson``). The answer names what happened to each article:
200 when every article went in, 400 when none did, 207 when some did.
"""

import hmac
import json
import re
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, jsonify, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest, NotFound, Unauthorized, UnsupportedMediaType

from ..errors import ArticleError
from ..ingest.article import build_article
from ..ingest.decode import MAX_FILE_BYTES
from .runtime import get_store, runtime

bp = Blueprint("write_api", __name__, url_prefix="/api")
MAX_BODY_BYTES = MAX_FILE_BYTES
MAX_ARTICLES = 1_000
_JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/jsonlines")
# Characters an IRI cannot hold; the store would refuse the whole write with a bare Exception.
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@bp.before_request
def authorize() -> None:
    """404 when writes are off; 401 without the right bearer token."""
    token = runtime().write_token
    if not token:
        raise NotFound("the write API is off on this server")
    request.max_content_length = MAX_BODY_BYTES
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise Unauthorized(
            "send the write token as 'Authorization: Bearer <token>'",
            www_authenticate=WWWAuthenticate("bearer", {"realm": "bilateral"}),
        )


@bp.route("/articles", methods=["POST"])
def add_articles() -> Response:
    """Ingest the articles in the body; ``?force=1`` extracts unchanged texts again."""
    force = request.args.get("force", "") in ("1", "true", "yes")
    report: dict[str, list[Any]] = {"added": [], "replaced": [], "unchanged": [], "failed": []}
    items = list(_items())
    if not items:
        raise BadRequest("the body holds no article")
    if len(items) > MAX_ARTICLES:
        raise BadRequest(f"send at most {MAX_ARTICLES} articles a request")
    from .. import pipeline  # the extractor loads on the first write, not with the web app

    store = get_store()
    with runtime().write_lock:
        pipeline.ensure_reference(store)
        for index, fields in items:
            try:
                if isinstance(fields, ArticleError):
                    raise fields
                if not isinstance(fields, dict):
                    raise ArticleError("expected a JSON object for each article")
                article = build_article(fields)
                if article.url and _NOT_IRI.search(article.url):
                    raise ArticleError("field 'url' holds characters a URL cannot (escape them)")
                report[pipeline.ingest_article(store, article, force)].append(article.id)
            except ArticleError as error:
                report["failed"].append({"index": index, "id": _given_id(fields),
                                         "error": str(error)})
    done = len(items) - len(report["failed"])
    status = 200 if not report["failed"] else 207 if done else 400
    response = jsonify(report)
    response.status_code = status
    return response


@bp.route("/articles/<article_id>", methods=["DELETE"])
def delete_article(article_id: str) -> Response:
    """Remove one article's graph: 204, or 404 when there is no such article."""
    from .. import pipeline

    with runtime().write_lock:
        removed = pipeline.remove_article(get_store(), article_id)
    if not removed:
        raise NotFound(f"no article {article_id!r} in the knowledge base")
    return Response(status=204)


def _items() -> Iterator[tuple[int, Any]]:
    """The articles of the body with their index; a line that is not JSON as an ArticleError."""
    data = request.get_data(cache=False)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the body is not UTF-8: {error}") from None
    if request.mimetype in _JSON_LINES:
        lines = [(n, line) for n, line in enumerate(text.splitlines()) if line.strip()]
        for number, line in lines:
            yield number, _parse(line)
        return
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            f"send application/json or application/x-ndjson, not {request.mimetype or 'nothing'}"
        )
    body = _parse(text)
    if isinstance(body, ArticleError):
        raise BadRequest(str(body))
    yield from enumerate(body) if isinstance(body, list) else [(0, body)]


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        return ArticleError(f"invalid JSON: {error}")


def _given_id(fields: object) -> str | None:
    value = fields.get("id") if isinstance(fields, dict) else None
    return str(value) if isinstance(value, str | int) else None
