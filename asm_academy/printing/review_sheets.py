"""Review sheets: a fluent speaker checks a translation on paper, one numbered section at a time.

Each translated page gets an A4 PDF and an HTML view (in the language folder's `review/`): English
and translation side by side, a box per section to tick or correct, the glossary terms the section
uses with their approved translations, and the section versions it was printed from, so a review
written on paper can be recorded against the right English (`python -m asm_academy review record`).
PDFs go through the handouts' render cache: an unchanged sheet is not rendered again.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.html_safety import sanitised
from ..content.termbase import Term, TermFinder, term_finder
from ..content.ui_strings import UiStrings
from ..settings import PdfOptions
from ..source.doctree import DocTree
from ..source.findings import rel
from ..source.frontmatter import split_page
from ..translation.freshness import PageStatus, source_hash
from ..translation.page_context import page_url
from ..translation.sections import TOP, section_hashes, section_sources
from .handouts import PrintJob, atomic_write, cache_key, labels_for, page_address, render_jobs
from .print_html import IMAGE_LINK, document, margin_css, printable_markdown, qr_data_uri, to_html

STYLESHEET = "review.css"            # print/review.css: the sheet's own rules, for the PDF and the HTML view
PRINT_STYLESHEET = "review-print.css"  # print/review-print.css: the handout stylesheet, then review.css
FOLDER = "review"
SHEET_VERSION = "1"      # bump when this module changes a sheet in a way the cache key cannot see
# the HTML view's policy: its stylesheet and the QR code's data: image, nothing else
VIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True)
class SheetTerm:
    english: str
    translation: str          # "" when the termbase has none in this language
    draft: bool               # not yet an approved (reviewed) translation


@dataclass(frozen=True)
class SheetSection:
    number: int
    sid: str
    heading: str              # the English heading, as written
    english: str              # Markdown
    translation: str          # Markdown; "" when the translation has no such section
    terms: tuple[SheetTerm, ...]
    version: str              # the English section's current hash
    recorded: str             # the hash the translation's record names; "" when none
    reviewed_by: tuple[str, ...] = ()   # only when reviewed and current
    reviewed_on: str = ""


@dataclass(frozen=True)
class Sheet:
    lang: str
    source_lang: str          # the default language's code: the English column
    rel: str                  # e.g. "modules/safety.md"
    title: str                # the translation's title
    address: str              # the translated page on the site (also the QR code)
    version: str              # English and translation versions, as the footer prints them
    sections: tuple[SheetSection, ...]


@dataclass
class SheetExport:
    lang: str
    sheets: list[Sheet] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)    # "modules/safety-sn-review.pdf" -> cached PDF
    views: dict[str, Path] = field(default_factory=dict)    # "modules/safety-sn-review.html" -> cached view
    rendered: int = 0


VIEW_FORMAT = 2     # raise when the HTML view's markup changes: cached views are made again
_ID = re.compile(r'\sid="[^"]*"')


def sheet_name(rel_path: str, lang: str, suffix: str) -> str:
    """Where a page's sheet lies in the language's review folder: "modules/safety-sn-review.pdf". The
    name says what the file is when it lands on a phone, and is never a folder's index.html."""
    return f"{rel_path[:-len('.md')]}-{lang}-review{suffix}"


def _heading(markdown: str) -> str:
    first = markdown.lstrip("\n").split("\n", 1)[0]
    return re.sub(r"\s*\{[^}]*\}\s*$", "", first.lstrip("#").strip())


def _without_heading(markdown: str) -> str:
    return markdown.lstrip("\n").split("\n", 1)[1] if markdown.lstrip("\n").startswith("##") else markdown


def _top(meta: dict, body: str) -> str:
    summary = str(meta.get("summary", "")).strip()
    return "\n\n".join(p for p in (f"**{meta.get('title', '')}**", f"*{summary}*" if summary else "", body) if p)


def build_sheet(tree: DocTree, status: PageStatus, terms: TermFinder, site_url: str) -> Sheet:
    """The sheet of one translated page, from the Markdown, the record and the termbase."""
    config = tree.config
    default = config.default.code
    english_text = tree.english[status.rel].path.read_text(encoding="utf-8")
    translated_text = tree.files[status.lang][status.rel].path.read_text(encoding="utf-8")
    english, translated = split_page(english_text, ""), split_page(translated_text, "")
    english_parts, translated_parts = section_sources(english_text), section_sources(translated_text)
    english_parts[TOP] = _top(english.meta, english_parts[TOP])
    translated_parts[TOP] = _top(translated.meta, translated_parts[TOP])
    current = section_hashes(english_text)
    records = (status.record.sections or {}) if status.record else {}
    states = {s.sid: s for s in status.progress.states} if status.progress else {}
    # a section only the translation has (anchor parity reports it) is printed too, beside no English
    english_parts.update({sid: "" for sid in translated_parts if sid not in english_parts})
    sections = []
    for number, (sid, source) in enumerate(english_parts.items(), start=1):
        mine = translated_parts.get(sid, "")
        record = records.get(sid)
        state = states.get(sid)
        reviewed = state is not None and state.reviewed
        sections.append(SheetSection(
            number, sid, str(english.meta.get("title", "")) if sid == TOP else _heading(source or mine),
            _without_heading(source), _without_heading(mine),
            tuple(SheetTerm(t.forms[default].term, t.forms[status.lang].term if status.lang in t.forms else "",
                            t.forms.get(status.lang) is None or t.forms[status.lang].status != "reviewed")
                  for t in terms(source, mine)),
            current.get(sid, ""), record.source if record else "",
            state.reviewed_by if reviewed else (), record.reviewed_on if reviewed and record else ""))
    return Sheet(status.lang, default, status.rel, str(translated.meta.get("title", status.rel)),
                 page_address(site_url, default, status.lang, status.rel),
                 f"{source_hash(english_text)[:8]}/{source_hash(translated_text)[:8]}", tuple(sections))


