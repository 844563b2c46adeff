"""The exception family; each follows the built-in meaning of its base."""


class BilateralError(Exception):
    """Base of every error this package raises on purpose."""


class ArticleError(BilateralError, ValueError):
    """An article that cannot be read: bad encoding, missing text, wrong field types."""


class QueryError(BilateralError, ValueError):
    """A SPARQL query that does not parse, or a named query given bad parameters."""


class StoreError(BilateralError, OSError):
    """The store cannot be opened, read or written."""


class ReadOnlyError(BilateralError, PermissionError):
    """An update sent where only queries are allowed."""


class QueryTimeout(BilateralError, TimeoutError):
    """A query ran past its time limit."""


class ReasonerError(BilateralError, RuntimeError):
    """The OWL reasoner cannot run (most often: Java is not installed) or cannot read its input."""
