"""Readers for each kind of article file: plain text, HTML pages, RSS/Atom feeds, JSON Lines.

Each reader turns one file's bytes into :class:`Draft` articles (raw text plus the metadata
the file itself gives) and yields an :class:`~kg.ingest.IngestFailure` for one bad item or
line; a problem with the whole file raises :class:`~kg.errors.InputError`.

Examples
--------
>>> data = b"---\\ntitle: Raqqa\\ndate: 2017-10-20\\n---\\nText."
>>> [d.fields for d in read_text(data, "news/a.txt", "a.txt")]
[{'title': 'Raqqa', 'date': FuzzyDate(year=2017, month=10, day=20)}]
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from kg.errors import InputError
from kg.ingest.dates import ACCEPTED_FORMS, out_of_range, parse_date
from kg.ingest.decode import decode_bytes
from kg.ingest.markup import html_to_text
from kg.model import FuzzyDate

__all__ = [
    "KINDS",
    "Draft",
    "Failure",
    "Reader",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_text",
    "reader_for",
    "safe_yaml",
]


@dataclass
class Draft:
    """An article as its file gives it: ``source`` id, raw text and metadata fields.

    ``fields`` may hold ``title``, ``publisher``, ``url`` (str) and ``date`` (a
    :data:`~kg.ingest.dates.DateValue`, settled later against the cleaned text).
    """

    source: str
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """One bad item of a file that otherwise reads (``source`` names the item)."""

    source: str
    message: str


Reader = Callable[[bytes, str, str], Iterator[Draft | Failure]]

#: article URLs kept: http(s) only (never ``javascript:``, ``data:``, ``file:`` ...)
_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)


def _fields(raw: Mapping[str, Any], where: str, *, strict: bool) -> dict[str, Any]:
    """Check ``title``/``publisher``/``url``/``date`` of ``raw``.

    Strict (fields a person wrote): a bad value raises InputError naming it. Otherwise
    (metadata a site or feed generated) a bad value is left out.
    """
    out: dict[str, Any] = {}
    for name in ("title", "publisher", "url"):
        value = raw.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, list | dict):
            if strict:
                raise InputError(f"{where}: {name} must be one text value, not {value!r}")
            continue
        text = " ".join(str(value).split())
        if name == "url" and not _URL.match(text):
            if strict:
                raise InputError(
                    f"{where}: url {text!r} is not an http(s) URL (only http:// and https:// "
                    "article URLs are kept); write it as https://..."
                )
            continue
        out[name] = text
    date = raw.get("date")
    if date is not None and date != "":
        try:
            out["date"] = parse_date(date)
        except ValueError:
            if strict:
                why = out_of_range(str(date))
                raise InputError(
                    f"{where}: date {date!r} is not a date{why}; write it as {ACCEPTED_FORMS}"
                ) from None
    return out


class _Loader(yaml.SafeLoader):
    """YAML's safe loader without implicit timestamps: dates stay text for
    :func:`~kg.ingest.dates.parse_date`, which says what is wrong with ``2017-02-30``."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def safe_yaml(text: str) -> Any:
    """Parse YAML metadata safely; dates are left as text.

    >>> safe_yaml("date: 2017-02-30")
    {'date': '2017-02-30'}

    Raises
    ------
    yaml.YAMLError, ValueError, RecursionError
        For malformed YAML (an explicit ``!!timestamp`` out of range, nesting too deep).
    """
    return yaml.load(text, Loader=_Loader)


def read_text(data: bytes, name: str, source: str) -> Iterator[Draft | Failure]:
    """Plain text (``.txt``, ``.md``, ``.text``) with optional YAML front matter.

    Front matter is a block between two ``---`` lines at the very top, holding any of
    ``title``, ``date``, ``publisher``, ``url`` (other keys are ignored).
    """
    text = decode_bytes(data, name).replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    fields: dict[str, Any] = {}
    if re.match(r"---[ \t]*\n", text):
        m = _FRONT_MATTER.match(text)
        if m is None:
            raise InputError(
                f"{name}: the front matter opened by '---' on line 1 is never closed; "
                "add a line '---' after its last field, or remove the first line"
            )
        try:
            meta = safe_yaml(m[1])
        except (ValueError, RecursionError) as e:
            raise InputError(f"{name}: the front matter cannot be read ({e})") from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = f" on line {mark.line + 2}" if mark is not None else ""
            problem = getattr(e, "problem", None) or "syntax error"
            raise InputError(
                f"{name}: the front matter is not valid YAML{line} ({problem}); write one "
                "'key: value' per line (quote values that contain ': ')"
            ) from None
        if meta is not None and not isinstance(meta, dict):
            raise InputError(
                f"{name}: the front matter must be 'key: value' lines (title, date, publisher, "
                f"url), found {type(meta).__name__}"
            )
        fields = _fields(meta or {}, f"{name} front matter", strict=True)
        text = text[m.end() :]
    yield Draft(source, text, fields)


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
    return m[1].decode("ascii").lower() if m else None


