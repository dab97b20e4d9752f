"""What a build reads from the repository, loaded once per `mkdocs build` and shared by every hook
and every language build (the docs tree is the same for all of them)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .content.programme import Programme, load_programme
from .content.termbase import Term, load_termbase
from .content.ui_strings import UiStrings, load_ui
from .settings import Settings
from .source.doctree import DocTree, load_tree
from .source.frontmatter import split_page
from .source.site_config import SiteConfig, load_site_config
from .translation.freshness import PageStatus, page_statuses


@dataclass
class SiteData:
    settings: Settings
    site: SiteConfig
    ui: UiStrings
    tree: DocTree
    terms: list[Term]
    statuses: list[PageStatus]
    programme: Programme | None = None      # data/programme.yml; its problems are the checks' to report
    status_of: dict[tuple[str, str], PageStatus] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.status_of = {(s.lang, s.rel): s for s in self.statuses}

    @functools.cache
    def titles(self, lang: str) -> dict[str, str]:
        """Title of every page a reader of `lang` sees: its own page, or the default language's."""
        tree, default = self.tree, self.site.default.code
        served = tree.pages(lang) + [f for f in tree.pages(default) if f.rel not in tree.files[lang]]
        return {f.rel: str(split_page(f.path.read_text(encoding="utf-8"), f.rel).meta.get("title", f.rel))
                for f in served}

    __hash__ = object.__hash__   # functools.cache on a method needs a hashable self


def load_site_data(root: Path, settings: Settings, site: SiteConfig | None = None) -> SiteData:
    """Raises ContentError (with file and line) for a broken mkdocs.yml or ui.yml. A caller that has
    read mkdocs.yml already passes it."""
    site = site or load_site_config(root)
    ui = load_ui(root, site.default.code, site.names)
    tree = load_tree(site)
    statuses, _ = page_statuses(tree, with_changes=False)
    terms, _ = load_termbase(root, [l.code for l in site.languages], site.default.code)
    return SiteData(settings, site, ui, tree, terms, statuses, load_programme(root).programme)
