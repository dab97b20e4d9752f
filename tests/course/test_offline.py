"""What "save for offline" stores for one language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from asm_academy.translation.page_context import page_url
from course_facts import DEFAULT, LANGS, MODULE, TRANSLATIONS, UI, glossary_pages, prefix, stem, url

OTHERS = tuple(f"{code}/" for code in TRANSLATIONS)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_offline_list_has_every_page_and_handout_of_the_language_and_nothing_of_the_others(site: Path, lang: str) -> None:
    listing = json.loads((site / lang / "offline.json").read_text(encoding="utf-8"))
    urls = set(listing["urls"])
    assert page_url(MODULE) in urls and f"handouts/{stem(MODULE)}-{lang}.pdf" in urls
    assert "search/index.json" in urls and "404.html" in urls
    assert "../assets/javascripts/asm.js" in urls
    others = tuple(f"../{o}" for o in OTHERS if o != f"{lang}/") + ("../modules/",)
    assert not any(u.startswith(others) or "bundle." in u for u in urls)
    english = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    assert not any(u.startswith(OTHERS) for u in english["urls"])
    from asm_academy.web.offline import transfer_size

    def size(url: str) -> int:
        path = (site / lang / url).resolve()
        return transfer_size(path / "index.html" if url.endswith("/") else path)
    # the buttons tell what saving really transfers (text compressed, as GitHub Pages sends it): the
    # pages, and apart from them the printable handouts
    parts = dict(zip(listing["urls"], listing["parts"]))
    assert {parts[u] for u in urls} == {"pages", "handouts"}
    assert all((parts[u] == "handouts") == u.endswith(".pdf") for u in urls)
    for part in ("pages", "handouts"):
        assert listing["bytes"][part] == sum(size(u) for u in listing["urls"] if parts[u] == part), part
    page = (site / lang / page_url(MODULE) / "index.html").read_text(encoding="utf-8")
    from asm_academy.web.offline import mb
    assert UI.get(lang, "offline_save", size=mb(listing["bytes"]["pages"])) in page
    assert UI.get(lang, "offline_save_handouts", size=mb(listing["bytes"]["handouts"])) in page
    # for printing, not for the phone: full prints, the trainer pack, review sheets, source maps, unused theme files
    assert not any(u.endswith(("-full.pdf", ".map")) or "-handouts-" in u or "palette." in u or "favicon.png" in u
                   for u in urls), [u for u in urls if "assets" in u]
    assert not any(u.startswith("review/") for u in urls), "review sheets are for reviewers, not the phone save"


@pytest.mark.parametrize("lang", LANGS)
def test_the_worker_names_its_cache_by_the_list_and_no_page_carries_a_build_wide_version(site: Path, lang: str) -> None:
    import hashlib
    listing = json.loads((site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))
    assert f'"asm-{lang}-{listing["version"]}"' in (site / prefix(lang) / "sw.js").read_text(encoding="utf-8")
    page = (site / url(lang, MODULE) / "index.html").read_text(encoding="utf-8")
    assert f'data-cache="asm-{lang}-"' in page and listing["version"] not in page and "%%ASM_OFFLINE" not in page
    # one hash per file, of the bytes as served: an update fetches only the files whose hash changed
    assert len(listing["hashes"]) == len(listing["urls"]) == len(listing["digests"]) == len(listing["parts"])
    for address, digest in [(u, h) for u, h in zip(listing["urls"], listing["hashes"]) if not u.endswith(".pdf")][:20]:
        path = (site / prefix(lang) / address).resolve()
        path = path / "index.html" if address.endswith("/") else path
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] == digest, address
    # and every file's digest is of its bytes as served: the worker checks each download against it
    for address, digest in list(zip(listing["urls"], listing["digests"]))[:40]:
        path = (site / prefix(lang) / address).resolve()
        path = path / "index.html" if address.endswith("/") else path
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] == digest, address


@pytest.mark.parametrize("lang", LANGS)
def test_a_handouts_offline_hash_is_its_render_inputs_the_handout_cache_key(site: Path, lang: str) -> None:
    """Another machine's font libraries change a PDF's bytes, not its inputs: phones keep their copy."""
    from asm_academy.settings import Settings
    from conftest import ROOT
    cache = Settings(root=ROOT).handout_cache        # where the test build's PDFs come from
    listing = json.loads((site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))
    pdfs = [(u, h) for u, h in zip(listing["urls"], listing["hashes"]) if u.endswith(".pdf")]
    assert pdfs
    for address, version in pdfs:
        served = (site / prefix(lang) / address).read_bytes()
        assert any(p.read_bytes() == served for p in cache.glob(f"{version}*.pdf")), address


def test_web_manifest_names_the_site_in_each_language(site: Path) -> None:
    from course_facts import CONFIG
    for lang in LANGS:
        manifest = json.loads((site / prefix(lang) / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["start_url"] == "./" and manifest["scope"] == "./"
        assert manifest["description"] and manifest["name"] == CONFIG.site_name
        # each language's own description (the default one once carried the last language built's)
        assert " ".join(manifest["description"].split()) == " ".join(_descriptions().get(lang, _descriptions()[DEFAULT]).split())


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_per_language_marks_fallbacks_and_has_no_other_language(site: Path, lang: str) -> None:
    from search_reference import pages_from_files
    index = json.loads((site / prefix(lang) / "search" / "index.json").read_text(encoding="utf-8"))
    assert index["lang"] == lang
    pages = pages_from_files(site / prefix(lang) / "search")
    assert {p.url for p in pages} >= {page_url(MODULE)} | {page_url(g) for g in glossary_pages()}
    assert all(not p.url.startswith(OTHERS) for p in pages)


def _descriptions() -> dict[str, str]:
    """site_description per language, as mkdocs.yml states it (a language without one uses the site's)."""
    import yaml
    from conftest import ROOT
    from asm_academy.source.site_config import _Loader
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    found = {DEFAULT: data.get("site_description", "")}
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            found.update({l["locale"]: l["site_description"] for l in plugin["i18n"]["languages"] if l.get("site_description")})
    return found
