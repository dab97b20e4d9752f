"""The site in a real browser, as a miner's phone sees it: headless Chromium at 360 x 740.

Needs Debian's `chromium` (.ci/run installs it). Without a browser these tests fail: they never skip.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from asm_academy.tools.local_server import serve
from conftest import ROOT, TEST_SITE_URL, build_site, copy_repo
from course_facts import (CUT_MODULE, DEFAULT, LANG, MODULE, OTHER_MODULE, UI, cross_part_link, glossary_pages,
                          search_word, stem, translated, url)

pytestmark = pytest.mark.browser

BASE = urlsplit(TEST_SITE_URL).path          # "/asm/"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or shutil.which("chromium-browser") or "")
# a translated page removed in the copy, to see a fallback: the glossary if translated, else any page
GONE = next(iter(translated(LANG, glossary_pages()) or translated(LANG)), None) if LANG else None
needs_translation = pytest.mark.skipif(LANG is None, reason="the course has no translation yet")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site with one translated page removed (to see a fallback), served on loopback under /asm/."""
    tmp = tmp_path_factory.mktemp("browser")
    repo = copy_repo(tmp / "repo")
    if (ROOT / ".cache" / "handouts").exists():
        shutil.copytree(ROOT / ".cache" / "handouts", repo / ".cache" / "handouts")
    if GONE:
        (repo / "docs" / LANG / GONE).unlink()
    result = build_site(repo, tmp / "site")
    assert result.returncode == 0, result.stderr
    server, address = serve(tmp / "site", BASE)
    yield address
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM or not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found: install Debian's `chromium` (apt-get install chromium) or set CHROMIUM=path")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


@needs_translation
def test_module_page_loads_without_errors_or_other_hosts_and_fits_the_screen(served, phone) -> None:
    phone.goto(served + url(LANG, MODULE), wait_until="networkidle")
    assert phone.locator("html").get_attribute("lang") == LANG
    assert phone.errors == []
    hosts = {urlsplit(url).netloc for url in phone.requests if not url.startswith("data:")}
    assert hosts == {urlsplit(served).netloc}, hosts
    assert not any("search/index.json" in url for url in phone.requests), "search index loaded before a search"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@needs_translation
def test_language_switcher_goes_to_the_same_page(served, phone) -> None:
    phone.goto(served + url(DEFAULT, MODULE))
    phone.get_by_role("button", name=_pack(DEFAULT, "select.language")).click()
    phone.locator(f'a.md-select__link[hreflang="{LANG}"]').click()
    phone.wait_for_url("**/" + url(LANG, MODULE))
    assert phone.locator("html").get_attribute("lang") == LANG


@needs_translation
def test_search_from_a_translated_page_returns_pages_in_its_language(served, phone) -> None:
    word = search_word(LANG, MODULE)
    assert word, f"no glossary term of {LANG} appears in {MODULE}: nothing to search for"
    phone.goto(served + url(LANG, MODULE))
    phone.locator(f'a[aria-label="{_pack(LANG, "search")}"]').click()
    phone.wait_for_url(f"**/{LANG}/search/")
    phone.locator("#asm-search-input").fill(word)
    results = phone.locator("#asm-search-results li a")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert hrefs and all(f"/{LANG}/" in phone.evaluate("h => new URL(h, location.href).pathname", h) for h in hrefs)
    assert any(u.endswith(f"{LANG}/search/index.json") for u in phone.requests)
    assert not any(u.endswith("/search/index.json") and f"/{LANG}/" not in u for u in phone.requests)


@needs_translation
def test_fallback_page_shows_the_banner_in_the_readers_language(served, phone) -> None:
    phone.goto(served + url(LANG, GONE))
    banner = phone.locator(".asm-notice--fallback")
    assert banner.is_visible()
    assert UI.get(LANG, "fallback_help") in banner.inner_text()


@needs_translation
def test_handout_link_returns_a_pdf(served, phone) -> None:
    phone.goto(served + url(LANG, MODULE))
    href = phone.locator(f'.asm-downloads a[href$="{stem(MODULE)}-{LANG}.pdf"]').get_attribute("href")
    response = phone.request.get(phone.evaluate("h => new URL(h, location.href).href", href))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"


