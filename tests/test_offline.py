"""What "save for offline" stores for one language."""
from __future__ import annotations

import json
from pathlib import Path

from asm_academy.translation.page_context import page_url


def test_offline_list_has_every_page_and_handout_of_the_language_and_nothing_of_the_others(site: Path) -> None:
    listing = json.loads((site / "sn" / "offline.json").read_text(encoding="utf-8"))
    urls = set(listing["urls"])
    assert page_url("modules/safety.md") in urls and "handouts/safety-sn.pdf" in urls
    assert "search/index.json" in urls and "404.html" in urls
    assert "../assets/javascripts/asm.js" in urls
    assert not any(u.startswith(("../nd/", "../modules/")) or "bundle." in u for u in urls)
    english = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    assert not any(u.startswith(("sn/", "nd/")) for u in english["urls"])
    def size(url: str) -> int:
        path = (site / "sn" / url).resolve()
        return (path / "index.html" if url.endswith("/") else path).stat().st_size
    assert listing["bytes"] == sum(size(u) for u in listing["urls"])


def test_service_worker_and_pages_agree_on_the_version(site: Path) -> None:
    version = json.loads((site / "sn" / "offline.json").read_text(encoding="utf-8"))["version"]
    assert f'"asm-sn-{version}"' in (site / "sn" / "sw.js").read_text(encoding="utf-8")
    page = (site / "sn" / "modules" / "safety" / "index.html").read_text(encoding="utf-8")
    assert f'data-cache="asm-sn-{version}"' in page and "%%ASM_OFFLINE" not in page


def test_web_manifest_names_the_site_in_each_language(site: Path) -> None:
    for prefix, lang in (("", "en"), ("sn/", "sn"), ("nd/", "nd")):
        manifest = json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["start_url"] == "./" and manifest["scope"] == "./"
        assert manifest["description"]
    assert json.loads((site / "sn" / "manifest.webmanifest").read_text())["description"] != \
        json.loads((site / "manifest.webmanifest").read_text())["description"]


def test_search_index_per_language_marks_fallbacks_and_has_no_other_language(site: Path) -> None:
    index = json.loads((site / "sn" / "search" / "index.json").read_text(encoding="utf-8"))
    assert index["lang"] == "sn"
    assert {p["u"] for p in index["pages"]} >= {"modules/safety/", "glossary/"}
    assert all(not p["u"].startswith(("sn/", "nd/")) for p in index["pages"])
    english = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    assert all(not p["u"].startswith(("sn/", "nd/")) for p in english["pages"])
