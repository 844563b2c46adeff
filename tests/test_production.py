"""Production serving as real processes: ``bilateral serve --production`` and the WSGI entry."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bilateral.mapping import iris
from bilateral.resources import demo_dir
from bilateral.store import open_store
from servers import error_output, free_port, wait_until_up

pytestmark = pytest.mark.server
BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
ASK = "/sparql?query=ASK%20%7B%20%3Fs%20bl%3AisoCode%20%27PAK%27%20%7D"





def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def post(url: str, body: bytes, token: str):
    request = urllib.request.Request(url, body, {
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
        raise


def test_serve_production_with_waitress_then_stop_cleanly(tmp_path):
    store, port = tmp_path / "store", free_port()
    token_file = tmp_path / "token"
    token = "production-test-token-7f3a"
    token_file.write_text(token + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BILATERAL_WRITE_TOKEN"}
    process = subprocess.Popen(
        [BILATERAL, "serve", "--production", "--threads", "4", "--port", str(port),
         "--store", str(store), "--write-token-file", str(token_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=tempfile.TemporaryFile(),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        status, headers, body = get(url + "/id/state/CHN", Accept="text/html")
        assert status == 200 and b"China" in body
        assert "waitress" in headers["Server"].lower()
        status, headers, body = get(url + ASK, Accept="application/sparql-results+json")
        assert json.loads(body)["boolean"] is True and "waitress" in headers["Server"].lower()
        for path in ("/", "/queries", "/queries/visits-between?a=CHN&b=RUS", "/search?q=Xi"):
            assert get(url + path)[0] == 200
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert token.encode() not in cmdline  # the token is read from a file, not argv
        article = {"id": "production-post", "title": "Talks in Moscow",
                   "text": "Chinese President Xi Jinping arrived in Moscow on March 20, 2023."}
        status, report = post(url + "/api/articles", json.dumps(article).encode(), token)
        assert status == 200 and report["added"] == ["production-post"]
        assert post(url + "/api/articles", b"{}", "wrong")[0] == 401
    finally:
        code = stop(process)
    assert code == 0, error_output(process)
    reopened = open_store(str(store))  # the lock is gone: the server closed the store
    try:
        iris.set_base(iris.DEFAULT_BASE)
        assert reopened.has_graph(iris.article_graph("production-post"))
        assert len(reopened.graphs()) > 30
    finally:
        reopened.close()


def test_wsgi_entry_under_another_server(tmp_path):
    store, port = tmp_path / "store", free_port()
    loaded = subprocess.run([BILATERAL, "ingest", "--store", str(store),
                             str(demo_dir() / "articles.jsonl")], capture_output=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr.decode()[-2000:]
    env = {**os.environ, "BILATERAL_STORE": str(store), "BILATERAL_WRITE_TOKEN": "wsgi-token"}
    process = subprocess.Popen(
        [sys.executable, "-m", "waitress", "--host=127.0.0.1", f"--port={port}", "--threads=4",
         "bilateral.web.wsgi:app"],
        env=env, stdout=subprocess.DEVNULL, stderr=tempfile.TemporaryFile(),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        status, headers, body = get(url + ASK, Accept="application/sparql-results+json")
        assert json.loads(body)["boolean"] is True and "waitress" in headers["Server"].lower()
        assert get(url + "/id/state/RUS")[0] == 200
        status, _ = post(url + "/api/articles", b"[]", "wsgi-token")
        assert status == 400  # the write API is on (not 404): the token came from the environment
    finally:
        stop(process)
