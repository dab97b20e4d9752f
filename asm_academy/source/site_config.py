"""Read what the checks need from mkdocs.yml without importing MkDocs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..source.findings import ContentError, Finding


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    languages: tuple[Language, ...]
    nav_pages: tuple[str, ...]      # docs-relative paths listed in nav, in order
    nav_lines: dict[str, int]       # nav path -> line in mkdocs.yml
    site_url: str
    repo_url: str
    edit_uri: str

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


class _Loader(yaml.SafeLoader):
    """Safe loader that understands the tags mkdocs.yml uses."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *names, fallback = items if len(items) > 1 else (*items, None)
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return fallback


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _nav_pages(nav: Any) -> list[str]:
    pages: list[str] = []
    if isinstance(nav, str):
        if "://" not in nav:
            pages.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            pages.extend(_nav_pages(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            pages.extend(_nav_pages(value))
    return pages


def _nav_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.strip().lstrip("-").strip()
        value = value.split(":", 1)[1].strip() if ":" in value and not value.endswith(":") else value
        if value.endswith(".md"):
            lines.setdefault(value.strip("'\""), number)
    return lines


def load_site_config(root: Path, config_file: str = "mkdocs.yml") -> SiteConfig:
    path = root / config_file
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 0
        raise ContentError(Finding(config_file, line, "CONF001", f"mkdocs.yml is not valid YAML: {exc}",
                                   "Fix the YAML syntax at that line (indentation, quotes, colons).")) from None
    languages: list[Language] = []
    for plugin in data.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in plugin["i18n"].get("languages", []):
                languages.append(Language(lang["locale"], lang.get("name", lang["locale"]), bool(lang.get("default"))))
    if not any(lang.default for lang in languages):
        raise ContentError(Finding(config_file, 0, "CONF002", "no default language in the i18n plugin",
                                   "Mark English with `default: true` under plugins > i18n > languages."))
    return SiteConfig(
        root=root,
        docs_dir=root / data.get("docs_dir", "docs"),
        languages=tuple(languages),
        nav_pages=tuple(_nav_pages(data.get("nav", []))),
        nav_lines=_nav_lines(path.read_text(encoding="utf-8")),
        site_url=str(data.get("site_url") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
    )