_CHECKBOX = re.compile(r"<input\b[^>]*>")


def _column(markdown: str) -> str:
    """Images become their (translated) description; internal links plain text; then the sanitiser,
    so nothing a contributor wrote runs, even with the content checks switched off."""
    text = IMAGE_LINK.sub(lambda m: f"[{m.group(1)}]", markdown)
    # a checklist's boxes are drawn by the stylesheet: a form field without a label is no use on paper
    # no ids: both columns hold the same headings, and a document's ids must be unique
    return _ID.sub("", _CHECKBOX.sub("", sanitised(to_html(printable_markdown(text, lambda target: target)))))


def _section_html(s: SheetSection, sheet: Sheet, ui: UiStrings, language_name: str) -> str:
    """One numbered section: both texts, its terms, its versions and who reviewed it, then the box."""
    lang, e = sheet.lang, html.escape
    english_label = ui.get(lang, "review_english")
    missing = f'<p class="sheet-missing">{e(ui.get(lang, "review_missing"))}</p>'
    terms = "; ".join(f"{e(t.english)} → {e(t.translation) or '—'}"
                      + (f" ({e(ui.get(lang, 'status_draft'))})" if t.draft else "") for t in s.terms)
    versions = ui.get(lang, "review_versions", english=s.version or "—", recorded=s.recorded or "—")
    if s.recorded and s.recorded != s.version:
        versions += " " + ui.get(lang, "review_outdated")
    credit = (ui.get(lang, "review_reviewed_by", names=", ".join(s.reviewed_by), date=s.reviewed_on or "—")
              if s.reviewed_by else ui.get(lang, "review_not_yet"))
    columns = (f'<table class="sheet-columns"><thead><tr><th lang="{e(sheet.source_lang)}">{e(english_label)}</th>'
               f'<th>{e(language_name)}</th></tr></thead><tbody><tr>'
               f'<td lang="{e(sheet.source_lang)}" data-label="{e(english_label)}">'
               f'{_column(s.english) if s.english.strip() else missing}</td>'
               f'<td lang="{e(lang)}" data-label="{e(language_name)}">'
               f'{_column(s.translation) if s.translation.strip() else missing}</td></tr></tbody></table>')
    box = (f'<div class="sheet-box"><p><span class="sheet-tick">☐</span> {e(ui.get(lang, "review_correct"))}'
           f' &nbsp; <span class="sheet-number">{e(ui.get(lang, "review_section", number=s.number))}</span></p>'
           f'<p>{e(ui.get(lang, "review_correction"))}</p>' + '<div class="sheet-line"></div>' * 3 + "</div>")
    return (f'<section class="sheet-section" id="section-{s.number}"><h2><span class="sheet-number">{s.number}.</span> '
            f'{e(s.heading)} <span class="sheet-id">#{e(s.sid)}</span></h2>{columns}'
            + (f'<p class="sheet-terms"><strong>{e(ui.get(lang, "review_terms"))}</strong> {terms}</p>' if terms else "")
            + f'<p class="sheet-versions">{e(versions)} {e(credit)}</p>{box}</section>')


def sheet_body(sheet: Sheet, ui: UiStrings, language_name: str) -> str:
    """The sheet's HTML body, the same for the PDF and the HTML view."""
    lang, e = sheet.lang, html.escape
    head = (f"<h1>{e(ui.get(lang, 'review_sheet_title', title=sheet.title))}</h1>"
            f'<p class="sheet-intro">{e(ui.get(lang, "review_sheet_intro", language=language_name))}</p>'
            f'<p class="sheet-address">{e(sheet.address)} · {e(ui.get(lang, "handout_version", version=sheet.version))}</p>')
    sections = "".join(_section_html(s, sheet, ui, language_name) for s in sheet.sections)
    end = f'<p class="sheet-signature">{e(ui.get(lang, "review_signature"))}</p><div class="sheet-line"></div>'
    return f'<section class="review-sheet">{head}{sections}{end}</section>'


