"""The ZIM files for Kiwix, as the workflow publishes them: zimcheck, their metadata as kiwix-serve
lists it, the download page's sizes, and the course read in Chromium from kiwix-serve.

Needs Debian's zim-tools and kiwix-tools (.ci/run installs them): without them these tests fail,
never skip. The site with its ZIM files is built once per session (conftest.zim_site).
"""
from __future__ import annotations

import io
import json
import re
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.request import urlopen

import pytest

from asm_academy.content import generated
from asm_academy.settings import settings_from_file
from asm_academy.tools.zim_export import ZIM_FOLDER, zim_file_name, zimcheck_errors
from asm_academy.web.kiwix import NO_DATA_END, NO_DATA_START
from asm_academy.web.offline import mb
from conftest import ROOT
from course_facts import TREE, CONFIG, CUT_MODULE, LANG, LANGS, MODULE, UI, built, page_with_marker, prefix, search_word, url

pytestmark = pytest.mark.slow
SITE_NAME = CONFIG.site_name
SETTINGS = settings_from_file(ROOT)
DOWNLOAD_PAGE = page_with_marker(generated.NO_DATA)
ATOM = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}


def _zim(site: Path, lang: str) -> Path:
    return site / ZIM_FOLDER / zim_file_name(SITE_NAME, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_zim_file_that_passes_zimcheck(zim_site: Path, lang: str) -> None:
    assert _zim(zim_site, lang).is_file(), sorted(p.name for p in (zim_site / ZIM_FOLDER).glob("*"))
    assert zimcheck_errors(_zim(zim_site, lang)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_zim_files_are_not_in_any_phone_save(zim_site: Path, lang: str) -> None:
    saved = json.loads((zim_site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))["urls"]
    assert not [u for u in saved if u.endswith(".zim") or f"{ZIM_FOLDER}/" in u]


@pytest.mark.parametrize("lang", LANGS)
def test_download_page_states_the_true_sizes_of_the_zim_and_the_phone_save(zim_site: Path, lang: str) -> None:
    assert DOWNLOAD_PAGE, f"no page of docs/ has {generated.NO_DATA}"
    page = built(zim_site, lang, DOWNLOAD_PAGE).read_text(encoding="utf-8")
    block = page[page.index(NO_DATA_START):page.index(NO_DATA_END)]
    zim = _zim(zim_site, lang)
    assert f'{zim.name}</a> ({mb(zim.stat().st_size)} MB)' in block
    link = re.search(r'href="([^"]+\.zim)"', block).group(1)
    assert (built(zim_site, lang, DOWNLOAD_PAGE).parent / link).resolve() == zim.resolve()
    # the phone save: the number the save button shows, and what the offline list really holds
    button = re.search(r"<button[^>]*>[^<]*?([\d.]+) MB", page.split('id="asm-offline"')[1]).group(1)
    listed = json.loads((zim_site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))["bytes"]["pages"]
    assert f"{button} MB" in block and abs(float(button) - listed / 1e6) < 0.06
    for key in ("nodata_step_install", "nodata_step_copy", "nodata_step_open"):
        assert UI.get(lang, key).split(":")[0].replace("'", "&#x27;") in block, key


def test_no_size_placeholder_is_left_in_any_page_or_index(zim_site: Path) -> None:
    left = [p.relative_to(zim_site).as_posix() for p in zim_site.rglob("*")
            if p.suffix in (".html", ".json") and "%%ASM_" in p.read_text(encoding="utf-8")]
    assert left == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def kiwix(zim_site: Path):
    """kiwix-serve with every language's ZIM file, as a school's Raspberry Pi would serve them."""
    if shutil.which("kiwix-serve") is None:
        pytest.fail("kiwix-serve not found: install Debian's kiwix-tools (apt-get install kiwix-tools)")
    port = _free_port()
    server = subprocess.Popen(["kiwix-serve", "-i", "127.0.0.1", "-p", str(port),
                               *[str(_zim(zim_site, lang)) for lang in LANGS]],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urlopen(address + "/catalog/v2/entries", timeout=2).read()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.1)
    yield address
    server.terminate()
    server.wait(timeout=10)


def _catalog(kiwix: str) -> dict[str, ET.Element]:
    """Catalog entries by language (ISO 639-3)."""
    feed = ET.fromstring(urlopen(kiwix + "/catalog/v2/entries").read())
    return {e.findtext("a:language", namespaces=ATOM): e for e in feed.findall("a:entry", ATOM)}


def _book(kiwix: str, lang: str) -> str:
    entry = _catalog(kiwix)[UI.iso639_3[lang]]
    return next(link.get("href") for link in entry.findall("a:link", ATOM) if link.get("type") == "text/html")


@pytest.mark.parametrize("lang", LANGS)
def test_zim_metadata_as_kiwix_lists_it(kiwix: str, lang: str) -> None:
    from PIL import Image

    entry = _catalog(kiwix)[UI.iso639_3[lang]]        # the language is the ISO 639-3 code from data/ui.yml
    name = CONFIG.language(lang).name
    assert entry.findtext("a:title", namespaces=ATOM) in (f"{SITE_NAME} ({name})", SITE_NAME[:30])
    assert entry.findtext("a:author/a:name", namespaces=ATOM) == SETTINGS.organisation
    assert entry.findtext("a:publisher/a:name", namespaces=ATOM) == SETTINGS.organisation
    assert entry.findtext("dc:issued", namespaces=ATOM)
    assert 0 < len(entry.findtext("a:summary", namespaces=ATOM)) <= 80
    assert "_ftindex:yes" in entry.findtext("a:tags", namespaces=ATOM)       # full-text search
    icon = next(link.get("href") for link in entry.findall("a:link", ATOM) if "thumbnail" in link.get("rel", ""))
    picture = Image.open(io.BytesIO(urlopen(kiwix + icon).read()))
    assert picture.format == "PNG" and picture.size == (48, 48)


@pytest.mark.browser
def test_the_course_in_chromium_from_kiwix_serve(kiwix: str, phone) -> None:
    lang = LANG or CONFIG.default.code
    book = kiwix + _book(kiwix, lang)
    # the home page: the language's, with none of the web site's chrome that cannot work in Kiwix
    response = phone.goto(book, wait_until="load")
    assert response.ok and phone.locator("html").get_attribute("lang") == lang
    for chrome in ("#asm-offline", ".md-select", "link[rel=manifest]", ".md-content__button", "[data-suggest]"):
        assert phone.locator(chrome).count() == 0, chrome
    assert phone.evaluate("navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                          ".then(r => r.length) : 0") == 0
    # a module part, its diagram, and a handout
    module = CUT_MODULE or MODULE
    part = url(lang, module).removesuffix("/") + ("-2/" if CUT_MODULE else "/")
    response = phone.goto(f"{book}/{part}index.html", wait_until="load")
    assert response.ok, part
    assert phone.locator("article h1, article h2").count() > 0
    phone.goto(f"{book}/{url(lang, module)}index.html", wait_until="load")
    diagram = phone.locator("article img[src$='.svg']").first
    diagram.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=diagram.element_handle())
    response = phone.goto(diagram.evaluate("img => img.src"))
    assert response.ok and "svg" in response.headers.get("content-type", "")
    phone.goto(f"{book}/{url(lang, DOWNLOAD_PAGE)}index.html", wait_until="load")
    with phone.expect_download() as download:
        phone.locator("article a[href$='.pdf']:visible").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    # the ZIM's own full-text search finds a word of the language, and its result opens
    word = search_word(lang, module)
    assert word, f"no glossary term of {lang} on {module} to search for"
    phone.goto(f"{kiwix}/search?content={_book(kiwix, lang).strip('/')}&pattern={word}", wait_until="load")
    result = phone.locator(f".results a[href*='{Path(module).stem}']").first
    result.click()
    phone.wait_for_load_state("load")
    assert phone.locator("html").get_attribute("lang") == lang and Path(module).stem in phone.url
    # the site's own search page works inside the ZIM too (its index is a file of the ZIM)
    search_page = next(f.rel for f in TREE.pages(CONFIG.default.code)
                       if f.path.read_text(encoding="utf-8").find("template: search.html") >= 0)
    phone.goto(f"{book}/{url(lang, search_page)}index.html", wait_until="load")
    phone.locator("#asm-search input").fill(word)
    phone.locator(f"#asm-search-results a[href*='{Path(module).stem}']").first.wait_for(timeout=15_000)


from test_browser import browser, phone  # noqa: E402,F401  (the same Chromium at phone size)
