"""Which language a hook event belongs to. Not a hook itself: the hooks import it.

mkdocs-static-i18n runs the other languages' builds inside the default language's on_post_build,
so by the time the default build's later post-build hooks run, `current_language` names the last
language built. `building` tells the two apart.
"""
from __future__ import annotations

import os


def build_language(config) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language if i18n.building else i18n.default_language


def language_prefix(config, lang: str) -> str:
    """Where a language lives in the site: "" for the default language, "sn/" for chiShona."""
    return "" if lang == config.plugins["i18n"].default_language else f"{lang}/"


def switched_on(variable: str) -> bool:
    """An on/off environment switch such as ASM_HANDOUTS; on unless set to off, 0, no or false."""
    return os.environ.get(variable, "on").lower() not in ("off", "0", "no", "false")


def is_last_event(config) -> bool:
    """True in the outermost post-build: every language's pages are written."""
    return not config.plugins["i18n"].building
