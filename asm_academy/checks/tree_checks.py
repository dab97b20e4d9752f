"""Every content check over docs/ in all languages, without building the site.

`run_checks(root)` is what `make check` and the MkDocs hook both call.
"""
from __future__ import annotations

import difflib
import html as html_lib
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .files import published_file_findings, svg_findings
from ..source.encoding import encoding_findings
from .html_safety import source_line, unsafe_parts
from .languages import language_findings
from .programme_checks import module_facts, programme_findings
from ..content import generated
from ..content.ui_strings import load_ui
from ..source.render import renderer
from ..source.doctree import DocFile, DocTree, join_target, load_tree, stray_language_dirs
from ..source.findings import ContentError, Finding, rel
from ..translation.freshness import read_record
from ..source.frontmatter import Page, split_page
from ..source.markdown_scan import Scan, code_free_lines, html_attrs, scan
from ..source.site_config import SiteConfig, load_site_config
from ..web.short_pages import plan_parts
from ..source.structure import check_module_structure, diagram_findings, MODULE_DIR, module_pages
from ..content.termbase import Term, load_termbase
from ..content.programme import PROGRAMME_FILE, dates_finding, load_programme
from ..settings import setting_line, settings_from_file
from ..content.ui_strings import UiStrings

from ..content.generated import GLOSSARY as GLOSSARY_MARKER
REQUIRED_META = ("title",)
PAGE_MAX_BYTES = 100 * 1024      # the longest module today is about 40 KB
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PROPER_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s+$")
_URL_OK = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?$")


@dataclass
class PageData:
    file: DocFile
    display: str
    page: Page
    scan: Scan
    text: str = ""       # the file as written, read once


@dataclass
class CheckResult:
    findings: list[Finding]
    external_links: list[tuple[str, int, str]] = field(default_factory=list)   # (file, line, url)
    pages_checked: int = 0


def _load_pages(tree: DocTree, terms: list[Term]) -> dict[tuple[str, str], PageData]:
    root = tree.config.root
    glossary_ids = "\n".join(f"### {t.id} {{#{t.id}}}" for t in terms)
    out: dict[tuple[str, str], PageData] = {}
    for lang in tree.config.languages:
        for file in tree.pages(lang.code):
            display = rel(file.path, root)
            text = file.path.read_text(encoding="utf-8")
            page = split_page(text, display)
            body = page.body
            if GLOSSARY_MARKER in body:
                body = body + "\n" + glossary_ids   # anchors the glossary hook will add
            out[(lang.code, file.rel)] = PageData(file, display, page, scan(body, page.body_line), text)
    return out


def _closest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return match[0] if match else ""


