"""Per-article metadata from a manifest file (YAML or CSV).

A manifest names articles by file and gives what their files lack: ``date``, ``publisher``,
``title``, ``url``. ``file`` is the article's source as :func:`kg.ingest.read_articles` names
it (the path under the folder given, or the file name); an entry for ``feed.xml`` covers all of
its items, one for ``feed.xml#2`` only the second. A bare file name also matches that file in
any sub-folder.

YAML, either form::

    - {file: raqqa.txt, date: 2017-10-20, publisher: Example Wire}
    raqqa.txt: {date: 2017-10-20, publisher: Example Wire}

CSV, with a header row naming the columns (``file`` and any of the others)::

    file,date,publisher
    raqqa.txt,2017-10-20,Example Wire
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kg.errors import InputError
from kg.ingest.dates import ACCEPTED_FORMS, DateValue, out_of_range, parse_date
from kg.ingest.formats import safe_yaml

__all__ = ["FIELDS", "Manifest", "ManifestEntry", "load_manifest"]

#: The columns a manifest may have besides ``file``.
FIELDS = ("date", "publisher", "title", "url")


@dataclass(frozen=True)
class ManifestEntry:
    """One article's metadata; ``where`` locates the entry in the manifest, for messages."""

    file: str
    where: str
    date: DateValue | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Manifest:
    """Entries by ``file``."""

    path: Path
    entries: dict[str, ManifestEntry]

    def lookup(self, source: str) -> ManifestEntry | None:
        """The entry for an article ``source`` (``dir/a.txt``, ``feed.xml#2``), or None.

        >>> m = Manifest(Path("m.yaml"), {"feed.xml": ManifestEntry("feed.xml", "entry 1")})
        >>> m.lookup("news/feed.xml#2").file
        'feed.xml'
        """
        whole = source.split("#", 1)[0]
        for key in (source, whole, PurePosixPath(source).name, PurePosixPath(whole).name):
            if key in self.entries:
                return self.entries[key]
        return None


def _key(value: object) -> str:
    text = str(value).strip().replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return text


def _entry(raw: dict[Any, Any], where: str) -> ManifestEntry:
    unknown = sorted(str(k) for k in raw if k not in ("file", *FIELDS))
    if unknown:
        raise InputError(
            f"{where}: unknown field(s) {', '.join(unknown)}; a manifest entry may have "
            f"file, {', '.join(FIELDS)}"
        )
    if raw.get("file") in (None, ""):
        raise InputError(f"{where}: the entry has no 'file'; name the article file it describes")
    values: dict[str, Any] = {}
    for name in ("publisher", "title", "url"):
        value = raw.get(name)
        if value not in (None, ""):
            values[name] = str(value).strip()
    if "url" in values and not re.match(r"^https?://[^\s/?#]+\S*$", values["url"], re.I):
        raise InputError(
            f"{where}: url {values['url']!r} is not an http(s) URL (only http:// and https:// "
            "article URLs are kept); write it as https://..."
        )
    if raw.get("date") not in (None, ""):
        try:
            values["date"] = parse_date(raw["date"])
        except ValueError:
            why = out_of_range(str(raw["date"]))
            raise InputError(
                f"{where}: date {raw['date']!r} is not a date{why}; write it as {ACCEPTED_FORMS}"
            ) from None
    return ManifestEntry(file=_key(raw["file"]), where=where, **values)


def _rows(path: Path, text: str) -> list[tuple[str, dict[Any, Any]]]:
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "file" not in [f.strip() for f in reader.fieldnames]:
            raise InputError(
                f"{path}: the first row must name the columns, among them 'file' "
                f"(and any of {', '.join(FIELDS)})"
            )
        return [
            (f"{path} line {reader.line_num}", {(k or "").strip(): v for k, v in row.items()})
            for row in reader
        ]
    try:
        data = safe_yaml(text)
    except (yaml.YAMLError, ValueError, RecursionError) as e:
        raise InputError(f"{path} is not valid YAML: {e}".replace("\n", " ")) from None
    if isinstance(data, list):
        rows = []
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise InputError(f"{path} entry {n}: expected a mapping with 'file', got {item!r}")
            rows.append((f"{path} entry {n}", item))
        return rows
    if isinstance(data, dict):
        rows = []
        for file, item in data.items():
            if not isinstance(item, dict):
                raise InputError(f"{path} entry {file!r}: expected a mapping of fields")
            rows.append((f"{path} entry {file!r}", {"file": file, **item}))
        return rows
    raise InputError(
        f"{path}: expected a list of entries or a mapping from file to fields, "
        f"found {type(data).__name__}"
    )


def load_manifest(path: Path | str) -> Manifest:
    """Read a manifest (``.yaml``/``.yml`` or ``.csv``).

    Raises
    ------
    InputError
        When the file is missing, malformed, has unknown fields or bad dates, or names one
        file twice; the message names the entry.
    """
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise InputError(f"{path}: a manifest must be a .yaml, .yml or .csv file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"manifest {path} does not exist; check the path") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"manifest {path} cannot be read ({e}); save it as UTF-8") from None
    entries: dict[str, ManifestEntry] = {}
    for where, raw in _rows(path, text):
        entry = _entry(raw, where)
        if entry.file in entries:
            raise InputError(
                f"{where}: {entry.file!r} is already described by {entries[entry.file].where}; "
                "keep one entry per file"
            )
        entries[entry.file] = entry
    return Manifest(path, entries)