def view_html(sheet: Sheet, body: str, ui: UiStrings, csp: str) -> str:
    """The HTML view, served beside the PDF: the same body, its own CSP (VIEW_CSP), a stylesheet file (no
    inline style or script), the QR code as a data: image, links to the PDF and back to the page."""
    depth = sheet.rel.count("/")
    up = "../" * depth
    pdf = posixpath.basename(sheet_name(sheet.rel, sheet.lang, ".pdf"))
    page = "../" * (depth + 1) + page_url(sheet.rel).removeprefix("./")
    e = html.escape
    return (f'<!DOCTYPE html><html lang="{e(sheet.lang)}"><head><meta http-equiv="Content-Security-Policy" '
            f'content="{e(csp)}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{e(ui.get(sheet.lang, "review_sheet_title", title=sheet.title))}</title>'
            f'<link rel="icon" href="data:,">'       # no icon: else the browser asks for /favicon.ico
            f'<link rel="stylesheet" href="{up}{STYLESHEET}"></head><body class="review-view">'
            f'<p class="sheet-links"><a href="{e(page)}">{e(sheet.title)}</a> · '
            f'<a href="{e(pdf)}" download>{e(ui.get(sheet.lang, "review_sheet_pdf"))}</a></p>'
            f'<img class="sheet-qr" src="{qr_data_uri(sheet.address)}" alt="{e(sheet.address)}">'
            f"{body}</body></html>")


def plan_sheets(tree: DocTree, statuses: list[PageStatus], terms: list[Term], ui: UiStrings, lang: str,
                site_url: str, pdf: PdfOptions = PdfOptions()) -> tuple[list[Sheet], list[PrintJob]]:
    """A sheet and its PDF job for every page translated into `lang`."""
    config, root = tree.config, tree.config.root
    sheets, jobs = [], []
    styles = [root / "print" / STYLESHEET, root / "print" / PRINT_STYLESHEET]
    finder = term_finder(terms, lang, config.default.code)
    labels = labels_for(ui, lang, config.language(lang).name)
    strings = sorted((k, v) for k, v in ui.for_lang(lang).items() if k.startswith(("review_", "handout_", "status_")))
    for status in statuses:
        if status.lang != lang or status.rel not in tree.files.get(lang, {}) or status.rel not in tree.english:
            continue
        sheet = build_sheet(tree, status, finder, site_url)

        def build(sheet=sheet) -> str:
            title = ui.get(lang, "review_sheet_title", title=sheet.title)
            return document(lang, sheet_body(sheet, ui, labels.language), title,
                            margin_css(title, labels, sheet.address, sheet.version))
        display = rel(tree.files[lang][status.rel].path, root)
        key = cache_key("review", SHEET_VERSION, sheet, labels, strings, files=styles, root=root, pdf=pdf)
        jobs.append(PrintJob(sheet_name(status.rel, lang, ".pdf"), "review", status.rel, lang, display, sheet.title, key,
                             build))
        sheets.append(sheet)
    return sheets, jobs


def export_sheets(tree: DocTree, statuses: list[PageStatus], terms: list[Term], ui: UiStrings, lang: str,
                  site_url: str, cache_dir: Path, workers: int | None = None,
                  pdf: PdfOptions = PdfOptions()) -> SheetExport:
    """Plan and render (or take from the cache) the sheets of one language, PDFs and HTML views: a
    build with nothing changed converts no Markdown."""
    sheets, jobs = plan_sheets(tree, statuses, terms, ui, lang, site_url, pdf)
    results, rendered, _ = render_jobs(jobs, cache_dir, tree.config.root / "print" / PRINT_STYLESHEET, workers, pdf)
    export = SheetExport(lang, sheets, {job.name: results[job.key][0] for job in jobs}, rendered=rendered)
    language_name = tree.config.language(lang).name
    for sheet, job in zip(sheets, jobs):
        # the key covers all the view is made from; VIEW_FORMAT changes when this code changes the view
        cached = cache_dir / f"{job.key}-view{VIEW_FORMAT}.html"
        if not cached.exists():
            atomic_write(cached, view_html(sheet, sheet_body(sheet, ui, language_name), ui, VIEW_CSP).encode("utf-8"))
        os.utime(cached)  # marked used: CI keeps only what this run used (see the workflow)
        export.views[sheet_name(sheet.rel, lang, ".html")] = cached
    return export


def write_sheets(export: SheetExport, out_dir: Path, root: Path) -> None:
    """PDFs, HTML views and the view's stylesheet into the site's `<lang>/review/`. Nothing is deleted:
    `mkdocs build` starts from an empty site, and a file already there is a page's, not a stale sheet."""
    out_dir.mkdir(parents=True, exist_ok=True)      # a new language may have no translated page yet
    for name, path in {**export.paths, **export.views}.items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_bytes(path.read_bytes())
    (out_dir / STYLESHEET).write_bytes((root / "print" / STYLESHEET).read_bytes())
