"""A private Virtuoso on loopback for tests: temporary folder, free ports, stopped afterwards.

``running_virtuoso()`` copies Debian's ``virtuoso.ini``, points its paths at a temporary
folder, binds both ports to 127.0.0.1, starts ``virtuoso-t``, waits until SQL and HTTP
answer, and lets the anonymous ``/sparql`` endpoint update. The ``virtuoso`` fixture
shares one instance per test session. Not a test module: ``conftest.py`` imports it.
"""

import configparser
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

SERVER = "virtuoso-t"
ISQL = "isql-vt"
TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
GRAPH_BASE = "https://w3id.org/bilateral/graph/"
_GRANTS = (
    'GRANT SPARQL_UPDATE TO "SPARQL";',
    "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);",
)
_SYSTEM = ("http://www.openlinksw.com/", "http://www.w3.org/", "urn:", "http://localhost")


@dataclass
class Virtuoso:
    """A running private Virtuoso: its URLs, and SQL through isql."""

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Anonymous SPARQL endpoint, allowed to update."""
        return self.base_url + "/sparql"

    @property
    def auth_url(self) -> str:
        """Digest-authenticated SPARQL endpoint (user dba, password dba)."""
        return self.base_url + "/sparql-auth"

    @property
    def gsp_url(self) -> str:
        """Graph Store Protocol endpoint."""
        return self.base_url + "/sparql-graph-crud"

    def isql(self, command: str) -> str:
        """Run SQL statements as dba; return isql's output.

        :raises RuntimeError: isql failed or reported an error.
        """
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={command}"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql {command!r} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def clear(self) -> None:
        """Drop every graph that is not one of Virtuoso's own."""
        for graph in self.user_graphs():
            self.isql(f"SPARQL CLEAR GRAPH <{graph}>;")

    def user_graphs(self) -> list[str]:
        """Graphs holding triples, other than Virtuoso's own."""
        answer = requests.post(
            self.sparql_url,
            data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        answer.raise_for_status()
        names = [b["g"]["value"] for b in answer.json()["results"]["bindings"]]
        return [g for g in names if not g.startswith(_SYSTEM)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    ini = configparser.ConfigParser(interpolation=None, strict=False, inline_comment_prefixes=";")
    ini.optionxform = str  # keep the case of keys
    ini.read(TEMPLATE)
    db = folder / "db"
    db.mkdir()
    for section, name in (("Database", "virtuoso"), ("TempDatabase", "virtuoso-temp")):
        for key in list(ini[section]):
            value = ini[section][key]
            if value.startswith("/var/lib/virtuoso-opensource-7/db/"):
                ini[section][key] = str(db / Path(value).name)
        ini[section].setdefault("DatabaseFile", str(db / f"{name}.db"))
    params = ini["Parameters"]
    params["ServerPort"] = f"127.0.0.1:{sql_port}"
    params["DirsAllowed"] = f"., {folder}, /usr/share/virtuoso-opensource-7/vad"
    params["NumberOfBuffers"] = "10000"
    params["MaxDirtyBuffers"] = "6000"
    params["MaxQueryMem"] = "256M"
    params["ThreadsPerQuery"] = "2"
    for key in ("MaxQueryCostEstimationTime", "MaxQueryExecutionTime"):
        # Debian's defaults refuse queries on a cost estimate and cut others to partial
        # answers; the store sets its own time limits.
        ini["SPARQL"].pop(key, None)
    http = ini["HTTPServer"]
    http["ServerPort"] = f"127.0.0.1:{http_port}"
    http["ServerRoot"] = "/var/lib/virtuoso-opensource-7/vsp"
    ini["URIQA"]["DefaultHost"] = f"127.0.0.1:{http_port}"
    for plugin in [k for k in ini["Plugins"] if k.startswith("Load")]:
        del ini["Plugins"][plugin]  # wiki and mono hosting plugins: not needed
    path = folder / "virtuoso.ini"
    with open(path, "w", encoding="utf-8") as handle:
        ini.write(handle)
    return path


def _wait(instance: Virtuoso, deadline_s: float) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            log = (instance.folder / "db" / "virtuoso.log").read_text(errors="replace")
            raise RuntimeError(f"virtuoso-t exited early:\n{log[-2000:]}")
        try:
            answer = requests.get(instance.sparql_url, params={"query": "ASK {}"}, timeout=5)
            if answer.status_code == 200:
                instance.isql("select 1;")
                return
        except (requests.RequestException, RuntimeError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Virtuoso did not answer within {deadline_s:.0f} s")


@contextmanager
def running_virtuoso(startup_s: float = 120.0) -> Iterator[Virtuoso]:
    """Start a private Virtuoso, grant updates to anonymous SPARQL, yield it, stop and delete it.

    :raises RuntimeError: Virtuoso is not installed or does not start.
    """
    if shutil.which(SERVER) is None or shutil.which(ISQL) is None:
        raise RuntimeError(
            "Virtuoso is not installed: these tests need virtuoso-t and isql-vt "
            "(apt-get install virtuoso-opensource)"
        )
    folder = Path(tempfile.mkdtemp(prefix="bilateral-virtuoso-"))
    sql_port, http_port = _free_port(), _free_port()
    ini = _write_ini(folder, sql_port, http_port)
    process = subprocess.Popen(
        [SERVER, "+configfile", str(ini), "+foreground"],
        cwd=folder / "db",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    instance = Virtuoso(folder, sql_port, http_port, process)
    try:
        _wait(instance, startup_s)
        instance.isql(" ".join(_GRANTS))
        yield instance
    finally:
        _stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[Virtuoso]:
    """One private Virtuoso for the test session (fails, never skips, if it cannot run)."""
    with ExitStack() as stack:
        try:
            instance = stack.enter_context(running_virtuoso())
        except RuntimeError as error:
            pytest.fail(str(error), pytrace=False)
        yield instance
