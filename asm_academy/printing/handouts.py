"""Printable A4 handouts and full-module prints with WeasyPrint, and the export of a language's PDFs
with the workshop kit (workshop_kit.py) and the trainer pack (trainer_pack.py).

Plain functions: `export_language()` is called once per language build by hooks/handouts.py and
by `python -m asm_academy handouts`. Each PDF is cached by a hash of everything that changes it,
rendered in worker processes only when something did change, and byte-identical for the same input.
"""
from __future__ import annotations

import functools
import hashlib
import html
import io
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..source.doctree import DocTree, load_tree
from ..source.findings import Finding, rel
from ..translation.freshness import PageStatus, page_statuses, source_hash
from ..source.module_parts import parse_module
from ..translation.page_context import page_url
from .print_html import (IMAGE_LINK, PrintLabels, document, stylesheet_path, full_body, handout_body, margin_css,
                         svg_data_uri)
from ..source.site_config import SiteConfig, load_site_config
from ..source.structure import module_pages
from ..content.ui_strings import UiStrings, load_ui
from ..settings import PdfOptions, WorkshopSettings

HANDOUT_MAX_PAGES = 2
SETTINGS_VERSION = "6"      # bump when print_html changes output in a way the hash cannot see


@dataclass(frozen=True)
class PrintJob:
    name: str            # file name, e.g. "safety-sn.pdf"
    kind: str            # "handout" or "full"
    module: str
    lang: str
    source: str          # repo-relative path of the Markdown it comes from
    title: str           # the module's title, in the language of its content
    key: str             # cache key: hash of everything that changes the PDF
    build: Callable[[], str] = field(repr=False, compare=False)   # the HTML, made only when rendering

    @property
    def html(self) -> str:
        return self.build()


@dataclass(frozen=True)
class PrintFile:
    name: str
    kind: str            # "handout", "full", "pack" or a workshop-kit part (workshop_kit.KIT_KINDS)
    module: str
    lang: str
    size: int
    pages: int


@dataclass
class Export:
    lang: str
    files: list[PrintFile] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    rendered: int = 0    # PDFs actually rendered (not taken from the cache)
    workers: int = 0     # worker processes started (0 when everything was cached)
    paths: dict[str, Path] = field(default_factory=dict)    # file name -> cached PDF
    titles: dict[str, str] = field(default_factory=dict)    # module id -> title in the served language
    keys: dict[str, str] = field(default_factory=dict)      # file name -> cache key (its render inputs)
    pack: bytes = b""

def _weasyprint_version() -> str:
    """Read from the package metadata: importing WeasyPrint costs half a second when all is cached."""
    from importlib.metadata import version
    return version("weasyprint")


@functools.lru_cache(maxsize=4)
def _fonts_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for font in sorted((root / "print" / "fonts").glob("*.ttf")):
        digest.update(font.name.encode() + font.read_bytes())
    return digest.hexdigest()


def cache_key(*inputs: object, files: list[Path], root: Path, pdf: PdfOptions = PdfOptions()) -> str:
    """From the inputs, not the HTML: a cache hit costs no Markdown conversion. Independent of where
    the repository lies, so a copied cache (CI, a partner's fork) still hits."""
    digest = hashlib.sha256()
    for part in (*map(repr, inputs), stylesheet_path(root).read_text(encoding="utf-8"),
                 _fonts_digest(root), _weasyprint_version(), repr(sorted(pdf.as_kwargs().items())), SETTINGS_VERSION):
        digest.update(part.encode("utf-8") + b"\0")
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def labels_for(ui: UiStrings, lang: str, language_name: str) -> PrintLabels:
    return PrintLabels(language=language_name, key_points=ui.get(lang, "handout_key_points"),
                       checklist=ui.get(lang, "handout_checklist"), key_terms=ui.get(lang, "handout_key_terms"),
                       page=ui.get(lang, "handout_page"), version=ui.get(lang, "handout_version"),
                       scan=ui.get(lang, "handout_scan"), answers=ui.get(lang, "handout_answers"))


def handout_name(module: str, lang: str, kind: str) -> str:
    return f"{module}-{lang}.pdf" if kind == "handout" else f"{module}-{lang}-full.pdf"


def site_slug(site_name: str) -> str:
    """The site's name as it starts a file name: "asm-academy"."""
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")


