"""Checks on the built site: every href/src resolves, and nothing loads from another host."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..source.findings import Finding

# elements whose URL the browser fetches by itself, without the reader clicking
_LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
          ("source", "srcset"), ("img", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"),
          ("object", "data"), ("frame", "src"), ("input", "src"), ("track", "src"), ("video", "poster"),
          ("use", "href"), ("image", "href")}
# link rels whose file the browser downloads by itself, and those that only contact its host
FETCHING_RELS = frozenset({"stylesheet", "preload", "prefetch", "icon", "manifest", "modulepreload"})
CONTACTING_RELS = FETCHING_RELS | {"preconnect", "dns-prefetch"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class Ref:
    line: int
    tag: str
    attr: str
    url: str
    rel: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[Ref] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("href", "src", "srcset", "data", "poster"):
            if key in values:
                self.refs.append(Ref(self.getpos()[0], tag, key, values[key].strip(), values.get("rel", "")))


def html_refs(text: str) -> list[Ref]:
    collector = _Collector()
    collector.feed(text)
    return collector.refs


def _is_external(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url)) or url.startswith("//")


def loads_by_itself(ref: Ref, rels: frozenset[str] = FETCHING_RELS) -> bool:
    """Does the browser fetch this URL without the reader doing anything?"""
    if ref.tag == "link":
        return ref.attr == "href" and bool(set(ref.rel.split()) & rels)
    return (ref.tag, ref.attr) in _LOADS


def site_path(site: Path, page: Path, url: str, base_path: str) -> Path | None:
    """The file in site/ a local URL written in `page` points at (index.html for a folder)."""
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if path.startswith("/"):
        if not path.startswith(base_path):
            return site / "__outside_site__"
        resolved = site / path[len(base_path):]
    else:
        resolved = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), path)))
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def _ids(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        cache[page] = set(_ID.findall(page.read_text(encoding="utf-8", errors="replace")))
    return cache[page]


def broken_links(site: Path, base_path: str = "/") -> list[Finding]:
    """Every internal href/src in every HTML file must land on a file in site/, and a link to an
    anchor (#id) on an element with that id: pages cut into parts must send each anchor to its part."""
    found: list[Finding] = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        display = page.relative_to(site).as_posix()
        for ref in html_refs(page.read_text(encoding="utf-8", errors="replace")):
            if ref.attr == "srcset" or not ref.url or _is_external(ref.url):
                continue
            target = page if ref.url.startswith("#") else site_path(site, page, ref.url, base_path)
            if target is not None and not target.exists():
                found.append(Finding(f"site/{display}", ref.line, "SITE001",
                                     f"<{ref.tag} {ref.attr}=\"{ref.url}\"> leads nowhere",
                                     "Fix the link in the page or template that produced it."))
                continue
            fragment = unquote(urlsplit(ref.url).fragment)
            if (target is not None and fragment and ref.tag == "a" and target.suffix == ".html"
                    and fragment not in _ids(target, ids)):
                found.append(Finding(f"site/{display}", ref.line, "SITE004",
                                     f"<a href=\"{ref.url}\"> points at #{fragment}, which that page does not have",
                                     "Fix the anchor in the page or template that produced it."))
    return found


def third_party_loads(site: Path) -> list[Finding]:
    """Anything in HTML or CSS that makes the browser contact another host by itself."""
    found: list[Finding] = []
    for page in sorted(site.rglob("*.html")):
        display = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8", errors="replace")
        for ref in html_refs(text):
            if loads_by_itself(ref, CONTACTING_RELS) and _is_external(ref.url) and not ref.url.startswith("data:"):
                found.append(Finding(f"site/{display}", ref.line, "SITE002",
                                     f"<{ref.tag} {ref.attr}=\"{ref.url}\"> loads from another host",
                                     "Ship the file with the site or remove it."))
        if "<style" not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for m in _CSS_URL.finditer(line):
                url = m.group(1) or m.group(2)
                if _is_external(url) and not url.startswith("data:"):
                    found.append(Finding(f"site/{display}", number, "SITE002", f"inline style loads {url}", ""))
    for sheet in sorted(site.rglob("*.css")):
        display = sheet.relative_to(site).as_posix()
        for number, line in enumerate(sheet.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            for m in _CSS_URL.finditer(line):
                url = (m.group(1) or m.group(2)).strip()
                if _is_external(url) and not url.startswith("data:"):
                    found.append(Finding(f"site/{display}", number, "SITE002", f"stylesheet loads {url}", ""))
    for script in sorted(site.rglob("*.js")):
        text = script.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"https?://(?:fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg|www\.google-analytics|"
                             r"www\.googletagmanager)[\w./-]*", text):
            found.append(Finding(f"site/{script.relative_to(site).as_posix()}", 0, "SITE003",
                                 f"script refers to {m.group(0)}",
                                 "Only a warning: the theme fetches it only in rare cases (see the browser tests).",
                                 "warning"))
    return found