def _link_findings(tree: DocTree, pages: dict[tuple[str, str], PageData], lang: str, data: PageData,
                   result: CheckResult) -> None:
    config = tree.config
    codes = {l.code for l in config.translations}
    for link in data.scan.links:
        target = link.target.strip()
        if not target:
            if link.is_image:
                result.findings.append(Finding(data.display, link.line, "IMG001", "image has no source", ""))
            continue
        if target.startswith("mailto:"):
            continue
        target = html_lib.unescape(target)      # `&#106;avascript:` is javascript: to a browser
        scheme = urlsplit(target).scheme.lower() if _EXTERNAL.match(target) else ""
        if scheme in ("javascript", "data", "vbscript", "file"):
            result.findings.append(Finding(data.display, link.line, "SAFE003", f"`{scheme}:` URL is not allowed",
                                           "Link to a page or file in this repository, or to an https:// address."))
            continue
        if scheme:
            if link.is_image:
                result.findings.append(Finding(data.display, link.line, "SAFE004",
                                               f"image loads from another host: {target}",
                                               "Save the image under docs/assets/ and link it relatively; readers "
                                               "pay for every request and third-party hosts can track them."))
                continue
            result.external_links.append((data.display, link.line, target))
            if scheme == "http":
                result.findings.append(Finding(data.display, link.line, "EXT002", f"plain http link: {target}",
                                               "Use https:// if the site offers it.", "warning"))
            elif scheme == "https" and not _URL_OK.match(target):
                result.findings.append(Finding(data.display, link.line, "EXT001", f"malformed URL: {target}",
                                               "Check for spaces or a missing domain."))
            continue
        if target.startswith("//"):
            result.findings.append(Finding(data.display, link.line, "SAFE004", f"protocol-relative URL: {target}",
                                           "Use a relative link to a file in docs/ or a full https:// address."))
            continue
        parts = urlsplit(target)
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            result.findings.append(Finding(data.display, link.line, "LINK004", f"absolute link `{target}`",
                                           "Write the link relative to this file (e.g. `../modules/safety.md`), "
                                           "so it works under any site address."))
            continue
        deliberate = re.search(r"hreflang\s*=\s*['\"]?([a-z]{2,3})", link.attrs)
        # where in the docs tree does the link point, seen from the tree the file is in?
        own = data.file.lang
        joined = join_target(data.file.rel, path)
        target_lang = lang
        if joined.startswith("../") or joined == "..":
            # leaves the language tree: from docs/sn/... this reaches the English root
            escaped = posixpath.normpath(posixpath.join(own if own != config.default.code else "", joined))
            if own == config.default.code or escaped.startswith(".."):
                result.findings.append(Finding(data.display, link.line, "LINK003", f"`{target}` points outside docs/",
                                               "Link only to files inside docs/."))
                continue
            target_lang, joined = config.default.code, escaped
            if not deliberate:
                result.findings.append(Finding(
                    data.display, link.line, "LANG001", f"`{target}` leaves the {own} tree for the English one",
                    f"Write the link as on the English page ({posixpath.relpath(joined, posixpath.dirname(data.file.rel) or '.')}); "
                    "the build falls back to English where no translation exists. For a deliberate link to "
                    "another language add `{ hreflang=en }` after it."))
                continue
        elif own == config.default.code and joined.split("/")[0] in codes:
            target_lang, joined = joined.split("/")[0], joined.split("/", 1)[1] if "/" in joined else ""
            if not deliberate:
                result.findings.append(Finding(
                    data.display, link.line, "LANG001", f"`{target}` reaches from English into the {target_lang} tree",
                    f"Link to the English page; readers switch language with the language button. For a "
                    f"deliberate link add `{{ hreflang={target_lang} }}` after it."))
                continue
        resolved = tree.resolve(target_lang, joined) if joined else data.file
        if resolved is None and joined and not posixpath.splitext(joined)[1]:
            resolved = tree.resolve(target_lang, joined.rstrip("/") + "/index.md")
        if resolved is None:
            code = "IMG001" if link.is_image else "LINK001"
            candidates = sorted(set(tree.files[target_lang]) | set(tree.english))
            guess = _closest(joined, candidates)
            hint = (f"did you mean `{posixpath.relpath(guess, posixpath.dirname(data.file.rel) or '.')}`?"
                    if guess else "Check the file name and folder; links are relative to this file.")
            result.findings.append(Finding(data.display, link.line, code, f"`{target}` does not exist "
                                           f"in the {target_lang} build", hint))
            continue
        if link.is_image:
            _image_findings(data, link.line, link.text, resolved, tree, result)
        if anchor:
            if not resolved.is_page:
                continue
            target_page = pages.get((resolved.lang, resolved.rel))
            if target_page and anchor not in target_page.scan.anchors:
                guess = _closest(anchor, sorted(target_page.scan.anchors))
                shown = posixpath.relpath(resolved.rel, posixpath.dirname(data.file.rel) or ".") \
                    if resolved.rel != data.file.rel else ""
                hint = f"did you mean `{shown}#{guess}`?" if guess else "Check the heading ids on that page."
                result.findings.append(Finding(data.display, link.line, "LINK002",
                                               f"`#{anchor}` is not a heading id on {target_page.display}", hint))


def _image_findings(data: PageData, line: int, alt: str, file: DocFile, tree: DocTree, result: CheckResult) -> None:
    if not alt.strip():
        result.findings.append(Finding(data.display, line, "IMG002", "image has no alt text",
                                       "Describe the picture in words between the brackets: ![A pit with benches](...)."))
    if file.rel.endswith(".svg"):
        result.findings.extend(_svg(file.path, rel(file.path, tree.config.root)))


_svg_cache: dict[Path, list[Finding]] = {}


def _svg(path: Path, display: str) -> list[Finding]:
    if path not in _svg_cache:
        _svg_cache[path] = svg_findings(path, display)
    return _svg_cache[path]


