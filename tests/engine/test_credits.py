"""Reviewed sections name their reviewers on the page; draft and outdated sections never do."""
from __future__ import annotations

from pathlib import Path

from asm_academy.source.doctree import load_tree
from asm_academy.source.site_config import load_site_config
from asm_academy.translation.credits import with_reviewer_credits
from asm_academy.translation.freshness import page_statuses
from asm_academy.translation.review import record_review, stamp_sections
from doctrees import clean_files, write_tree

SN, EN = "docs/sn/topics/alpha.md", "docs/topics/alpha.md"
PAGE = '<h2 id="walls">Madziro</h2>\n<p>Tarisa.</p>\n<h2 id="next">Next</h2>\n<p>Dzokera.</p>'


def progress(root: Path):
    statuses, _ = page_statuses(load_tree(load_site_config(root)), with_changes=False)
    return next(s for s in statuses if (s.lang, s.rel) == ("sn", "topics/alpha.md")).progress


def credited(root: Path) -> str:
    return with_reviewer_credits(PAGE, progress(root), lambda names: "Reviewed by " + ", ".join(names))


def test_each_reviewed_section_names_its_reviewers_by_its_heading_escaped(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    stamp_sections(root / SN, root / EN, SN)
    assert credited(root) == PAGE                       # nothing reviewed: nobody credited
    record_review(root / SN, root / EN, SN, "Rudo <b>M</b>", ["walls"])
    record_review(root / SN, root / EN, SN, "Sipho", ["walls", "_top"])
    out = credited(root)
    assert out.startswith('<p class="asm-credit">Reviewed by Sipho</p>\n')          # the title and opening
    assert '<h2 id="walls">Madziro</h2>\n<p class="asm-credit">Reviewed by Rudo &lt;b&gt;M&lt;/b&gt;, Sipho</p>' in out
    assert out.count("asm-credit") == 2                 # #next is a draft: not called reviewed


def test_a_section_whose_english_changed_is_no_longer_credited(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    stamp_sections(root / SN, root / EN, SN)
    record_review(root / SN, root / EN, SN, "Rudo")
    assert credited(root).count("asm-credit") == 3
    english = root / EN
    english.write_text(english.read_text(encoding="utf-8").replace("Look at the", "Always look at the"), encoding="utf-8")
    out = credited(root)
    assert out.count("asm-credit") == 2 and '<h2 id="walls">Madziro</h2>\n<p>' in out
