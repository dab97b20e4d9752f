"""The built site: languages, switcher, fallbacks, 404s, sitemap and third-party requests."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from asm_academy.translation.page_context import page_url, repo_branch
from asm_academy.checks.site_links import broken_links, third_party_loads
from asm_academy.content.generated import STATUS
from conftest import ROOT, TEST_SITE_URL
from course_facts import (CONFIG, DEFAULT, LANG, LANGS, MODULE, MODULES, PAGES as ENGLISH_PAGES, TRANSLATIONS, TREE, UI,
                          built, glossary_pages, page_with_marker, prefix, translated, untranslated)

BRANCH = repo_branch(CONFIG.edit_uri)


def html(site: Path, lang: str, rel: str) -> str:
    return built(site, lang, rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_in_every_language_with_its_lang_attribute(site: Path, lang: str) -> None:
    for rel in ENGLISH_PAGES:
        text = html(site, lang, rel)
        assert re.search(rf'<html lang="{lang}"', text), f"{lang}/{rel} lacks lang={lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_links_lead_to_the_same_page_in_each_language(site: Path, lang: str) -> None:
    for rel in ENGLISH_PAGES:
        page = built(site, lang, rel)
        text = page.read_text(encoding="utf-8")
        switcher = re.findall(r'<a href="([^"]+)" hreflang="([A-Za-z0-9-]+)" class="md-select__link"', text)
        assert {code for _, code in switcher} == set(LANGS), f"switcher on {page}"
        base = urlsplit(TEST_SITE_URL).path
        for href, code in switcher:
            href = href.split("#")[0]
            target = (site / href[len(base):] if href.startswith(base) else page.parent / href).resolve()
            expected = built(site, code, rel).parent.resolve()
            # a page cut per language (the glossary) may send the reader to the part with the same term
            assert target == expected or re.fullmatch(rf"{re.escape(expected.name)}-\d+", target.name) \
                and target.parent == expected.parent, f"{lang}/{rel}: switcher to {code} goes to {href}"


_untranslated, _translated = untranslated, translated


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_fallback_banner_only_on_untranslated_pages(site: Path, lang: str) -> None:
    for rel in _untranslated(lang):
        text = html(site, lang, rel)
        assert "asm-notice--fallback" in text, f"{lang}/{rel} is English but has no banner"
        assert re.search(rf"/new/{BRANCH}/docs/{lang}[/?]", text), f"{lang}/{rel}: banner must link to where the translation goes"
    for rel in _translated(lang):
        assert "asm-notice--fallback" not in html(site, lang, rel)
    assert "asm-notice--fallback" not in html(site, DEFAULT, ENGLISH_PAGES[0])


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_fallback_banner_is_in_the_readers_language(tmp_path: Path, lang: str) -> None:
    """Build a copy where one translated page is missing and read its banner."""
    from conftest import build_site, copy_repo

    repo = copy_repo(tmp_path / "repo")
    gone = next(iter(translated(lang)), None) or ENGLISH_PAGES[0]
    (repo / "docs" / lang / gone).unlink(missing_ok=True)
    result = build_site(repo, tmp_path / "site", settings={"handouts": False})
    assert result.returncode == 0, result.stderr
    page = built(tmp_path / "site", lang, gone).read_text(encoding="utf-8")
    expected = UI.get(lang, "fallback_banner", language=CONFIG.language(lang).name)
    assert expected.split("{")[0][:25] in page.replace("&#39;", "'")
    assert UI.get(lang, "fallback_help") in page


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_404(site: Path, lang: str) -> None:
    page = site / prefix(lang) / "404.html"
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in text
    assert UI.get(lang, "not_found_title") in text


def test_no_third_party_requests(site: Path) -> None:
    found = [f for f in third_party_loads(site) if f.severity == "error"]
    assert not found, "\n".join(f.format() for f in found)
    assert "fonts.googleapis.com" not in html(site, DEFAULT, ENGLISH_PAGES[0])


def test_third_party_scan_can_fail(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
                                         '<img src="//cdn.example.com/x.png"><a href="https://ok.example">ok</a>'
                                         '<svg><use href="//assets/icons.svg#menu"/></svg>')
    (tmp_path / "a.css").write_text("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}")
    codes = [(f.path, f.code) for f in third_party_loads(tmp_path)]
    assert len(codes) == 4


def test_every_href_and_src_in_the_site_resolves(site: Path) -> None:
    found = broken_links(site, urlsplit(TEST_SITE_URL).path)
    assert not found, "\n".join(f.format() for f in found[:20])


def test_sitemap_does_not_advertise_fallback_pages(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site / "sitemap.xml")
    locs = {u.find("s:loc", ns).text for u in tree.getroot().findall("s:url", ns)}
    alternates = {(a.get("hreflang"), a.get("href")) for a in tree.getroot().iter(f"{{{ns['x']}}}link")}
    for lang in [l.code for l in CONFIG.translations]:
        for rel in ENGLISH_PAGES:
            url = TEST_SITE_URL + f"{lang}/" + page_url(rel).lstrip("./")
            translated = rel in TREE.files[lang]
            assert (url in locs) == translated, f"sitemap loc {url}"
            assert ((lang, url) in alternates) == translated, f"sitemap alternate {lang} {url}"
    assert all(TEST_SITE_URL + page_url(rel).lstrip("./") in locs for rel in MODULES)


def test_edit_link_opens_the_source_of_the_language_being_read(site: Path) -> None:
    for lang in LANGS:
        for rel in ENGLISH_PAGES:
            text = html(site, lang, rel)
            edit = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', text)
            assert edit, f"no edit button on {lang}/{rel}"
            expected = f"docs/{lang}/{rel}" if rel in TREE.files.get(lang, {}) and lang != DEFAULT else f"docs/{rel}"
            assert edit.group(1).endswith(expected), f"{lang}/{rel}: {edit.group(1)}"


STATUS_PAGE = page_with_marker(STATUS)


@pytest.mark.skipif(STATUS_PAGE is None or not TRANSLATIONS, reason="no status page or no translation")
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_status_page_lists_every_page_in_the_readers_language(site: Path, lang: str) -> None:
    import posixpath

    page = html(site, lang, STATUS_PAGE)
    here = page_url(STATUS_PAGE)
    for rel in ENGLISH_PAGES:
        target = posixpath.relpath(page_url(rel), here) + "/" if rel != STATUS_PAGE else "./"
        assert f'href="{target.replace("//", "/")}"' in page, rel
    assert UI.get(lang, "status_total") in page


def _own_copyright(lang: str) -> bool:
    """Whether mkdocs.yml gives this language its own footer line."""
    import yaml
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(rf"- locale: {re.escape(lang)}\n((?:\s{{10}}.*\n)+)", text)
    return bool(block and "copyright:" in block.group(1))


def test_footer_and_repository_link_are_in_the_readers_language(site: Path) -> None:
    def footer(lang: str) -> str:
        return re.search(r'md-copyright__highlight">\s*(.*?)\s*</div>', html(site, lang, "index.md"), re.S).group(1)
    english = footer(DEFAULT)
    for lang in TRANSLATIONS:
        has_own = any(l.code == lang for l in CONFIG.translations) and _own_copyright(lang)
        assert (footer(lang) != english) == has_own, f"{lang}: footer"
        page = html(site, lang, MODULE or ENGLISH_PAGES[0])
        assert re.search(r'md-source__repository">\s*Source', page) is None


def test_theme_icons_come_from_one_cached_sprite(site: Path) -> None:
    """No icon is drawn inline; every <use> points at a symbol the sprite has."""
    import re

    from asm_academy.web.icon_sprite import sprite

    symbols = set(re.findall(r'<symbol id="([^"]+)"', (site / "assets" / "images" / "icons.svg").read_text()))
    assert {"material-menu", "material-magnify", "material-translate", "material-arrow-right"} <= symbols
    lang = LANG or DEFAULT
    for page in [built(site, lang, MODULE or ENGLISH_PAGES[0]), site / "404.html"] + \
            [built(site, code, g) for code in TRANSLATIONS[-1:] for g in glossary_pages()]:
        text = page.read_text(encoding="utf-8")
        uses = re.findall(r'<use href="([^"]+)"', text)
        assert uses and all(u.split("#")[1] in symbols for u in uses), page
        assert "<path" not in text.split('<div class="md-content"')[0], f"{page}: an icon is still inline"
    assert sprite({"material/x": '<svg viewBox="0 0 8 8"><path d="M0 0h8"/></svg>'}) == \
        '<svg xmlns="http://www.w3.org/2000/svg"><symbol id="material-x" viewBox="0 0 8 8"><path d="M0 0h8"/></symbol></svg>\n'
    with pytest.raises(ValueError):
        sprite({"material/y": "not svg"})


@pytest.mark.slow
def test_two_builds_from_scratch_are_byte_identical(tmp_path: Path) -> None:
    """The same commit built twice, each with its own empty PDF cache, gives the same bytes, PDFs
    included: phones re-download only what changed, and a deploy can be checked."""
    from conftest import build_site, copy_repo

    outputs = []
    for run in ("one", "two"):
        repo = copy_repo(tmp_path / run)          # no .cache: every PDF is rendered again
        result = build_site(repo, tmp_path / f"site-{run}")
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append({p.relative_to(tmp_path / f"site-{run}"): p.read_bytes()
                        for p in (tmp_path / f"site-{run}").rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    differ = sorted(str(k) for k in outputs[0] if outputs[0][k] != outputs[1][k])
    assert differ == [], differ[:10]


def test_the_upload_holds_no_file_that_nothing_uses(site: Path) -> None:
    """Walk from each language's home, the 404 pages and the sitemap through every page, stylesheet,
    manifest and offline list: every file of site/ must be reached."""
    from asm_academy.web.site_files import site_files
    unused = [p.relative_to(site.resolve()).as_posix() for p in site_files(site, urlsplit(TEST_SITE_URL).path).unused]
    assert not unused, f"{len(unused)} files in site/ that nothing uses, e.g. {unused[:5]}"
    assert not list(site.rglob("*.map")) and not (site / "assets" / "javascripts" / "lunr").exists()
