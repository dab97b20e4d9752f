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
from course_facts import (CUT_MODULE, DEFAULT, LANG, LANGS, MODULE, MODULES, OTHER_MODULE, UI, cross_part_link, glossary_pages,
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
def built(tmp_path_factory) -> Path:
    """The site with one translated page removed (to see a fallback)."""
    tmp = tmp_path_factory.mktemp("browser")
    repo = copy_repo(tmp / "repo")
    if (ROOT / ".cache" / "handouts").exists():
        shutil.copytree(ROOT / ".cache" / "handouts", repo / ".cache" / "handouts")
    if GONE:
        (repo / "docs" / LANG / GONE).unlink()
    result = build_site(repo, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def served(built):
    """That site served on loopback under /asm/."""
    server, address = serve(built, BASE)
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
    assert not any("/search/" in url and url.endswith(".json") for url in phone.requests), "search files loaded before a search"
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


def _offline_list(phone, address: str, lang: str) -> dict:
    from course_facts import prefix
    return phone.request.get(address + prefix(lang) + "offline.json").json()


def _saved_parts(phone, lang: str) -> list[str] | None:
    """What the copy in the browser holds, from its own offline.json (None: no complete copy)."""
    return phone.evaluate("""(prefix) => caches.keys().then(names => Promise.all(names.filter(n => n.startsWith(prefix))
        .map(n => caches.open(n).then(c => c.keys()).then(keys => Promise.all(keys.filter(k => k.url.endsWith('/offline.json'))
        .map(k => caches.match(k, {cacheName: n}).then(r => r.json()))))))).then(found => {
            const lists = found.flat(); return lists.length ? lists[0].chosen : null; })""", f"asm-{lang}-")


def _wait_for_status(phone, lang: str, keys: list[str]) -> str:
    """The first of these messages the save box shows; its text."""
    words = [UI.get(lang, key) for key in keys]
    status = phone.locator("#asm-offline [role=status]")
    phone.wait_for_function("([el, words]) => words.some(w => el.textContent.includes(w))",
                            arg=[status.element_handle(), words], timeout=120_000)
    return status.inner_text()


@needs_translation
def test_pages_and_handouts_are_saved_apart_and_a_saved_copy_can_be_removed(served, phone) -> None:
    from asm_academy.web.offline import mb
    phone.goto(served + url(LANG, MODULE))
    listing = _offline_list(phone, served, LANG)
    pages, handouts = (phone.locator(f"#asm-offline button[data-save={part}]") for part in ("pages", "handouts"))
    remove = phone.locator("#asm-offline button[data-remove]")
    # the labels say what each save really transfers, measured from the list
    assert pages.inner_text() == UI.get(LANG, "offline_save", size=mb(listing["bytes"]["pages"]))
    assert handouts.is_hidden() and remove.is_hidden()
    broken: list[str] = []
    phone.context.on("requestfailed", lambda r: broken.append(f"{r.url} ({r.failure})"))
    phone.context.on("response", lambda r: r.status >= 400 and broken.append(f"{r.url} (HTTP {r.status})"))
    pages.click()
    assert UI.get(LANG, "offline_saved") in _wait_for_status(phone, LANG, ["offline_saved", "offline_failed"]), broken
    assert _saved_parts(phone, LANG) == ["pages"]
    assert handouts.inner_text() == UI.get(LANG, "offline_save_handouts", size=mb(listing["bytes"]["handouts"]))
    assert handouts.is_visible() and remove.is_visible() and pages.is_hidden()
    handout = served + f"{LANG}/handouts/{stem(OTHER_MODULE)}-{LANG}.pdf"
    fetch_status = "u => fetch(u).then(r => r.status, () => 'no connection')"
    phone.context.set_offline(True)
    try:
        phone.goto(served + url(LANG, OTHER_MODULE))          # the pages open with no connection...
        assert phone.locator("html").get_attribute("lang") == LANG and phone.locator("h1").count() >= 1
        assert phone.evaluate(fetch_status, handout) == "no connection"   # ...the handouts were not saved
        # search works offline too: the saved copy holds every search file of the language
        phone.goto(served + f"{LANG}/search/?q={search_word(LANG, MODULE)}")
        phone.locator("#asm-search-results li p:not(:empty)").first.wait_for()
    finally:
        phone.context.set_offline(False)

    handouts.click()                                          # the reader adds the handouts
    assert UI.get(LANG, "offline_saved_handouts") in _wait_for_status(
        phone, LANG, ["offline_saved_handouts", "offline_failed"]), broken
    assert _saved_parts(phone, LANG) == ["pages", "handouts"] and handouts.is_hidden()
    phone.context.set_offline(True)
    try:
        phone.goto(served + url(LANG, MODULE))
        assert phone.evaluate(fetch_status, handout) == 200
    finally:
        phone.context.set_offline(False)

    usage = "() => navigator.storage.estimate().then(e => e.usage)"
    saved_usage = phone.evaluate(usage)
    assert saved_usage > listing["bytes"]["pages"]
    phone.locator("#asm-offline button[data-remove]").click()   # and removes the copy: the space is freed
    assert UI.get(LANG, "offline_removed") in _wait_for_status(phone, LANG, ["offline_removed"])
    assert phone.evaluate(f"() => caches.keys().then(n => n.filter(k => k.startsWith('asm-{LANG}-')))") == []
    assert phone.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert phone.locator("#asm-offline button[data-save=pages]").is_visible()
    # the browser counts the freed space a moment later
    phone.wait_for_function(f"() => navigator.storage.estimate().then(e => e.usage < {saved_usage - listing['bytes']['pages']})",
                            polling=500, timeout=60_000)


# ---- a save that cannot finish says why, and never leaves a copy that looks saved

@pytest.fixture()
def faulty(built, tmp_path):
    """A copy of the built site, broken by the test, served on loopback."""
    site = tmp_path / "site"
    shutil.copytree(built, site)
    servers = []

    def start():
        server, address = serve(site, BASE)
        servers.append(server)
        return address
    yield site, start
    for server in servers:
        server.shutdown()


def _listed_page(site: Path) -> Path:
    """A page of the saved language that the offline list names."""
    import json
    from course_facts import prefix
    listing = json.loads((site / prefix(LANG) / "offline.json").read_text(encoding="utf-8"))
    address = next(u for u in listing["urls"] if stem(OTHER_MODULE) in u and u.endswith("/"))
    return site / prefix(LANG) / address / "index.html"


def _save_fails_with(phone, address: str, key: str) -> None:
    phone.goto(address + url(LANG, MODULE))
    phone.locator("#asm-offline button[data-save=pages]").click()
    text = _wait_for_status(phone, LANG, ["offline_saved", "offline_failed", "offline_failed_missing",
                                          "offline_failed_corrupt", "offline_failed_full"])
    assert text == UI.get(LANG, key), text
    assert _saved_parts(phone, LANG) is None, "a copy that is not whole looks saved"
    phone.locator("#asm-offline button[data-save=pages]:not([disabled])").wait_for()   # the reader may try again
    phone.reload()
    assert phone.locator("#asm-offline [role=status]").inner_text() == ""


@needs_translation
def test_a_file_missing_from_the_site_ends_the_save_with_its_message(faulty, phone) -> None:
    site, start = faulty
    shutil.rmtree(_listed_page(site).parent)      # the page's folder: the host answers 404
    _save_fails_with(phone, start(), "offline_failed_missing")


@needs_translation
def test_a_file_that_is_not_what_the_list_says_ends_the_save_with_its_message(faulty, phone) -> None:
    site, start = faulty
    page = _listed_page(site)
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed after the build -->", encoding="utf-8")
    _save_fails_with(phone, start(), "offline_failed_corrupt")


@needs_translation
def test_a_full_phone_ends_the_save_with_its_message_and_frees_what_it_stored(faulty, phone) -> None:
    _, start = faulty
    address = start()
    session = phone.context.new_cdp_session(phone)
    origin = address.split(BASE)[0]
    session.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 150_000})
    _save_fails_with(phone, address, "offline_failed_full")
    assert phone.evaluate(f"() => caches.keys().then(n => n.filter(k => k.startsWith('asm-{LANG}-')))") == []


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


