"""The whole product on Virtuoso gives the answers the embedded store gives, for the same articles.

The remote side goes through the real ``bilateral`` console script; the embedded side
through the Python API. Then named queries, exports, stats and web pages are compared.
"""

import difflib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal

from bilateral import pipeline
from bilateral.config import Settings
from bilateral.errors import QueryError
from bilateral.export import export
from bilateral.mapping import iris
from bilateral.mapping.iris import VOID_GRAPH
from bilateral.queries import load_named_queries
from bilateral.resources import demo_dir
from bilateral.stats import store_stats
from bilateral.store import OxigraphStore, RemoteStore, SelectResult, Store
from servers import free_port, wait_until_up

pytestmark = [pytest.mark.server, pytest.mark.slow]

BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
DEMO = (demo_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the installed console script; fail with its output when it fails."""
    done = subprocess.run([BILATERAL, *args], capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        pytest.fail(f"bilateral {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def demo_subset(folder: Path, name: str, lines: slice) -> Path:
    """A JSON-lines file with some of the demo articles."""
    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(DEMO[lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def both(virtuoso, tmp_path_factory) -> Iterator[tuple[RemoteStore, Store, list[str]]]:
    """Eight demo articles and the Vieira fixtures, in Virtuoso (CLI) and embedded (API)."""
    iris.set_base(iris.DEFAULT_BASE)
    virtuoso.clear()
    folder = tmp_path_factory.mktemp("remote-product")
    paths = [str(demo_subset(folder, "demo", slice(0, 8)))]
    paths += sorted(str(p) for p in FIXTURES.glob("vieira-*.json"))
    done = cli("ingest", *paths, "--store", virtuoso.sparql_url)
    assert "0 failed" in done.stdout
    local = OxigraphStore(None)
    assert pipeline.ingest(paths, local).ok
    remote = RemoteStore(virtuoso.sparql_url)
    yield remote, local, paths
    remote.close()
    local.close()


def quad_set(nquads: bytes, skip: str | None = None) -> set[tuple[str, str, str, str]]:
    """The quads of an N-Quads document as N-Triples strings, without graph ``skip``."""
    found = set()
    for q in ox.parse(nquads, ox.RdfFormat.N_QUADS):
        if skip is None or q.graph_name != ox.NamedNode(skip):
            found.add((str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)))
    return found


def rows(store: Store, query, params: dict) -> set[tuple]:
    """The rows as a set; GROUP_CONCAT lists as sorted parts (their order is up to the engine)."""
    result = store.query(query.text, bindings=query.bindings(params))
    assert isinstance(result, SelectResult)
    return {tuple(_unordered(row[v]) for v in result.variables) for row in result.rows}


def _unordered(term):
    if term == Literal(""):  # GROUP_CONCAT of nothing: "" on Virtuoso (as the standard says),
        return None  # unbound on Oxigraph 0.5
    if isinstance(term, Literal) and ", " in term:
        return tuple(sorted(str(term).split(", ")))
    return term


def test_same_graphs_and_quads(both):
    remote, local, _ = both
    assert sorted(remote.graphs()) == sorted(local.graphs())
    assert remote.count() == local.count() > 0
    assert set(remote.quads()) == set(local.quads())


def test_every_named_query_gives_the_same_rows(both):
    remote, local, _ = both
    ran = 0
    for name, query in load_named_queries().items():
        try:
            query.bindings({})
        except QueryError:
            continue  # a required parameter without a default
        expected = rows(local, query, {})
        assert rows(remote, query, {}) == expected, name
        ran += bool(expected)
    assert ran >= 5  # many queries have answers on this corpus


def test_export_nquads_is_the_same(both, virtuoso):
    _, local, _ = both
    done = subprocess.run(
        [BILATERAL, "export", "--format", "nquads", "--store", virtuoso.sparql_url],
        capture_output=True,
        timeout=600,
        check=True,
    )
    expected = io.BytesIO()
    export(local, "nquads", expected)
    assert quad_set(done.stdout, str(VOID_GRAPH)) == quad_set(expected.getvalue(), str(VOID_GRAPH))
    assert quad_set(done.stdout) - quad_set(expected.getvalue())  # VoID: the same, but its date


def test_stats_are_the_same(both, virtuoso):
    _, local, _ = both
    printed = cli("stats", "--store", virtuoso.sparql_url).stdout.split()
    expected = store_stats(local)
    assert dict(zip(printed[::2], map(int, printed[1::2]), strict=True)) == expected


def test_web_pages_are_the_same(both, tmp_path):
    from bilateral.web import create_app

    remote, local, _ = both
    settings = Settings(store=str(tmp_path / "unused"))
    official = next(local.query("SELECT ?x WHERE { ?x a bl:Official } ORDER BY ?x").rows)["x"]
    pair = next(local.query("SELECT ?x WHERE { ?x a bl:BilateralRelation } ORDER BY ?x").rows)["x"]
    pages = [iris.state_iri("IND"), pair, official]
    texts = []
    for store in (remote, local):
        client = create_app(settings, store=store).test_client()
        answers = [client.get(str(iri).replace(iris.base(), "/id/")) for iri in pages]
        assert [a.status_code for a in answers] == [200, 200, 200]
        texts.append([_cells_unordered(a.get_data(as_text=True)) for a in answers])
    assert "India" in texts[0][0]
    for on_virtuoso, embedded in zip(*texts, strict=True):
        # Rows that tie on a page's ORDER BY come in engine order: compare lines as a multiset.
        diff = difflib.unified_diff(embedded.splitlines(), on_virtuoso.splitlines(), lineterm="")
        same = sorted(on_virtuoso.splitlines()) == sorted(embedded.splitlines())
        assert same, "\n".join(list(diff)[:40])


def test_bilateral_serve_on_virtuoso(both, virtuoso):
    """The real server process over the remote store: pages and the endpoint answer."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = ["serve", "--production", "--no-demo", "--port", str(port)]
    process = subprocess.Popen(
        [BILATERAL, *args, "--store", virtuoso.sparql_url],
        stdout=subprocess.DEVNULL,
        stderr=tempfile.TemporaryFile(),  # noqa: SIM115
    )

    def fetch(path: str, accept: str = "text/html") -> tuple[int, str]:
        request = urllib.request.Request(url + path, headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()

    try:
        wait_until_up(url, process)
        status, page = fetch("/id/state/IND")
        assert status == 200 and "India" in page
        count = "SELECT (COUNT(DISTINCT ?v) AS ?n) { ?v a bl:Visit }"
        query = urllib.parse.quote(count)
        status, body = fetch(f"/sparql?query={query}", "application/sparql-results+json")
        expected = next(both[1].query(count).rows)["n"]
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == int(expected)
        assert fetch("/queries/visits-between?a=BGD&b=IND")[0] == 200
    finally:
        process.terminate()
        process.wait(20)


def _cells_unordered(html: str) -> str:
    """The page with each table cell's comma-separated list sorted: the engines list the
    states of a row in different orders (the web layer does not sort them)."""
    return re.sub(
        r"<td>(.*?)</td>", lambda m: "<td>" + ", ".join(sorted(m[1].split(", "))) + "</td>", html
    )


def test_force_reingest_replaces_and_remove_deletes(both, virtuoso):
    remote, local, paths = both
    before = set(remote.quads())
    done = cli("ingest", "--force", *paths, "--store", virtuoso.sparql_url)
    assert "0 added" in done.stdout and "0 failed" in done.stdout
    assert set(remote.quads()) == before and remote.count() == len(before)
    article = "brief-vieira-talks"
    assert remote.has_graph(iris.article_graph(article))
    assert "removed 1 article" in cli("remove", article, "--store", virtuoso.sparql_url).stdout
    pipeline.remove_article(local, article)
    assert not remote.has_graph(iris.article_graph(article))
    assert set(remote.quads()) == set(local.quads())
    assert cli("remove", article, "--store", virtuoso.sparql_url, check=False).returncode == 1


def test_two_ingesters_at_once_equal_one_clean_ingest(virtuoso, tmp_path):
    """Many ingesters, one store: overlapping runs in parallel leave no duplicates."""
    virtuoso.clear()
    first = demo_subset(tmp_path, "first", slice(0, 6))
    second = demo_subset(tmp_path, "second", slice(3, 10))
    runs = [
        subprocess.Popen(
            [BILATERAL, "ingest", str(path), "--store", virtuoso.sparql_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    clean = OxigraphStore(None)
    assert pipeline.ingest([str(demo_subset(tmp_path, "all", slice(0, 10)))], clean).ok
    remote = RemoteStore(virtuoso.sparql_url)
    assert remote.count() == clean.count()
    assert set(remote.quads()) == set(clean.quads())
