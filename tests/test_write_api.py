"""The write API on a real server on loopback: tokens, reports, limits, and readers meanwhile."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.resources import demo_dir
from bilateral.store import Store, open_store
from bilateral.web import create_app
from bilateral.web.write_api import MAX_BODY_BYTES
from servers import serve_in_thread as serve

pytestmark = pytest.mark.server
TOKEN = "s3cret-token-for-tests"
COUNTS = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    f"FILTER(STRSTARTS(STR(?g), '{iris.GRAPH_BASE}article/')) }} GROUP BY ?g"
)


def demo_articles() -> list[dict]:
    lines = (demo_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]



@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    iris.set_base(iris.DEFAULT_BASE)
    store = open_store(str(tmp_path_factory.mktemp("write-api") / "store"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def base_url(disk_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(store=str(tmp_path_factory.mktemp("unused")), query_timeout_s=10.0)
    yield from serve(create_app(settings, store=disk_store, write_token=TOKEN))


def call(url: str, method: str = "GET", body: object = None, token: str | None = TOKEN,
         content_type: str = "application/json", raw: bytes | None = None):
    """Status, headers and decoded JSON (or None) of one request."""
    headers = {"Accept": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    if data is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, head, payload = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, payload = error.code, error.headers, error.read()
    return status, head, json.loads(payload) if payload.strip() else None


def test_off_without_a_token(store, tmp_path):
    app = create_app(Settings(store=str(tmp_path)), store=store, write_token="")
    for url in serve(app):
        assert call(url + "/api/articles", "POST", {"text": "x"})[0] == 404
        assert call(url + "/api/articles/a1", "DELETE")[0] == 404


@pytest.mark.parametrize("authorization", [
    None, "Bearer", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}",
])
def test_missing_or_wrong_token_is_401(base_url, disk_store, authorization):
    before = disk_store.count()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    article = {"id": "never", "text": "Putin visited Beijing on May 3, 2024."}
    request = urllib.request.Request(base_url + "/api/articles", json.dumps(article).encode(),
                                     headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 401
    assert caught.value.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert json.loads(caught.value.read())["error"]["status"] == 401
    assert disk_store.count() == before


def test_add_again_force_and_delete(base_url):
    article = demo_articles()[0]
    status, headers, report = call(base_url + "/api/articles", "POST", article)
    assert status == 200 and report["added"] == [article["id"]] and not report["failed"]
    assert "Access-Control-Allow-Origin" not in headers and headers["Cache-Control"] == "no-store"
    page = urllib.request.urlopen(base_url + "/id/article/" + article["id"], timeout=30)
    assert page.status == 200
    assert call(base_url + "/api/articles", "POST", article)[2]["unchanged"] == [article["id"]]
    forced = call(base_url + "/api/articles?force=1", "POST", article)[2]
    assert forced["replaced"] == [article["id"]]
    assert call(base_url + f"/api/articles/{article['id']}", "DELETE")[0] == 204
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(base_url + "/id/article/" + article["id"], timeout=30)
    assert gone.value.code == 404
    assert call(base_url + f"/api/articles/{article['id']}", "DELETE")[0] == 404


def test_a_mixed_batch_reports_each_failure(base_url, disk_store):
    good = demo_articles()[1]
    batch = [good, {"id": "no-text"}, {"id": "bad-date", "text": "Talks.", "published": 5}, 7,
             {"id": "bad-url", "text": "Talks.", "url": 'https://x.org/?q=<b>"'}]
    status, _, report = call(base_url + "/api/articles", "POST", batch)
    assert status == 207 and report["added"] == [good["id"]]
    failed = {f["index"]: f for f in report["failed"]}
    assert set(failed) == {1, 2, 3, 4} and "url" in failed[4]["error"]
    assert failed[1]["id"] == "no-text" and "text" in failed[1]["error"]
    assert "published" in failed[2]["error"] and "object" in failed[3]["error"]
    assert disk_store.has_graph(iris.article_graph(good["id"]))
    assert not disk_store.has_graph(iris.article_graph("no-text"))
    status, _, report = call(base_url + "/api/articles", "POST", [{"id": "x"}, {"text": ""}])
    assert status == 400 and len(report["failed"]) == 2


def test_json_lines(base_url):
    first, second = demo_articles()[2:4]
    lines = "\n".join([json.dumps(first), "{not json", "", json.dumps(second)]) + "\n"
    status, _, report = call(base_url + "/api/articles", "POST", raw=lines.encode(),
                             content_type="application/x-ndjson")
    assert status == 207 and report["added"] == [first["id"], second["id"]]
    assert report["failed"][0]["index"] == 1 and "invalid JSON" in report["failed"][0]["error"]


@pytest.mark.parametrize("raw,content_type,status", [
    (b"{", "application/json", 400),
    (b"[]", "application/json", 400),
    (b"\xff\xfe{}", "application/json", 400),
    (b"text: hello", "text/plain", 415),
    (b"[" + b"{}," * 1001 + b"{}]", "application/json", 400),
])
def test_bad_bodies(base_url, raw, content_type, status):
    answer = call(base_url + "/api/articles", "POST", raw=raw, content_type=content_type)
    assert answer[0] == status and answer[2]["error"]["status"] == status


def test_body_size_limit(base_url):
    body = json.dumps({"text": "a" * (MAX_BODY_BYTES + 10)}).encode()
    status, _, answer = call(base_url + "/api/articles", "POST", raw=body)
    assert status == 413 and answer["error"]["status"] == 413


def test_readers_never_see_half_an_article(base_url, disk_store):
    articles = [dict(a, id=f"concurrent-{i}") for i, a in enumerate(demo_articles()[:20])]
    seen: list[dict[str, int]] = []
    failures: list[str] = []
    writing = threading.Event()
    writing.set()

    def read() -> None:
        query = urllib.parse.urlencode({"query": COUNTS})
        while writing.is_set():
            status, _, answer = call(base_url + "/sparql?" + query, token=None)
            if status != 200:
                failures.append(f"reader got {status}")
                continue
            seen.append({b["g"]["value"]: int(b["n"]["value"])
                         for b in answer["results"]["bindings"]})

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for article in articles:
            status, _, report = call(base_url + "/api/articles", "POST", article)
            if status != 200 or report["added"] != [article["id"]]:
                failures.append(f"writer got {status}: {report}")
    finally:
        writing.clear()
        for reader in readers:
            reader.join(60)
    assert not failures
    final = {str(iris.article_graph(a["id"])): disk_store.count(iris.article_graph(a["id"]))
             for a in articles}
    assert all(final.values())
    checked = 0
    for snapshot in seen:
        for graph, count in snapshot.items():
            if graph in final:
                assert count == final[graph], f"{graph}: {count} of {final[graph]} triples"
                checked += 1
    assert len(seen) >= 4 and checked > 0
