"""One Settings object: defaults, then the environment, then explicit arguments."""

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def default_store_path() -> Path:
    """The per-user data folder (``$XDG_DATA_HOME/bilateral/store``)."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "bilateral" / "store"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with its default.

    >>> Settings(store="/tmp/kb").store
    '/tmp/kb'
    """

    store: str = field(default_factory=lambda: str(default_store_path()))
    base_iri: str = "https://w3id.org/bilateral/id/"
    query_timeout_s: float = 10.0
    max_query_bytes: int = 100_000
    page_size: int = 50
    update_url: str | None = None  # SPARQL Update endpoint of a remote store (default: store)
    gsp_url: str | None = None  # Graph Store Protocol endpoint of a remote store

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults, overridden by ``BILATERAL_*`` variables, then by ``overrides`` not None."""
        settings = cls()
        env = {
            "store": os.environ.get("BILATERAL_STORE"),
            "base_iri": os.environ.get("BILATERAL_BASE_IRI"),
            "update_url": os.environ.get("BILATERAL_UPDATE_URL"),
            "gsp_url": os.environ.get("BILATERAL_GSP_URL"),
        }
        timeout = os.environ.get("BILATERAL_QUERY_TIMEOUT")
        if timeout:
            env["query_timeout_s"] = float(timeout)
        chosen = {k: v for k, v in {**env, **overrides}.items() if v is not None}
        return replace(settings, **chosen)
