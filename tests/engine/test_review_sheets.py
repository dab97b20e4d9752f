"""Review sheets: English and translation side by side, section by section, read back from the PDF
of a tiny tree; readable after a black-and-white photocopy."""
from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import ImageChops
from pypdf import PdfReader

from asm_academy.content.termbase import load_termbase
from asm_academy.content.ui_strings import load_ui
from asm_academy.printing.handouts import page_address
from asm_academy.printing.review_sheets import VIEW_CSP, export_sheets, sheet_name, write_sheets
from asm_academy.source.doctree import load_tree
from asm_academy.source.site_config import load_site_config
from asm_academy.translation.freshness import page_statuses
from asm_academy.translation.review import record_review, stamp_sections
from asm_academy.translation.sections import section_hashes
from conftest import ROOT
from doctrees import ALPHA, clean_files, write_tree

SN = "docs/sn/topics/alpha.md"
EN = "docs/topics/alpha.md"
URL = "https://example.org/"
REVIEWER = 'Rudo <b>"M"</b>'        # markup in a name is shown as text, never run


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "repo", clean_files())
    shutil.copytree(ROOT / "print", root / "print")          # the shipped stylesheets and font
    shutil.copy(ROOT / "data" / "ui.yml", root / "data" / "ui.yml")  # the sheet's labels in every language
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Back [home]", "<script>alert(1)</script> Dzokera [kumba]"), encoding="utf-8")
    stamp_sections(page, root / EN, SN)
    record_review(page, root / EN, SN, REVIEWER, ["walls"], on="2026-12-01")
    return root


def export(root: Path, cache: Path):
    config = load_site_config(root)
    tree = load_tree(config)
    statuses, _ = page_statuses(tree, with_changes=False)
    terms, _ = load_termbase(root, [l.code for l in config.languages], config.default.code)
    ui = load_ui(root, config.default.code, config.names)
    return export_sheets(tree, statuses, terms, ui, "sn", URL, cache, workers=1), ui


def text_of(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(pdf).pages).split())


def test_sheet_holds_both_languages_per_numbered_section_with_terms_versions_and_reviewer(root: Path, tmp_path: Path) -> None:
    sheets, ui = export(root, tmp_path / "cache")
    pdf = sheets.paths[sheet_name("topics/alpha.md", "sn", ".pdf")]
    text = text_of(pdf)
    hashes = section_hashes(ALPHA)
    # each section: its number and id, then the English and the translation, in page order
    order = [text.index(f"{n}. {heading}") for n, heading in ((1, "Alpha"), (2, "Pit walls"), (3, "Next"))]
    assert order == sorted(order)
    for english, chishona in (("Alpha", "Alpha SN"), ("Look at the pit wall.", "Tarisa mugodhi wall."),
                              ("Back home.", "Dzokera kumba.")):
        assert english in text and chishona in text, (english, chishona)
    walls = text[order[1]:order[2]]
    assert "Look at the pit wall." in walls and "Tarisa mugodhi wall." in walls
    assert "pit → mugodhi" in walls and ui.get("sn", "status_draft") in walls     # the term, marked draft
    assert all(h in text for h in hashes.values())                  # the version of every section
    assert ui.get("sn", "review_section", number=3) in text and ui.get("sn", "review_correct") in text
    assert 'Rudo <b>"M"</b>' in walls and "2026-12-01" in walls     # reviewed: named, with the date
    assert "Rudo" not in text[order[2]:]                            # the draft section is not called reviewed
    assert "alert" not in text                                      # a script is dropped, not printed or run


def test_qr_code_opens_the_page_and_survives_a_black_and_white_photocopy(root: Path, tmp_path: Path) -> None:
    sheets, _ = export(root, tmp_path / "cache")
    document = pypdfium2.PdfDocument(str(sheets.paths[sheet_name("topics/alpha.md", "sn", ".pdf")]))
    for page in document:
        image = page.render(scale=2).to_pil().convert("RGB")
        red, green, blue = image.split()
        tint = max(ImageChops.difference(a, b).getextrema()[1] for a, b in ((red, green), (green, blue), (red, blue)))
        assert tint <= 8, f"coloured pixels (channels differ by {tint}): meaning may be carried by colour"
        copy = image.convert("L").point(lambda v: 255 if v > 140 else 0)   # a photocopier's two tones
        assert [r.text for r in zxingcpp.read_barcodes(copy)] == [page_address(URL, "en", "sn", "topics/alpha.md")]


def test_unchanged_sheet_is_not_rendered_again(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = export(root, cache)
    assert first.rendered == 1
    again, _ = export(root, cache)
    assert again.rendered == 0 and again.paths == first.paths and again.views == first.views
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8").replace("Tarisa", "Tarisai"), encoding="utf-8")
    changed, _ = export(root, cache)
    assert changed.rendered == 1 and "Tarisai" in text_of(changed.paths[sheet_name("topics/alpha.md", "sn", ".pdf")])


def test_html_view_is_escaped_has_the_policy_and_links_its_pdf_and_the_page(root: Path, tmp_path: Path) -> None:
    sheets, ui = export(root, tmp_path / "cache")
    out = tmp_path / "site" / "sn" / "review"
    write_sheets(sheets, out, root)
    view = (out / sheet_name("topics/alpha.md", "sn", ".html")).read_text(encoding="utf-8")
    assert f'content="{VIEW_CSP.replace(chr(39), "&#x27;")}"' in view
    assert "Rudo &lt;b&gt;&quot;M&quot;&lt;/b&gt;" in view and "<b>" not in view and "<script" not in view
    assert 'href="alpha-sn-review.pdf" download' in view and 'href="../../topics/alpha/"' in view
    assert (out / "review.css").is_file() and (out / "topics" / "alpha-sn-review.pdf").read_bytes()[:5] == b"%PDF-"


def test_a_broken_record_or_a_section_only_the_translation_has_still_gives_a_whole_sheet(root: Path, tmp_path: Path) -> None:
    page = root / SN
    text = page.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    broken = head.split("translation:", 1)[0] + "translation: nonsense"
    page.write_text(broken + "\n---\n" + body + "\n## Extra {#extra}\n\nMashoko matsva.\n", encoding="utf-8")
    sheets, ui = export(root, tmp_path / "cache")
    text = text_of(sheets.paths[sheet_name("topics/alpha.md", "sn", ".pdf")])
    assert "4. Extra" in text and "Mashoko matsva." in text and ui.get("sn", "review_missing") in text
    assert "Tarisa mugodhi wall." in text and "Rudo" not in text     # no valid record: nobody is called a reviewer
