"""Which pages exist in which language, and where a link written on a page lands in the build.

mkdocs-static-i18n (folder structure) builds each language from `docs/<code>/`, falling back to the
English file at the same path. These functions reproduce that rule without running MkDocs.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .language_codes import is_language_code
from .site_config import SiteConfig


@dataclass(frozen=True)
class DocFile:
    lang: str          # language whose tree holds the file
    rel: str           # path inside that language tree, e.g. "modules/safety.md"
    path: Path         # absolute path on disk

    @property
    def is_page(self) -> bool:
        return self.rel.endswith(".md")


@dataclass
class DocTree:
    config: SiteConfig
    files: dict[str, dict[str, DocFile]]   # lang -> rel -> file (only files physically in that tree)

    @property
    def english(self) -> dict[str, DocFile]:
        return self.files[self.config.default.code]

    def pages(self, lang: str) -> list[DocFile]:
        return sorted((f for f in self.files[lang].values() if f.is_page), key=lambda f: f.rel)

    def resolve(self, lang: str, rel: str) -> DocFile | None:
        """The file the `lang` build serves at `rel`: its own, else the English fallback."""
        return self.files.get(lang, {}).get(rel) or self.english.get(rel)

    def resolve_link(self, page: DocFile, target: str) -> DocFile | None:
        """The file a relative link (or image) written in `page` points at, as `page`'s language serves it."""
        return self.resolve(page.lang, join_target(page.rel, target.split("#")[0]))

    def source_of(self, page: DocFile) -> DocFile | None:
        """The English page a translation translates."""
        return self.english.get(page.rel)


def language_dirs(config: SiteConfig) -> set[str]:
    return {lang.code for lang in config.translations}


def stray_language_dirs(config: SiteConfig) -> list[Path]:
    """Top-level folders static-i18n would take for a language and silently drop."""
    known = language_dirs(config)
    return sorted(p for p in config.docs_dir.iterdir()
                  if p.is_dir() and is_language_code(p.name) and p.name not in known)


def load_tree(config: SiteConfig) -> DocTree:
    docs = config.docs_dir
    langs = language_dirs(config)
    files: dict[str, dict[str, DocFile]] = {lang.code: {} for lang in config.languages}
    default = config.default.code
    for path in sorted(docs.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(docs).parts):
            continue
        parts = path.relative_to(docs).parts
        if parts[0] in langs and len(parts) > 1:
            lang, rel = parts[0], "/".join(parts[1:])
        else:
            lang, rel = default, "/".join(parts)
        files[lang][rel] = DocFile(lang, rel, path)
    return DocTree(config, files)


def join_target(page_rel: str, target_path: str) -> str:
    """Resolve a relative link path against the page's folder, inside one language tree."""
    base = posixpath.dirname(page_rel)
    joined = posixpath.normpath(posixpath.join(base, target_path)) if target_path else page_rel
    return "" if joined == "." else joined
