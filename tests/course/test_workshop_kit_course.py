"""The workshop kit and the trainer pack, read back from the PDFs of the built site.

Everything expected comes from the configuration: nav's modules, data/programme.yml, the English
modules' `test_questions`, `extra: academy: workshop:` and data/ui.yml; nothing names a module.
The PDFs are the ones the session's site build made: these tests render nothing themselves, so
they are not marked slow and a partner's fork runs them too (test_fork.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from asm_academy.content.generated import HANDOUTS
from asm_academy.content.programme import load_programme
from asm_academy.printing.handouts import handout_name, kb, pack_name
from asm_academy.printing.trainer_pack import FRONT_PAGES_GUESS
from asm_academy.printing.workshop_kit import (GUIDE_MAX_PAGES, KIT_KINDS, PACK_ORDER, TITLE_KEYS, day_date,
                                               kit_name, numbered_strings)
from asm_academy.settings import settings_from_file
from asm_academy.source.frontmatter import split_page
from asm_academy.source.module_parts import parse_module
from conftest import ROOT
from course_facts import CONFIG, LANGS, MODULES, TREE, UI, built, page_with_marker, prefix, stem

PROGRAMME = load_programme(ROOT).programme
# issue 17: "cover, table of contents, ... then agenda, facilitator guides, handouts, test, answer key,
# score sheet, register and certificate"
ISSUE_ORDER = ("agenda", "guide", "handout", "test", "answers", "scores", "register", "certificate")
TAUGHT = [r for r in CONFIG.nav_pages if r in MODULES] + [r for r in MODULES if r not in CONFIG.nav_pages]
WORKSHOP = settings_from_file(ROOT).workshop
A4 = (595.28, 841.89)


def words(text: str) -> str:
    """Text without spaces: PDF extraction breaks lines and may drop or add spaces."""
    return "".join(text.split())


def folder(site: Path, lang: str) -> Path:
    return site / f"{prefix(lang)}handouts"


def served(lang: str, rel: str):
    file = TREE.resolve(lang, rel)
    return parse_module(file.path.read_text(encoding="utf-8"), rel, stem(rel))


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def chosen_questions(lang: str) -> list[tuple[str, int]]:
    """(question, answer) of the test, as the English front matter chooses them, in teaching order."""
    out = []
    for rel in TAUGHT:
        meta = split_page(TREE.english[rel].path.read_text(encoding="utf-8"), rel).meta
        questions = served(lang, rel).questions
        out += [(questions[n - 1].text, questions[n - 1].answer) for n in meta.get("test_questions") or []]
    return out


def expected_parts(lang: str) -> list[tuple[str, str]]:
    """(kind, file name) of each pack part in the pack's order: the issue's order of kinds, modules as nav
    teaches them."""
    parts = []
    for kind in PACK_ORDER:
        if kind in ("guide", "handout"):
            parts += [(kind, kit_name(kind, lang, stem(r)) if kind == "guide" else handout_name(stem(r), lang, kind))
                      for r in TAUGHT]
        else:
            parts.append((kind, kit_name(kind, lang)))
    return parts


def unnumbered(text: str) -> str:
    return re.sub(r"^\s*\d+[.)]\s*", "", text)


@pytest.fixture(scope="module")
def packs(site: Path) -> dict[str, PdfReader]:
    return {lang: PdfReader(folder(site, lang) / pack_name(lang, CONFIG.site_name)) for lang in LANGS}


def outline(reader: PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, page index, children) of each top-level bookmark."""
    out: list = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][2].extend((child.title, reader.get_destination_page_number(child)) for child in item)
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def test_every_language_has_every_part_and_the_programme_data_is_there() -> None:
    assert PROGRAMME is not None and MODULES and KIT_KINDS
    assert PACK_ORDER == ISSUE_ORDER
    for lang in LANGS:
        assert len(expected_parts(lang)) == len(set(expected_parts(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_pack_holds_every_part_in_order_each_from_a_new_page(site: Path, packs, lang: str) -> None:
    pack = packs[lang]
    parts = [(kind, PdfReader(folder(site, lang) / name)) for kind, name in expected_parts(lang)]
    front = len(pack.pages) - sum(len(r.pages) for _, r in parts)
    assert front >= FRONT_PAGES_GUESS
    at = front
    for (kind, reader), name in zip(parts, (n for _, n in expected_parts(lang))):
        first_page = words(reader.pages[0].extract_text() or "")
        assert first_page and first_page in words(pack.pages[at].extract_text() or ""), f"{lang}: {name} not at {at}"
        at += len(reader.pages)
    assert at == len(pack.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_and_contents_name_each_part_at_its_page(site: Path, packs, lang: str) -> None:
    pack = packs[lang]
    marks = outline(pack)
    contents = UI.get(lang, "kit_pack_contents")
    assert marks[0][:2] == (contents, 1)
    groups = {"guide": UI.get(lang, "kit_pack_guides"), "handout": UI.get(lang, "kit_pack_handouts")}
    expected_top = [contents] + [groups.get(k) or UI.get(lang, TITLE_KEYS[k]) for k in PACK_ORDER]
    assert [m[0] for m in marks] == expected_top
    titles = [served(lang, rel).title for rel in TAUGHT]
    for title, start, children in marks:
        if title in groups.values():
            assert [c[0] for c in children] == titles and children[0][1] == start
            assert [c[1] for c in children] == sorted(c[1] for c in children)
    starts = [start for _, start, _ in marks[1:]]
    assert starts == sorted(starts)
    listing = words(" ".join(pack.pages[i].extract_text() or "" for i in range(1, marks[1][1])))
    for title, start, children in marks[1:]:
        assert words(title) + str(start + 1) in listing, f"{lang}: contents do not give {title} at {start + 1}"
        for child, at in children:
            assert words(child) + str(at + 1) in listing


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_after_the_cover_carries_its_pack_page_number_and_version(packs, lang: str) -> None:
    pack = packs[lang]
    total = len(pack.pages)
    version = re.search(r"[0-9a-f]{8}", words(pack.pages[0].extract_text() or "")).group(0)
    for index in range(1, total):
        label = UI.get(lang, "kit_pack_page", page=index + 1, pages=total)
        text = words(pack.pages[index].extract_text() or "")
        assert words(label) in text, f"{lang}: page {index + 1} has no pack page number"
        assert version in text
    assert words(UI.get(lang, "kit_pack_page", page=1, pages=total)) not in words(pack.pages[0].extract_text() or "")


def test_every_language_has_the_same_parts_with_the_same_page_layout(site: Path, packs) -> None:
    shapes = {lang: [(len(m[2]), m[1] > 0) for m in outline(packs[lang])] for lang in LANGS}
    assert len({tuple(s) for s in shapes.values()}) == 1, shapes


@pytest.mark.parametrize("lang", LANGS)
def test_each_handout_in_the_pack_draws_its_diagram(packs, lang: str, site: Path) -> None:
    """The pack's handout pages draw as many callouts (form XObjects) as the handout files themselves."""
    pack_path = folder(site, lang) / pack_name(lang, CONFIG.site_name)
    document = pypdfium2.PdfDocument(str(pack_path))
    marks = dict((m[0], m) for m in outline(packs[lang]))
    handouts = marks[UI.get(lang, "kit_pack_handouts")][2]
    ends = [at for _, at in handouts[1:]] + [handouts[-1][1] + len(PdfReader(
        folder(site, lang) / handout_name(stem(TAUGHT[-1]), lang, "handout")).pages)]
    for rel, (_, start), end in zip(TAUGHT, handouts, ends):
        forms = sum(obj.type == pypdfium2.raw.FPDF_PAGEOBJ_FORM
                    for page in (document[i] for i in range(start, end)) for obj in page.get_objects(max_depth=10))
        own = pypdfium2.PdfDocument(str(folder(site, lang) / handout_name(stem(rel), lang, "handout")))
        expected = sum(obj.type == pypdfium2.raw.FPDF_PAGEOBJ_FORM for page in own
                       for obj in page.get_objects(max_depth=10))
        assert expected > 0 and forms == expected, f"{lang}/{rel}: {forms} callouts in the pack, {expected} in the file"


@pytest.mark.parametrize("lang", LANGS)
def test_agenda_is_one_a4_page_with_every_module_and_day(site: Path, lang: str) -> None:
    reader = PdfReader(folder(site, lang) / kit_name("agenda", lang))
    assert len(reader.pages) == 1
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == pytest.approx(A4, abs=1)
    text = words(pdf_text(folder(site, lang) / kit_name("agenda", lang)))
    for rel in {s.module for s in PROGRAMME.sessions if s.module}:
        assert words(served(lang, rel).title) in text
    for number in range(1, len(PROGRAMME.days) + 1):
        assert words(UI.get(lang, "programme_day_number", number=number)) in text
    assert words(UI.get(lang, "kit_agenda_title")) in text


@pytest.mark.parametrize("lang", LANGS)
def test_facilitator_guides_are_short_and_hold_steps_answers_prompts_and_site_safety(site: Path, lang: str) -> None:
    prompts = numbered_strings(UI, lang, "kit_inclusion_")
    rules = numbered_strings(UI, lang, "kit_site_rule_")
    assert prompts and rules
    for rel in MODULES:
        path = folder(site, lang) / kit_name("guide", lang, stem(rel))
        assert 1 <= len(PdfReader(path).pages) <= GUIDE_MAX_PAGES
        text = words(pdf_text(path))
        parts = served(lang, rel)
        assert words(parts.title) in text
        for question in parts.questions:
            assert words(unnumbered(question.text))[:40] in text
            assert words(re.sub(r"[*_`]", "", question.answer))[:30] in text, f"{lang}/{rel}: an answer is missing"
        assert all(words(p) in text for p in prompts)
        site_based = any(ref.module == rel for s in PROGRAMME.sessions if s.place == "site" for ref in s.steps)
        assert all(words(r) in text for r in rules) == site_based, f"{lang}/{rel}: site safety notes"
        for session in (s for s in PROGRAMME.sessions if s.module == rel):
            assert f"{session.start // 60:02d}:{session.start % 60:02d}" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_test_asks_the_chosen_questions_and_the_key_answers_them(site: Path, lang: str) -> None:
    chosen = chosen_questions(lang)
    assert chosen
    test = words(pdf_text(folder(site, lang) / kit_name("test", lang)))
    key = words(pdf_text(folder(site, lang) / kit_name("answers", lang)))
    at = -1
    for question, _ in chosen:      # each after the one before: in order, and twice if two modules ask the same
        at = test.find(words(unnumbered(question))[:40], at + 1)
        assert at != -1, f"{lang}: {question!r} missing, or out of order"
    for _, answer in chosen:
        plain = words(re.sub(r"[*_`]", "", answer))[:30]
        assert plain in key and plain not in test
    scores = PdfReader(folder(site, lang) / kit_name("scores", lang))
    assert len(scores.pages) == 1
    assert words(UI.get(lang, "kit_scores_out_of", count=len(chosen))) in words(scores.pages[0].extract_text())
    assert str(WORKSHOP.participants) in words(scores.pages[0].extract_text())


def test_every_language_asks_as_many_questions() -> None:
    assert len({len(chosen_questions(lang)) for lang in LANGS}) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_register_has_a_signature_column_per_day_and_the_certificate_is_one_landscape_page(site: Path,
                                                                                         lang: str) -> None:
    register = PdfReader(folder(site, lang) / kit_name("register", lang))
    text = words(pdf_text(folder(site, lang) / kit_name("register", lang)))
    for number in range(1, len(PROGRAMME.days) + 1):
        assert words(UI.get(lang, "programme_day_number", number=number)) in text
    for key in ("kit_register_name", "kit_register_sex", "kit_register_age", "kit_register_province",
                "kit_register_phone", "kit_register_signature"):
        assert words(UI.get(lang, key)) in text
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in register.pages)
    certificate = PdfReader(folder(site, lang) / kit_name("certificate", lang))
    assert len(certificate.pages) == 1
    page = certificate.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = words(page.extract_text())
    assert words(UI.get(lang, "kit_certificate_title")) in text and words(CONFIG.site_name) in text
    assert words(WORKSHOP.organiser or CONFIG.site_name) in text
    if WORKSHOP.dates:
        assert day_date(WORKSHOP.dates[0]) in text and day_date(WORKSHOP.dates[-1]) in text


@pytest.mark.parametrize("lang", LANGS)
def test_download_page_lists_every_part_with_its_size(site: Path, lang: str) -> None:
    page = built(site, lang, page_with_marker(HANDOUTS)).read_text(encoding="utf-8")
    names = [name for _, name in expected_parts(lang)] + [pack_name(lang, CONFIG.site_name)]
    for name in names:
        size = kb((folder(site, lang) / name).stat().st_size)
        link = re.search(rf'href="[^"]*{re.escape(name)}"[^>]*>([^<]*)</a>', page)
        assert link, f"{lang}: {name} is not on the download page"
        assert f"{size} KB" in link.group(1)
