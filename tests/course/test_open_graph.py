"""A shared link shows what it is: Open Graph tags in the page's language, and a plain share link."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from conftest import TEST_SITE_URL
from course_facts import LANGS, PAGES, UI, built

_META = re.compile(r'<meta property="(og:[a-z_:]+)" content="([^"]*)">')


def _og(text: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _META.findall(text)}


def _every_page(site: Path, lang: str) -> list[Path]:
    pages = [built(site, lang, rel) for rel in PAGES]
    # the further parts of cut pages too
    return pages + [p for page in pages for p in page.parent.parent.glob(f"{page.parent.name}-*/index.html")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_carries_open_graph_tags_in_its_language(site: Path, lang: str) -> None:
    for page in _every_page(site, lang):
        text = page.read_text(encoding="utf-8")
        og = _og(text)
        where = page.relative_to(site)
        for name in ("og:title", "og:description", "og:locale", "og:image", "og:url"):
            assert og.get(name, "").strip(), f"{where}: no {name}"
        assert og["og:locale"] == lang.replace("-", "_"), f"{where}: og:locale {og['og:locale']}"
        description = re.search(r'<meta name="description" content="([^"]*)">', text)
        assert og["og:description"] == html.unescape(description.group(1)), f"{where}: og:description is not the page's"
        assert og["og:title"] in html.unescape(re.search(r"<title>(.*?)</title>", text).group(1)), where
        assert "<" not in og["og:title"] and "&" not in re.sub(r"&(amp|lt|gt|quot|#39);", "", _raw(text, "og:title")), where
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text).group(1)
        assert og["og:url"] == canonical, f"{where}: og:url {og['og:url']} is not the page's address {canonical}"


def _raw(text: str, name: str) -> str:
    return re.search(rf'<meta property="{name}" content="([^"]*)">', text).group(1)


def test_the_share_image_is_a_png_at_an_absolute_address(site: Path) -> None:
    og = _og(built(site, LANGS[0], PAGES[0]).read_text(encoding="utf-8"))
    assert og["og:image"].startswith(TEST_SITE_URL), og["og:image"]
    image = site / og["og:image"][len(TEST_SITE_URL):]
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.stat().st_size < 20_000, "a phone fetches it when a link arrives: keep it small"


@pytest.mark.parametrize("lang", LANGS)
def test_the_share_link_is_a_plain_whatsapp_link_to_the_page(site: Path, lang: str) -> None:
    for page in _every_page(site, lang):
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<p class="asm-share"><a href="(https://wa\.me/\?text=[^"]+)"\s+data-share="([^"]+)" '
                         r'data-title="([^"]*)">([^<]+)</a></p>', text)
        where = page.relative_to(site)
        assert link, f"{where}: no share link"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text).group(1)
        assert unquote(link.group(1)).endswith(" " + html.unescape(canonical)), f"{where}: shares {link.group(1)}"
        assert quote(html.unescape(canonical), safe="/") in link.group(1)
        assert html.unescape(link.group(4)) == UI.get(lang, "share_whatsapp")
        assert html.unescape(link.group(2)) == UI.get(lang, "share")
