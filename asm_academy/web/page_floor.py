"""The least a page could weigh, from the built page itself: the yardstick for issue 19's ratios.

Two floors: the page's own HTML (what any design must send), and a minimal page, the page's main
content in a bare HTML document with about 2 KB of CSS (what a hand-written page would send). A
next page has the CSS cached, so its floor is the minimal page without the CSS. Search's floor is
the titles and headings a result list needs. All gzip-compressed, as a static host sends them.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

_ARTICLE = re.compile(r'<article\b[^>]*>(.*)</article>', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')
FLOOR_CSS_BYTES = 2000


@dataclass(frozen=True)
class PageFloor:
    own_html: int            # the built page, gzip
    minimal: int             # main content in a bare document with the floor CSS, gzip
    minimal_cached_css: int  # the same without the CSS: a next page's floor


def gz(data: str | bytes) -> int:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return len(gzip.compress(raw, 6, mtime=0))


def floor_css(stylesheet: str, size: int = FLOOR_CSS_BYTES) -> str:
    """The first whole rules of a real stylesheet up to `size` bytes: 2 KB of CSS that compresses
    as CSS does, not as repeated filler would."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)
    out = ""
    for rule in re.findall(r"[^{}]+\{[^{}]*\}", text):
        if len(out) + len(rule.strip()) > size:
            break
        out += rule.strip()
    return out


def minimal_page(page_html: str, css: str = "") -> str:
    article = _ARTICLE.search(page_html)
    title = _TITLE.search(page_html)
    lang = _LANG.search(page_html)
    style = f"<style>{css}</style>" if css else ""
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title.group(1) if title else ""}'
            f"</title>{style}</head><body><main>{article.group(1) if article else page_html}</main></body></html>")


def page_floor(page: Path, css: str) -> PageFloor:
    html = page.read_text(encoding="utf-8")
    return PageFloor(gz(html), gz(minimal_page(html, css)), gz(minimal_page(html)))


def search_floor(first_tier: Path) -> int:
    """Titles, addresses and headings of a language's pages, nothing else: what a list of results
    must know before any text."""
    tier = json.loads(first_tier.read_text(encoding="utf-8"))
    pages = [[p[0], p[1], [s[:2] for s in p[3]]] for p in tier["pages"]]
    return gz(json.dumps(pages, ensure_ascii=False, separators=(",", ":")))
