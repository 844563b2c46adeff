"""Tables of the stores benchmark: engines side by side, ratios to Oxigraph, growth with size."""

import os
import platform
import sys
from argparse import Namespace
from collections.abc import Callable
from itertools import pairwise

from web_bench import markdown

BEGIN, END = "<!-- stores-bench:begin -->", "<!-- stores-bench:end -->"
NAMES = {"oxigraph": "Oxigraph", "rdflib": "rdflib", "virtuoso": "Virtuoso"}
REFERENCE = "oxigraph"

Getter = Callable[[dict], float | None]


def _get(result: dict, *keys: str) -> float | None:
    value: object = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) else None


def _cell(value: float | None, unit: str = "", missing: str = "-") -> str:
    if value is None:
        return missing
    digits = 0 if value >= 100 else 1 if value >= 1 else 2
    return f"{value:,.{digits}f}{unit}"


def _ratio(value: float | None, reference: float | None) -> str:
    if value is None or reference is None or reference <= 0:
        return "-"
    return f"{value / reference:.1f}x" if value / reference >= 0.95 else \
        f"{value / reference:.2f}x"


def _missing(result: dict, over: str) -> str:
    """Why a figure is missing: the engine failed, or the work ran past its cap."""
    return f"not measured ({result['error']})" if "error" in result else over


Cell = Callable[[dict, str], str]
Value = Callable[[dict, str], float | None]


def _table(results: dict, engines: list[str], keys: list[tuple[str, str]], first: list[str],
           show: Cell, value: Value, extra: tuple[str, Cell] | None = None) -> str:
    """One row per (size, label): each engine's cell, then its cost over Oxigraph's."""
    others = [e for e in engines if e != REFERENCE] if REFERENCE in engines else []
    header = first + [NAMES[e] for e in engines] + [f"{NAMES[e]} / Oxigraph" for e in others]
    rows = []
    for size, label in keys:
        sized = results[size]
        line = [f"{sized['triples']:,}"] + ([label] if len(first) > 1 else [])
        line += [show(sized.get(e, {}), label) for e in engines]
        line += [_ratio(value(sized.get(e, {}), label), value(sized.get(REFERENCE, {}), label))
                 for e in others]
        if extra:
            line.append(extra[1](sized, label))
        rows.append(line)
    return markdown(header + ([extra[0]] if extra else []), rows)


def _growth(results: dict, engines: list[str], measures: list[tuple[str, Getter]]) -> str:
    """Each cost at a size over the same cost at the size before, per engine."""
    sizes = list(results)
    steps = list(pairwise(sizes))
    if not steps:
        return "(one size only: no growth to show)"
    header = ["cost"] + [f"{NAMES[e]} {b}/{a}" for e in engines for a, b in steps]
    rows = [["(store size)"] + [_ratio(results[b]["triples"], results[a]["triples"])
                                for _ in engines for a, b in steps]]
    for label, get in measures:
        rows.append([label] + [_ratio(get(results[b].get(e, {})), get(results[a].get(e, {})))
                               for e in engines for a, b in steps])
    return markdown(header, rows)