def pack_name(lang: str, site_name: str) -> str:
    """The trainer pack's file name says what it is when it arrives on a phone: "asm-academy-handouts-sn.pdf"."""
    slug = site_slug(site_name)
    return f"{slug}-handouts-{lang}.pdf" if slug else f"handouts-{lang}.pdf"


def page_address(site_url: str, default: str, lang: str, rel_path: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return site_url.rstrip("/") + "/" + prefix + page_url(rel_path).lstrip("./")


def plan(config: SiteConfig, tree: DocTree, ui: UiStrings, lang: str, site_url: str,
         pdf: PdfOptions = PdfOptions(), reviewers: dict[str, tuple[str, ...]] | None = None
         ) -> tuple[list[PrintJob], list[Finding]]:
    """Every PDF this language needs, as HTML ready to render. `reviewers`: page -> who reviewed its
    current sections in this language (page_reviewers), credited on every page of its prints."""
    root = config.root
    default = config.default.code
    jobs: list[PrintJob] = []
    problems: list[Finding] = []
    for rel_path in module_pages(tree):
        served = tree.resolve(lang, rel_path)
        assert served is not None
        content_lang = served.lang
        display = rel(served.path, root)
        text = served.path.read_text(encoding="utf-8")
        parts = parse_module(text, display, Path(rel_path).stem)
        module = Path(rel_path).stem
        if not parts.section_text.get("key-points", "").strip():
            problems.append(Finding(display, 0, "PRINT002", f"module `{module}` has no key points, so no handout",
                                    "Add `## Key points {#key-points}` with five to seven short bullet lines."))
            continue
        labels = labels_for(ui, content_lang, config.language(content_lang).name)
        address = page_address(site_url, default, lang, rel_path)
        version = source_hash(text)[:8]
        names = (reviewers or {}).get(rel_path, ()) if content_lang == lang != default else ()
        credit = ui.get(lang, "reviewed_credit", names=", ".join(names)) if names else ""

        def resolve_image(target: str, _served=served) -> str:
            found = tree.resolve_link(_served, target)
            if found is None:
                return target
            return svg_data_uri(found.path) if found.path.suffix.lower() == ".svg" else found.path.as_uri()

        images = sorted({f.path for _, t in IMAGE_LINK.findall(text) if (f := tree.resolve_link(served, t))})
        figure = parts.figure(main_diagram(parts.meta, tree, rel_path))
        for kind, body in (("handout", handout_body), ("full", full_body)):
            def build(body=body, parts=parts, content_lang=content_lang, labels=labels, address=address,
                      version=version, resolve_image=resolve_image, figure=figure, credit=credit) -> str:
                return document(content_lang, body(parts, labels, resolve_image, figure), parts.title,
                                margin_css(parts.title, labels, address, version, credit))
            # a credit only when there is one: prints of unreviewed pages keep their cache keys
            key = cache_key(kind, text, content_lang, labels, address, figure, *((credit,) if credit else ()),
                            files=images, root=root, pdf=pdf)
            jobs.append(PrintJob(handout_name(module, lang, kind), kind, module, lang, display, parts.title, key,
                                 build))
    return jobs, problems


def page_reviewers(statuses: list[PageStatus], lang: str) -> dict[str, tuple[str, ...]]:
    """Page -> the reviewers of its current sections in `lang` (never of a draft section)."""
    return {s.rel: s.progress.reviewers for s in statuses if s.lang == lang and s.progress and s.progress.reviewers}


def main_diagram(meta: dict, tree: DocTree, rel_path: str) -> str:
    """The front matter's `diagram`: the page's own, or the English page's for a translation without
    one (make check refuses a value the page does not show, MOD022)."""
    value = meta.get("diagram")
    if value is None and rel_path in tree.english:
        from ..source.frontmatter import split_page
        value = split_page(tree.english[rel_path].path.read_text(encoding="utf-8"), rel_path).meta.get("diagram")
    return value if isinstance(value, str) else ""


def _warm_up(stylesheet: str) -> None:
    """Each worker imports WeasyPrint and loads the stylesheet and fonts as soon as it starts."""
    from .pdf_render import prepare
    prepare(stylesheet)


def _render(item: tuple[str, str, str, dict]) -> tuple[str, bytes, int]:
    """Runs in a worker process. WeasyPrint is imported here, not when this module is."""
    from .pdf_render import render_pdf

    key, html, stylesheet, options = item
    pdf, pages = render_pdf(html, stylesheet, key, options)
    return key, pdf, pages


def render_jobs(jobs: list[PrintJob], cache_dir: Path, stylesheet: Path, workers: int | None = None,
                pdf: PdfOptions = PdfOptions()) -> tuple[dict[str, tuple[Path, int]], int, int]:
    """Cache path and page count per job key; renders only what is not cached, one process per core."""
    options = pdf.as_kwargs()
    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, tuple[Path, int]] = {}
    todo: list[PrintJob] = []
    for job in jobs:
        pdf = cache_dir / f"{job.key}.pdf"
        pages = cache_dir / f"{job.key}.pages"
        if pdf.exists() and pages.exists():
            for used in (pdf, pages):     # marked used: CI keeps only what this run used (see the workflow)
                os.utime(used)
            results[job.key] = (pdf, int(pages.read_text()))
        elif job.key not in {j.key for j in todo}:
            todo.append(job)
    if not todo:
        return results, 0, 0
    count = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    # a generator: the HTML of later jobs is made while the workers start and import WeasyPrint
    items = ((job.key, job.html, str(stylesheet), options) for job in todo)
    if count == 1:
        outputs = map(_render, items)
    else:
        pool = ProcessPoolExecutor(max_workers=count, initializer=_warm_up, initargs=(str(stylesheet),))
        outputs = pool.map(_render, items)
    for key, pdf_bytes, pages in outputs:
        pdf_path = cache_dir / f"{key}.pdf"
        atomic_write(pdf_path, pdf_bytes)
        atomic_write(cache_dir / f"{key}.pages", str(pages).encode("ascii"))
        results[key] = (pdf_path, pages)
    if count > 1:
        pool.shutdown()
    return results, len(todo), count


