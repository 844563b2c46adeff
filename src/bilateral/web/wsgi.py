"""The WSGI entry for other servers: the app built from ``BILATERAL_*`` environment settings.

For example ``gunicorn -w 4 'bilateral.web.wsgi:app'`` with ``BILATERAL_STORE`` naming a
remote SPARQL store. An embedded store may be opened by one process only: serve it with
one worker process and threads (``gunicorn -w 1 --threads 8``, or ``bilateral serve
--production``). The store is opened on the first request, in the worker.
"""

from . import create_app

app = create_app()
