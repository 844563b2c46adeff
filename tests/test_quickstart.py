"""The README quick start, as a user runs it: `bilateral serve` on an empty store loads the demo."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bilateral.resources import demo_dir

pytestmark = pytest.mark.server

# The console script the package installs, beside the interpreter running the tests.
BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ask(base: str, query: str) -> dict:
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_serve_on_an_empty_store_shows_the_demo_knowledge_base(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            BILATERAL,
            "serve",
            "--store",
            str(tmp_path / "demo-kb"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                answer = _ask(base, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bl:Article }")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"the server did not come up:\n{output}")
                time.sleep(1)
        articles = int(answer["results"]["bindings"][0]["n"]["value"])
        lines = (demo_dir() / "articles.jsonl").read_text().splitlines()
        expected = sum(1 for line in lines if line.strip())
        assert articles == expected
        visits = _ask(base, "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a bl:Visit }")
        assert int(visits["results"]["bindings"][0]["n"]["value"]) > 20
        with urllib.request.urlopen(f"{base}/", timeout=30) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
