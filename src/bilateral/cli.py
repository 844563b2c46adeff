"""The ``bilateral`` command line: thin click commands over the library."""

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import pipeline
from .config import Settings
from .errors import BilateralError
from .export import FORMATS, PROFILES, export
from .link import WIKIDATA_ENDPOINT
from .mapping import iris
from .store import AskResult, GraphResult, Store, open_store


def _remember(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    ctx.meta[f"bilateral.{param.name}"] = value
    return value


def _STORE(command: Callable) -> Callable:  # used as @_STORE, like an option
    """Add --store, --update-url and --gsp-url; the two URLs reach ``_open`` by the context."""
    for name, envvar, text in (
        ("--gsp-url", "BILATERAL_GSP_URL", "Graph Store Protocol endpoint of a remote store."),
        ("--update-url", "BILATERAL_UPDATE_URL", "SPARQL Update endpoint (default: --store)."),
    ):
        command = click.option(
            name, envvar=envvar, default=None, expose_value=False, callback=_remember, help=text
        )(command)
    return click.option(
        "--store",
        "store_path",
        envvar="BILATERAL_STORE",
        default=None,
        help="Store folder, or the URL of a SPARQL 1.1 query endpoint "
        "(default: $BILATERAL_STORE or the per-user data folder).",
    )(command)


def _open(store_path: str | None) -> tuple[Settings, Store]:
    meta = click.get_current_context().meta
    settings = Settings.from_env(
        store=store_path,
        update_url=meta.get("bilateral.update_url"),
        gsp_url=meta.get("bilateral.gsp_url"),
    )
    iris.set_base(settings.base_iri)
    store = open_store(settings.store, update_url=settings.update_url, gsp_url=settings.gsp_url)
    return settings, store


@click.group()
@click.version_option(package_name="bilateral")
def main() -> None:
    """Bilateral: a knowledge base of relations between states, built from the news."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Extract again articles whose text is unchanged.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes that extract articles (1: all in this process).",
)
@_STORE
def ingest(paths: tuple[str, ...], force: bool, workers: int, store_path: str | None) -> None:
    """Ingest new or changed articles: .txt .json .jsonl .html, RSS/Atom feeds, folders, -."""
    _, store = _open(store_path)
    with (
        store,
        click.progressbar(length=0, label="ingesting", file=sys.stderr, show_pos=True) as bar,
    ):
        report = pipeline.ingest(
            list(paths),
            store,
            stdin=sys.stdin,
            on_progress=lambda _source: bar.update(1),
            force=force,
            workers=workers,
        )
    for source, error in report.failed:
        click.echo(f"error: {source}: {error}", err=True)
    for source, note in report.skipped:
        click.echo(f"note: {source}: {note}", err=True)
    for source, warning in report.warnings:
        click.echo(f"warning: {source}: {warning}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("query")
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Named query parameter."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "turtle"]),
    default="table",
    show_default=True,
)
@_STORE
def query(query: str, params: tuple[str, ...], fmt: str, store_path: str | None) -> None:
    """Run SPARQL given as text, a .rq file, or the name of a named query."""
    from .queries import load_named_queries

    named = load_named_queries()
    bindings = None
    if query in named:
        values = dict(p.split("=", 1) for p in params if "=" in p)
        bindings = named[query].bindings(values)
        text = named[query].text
    elif Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    else:
        text = query
    _, store = _open(store_path)
    with store:
        if fmt == "table":
            click.echo(_table(store, text, bindings))
        else:
            _, body = store.query_serialized(text, fmt, bindings=bindings)
            sys.stdout.buffer.write(body)


def _table(store: Store, text: str, bindings: dict | None) -> str:
    result = store.query(text, bindings=bindings)
    if isinstance(result, AskResult):
        return "yes" if result.value else "no"
    if isinstance(result, GraphResult):
        return "\n".join(" ".join(t.n3() for t in triple) + " ." for triple in result.triples)
    rows = [
        [("" if row[v] is None else str(row[v])) for v in result.variables] for row in result.rows
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n") + f"\n({len(rows)} rows)"


@main.command(name="export")
@click.option(
    "--format", "fmt", type=click.Choice(list(FORMATS)), default="nquads", show_default=True
)
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES)),
    default="full",
    show_default=True,
    help="full: our ontology with provenance; schema: schema.org only; "
    "wikidata: Wikidata-style statements.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="File to write (default: standard output).",
)
@click.option("--article", "article_id", default=None, help="Export only this article's graph.")
@click.option("--entity", default=None, help="Export one entity: IRI, prefixed name or state/RUS.")
@click.option(
    "--construct",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Export what this CONSTRUCT query (.rq file) gives.",
)
@_STORE
def export_command(
    fmt: str,
    profile: str,
    output: str,
    article_id: str | None,
    entity: str | None,
    construct: str | None,
    store_path: str | None,
) -> None:
    """Export the knowledge base, one article, one entity or a CONSTRUCT query as RDF, streamed."""
    from .queries import expand_iri

    if sum(x is not None for x in (article_id, entity, construct)) > 1:
        raise click.UsageError("choose one of --article, --entity and --construct")
    try:
        entity_iri = expand_iri(entity) if entity else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--entity") from None
    query = Path(construct).read_text(encoding="utf-8") if construct else None
    _, store = _open(store_path)
    graph = iris.article_graph(article_id) if article_id else None
    with store:
        if graph is not None and not store.has_graph(graph):
            raise click.ClickException(f"no article {article_id!r} in the store")
        options = {"profile": profile, "entity": entity_iri, "construct": query}
        try:
            if output == "-":
                export(store, fmt, sys.stdout.buffer, graph, **options)
                return
            partial = Path(output + ".part")
            with open(partial, "wb") as handle:
                export(store, fmt, handle, graph, **options)
            partial.replace(output)
        except BilateralError as error:
            if output != "-":
                Path(output + ".part").unlink(missing_ok=True)
            raise click.ClickException(str(error)) from None


@main.command()
@click.option(
    "--endpoint",
    default=WIKIDATA_ENDPOINT,
    show_default=True,
    help="SPARQL endpoint with Wikidata-shaped data (wdt:P39, wdt:P27, wdt:P17, labels).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="Lowest score a match needs to be recorded.",
)
@click.option("--dry-run", is_flag=True, help="Report the matches without recording them.")
@_STORE
def link(endpoint: str, min_score: float, dry_run: bool, store_path: str | None) -> None:
    """Link officials and organisations to Wikidata items, recording owl:sameAs and why."""
    from .link import link_store

    _, store = _open(store_path)
    with store:
        try:
            report = link_store(store, endpoint, min_score=min_score, write=not dry_run)
        except BilateralError as error:
            raise click.ClickException(str(error)) from None
    for match in report.matches:
        click.echo(f"{match.subject} = {match.target}  ({match.score:.2f}, {match.method})")
    click.echo(report.summary())


@main.command()
@_STORE
def stats(store_path: str | None) -> None:
    """Counts of what the knowledge base holds."""
    from .stats import store_stats

    _, store = _open(store_path)
    with store:
        for name, value in store_stats(store).items():
            click.echo(f"{name:<14}{value:>10}")


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@_STORE
def remove(article_ids: tuple[str, ...], store_path: str | None) -> None:
    """Delete articles and every fact taken from them."""
    _, store = _open(store_path)
    missing = []
    with store:
        for article_id in article_ids:
            if not pipeline.remove_article(store, article_id):
                missing.append(article_id)
    for article_id in missing:
        click.echo(f"error: no article {article_id!r} in the store", err=True)
    click.echo(f"removed {len(article_ids) - len(missing)} article(s)")
    if missing:
        sys.exit(1)


@main.command()
@_STORE
def validate(store_path: str | None) -> None:
    """Check the knowledge base: the OWL reasoner (HermiT) and the SHACL shapes."""
    from .validation import validate_store

    _, store = _open(store_path)
    with store:
        reports = validate_store(store)
    failed = False
    for name, report in reports.items():
        click.echo(f"{name}: {'ok' if report.ok else 'FAILED'}")
        for message in report.messages[:50]:
            click.echo(f"  {message}")
        failed |= not report.ok
    if failed:
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load the demo corpus into an empty store.")
@click.option("--production", is_flag=True, help="Serve with waitress (threads, SIGTERM stops).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads with --production.")
@click.option("--write-token-file", type=click.Path(exists=True, dir_okay=False),
              help="File holding the token that enables POST /api/articles "
                   "(or $BILATERAL_WRITE_TOKEN).")
@_STORE
def serve(
    host: str,
    port: int,
    no_demo: bool,
    production: bool,
    threads: int,
    write_token_file: str | None,
    store_path: str | None,
) -> None:
    """Serve the SPARQL endpoint, the query workbench and entity pages."""
    from .web import serve as run_server

    token = Path(write_token_file).read_text(encoding="utf-8").strip() if write_token_file else None
    if write_token_file and not token:
        raise click.BadParameter("the file is empty", param_hint="--write-token-file")
    settings, store = _open(store_path)
    with store:
        if not no_demo:
            loaded = pipeline.load_demo_if_empty(store)
            if loaded:
                click.echo(f"loaded the demo corpus: {loaded} articles", err=True)
        click.echo(f"serving {settings.store} on http://{host}:{port}/", err=True)
        run_server(settings, store, host, port, production, threads, token)


def run() -> None:
    """Entry point that turns expected errors into one clear line."""
    try:
        main(standalone_mode=True)
    except BilateralError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
