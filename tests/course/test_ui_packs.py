"""The Shona and Ndebele UI packs must cover every string of Material's English pack."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

from asm_academy.content.ui_packs import read_pack as pack   # the reader the checks and `make language` use

MATERIAL_LANGS = Path(material.__file__).parent / "templates" / "partials" / "languages"


def configured_translations() -> list[str]:
    """The languages whose UI pack the site keeps itself (the others use Material's own)."""
    from asm_academy.source.site_config import load_site_config
    return [lang.code for lang in load_site_config(ROOT).languages
            if (ROOT / "overrides" / "partials" / "languages" / f"{lang.code}.html").exists()]


@pytest.mark.parametrize("code", configured_translations())
def test_pack_has_every_key_of_installed_material(code: str) -> None:
    english = pack(MATERIAL_LANGS / "en.html")
    ours = pack(ROOT / "overrides" / "partials" / "languages" / f"{code}.html")
    assert len(english) > 40, "could not read Material's en.html: the key pattern needs updating"
    missing = sorted(set(english) - set(ours))
    assert not missing, f"{code}.html lacks keys Material added: {missing}"
    assert not sorted(set(ours) - set(english)), "keys Material does not know"
    assert ours["language"] == code


@pytest.mark.parametrize("code", configured_translations())
def test_pack_is_translated_and_marked_draft_or_marked_untranslated(code: str) -> None:
    english = pack(MATERIAL_LANGS / "en.html")
    text = (ROOT / "overrides" / "partials" / "languages" / f"{code}.html").read_text(encoding="utf-8")
    ours = pack(ROOT / "overrides" / "partials" / "languages" / f"{code}.html")
    if "UNTRANSLATED" in text:      # written by `make language`: a status, not a failure
        assert ours["language"] == code
        return
    untranslated = [k for k, v in ours.items() if v == english[k] and not k.startswith(("search.config", "direction"))
                    and not v.isdigit() and len(v) > 3]
    assert len(untranslated) <= 3, f"strings still in English: {untranslated}"
    assert "DRAFT" in text.upper() and "fluent speaker" in text
    # Shona and Ndebele get no English stop-word filter in search
    assert ours["search.config.pipeline"] == ""
    assert ours["search.config.separator"] == english["search.config.separator"]


def test_pack_key_reader_detects_a_missing_key(tmp_path: Path) -> None:
    """The parity test above must be able to fail."""
    text = (ROOT / "overrides/partials/languages/sn.html").read_text(encoding="utf-8")
    broken = tmp_path / "sn.html"
    broken.write_text(re.sub(r'^\s*"action.skip":.*\n', "", text, flags=re.M), encoding="utf-8")
    assert "action.skip" in pack(MATERIAL_LANGS / "en.html")
    assert "action.skip" not in pack(broken)
