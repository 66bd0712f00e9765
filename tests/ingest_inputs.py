"""Inputs of the ingest tests (``test_ingest_*.py``): our own sentences, and pages and feeds
made of them, with helpers that read one file."""

from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import RawArticle, read_articles

# Our own sentences, long enough for trafilatura to take them as the main text.
BODY = (
    "Rebel fighters backed by Turkey shelled the outskirts of the town on Tuesday, local "
    "officials said, and government aircraft answered with airstrikes on the hills to the "
    "north. Aid workers said some 4,000 families had fled towards the border since the start "
    "of the month and that more were trapped in villages cut off by the fighting."
)
SECOND = (
    "The defence ministry said its forces had repelled three attacks and that the road to the "
    "provincial capital remained open, a claim the rebels denied."
)

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Town shelled as fighting spreads | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2019-03-12T09:00:00+02:00">
<link rel="canonical" href="https://example.org/daily/town-shelled"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="share"><a>Share on Facebook</a></div>
<article><h1>Town shelled as fighting spreads</h1><p>{BODY}</p><p>{SECOND}</p></article>
<footer><p>We use cookies to improve this site. Accept cookies to continue.</p></footer>
</body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example feed</title><link>https://example.org/</link>
<description>Example</description>
<item><title>Town shelled</title><link>https://example.org/a</link>
<pubDate>Tue, 12 Mar 2019 23:30:00 -0500</pubDate>
<description><![CDATA[<p>{BODY}</p><p>{SECOND}</p>]]></description></item>
<item><title>Talks resume</title><link>https://example.org/b</link>
<pubDate>Wed, 13 Mar 2019 08:00:00 +0000</pubDate>
<description>Delegations of the two sides met in Geneva for a second round of talks.</description>
</item></channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example atom</title>
<id>urn:example:feed</id><updated>2019-03-12T10:00:00Z</updated>
<entry><title>Town shelled</title><id>urn:example:1</id>
<link href="https://example.org/atom/1"/><published>2019-03-12T10:00:00+03:00</published>
<updated>2019-03-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def jsonl(*records: object) -> str:
    """JSON Lines of ``records``."""
    return "".join(json.dumps(r) + "\n" for r in records)


def read_file(tmp_path: Path, name: str, content: str | bytes, **options: object) -> list:
    """What :func:`read_articles` makes of one file ``name`` holding ``content``."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return list(read_articles([path], **options))  # type: ignore[arg-type]


def articles(items: list) -> list[RawArticle]:
    """``items``, once it is checked that each is an article (no failure)."""
    assert all(isinstance(i, RawArticle) for i in items), items
    return items
