"""The named queries in ``queries/*.rq`` and the comment header each one starts with.

A header is the run of ``#`` comment lines at the top of the file::

    # title: Who backs whom
    # description: Sponsorships with their dates and number of sources; a long
    #   description continues on lines indented by two spaces after the "#".
    # param: client actor optional -- only sponsors of this actor
    # param: min_length integer default 1 -- shortest chain to list
    # lists: sponsors
    # example: kg query backers --param client="Syrian Democratic Forces"

``lists:`` names the result columns that hold ``" | "``-separated lists (``GROUP_CONCAT``);
SPARQL leaves the order of such a list to the engine, so kg sorts its items, and the output
is the same on every run and every endpoint.
``param:`` lines read ``NAME TYPE (required | optional | default VALUE) -- DESCRIPTION``.
``NAME`` is the SPARQL variable the value binds (``?client``); ``TYPE`` is one of
:data:`PARAM_TYPES`. An optional parameter given no value stays unbound.

Examples
--------
>>> q = parse_header("x", "# title: T\\n# param: n integer default 3 -- how many\\nSELECT ...")
>>> q.title, q.params[0].name, q.params[0].default, q.params[0].required
('T', 'n', '3', False)
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError
from kg.resources import queries_dir

__all__ = [
    "LIST_SEPARATOR",
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "list_queries",
    "load_query",
    "parse_header",
]

#: Parameter types and what a value of each becomes.
PARAM_TYPES: dict[str, str] = {
    "iri": "an IRI: <https://...>, or a prefixed name such as id:actor/iran",
    "actor": "an actor: its label or an alias (case-insensitive), or its IRI",
    "place": "a place: its label or an alias (case-insensitive), or its IRI",
    "theatre": "a theatre (the war in one country): its label, e.g. Syria, or its IRI",
    "date": "a date: YYYY, YYYY-MM or YYYY-MM-DD (typed xsd:gYear, xsd:gYearMonth, xsd:date)",
    "string": "a plain string literal",
    "integer": "an xsd:integer",
    "type": "a ckg class: Capture, ArmedGroup, ... (or its IRI)",
}

_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAM_RE = re.compile(
    r"^(?P<name>\S+)\s+(?P<type>\S+)\s+"
    r"(?P<need>required|optional|default\s+(?P<default>\S+))"
    r"(?:\s+--\s+(?P<doc>.*))?$"
)
_KEYS = ("title", "description", "param", "lists", "example")
#: separator of the list columns named by ``# lists:``
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Param:
    """A declared parameter of a named query."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    doc: str = ""

    def signature(self) -> str:
        """``name (type, required)`` as shown in listings.

        >>> Param("client", "actor").signature()
        'client (actor, optional)'
        """
        need = (
            "required"
            if self.required
            else (f"default {self.default}" if self.default is not None else "optional")
        )
        return f"{self.name} ({self.type}, {need})"


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header. ``name`` is the file name without ``.rq``."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def param(self, name: str) -> Param | None:
        """The declared parameter ``name``, if any."""
        return next((p for p in self.params if p.name == name), None)

    def describe(self) -> str:
        """The header as readable text (``kg query NAME --describe``)."""
        lines = [f"{self.name}: {self.title}" if self.title else self.name]
        if self.description:
            lines += ["", *textwrap.wrap(self.description, 88)]
        if self.params:
            lines += ["", "Parameters:"]
            for p in self.params:
                lines.append(f"  {p.signature()}" + (f": {p.doc}" if p.doc else ""))
        if self.lists:
            lines += [
                "",
                "List columns (items sorted, separated by ' | '): " + ", ".join(self.lists),
            ]
        if self.examples:
            lines += ["", "Example:" if len(self.examples) == 1 else "Examples:"]
            lines += [f"  {e}" for e in self.examples]
        return "\n".join(lines)


def parse_header(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """Read the comment header of a query.

    Parameters
    ----------
    name : str
        The query's name (shown in messages).
    text : str
        The query text, header included.
    path : Path, optional
        The file it came from.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryError
        On a malformed ``param:`` line, an unknown parameter type or a duplicate parameter.
    """
    where = str(path) if path is not None else name
    fields: dict[str, list[str]] = {k: [] for k in _KEYS}
    last: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"^\s*([a-z]+):\s?(.*)$", body)
        if m and m[1] in _KEYS:
            last = m[1]
            fields[last].append(m[2].strip())
        elif last in ("title", "description") and body.startswith("   "):
            fields[last][-1] += " " + body.strip()
        elif body.strip():
            last = None
    params = [_parse_param(spec, where) for spec in fields["param"]]
    seen: set[str] = set()
    for p in params:
        if p.name in seen:
            raise QueryError(f"{where}: parameter {p.name!r} is declared twice")
        seen.add(p.name)
    return NamedQuery(
        name=name,
        text=text,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        params=tuple(params),
        examples=tuple(fields["example"]),
        lists=tuple(
            col.lstrip("?") for line in fields["lists"] for col in line.replace(",", " ").split()
        ),
        path=path,
    )


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM_RE.match(spec)
    if not m:
        raise QueryError(
            f"{where}: cannot read the header line '# param: {spec}': write "
            "'# param: NAME TYPE (required | optional | default VALUE) -- DESCRIPTION'"
        )
    if not _VAR_RE.match(m["name"]):
        raise QueryError(
            f"{where}: parameter name {m['name']!r} is not a SPARQL variable name "
            "(letters, digits and _, not starting with a digit)"
        )
    if m["type"] not in PARAM_TYPES:
        raise QueryError(
            f"{where}: parameter {m['name']!r} has unknown type {m['type']!r}; "
            f"use one of {', '.join(PARAM_TYPES)}"
        )
    return Param(
        name=m["name"],
        type=m["type"],
        required=m["need"] == "required",
        default=m["default"],
        doc=(m["doc"] or "").strip(),
    )


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """The named queries in ``directory`` (default ``queries/``), sorted by name."""
    folder = directory or queries_dir()
    return [load_query(p) for p in sorted(folder.glob("*.rq"))]


def load_query(name_or_path: str | Path, directory: Path | None = None) -> NamedQuery:
    """A named query by name (``backers``) or a ``.rq`` file by path.

    Raises
    ------
    QueryError
        When no such query or file exists (the message lists the named queries).
    """
    text_name = str(name_or_path)
    path = Path(name_or_path)
    if not (text_name.endswith(".rq") or path.is_file()):
        folder = directory or queries_dir()
        path = folder / f"{text_name}.rq"
        if not path.is_file():
            names = ", ".join(p.stem for p in sorted(folder.glob("*.rq")))
            raise QueryError(
                f"no named query {text_name!r}; the named queries are: {names} "
                "(or give a .rq file, or -e 'SPARQL')"
            )
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"cannot read the query file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise QueryError(f"the query file {path} is not UTF-8 text") from None
    return parse_header(path.stem, text, path)
