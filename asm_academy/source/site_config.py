"""Read what the checks need from mkdocs.yml without importing MkDocs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re

import yaml

from .findings import ContentError, Finding
from .language_codes import code_hint, is_language_code


@dataclass(frozen=True)
class Language:
    code: str
    name: str              # its own name, as the switcher shows it ("chiShona")
    default: bool = False
    line: int = 0          # where mkdocs.yml lists it


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
    site_name: str = ""
    problems: tuple[Finding, ...] = ()   # language entries the build refuses (make check reports them)
    markdown_extensions: tuple = ()      # as mkdocs.yml lists them: names, or {name: options}
    own_assets: tuple[str, ...] = ()     # docs-relative scripts and styles mkdocs.yml names (extra_css/_javascript)   # language entries the build refuses (make check reports them)

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    @property
    def names(self) -> dict[str, str]:
        """Each language's own name, as the language switcher shows it."""
        return {lang.code: lang.name for lang in self.languages}


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


def language_entry_lines(text: str) -> list[int]:
    """The line of each entry of the i18n plugin's `languages:` list (its `- ` line), in order."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+languages\s*:\s*$", line)), None)
    if start is None:
        return []
    found: list[int] = []
    indent = None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        depth = len(line) - len(line.lstrip())
        if indent is None:
            indent = depth
        if depth < indent:
            break
        if depth == indent and line.lstrip().startswith("- "):
            found.append(number + 1)
    return found


def _languages(data: dict, text: str, config_file: str) -> tuple[list[Language], list[Finding]]:
    """The i18n plugin's languages, and a finding for each entry the build would refuse."""
    entries: list = []
    for plugin in data.get("plugins", []) or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages", []) or []
    lines = language_entry_lines(text)
    languages: list[Language] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 0
        code = str(entry.get("locale", "")) if isinstance(entry, dict) else ""
        if code == "null":
            continue          # static-i18n's switcher-only entry: a link, not a language
        if not is_language_code(code):
            problems.append(Finding(config_file, line, "I18N010", f"language code `{code}` is not a BCP 47 code",
                                    code_hint(code)))
            continue
        if code in seen:
            problems.append(Finding(config_file, line, "I18N011", f"language `{code}` is listed twice "
                                    f"(first at line {seen[code]})", "Remove one of the two entries."))
            continue
        seen[code] = line
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(Finding(config_file, line, "I18N012", f"language `{code}` has no `name:`",
                                    "Give the language's own name, as its speakers write it, e.g. `name: chiTonga`."))
        languages.append(Language(code, str(entry.get("name") or code), bool(entry.get("default")), line))
    return languages, problems


def load_site_config(root: Path, config_file: str = "mkdocs.yml") -> SiteConfig:
    path = root / config_file
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 0
        raise ContentError(Finding(config_file, line, "CONF001", f"mkdocs.yml is not valid YAML: {exc}",
                                   "Fix the YAML syntax at that line (indentation, quotes, colons).")) from None
    text = path.read_text(encoding="utf-8")
    languages, problems = _languages(data, text, config_file)
    if not any(lang.default for lang in languages):
        raise ContentError(Finding(config_file, 0, "CONF002", "no default language in the i18n plugin",
                                   "Mark English with `default: true` under plugins > i18n > languages."))
    return SiteConfig(
        root=root,
        docs_dir=root / data.get("docs_dir", "docs"),
        languages=tuple(languages),
        nav_pages=tuple(_nav_pages(data.get("nav", []))),
        nav_lines=_nav_lines(text),
        site_url=str(data.get("site_url") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
        site_name=str(data.get("site_name") or ""),
        problems=tuple(problems),
        markdown_extensions=tuple(data.get("markdown_extensions") or ()),
        own_assets=tuple(str(a.get("path") if isinstance(a, dict) else a)
                         for a in [*(data.get("extra_css") or []), *(data.get("extra_javascript") or [])]),
    )
