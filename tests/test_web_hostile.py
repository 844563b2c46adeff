"""Hostile input against a real ``bilateral serve --production`` process on loopback.

The server runs over the demo corpus plus one article full of markup, with a 2 s time
limit. Federated queries and LOAD must never open a connection (a listening socket in the
test watches), updates are refused, runaway queries are cut off without starving the
server, paths never reach files, and text is escaped on every page.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.resources import demo_dir
from servers import free_port, wait_until_up

pytestmark = pytest.mark.server
BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
TIMEOUT_S = 2.0
MARGIN_S = 4.0  # the machine is shared: answers may come late, but not much later
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?s WHERE { ?s bl:isoCode 'PAK' } LIMIT 1"
PAYLOADS = ("<script>alert(", "<img src=x onerror", "<b onmouseover")
HOSTILE = {
    "id": "hostile-markup",
    "title": "<script>alert(1)</script> Lavrov in Islamabad",
    "source": "<img src=x onerror=alert(1)>",
    "published": "2012-10-05",
    "text": (
        "Russian Foreign Minister Sergey Lavrov <img src=x onerror=alert(1)> arrived in "
        "Islamabad on October 4, 2012 on a two-day visit. Lavrov and Pakistani Foreign Minister "
        "Hina Rabbani Khar <script>alert(2)</script> held talks in Islamabad. The two ministers "
        "signed a memorandum of understanding on <b onmouseover=alert(3)>energy</b> cooperation."
    ),
}



@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A production server over the demo corpus and the hostile article, 2 s time limit."""
    folder = tmp_path_factory.mktemp("hostile")
    extra = folder / "hostile.jsonl"
    extra.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    store = str(folder / "store")
    subprocess.run([BILATERAL, "ingest", "--store", store, str(demo_dir() / "articles.jsonl"),
                    str(extra)], check=True, capture_output=True, timeout=300)
    port = free_port()
    env = {**os.environ, "BILATERAL_QUERY_TIMEOUT": str(TIMEOUT_S)}
    env.pop("BILATERAL_WRITE_TOKEN", None)
    process = subprocess.Popen(
        [BILATERAL, "serve", "--production", "--no-demo", "--threads", "12",
         "--port", str(port), "--store", store],
        env=env, stdout=subprocess.DEVNULL, stderr=tempfile.TemporaryFile(),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)




def fetch(url: str, data: bytes | None = None, headers: dict | None = None,
          timeout: float = 30) -> tuple[int, dict, bytes]:
    """Status, headers and body of one request (errors included)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sparql(base_url: str, query: str, how: str = "get", key: str = "query"):
    """Send ``query`` as GET, form POST or direct POST; JSON answers."""
    accept = {"Accept": "application/sparql-results+json"}
    if how == "get":
        return fetch(base_url + "/sparql?" + urllib.parse.urlencode({key: query}), None, accept)
    if how == "form":
        body = urllib.parse.urlencode({key: query}).encode()
        return fetch(base_url + "/sparql", body,
                     {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    kind = "application/sparql-update" if key == "update" else "application/sparql-query"
    return fetch(base_url + "/sparql", query.encode(), {**accept, "Content-Type": kind})


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, int]]:
    """A listening loopback socket that nothing should ever connect to."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server, server.getsockname()[1]
    server.close()


def assert_no_connection(server: socket.socket, seconds: float = 1.5) -> None:
    server.settimeout(seconds)
    with pytest.raises(TimeoutError):
        connection, _ = server.accept()
        connection.close()


# --- SERVICE, LOAD and updates ------------------------------------------------------------------

