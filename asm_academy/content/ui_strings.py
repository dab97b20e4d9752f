"""The project's own interface strings (data/ui.yml), shared by templates, hooks and handouts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..source.findings import ContentError, Finding
from ..source.yaml_lines import load_yaml_with_lines

UI_FILE = "data/ui.yml"


@dataclass(frozen=True)
class UiStrings:
    strings: dict[str, dict[str, str]]     # key -> lang -> text
    names: dict[str, str]                  # lang -> the language's own name (from mkdocs.yml)
    default: str = "en"
    english_names: dict[str, str] | None = None   # lang -> its name in English (from ui.yml)
    iso639_3: dict[str, str] | None = None        # lang -> its ISO 639-3 code, for the ZIM files (from ui.yml)

    def get(self, lang: str, key: str, **values: object) -> str:
        """Falls back to English so a new language builds before all strings are translated."""
        forms = self.strings.get(key)
        if forms is None:
            raise KeyError(f"{UI_FILE} has no string `{key}`")
        text = forms.get(lang) or forms[self.default]
        return text.format(**values) if values else text

    def for_lang(self, lang: str) -> dict[str, str]:
        return {key: forms.get(lang) or forms[self.default] for key, forms in self.strings.items()}

    def missing(self, lang: str) -> list[str]:
        return sorted(key for key, forms in self.strings.items() if not forms.get(lang))


def load_ui(root: Path, default: str = "en", names: dict[str, str] | None = None) -> UiStrings:
    """`names`: each language's own name, which mkdocs.yml states (give SiteConfig.names)."""
    data = load_yaml_with_lines(root / UI_FILE, UI_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("strings"), dict):
        raise ContentError(Finding(UI_FILE, 1, "UI001", "expected `languages:` and `strings:` mappings",
                                   "Compare with the layout described at the top of the file."))
    strings: dict[str, dict[str, str]] = {}
    for key, forms in data["strings"].items():
        if not isinstance(forms, dict) or not forms.get(default):
            line = data["strings"].key_lines.get(str(key), 0)
            raise ContentError(Finding(UI_FILE, line, "UI002", f"string `{key}` has no English text",
                                       f"Give it at least `{default}: ...`."))
        strings[str(key)] = {str(lang): str(text) for lang, text in forms.items() if text}
    english = {str(code): str(info.get("english_name", code)) for code, info in (data.get("languages") or {}).items()
               if isinstance(info, dict)}
    iso = {str(code): str(info.get("iso639_3", "")) for code, info in (data.get("languages") or {}).items()
           if isinstance(info, dict) and info.get("iso639_3")}
    return UiStrings(strings, dict(names or {}), default, english, iso)