def _html_findings(data: PageData, result: CheckResult, render, expand) -> None:
    for tag in data.scan.html:
        attrs = html_attrs(tag.source[len(tag.name) + 1:])
        if tag.name == "img" and not attrs.get("alt", "").strip():
            result.findings.append(Finding(data.display, tag.line, "IMG002", "<img> has no alt text",
                                           "Add alt=\"...\" describing the picture."))
    source = data.text
    body = expand(data.page.body, data.file.lang)
    seen: set[tuple[int, str]] = set()
    for part in unsafe_parts(render(body)):
        line = source_line(source, part.needle, data.page.body_line)
        if (line, part.what) in seen:
            continue
        seen.add((line, part.what))
        result.findings.append(Finding(data.display, line, "SAFE010", f"{part.what} is not allowed",
                                       "Remove it: pages hold text, pictures and links, nothing that runs or loads "
                                       "from elsewhere (the allowlist is in asm_academy/checks/html_safety.py)."))


def _heading_findings(data: PageData, result: CheckResult, source: PageData | None = None) -> None:
    seen: dict[str, int] = {}
    english = [h for h in source.scan.headings if h.level in (2, 3)] if source else []
    ours = [h for h in data.scan.headings if h.level in (2, 3)]
    for h in data.scan.headings:
        if h.level in (2, 3) and not h.explicit:
            if source is None:
                hint = f"Write `{'#' * h.level} {h.text} {{#{h.id}}}`."
            else:      # a translation keeps the English id: suggest the one at the same place
                index = ours.index(h)
                same = english[index].id if index < len(english) else "<the English heading's id>"
                hint = f"Write `{'#' * h.level} {h.text} {{#{same}}}`: the id of the English heading it translates."
            result.findings.append(Finding(data.display, h.line, "ANCH003", f"heading `{h.text}` has no explicit id",
                                           hint))
        if h.id in seen:
            result.findings.append(Finding(data.display, h.line, "ANCH004", f"id `{h.id}` is used twice "
                                           f"(first on line {seen[h.id]})", "Give each heading its own id."))
        seen.setdefault(h.id, h.line)


def _parity_findings(source: PageData, data: PageData, result: CheckResult) -> None:
    ids = [h.id for h in source.scan.headings]
    mine = {h.id: h.line for h in data.scan.headings}
    for hid in ids:
        if hid not in mine:
            guess = _closest(hid, [h for h in mine if h not in ids])
            hint = f"rename `{{#{guess}}}` to `{{#{hid}}}`?" if guess else \
                f"Translate that section and keep its id: `## ... {{#{hid}}}`."
            result.findings.append(Finding(data.display, 0, "ANCH001",
                                           f"heading id `{hid}` of {source.display} is missing", hint))
    for hid, line in mine.items():
        if hid not in ids:
            result.findings.append(Finding(data.display, line, "ANCH002",
                                           f"heading id `{hid}` is not on the English page {source.display}",
                                           "Use the same ids as the English page; links and handouts point at them."))


def _meta_findings(config: SiteConfig, lang: str, data: PageData, result: CheckResult) -> None:
    result.findings.extend(data.page.problems)
    if data.page.problems:
        return
    for key in REQUIRED_META:
        if not str(data.page.meta.get(key) or "").strip():
            result.findings.append(Finding(data.display, 1, "META004", f"front matter has no `{key}`",
                                           f"Add `{key}: ...` between the `---` lines."))
    if lang != config.default.code:
        _, problems = read_record(data.page.meta, data.page.meta_lines, data.display)
        result.findings.extend(problems)


