"""MkDocs hook, listed first: the settings and the repository data of this build, loaded once and
shared by the other hooks (which import this module), and which language a hook event belongs to.

mkdocs-static-i18n runs the other languages' builds inside the default language's on_post_build,
so by the time the default build's later post-build hooks run, `current_language` names the last
language built; `building` tells the two apart.

Event priorities (higher runs first): static-i18n -100 (config, files, nav, post-build); this file
-190 (pre-build); checks, pages, handouts, short pages -200 (pre-build); handouts -150 and
language_pages -200 (page markdown); short_pages -100 then phone_first -200 (page content);
post-build: language 404s 100/-200, handouts -200, icon sprite and search files -210, ZIM files -220,
phone_first -250, sitemap -500, prune_site -900, site check -1000.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from asm_academy.settings import Settings, load_settings
from asm_academy.site_data import SiteData, load_site_data
from asm_academy.source.encoding import encoding_findings
from asm_academy.source.findings import ContentError, format_report
from asm_academy.source.site_config import load_site_config
from asm_academy.web.brand import brand_css

# MkDocs loads a hook under its path ("hooks/build_context.py"); the other hooks `import build_context`.
# Registering this module under its plain name makes both the same module, with the same state.
sys.modules.setdefault("build_context", sys.modules[__name__])

_build: dict = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _build["command"] = command


@event_priority(-190)   # after mkdocs-static-i18n has chosen the language, before the other hooks
def on_pre_build(config) -> None:
    # each language build has its own description; by the default build's last post-build event the
    # config holds the last language's, so keep every one here
    _build.setdefault("descriptions", {})[build_language(config)] = config.site_description or ""
    if config.plugins["i18n"].building:
        return          # a language build inside the default one: same tree, same data
    root = Path(config.config_file_path).parent
    try:
        settings = load_settings(root, config.extra).for_command(_build["command"])
        site = load_site_config(root)
        unreadable = encoding_findings(site)
        if unreadable:
            raise PluginError("files that are not UTF-8:\n\n" + format_report(unreadable))
        _build["data"] = load_site_data(root, settings, site)
    except ContentError as exc:
        raise PluginError(exc.finding.format()) from None


@event_priority(-150)   # after mkdocs-static-i18n (-100) has put each language's files in place
def on_files(files, config):
    """The brand colour goes at the top of the site's first extra_css stylesheet, and to the templates."""
    colour = _build["data"].settings.brand_colour if "data" in _build else ""
    config.extra["asm_brand"] = colour
    first = str(config.extra_css[0]) if config.extra_css else ""
    css = files.get_file_from_path(first) if first else None
    if colour and css is not None:
        css.content_bytes = brand_css(colour).encode("utf-8") + Path(css.abs_src_path).read_bytes()
    return files


def site_description(config, lang: str) -> str:
    return _build.get("descriptions", {}).get(lang, config.site_description or "")


def remember_versions(lang: str, versions: dict[str, str]) -> None:
    """Site-relative path -> version, for files whose bytes are not their version: the handouts hook
    gives each PDF its render-input key, phone_first writes it into the offline list."""
    _build.setdefault("versions", {})[lang] = versions


def file_versions(lang: str) -> dict[str, str]:
    return _build.get("versions", {}).get(lang, {})


def site_data(config) -> SiteData:
    return _build["data"]


def settings(config) -> Settings:
    return _build["data"].settings


def build_language(config) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language if i18n.building else i18n.default_language


def language_prefix(config, lang: str) -> str:
    """Where a language lives in the site: "" for the default language, "sn/" for chiShona."""
    return "" if lang == config.plugins["i18n"].default_language else f"{lang}/"


def is_last_event(config) -> bool:
    """True in the outermost post-build: every language's pages are written."""
    return not config.plugins["i18n"].building
