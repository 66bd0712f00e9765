"""Bytes of an article file → text, refusing binary files and guessing no encodings wildly.

UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as such.
Anything else is tried as Windows-1252 (the usual encoding of old Western web pages and Office
exports) and kept only when the result looks like text: no control characters, and only a small
share of non-ASCII letters. Otherwise the file is reported, with the offset of the first byte
that is not UTF-8 and the command that converts it.

Examples
--------
>>> decode_bytes("Caf\\u00e9 in Raqqa".encode("utf-8"), "a.txt")
'Café in Raqqa'
>>> data = "Residents of Raqqa said the caf\\u00e9 had \\u201creopened\\u201d.".encode("cp1252")
>>> decode_bytes(data, "a.txt")
'Residents of Raqqa said the café had “reopened”.'
"""

from __future__ import annotations

import codecs
import re

from kg.errors import InputError

__all__ = ["MAX_NON_ASCII", "decode_bytes", "looks_binary"]

#: cp1252 text is kept only when at most this share of its characters is non-ASCII.
MAX_NON_ASCII = 0.15

_SIGNATURES = {
    b"%PDF": "a PDF document: convert it to text first (e.g. pdftotext FILE.pdf FILE.txt)",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.odt document): unpack it or save it as text",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive: decompress it first",
    b"\xd0\xcf\x11\xe0": "an old Office document: save it as plain text",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def looks_binary(data: bytes) -> str | None:
    """What a binary ``data`` seems to be (a phrase for a message), or None for text.

    >>> looks_binary(b"%PDF-1.7 ...")[:14]
    'a PDF document'
    >>> looks_binary(b"plain words") is None
    True
    """
    for magic, what in _SIGNATURES.items():
        if data.startswith(magic):
            return what
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:8192]
    if b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            return "UTF-16 text without a byte-order mark: save it as UTF-8"
        return "a binary file (it contains NUL bytes), not text"
    controls = sum(1 for b in head if b < 9 or (13 < b < 32 and b != 27))
    if head and controls / len(head) > 0.1:
        return "a binary file (mostly control bytes), not text"
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article file's bytes (see the module docstring).

    Parameters
    ----------
    data : bytes
    name : str
        The file as the user named it, for messages.

    Raises
    ------
    InputError
        For binary data or text in an encoding that cannot be recognised.
    """
    what = looks_binary(data)
    if what is not None:
        raise InputError(f"{name} is {what}; only text, HTML, feeds and JSON Lines are read")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{name} starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"(byte {e.start}); save it as UTF-8"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if text and not _CONTROL.search(text) and non_ascii <= MAX_NON_ASCII * len(text):
        return text
    raise InputError(
        f"{name} is not UTF-8 text (byte {first_bad} is {data[first_bad : first_bad + 1]!r}) "
        "and does not look like Windows-1252 either; convert it to UTF-8, e.g. "
        f"'iconv -f ENCODING -t UTF-8 {name} > converted.txt'"
    )
