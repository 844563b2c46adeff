"""The three engines of the stores benchmark: load an N-Quads file into each, give a Store.

* ``oxigraph``: the embedded store on disk, bulk-loaded by pyoxigraph's own parser;
* ``rdflib``: ``RdflibStore`` in memory, parsed by rdflib's N-Quads parser;
* ``virtuoso``: a private Virtuoso on loopback (the test harness in ``tests/virtuoso.py``,
  with buffers sized for millions of quads), bulk-loaded by its loader (``ld_dir``,
  ``rdf_loader_run``, ``checkpoint``), reached through ``RemoteStore``.

``open_engine`` is a context manager: it yields the store, the load time and the process
whose memory is the server's, and stops whatever it started.
"""

import configparser
import gc
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bilateral.store import OxigraphStore, Store

TESTS = Path(__file__).resolve().parent.parent / "tests"
# Virtuoso's own advice for a machine with 8 GB to spare (8 kB pages): 2.6 GB of buffers.
VIRTUOSO_BUFFERS = {"NumberOfBuffers": "340000", "MaxDirtyBuffers": "250000",
                    "MaxQueryMem": "2G", "ThreadsPerQuery": "2"}
GRAPH_BASE = "https://w3id.org/bilateral/graph/"


@dataclass
class Engine:
    """A loaded engine: its store, seconds to load, and the id of the server process."""

    store: Store
    load_s: float
    server_pid: int | None  # None: the server is this process


@contextmanager
def open_engine(name: str, nquads: Path, work: Path, timeout_s: float) -> Iterator[Engine]:
    """Load ``nquads`` into the engine ``name`` (folders under ``work``); stop it afterwards."""
    if name == "oxigraph":
        yield _oxigraph(nquads, work / "oxigraph")
    elif name == "rdflib":
        yield _rdflib(nquads)
    elif name == "virtuoso":
        with _virtuoso(nquads, timeout_s) as engine:
            yield engine
    else:
        raise ValueError(f"unknown engine {name!r}")


def _oxigraph(nquads: Path, folder: Path) -> Engine:
    import pyoxigraph as ox

    started = time.perf_counter()
    raw = ox.Store(str(folder))
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    load_s = time.perf_counter() - started
    del raw
    gc.collect()
    return Engine(OxigraphStore(folder), load_s, None)


def _rdflib(nquads: Path) -> Engine:
    from bilateral.store.memory import RdflibStore

    store = RdflibStore()
    started = time.perf_counter()
    with open(nquads, "rb") as source:
        store.load_file(source, "nquads")
    return Engine(store, time.perf_counter() - started, None)


@contextmanager
def _virtuoso(nquads: Path, timeout_s: float) -> Iterator[Engine]:
    from bilateral.store.remote import RemoteStore

    harness = _harness()
    folder = Path(tempfile.mkdtemp(prefix="bilateral-bench-virtuoso-"))
    sql_port, http_port = harness._free_port(), harness._free_port()
    ini = harness._write_ini(folder, sql_port, http_port)
    _tune(ini, nquads.parent)
    process = subprocess.Popen(
        [harness.SERVER, "+configfile", str(ini), "+foreground"], cwd=folder / "db",
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    server = harness.Virtuoso(folder, sql_port, http_port, process)
    try:
        harness._wait(server, 120.0)
        started = time.perf_counter()
        server.isql(f"ld_dir('{nquads.parent}', '{nquads.name}', '{GRAPH_BASE}default'); "
                    "rdf_loader_run(); checkpoint;")
        load_s = time.perf_counter() - started
        _check_loaded(server)
        store = RemoteStore(server.sparql_url, gsp_url=server.gsp_url, timeout_s=timeout_s)
        yield Engine(store, load_s, process.pid)
        store.close()
    finally:
        harness._stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def _harness():  # -> the tests/virtuoso.py module
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import virtuoso

    return virtuoso


def _tune(ini: Path, data: Path) -> None:
    """Give the harness's Virtuoso benchmark-sized buffers and leave to read ``data``."""
    config = configparser.ConfigParser(interpolation=None, strict=False)
    config.optionxform = str  # type: ignore[assignment,method-assign]
    config.read(ini)
    config["Parameters"].update(VIRTUOSO_BUFFERS)
    for key in ("MaxQueryCostEstimationTime", "MaxQueryExecutionTime"):
        config["SPARQL"].pop(key, None)  # no refusals on estimates, no partial answers
    config["Parameters"]["DirsAllowed"] += f", {data}"
    with open(ini, "w", encoding="utf-8") as handle:
        config.write(handle)


def _check_loaded(server) -> None:
    """Fail loudly when Virtuoso's loader reports an error for the file."""
    answer = server.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list;")
    if "NULL" not in answer.split("ll_error", 1)[-1]:
        raise RuntimeError(f"Virtuoso's loader failed: {answer[-1500:]}")


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """Resident memory of a process now and at its peak, in MB (from /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]