def _term_pattern(terms: list[Term], lang: str, default: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex for every English term that has a different form in `lang`."""
    forms: dict[str, str] = {}
    for term in terms:
        en, mine = term.forms.get(default), term.forms.get(lang)
        if not en or not mine or mine.term.casefold() == en.term.casefold():
            continue
        word = re.sub(r"\s*\(.*?\)", "", en.term).strip()
        if len(word) >= 3:
            forms.setdefault(word.casefold(), mine.term)
    if not forms:
        return None, forms
    words = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w(/#-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I), forms


def _term_findings(pattern: re.Pattern | None, forms: dict[str, str], data: PageData, result: CheckResult) -> None:
    """Warn where a translated page uses the English word although the termbase has a translation."""
    if pattern is None:
        return
    sources = next((h.line for h in data.scan.headings if h.id == "sources"), None)
    for number, line in code_free_lines(data.page.body, data.page.body_line):
        if sources is not None and number >= sources:
            break       # titles of cited works stay as published
        # leave out link targets, attribute lists, (bracketed glosses), <tags> and *titles in italics*
        visible = re.sub(r"\]\([^)]*\)|\{[^}]*\}|\([^)]*\)|<[^>]+>|(?<![*\w])\*[^*\n]+\*(?![*\w])", " ", line)
        for match in pattern.finditer(visible):
            word, mine = match.group(1), forms[match.group(1).casefold()]
            if word[0].isupper() and _PROPER_NAME_BEFORE.search(visible[:match.start()]):
                continue    # part of a name, e.g. "Mines and Minerals Bill", "Law Association"
            result.findings.append(Finding(data.display, number, "TERM101",
                                           f"English term `{word}` used; the termbase says `{mine}`",
                                           f"Write `{mine}` (you may add `({word})` in brackets the first time).",
                                           "warning"))


def check_tree(root: Path, site: SiteConfig | None = None) -> CheckResult:
    """Every content check over the docs tree; a build passes the mkdocs.yml it has already read."""
    try:
        config = site or load_site_config(root)
    except ContentError as exc:
        return CheckResult([exc.finding])
    result = CheckResult([])
    for stray in stray_language_dirs(config):
        result.findings.append(Finding(rel(stray, root), 0, "I18N002",
                                       f"folder `{stray.name}/` would be taken for a language and silently dropped",
                                       f"Add `{stray.name}` to plugins > i18n > languages in mkdocs.yml, or rename "
                                       "the folder (e.g. move it under docs/assets/)."))
    encoding = encoding_findings(config)
    if encoding:
        return CheckResult(encoding)        # nothing else can be read until these files are UTF-8
    result.findings.extend(language_findings(config))
    result.findings.extend(published_file_findings(config))
    tree = load_tree(config)
    terms, term_problems = load_termbase(root, [l.code for l in config.languages], config.default.code)
    result.findings.extend(term_problems)
    pages = _load_pages(tree, terms)
    render = renderer(config)
    ui: UiStrings | None = None
    try:
        ui = load_ui(root, config.default.code, config.names)
        expand = lambda text, code: generated.expand(text, code, terms=terms, ui=ui)   # noqa: E731
    except ContentError as exc:
        result.findings.append(exc.finding)
        expand = lambda text, code: text   # noqa: E731
    result.pages_checked = len(pages)
    default = config.default.code
    nav = set(config.nav_pages)
    term_patterns = {l.code: _term_pattern(terms, l.code, default) for l in config.translations}
    for rel_path in config.nav_pages:
        if rel_path not in tree.english:
            only_in = [l.code for l in config.translations if rel_path in tree.files.get(l.code, {})]
            hint = (f"docs/{only_in[0]}/{rel_path} exists, but every page needs its English source first (the "
                    f"other languages fall back to it): add docs/{rel_path}." if only_in else
                    f"Create docs/{rel_path} or remove the entry from `nav:`.")
            result.findings.append(Finding("mkdocs.yml", config.nav_lines.get(rel_path, 0), "NAV002",
                                           f"nav entry `{rel_path}` has no English file", hint))
    for (lang, rel_path), data in sorted(pages.items()):
        size = data.file.path.stat().st_size
        if size > PAGE_MAX_BYTES:
            result.findings.append(Finding(data.display, 1, "SIZE001", f"page is {size // 1024} KB of Markdown; "
                                           f"the budget is {PAGE_MAX_BYTES // 1024} KB", "Readers pay for every byte, "
                                           "and so does every search in this language: split it into modules.",
                                           "warning"))
        _meta_findings(config, lang, data, result)
        _heading_findings(data, result, pages.get((default, rel_path)) if lang != default else None)
        _html_findings(data, result, render, expand)
        _link_findings(tree, pages, lang, data, result)
        if lang == default:
            if rel_path not in nav:
                result.findings.append(Finding(data.display, 0, "NAV001", "page is not in the nav",
                                               "Add it to `nav:` in mkdocs.yml so every language's menu shows it."))
            if rel_path.startswith(MODULE_DIR) and rel_path != f"{MODULE_DIR}index.md":
                result.findings.extend(check_module_structure(data.display, data.page, data.scan, root,
                                                              english=True, term_ids={t.id for t in terms}))
                result.findings.extend(diagram_findings(data.display, data.page, data.scan))
        else:
            source = pages.get((default, rel_path))
            if source is None:
                result.findings.append(Finding(data.display, 0, "I18N001", "translated page has no English source",
                                               f"Add docs/{rel_path} first, or move this file to the path of the "
                                               "English page it translates."))
                continue
            _parity_findings(source, data, result)
            _term_findings(*term_patterns[lang], data, result)
            if rel_path.startswith(MODULE_DIR) and rel_path != f"{MODULE_DIR}index.md":
                result.findings.extend(check_module_structure(data.display, data.page, data.scan, root,
                                                              english=False, term_ids={t.id for t in terms}))
                result.findings.extend(diagram_findings(data.display, data.page, data.scan, source.page.meta))
    # English pages also serve as fallbacks: their links must work from every language's tree.
    # Report only what breaks there and not already in English, so one mistake gives one finding.
    reported = {(f.path, f.line, f.code) for f in result.findings}
    for lang in config.translations:
        for rel_path, file in tree.english.items():
            if file.is_page and rel_path not in tree.files[lang.code]:
                probe = CheckResult([])
                _link_findings(tree, pages, lang.code, pages[(default, rel_path)], probe)
                result.findings.extend(f for f in probe.findings if f.code in ("LINK001", "LINK002", "IMG001")
                                       and (f.path, f.line, f.code) not in reported)
    result.findings.extend(plan_parts(tree, module_pages(tree))[1])   # PART: can a module be served in short parts?
    result.findings.extend(_programme_findings(tree, pages, ui))
    result.findings = follow_on_summary(sorted(set(result.findings)))
    return result


def _programme_findings(tree: DocTree, pages: dict[tuple[str, str], PageData], ui: UiStrings | None) -> list[Finding]:
    """The workshop programme against nav and the modules; a page that shows it needs the file."""
    config = tree.config
    load = load_programme(config.root)
    found = list(load.findings)
    if load.programme is None and not load.findings:
        for data in pages.values():
            for offset, line in enumerate(data.page.body.split("\n")):
                if line.strip() == generated.PROGRAMME:
                    found.append(Finding(data.display, data.page.body_line + offset, "PROG001",
                                         f"the page shows the workshop programme, but {PROGRAMME_FILE} is missing",
                                         f"Restore {PROGRAMME_FILE} (WRITING.md, \"The workshop programme\"), or "
                                         "remove the marker line."))
    if load.programme is None:
        return found
    default = config.default.code
    modules = {rel: module_facts(pages[(default, rel)].display, pages[(default, rel)].page, pages[(default, rel)].scan)
               for rel in module_pages(tree) if (default, rel) in pages}
    found += programme_findings(load.programme, modules, config.nav_pages, ui)
    try:
        dates = settings_from_file(config.root).workshop.dates
    except ContentError:
        return found          # a bad setting stops the build with its own message (CONF012)
    late = dates_finding(load.programme, dates, "mkdocs.yml", setting_line("mkdocs.yml", "workshop", config.root))
    return found + ([late] if late else [])


# a broken data file makes many pages wrong at once: name it, and count the rest instead of listing them
ROOT_CAUSES = ("YAML001", "YAML002", "TERM001", "UI001", "UI002", "CONF001", "CONF002")


def follow_on_summary(findings: list[Finding]) -> list[Finding]:
    causes = [f for f in findings if f.code in ROOT_CAUSES and f.severity == "error"]
    rest = [f for f in findings if f.severity == "error" and f not in causes]
    if not causes or len(rest) < 10:
        return findings
    first = causes[0]
    summary = Finding(first.path, first.line, "MORE001", f"{len(rest)} more errors follow, most of them from this "
                      "file; they are not listed", f"Fix {first.code} in {first.path} first, then run `make check` again.")
    return causes + [summary] + [f for f in findings if f.severity != "error"]