FEDERATED = [
    "SELECT * WHERE { SERVICE <{E}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{E}> { ?s ?p ?o } }",
    "select * where { sErViCe <{E}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x a bl:State OPTIONAL { SERVICE <{E}> { ?x ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{E}> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?x a bl:State FILTER EXISTS { SERVICE <{E}> { ?x ?p ?o } } }",
    "SELECT * WHERE { BIND(<{E}> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?u { <{E}> } SERVICE ?u { ?s ?p ?o } }",
    "ASK { SERVICE <{E}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{E}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{E}> { ?s ?p ?o } }",
    # Texts built to fool a keyword scan that skips strings, comments and IRIs.
    "SELECT * WHERE { ?x a bl:State . FILTER(1<2)SERVICE#>\n<{E}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x a bl:State . FILTER(1<2)#>'''\nSERVICE <{E}> { ?s ?p ?o }\n#'''\n}",
    "SELECT * WHERE { ?x bl:isoCode ?c . ?x ?p bl:a\\' . SERVICE <{E}> { ?s ?p ?o } "
    "?x ?p 'x' }",
    "SELECT * WHERE { ?x a bl:State SERVICESILENT<{E}>{ ?s ?p ?o } }",
    "PREFIX : <{E}> SELECT * WHERE { ?x a bl:State SERVICE:x { ?s ?p ?o } }",
    "SELECT * WHERE { ?x a bl:State ; SERVICE <{E}> { ?s ?p ?o } }",
]


def test_service_is_refused_and_opens_no_connection(base_url, listener):
    server, port = listener
    target = f"http://127.0.0.1:{port}/sparql"
    for template in FEDERATED:
        query = template.replace("{E}", target)
        for how in ("get", "form", "direct"):
            status, _, body = sparql(base_url, query, how)
            assert status == 403, (query, how, body[:300])
            assert "SERVICE" in json.loads(body)["error"]["message"]
    assert_no_connection(server)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a bl:State } LIMIT 1",
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> {}' } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://127.0.0.1:9/> {}",
    "SELECT * WHERE { ?s a <http://example.org/service> }",
    "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
    "SELECT * WHERE { ?s a sd:Service }",
])
def test_the_word_service_elsewhere_is_no_refusal(base_url, query):
    status, _, body = sparql(base_url, query)
    assert status == 200, body[:300]


def test_load_is_refused_and_opens_no_connection(base_url, listener):
    server, port = listener
    load = f"LOAD <http://127.0.0.1:{port}/x.ttl>"
    for how, key in (("get", "update"), ("form", "update"), ("direct", "update"),
                     ("get", "query"), ("form", "query"), ("direct", "query")):
        status, _, body = sparql(base_url, load, how, key)
        assert status == 403, (how, key, body[:300])
    assert_no_connection(server)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
    "DELETE WHERE { ?s ?p ?o }", "DROP ALL", "CLEAR DEFAULT", "CREATE GRAPH <http://x/g>",
    "COPY DEFAULT TO <http://x/g>",
])
def test_updates_are_refused_in_every_form(base_url, update):
    for how in ("get", "form", "direct"):
        assert sparql(base_url, update, how, "update")[0] == 403
    status, _, _ = sparql(base_url, "ASK { ?s bl:isoCode 'PAK' }")
    assert status == 200


def test_oversized_queries_are_refused(base_url):
    big = SMALL + "\n#" + "x" * 200_000
    for how in ("form", "direct"):
        status, _, body = sparql(base_url, big, how)
        assert status == 413 and "limit" in json.loads(body)["error"]["message"], body[:200]


# --- paths and markup -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd", "/id/..%2f..%2fetc%2fpasswd",
    "/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml", "/static/..%2fpyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml", "/static/%2fetc%2fpasswd",
    "/static//etc/passwd", "/id/state/../../../../etc/passwd.ttl", "/../../etc/passwd",
])
def test_paths_never_reach_files(base_url, path):
    host = urllib.parse.urlsplit(base_url)
    for _ in range(2):  # a doubled slash is merged by a redirect on the same site
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        connection.request("GET", path)  # sent as written: no client-side clean-up of ".."
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert b"root:" not in body and b"[project]" not in body
        if response.status != 308:
            break
        location = response.headers["Location"]
        assert location.startswith(base_url + "/"), location  # never another site
        path = location.removeprefix(base_url)
    assert response.status in (400, 404), (path, response.status)


