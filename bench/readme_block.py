"""Put a benchmark's report between its two markers in bench/README.md."""

from pathlib import Path

README = Path(__file__).with_name("README.md")


def replace_block(begin: str, end: str, text: str, heading: str | None = None) -> None:
    """Write ``text`` between ``begin`` and ``end``; append both (under ``heading``) if missing."""
    current = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + block + rest.split(end, 1)[1]
    else:
        title = f"## {heading}\n\n" if heading else ""
        current = current.rstrip("\n") + f"\n\n{title}{block}\n"
    README.write_text(current, encoding="utf-8")