def atomic_write(path: Path, data: bytes) -> None:
    """Write under a name no other build uses, then rename: two builds sharing one cache (a serve
    and a test run) never see half a file."""
    import tempfile

    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, path)


def merge_pdfs(paths: list[Path], title: str, producer: str) -> bytes:
    """The trainer pack: every handout of one language, deterministic bytes."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in paths:
        writer.append(str(path))
    writer.add_metadata({"/Title": title, "/Producer": producer})
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).digest()[:16]
    from pypdf.generic import ArrayObject, ByteStringObject
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_language(root: Path, lang: str, site_url: str, cache_dir: Path, workers: int | None = None,
                    pdf: PdfOptions = PdfOptions(), *, site: SiteConfig | None = None, tree: DocTree | None = None,
                    ui: UiStrings | None = None, statuses: list[PageStatus] | None = None,
                    workshop: WorkshopSettings | None = None) -> Export:
    """Plan and render (or reuse) this language's PDFs; `write_outputs` puts them in the site.
    A build passes the site, tree, UI strings, translation statuses and workshop settings it has
    already loaded."""
    # imported here: the kit and the pack build on this module's jobs and cache
    from .trainer_pack import build_pack, pack_parts
    from .workshop_kit import kit_for, page_limit

    config = site or load_site_config(root)
    tree = tree or load_tree(config)
    ui = ui or load_ui(root, config.default.code)
    statuses = page_statuses(tree, with_changes=False)[0] if statuses is None else statuses
    jobs, problems = plan(config, tree, ui, lang, site_url, pdf, page_reviewers(statuses, lang))
    export = Export(lang, problems=problems)
    if workshop is None:
        from ..settings import settings_from_file
        workshop = settings_from_file(root).workshop
    source, kit_jobs, kit_problems = kit_for(config, tree, ui, lang, site_url, workshop, pdf)
    export.problems += kit_problems
    results, export.rendered, export.workers = render_jobs(jobs + kit_jobs, cache_dir, stylesheet_path(root),
                                                           workers, pdf)
    for job in jobs + kit_jobs:
        path, pages = results[job.key]
        if job.kind == "handout" and pages > HANDOUT_MAX_PAGES:
            over = pages - HANDOUT_MAX_PAGES
            export.problems.append(Finding(
                job.source, 0, "PRINT001",
                f"the {lang} handout of `{job.module}` is {pages} pages, {over} page{'s' if over > 1 else ''} "
                f"over the limit of {HANDOUT_MAX_PAGES}",
                "Shorten the key points, the field checklist or the key terms, or drop a `handout` block."))
        limit = page_limit(job.kind)
        if limit is not None and pages > limit:
            export.problems.append(Finding(job.source, 0, "PRINT004", f"the {lang} {job.kind} `{job.name}` is "
                                           f"{pages} pages, over its limit of {limit}",
                                           "Shorten the module's trainer activity or self-check answers, or the "
                                           "kit strings in data/ui.yml."))
        export.files.append(PrintFile(job.name, job.kind, job.module, lang, path.stat().st_size, pages))
        export.paths[job.name] = path
        export.keys[job.name] = job.key
        if job.kind in ("handout", "full"):
            export.titles[job.module] = job.title
    handouts = [results[j.key][0] for j in jobs if j.kind == "handout"]
    if export.problems or not handouts:
        return export
    title = f"{config.site_name} {ui.get(lang, 'handouts_title' if source is None else 'kit_pack_title')} ({lang})"
    if source is None:
        # no data/programme.yml: no workshop, and the pack is the handouts alone
        key = hashlib.sha256(("".join(j.key for j in jobs if j.kind == "handout") + title).encode()).hexdigest()
        cached_pack = cache_dir / f"pack-{key}.pdf"
        if not cached_pack.exists():
            atomic_write(cached_pack, merge_pdfs(handouts, title, config.site_name))
        os.utime(cached_pack)
        export.pack, pages = cached_pack.read_bytes(), sum(results[j.key][1] for j in jobs if j.kind == "handout")
    else:
        def render(more: list[PrintJob]) -> dict[str, tuple[Path, int]]:
            found, count, _ = render_jobs(more, cache_dir, stylesheet_path(root), 1, pdf)
            export.rendered += count
            return found

        pack = build_pack(pack_parts(kit_jobs + jobs, results, source), source, title, config.site_name, cache_dir,
                          render, pdf)
        export.pack, pages = pack.data, pack.pages
    export.files.append(PrintFile(pack_name(lang, config.site_name), "pack", "", lang, len(export.pack), pages))
    return export


def write_outputs(export: Export, out_dir: Path) -> None:
    """Copy the PDFs into the site and remove any left from a module that no longer exists."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f.name for f in export.files}
    for stale in out_dir.glob("*.pdf"):
        if stale.name not in wanted:
            stale.unlink()
    for name, path in export.paths.items():
        data = path.read_bytes()
        target = out_dir / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    if export.pack:
        pack = next(f for f in export.files if f.kind == "pack")
        (out_dir / pack.name).write_bytes(export.pack)


