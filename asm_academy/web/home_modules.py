"""The home page's list of modules: what a reader can start, how long it takes and in how many parts,
so the first screen of the site is the course itself (issue 19, item 7). Derived from the navigation
and the modules' front matter; nothing names a module."""
from __future__ import annotations

import html
from dataclasses import dataclass

from ..content.ui_strings import UiStrings


@dataclass(frozen=True)
class ModuleLink:
    title: str          # as the page prints it (front matter titles are escaped already)
    url: str            # site-relative, e.g. "sn/modules/safety/"
    facts: str          # "180 min · 6 parts", in the reader's language, escaped


def module_links(order: list[str], found: dict[str, tuple[str, str, object, int]], ui: UiStrings,
                 lang: str) -> list[ModuleLink]:
    """`order`: module sources in course (menu) order; `found`: source -> (title, url, duration, parts)
    of the pages this language build has."""
    links = []
    for rel in order:
        if rel not in found:
            continue
        title, url, duration, parts = found[rel]
        minutes = duration if isinstance(duration, int) and not isinstance(duration, bool) else None
        if minutes is None:
            facts = ""
        elif parts > 1:
            facts = ui.get(lang, "module_facts", minutes=minutes, parts=parts)
        else:
            facts = ui.get(lang, "module_minutes", minutes=minutes)
        links.append(ModuleLink(title, url, html.escape(facts)))
    return links
