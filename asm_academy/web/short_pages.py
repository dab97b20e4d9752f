"""Long pages served as short parts: opening the next part costs a phone at most about 10 KB.

A module stays one Markdown file for authors, translators, checks and handouts. The build cuts
its page into parts at level-2 headings. The cut is planned from the sources of every language
at once, so part n holds the same sections in every language and the language switcher goes from
part to part. The glossary files terms by each language's own alphabet, so it is cut per language
and its switcher goes to the part that holds the same term. Part 1 keeps the page's address;
part n lives beside it (modules/safety-2/), at the same depth, so every relative link in the page
stays valid.
"""
from __future__ import annotations

import gzip
import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlsplit

from ..source.doctree import DocTree
from ..source.findings import Finding, rel
from ..source.frontmatter import split_page
from ..source.markdown_scan import Heading, scan
from ..settings import Settings
from .page_weight import gz_size

PART_BUDGET = Settings.part_budget   # the default; a build passes settings.part_budget
HTML_PER_MARKDOWN = 1.25  # a section's compressed HTML is at most about 1.2x its compressed Markdown


@dataclass(frozen=True)
class Part:
    number: int            # 1-based
    title: str             # text of its first level-2 heading
    url: str               # site URL, e.g. "modules/safety-2/"
    ids: frozenset[str]    # every element id inside the part


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 6, mtime=0))


@dataclass(frozen=True)
class _Section:
    text: str                # its Markdown, from its level-2 heading to the next one
    headings: list[Heading]  # its own and those below it
    images: list[str]        # image targets written in it


def _sections(text: str) -> list[_Section]:
    """The page's Markdown cut before each level-2 heading (what precedes the first one goes with it)."""
    found = scan(text)
    lines = text.split("\n")
    starts = [h.line - 1 for h in found.headings if h.level == 2]
    if not starts:
        return []
    bounds = [0, *starts[1:], len(lines)]
    return [_Section("\n".join(lines[start:end]), [h for h in found.headings if start < h.line <= end],
                     [link.target for link in found.links if link.is_image and start < link.line <= end])
            for start, end in zip(bounds, bounds[1:])]


def section_sizes(text: str, image_size: Callable[[str], int]) -> list[int]:
    """Estimated compressed size of each level-2 section; images count by their own compressed size."""
    return [int(_gz(section.text) * HTML_PER_MARKDOWN) + sum(image_size(t) for t in section.images)
            for section in _sections(text)]


def part_ids(text: str, counts: tuple[int, ...], level: int = 2) -> list[tuple[str, ...]]:
    """The ids of each part's headings of `level` and below, in page order."""
    sections, out, seen = _sections(text), [], 0
    for count in counts:
        out.append(tuple(h.id for section in sections[seen:seen + count] for h in section.headings if h.level >= level))
        seen += count
    return out


def plan_each_language(texts: dict[str, str], budget: int = PART_BUDGET) -> dict[str, tuple[int, ...]]:
    """A cut per language, for a page whose languages order it differently (the glossary files each
    term under its own language's alphabet). Languages whose page fits in one part are left out."""
    plans = {}
    for lang, text in texts.items():
        counts = group(section_sizes(text, lambda target: 0), budget)
        if len(counts) > 1:
            plans[lang] = tuple(counts)
    return plans


def same_place(ids_here: tuple[str, ...], parts_there: list[tuple[str, ...]]) -> tuple[int, str] | None:
    """The part of another language's page that holds the first id this part holds, and that id."""
    for wanted in ids_here:
        for number, ids in enumerate(parts_there, start=1):
            if wanted in ids:
                return number, wanted
    return None


def group(sizes: list[int], budget: int = PART_BUDGET) -> list[int]:
    """How many sections go into each part: in order, a new part when the next section would
    take the current one over budget. A section bigger than the budget gets a part of its own."""
    counts: list[int] = []
    used = 0
    for size in sizes:
        if counts and used + size <= budget:
            counts[-1] += 1
            used += size
        else:
            counts.append(1)
            used = size
    return counts


def _first_level2_difference(english: Path, translation: Path) -> int:
    """The line of the translation where its `##` headings stop matching the English ones."""
    def level2(path: Path) -> list[Heading]:
        return [h for h in scan(path.read_text(encoding="utf-8")).headings if h.level == 2]
    theirs, ours = level2(english), level2(translation)
    for index, heading in enumerate(ours):
        if index >= len(theirs) or heading.id != theirs[index].id:
            return heading.line
    missing = theirs[len(ours)].id if len(ours) < len(theirs) else ""
    near = next((h.line for h in scan(translation.read_text(encoding="utf-8")).headings if h.id == missing), 0)
    return near or (ours[-1].line if ours else 1)


