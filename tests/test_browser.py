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
from asm_academy.content.ui_strings import load_ui
from conftest import ROOT, TEST_SITE_URL, build_site, copy_repo

BASE = urlsplit(TEST_SITE_URL).path          # "/asm/"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or shutil.which("chromium-browser") or "")
UI = load_ui(ROOT)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site with one Shona page removed (to see a fallback), served on loopback under /asm/."""
    tmp = tmp_path_factory.mktemp("browser")
    repo = copy_repo(tmp / "repo")
    if (ROOT / ".cache" / "handouts").exists():
        shutil.copytree(ROOT / ".cache" / "handouts", repo / ".cache" / "handouts")
    (repo / "docs" / "sn" / "glossary.md").unlink()
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


def test_module_page_loads_without_errors_or_other_hosts_and_fits_the_screen(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/", wait_until="networkidle")
    assert phone.locator("html").get_attribute("lang") == "sn"
    assert phone.errors == []
    hosts = {urlsplit(url).netloc for url in phone.requests if not url.startswith("data:")}
    assert hosts == {urlsplit(served).netloc}, hosts
    assert not any("search/index.json" in url for url in phone.requests), "search index loaded before a search"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_language_switcher_goes_to_the_same_page(served, phone) -> None:
    phone.goto(served + "modules/safety/")
    phone.get_by_role("button", name="Select language").click()
    phone.locator('a.md-select__link[hreflang="sn"]').click()
    phone.wait_for_url("**/sn/modules/safety/")
    assert phone.locator("html").get_attribute("lang") == "sn"


def test_search_from_a_shona_page_returns_shona_pages(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/")
    phone.locator(f'a[aria-label="{_pack("sn", "search")}"]').click()
    phone.wait_for_url("**/sn/search/")
    phone.locator("#asm-search-input").fill("guruva")
    results = phone.locator("#asm-search-results li a")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert hrefs and all("/sn/" in phone.evaluate("h => new URL(h, location.href).pathname", h) for h in hrefs)
    assert any(url.endswith("sn/search/index.json") for url in phone.requests)
    assert not any(url.endswith("/search/index.json") and "/sn/" not in url for url in phone.requests)


def test_fallback_page_shows_the_banner_in_the_readers_language(served, phone) -> None:
    phone.goto(served + "sn/glossary/")
    banner = phone.locator(".asm-notice--fallback")
    assert banner.is_visible()
    assert UI.get("sn", "fallback_help") in banner.inner_text()


def test_handout_link_returns_a_pdf(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/")
    href = phone.locator('.asm-downloads a[href$="safety-sn.pdf"]').get_attribute("href")
    response = phone.request.get(phone.evaluate("h => new URL(h, location.href).href", href))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"


def test_saved_language_opens_without_a_connection(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/")
    button = phone.locator("#asm-offline button")
    assert "MB" in button.inner_text()
    button.click()
    phone.locator("#asm-offline [role=status]").filter(has_text=UI.get("sn", "offline_saved")).wait_for(timeout=120_000)
    phone.context.set_offline(True)
    try:
        phone.goto(served + "sn/modules/processing/")
        assert phone.locator("html").get_attribute("lang") == "sn"
        assert phone.locator("h1").count() >= 1
        status = phone.evaluate("u => fetch(u).then(r => r.status)", served + "sn/handouts/processing-sn.pdf")
        assert status == 200
    finally:
        phone.context.set_offline(False)


PAGE_TYPES = ["sn/", "sn/modules/", "sn/modules/safety/", "sn/modules/safety-2/", "sn/glossary/", "glossary-2/",
              "sn/search/", "sn/handouts/", "sn/status/", "sn/404.html", "modules/safety/", "nd/modules/surveying/"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_accessibility_violations(served, phone, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(served + path)
    results = Axe().run(phone)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def _pack(lang: str, key: str) -> str:
    import re
    text = (ROOT / "overrides" / "partials" / "languages" / f"{lang}.html").read_text(encoding="utf-8")
    return re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', text).group(1)


def test_menu_opens_and_leads_to_another_module(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/")
    phone.locator('label.md-header__button[for="__drawer"]').click()
    link = phone.locator('.md-nav--primary a.md-nav__link[href$="processing/"]').first
    link.wait_for(state="visible")
    link.click()
    phone.wait_for_url("**/sn/modules/processing/")
    assert phone.errors == []


def test_missing_shona_address_shows_the_shona_404(served, phone) -> None:
    phone.goto(served + "sn/modules/no-such-module/")
    phone.wait_for_url("**/sn/404.html")
    assert phone.locator("html").get_attribute("lang") == "sn"
    assert UI.get("sn", "not_found_title") in phone.locator("h1").inner_text()



def test_a_module_reads_part_by_part_and_anchors_land_on_their_part(served, phone) -> None:
    phone.goto(served + "sn/modules/safety/", wait_until="networkidle")
    total = phone.locator(".asm-parts li").count()
    assert total >= 2
    phone.locator(".asm-pager a[rel=next]").click()
    phone.wait_for_url("**/sn/modules/safety-2/")
    assert phone.locator(".asm-parts summary").inner_text() == UI.get("sn", "part_number", number=2, total=total)
    # the list of parts opens and leads to the last part; the language switcher keeps the part
    phone.locator(".asm-parts summary").click()
    phone.locator(".asm-parts li a").last.click()
    phone.wait_for_url(f"**/sn/modules/safety-{total}/")
    phone.get_by_role("button", name=_pack("sn", "select.language")).click()
    phone.locator('a.md-select__link[hreflang="en"]').click()
    phone.wait_for_url(f"**/asm/modules/safety-{total}/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.errors == []
    # value-chains links to safety.md#ppe: the link opens the part that holds the section
    for number in range(1, 10):
        phone.goto(served + ("modules/value-chains/" if number == 1 else f"modules/value-chains-{number}/"))
        link = phone.locator(".md-content a[href*='safety'][href$='#ppe']").first
        if link.count():
            break
    part = phone.evaluate("h => new URL(h, location.href).pathname", link.get_attribute("href"))
    assert part.rstrip("/").rsplit("/", 1)[-1].startswith("safety-")
    phone.goto(phone.evaluate("h => new URL(h, location.href).href", link.get_attribute("href")))
    assert phone.locator("#ppe").is_visible()
