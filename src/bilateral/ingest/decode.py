"""Bytes to text, refusing what is not text: UTF-8 (with or without BOM), UTF-16 with a BOM,
then cp1252 only when the bytes decode cleanly and read like text."""

import codecs
import unicodedata
from pathlib import Path

from bilateral.errors import ArticleError

MAX_FILE_BYTES = 10_000_000
"""Largest file (or JSON line) read for one article; bigger ones are refused unread."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.01
_MAX_CP1252_NON_ASCII_SHARE = 0.3


def _control_share(text: str) -> float:
    sample = text[:100_000]
    controls = sum(
        1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r\f"
    )
    return controls / max(len(sample), 1)


def _check_text(text: str, encoding: str) -> str:
    if not text.strip():
        raise ArticleError("empty file")
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise ArticleError(f"binary data, not text (decoded as {encoding})")
    return text


def _plausible_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for c in text[:100_000] if ord(c) > 0x7F)
    if non_ascii / max(min(len(text), 100_000), 1) > _MAX_CP1252_NON_ASCII_SHARE:
        return None
    return text


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def decode_with_note(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode like :func:`decode_bytes`; the note says when the text was read as cp1252.

    >>> decode_with_note(b"Caf\\xe9 talks")
    ('Café talks', 'not valid UTF-8 (byte 0xe9 at offset 3): read as cp1252 (Latin-1)')
    """
    if not data.strip():
        raise ArticleError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), encoding), None
            except UnicodeDecodeError as exc:
                raise ArticleError(f"invalid {encoding} after its byte-order mark") from exc
    if b"\x00" in data:
        raise ArticleError("binary data, not text (contains NUL bytes)")
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    codec = _codec(declared)
    if codec and codec not in ("utf-8", "cp1252", "latin-1"):
        try:
            return _check_text(data.decode(codec), codec), None
        except UnicodeDecodeError:
            pass
    text = _plausible_cp1252(data)
    if text is None:
        raise ArticleError(f"not valid UTF-8 ({first_bad}) and not plausible cp1252 text")
    return _check_text(text, "cp1252"), f"not valid UTF-8 ({first_bad}): read as cp1252 (Latin-1)"


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode article bytes: UTF-8, else ``declared`` (an HTML charset), else cp1252.

    :raises ArticleError: empty, binary, or neither UTF-8 nor plausible cp1252.

    >>> decode_bytes("Caf\\u00e9".encode("cp1252"))
    'Café'
    """
    return decode_with_note(data, declared)[0]


def read_limited(path: Path) -> bytes:
    """The bytes of ``path``, refusing files above :data:`MAX_FILE_BYTES`.

    :raises ArticleError: the file is too big or cannot be read.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleError(
                f"file is {size / 1e6:.1f} MB, above the limit of {MAX_FILE_BYTES / 1e6:.1f} MB"
            )
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read file: {exc.strerror or exc}") from exc