@needs_translation
def test_saved_language_opens_without_a_connection(served, phone) -> None:
    phone.goto(served + url(LANG, MODULE))
    button = phone.locator("#asm-offline button")
    assert "MB" in button.inner_text()
    button.click()
    phone.locator("#asm-offline [role=status]").filter(has_text=UI.get(LANG, "offline_saved")).wait_for(timeout=120_000)
    phone.context.set_offline(True)
    try:
        phone.goto(served + url(LANG, OTHER_MODULE))
        assert phone.locator("html").get_attribute("lang") == LANG
        assert phone.locator("h1").count() >= 1
        status = phone.evaluate("u => fetch(u).then(r => r.status)",
                                served + f"{LANG}/handouts/{stem(OTHER_MODULE)}-{LANG}.pdf")
        assert status == 200
    finally:
        phone.context.set_offline(False)


def _page_types() -> list[str]:
    """One page of each kind, in the translation (where it has one) and in the default language."""
    from course_facts import PAGES, TRANSLATIONS, prefix
    lang = LANG or DEFAULT
    kinds = [url(lang, PAGES[0]), url(lang, MODULE), url(DEFAULT, MODULE)] + [url(lang, p) for p in PAGES if p != PAGES[0]]
    if CUT_MODULE:
        kinds.append(url(lang, CUT_MODULE).rstrip("/") + "-2/")
    kinds += [prefix(lang) + "404.html"] + [url(code, OTHER_MODULE) for code in TRANSLATIONS if code != lang][:1]
    return list(dict.fromkeys(kinds))


PAGE_TYPES = _page_types()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_accessibility_violations(served, phone, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(served + path)
    results = Axe().run(phone)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def _pack(lang: str, key: str) -> str:
    """A string of the UI pack the build uses for `lang` (the site's own, or Material's)."""
    from asm_academy.content.ui_packs import pack_for, read_pack
    return read_pack(pack_for(ROOT, lang))[key]


@needs_translation
def test_menu_opens_and_leads_to_another_module(served, phone) -> None:
    phone.goto(served + url(LANG, MODULE))
    phone.locator('label.md-header__button[for="__drawer"]').click()
    link = phone.locator(f'.md-nav--primary a.md-nav__link[href$="{stem(OTHER_MODULE)}/"]').first
    link.wait_for(state="visible")
    link.click()
    phone.wait_for_url("**/" + url(LANG, OTHER_MODULE))
    assert phone.errors == []


@needs_translation
def test_missing_address_shows_the_404_of_its_language(served, phone) -> None:
    phone.goto(served + f"{LANG}/modules/no-such-module/")
    phone.wait_for_url(f"**/{LANG}/404.html")
    assert phone.locator("html").get_attribute("lang") == LANG
    assert UI.get(LANG, "not_found_title") in phone.locator("h1").inner_text()



@pytest.mark.skipif(CUT_MODULE is None or LANG is None, reason="no module long enough to be served in parts")
def test_a_module_reads_part_by_part_and_anchors_land_on_their_part(served, phone) -> None:
    first = url(LANG, CUT_MODULE)
    phone.goto(served + first, wait_until="networkidle")
    total = phone.locator(".asm-parts li").count()
    assert total >= 2
    phone.locator(".asm-pager a[rel=next]").click()
    phone.wait_for_url("**/" + first.rstrip("/") + "-2/")
    assert phone.locator(".asm-parts summary").inner_text() == UI.get(LANG, "part_number", number=2, total=total)
    # the list of parts opens and leads to the last part; the language switcher keeps the part
    phone.locator(".asm-parts summary").click()
    phone.locator(".asm-parts li a").last.click()
    phone.wait_for_url("**/" + first.rstrip("/") + f"-{total}/")
    phone.get_by_role("button", name=_pack(LANG, "select.language")).click()
    phone.locator(f'a.md-select__link[hreflang="{DEFAULT}"]').click()
    phone.wait_for_url("**/asm/" + url(DEFAULT, CUT_MODULE).rstrip("/") + f"-{total}/")
    assert phone.locator("html").get_attribute("lang") == DEFAULT
    assert phone.errors == []


@pytest.mark.skipif(cross_part_link() is None, reason="no link into a later part of a module")
def test_a_link_to_a_section_opens_the_part_that_holds_it(served, phone) -> None:
    page, target, anchor = cross_part_link()
    for number in range(1, 20):
        phone.goto(served + url(DEFAULT, page).rstrip("/") + ("/" if number == 1 else f"-{number}/"))
        link = phone.locator(f".md-content a[href*='{stem(target)}'][href$='#{anchor}']").first
        if link.count():
            break
    part = phone.evaluate("h => new URL(h, location.href).pathname", link.get_attribute("href"))
    assert part.rstrip("/").rsplit("/", 1)[-1].startswith(stem(target) + "-")
    phone.goto(phone.evaluate("h => new URL(h, location.href).href", link.get_attribute("href")))
    assert phone.locator(f"#{anchor}").is_visible()