def plan_parts(tree: DocTree, pages: list[str], budget: int = PART_BUDGET) -> tuple[dict[str, tuple[int, ...]], list[Finding]]:
    """Sections per part for each page that needs cutting, the same in every language."""
    plans: dict[str, tuple[int, ...]] = {}
    problems: list[Finding] = []
    root = tree.config.root
    for page in pages:
        per_language: dict[str, list[int]] = {}
        for language in tree.config.languages:
            served = tree.resolve(language.code, page)
            if served is None:
                continue

            def image_size(target: str, _served=served) -> int:
                found = tree.resolve_link(_served, target)
                return gz_size(found.path) if found else 0

            body = split_page(served.path.read_text(encoding="utf-8"), rel(served.path, root)).body
            per_language[rel(served.path, root)] = section_sizes(body, image_size)
        if len({len(s) for s in per_language.values()}) > 1:
            counts = ", ".join(f"{path}: {len(s)}" for path, s in per_language.items())
            english_path, english = next(iter(per_language.items()))
            odd = next((path for path, s in per_language.items() if len(s) != len(english)), english_path)
            problems.append(Finding(
                odd, _first_level2_difference(root / english_path, root / odd), "PART001",
                f"the languages do not have the same number of level-2 sections ({counts}); the page would be "
                "served whole in every language and its part addresses would break",
                "Give every translation the same `## ` headings as the English page (same ids, same order)."))
            continue
        sizes = [max(column) for column in zip(*per_language.values())]
        counts = group(sizes, budget)
        stem = page.removesuffix(".md")
        taken = [f"{stem}-{n}" for n in range(2, len(counts) + 1)
                 if any(f"{stem}-{n}{end}" in tree.english for end in (".md", "/index.md"))]
        if taken:
            problems.append(Finding(
                page if page in tree.english else next(iter(per_language)), 0, "PART002",
                f"its parts would be served at the address of the page `{taken[0]}.md`, so it is served whole",
                f"Rename `{taken[0]}.md`: a page name that ends in -2, -3, ... after another page's name is taken "
                "by that page's parts.", severity="warning"))
        elif len(counts) > 1:
            plans[page] = tuple(counts)
    return plans, problems


def part_url(url: str, number: int) -> str:
    """modules/safety/ -> modules/safety-2/ (or modules/safety.html -> modules/safety-2.html)."""
    if number == 1:
        return url
    if url.endswith("/"):
        return f"{url[:-1]}-{number}/"
    stem, ext = posixpath.splitext(url)
    return f"{stem}-{number}{ext}"


def part_dest(dest: str, number: int) -> str:
    """The file a part is written to, from the page's: modules/safety/index.html -> modules/safety-2/index.html."""
    if dest.endswith("/index.html"):
        return part_url(dest[: -len("index.html")], number) + "index.html"
    return part_url(dest, number)


