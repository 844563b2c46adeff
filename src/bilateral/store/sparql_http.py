"""The SPARQL 1.1 Protocol over HTTP: queries and updates by POST form, errors in one line.

Credentials are sent only when a server asks: a 401 that challenges with Digest gets
HTTP digest authentication, any other challenge gets basic authentication.
"""

import re
import time
from collections.abc import Iterable

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from ..errors import QueryError, QueryTimeout, StoreError

_RETRIES = 4  # an update that deadlocked with another writer is sent again
_DEADLOCK = re.compile(r"40001|deadlock", re.I)
_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")]+")
_MAX_MESSAGE = 400


class SparqlClient:
    """One HTTP session to a SPARQL server, with its credentials and time limit."""

    def __init__(
        self, user: str | None = None, password: str | None = None, timeout_s: float = 60.0
    ) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "bilateral"
        self.user, self.password, self.timeout_s = user, password, timeout_s
        self._auth: AuthBase | None = None
        self.server = ""  # the Server header of the last answer

    def query(
        self,
        url: str,
        sparql: str,
        accept: str,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
    ) -> requests.Response:
        """POST a query; a 400 becomes QueryError with the server's message.

        :raises QueryError: the server rejected the query.
        :raises StoreError: the server cannot be reached or failed.
        """
        data = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graphs]
        data += [("named-graph-uri", g) for g in named_graphs]
        answer = self._post(url, data, accept)
        if answer.status_code == 400:
            raise QueryError(f"the SPARQL server rejected the query: {server_message(answer)}")
        self._check(url, answer)
        if answer.headers.get("X-SQL-State") == "S1TAT":  # Virtuoso's partial "anytime" answer
            raise QueryTimeout(f"the SPARQL server stopped the query at its time limit ({url})")
        return answer

    def update(self, url: str, sparql: str) -> None:
        """POST an update, again when it deadlocked with another writer.

        :raises StoreError: the server refused or failed the update.
        """
        for attempt in range(_RETRIES):
            answer = self._post(url, [("update", sparql)], "*/*")
            deadlock = answer.status_code >= 500 and _DEADLOCK.search(answer.text or "")
            if not deadlock or attempt == _RETRIES - 1:
                break
            time.sleep(0.2 * (attempt + 1))
        if answer.status_code == 400:
            raise StoreError(f"the SPARQL server rejected an update: {server_message(answer)}")
        self._check(url, answer)

    def get(self, url: str, params: dict[str, str], accept: str) -> requests.Response:
        """GET with query parameters (the Graph Store Protocol); a 404 is returned, not raised."""
        answer = self._send("GET", url, params=params, headers={"Accept": accept})
        if answer.status_code != 404:
            self._check(url, answer)
        return answer

    def close(self) -> None:
        """Close the connections."""
        self.session.close()

    # -------------------------------------------------------------------------------------
    def _post(self, url: str, data: list[tuple[str, str]], accept: str) -> requests.Response:
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        return self._send("POST", url, data=data, headers=headers)

    def _send(self, method: str, url: str, **options: object) -> requests.Response:
        answer = self._request(method, url, **options)
        if answer.status_code == 401 and self.user is not None and self._auth is None:
            challenge = answer.headers.get("WWW-Authenticate", "")
            if challenge.lower().startswith("digest"):
                self._auth = HTTPDigestAuth(self.user, self.password or "")
            else:
                self._auth = HTTPBasicAuth(self.user, self.password or "")
            answer = self._request(method, url, **options)
        return answer

    def _request(self, method: str, url: str, **options: object) -> requests.Response:
        try:
            answer = self.session.request(
                method, url, auth=self._auth, timeout=self.timeout_s, **options
            )
        except requests.Timeout:
            raise QueryTimeout(
                f"the SPARQL server at {url} did not answer within {self.timeout_s:g} s"
            ) from None
        except requests.RequestException as error:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {_reason(error)}") from None
        self.server = answer.headers.get("Server", self.server)
        return answer

    def _check(self, url: str, answer: requests.Response) -> None:
        if answer.status_code == 401:
            who = f"user {self.user!r}" if self.user else "no user"
            raise StoreError(
                f"the SPARQL server at {url} refused the credentials ({who}, HTTP 401); "
                "set BILATERAL_STORE_USER and BILATERAL_STORE_PASSWORD"
            )
        if answer.status_code == 403:
            raise StoreError(f"the SPARQL server at {url} forbids this (HTTP 403)")
        if answer.status_code >= 300:
            raise StoreError(
                f"the SPARQL server at {url} answered HTTP {answer.status_code}: "
                f"{server_message(answer)}"
            )


def server_message(answer: requests.Response) -> str:
    """The first meaningful lines of an error answer, as one line."""
    text = answer.text or answer.reason or ""
    text = text.split("\n\nSPARQL query:")[0]  # Virtuoso echoes the whole query after this
    if "html" in answer.headers.get("Content-Type", ""):
        text = re.sub(r"<[^>]+>", " ", text)
    line = " ".join(text.split())
    return line[:_MAX_MESSAGE] + ("..." if len(line) > _MAX_MESSAGE else "") or "no message"


def _reason(error: requests.RequestException) -> str:
    found = _ERRNO.search(str(error))
    return found.group().strip() if found else type(error).__name__
