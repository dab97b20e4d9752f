"""What the search of a language holds: a page's sections (search_tiers.py cuts them into files).

No stemmer and no stop-word list: English ones would mangle chiShona and isiNdebele, and the
browser-side search matches substrings, which copes with noun-class prefixes (umgodi, imigodi).
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

_HEADING = re.compile(r'<h([1-3])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
# ... and the build's size placeholders (%%ASM_ZIM_MB%%), filled in the pages after the index is written
_DROP = re.compile(r'<a class="headerlink"[^>]*>.*?</a>|<script.*?</script>|<style.*?</style>|%%ASM_[A-Z_]+%%', re.S)


@dataclass
class IndexedPage:
    title: str
    url: str                         # relative to the language's root, e.g. "modules/safety/"
    fallback: bool                   # English page shown because no translation exists
    sections: list[tuple[str, str, str]] = field(default_factory=list)   # heading, id, text


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub(" ", fragment)).split())


def sections_of(content_html: str) -> list[tuple[str, str, str]]:
    """Split rendered page content at its headings: one searchable piece per section."""
    content_html = _DROP.sub("", content_html)
    out: list[tuple[str, str, str]] = []
    matches = list(_HEADING.finditer(content_html))
    intro = _text(content_html[:matches[0].start()] if matches else content_html)
    if intro:
        out.append(("", "", intro))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(content_html)
        out.append((_text(m.group(3)), m.group(2), _text(content_html[m.end():end])))
    return out


def per_part(page: IndexedPage, parts: list[tuple[str, frozenset[str]]]) -> list[IndexedPage]:
    """A page served in short parts is searched part by part, so a hit opens the part that holds
    it. `parts` gives each part's URL and ids in order; text before the first heading goes with
    the first part."""
    return [IndexedPage(page.title, url, page.fallback,
                        [s for s in page.sections if s[1] in ids or (not s[1] and number == 0)])
            for number, (url, ids) in enumerate(parts)]
