"""This course's translated pages survive a trip through PO files byte for byte, in every language."""
from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from asm_academy.translation.po_files import export_language, import_folder
from conftest import ROOT
from course_facts import CONFIG, DEFAULT, TRANSLATIONS, TREE


def content_copy(dest: Path) -> Path:
    """What a partner's fork edits (mkdocs.yml, docs/, data/): enough for export and import."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


def pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "docs").rglob("*.md"))}


def rewrite(folder: Path, change) -> None:
    for path in sorted(folder.rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = change(entry.msgstr)
        po.save(str(path))


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_translated_page_round_trips_through_po_files(tmp_path: Path, lang: str) -> None:
    root = content_copy(tmp_path)
    before = pages(root)
    translated = [f.rel for f in TREE.pages(DEFAULT) if f.rel in TREE.files[lang]]
    exported = export_language(root, lang, tmp_path / "po")
    assert sorted(Path(p.page).relative_to(CONFIG.docs_dir.name, lang).as_posix() for p in exported.pages) == translated
    assert all(p.entries > 0 for p in exported.pages)
    if not translated:  # a language a fork has just added: nothing to export yet, and nothing to import
        assert not list((tmp_path / "po").rglob("*.po"))
        return

    unchanged = import_folder(root, tmp_path / "po")
    assert unchanged.findings == [] and unchanged.written == [] and pages(root) == before

    # every entry edited: each page changes, and every edit lands where it came from
    rewrite(tmp_path / "po", lambda text: text + " ZZ" if text else text)
    edited = import_folder(root, tmp_path / "po")
    assert edited.findings == [] and sorted(edited.written) == sorted(p.page for p in exported.pages)
    again = export_language(root, lang, tmp_path / "po2")
    for page in again.pages:
        assert all(e.msgstr.endswith(" ZZ") for e in polib.pofile(str(page.po)) if e.msgstr), page.page
    rewrite(tmp_path / "po2", lambda text: text[:-3] if text.endswith(" ZZ") else text)
    restored = import_folder(root, tmp_path / "po2")
    assert restored.findings == [] and pages(root) == before
