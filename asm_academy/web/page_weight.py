"""What a reader's phone downloads for a page: everything loaded without the reader doing anything.

Counts, gzip-compressed as a static host sends them: the HTML, its stylesheets, scripts, icons
(and the icon sprite <use> points at), images that are not lazy, fonts named in loaded
stylesheets, and, for Material's built-in search, the worker and index it fetches at start-up.
Requests to other hosts are counted separately: their bytes cannot be measured offline.
"""
from __future__ import annotations

import functools
import gzip
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.site_links import html_refs, loads_by_itself, site_path

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class Weight:
    page: str
    files: dict[str, int] = field(default_factory=dict)     # site path -> compressed bytes
    third_party: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())


# what a static host such as GitHub Pages compresses on the way (images and PDFs go as they are)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt")


@functools.lru_cache(maxsize=None)
def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path, base_path: str = "/") -> Weight:
    weight = Weight(page.relative_to(site).as_posix())
    weight.files[weight.page] = gz_size(page)
    text = page.read_text(encoding="utf-8", errors="replace")
    for ref in html_refs(text):
        if not loads_by_itself(ref):
            continue
        if re.match(r"^(https?:)?//", ref.url):
            weight.third_party.append(ref.url)
            continue
        target = site_path(site, page, ref.url, base_path)
        if target is None or not target.exists():
            continue
        key = target.relative_to(site).as_posix()
        weight.files[key] = gz_size(target)
        if target.suffix == ".css":
            for url in _CSS_URL.findall(target.read_text(encoding="utf-8", errors="replace")):
                if re.match(r"^(https?:)?//", url):
                    weight.third_party.append(url)
                elif url.endswith((".woff2", ".woff", ".ttf")):
                    font = site_path(site, target, url, base_path)
                    if font and font.exists():
                        weight.files[font.relative_to(site).as_posix()] = gz_size(font)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
    if config:
        data = json.loads(config.group(1))
        if data.get("search") and 'data-md-component="search"' in text:
            # Material's search starts its worker and fetches the index as soon as the page loads
            base = Path(posixpath.normpath((page.parent / data.get("base", ".")).as_posix()))
            for rel in (data["search"], "search/search_index.json"):
                target = base / rel if not rel.startswith("/") else site / rel.lstrip("/")
                if target.exists():
                    weight.files[target.relative_to(site).as_posix()] = gz_size(target)
    return weight


def next_page_bytes(first: Weight, second: Weight) -> int:
    """Bytes for opening `second` after `first`: what the browser does not have cached yet."""
    return sum(size for path, size in second.files.items() if path not in first.files)