def article_page_urls(base_url: str) -> list[str]:
    _, _, body = sparql(base_url, (
        "SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o a bl:Official ; rdfs:label 'Sergey Lavrov' } "
        "FILTER(CONTAINS(STR(?g), 'hostile-markup')) }"))
    official = json.loads(body)["results"]["bindings"][0]["o"]["value"]
    local = official.split("/bilateral/id/", 1)[1]
    return [
        base_url + "/id/article/hostile-markup",
        base_url + "/id/state/RUS",
        base_url + "/id/state/PAK",
        base_url + "/id/relation/PAK-RUS",
        base_url + "/id/" + local,
        base_url + "/search?q=Lavrov",
        base_url + "/search?q=" + urllib.parse.quote("<script>alert(1)</script>"),
        base_url + "/",
        base_url + "/id/" + urllib.parse.quote("<script>alert(1)</script>"),
        base_url + "/sparql?query=" + urllib.parse.quote("SELECT * { ?s ?p '<script>x' }"),
    ]


def test_markup_is_escaped_on_every_page(base_url):
    pages = article_page_urls(base_url)
    for url in pages:
        status, headers, body = fetch(url, headers={"Accept": "text/html"})
        text = body.decode("utf-8")
        assert status in (200, 404), url
        assert headers["Content-Type"].startswith("text/html"), url
        for payload in PAYLOADS:
            assert payload not in text, (url, payload)
    article = fetch(pages[0])[2].decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article


@pytest.mark.parametrize("path,accept", [
    ("/", "text/html"), ("/id/state/RUS", "text/html"), ("/id/state/RUS", "text/turtle"),
    ("/sparql", "text/html"), ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
    ("/id/nothing-here", "text/html"), ("/static/workbench.js", "*/*"),
    ("/sparql?query=SELECT", "application/json"), ("/api/articles", "application/json"),
])
def test_security_headers_everywhere(base_url, path, accept):
    _, headers, _ = fetch(base_url + path, headers={"Accept": accept})
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_script_runs_in_a_browser(base_url):
    chromium, driver_path = "/usr/bin/chromium", "/usr/bin/chromedriver"
    if not (os.path.exists(chromium) and os.path.exists(driver_path)):
        pytest.skip("needs Debian's chromium and chromium-driver")
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        for url in article_page_urls(base_url)[:5]:
            browser.get(url)
            time.sleep(0.3)
            with pytest.raises(NoAlertPresentException):
                browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
            injected = browser.execute_script(
                "return document.querySelectorAll("
                "'img[onerror], b[onmouseover], script:not([src])').length")
            assert injected == 0, url
        browser.get(article_page_urls(base_url)[0])
        shown = browser.execute_script("return document.body.innerText")
        assert "<script>alert(1)</script> Lavrov in Islamabad" in shown  # shown as text
    finally:
        browser.quit()


# --- time limits (last: runaway queries keep the server's cores busy until it stops) --------------

def timed(call, *args):
    started = time.monotonic()
    result = call(*args)
    return result, time.monotonic() - started


def test_a_runaway_query_is_cut_off_and_others_go_on(base_url):
    outcome = {}

    def runaway() -> None:
        outcome["answer"], outcome["took"] = timed(sparql, base_url, RUNAWAY)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    (status, _, _), took = timed(fetch, base_url + "/id/state/RUS")
    assert status == 200 and took < MARGIN_S
    (status, _, _), took = timed(sparql, base_url, SMALL)
    assert status == 200 and took < MARGIN_S
    thread.join(30)
    status, headers, body = outcome["answer"]
    assert status in (503, 504) and outcome["took"] < TIMEOUT_S + MARGIN_S
    assert "time limit" in json.loads(body)["error"]["message"]
    assert headers["Retry-After"]
    (status, _, _), took = timed(sparql, base_url, SMALL)
    assert status == 200 and took < MARGIN_S


def test_six_runaways_do_not_starve_the_server(base_url):
    answers: list = []

    def runaway() -> None:
        answers.append(timed(sparql, base_url, RUNAWAY))

    threads = [threading.Thread(target=runaway) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(answers) == 6
    for (status, headers, body), took in answers:
        assert status == 503 and took < TIMEOUT_S + MARGIN_S
        assert headers["Retry-After"]
        message = json.loads(body)["error"]["message"]
        assert "time limit" in message or "busy" in message
    (status, _, body), took = timed(sparql, base_url, SMALL)
    assert status == 200 and took < MARGIN_S, body[:300]
    (status, _, _), took = timed(fetch, base_url + "/id/state/PAK")
    assert status == 200 and took < MARGIN_S
