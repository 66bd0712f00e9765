"""Strip page clutter from article text, keeping every sentence that could state a fact.

Text pasted from web pages carries search boxes, share buttons, photo credits, cookie banners,
section names and the headline printed twice. The rules live in ``clutter.yaml`` beside this
module, as data an analyst can extend; :func:`clean_text` applies them one paragraph at a time.

Paragraphs
----------
A blank line separates paragraphs. Inside a block of lines with no blank line, each line is a
paragraph, unless the block is hard-wrapped (most lines end without closing punctuation, none is
longer than :data:`WRAP_WIDTH` and they are :data:`WRAP_MIN` long on average): then its lines
are joined with spaces. The cleaned text has one blank line between paragraphs and single spaces
inside them.

Examples
--------
>>> clean_text("Type to search\\n\\nShare this\\n\\nThe  army   entered the town.\\nPhoto: AFP")
'The army entered the town.'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from kg.errors import InputError

__all__ = [
    "CLUTTER_FILE",
    "HEAD_SIZE",
    "WRAP_MIN",
    "WRAP_WIDTH",
    "Cleaned",
    "ClutterRules",
    "clean_article",
    "clean_text",
    "load_clutter",
    "normalise_space",
    "split_paragraphs",
]

#: The default rules.
CLUTTER_FILE = Path(__file__).with_name("clutter.yaml")
#: A hard-wrapped block has no line longer than this.
WRAP_WIDTH = 100
#: ... and its lines (but the last) are this long on average.
WRAP_MIN = 50
#: At most this many leading paragraphs form the head (crumbs, headline, byline).
HEAD_SIZE = 10

_CLOSING = '.!?:;"”’)…'
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACE = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class Pattern:
    """One regular-expression rule of ``clutter.yaml``."""

    name: str
    regex: re.Pattern[str]
    max_chars: int = 160
    head_only: bool = False


@dataclass(frozen=True)
class ClutterRules:
    """The rules of one ``clutter.yaml`` (see :func:`load_clutter`)."""

    lines: frozenset[str]
    patterns: tuple[Pattern, ...]
    prefixes: tuple[re.Pattern[str], ...]
    sections: frozenset[str]
    trailing: tuple[str, ...]
    agencies: frozenset[str]


@dataclass(frozen=True)
class Cleaned:
    """The result of :func:`clean_article`.

    ``headline`` is the paragraph printed twice at the top of a page (kept once in ``text``),
    or None. ``dropped`` lists ``(rule name, paragraph)`` for every paragraph removed.
    """

    text: str
    headline: str | None = None
    dropped: tuple[tuple[str, str], ...] = field(default=())


def _fold(text: str) -> str:
    return normalise_space(text).casefold()


def _compile(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise InputError(f"{where}: {pattern!r} is not a valid regular expression ({e})") from None


@cache
def load_clutter(path: Path | None = None) -> ClutterRules:
    """Read clutter rules from ``path`` (default :data:`CLUTTER_FILE`).

    Raises
    ------
    InputError
        When the file cannot be read or a rule is malformed; the message names the rule.
    """
    path = path or CLUTTER_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"{path}: cannot read the clutter rules ({e})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of rule lists, found {type(data).__name__}")
    unknown = set(data) - {"lines", "patterns", "prefixes", "sections", "trailing", "agencies"}
    if unknown:
        raise InputError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; valid sections are "
            "lines, patterns, prefixes, sections, trailing, agencies"
        )
    patterns = []
    for n, item in enumerate(data.get("patterns") or [], start=1):
        where = f"{path}: pattern #{n}"
        if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
            raise InputError(f"{where}: each pattern needs a 'pattern' string (and a 'name')")
        flags = 0 if item.get("case_sensitive") else re.IGNORECASE
        patterns.append(
            Pattern(
                name=str(item.get("name") or f"pattern {n}"),
                regex=_compile(item["pattern"], flags, where),
                max_chars=int(item.get("max_chars", 160)),
                head_only=bool(item.get("head_only", False)),
            )
        )
    return ClutterRules(
        lines=frozenset(_fold(str(x)) for x in data.get("lines") or []),
        patterns=tuple(patterns),
        prefixes=tuple(
            _compile(str(p), re.IGNORECASE, f"{path}: prefix") for p in data.get("prefixes") or []
        ),
        sections=frozenset(_fold(str(x)) for x in data.get("sections") or []),
        trailing=tuple(str(x) for x in data.get("trailing") or []),
        agencies=frozenset(str(x) for x in data.get("agencies") or []),
    )


def normalise_space(text: str) -> str:
    """NFC, no invisible characters, every run of spaces, tabs or NBSPs one space, stripped.

    >>> normalise_space("  Deir\\u00a0ez-Zor \\t fell\\u200b ")
    'Deir ez-Zor fell'
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def _wrapped(lines: Sequence[str]) -> bool:
    if len(lines) < 2 or max(len(x) for x in lines) > WRAP_WIDTH:
        return False
    body = lines[:-1]
    open_ended = sum(1 for x in body if not x.endswith(tuple(_CLOSING)))
    # short unpunctuated lines are headings and crumbs, not a wrapped paragraph
    return open_ended * 2 > len(body) and sum(map(len, body)) >= WRAP_MIN * len(body)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, whitespace normalised (see the module docstring).

    >>> text = "Title\\nFirst.\\n\\nThe army, backed by Russian jets and allied Shiite\\n"
    >>> text += "militias, won."
    >>> split_paragraphs(text)
    ['Title', 'First.', 'The army, backed by Russian jets and allied Shiite militias, won.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    out: list[str] = []
    for block in re.split(r"\n[^\S\n]*\n", text):
        lines = [normalise_space(x) for x in block.split("\n")]
        lines = [x for x in lines if x]
        if _wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


def _is_head(paragraph: str) -> bool:
    """A paragraph that may still belong to the head: not a full sentence of body text."""
    return not (paragraph.endswith(tuple('.!?"”')) and len(paragraph.split()) >= 8)


def _rule(paragraph: str, rules: ClutterRules, in_head: bool) -> str | None:
    """The name of the rule that drops ``paragraph``, or None."""
    folded = paragraph.casefold()
    if folded in rules.lines:
        return "line"
    if in_head and folded in rules.sections:
        return "section"
    for p in rules.patterns:
        usable = (in_head or not p.head_only) and len(paragraph) <= p.max_chars
        if usable and p.regex.fullmatch(paragraph):
            return p.name
    return None


def _strip_prefixes(paragraph: str, rules: ClutterRules) -> str:
    for rx in rules.prefixes:
        m = rx.match(paragraph)
        if m and m.end() < len(paragraph):
            return paragraph[m.end() :]
    return paragraph


def _strip_trailing(paragraphs: list[str], rules: ClutterRules) -> None:
    changed = True
    while changed and paragraphs:
        changed = False
        last = paragraphs[-1]
        for mark in rules.trailing:
            if last.casefold() == mark.casefold():
                paragraphs.pop()
                changed = True
                break
            if last.casefold().endswith(" " + mark.casefold()):
                paragraphs[-1] = last[: -len(mark)].rstrip()
                changed = True
                break


def _headline(paragraphs: list[str], head: int) -> tuple[int, int] | None:
    """Indexes ``(first, second)`` of a paragraph printed twice within the head."""
    seen: dict[str, int] = {}
    for i in range(head):
        key = paragraphs[i].casefold()
        if key in seen:
            return seen[key], i
        seen[key] = i
    return None


def clean_article(
    text: str, *, title: str | None = None, rules: ClutterRules | None = None
) -> Cleaned:
    """Remove clutter from ``text`` and report what was removed.

    Parameters
    ----------
    text : str
        The article as read (plain text; HTML already reduced to text).
    title : str, optional
        The known title: a copy of it printed again below the first is dropped.
    rules : ClutterRules, optional
        Default: :func:`load_clutter`.

    Returns
    -------
    Cleaned

    Examples
    --------
    >>> c = clean_article("Army enters town\\nWorld\\nArmy enters town\\nCredit: Reuters\\n"
    ...                   "Government troops entered the town on Friday after a long siege.")
    >>> c.headline
    'Army enters town'
    >>> print(c.text)
    Army enters town
    <BLANKLINE>
    Government troops entered the town on Friday after a long siege.
    """
    rules = rules or load_clutter()
    paragraphs = [_strip_prefixes(p, rules) for p in split_paragraphs(text)]
    dropped: list[tuple[str, str]] = []
    kept: list[str] = []
    in_head = True
    for p in paragraphs:
        in_head = in_head and len(kept) < HEAD_SIZE and _is_head(p)
        name = _rule(p, rules, in_head)
        if name is None:
            kept.append(p)
        else:
            dropped.append((name, p))
    head = 0
    while head < len(kept) and head < HEAD_SIZE and _is_head(kept[head]):
        head += 1
    headline = None
    twice = _headline(kept, head)
    if twice is None and title:
        folded = _fold(title)
        copies = [i for i in range(head) if kept[i].casefold() == folded]
        twice = (copies[0], copies[1]) if len(copies) > 1 else None
    if twice is not None:
        first, second = twice
        headline = kept[first]
        # between two copies of the headline: crumbs and kickers (short, unpunctuated)
        remove = {second} | {
            i
            for i in range(first + 1, second)
            if len(kept[i]) <= 80 and not kept[i].endswith(tuple(_CLOSING))
        }
        dropped.extend(("repeated headline", kept[i]) for i in sorted(remove))
        kept = [p for i, p in enumerate(kept) if i not in remove]
    _strip_trailing(kept, rules)
    return Cleaned("\n\n".join(kept), headline, tuple(dropped))


def clean_text(text: str, *, title: str | None = None) -> str:
    """The article text without page clutter (see :func:`clean_article`).

    Examples
    --------
    >>> clean_text("BEIRUT\\n\\nFollow us on Twitter\\n\\nThe siege  was lifted.\\n\\n…")
    'BEIRUT\\n\\nThe siege was lifted.'
    """
    return clean_article(text, title=title).text
