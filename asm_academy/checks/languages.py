"""Checks that every configured language can be built: its code, its folder, its strings.

The build refuses the same things (it runs these checks before it starts), so `make check` and
`make site` agree.
"""
from __future__ import annotations

from pathlib import Path

from ..content.ui_packs import OVERRIDES_PACKS, key_lines, material_packs, pack_for, read_pack
from ..content.ui_strings import UI_FILE
from ..source.findings import Finding
from ..source.site_config import SiteConfig
from ..source.yaml_lines import load_yaml_with_lines


def language_findings(config: SiteConfig) -> list[Finding]:
    root = config.root
    found = list(config.problems)
    docs = config.docs_dir.relative_to(root).as_posix()
    for lang in config.translations:
        if not (config.docs_dir / lang.code).is_dir():
            found.append(Finding("mkdocs.yml", lang.line, "I18N004", f"language `{lang.code}` has no folder "
                                 f"{docs}/{lang.code}/",
                                 f"Run `make language CODE={lang.code} NAME=\"{lang.name}\"`, or remove the entry."))
    found += _material_pack_findings(config)
    found += _ui_strings_findings(config)
    return found


def _material_pack_findings(config: SiteConfig) -> list[Finding]:
    material = material_packs()
    if material is None:
        return []
    english = read_pack(material / "en.html")
    found: list[Finding] = []
    for lang in config.languages:
        path = pack_for(config.root, lang.code)
        if path is None:
            found.append(Finding("mkdocs.yml", lang.line, "I18N003", f"language `{lang.code}` has no UI pack",
                                 f"Run `make language CODE={lang.code} NAME=\"{lang.name}\"` to write "
                                 f"{OVERRIDES_PACKS.as_posix()}/{lang.code}.html, then translate it."))
            continue
        if material in path.parents:
            continue          # Material's own pack, kept complete by Material
        display = path.relative_to(config.root).as_posix()
        ours = read_pack(path)
        missing = [k for k in english if k not in ours]
        if missing:
            found.append(Finding(display, 0, "UI004", f"the pack lacks {len(missing)} of Material's strings: "
                                 + ", ".join(f"`{k}`" for k in missing[:5]) + ("…" if len(missing) > 5 else ""),
                                 "Copy each missing line from Material's en.html (same order) and translate it."))
        if ours.get("language") != lang.code:
            found.append(Finding(display, key_lines(path).get("language", 1), "UI005",
                                 f"the pack says \"language\": \"{ours.get('language', '')}\", mkdocs.yml says `{lang.code}`",
                                 f"Write \"language\": \"{lang.code}\": pages take their `lang` attribute from it."))
        if ours.get("direction", "ltr") not in ("ltr", "rtl"):
            found.append(Finding(display, key_lines(path).get("direction", 1), "UI006",
                                 f"direction `{ours.get('direction')}` is neither ltr nor rtl", "Write ltr or rtl."))
    return found


def _ui_strings_findings(config: SiteConfig) -> list[Finding]:
    path = config.root / UI_FILE
    if not path.exists():
        return []
    data = load_yaml_with_lines(path, UI_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("strings"), dict):
        return []             # load_ui reports the layout (UI001)
    found: list[Finding] = []
    listed = data.get("languages") or {}
    for lang in config.languages:
        if lang.code not in listed:
            found.append(Finding(UI_FILE, 1, "UI003", f"`languages:` has no entry for `{lang.code}`",
                                 f"Add `{lang.code}: {{english_name: ..., draft: true}}` under `languages:`."))
        missing = [str(k) for k, forms in data["strings"].items()
                   if isinstance(forms, dict) and not forms.get(lang.code)]
        if missing:
            first = data["strings"].key_lines.get(missing[0], 0)
            found.append(Finding(UI_FILE, first, "UI007", f"{len(missing)} string{'s' if len(missing) > 1 else ''} "
                                 f"without `{lang.code}:` text, first `{missing[0]}`",
                                 f"Add a `{lang.code}:` line to each (English text marked `# untranslated` is fine "
                                 "until a translator comes: `make language` writes them so)."))
    return found
