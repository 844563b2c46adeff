"""Locate the files shipped beside the code: the ontology, named queries, reference data."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _find(packaged: str, in_checkout: str) -> Path:
    for candidate in (_PACKAGE / packaged, _CHECKOUT / in_checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find {in_checkout}/ beside the package")


def ontology_dir() -> Path:
    """The folder holding ``bilateral.ttl`` and ``shapes.ttl``."""
    return _find("_ontology", "ontology")


def queries_dir() -> Path:
    """The folder holding the named queries (``*.rq``)."""
    return _find("_queries", "queries")


def reference_dir() -> Path:
    """The folder holding the reference data on states."""
    return _PACKAGE / "reference"


def demo_dir() -> Path:
    """The folder holding the built-in demo corpus."""
    return _PACKAGE / "demo"
