"""Which language a hook event belongs to. Not a hook itself: the hooks import it.

mkdocs-static-i18n runs the other languages' builds inside the default language's on_post_build,
so by the time the default build's later post-build hooks run, `current_language` names the last
language built. `building` tells the two apart.
"""
from __future__ import annotations


def build_language(config) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language if i18n.building else i18n.default_language


def is_last_event(config) -> bool:
    """True in the outermost post-build: every language's pages are written."""
    return not config.plugins["i18n"].building
