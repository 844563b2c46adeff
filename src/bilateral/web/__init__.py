"""The Flask web app: SPARQL endpoint and workbench, entity pages, search, named queries.

>>> from bilateral.store import open_store
>>> app = create_app(store=open_store(":memory:"))
>>> app.test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).json
{'head': {}, 'boolean': False}
"""

import os

from flask import Flask
from werkzeug.serving import run_simple

from ..config import Settings
from ..mapping import iris
from ..queries import load_named_queries
from ..store import Store
from . import entities, exports, named, pages, sparql, write_api
from .errors import register_error_handlers
from .headers import register_headers
from .links import entity_prefix, register_template_helpers
from .production import DEFAULT_THREADS, serve_production
from .runtime import (
    EXTENSION,
    MAX_RUNNING_QUERIES,
    SPARQL_OVERDUE_QUERIES,
    SPARQL_QUEUE_WAIT_S,
    QueryRunner,
    Runtime,
    get_store,
)

ALIAS_PREFIX = "/id"
WRITE_TOKEN_ENV = "BILATERAL_WRITE_TOKEN"

__all__ = ["create_app", "get_store", "serve"]


def create_app(
    settings: Settings | None = None, store: Store | None = None, write_token: str | None = None
) -> Flask:
    """Build the app; ``store`` is used as given (the caller closes it), else opened on use.

    Entity pages live under the path of ``settings.base_iri`` (and under ``/id`` too). The
    write API is on when ``write_token`` (else ``$BILATERAL_WRITE_TOKEN``) is not empty.
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
        sparql_runner=QueryRunner(
            settings.query_timeout_s,
            slots=MAX_RUNNING_QUERIES,
            max_overdue=SPARQL_OVERDUE_QUERIES,
            wait_s=SPARQL_QUEUE_WAIT_S,
        ),
        store=store,
        write_token=(write_token if write_token is not None else os.environ.get(WRITE_TOKEN_ENV))
        or None,
    )
    register_headers(app)
    register_error_handlers(app)
    register_template_helpers(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(named.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(write_api.bp)
    prefix = entity_prefix(settings.base_iri)
    app.register_blueprint(entities.bp, url_prefix=prefix or None)
    if prefix != ALIAS_PREFIX:
        app.register_blueprint(entities.bp, url_prefix=ALIAS_PREFIX, name="entities_alias")
    return app


def serve(
    settings: Settings,
    store: Store | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    production: bool = False,
    threads: int = DEFAULT_THREADS,
    write_token: str | None = None,
) -> None:
    """Serve the app over ``store`` (else the settings' store) until interrupted.

    ``production`` serves with waitress (``threads`` worker threads, stops on SIGTERM),
    else with werkzeug's development server. The caller closes a store it hands in.
    """
    app = create_app(settings, store=store, write_token=write_token)
    if production:
        serve_production(app, host, port, threads)
    else:
        run_simple(host, port, app, threaded=True, use_reloader=False)
