"""HTML fragments (feed item content, summaries) → plain paragraphs, with the standard library.

Whole web pages go through trafilatura (:mod:`kg.ingest.formats`), which finds the main text
among navigation and adverts; a feed item's HTML is already the article, so a plain reading
that keeps paragraph breaks is enough.

Examples
--------
>>> html_to_text("<p>Raqqa&nbsp;fell.</p><script>x()</script><p>Talks <b>began</b>.<br>Later.</p>")
'Raqqa fell.\\n\\nTalks began.\\n\\nLater.'
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
    | {"table", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr"}
    | {"dd", "dt", "dl", "main", "aside", "nav", "address"}
)
_SKIP = frozenset(("script", "style", "noscript", "template", "iframe", "svg", "head"))


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, blank-line separated.

    Text without tags comes back with its whitespace tidied.
    """
    parser = _Paragraphs()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
