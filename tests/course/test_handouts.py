"""Printable handouts: what a trainer holds in their hand must be right in every language."""
from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from asm_academy.source.frontmatter import split_page
from asm_academy.source.markdown_scan import scan
from asm_academy.printing.handouts import export_language, handout_name, pack_name, page_address, write_outputs
from asm_academy.printing.trainer_pack import OWN_RENDERS
from conftest import ROOT, TEST_SITE_URL, copy_repo
from course_facts import CONFIG, DEFAULT, LANG, LANGS, MODULE, MODULES, TREE, UI, prefix, stem, translated

A4 = (595.28, 841.89)


def pdf_path(site: Path, lang: str, module: str, kind: str = "handout") -> Path:
    return site / f"{prefix(lang)}handouts" / handout_name(module, lang, kind)


def heading(rel: str, section_id: str) -> str:
    """The text of a module's heading with this id, as the English page writes it."""
    found = scan(TREE.english[rel].path.read_text(encoding="utf-8"))
    return next(h.text for h in found.headings if h.id == section_id)


def title_in(lang: str, rel: str) -> str:
    served = TREE.resolve(lang, rel)
    return str(split_page(served.path.read_text(encoding="utf-8"), rel).meta["title"])


def text_of(reader: PdfReader) -> str:
    return " ".join((page.extract_text() or "") for page in reader.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_handouts_fit_two_a4_pages_and_name_their_page(site: Path, lang: str) -> None:
    for rel in MODULES:
        module = Path(rel).stem
        reader = PdfReader(pdf_path(site, lang, module))
        assert 1 <= len(reader.pages) <= 2, f"{module}-{lang}: {len(reader.pages)} pages"
        for page in reader.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
        text = " ".join(text_of(reader).split())
        assert " ".join(title_in(lang, rel).split()) in text, f"{module}-{lang}: title missing"
        address = page_address(TEST_SITE_URL, DEFAULT, lang, rel)
        assert address in text.replace(" ", "") or address in text, f"{module}-{lang}: address missing"
        assert re.search(r"\b1\b.*\b2\b|\b1\b", text)


SHAPES = {"path", "line", "circle", "rect", "polygon", "polyline", "ellipse"}


def svg_callouts(path: Path) -> int:
    """The numbered callouts of a diagram: its `<text>` elements (WRITING.md: no other words inside)."""
    return sum(1 for el in ET.parse(path).getroot().iter() if el.tag.rsplit("}", 1)[-1] == "text")


def drawn(pdf: Path) -> tuple[int, int]:
    """(vector paths, form XObjects) on every page. WeasyPrint draws an SVG's shapes as paths and each
    of its `<text>` elements as a form XObject; the rest of a handout has no forms and few paths."""
    document = pypdfium2.PdfDocument(str(pdf))
    paths = forms = 0
    for page in document:
        for obj in page.get_objects(max_depth=10):
            paths += obj.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH
            forms += obj.type == pypdfium2.raw.FPDF_PAGEOBJ_FORM
    return paths, forms


def main_figure(lang: str, rel: str):
    """The module's main diagram as the reader of `lang` gets it: (figure, file)."""
    from asm_academy.printing.handouts import main_diagram
    from asm_academy.source.module_parts import parse_module

    served = TREE.resolve(lang, rel)
    parts = parse_module(served.path.read_text(encoding="utf-8"), rel, stem(rel))
    figure = parts.figure(main_diagram(parts.meta, TREE, rel))
    assert figure, f"{lang}/{rel}: the front matter's diagram is not an image of the page"
    return figure, TREE.resolve_link(served, figure.target).path


@pytest.mark.parametrize("lang", LANGS)
def test_each_handout_draws_its_main_diagram_with_caption_and_legend(site: Path, lang: str) -> None:
    for rel in MODULES:
        figure, svg = main_figure(lang, rel)
        pdf = pdf_path(site, lang, stem(rel))
        paths, forms = drawn(pdf)
        shapes = sum(1 for el in ET.parse(svg).getroot().iter() if el.tag.rsplit("}", 1)[-1] in SHAPES)
        assert forms == svg_callouts(svg), f"{lang}/{rel}: {forms} callouts drawn, {svg.name} has {svg_callouts(svg)}"
        assert paths >= shapes // 2, f"{lang}/{rel}: {paths} paths drawn, {svg.name} has {shapes} shapes"
        text = "".join(text_of(PdfReader(pdf)).split())      # lines may break after a hyphen: compare without spaces
        assert "".join(figure.caption.split()) in text, f"{lang}/{rel}: caption missing"
        first_item = re.sub(r"^\d+\.\s+", "", figure.legend.splitlines()[0])
        assert "".join(first_item.split()) in text, f"{lang}/{rel}: legend missing"


@pytest.mark.parametrize("lang", LANGS)
def test_full_module_print_keeps_every_diagram(site: Path, lang: str) -> None:
    from asm_academy.source.module_parts import parse_module

    for rel in MODULES:
        served = TREE.resolve(lang, rel)
        parts = parse_module(served.path.read_text(encoding="utf-8"), rel, stem(rel))
        svgs = [TREE.resolve_link(served, f.target).path for f in parts.figures if f.target.endswith(".svg")]
        assert len(svgs) == len({f.target for f in parts.figures})
        _, forms = drawn(pdf_path(site, lang, stem(rel), "full"))
        assert forms == sum(svg_callouts(svg) for svg in svgs), f"{lang}/{rel}: not every diagram is drawn"


@pytest.mark.parametrize("lang", LANGS)
def test_qr_code_opens_the_same_page_in_the_same_language(site: Path, lang: str) -> None:
    rel = MODULES[0]
    document = pypdfium2.PdfDocument(str(pdf_path(site, lang, Path(rel).stem)))
    for index in range(len(document)):
        image = document[index].render(scale=3).to_pil()
        payloads = [r.text for r in zxingcpp.read_barcodes(image)]
        assert payloads == [page_address(TEST_SITE_URL, DEFAULT, lang, rel)], f"page {index + 1}: {payloads}"


def test_full_module_has_every_section_and_the_answers_at_the_end(site: Path) -> None:
    reader = PdfReader(pdf_path(site, DEFAULT, stem(MODULE), "full"))
    assert len(reader.pages) > 2
    text = " ".join(text_of(reader).split())
    answers = UI.get(DEFAULT, "handout_answers")
    activity, sources = heading(MODULE, "trainer-activity"), heading(MODULE, "sources")
    assert answers in text and activity in text and sources in text
    assert text.index(answers) > text.index(activity)
    assert " ".join((reader.pages[-1].extract_text() or "").split())


def test_fonts_are_embedded_and_subset(site: Path) -> None:
    reader = PdfReader(pdf_path(site, LANG or DEFAULT, stem(MODULE)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts, "no fonts found"
    for name, embedded in fonts.items():
        assert embedded, f"{name} is not embedded"
        assert re.match(r"^/[A-Z]{6}\+Handout-Sans", name), f"{name} is not a subset of the shipped font"


def test_handouts_and_full_modules_stay_within_size_budget(site: Path) -> None:
    for lang in LANGS:
        for rel in MODULES:
            module = Path(rel).stem
            assert pdf_path(site, lang, module).stat().st_size <= 150 * 1024
            assert pdf_path(site, lang, module, "full").stat().st_size <= 300 * 1024


@pytest.mark.parametrize("lang", LANGS)
def test_module_pages_link_the_handout_with_its_size(site: Path, lang: str) -> None:
    from course_facts import built, page_with_marker
    from asm_academy.content.generated import HANDOUTS

    name = handout_name(stem(MODULE), lang, "handout")
    page = built(site, lang, MODULE).read_text(encoding="utf-8")
    link = re.search(rf'<a href="([^"]+{re.escape(name)})" download>([^<]+)</a>', page)
    assert link, f"no handout link on {lang}/{MODULE}"
    size_kb = round((site / prefix(lang) / "handouts" / name).stat().st_size / 1024)
    assert str(max(1, size_kb)) in link.group(2)
    handouts_page = built(site, lang, page_with_marker(HANDOUTS)).read_text(encoding="utf-8")
    assert name in handouts_page and pack_name(lang, CONFIG.site_name) in handouts_page


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory) -> Path:
    """A copy with two modules, so rendering tests stay quick."""
    repo = copy_repo(tmp_path_factory.mktemp("handouts") / "repo")
    keep = set(SMALL)
    for lang in LANGS:
        for path in (repo / "docs" / prefix(lang) / "modules").glob("*.md"):
            if f"modules/{path.name}" in MODULES and f"modules/{path.name}" not in keep:
                path.unlink()
    return repo


@pytest.fixture(scope="module")
def small_cache(tmp_path_factory) -> Path:
    """One PDF cache for the tests below that need no cold start: each renders only what it changed."""
    return tmp_path_factory.mktemp("handout-cache")


SMALL = MODULES[:2]          # the modules the small copy keeps: FIRST stays cached, SECOND is edited
FIRST, SECOND = SMALL[0], SMALL[-1]


def test_cache_hit_starts_no_worker_and_output_is_byte_identical(small_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = export_language(small_repo, DEFAULT, TEST_SITE_URL, cache)
    # every file once (the workshop kit too, test_workshop_kit_course.py), then the pack's own two documents
    assert first.rendered == len([f for f in first.files if f.kind != "pack"]) + OWN_RENDERS
    assert not first.problems and {f.kind for f in first.files} >= {"handout", "full", "guide", "pack"}
    second = export_language(small_repo, DEFAULT, TEST_SITE_URL, cache)
    assert second.rendered == 0 and second.workers == 0
    fresh = export_language(small_repo, DEFAULT, TEST_SITE_URL, tmp_path / "other-cache")
    for name, path in first.paths.items():
        assert path.read_bytes() == fresh.paths[name].read_bytes(), f"{name} differs between two renders"
    assert first.pack == fresh.pack


def test_editing_one_module_renders_only_its_pdfs(small_repo: Path, small_cache: Path) -> None:
    cache = small_cache
    export_language(small_repo, DEFAULT, TEST_SITE_URL, cache)
    module = small_repo / "docs" / SECOND
    original = module.read_text(encoding="utf-8")
    try:
        module.write_text(original.replace("{#key-points}\n", "{#key-points}\n\n- A new key point.\n", 1),
                          encoding="utf-8")
        again = export_language(small_repo, DEFAULT, TEST_SITE_URL, cache)
        # the edited module's handout and full module, and the pack's cover and page numbers (its version
        # changed); the other module, the guides (no key points in them) and the rest of the kit are cached
        assert again.rendered == 2 + OWN_RENDERS
    finally:
        module.write_text(original, encoding="utf-8")


def test_no_stale_pdf_is_left_for_a_removed_module(small_repo: Path, small_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "handouts"
    out.mkdir(parents=True)
    (out / "old-module-en.pdf").write_bytes(b"%PDF-1.7 stale")
    export = export_language(small_repo, DEFAULT, TEST_SITE_URL, small_cache)
    write_outputs(export, out)
    assert not (out / "old-module-en.pdf").exists()
    assert (out / handout_name(stem(FIRST), DEFAULT, "handout")).exists() and (out / pack_name(DEFAULT, CONFIG.site_name)).exists()


def test_handout_over_two_pages_is_an_error_naming_module_language_and_excess(small_repo: Path,
                                                                              small_cache: Path) -> None:
    lang = LANG or DEFAULT
    module = small_repo / "docs" / prefix(lang) / FIRST
    if not module.exists():
        module.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(small_repo / "docs" / FIRST, module)
    original = module.read_text(encoding="utf-8")
    try:
        filler = "".join(f"- Point {i}: " + "mazwi akawanda " * 12 + "\n" for i in range(90))
        assert "{#key-points}\n" in original
        module.write_text(original.replace("{#key-points}\n", "{#key-points}\n\n" + filler, 1), encoding="utf-8")
        export = export_language(small_repo, lang, TEST_SITE_URL, small_cache)
        [problem] = [p for p in export.problems if p.code == "PRINT001"]
        assert problem.path == f"docs/{prefix(lang)}{FIRST}"
        assert f"`{stem(FIRST)}`" in problem.message and lang in problem.message and "over the limit of 2" in problem.message
    finally:
        module.write_text(original, encoding="utf-8")


def test_module_without_key_points_names_the_file(small_repo: Path, small_cache: Path) -> None:
    module = small_repo / "docs" / SECOND
    original = module.read_text(encoding="utf-8")
    try:
        start = original.index("## Key points {#key-points}")
        end = original.index("## Sources {#sources}")
        module.write_text(original[:start] + original[end:], encoding="utf-8")
        export = export_language(small_repo, DEFAULT, TEST_SITE_URL, small_cache)
        assert [(p.path, p.code) for p in export.problems] == [(f"docs/{SECOND}", "PRINT002")]
    finally:
        module.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("lang", [code for code in LANGS if code != DEFAULT])
def test_hyphenation_is_off_and_each_handout_says_its_language(lang: str) -> None:
    from asm_academy.printing.handouts import plan

    css = (ROOT / "print" / "handout.css").read_text(encoding="utf-8")
    assert re.search(r"html\s*\{\s*hyphens:\s*manual", css) and "hyphens: auto" not in css
    jobs, _ = plan(CONFIG, TREE, UI, lang, TEST_SITE_URL)
    for job in jobs:
        served = lang if TREE.files[lang].get(f"modules/{job.module}.md") else DEFAULT
        assert job.html.startswith(f'<!DOCTYPE html><html lang="{served}">')


def test_handout_rendering_never_touches_the_network() -> None:
    """Only local files and data: URLs are fetched; anything else is refused, not downloaded."""
    from asm_academy.printing.pdf_render import LocalFetcher

    fetcher = LocalFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/logo.png")
    css = ROOT / "print" / "handout.css"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick lookup is for glibc Linux only")
def test_quick_library_lookup_answers_as_ctypes_does_and_is_put_back() -> None:
    """The worker's faster library lookup (pdf_render) must give WeasyPrint the same libraries."""
    import ctypes.util
    import subprocess

    from asm_academy.printing import pdf_render

    assert ctypes.util.find_library is not None and ctypes.util.find_library.__module__ == "ctypes.util"
    names = (*pdf_render.NEEDED_LIBRARIES, "harfbuzz-subset", "libgobject-2.0-0", "pango-1.0-0", "c")

    def listing() -> list[str]:
        return pdf_render.ldconfig_sonames(subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout)

    # ctypes takes its own listing: compare against one taken just before and just after it, so a
    # library cache that changes meanwhile (an apt install in CI) cannot make the test flake
    before = listing()
    theirs = {name: ctypes.util.find_library(name) for name in names}
    after = listing()
    for name in names:
        assert theirs[name] in (pdf_render.find_in(before, name), pdf_render.find_in(after, name)), name



@pytest.mark.skipif(LANG is None, reason="the course has no translation yet")
def test_handouts_of_a_reviewed_translation_name_its_reviewers_on_every_page(tmp_path: Path) -> None:
    """The credit of the page a print is made from, escaped, on every page; other prints unchanged."""
    from asm_academy.printing.handouts import plan, render_jobs
    from asm_academy.printing.print_html import stylesheet_path

    name = 'Nyasha </style><b>"K"</b>'
    jobs, _ = plan(CONFIG, TREE, UI, LANG, TEST_SITE_URL, reviewers={MODULE: (name,)})
    plain, _ = plan(CONFIG, TREE, UI, LANG, TEST_SITE_URL)
    for job, before in zip(jobs, plain):
        mine = f"modules/{job.module}.md" == MODULE
        assert (job.key != before.key) == mine and ("Nyasha" in job.html) == mine, job.name
        assert "</style><b>" not in job.html
    english, _ = plan(CONFIG, TREE, UI, DEFAULT, TEST_SITE_URL, reviewers={MODULE: (name,)})
    assert not any("Nyasha" in job.html for job in english)     # an English print credits no translation review
    [handout] = [j for j in jobs if j.kind == "handout" and f"modules/{j.module}.md" == MODULE]
    results, _, _ = render_jobs([handout], tmp_path, stylesheet_path(ROOT), workers=1)
    pdf, pages = results[handout.key]
    credit = " ".join(UI.get(LANG, "reviewed_credit", names=name).split())
    reader = PdfReader(pdf)
    assert pages <= 2 and all(credit in " ".join((p.extract_text() or "").split()) for p in reader.pages)