# ---- content from a stranger: even with the checks switched off, nothing runs and no other host is asked

@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """A copy built with checks off, with every payload of the corpus in a page, in front matter,
    in the glossary and in the interface strings."""
    import re as _re

    from payloads import AS_TEXT, IN_PAGES

    tmp = tmp_path_factory.mktemp("attacked")
    repo = copy_repo(tmp / "repo")
    page = repo / "docs" / MODULE
    text = page.read_text(encoding="utf-8")
    text = _re.sub(r"(?m)^title: .*$", f"title: '{AS_TEXT[0]}'", text, count=1)
    text = _re.sub(r"(?m)^summary: .*$", f"summary: '{AS_TEXT[1]}'", text, count=1)
    # a <meta http-equiv="refresh"> navigates whatever the policy says (CSP has no say over it):
    # only the allowlist stops it, and test_content_safety proves it does; here it would end the test
    attacks = [p for p in IN_PAGES if 'http-equiv="refresh"' not in p]
    page.write_text(text + "\n\n## Attacks {#attacks}\n\n" + "\n\n".join(attacks) + "\n", encoding="utf-8")
    termbase = repo / "data" / "termbase.yml"
    termbase.write_text(_re.sub(r"(?m)^(      definition: ).*$", lambda m: m.group(1) + repr(AS_TEXT[2]).replace("\\\\", ""),
                                termbase.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    ui = repo / "data" / "ui.yml"
    ui.write_text(ui.read_text(encoding="utf-8").replace('"Help translate it."', repr(AS_TEXT[0])), encoding="utf-8")
    result = build_site(repo, tmp / "site", settings={"checks": False, "handouts": False}, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    server, address = serve(tmp / "site", BASE)
    yield address
    server.shutdown()


def test_no_payload_runs_or_reaches_another_host(attacked, phone) -> None:
    from course_facts import glossary_pages
    dialogs: list[str] = []
    failed: dict[str, str] = {}
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    phone.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure or ""))
    pages = [url(DEFAULT, MODULE), url(LANG or DEFAULT, MODULE)] + [url(DEFAULT, g) for g in glossary_pages()]
    if GONE:
        pages.append(url(LANG, GONE) if LANG else url(DEFAULT, GONE))
    for path in pages:
        phone.goto(attacked + path, wait_until="networkidle")
        assert phone.evaluate("window.__pwned") is None, f"a payload ran on {path}"
    # the browser may start a request the policy then stops: what counts is that none leaves the page
    others = [u for u in phone.requests if not u.startswith("data:") and urlsplit(u).netloc != urlsplit(attacked).netloc]
    assert all(failed.get(u, "") == "csp" or "BLOCKED_BY_CSP" in failed.get(u, "") for u in others), \
        {u: failed.get(u) for u in others}
    assert dialogs == []


def test_the_content_security_policy_is_in_force(served, phone) -> None:
    phone.goto(served + url(DEFAULT, MODULE), wait_until="networkidle")
    phone.evaluate("""() => { window.__csp = []; document.addEventListener('securitypolicyviolation',
                      e => window.__csp.push(e.violatedDirective)); }""")
    phone.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';
                      document.head.appendChild(s); const i = new Image(); i.src = 'https://evil.example/x.png'; }""")
    phone.wait_for_timeout(300)
    assert phone.evaluate("window.__pwned") is None
    violations = phone.evaluate("window.__csp")
    assert any(v.startswith("script-src") for v in violations) and any(v.startswith("img-src") for v in violations)


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_pages_work_under_the_policy_without_a_violation(served, phone, path: str) -> None:
    phone.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
                             e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    phone.goto(served + path, wait_until="networkidle")
    assert phone.evaluate("window.__csp") == [] and phone.errors == []


# ---- an update cut off part-way leaves the saved copy whole, and carries on later

def until(condition, seconds: float, what: str = "a condition") -> None:
    import time
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, f"timed out after {seconds} s waiting until {what}"
        time.sleep(0.2)


@needs_translation
def test_an_update_cut_off_part_way_never_loses_the_saved_copy(tmp_path: Path, phone) -> None:
    import json
    import re as _re
    import threading

    from course_facts import prefix

    repo = copy_repo(tmp_path / "repo")
    assert build_site(repo, tmp_path / "a", settings={"handouts": False}).returncode == 0
    source = repo / "docs" / MODULE            # one English sentence changes between the two builds
    text = source.read_text(encoding="utf-8")
    source.write_text(_re.sub(r"(?m)^(## .*\n\n)", r"\1One new English sentence.\n\n", text, count=1), encoding="utf-8")
    assert build_site(repo, tmp_path / "b", settings={"handouts": False}).returncode == 0
    assert (tmp_path / "a" / prefix(LANG) / "sw.js").read_bytes() != (tmp_path / "b" / prefix(LANG) / "sw.js").read_bytes(), \
        "the edit must give the language a new worker"
    live = tmp_path / "live"
    shutil.copytree(tmp_path / "a", live)
    requested: list[str] = []
    state = {"allow": None, "seen": 0}
    signal_back = threading.Event()     # set: stalled requests are let go (and dropped)

    def gate(path: str) -> bool:
        requested.append(path)
        if state["allow"] is None:
            return True
        state["seen"] += 1
        if state["seen"] <= state["allow"]:
            return True
        signal_back.wait(120)           # a weak signal: the request stalls, as on a phone
        return False

    server, address = serve(live, BASE, gate)
    cache_prefix = f"asm-{LANG}-"
    count_caches = f"() => caches.keys().then(n => n.filter(k => k.startsWith('{cache_prefix}')).length)"
    try:
        phone.goto(address + url(LANG, MODULE), wait_until="networkidle")
        phone.locator("#asm-offline button[data-save=pages]").click()
        phone.locator("#asm-offline [role=status]").filter(has_text=UI.get(LANG, "offline_saved")).wait_for(timeout=120_000)
        saved = json.loads((live / prefix(LANG) / "offline.json").read_text(encoding="utf-8"))
        pages = [u for u in saved["urls"] if u.endswith("/") and not u.startswith("../")]

        shutil.rmtree(live)                       # the site is rebuilt...
        shutil.copytree(tmp_path / "b", live)
        # ...and the signal is lost half-way through the files the update must fetch (how many depends
        # on the content: a saved size that rounds differently changes every page, otherwise a few change)
        rebuilt = json.loads((live / prefix(LANG) / "offline.json").read_text(encoding="utf-8"))
        old = dict(zip(saved["urls"], saved["hashes"]))
        changed = [u for u, h in zip(rebuilt["urls"], rebuilt["hashes"]) if old.get(u) != h]
        assert len(changed) >= 2, changed
        state["allow"] = len(changed) // 2
        phone.goto(address + url(LANG, MODULE))
        # what the browser does by itself after a visit, sooner: look for a new worker
        phone.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        until(lambda: state["seen"] > state["allow"], 60,    # a request stalls: the update is cut off
              f"the update asks for more than it may ({state}, {requested[-5:]})")
        phone.wait_for_timeout(1000)
        assert state["seen"] > state["allow"], ("the update finished before the signal was lost",
                                                 phone.evaluate("() => caches.keys()"), state)
        assert phone.evaluate(count_caches) == 2, "the update must not have replaced the saved copy"
        # the reader goes on reading while the update stalls: the saved page opens from the saved copy
        # at once (the new worker's activation once awaited the update, and Chromium holds every
        # fetch event until activation ends)
        # (well under the worker's 30 s stall limit: a page held until the update gives up misses it)
        phone.goto(address + url(LANG, OTHER_MODULE), timeout=10_000)
        assert phone.locator("html").get_attribute("lang") == LANG

        state["allow"] = 0                        # no signal at all: every saved page still opens
        signal_back.set()                         # (the stalled requests are dropped)
        for page in pages:
            phone.goto(address + prefix(LANG) + page.lstrip("./"))
            assert phone.locator("html").get_attribute("lang") == LANG, page
            assert UI.get(LANG, "not_found_title") not in phone.locator("h1").first.inner_text(), page

        state["allow"] = None                     # the signal is back: the next page finishes the update
        phone.goto(address + url(LANG, MODULE))
        until(lambda: phone.evaluate(count_caches) == 1, 120, "the resumed update has replaced the old copy")
        new_version = json.loads((live / prefix(LANG) / "offline.json").read_text(encoding="utf-8"))["version"]
        assert phone.evaluate(f"() => caches.keys()") == [f"{cache_prefix}{new_version}"] or \
            f"{cache_prefix}{new_version}" in phone.evaluate("() => caches.keys()")
    finally:
        signal_back.set()
        server.shutdown()


@needs_translation
def test_offline_the_default_languages_copy_does_not_answer_for_an_unsaved_language(served, phone) -> None:
    """Saved in the default language only: a page of another language is not shown as its 404."""
    phone.goto(served + url(DEFAULT, MODULE))
    phone.locator("#asm-offline button[data-save=pages]").click()
    phone.locator("#asm-offline [role=status]").filter(has_text=UI.get(DEFAULT, "offline_saved")).wait_for(timeout=120_000)
    phone.context.set_offline(True)
    try:
        try:
            phone.goto(served + url(LANG, OTHER_MODULE))
        except Exception:
            return                  # the browser's own "no connection" page: true, and not misleading
        assert phone.locator("html").get_attribute("lang") != DEFAULT
    finally:
        phone.context.set_offline(False)


@needs_translation
def test_the_review_sheet_view_opens_from_the_notice_under_its_policy_and_links_its_pdf(served, phone) -> None:
    """A reviewer on a phone: the notice's link opens the sheet, which works under its own policy."""
    from axe_playwright_python.sync_playwright import Axe

    from asm_academy.printing.review_sheets import FOLDER, sheet_name
    from course_facts import prefix

    phone.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
                             e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    phone.goto(served + url(LANG, MODULE))
    view = phone.locator(f'.asm-notice a[href$="{Path(sheet_name(MODULE, LANG, ".html")).name}"]')
    if view.count() == 0:
        pytest.skip(f"{LANG}/{MODULE} is reviewed: its notice offers no sheet")
    phone.wait_for_load_state("networkidle")
    phone.errors.clear()                  # from here on: the sheet's own errors
    summary = phone.locator(".asm-notice details summary")
    if summary.count():
        summary.first.click()             # a draft notice is one line; its links are a tap away
    view.first.click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith(f"{prefix(LANG)}{FOLDER}/{sheet_name(MODULE, LANG, '.html')}")
    assert phone.evaluate("window.__csp") == [] and phone.errors == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360          # fits the screen
    serious = [v["id"] for v in Axe().run(phone).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    pdf = phone.locator('a[href$=".pdf"]').first.get_attribute("href")
    response = phone.request.get(phone.url.rsplit("/", 1)[0] + "/" + pdf)
    assert response.ok and response.body()[:5] == b"%PDF-"


def _first_part(lang: str) -> str:
    """A module part as a reader lands on it: the second part of a cut module, else a whole module."""
    if CUT_MODULE:
        return url(lang, CUT_MODULE).rstrip("/") + "-2/"
    return url(lang, MODULE or MODULES[0])


def _on_first_screen(phone, selector: str, lines: int = 2) -> bool:
    """The element starts on the first screen with room for its first `lines` lines (about 24 px each)."""
    box = phone.locator(selector).first.bounding_box()
    return box is not None and box["height"] > 0 and 0 <= box["y"] and box["y"] + 24 * lines <= 740


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_screen_of_a_module_part_is_its_title_and_text(served, phone, lang: str) -> None:
    phone.goto(served + _first_part(lang), wait_until="networkidle")
    title = phone.locator("article h1").first.bounding_box()
    assert title and title["y"] + title["height"] <= 740, f"{lang}: the title ends at {title}"
    assert _on_first_screen(phone, "article.md-content__inner > p:not([class])"), \
        f"{lang}: the text starts below the first screen"


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_opens_with_the_modules_and_the_save_button(served, phone, lang: str) -> None:
    phone.goto(served + url(lang, "index.md"), wait_until="networkidle")
    assert phone.locator(".asm-modules li a").count() == len(MODULES)
    assert _on_first_screen(phone, ".asm-modules li a"), f"{lang}: the list of modules is below the first screen"
    button = phone.locator('#asm-offline button[data-save="pages"]')
    assert button.is_visible(), f"{lang}: no save button"
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 740, f"{lang}: the save button is below the first screen"
    phone.locator(".asm-modules li a").first.click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == lang and "/modules/" in phone.url


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_scrolls_sideways_at_240_px(served, browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 240, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path in (url(lang, "index.md"), _first_part(lang)):
            page.goto(served + path, wait_until="networkidle")
            assert page.evaluate("document.documentElement.scrollWidth") <= 240, f"{path} is wider than 240 px"
    finally:
        context.close()