def report(results: dict, engines: list[str], args: Namespace) -> str:
    """The whole section as markdown."""
    sizes = list(results)
    done = [r[e] for r in results.values() for e in engines if "pages" in r.get(e, {})]
    queries = list(done[0]["queries"]) if done else []
    pages = list(done[0]["pages"]) if done else []
    over = f"> {args.cap:.0f} s"
    quads = ", ".join(f"{results[s]['triples']:,}" for s in sizes)
    each = [(s, "") for s in sizes]
    machine = _machine(getattr(args, "load", None))
    return "\n\n".join([
        f"Stores of {quads} quads. Machine: {machine}. Python {sys.version.split()[0]}. "
        "Ratios divide an engine's cost (time or memory) by Oxigraph's: 3.0x takes three "
        "times as long.",
        "**Load** (seconds; each engine's own bulk loader reading the same N-Quads file):",
        _table(results, engines, each, ["quads"],
               lambda r, _: _cell(_get(r, "load_s"), " s", _missing(r, "-")),
               lambda r, _: _get(r, "load_s")),
        f"**Named queries** (p50 ms of up to {args.repeats} runs, JSON results through the "
        f"Store interface, each run stopped at {args.cap:.0f} s; rows: the answer's size, "
        "per engine where they differ):",
        _table(results, engines, [(s, q) for s in sizes for q in queries], ["quads", "query"],
               lambda r, q: _query_cell(r, q, over),
               lambda r, q: _get(r, "queries", q, "p50_ms"),
               ("rows", lambda sized, q: _rows(sized, engines, q))),
        f"**Entity pages** (p50 / p95 ms of up to {args.requests} HTML requests a kind "
        "through Flask's test client, cycling over 20 entities; ratios of p50):",
        _table(results, engines, [(s, k) for s in sizes for k in pages], ["quads", "page"],
               lambda r, k: _pair(r, k, args.cap), lambda r, k: _get(r, "pages", k, "p50_ms")),
        "**Server memory** (resident MB once loaded, peak in brackets; for Oxigraph and "
        "rdflib the growth of the measuring process, for Virtuoso the whole `virtuoso-t`):",
        _table(results, engines, each, ["quads"], _memory,
               lambda r, _: _get(r, "memory_mb", "loaded")),
        "**Export** (quads a second of a full N-Quads dump, `Store.dump`; then the seconds "
        "of `bilateral.export.export`, which adds the dataset's VoID description and its "
        "statistics, queries over the whole store; ratios of the dump's time):",
        _table(results, engines, each, ["quads"], _throughput,
               lambda r, _: _get(r, "export", "seconds")),
        "**Growth** (each cost at one size over the same cost at the size before):",
        _growth(results, engines, [
            ("load", lambda r: _get(r, "load_s")),
            *[(f"query: {q}", lambda r, q=q: _get(r, "queries", q, "p50_ms")) for q in queries],
            *[(f"page: {k} (p50)", lambda r, k=k: _get(r, "pages", k, "p50_ms"))
              for k in pages],
            ("memory", lambda r: _get(r, "memory_mb", "loaded")),
            ("export", lambda r: _get(r, "export", "seconds")),
        ]),
    ])


def _rows(sized: dict, engines: list[str], query: str) -> str:
    refused = [NAMES[e] for e in engines if "error" in sized.get(e, {}).get("queries", {})
               .get(query, {})]
    if refused:
        return f"{', '.join(refused)}: error"
    counts = {e: _get(sized.get(e, {}), "queries", query, "rows") for e in engines}
    known = {int(c) for c in counts.values() if c is not None}
    if len(known) <= 1:
        return f"{known.pop():,}" if known else "-"
    return " / ".join(f"{NAMES[e]} {c:,}" for e, c in counts.items() if c is not None)


def _query_cell(result: dict, query: str, over: str) -> str:
    answer = result.get("queries", {}).get(query, {})
    if "error" in answer:
        return "error: " + answer["error"].replace("|", "/")[:80]
    return _cell(_get(result, "queries", query, "p50_ms"), " ms", _missing(result, over))


def _pair(result: dict, kind: str, cap: float) -> str:
    p50, p95 = _get(result, "pages", kind, "p50_ms"), _get(result, "pages", kind, "p95_ms")
    if p50 is None:
        failed = _get(result, "pages", kind, "failed")
        if failed in (503, 504):  # the app's time limit, which is the query cap
            return f"> {cap:.0f} s (HTTP {failed:.0f})"
        if failed:
            return f"HTTP {failed:.0f}"
        return _missing(result, "not measured (after a page past the time limit)")
    return f"{_cell(p50)} / {_cell(p95)}"


def _memory(result: dict, _: str) -> str:
    loaded, peak = _get(result, "memory_mb", "loaded"), _get(result, "memory_mb", "peak")
    if loaded is None:
        return _missing(result, "-")
    return f"{_cell(loaded)} ({_cell(peak)})"


def _throughput(result: dict, _: str) -> str:
    seconds, quads = _get(result, "export", "seconds"), _get(result, "quads")
    if seconds is None or not quads:
        return _missing(result, "over the cap")
    whole = _get(result, "export", "export_s")
    return f"{quads / seconds:,.0f}/s; {_cell(whole, ' s', 'over the cap')}"


def _machine(load_average: list[float] | None) -> str:
    load = ", ".join(f"{n:.1f}" for n in load_average or os.getloadavg())
    return (f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}; load average "
            f"at the end {load} (other work on the machine slows every figure)")
