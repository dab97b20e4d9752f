"""Adding a language, and every way a language can be broken: each gets file, line and a fix."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.content.termbase import load_termbase
from asm_academy.content.ui_strings import load_ui
from asm_academy.settings import Settings, load_settings
from asm_academy.source.findings import ContentError
from asm_academy.source.site_config import load_site_config
from asm_academy.tools.new_language import add_language
from doctrees import MKDOCS_YML, clean_files, write_tree


def errors(root: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.code) for f in check_tree(root).findings if f.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


@pytest.mark.parametrize("code,name", [("toi", "chiTonga"), ("nmq", "Nambya"), ("pt-MZ", "Português")])
def test_a_new_language_is_one_command_and_checks_clean(tmp_path: Path, code: str, name: str) -> None:
    root = write_tree(tmp_path, clean_files())
    added = add_language(root, code, name, "Some language")
    assert set(added.written) >= {"mkdocs.yml", "data/ui.yml", "data/termbase.yml", f"docs/{code}/.gitkeep"}
    assert errors(root) == []
    config = load_site_config(root)
    assert config.language(code).name == name and config.language(code).line > 0
    ui = load_ui(root, names=config.names)
    # every string is there for the new language, as an English copy marked untranslated
    assert ui.missing(code) == [] and ui.get(code, "status_draft") == ui.get("en", "status_draft")
    assert (root / "data/ui.yml").read_text(encoding="utf-8").count("# untranslated") == len(ui.strings)
    # a three-letter code is its own ISO 639-3 code (the ZIM file's language); `pt` is not one
    assert ui.iso639_3.get(code) == (code if len(code) == 3 else None)
    # the termbase has a column to fill in; until then the glossary shows English
    terms, problems = load_termbase(root, [l.code for l in config.languages])
    assert problems == [] and all(code not in t.forms for t in terms)
    pack = tmp_path / f"overrides/partials/languages/{code}.html"
    from asm_academy.content.ui_packs import material_packs, read_pack
    assert read_pack(pack)["language"] == code and "UNTRANSLATED" in pack.read_text(encoding="utf-8")
    base = material_packs() / f"{code.split('-')[0]}.html"
    start = read_pack(base if base.exists() else material_packs() / "en.html")
    # a region of a language Material knows (pt-MZ) starts from Material's Portuguese, others from English
    assert read_pack(pack)["search.placeholder"] == start["search.placeholder"]


def test_adding_a_language_twice_or_a_bad_code_is_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    with pytest.raises(ContentError) as bad:
        add_language(root, "Tonga", "chiTonga")
    assert bad.value.finding.code == "LANG001" and "BCP 47" in bad.value.finding.message
    with pytest.raises(ContentError) as twice:
        add_language(root, "sn", "chiShona")
    assert twice.value.finding.code == "LANG004" and twice.value.finding.line == line_of(MKDOCS_YML, "        - locale: sn")


SN_LINE = line_of(MKDOCS_YML, "        - locale: sn")


@pytest.mark.parametrize("what,edit,expected", [
    ("code with an underscore", lambda t: t.replace("locale: sn", "locale: sn_ZW"), ("mkdocs.yml", SN_LINE, "I18N010")),
    ("code in capitals", lambda t: t.replace("locale: sn", "locale: SN"), ("mkdocs.yml", SN_LINE, "I18N010")),
    ("a language listed twice", lambda t: t.replace("locale: nd", "locale: sn"),
     ("mkdocs.yml", line_of(MKDOCS_YML, "        - locale: nd"), "I18N011")),
    ("a language without a name", lambda t: t.replace("          name: chiShona\n", ""), ("mkdocs.yml", SN_LINE, "I18N012")),
    ("a nav entry with no file", lambda t: t.replace("  - glossary.md", "  - glossary.md\n  - topics/gone.md"),
     ("mkdocs.yml", line_of(MKDOCS_YML, "  - glossary.md") + 1, "NAV002")),
])
def test_a_broken_language_entry_names_mkdocs_yml_and_the_line(tmp_path: Path, what, edit, expected) -> None:
    files = clean_files()
    files["mkdocs.yml"] = edit(files["mkdocs.yml"])
    assert expected in errors(write_tree(tmp_path, files)), what


def test_a_folder_with_no_entry_and_an_entry_with_no_folder_are_both_errors(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/toi/index.md"] = "---\ntitle: X\n---\n"
    del files["docs/nd/.gitkeep"]
    found = errors(write_tree(tmp_path, files))
    assert ("docs/toi", 0, "I18N002") in found
    assert ("mkdocs.yml", line_of(MKDOCS_YML, "        - locale: nd"), "I18N004") in found


def test_a_ui_pack_missing_strings_names_the_file_and_the_first_missing_string(tmp_path: Path) -> None:
    files = clean_files()
    files["overrides/partials/languages/nd.html"] = re.sub(r'(?m)^  "search\.placeholder": .*\n', "",
                                                           files["overrides/partials/languages/nd.html"])
    files["data/ui.yml"] = files["data/ui.yml"].replace(", nd: akukho", "")
    found = {f.code: f for f in check_tree(write_tree(tmp_path, files)).findings if f.severity == "error"}
    assert "search.placeholder" in found["UI004"].message and found["UI004"].path.endswith("nd.html")
    ui_line = line_of(files["data/ui.yml"], "  status_missing: {en: missing, sn: haripo}")
    assert (found["UI007"].path, found["UI007"].line) == ("data/ui.yml", ui_line)


def test_a_pack_that_names_another_language_is_an_error(tmp_path: Path) -> None:
    files = clean_files()
    files["overrides/partials/languages/nd.html"] = files["overrides/partials/languages/nd.html"].replace(
        '"language": "nd"', '"language": "sn"')
    assert any(code == "UI005" for _, _, code in errors(write_tree(tmp_path, files)))


def test_settings_come_from_mkdocs_yml_and_bad_ones_are_refused(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, {"academy": {"handouts": False, "brand_colour": "#112233"}})
    assert settings.handouts is False and settings.brand_colour == "#112233" and settings.checks is True
    assert settings.for_command("serve").handouts is False and Settings().for_command("build").handouts is True
    for bad in ({"handout": False}, {"handouts": "no"}, {"brand_colour": "brown"}, {"part_budget": "big"}):
        with pytest.raises(ContentError) as refused:
            load_settings(tmp_path, {"academy": bad})
        assert refused.value.finding.code in ("CONF010", "CONF011") and refused.value.finding.hint
