"""Which files of the built site something uses, so that the upload holds nothing else.

The theme copies its whole kit (its JavaScript bundle and search worker, lunr's language files,
palette.css, source maps) though our pages load none of it; every upload and every fork's Pages
site carried it. A file is used when a page, stylesheet, web manifest, sitemap, offline list or
download list reaches it, starting from what a host or browser asks for by name: each language's
home, the 404 pages and the sitemap.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..checks.site_links import _CSS_URL, site_path

# asked for by name, not by a link: the host's 404 page, crawlers' sitemap, the Pages domain file
ENTRY_NAMES = ("index.html", "404.html", "sitemap.xml", "robots.txt", "CNAME", ".nojekyll")
_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass(frozen=True)
class SiteFiles:
    used: frozenset[Path]
    unused: tuple[Path, ...]


class _Urls(HTMLParser):
    """Every attribute value of a page that may be an address: href, src, srcset, data-*, and a
    meta tag's absolute address (og:image names the site's own picture by its full URL)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key in ("href", "src", "data", "poster") or key.startswith("data-")):
                self.urls.append(value.strip())
            elif value and key == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif value and tag == "meta" and key == "content" and re.match(r"^https?://", value.strip()):
                self.urls.append(value.strip())


def _local(url: str) -> bool:
    return bool(url) and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#", url)


def _resolve(site: Path, source: Path, url: str, base_path: str) -> Path | None:
    target = site_path(site, source, url, base_path)
    return target.resolve() if target is not None and target.is_file() else None


def _absolute_to_local(url: str, base_path: str) -> str:
    """An absolute address as a site path: https://x.org/asm/a/ -> /asm/a/ (another host's address
    can at worst keep a file that would have gone, never remove one that is used)."""
    path = urlsplit(url).path
    return path if path.startswith(base_path) else ""


def references(site: Path, path: Path, base_path: str) -> list[Path]:
    """The files of the site that one file names."""
    suffix = path.suffix
    if suffix not in (".html", ".css", ".xml", ".webmanifest", ".json"):
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    urls: list[str] = []
    if suffix == ".html":
        parser = _Urls()
        parser.feed(text)
        urls = parser.urls
    elif suffix == ".css":
        urls = [m.group(1) or m.group(2) for m in _CSS_URL.finditer(text)]
    elif suffix == ".xml":
        urls = _LOC.findall(text)
    else:
        try:
            data = json.loads(text)
        except ValueError:
            return []
        if isinstance(data, dict):
            # web manifest: icons and start page; offline list: every file it saves
            urls = [i.get("src", "") for i in data.get("icons", []) if isinstance(i, dict)]
            urls += [data.get("start_url", "")] if isinstance(data.get("start_url"), str) else []
            urls += [u for u in data.get("urls", []) if isinstance(u, str)]
    found = []
    for url in urls:
        url = _absolute_to_local(url, base_path) if re.match(r"^https?://", url) else url
        if _local(url):
            target = _resolve(site, path, unquote(url), base_path)
            if target is not None:
                found.append(target)
    return found


def site_files(site: Path, base_path: str = "/") -> SiteFiles:
    """Walk from the entry files through everything they name."""
    site = site.resolve()
    everything = sorted(p.resolve() for p in site.rglob("*") if p.is_file())
    todo = [p for p in everything if p.name in ENTRY_NAMES and (p.name != "index.html" or p.parent == site
                                                               or (p.parent / "offline.json").exists())]
    used: set[Path] = set(todo)
    while todo:
        for target in references(site, todo.pop(), base_path):
            if target not in used:
                used.add(target)
                todo.append(target)
    # the worker of a language sits beside its offline list and is registered by address from asm.js
    used |= {p.parent / "sw.js" for p in used if p.name == "offline.json" and (p.parent / "sw.js").exists()}
    return SiteFiles(frozenset(used), tuple(p for p in everything if p not in used))


def remove_unused(site: Path, base_path: str = "/") -> list[Path]:
    """Delete what nothing uses, and the folders left empty; returns what went, site-relative."""
    gone = site_files(site, base_path).unused
    for path in gone:
        path.unlink()
    for folder, dirs, files in sorted(os.walk(site), key=lambda entry: -len(entry[0])):
        if not dirs and not files and Path(folder) != site:
            os.rmdir(folder)
        elif Path(folder) != site and not any(Path(folder).iterdir()):
            os.rmdir(folder)
    return [p.relative_to(site.resolve()) for p in gone]
