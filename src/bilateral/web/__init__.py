"""The Flask web app: SPARQL endpoint and workbench, entity pages, search, named queries.

>>> from bilateral.store import open_store
>>> app = create_app(store=open_store(":memory:"))
>>> app.test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).json
{'head': {}, 'boolean': False}
"""

from flask import Flask
from werkzeug.serving import run_simple

from ..config import Settings
from ..mapping import iris
from ..queries import load_named_queries
from ..store import Store
from . import entities, exports, named, pages, sparql
from .errors import register_error_handlers
from .headers import register_headers
from .links import entity_prefix, register_template_helpers
from .runtime import EXTENSION, QueryRunner, Runtime, get_store

ALIAS_PREFIX = "/id"

__all__ = ["create_app", "get_store", "serve"]


def create_app(settings: Settings | None = None, store: Store | None = None) -> Flask:
    """Build the app; ``store`` is used as given (the caller closes it), else opened on use.

    Entity pages live under the path of ``settings.base_iri`` (and under ``/id`` too).
    """
    settings = settings or Settings.from_env()
    iris.set_base(settings.base_iri)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 2 * settings.max_query_bytes + 4096
    app.config["JSON_SORT_KEYS"] = False
    app.extensions[EXTENSION] = Runtime(
        settings=settings,
        queries=load_named_queries(),
        runner=QueryRunner(settings.query_timeout_s),
        store=store,
    )
    register_headers(app)
    register_error_handlers(app)
    register_template_helpers(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(named.bp)
    app.register_blueprint(exports.bp)
    prefix = entity_prefix(settings.base_iri)
    app.register_blueprint(entities.bp, url_prefix=prefix or None)
    if prefix != ALIAS_PREFIX:
        app.register_blueprint(entities.bp, url_prefix=ALIAS_PREFIX, name="entities_alias")
    return app


def serve(
    settings: Settings, store: Store | None = None, host: str = "127.0.0.1", port: int = 8000
) -> None:
    """Serve the app over ``store`` (else the settings' store) with werkzeug's threaded server.

    Runs until interrupted; the caller closes a store it hands in.
    """
    app = create_app(settings, store=store)
    run_simple(host, port, app, threaded=True, use_reloader=False)
