"""The tiered search finds what the one-file index found, and a first search fetches a few files.

Runs today's ranking (tests/search_reference.py) on the whole index put back together from the
built files, and the site's own search page, in Chromium, on queries taken from the built content of
each language: its glossary terms, words of its headings, and a few fixed English words.
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

import pytest

from asm_academy.tools.local_server import serve
from asm_academy.web.search_tiers import fold
from conftest import TEST_SITE_URL
from course_facts import LANGS, TERMS, prefix
from search_reference import REFERENCE_JS, full_index, pages_from_files
from test_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser
FIXED = ["lithium", "dust", "claim", "pit wall", "spodumene", "ph", "safety first"]


def queries(site, lang: str) -> list[str]:
    """Glossary terms of the language, one word of every fourth heading, and the fixed words."""
    terms = [t.forms[lang].term for t in TERMS if lang in t.forms][:15]
    headings = [s[0] for p in pages_from_files(site / prefix(lang) / "search") for s in p.sections if s[0]]
    words = [next((w for w in re.findall(r"\w{4,}", h)), "") for h in headings[::4]]
    return list(dict.fromkeys(q for q in terms + words + FIXED if q))


@pytest.fixture(scope="module")
def phone(site):
    if not CHROMIUM:
        pytest.fail("Chromium not found: install Debian's `chromium` (apt-get install chromium) or set CHROMIUM=path")
    from playwright.sync_api import sync_playwright
    server, address = serve(site, urlsplit(TEST_SITE_URL).path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # tall, so every result is on screen and fetches its snippet
        context = browser.new_context(viewport={"width": 360, "height": 20000})
        page = context.new_page()
        page.address, page.requests = address, []
        page.on("request", lambda r: page.requests.append(r.url))
        yield page
        browser.close()
    server.shutdown()


def shown(phone) -> dict:
    phone.wait_for_function("""() => document.getElementById('asm-search-status').textContent &&
        [...document.querySelectorAll('#asm-search-results li p')].every(p => p.textContent)""")
    return phone.evaluate("""() => ({status: document.getElementById('asm-search-status').textContent,
        results: [...document.querySelectorAll('#asm-search-results li')].map(li => [
            li.querySelector('a').getAttribute('href'), li.querySelector('a').textContent,
            li.querySelector('p').textContent])})""")


@pytest.mark.parametrize("lang", LANGS)
def test_tiered_search_shows_the_results_of_the_whole_index(site, phone, lang) -> None:
    folder = site / prefix(lang) / "search"
    index = full_index(pages_from_files(folder))
    checked = 0
    for query in queries(site, lang):
        phone.requests.clear()
        phone.goto(f"{phone.address}{prefix(lang)}search/?q={quote(query)}")
        got = shown(phone)
        form = phone.locator("#asm-search")
        expected = phone.evaluate(REFERENCE_JS, [json.loads(json.dumps(index)), query, form.get_attribute("data-root"),
                                                 form.get_attribute("data-none"), form.get_attribute("data-count")])
        assert got == expected, f"{lang}: `{query}` shows other results than the whole index"
        fetched = [u for u in phone.requests if "/search/" in u and u.endswith(".json")]
        if all(len(fold(w)) > 2 for w in re.findall(r"\w+", query)):
            assert len(fetched) < len(list(folder.rglob("*.json"))) / 4, f"{lang}: `{query}` fetched {len(fetched)} files"
        checked += bool(got["results"])
    assert checked >= 5, f"{lang}: only {checked} queries found anything; the comparison says little"


@pytest.mark.parametrize("lang", LANGS)
def test_offline_list_holds_every_search_file(site, lang) -> None:
    saved = set(json.loads((site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))["urls"])
    folder = site / prefix(lang) / "search"
    missing = [p.relative_to(folder.parent).as_posix() for p in folder.rglob("*.json")
               if p.relative_to(folder.parent).as_posix() not in saved]
    assert not missing, f"{lang}: saving for offline leaves out {missing[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_link_works_under_the_policy(site, phone, lang) -> None:
    """`search/?q=...` is an address a reader can share: it runs the search, with no inline script."""
    phone.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
                             e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    phone.goto(f"{phone.address}{prefix(lang)}search/?q=lithium")
    assert shown(phone)["status"] and phone.input_value("#asm-search-input") == "lithium"
    assert phone.evaluate("window.__csp") == [] and not phone.locator("script:not([src])").count()
    phone.fill("#asm-search-input", "dust")
    phone.wait_for_url(re.compile(r"/search/\?q=dust$"))
