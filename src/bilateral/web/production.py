"""Production serving: waitress, one process, several threads, a clean stop on SIGTERM.

One process with threads is the shape an embedded store needs (only one process may open
it; threads share it). For a remote store, any WSGI server may run several processes of
:mod:`bilateral.web.wsgi`.
"""

import signal
from types import FrameType

from flask import Flask

DEFAULT_THREADS = 8


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def serve_production(app: Flask, host: str, port: int, threads: int = DEFAULT_THREADS) -> None:
    """Serve ``app`` with waitress until SIGTERM or SIGINT; return once it has stopped."""
    from waitress import create_server

    server = create_server(app, host=host, port=port, threads=threads, ident="waitress")
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run()  # on KeyboardInterrupt it stops its worker threads and returns
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        signal.signal(signal.SIGTERM, previous)
