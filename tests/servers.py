"""Helpers for tests that run real servers on loopback (not a test module)."""

import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_in_thread(app) -> Iterator[str]:
    """Serve a WSGI ``app`` on a free loopback port in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def error_output(process: subprocess.Popen) -> str:
    """The end of what a server wrote to its error output (a file, never a full pipe)."""
    process.stderr.seek(0)  # type: ignore[union-attr]
    return process.stderr.read().decode(errors="replace")[-2000:]  # type: ignore[union-attr]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    """Poll ``url`` until it answers; fail with the server's error output if it exits."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"the server exited: {error_output(process)}")
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not come up")