_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_H2_ID = re.compile(r'<h2\b[^>]*\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_OPEN = "<!--asm:part {n}-->"
_CLOSE = "<!--/asm:part-->"


def cut_content(content: str, counts: tuple[int, ...], url: str) -> tuple[str, list[Part]]:
    """Mark the parts in the page content (comments the template carries through untouched)."""
    starts = [m.start() for m in _H2.finditer(content)]
    if len(starts) != sum(counts):
        return content, []
    bounds, seen = [0], 0
    for count in counts[:-1]:
        seen += count
        bounds.append(starts[seen])
    bounds.append(len(content))
    parts: list[Part] = []
    pieces: list[str] = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        chunk = content[start:end]
        titles = [" ".join(html_lib.unescape(_TAG.sub("", _HEADERLINK.sub("", h))).split()) for h in _H2.findall(chunk)]
        # a part is named by its first heading; a run of letter headings (the glossary) by its range
        title = f"{titles[0]}–{titles[-1]}" if len(titles) > 1 and all(len(t) == 1 for t in titles) else \
            (titles[0] if titles else "")
        parts.append(Part(number, title, part_url(url, number), frozenset(_ID.findall(chunk))))
        pieces.append(_OPEN.format(n=number) + chunk + _CLOSE)
    return "".join(pieces), parts


def resolve_url(href: str, page_url: str) -> tuple[str, str] | None:
    """(site URL, fragment) an href written in `page_url` points at; None for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    if not parts.path:
        return page_url, parts.fragment
    base = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    target = posixpath.normpath(posixpath.join(base, parts.path))
    target = "" if target == "." else target
    if target and (parts.path.endswith("/") or parts.path in (".", "..")):
        target += "/"
    return target, parts.fragment


def relative_url(target: str, page_url: str) -> str:
    """How `page_url` writes a link to `target` (both site URLs, as MkDocs gives them)."""
    base = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    path = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or not target:
        path = "./" if path == "." else path.rstrip("/") + "/"
    return path


_A_TAG = re.compile(r"<a\b[^>]*>", re.S)
_HREF = re.compile(r'(\shref=")([^"]*)(")')


def rewrite_links(page_html: str, page_url: str, parts_by_url: dict[str, list[Part]], served_url: str | None = None) -> str:
    """Links to an anchor of a cut page go to the part that holds it. `page_html` was made for
    `page_url`; it is served at `served_url` (a part's address) when that differs."""
    served_url = page_url if served_url is None else served_url

    def fix(tag: re.Match) -> str:
        text = tag.group(0)
        if "hreflang=" in text:          # the language switcher: see `part_html`
            return text
        href = _HREF.search(text)
        if not href:
            return text
        found = resolve_url(html_lib.unescape(href.group(2)), page_url)
        if found is None or found[0] not in parts_by_url:
            return text
        target, fragment = found
        holder = next((p for p in parts_by_url[target] if fragment in p.ids), parts_by_url[target][0])
        if holder.url == served_url:
            new = f"#{fragment}" if fragment else "./"
        else:
            new = relative_url(holder.url, served_url) + (f"#{fragment}" if fragment else "")
        return text[:href.start(2)] + html_lib.escape(new) + text[href.end(2):]

    return _A_TAG.sub(fix, page_html)


@dataclass(frozen=True)
class PartLabels:
    part: str        # "Part {number} of {total}"
    parts: str       # accessible name of the list of parts
    previous: str    # "Previous part"
    next: str        # "Next part"


def _nav(parts: list[Part], current: Part, labels: PartLabels) -> str:
    items = "".join(f'<li aria-current="page">{html_lib.escape(p.title)}</li>' if p is current else
                    f'<li><a href="{html_lib.escape(relative_url(p.url, current.url))}">{html_lib.escape(p.title)}</a></li>'
                    for p in parts)
    label = labels.part.format(number=current.number, total=len(parts))
    return (f'<details class="asm-parts"><summary>{html_lib.escape(label)}</summary>'
            f'<ol aria-label="{html_lib.escape(labels.parts)}">{items}</ol></details>')


def _pager(parts: list[Part], current: Part, labels: PartLabels) -> str:
    links = []
    if current.number > 1:
        before = parts[current.number - 2]
        links.append(f'<a class="asm-pager__prev" rel="prev" href="{html_lib.escape(relative_url(before.url, current.url))}">'
                     f'<span>{html_lib.escape(labels.previous)}</span> {html_lib.escape(before.title)}</a>')
    if current.number < len(parts):
        after = parts[current.number]
        links.append(f'<a class="asm-pager__next" rel="next" href="{html_lib.escape(relative_url(after.url, current.url))}">'
                     f'<span>{html_lib.escape(labels.next)}</span> {html_lib.escape(after.title)}</a>')
    return f'<nav class="asm-pager" aria-label="{html_lib.escape(labels.parts)}">{"".join(links)}</nav>'


_MARKED = re.compile(r"<!--asm:part (\d+)-->(.*?)<!--/asm:part-->", re.S)
_TITLE = re.compile(r"<title>")
_CANONICAL = re.compile(r'(<link rel="canonical" href=")([^"]*)(")')
_SKIP = re.compile(r'(<a href=")[^"]*(" class="md-skip")')
_SWITCH = re.compile(r'(<a href=")([^"]*)("[^>]*\shreflang=")([^"]*)')


def part_html(page_html: str, parts: list[Part], number: int, labels: PartLabels,
              switch: Callable[[str, str], str] | None = None) -> str:
    """The whole page as served for part `number`: only that part's content, with the list of parts
    on top and the way to the next part below; title, canonical address, skip link and language
    switcher follow the part. `switch(language, href)` gives the switcher's link to another
    language; by default the same part of the same page there."""
    current = parts[number - 1]

    def keep(match: re.Match) -> str:
        if int(match.group(1)) != number:
            return ""
        return _nav(parts, current, labels) + match.group(2) + _pager(parts, current, labels)

    out = _MARKED.sub(keep, page_html)
    if number > 1:
        out = _TITLE.sub(lambda m: f"<title>{html_lib.escape(current.title)} · ", out, count=1)
        canonical = _CANONICAL.search(out)
        out = _CANONICAL.sub(lambda m: m.group(1) + part_url(m.group(2), number) + m.group(3), out, count=1)
        if canonical:       # the address a share carries follows the part too (partials/share.html)
            out = _shared_address(out, canonical.group(2), part_url(canonical.group(2), number))
        chunk = next(m.group(2) for m in _MARKED.finditer(page_html) if int(m.group(1)) == number)
        heading = _H2_ID.search(chunk)
        if heading:
            out = _SKIP.sub(lambda m: f"{m.group(1)}#{heading.group(1)}{m.group(2)}", out, count=1)
    if switch is None and number == 1:
        return out
    switch = switch or (lambda language, href: part_url(href, number))
    return _SWITCH.sub(lambda m: m.group(1) + (m.group(2) if m.group(2) in ("./", "") else
                                               html_lib.escape(switch(m.group(4), html_lib.unescape(m.group(2)))))
                       + m.group(3) + m.group(4), out)


def _shared_address(html: str, whole: str, part: str) -> str:
    """og:url and the WhatsApp link's text name the part, not the page it was cut from."""
    html = html.replace(f'<meta property="og:url" content="{whole}">', f'<meta property="og:url" content="{part}">')
    return re.sub(r'(href="https://wa\.me/\?text=[^"]*?)' + re.escape(quote(html_lib.unescape(whole), safe="/")) + '"',
                  lambda m: m.group(1) + quote(html_lib.unescape(part), safe="/") + '"', html)


_URL_BLOCK = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_SITEMAP_URL = re.compile(r'(<loc>|href=")([^<"]+)')


def sitemap_with_parts(xml: str, part_counts: dict[str, int], alone: dict[str, int] | None = None) -> str:
    """Announce every part: after each cut page's entry, one entry per further part, with the
    same language alternates pointing at the same part. Pages cut per language (`alone`) get
    their parts listed without alternates: part n holds other things in each language."""
    alone = alone or {}

    def add(block: re.Match) -> str:
        text = block.group(0)
        loc = re.search(r"<loc>([^<]+)</loc>", text)
        address = html_lib.unescape(loc.group(1)) if loc else ""
        if address in alone:
            indent = text[:len(text) - len(text.lstrip())]
            return text + "".join(f"{indent}<url>\n{indent}    <loc>{html_lib.escape(part_url(address, n))}</loc>\n"
                                  f"{indent}</url>\n" for n in range(2, alone[address] + 1))
        total = part_counts.get(address)
        if not total:
            return text
        copies = [_SITEMAP_URL.sub(lambda m: m.group(1) + (html_lib.escape(part_url(html_lib.unescape(m.group(2)), n))
                                                            if html_lib.unescape(m.group(2)) in part_counts else m.group(2)),
                                   text) for n in range(2, total + 1)]
        return text + "".join(copies)

    return _URL_BLOCK.sub(add, xml)


def plan_page_per_language(tree: DocTree, page: str, expand: Callable[[str, str], str], id_level: int = 2,
                           budget: int = PART_BUDGET) -> tuple[dict[str, tuple[int, ...]], dict[str, list[tuple[str, ...]]]]:
    """The cut of each language's page (its Markdown after `expand(text, language)` fills in the
    generated parts), and the ids of each part's headings of `id_level` and below in every
    language: the switcher looks for the same id in the other language."""
    texts: dict[str, str] = {}
    for language in tree.config.languages:
        served = tree.resolve(language.code, page)
        if served is not None:
            body = split_page(served.path.read_text(encoding="utf-8"), rel(served.path, tree.config.root)).body
            texts[language.code] = expand(body, language.code)
    plans = plan_each_language(texts, budget)
    ids = {lang: part_ids(text, plans.get(lang, (len(_sections(text)),)), id_level) for lang, text in texts.items()}
    return plans, ids


@dataclass(frozen=True)
class SitePlan:
    """The cut of every long page, for every language build of one site build."""
    shared: dict[str, tuple[int, ...]]     # module -> sections per part, the same in every language
    each: dict[str, tuple[dict[str, tuple[int, ...]], dict[str, list[tuple[str, ...]]]]]   # cut per language

    def for_language(self, lang: str) -> dict[str, tuple[int, ...]]:
        plans = dict(self.shared)
        plans.update({page: counts[lang] for page, (counts, _) in self.each.items() if lang in counts})
        return plans


NO_PLAN = SitePlan({}, {})


def plan_site(tree: DocTree, modules: list[str], per_language: list[str], expand: Callable[[str, str], str],
              budget: int = PART_BUDGET) -> SitePlan:
    """Modules get one cut for every language (one that cannot be cut is served whole; the content
    checks say why, PART001/PART002). Pages in `per_language` (the glossary, which files terms by
    each language's alphabet) are cut per language, and the switcher finds the same level-3 heading."""
    shared = plan_parts(tree, modules, budget)[0]
    each = {page: plan_page_per_language(tree, page, expand, id_level=3, budget=budget) for page in per_language}
    return SitePlan(shared, each)
