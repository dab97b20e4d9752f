"""One language's built pages, prepared for Kiwix, and the download page's "no data" block.

A ZIM file is read in the Kiwix app or served by kiwix-serve from a hotspot, with no web server of
ours behind it: no service worker, no "save for offline", no switcher to languages the file does not
hold, no address that ends in a folder (a ZIM holds files, not folders). So the pages are copied into
a staging folder and changed there; the site itself is left as it is.
"""
from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..checks.site_links import _is_external, html_refs, site_path
from ..content.ui_strings import UiStrings
from ..source.findings import Finding
from .offline import language_files

NO_DATA_START = "<!-- asm:no-data:start -->"
NO_DATA_END = "<!-- asm:no-data:end -->"
ZIM_SIZE = "%%ASM_ZIM_MB%%"          # the ZIM's size, written into the page once the file exists
OFFLINE_SIZE = "%%ASM_OFFLINE_MB%%"  # the phone save's size, written by the offline list (hooks/phone_first.py)
# files that only a web server of ours can use
_WEB_ONLY = re.compile(r"(^|/)(offline\.json|manifest\.webmanifest|sw\.js|404\.html)$")
# chrome that cannot work in Kiwix, by its opening tag: the language switcher, the offline box,
# the links to the repository (no data, no GitHub)
_DROP_ELEMENTS = (r'<div class="md-header__option">', r'<div id="asm-offline"', r'<div class="md-nav__source">')
# ... and the edit button and "suggest a better wording" under each section (GitHub forms)
_DROP_TAGS = re.compile(r'<link rel="(?:manifest|canonical)"[^>]*>\n?|<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>\n?'
                        r'|<p class="asm-suggest">.*?</p>\n?', re.S)
_URL_ATTR = re.compile(r'\b(href|src|action)="([^"]*)"')


@dataclass(frozen=True)
class StagedLanguage:
    root: Path                 # the staging folder, laid out as site/ is
    welcome: str               # the home page, relative to root
    pages: tuple[str, ...]     # the HTML files, relative to root
    files: int                 # every file staged
    problems: tuple[Finding, ...] = ()   # internal links that go nowhere


def _drop_element(text: str, opening: str, tag: str = "div") -> str:
    """Remove every element that starts with `opening`, with what it holds (nested tags counted)."""
    while (start := text.find(opening)) >= 0:
        depth, at = 0, start
        for match in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(text, start):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                at = match.end()
                break
        else:
            return text[:start]
        text = text[:start] + text[at:].removeprefix("\n")
    return text


def kiwix_html(text: str) -> str:
    """A built page without the chrome that needs our web server or other languages."""
    for opening in _DROP_ELEMENTS:
        text = _drop_element(text, opening)
    text = _DROP_TAGS.sub("", text)
    while (start := text.find(NO_DATA_START)) >= 0:
        end = text.find(NO_DATA_END, start)
        text = text[:start] + (text[end + len(NO_DATA_END):] if end >= 0 else "")
    return text


def _rewrite_links(text: str, page: Path, site: Path, staged: set[Path], base_path: str, online: str) -> str:
    """Links to a folder go to its index.html; links to another language's files go to the site online."""
    def fix(match: re.Match) -> str:
        attr, url = match.group(1), html.unescape(match.group(2))
        if not url or url.startswith("#") or _is_external(url) or url.startswith("/") and not url.startswith(base_path):
            return match.group(0)
        target = site_path(site, page, url, base_path)
        if target is None:
            return match.group(0)
        parts = urlsplit(url)
        tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        target = Path(posixpath.normpath(target.as_posix()))   # no symbolic links: the checks refuse them
        rel = target.relative_to(site).as_posix() if target.is_relative_to(site) else ""
        if target in staged:
            new = posixpath.relpath(rel, page.parent.relative_to(site).as_posix() or ".")
        elif rel and target.is_file():
            new = online.rstrip("/") + "/" + rel.removesuffix("index.html")
        else:
            return match.group(0)       # goes nowhere: broken_links names it
        return f'{attr}="{html.escape(new + tail)}"'
    return _URL_ATTR.sub(fix, text)


def _staged_files(site: Path, prefix: str, others: list[str], base_path: str) -> list[Path]:
    """What a reader of the language opens (the phone save's list) and every handout, for printing too."""
    files = [f for f in language_files(site, prefix, others, base_path)
             if not _WEB_ONLY.search(f.relative_to(site).as_posix())]
    handouts = site / prefix / "handouts"
    seen = {f.resolve() for f in files}
    files += [f for f in sorted(handouts.rglob("*")) if f.is_file() and f.resolve() not in seen] if handouts.is_dir() else []
    return files


def stage_language(site: Path, prefix: str, others: list[str], dest: Path, online_url: str,
                   base_path: str = "/") -> StagedLanguage:
    """Copy one language of the built site into `dest` and prepare its pages for Kiwix."""
    if dest.exists():
        shutil.rmtree(dest)
    site = site.resolve()
    files = _staged_files(site, prefix, others, base_path)
    staged = set(files)
    pages = []
    for path in files:
        rel = path.relative_to(site).as_posix()
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            text = kiwix_html(path.read_text(encoding="utf-8"))
            out.write_text(_rewrite_links(text, path, site, staged, base_path, online_url), encoding="utf-8")
            pages.append(rel)
        else:
            shutil.copyfile(path, out)
    welcome = f"{prefix}index.html"
    return StagedLanguage(dest, welcome, tuple(pages), len(files), tuple(broken_links(dest, pages)))


def broken_links(root: Path, pages: list[str]) -> list[Finding]:
    """Every local href and src of the staged pages must be a file in the staging folder."""
    found = []
    for rel in pages:
        page = root / rel
        for ref in html_refs(page.read_text(encoding="utf-8")):
            url = ref.url
            if not url or url.startswith("#") or _is_external(url):
                continue
            path = urlsplit(url).path
            target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), path))) if path else page
            if url.startswith("/") or not target.resolve().is_relative_to(root.resolve()) or not target.is_file():
                found.append(Finding(rel, ref.line, "ZIM010", f"link `{url}` goes to no file of the ZIM",
                                     "Fix the link in the page's Markdown (make check names it too), or the "
                                     "template that writes it; the ZIM was not written."))
        for placeholder in (ZIM_SIZE, OFFLINE_SIZE):
            if placeholder in page.read_text(encoding="utf-8"):
                found.append(Finding(rel, 0, "ZIM011", f"the page still holds `{placeholder}`",
                                     "Only the no-data block may hold it; report this as a bug."))
    return found


def no_data_markdown(ui: UiStrings, lang: str, zim_href: str = "", zim_name: str = "") -> str:
    """The download page's block on reading with no data: the Kiwix file and the phone save, with
    their sizes (filled in when the files exist). Without a ZIM file only the phone save is named."""
    def say(key: str, **values: str) -> str:
        return html.escape(ui.get(lang, key, **values))
    lines = [NO_DATA_START, "", f"**{say('nodata_title')}**", ""]
    if zim_href:
        link = f'<a href="{html.escape(zim_href)}" download>{html.escape(zim_name)}</a>'
        lines += [f"- {say('nodata_zim', file='{file}', size=ZIM_SIZE).replace('{file}', link)}"]
    lines += [f"- {say('nodata_save', size=OFFLINE_SIZE)}", ""]
    if zim_href:
        lines += [say("nodata_how"), "", f"1. {say('nodata_step_install')}", f"2. {say('nodata_step_copy')}", f"3. {say('nodata_step_open')}",
                  "", say("nodata_hotspot"), ""]
    return "\n".join(lines + [NO_DATA_END, ""])
