"""Fixes to rdflib 7's SPARQL aggregates, installed through its ``CUSTOM_EVALS`` hook.

* ``GROUP BY`` over no solutions makes no groups; rdflib makes one empty group, so a
  listing with nothing in it answered one row of unbound values.
* ``MIN`` and ``MAX`` skip values in error (``MIN(STR(?d))`` where ``?d`` is unbound);
  rdflib kept the error as the running value and then failed to compare two of them.

``install()`` (called when an RdflibStore is made) applies them to every rdflib query in
the process: both follow
the SPARQL 1.1 specification, which the rest of rdflib's evaluation already does.
"""

from collections.abc import Iterator

import rdflib.plugins.sparql
from rdflib.plugins.sparql.aggregates import Aggregator, Maximum, Minimum
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext, SPARQLError


class _Extremum:
    """MIN or MAX over the values that are not errors."""

    value: object
    expr: object

    def update(self, row: FrozenBindings, aggregator: Aggregator) -> None:
        try:
            found = _eval(self.expr, row)
        except SPARQLError:
            return
        if isinstance(found, SPARQLError):
            return
        self.value = found if self.value is None else self.compare(self.value, found)  # type: ignore[attr-defined]


class _Minimum(_Extremum, Minimum):
    """MIN skipping errors."""


class _Maximum(_Extremum, Maximum):
    """MAX skipping errors."""


class _Aggregator(Aggregator):
    accumulator_classes = {  # noqa: RUF012 - rdflib's own class attribute, overridden
        **Aggregator.accumulator_classes,
        "Aggregate_Min": _Minimum,
        "Aggregate_Max": _Maximum,
    }


def aggregate_join(ctx: QueryContext, part: CompValue) -> Iterator[FrozenBindings]:
    """Evaluate an ``AggregateJoin``: one group per key, or one group in all without GROUP BY.

    :raises NotImplementedError: ``part`` is something else (rdflib evaluates it itself).
    """
    if part.name != "AggregateJoin":
        raise NotImplementedError
    from rdflib.plugins.sparql.evaluate import evalPart

    keys = part.p.expr
    groups: dict[object, Aggregator] = {} if keys is not None else {(): _Aggregator(part.A)}
    for row in evalPart(ctx, part.p):
        key = tuple(_eval(e, row, False) for e in keys) if keys is not None else ()
        if key not in groups:
            groups[key] = _Aggregator(part.A)
        groups[key].update(row)
    return (FrozenBindings(ctx, a.get_bindings()) for a in groups.values())


def install() -> None:
    """Make every rdflib query in this process use the fixed aggregates (idempotent)."""
    rdflib.plugins.sparql.CUSTOM_EVALS["bilateral-aggregates"] = aggregate_join
