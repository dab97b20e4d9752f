"""Material's interface strings for a language (the "UI pack", `partials/languages/<code>.html`).

Material ships packs for many languages but none for Shona, Ndebele or Tonga; the site keeps its own
in overrides/. These functions read a pack without Jinja, so the checks and `make language` can use it.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_KEY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)
OVERRIDES_PACKS = Path("overrides") / "partials" / "languages"


def material_packs() -> Path | None:
    """Material's own packs, found without importing Material (or MkDocs)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates" / "partials" / "languages"


def read_pack(path: Path) -> dict[str, str]:
    return dict(_KEY.findall(path.read_text(encoding="utf-8")))


def key_lines(path: Path) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = _KEY.match(line)
        if found:
            lines.setdefault(found.group(1), number)
    return lines


def pack_for(root: Path, code: str) -> Path | None:
    """The pack the build uses for `code`: the site's own, else Material's."""
    ours = root / OVERRIDES_PACKS / f"{code}.html"
    if ours.exists():
        return ours
    material = material_packs()
    return material / f"{code}.html" if material and (material / f"{code}.html").exists() else None


def direction(root: Path, code: str) -> str:
    """"ltr" or "rtl", as the language's pack states it (the one place the direction is written)."""
    path = pack_for(root, code)
    return read_pack(path).get("direction", "ltr") if path else "ltr"


def scaffold_pack(code: str, name: str, start_from: Path, english: Path) -> str:
    """A new pack for `code`: the keys of Material's English pack, with the text of `start_from`
    (Material's pack for the same base language if it has one, else English), marked untranslated."""
    start = read_pack(start_from)
    lines = [
        "{#-",
        f"  {name} ({code}) UI strings for the site's Material theme.",
        "  UNTRANSLATED: the strings below are a copy of " + ("English" if start_from == english else
                                                                  f"Material's `{start_from.stem}` pack") + ";",
        "  translate them, then mark this file DRAFT, not yet reviewed by a fluent speaker.",
        "  It mirrors material/templates/partials/languages/en.html key for key, in the same order.",
        "-#}",
        "{% macro t(key) %}{{ {",
    ]
    for key, text in read_pack(english).items():
        value = code if key == "language" else start.get(key, text)
        lines.append(f'  "{key}": "{value}",')
    lines[-1] = lines[-1].rstrip(",")
    lines += ["}[key] }}{% endmacro %}", ""]
    return "\n".join(lines)
