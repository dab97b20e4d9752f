"""This course's translations: status, termbase, glossary pages, banners, a new language."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.source.doctree import load_tree
from asm_academy.translation.freshness import page_statuses, source_hash
from asm_academy.source.site_config import load_site_config
from asm_academy.translation.status_report import build_report, format_markdown, format_text
from asm_academy.content.termbase import load_termbase
from conftest import ROOT, build_site, copy_repo
from doctrees import ALPHA, clean_files, record, write_tree


def test_make_status_runs_from_the_command_line_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "status.json"
    result = subprocess.run([sys.executable, "-m", "asm_academy", "--root", str(ROOT), "status", "--json", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Totals" in result.stdout
    data = json.loads(out.read_text())
    from course_facts import TRANSLATIONS
    assert set(data["totals"]) == set(TRANSLATIONS)


def test_real_termbase_is_valid_and_one_word_means_one_thing() -> None:
    """Untranslated terms are a status (the glossary shows them in English), not a failure."""
    from course_facts import DEFAULT, LANGS, TRANSLATIONS
    terms, problems = load_termbase(ROOT, LANGS, DEFAULT)
    assert not problems, [p.format() for p in problems]
    assert terms
    for lang in TRANSLATIONS:
        assert all(t.forms[lang].status in ("draft", "reviewed") for t in terms if lang in t.forms)
        forms = [t.forms[lang].term.casefold() for t in terms if lang in t.forms]
        assert len(forms) == len(set(forms)), f"{lang}: one word used for two terms"


def test_module_key_terms_link_to_glossary_entries() -> None:
    from course_facts import MODULES, TERMS
    ids = {t.id for t in TERMS}
    for rel in MODULES:
        module = ROOT / "docs" / rel
        text = module.read_text(encoding="utf-8")
        key_terms = text.split("{#key-terms}", 1)[1].split("\n## ", 1)[0]
        linked = re.findall(r"glossary\.md#([\w-]+)", key_terms)
        assert linked, module.name
        assert set(linked) <= ids, f"{module.name}: {set(linked) - ids}"


def test_glossary_page_renders_the_termbase_in_each_language(site: Path) -> None:
    from course_facts import DEFAULT, LANGS, TERMS, glossary_pages, prefix, stem
    for glossary in glossary_pages():
        for lang in LANGS:
            # the glossary is served in short parts (glossary/, glossary-2/, ...): read them all
            page = "".join(p.read_text(encoding="utf-8")
                           for p in sorted(site.glob(f"{prefix(lang)}{stem(glossary)}*/index.html")))
            for term in TERMS:
                assert f'id="{term.id}"' in page, f"{lang}: {term.id}"
            form = TERMS[0].forms.get(lang) or TERMS[0].forms[DEFAULT]
            assert form.term.split("(")[0].strip() in page


def test_draft_and_outdated_banners_on_built_pages(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    config = load_site_config(repo)
    tree = load_tree(config)
    from course_facts import LANG
    from asm_academy.translation.page_context import repo_branch
    if LANG is None:
        pytest.skip("the course has no translation yet")
    translated = [f.rel for f in tree.pages(LANG)]
    draft_rel = translated[0]
    outdated_rel = translated[-1]
    english = repo / "docs" / outdated_rel
    english.write_text(english.read_text(encoding="utf-8") + "\nA new English paragraph.\n", encoding="utf-8")
    # one section of a draft page is reviewed: its reviewer is named by it, and nowhere else
    from asm_academy.translation.review import record_review
    from asm_academy.translation.sections import section_hashes
    reviewed_rel = next((r for r in translated if r not in (outdated_rel, draft_rel)
                         and len(section_hashes((repo / "docs" / r).read_text(encoding="utf-8"))) > 2), None)
    if reviewed_rel:
        sids = list(section_hashes((repo / "docs" / reviewed_rel).read_text(encoding="utf-8")))
        record_review(repo / "docs" / LANG / reviewed_rel, repo / "docs" / reviewed_rel, reviewed_rel,
                      "Tendai <i>M</i>", [sids[1]], on="2026-12-01")
    result = build_site(repo, tmp_path / "site", settings={"handouts": False})
    assert result.returncode == 0, result.stderr

    def built(rel: str) -> str:
        from asm_academy.translation.page_context import page_url
        return (tmp_path / "site" / LANG / page_url(rel).lstrip("./") / "index.html").read_text(encoding="utf-8")

    from course_facts import DEFAULT, UI
    outdated = built(outdated_rel)
    assert "asm-notice--outdated" in outdated and UI.get(LANG, "outdated_banner") in outdated
    assert f'hreflang="{DEFAULT}"' in outdated.split("asm-notice--outdated", 1)[1].split("</aside>", 1)[0]
    if reviewed_rel:
        import html as html_lib
        page = built(reviewed_rel)
        credit = html_lib.escape(UI.get(LANG, "reviewed_credit", names="Tendai <i>M</i>"))
        assert page.count(credit) == 2 and "<i>M</i>" not in page      # by the section, and in the notice
        heading = re.search(rf'<h2 id="{re.escape(sids[1])}"[^>]*>.*?</h2>\n<p class="asm-credit">(.*?)</p>', page, re.S)
        assert heading and heading.group(1) == credit, f"no credit under #{sids[1]}"
        notice = page.split("asm-notice--draft", 1)[1].split("</aside>", 1)[0]
        assert credit in notice and UI.get(LANG, "draft_progress", reviewed=1, total=len(sids)) in notice
    if draft_rel != outdated_rel:
        draft = built(draft_rel)
        assert "asm-notice--draft" in draft and UI.get(LANG, "draft_notice") in draft
        assert f"/edit/{repo_branch(config.edit_uri)}/docs/{LANG}/{draft_rel}" in draft


def test_a_language_added_by_the_command_checks_builds_and_falls_back(tmp_path: Path) -> None:
    """Kalanga (`kck`, ISO 639-3 only) added with `make language`: one translated page, the rest English."""
    from asm_academy.tools.new_language import add_language

    repo = copy_repo(tmp_path / "repo")
    added = add_language(repo, "kck", "Ikalanga", "Kalanga")
    assert {"mkdocs.yml", "data/ui.yml", "overrides/partials/languages/kck.html"} <= set(added.written)
    english = (repo / "docs" / "index.md").read_text(encoding="utf-8")
    kalanga = "---\n" + record(english) + re.sub(r"(?m)^title: .*$", "title: Tamba", english[len("---\n"):], count=1)
    (repo / "docs" / "kck" / "index.md").write_text(kalanga, encoding="utf-8")
    errors = [f.format() for f in check_tree(repo).findings if f.severity == "error"]
    assert not errors, errors
    report = build_report(repo)
    assert report.totals()["kck"]["draft"] == 1
    result = build_site(repo, tmp_path / "site", settings={"handouts": False})
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "kck" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="kck"' in home and "Tamba" in home and 'hreflang="kck"' in home
    module = next(p for p in load_site_config(repo).nav_pages
                  if p.startswith("modules/") and not p.endswith("index.md"))
    fallback = (tmp_path / "site" / "kck" / module.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert "asm-notice--fallback" in fallback and "Ikalanga" in fallback


def test_a_language_without_ui_pack_fails_with_a_clear_message(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / "overrides/partials/languages/nd.html").unlink()
    result = build_site(repo, tmp_path / "site", settings={"handouts": False})
    assert result.returncode != 0
    assert "I18N003" in result.stderr and "nd.html" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_ui_strings_fail_the_build_with_file_and_line(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    ui = repo / "data" / "ui.yml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("strings:\n", "strings:\n  broken: [\n", 1), encoding="utf-8")
    result = build_site(repo, tmp_path / "site")
    assert result.returncode != 0
    assert "data/ui.yml:" in result.stderr and "YAML001" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_draft_page_says_how_many_of_its_sections_are_reviewed(site: Path) -> None:
    from course_facts import LANG, TRANSLATIONS, UI, built, translated
    from asm_academy.translation.freshness import page_statuses
    from asm_academy.source.doctree import load_tree
    from asm_academy.source.site_config import load_site_config
    import html as html_lib

    statuses, _ = page_statuses(load_tree(load_site_config(ROOT)), with_changes=False)
    drafts = [s for s in statuses if s.state == "draft" and s.progress]
    if not drafts:
        pytest.skip("no draft translation")
    for s in drafts[:6]:
        page = html_lib.unescape(built(site, s.lang, s.rel).read_text(encoding="utf-8"))
        expected = UI.get(s.lang, "draft_progress", reviewed=s.progress.reviewed, total=s.progress.total)
        assert expected in page, (s.lang, s.rel)


def test_every_translated_page_has_a_review_sheet_linked_from_its_notice(site: Path) -> None:
    """Derived from the tree: each translation's pages, their sections and their notices."""
    import html as html_lib

    import pypdfium2
    import zxingcpp
    from pypdf import PdfReader

    from asm_academy.printing.handouts import page_address
    from asm_academy.printing.review_sheets import FOLDER, sheet_name
    from asm_academy.translation.sections import section_hashes
    from conftest import TEST_SITE_URL
    from course_facts import DEFAULT, TRANSLATIONS, TREE, UI, built, prefix, translated

    statuses = {(s.lang, s.rel): s for s in page_statuses(TREE, with_changes=False)[0]}
    pages = [(lang, rel) for lang in TRANSLATIONS for rel in translated(lang)]
    if not pages:
        pytest.skip("no translated page")
    for lang, rel in pages:
        folder = site / prefix(lang) / FOLDER
        assert (folder / sheet_name(rel, lang, ".pdf")).is_file() and (folder / sheet_name(rel, lang, ".html")).is_file(), (lang, rel)
        if statuses[(lang, rel)].state in ("draft", "outdated"):
            page = html_lib.unescape(built(site, lang, rel).read_text(encoding="utf-8"))
            assert sheet_name(rel, lang, ".pdf") in page and UI.get(lang, "review_sheet_pdf") in page, (lang, rel)
    lang, rel = pages[-1]
    pdf = site / prefix(lang) / FOLDER / sheet_name(rel, lang, ".pdf")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    count = len(section_hashes(TREE.english[rel].path.read_text(encoding="utf-8")))
    assert all(UI.get(lang, "review_section", number=n) in text for n in range(1, count + 1))
    assert UI.get(lang, "review_section", number=count + 1) not in text
    first = pypdfium2.PdfDocument(str(pdf))[0].render(scale=3).to_pil()
    assert [r.text for r in zxingcpp.read_barcodes(first)] == [page_address(TEST_SITE_URL, DEFAULT, lang, rel)]
