"""What contributors write must be safe once rendered: an allowlist, enforced by a real sanitiser.

Pages, glossary entries and notes become HTML through Markdown (which passes raw HTML and attr_list
attributes through). The rendered HTML is compared with what nh3 (the Rust `ammonia` sanitiser)
keeps under the allowlist below. Anything it would remove is refused with the file, the line and
the tag or attribute, never silently stripped: a reader must see what the author wrote, or the
author must hear why not.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# What Markdown, its extensions and the course's own markup produce; nothing that runs or loads.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "details": {"open"},
    "ol": {"start"},
    "input": {"type", "disabled", "checked"},   # pymdownx.tasklist's check boxes
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRS = {"href", "src"}


@dataclass(frozen=True)
class Unsafe:
    what: str        # "tag <script>", "attribute onload on <svg>", "URL javascript:... in href"
    needle: str      # text to look for in the source to find the line


class _Tokens(HTMLParser):
    """Start tags with their attributes, end tags and text: what a browser would build, comparable
    between the rendered page and its sanitised copy whatever their spelling."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ("br", "hr", "img", "input"):
            self.tokens.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.tokens.append(("text", " ".join(data.split())))


def _tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def sanitised(html: str) -> str:
    return nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=False)


def _scheme(url: str) -> str:
    found = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", html_lib.unescape(url).replace("\x00", ""))
    return found.group(1).lower() if found else ""


def unsafe_parts(html: str) -> list[Unsafe]:
    """What the sanitiser would take out of `html`, named; empty when the page is safe as written."""
    found: list[Unsafe] = []
    before = _tokens(html)
    for kind, *rest in before:
        if kind != "start":
            continue
        tag, attrs = rest
        if tag not in TAGS:
            found.append(Unsafe(f"tag <{tag}>", f"<{tag}"))
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                found.append(Unsafe(f"attribute `{name}` on <{tag}>", name))
            elif name in _URL_ATTRS and _scheme(value) and _scheme(value) not in URL_SCHEMES:
                found.append(Unsafe(f"`{_scheme(value)}:` address in `{name}` of <{tag}>", value[:20] or name))
            elif tag == "img" and name == "src" and (_scheme(value) or value.strip().startswith("//")):
                found.append(Unsafe(f"an image from another host ({value[:40]})", value[:20]))
    after = [] if found else _tokens(sanitised(html))
    if not found and after != before:
        # something our reading missed but the sanitiser's HTML5 parser sees: refuse it all the same
        first = next((a for a, b in zip(before, after) if a != b), before[len(after)] if len(before) > len(after) else None)
        found.append(Unsafe(f"markup the sanitiser would change near {first!r}"[:160], "<"))
    return found


def source_line(source: str, needle: str, start: int = 1) -> int:
    """The first line of the page's source that holds `needle` (case-insensitive), else `start`."""
    lowered = needle.lower()
    lines = source.splitlines()
    for number, line in enumerate(lines, start=1):
        if number >= start and (lowered in line.lower() or lowered in html_lib.unescape(line).lower()):
            return number
    return start