def handouts_markdown(export: Export, ui: UiStrings, link_prefix: str = "") -> str:
    """The list on each language's Handouts page. Raw HTML links: the PDFs are not MkDocs pages."""
    lang = export.lang
    by_module: dict[str, dict[str, PrintFile]] = {}
    for f in export.files:
        by_module.setdefault(f.module, {})[f.kind] = f

    def link(f: PrintFile, key: str) -> str:
        label = html.escape(ui.get(lang, key, size=kb(f.size)))
        return f'<a href="{link_prefix}{f.name}" download>{label}</a>'

    def part(f: PrintFile, key: str) -> str:
        label = html.escape(ui.get(lang, "kit_download", part=ui.get(lang, key), size=kb(f.size)))
        return f'<a href="{link_prefix}{f.name}" download>{label}</a>'

    from .workshop_kit import PACK_ORDER, TITLE_KEYS     # here: workshop_kit builds on this module
    rows = []
    for module, kinds in by_module.items():
        if module:
            links = [link(kinds[k], key) for k, key in (("handout", "download_handout"), ("full", "print_full_module"))
                     if k in kinds]
            links += [part(kinds["guide"], "kit_guide_title")] if "guide" in kinds else []
            rows.append(f"- **{export.titles.get(module, module)}**: " + " · ".join(links))
    workshop = [f for kind in PACK_ORDER for f in export.files if f.kind == kind and not f.module]
    if workshop:
        rows += ["", f"**{html.escape(ui.get(lang, 'kit_pack_workshop'))}**:", ""]
        rows += [f"- {part(f, TITLE_KEYS[f.kind])}" for f in workshop]
    pack = by_module.get("", {}).get("pack")
    if pack:
        rows += ["", f"<p class=\"asm-pack\"><strong>{link(pack, 'trainer_pack')}</strong></p>"]
    return "\n".join(rows) + "\n"


def kb(size: int) -> int:
    return max(1, round(size / 1024))