def read_html(data: bytes, name: str, source: str) -> Iterator[Draft | Failure]:
    """An HTML page: its main text and metadata (title, date, site name, canonical URL).

    Raises
    ------
    InputError
        When no article text can be found in the page.
    """
    try:
        import trafilatura
    except ImportError as e:  # a broken install, not a bad article
        raise InputError(
            f"{name}: HTML pages need trafilatura, which failed to import ({e}); "
            "reinstall conflict-kg with its dependencies (pip install -e .)"
        ) from None
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    html = None
    charset = _declared_charset(data)
    if charset and charset not in ("utf-8", "utf8"):
        try:
            html = data.decode(charset)
        except (LookupError, UnicodeError):  # unknown, or a codec that decodes nothing
            html = None
    if html is None:
        html = decode_bytes(data, name)
    if not re.search(r"<\s*(html|body|p|div|article|h1)\b", html, re.I):
        raise InputError(
            f"{name}: no HTML elements found; name a plain-text article '.txt' instead"
        )
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(
            f"{name}: no article text found in the HTML (an index page, a broken page or a "
            "page that needs JavaScript?); save the article's own page, or its text as .txt"
        )
    raw = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "publisher": getattr(doc, "sitename", None),
        "url": getattr(doc, "url", None),
    }
    # trafilatura gives one paragraph per line
    yield Draft(source, "\n\n".join(text.split("\n")), _fields(raw, name, strict=False))


def _entry_text(entry: Mapping[str, Any]) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return html_to_text(best if len(best) >= len(summary) else summary)


def read_feed(data: bytes, name: str, source: str) -> Iterator[Draft | Failure]:
    """An RSS or Atom feed: one article per item (``source#N``, N counting from 1).

    Raises
    ------
    InputError
        When the file is not a feed or has no items.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except UnicodeEncodeError:
        raise InputError(
            f"{name} holds a lone surrogate (a character reference such as &#xD800;, which "
            "is not a character); remove it"
        ) from None
    except (ValueError, RecursionError) as e:
        raise InputError(f"{name} cannot be parsed as a feed ({type(e).__name__})") from None
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(
            f"{name} is not an RSS or Atom feed{detail}; check that it is a complete feed "
            "file, or give it the extension of what it is"
        )
    if not entries:
        raise InputError(
            f"{name}: the feed has no items (no <item> or <entry> elements); nothing to read"
        )
    for n, entry in enumerate(entries, start=1):
        item = f"{source}#{n}"
        title = entry.get("title")
        text = _entry_text(entry)
        if not text:
            label = f" {title!r}" if title else ""
            yield Failure(
                item,
                f"{name} item {n}{label} has no text in <content>, <description> or "
                "<summary>; a feed of headlines only cannot be read",
            )
            continue
        raw = {
            "title": title,
            "date": entry.get("published") or entry.get("updated") or entry.get("created"),
            "publisher": entry.get("publisher"),
            "url": entry.get("link"),
        }
        fields = _fields(raw, f"{name} item {n}", strict=False)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if "date" not in fields and stamp:
            fields["date"] = FuzzyDate(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
        yield Draft(item, text, fields)


def read_jsonl(data: bytes, name: str, source: str) -> Iterator[Draft | Failure]:
    """JSON Lines: one JSON object per line with ``text`` and any of ``title``, ``date``,
    ``url``, ``publisher`` (other keys are ignored); ``source#LINE`` names each article.
    """
    text = decode_bytes(data, name)
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        raise InputError(f"{name} is empty; write one JSON object per line")
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item, where = f"{source}#{n}", f"{name} line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(
                item,
                f"{where} is not JSON ({e.msg} at column {e.colno}); write one complete "
                "JSON object per line",
            )
            continue
        except (ValueError, RecursionError) as e:  # integers over 4,300 digits, deep nesting
            why = "nested too deep" if isinstance(e, RecursionError) else str(e).split(":")[0]
            yield Failure(item, f"{where} cannot be read as JSON ({why}); skipped")
            continue
        if not isinstance(record, dict):
            yield Failure(item, f"{where} is a JSON {type(record).__name__}, not an object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            found = ", ".join(sorted(map(str, record))) or "none"
            yield Failure(
                item,
                f"{where} has no 'text' (fields found: {found}); put the article text in a "
                "'text' field",
            )
            continue
        try:
            fields = _fields(record, where, strict=True)
        except InputError as e:
            yield Failure(item, str(e))
            continue
        yield Draft(item, body, fields)


#: Extension → (kind, reader), for dispatch and for messages.
KINDS: dict[str, tuple[str, Reader]] = {
    ".txt": ("plain text", read_text),
    ".text": ("plain text", read_text),
    ".md": ("plain text", read_text),
    ".html": ("HTML page", read_html),
    ".htm": ("HTML page", read_html),
    ".xhtml": ("HTML page", read_html),
    ".xml": ("RSS/Atom feed", read_feed),
    ".rss": ("RSS/Atom feed", read_feed),
    ".atom": ("RSS/Atom feed", read_feed),
    ".jsonl": ("JSON Lines", read_jsonl),
    ".ndjson": ("JSON Lines", read_jsonl),
}


def reader_for(suffix: str, head: bytes) -> Reader | None:
    """The reader for a file with this extension, sniffing ``head`` (its first bytes) when
    the extension is not one of :data:`KINDS`; None when neither tells.

    >>> reader_for(".dat", b'<?xml version="1.0"?><rss version="2.0">') is read_feed
    True
    """
    known = KINDS.get(suffix.lower())
    if known is not None:
        return known[1]
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.search(rb"<(rss|feed|rdf:rdf)\b", start):
        return read_feed
    if start.startswith((b"<!doctype html", b"<html")):
        return read_html
    return None
