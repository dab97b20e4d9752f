"""The content checks: a clean tree passes; each kind of defect gives its code, file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from doctrees import ALPHA, MKDOCS_YML, SVG, clean_files, record, write_tree

ND_LINE = MKDOCS_YML.splitlines().index("        - locale: nd") + 1   # where the fixture lists nd


def findings(tmp_path: Path, changes: dict[str, str | None]) -> list[tuple[str, int, str]]:
    files = clean_files()
    for name, text in changes.items():
        if text is None:
            files.pop(name)
        else:
            files[name] = text
    write_tree(tmp_path, files)
    return [(f.path, f.line, f.code) for f in check_tree(tmp_path).findings if f.severity == "error"]


def test_clean_tree_has_no_findings(tmp_path: Path) -> None:
    result = check_tree(write_tree(tmp_path, clean_files()))
    assert result.findings == []
    assert result.pages_checked == 4


def sn_alpha(old: str, new: str) -> str:
    text = clean_files()["docs/sn/topics/alpha.md"]
    assert old in text
    return text.replace(old, new)


CASES = [
    # (what, changes, expected (file, line, code))
    ("broken page link", {"docs/index.md": "---\ntitle: Home\n---\n\nSee [a](modules/alpa.md).\n"},
     ("docs/index.md", 5, "LINK001")),
    ("missing anchor", {"docs/index.md": "---\ntitle: Home\n---\n\nSee [a](topics/alpha.md#wall).\n"},
     ("docs/index.md", 5, "LINK002")),
    ("missing anchor in translation", {"docs/sn/topics/alpha.md": sn_alpha("](../index.md)", "](../index.md#nowhere)")},
     ("docs/sn/topics/alpha.md", 16, "LINK002")),
    ("missing image", {"docs/assets/pit.svg": None}, ("docs/topics/alpha.md", 7, "IMG001")),
    ("image without alt", {"docs/topics/alpha.md": ALPHA.replace("![A pit]", "![]")},
     ("docs/topics/alpha.md", 7, "IMG002")),
    ("svg with script", {"docs/assets/pit.svg": SVG.replace("</svg>", "<script>alert(1)</script></svg>")},
     ("docs/assets/pit.svg", 1, "IMG004")),   # the line that holds the script
    ("svg too big", {"docs/assets/pit.svg": SVG.replace("</svg>", "<!--" + "x" * 21000 + "--></svg>")},
     ("docs/assets/pit.svg", 0, "IMG003")),
    ("anchor parity: missing id", {"docs/sn/topics/alpha.md": sn_alpha("{#next}", "{#mberi}")},
     ("docs/sn/topics/alpha.md", 0, "ANCH001")),
    ("anchor parity: extra id", {"docs/sn/topics/alpha.md": sn_alpha("{#next}", "{#mberi}")},
     ("docs/sn/topics/alpha.md", 14, "ANCH002")),
    ("heading without id", {"docs/topics/alpha.md": ALPHA.replace("## Next {#next}", "## Next")},
     ("docs/topics/alpha.md", 9, "ANCH003")),
    ("English page links into Shona", {"docs/index.md": "---\ntitle: Home\n---\n\n[sn](sn/topics/alpha.md)\n"},
     ("docs/index.md", 5, "LANG001")),
    ("Shona page reaches into English tree",
     {"docs/sn/topics/alpha.md": sn_alpha("](../index.md)", "](../../index.md)")},
     ("docs/sn/topics/alpha.md", 16, "LANG001")),
    ("script tag", {"docs/index.md": "---\ntitle: Home\n---\n\nHi\n\n<script>alert(1)</script>\n"},
     ("docs/index.md", 7, "SAFE010")),
    ("iframe", {"docs/index.md": "---\ntitle: Home\n---\n\n<iframe src=\"x.html\"></iframe>\n"},
     ("docs/index.md", 5, "SAFE010")),
    ("event attribute", {"docs/index.md": "---\ntitle: Home\n---\n\n<span onclick=\"x()\">hi</span>\n"},
     ("docs/index.md", 5, "SAFE010")),
    ("javascript url", {"docs/index.md": "---\ntitle: Home\n---\n\n[x](javascript:alert(1))\n"},
     ("docs/index.md", 5, "SAFE003")),
    ("data url image", {"docs/index.md": "---\ntitle: Home\n---\n\n<img alt=\"x\" src=\"data:image/png;base64,AAAA\">\n"},
     ("docs/index.md", 5, "SAFE003")),
    ("remote image", {"docs/index.md": "---\ntitle: Home\n---\n\n![x](https://tracker.example.com/p.png)\n"},
     ("docs/index.md", 5, "SAFE004")),
    ("remote style", {"docs/index.md": "---\ntitle: Home\n---\n\n<p style=\"background:url(https://x.example/a.png)\">a</p>\n"},
     ("docs/index.md", 5, "SAFE010")),
    ("bad YAML", {"docs/index.md": "---\ntitle: Home: page\n---\n\nHi\n"}, ("docs/index.md", 2, "META002")),
    ("no title", {"docs/index.md": "---\nsummary: x\n---\n\nHi\n"}, ("docs/index.md", 1, "META004")),
    ("page not in nav", {"docs/extra.md": "---\ntitle: Extra\n---\n\nHi\n"}, ("docs/extra.md", 0, "NAV001")),
    ("nav entry without file", {"docs/glossary.md": None}, ("mkdocs.yml", 19, "NAV002")),
    ("translation without source", {"docs/sn/orphan.md": "---\n" + record(ALPHA) + "title: X\n---\n\nHi\n"},
     ("docs/sn/orphan.md", 0, "I18N001")),
    ("stray two-letter folder", {"docs/js/app.md": "---\ntitle: JS\n---\n"}, ("docs/js", 0, "I18N002")),
    ("language without UI pack", {"overrides/partials/languages/nd.html": None}, ("mkdocs.yml", ND_LINE, "I18N003")),
    ("translation without record", {"docs/sn/topics/alpha.md": sn_alpha("translation:", "old_translation:")},
     ("docs/sn/topics/alpha.md", 1, "FRESH001")),
    ("reviewed without reviewer", {"docs/sn/topics/alpha.md": sn_alpha("status: draft", "status: reviewed")},
     ("docs/sn/topics/alpha.md", 2, "FRESH005")),
    ("absolute link", {"docs/index.md": "---\ntitle: Home\n---\n\n[a](/topics/alpha/)\n"},
     ("docs/index.md", 5, "LINK004")),
    ("malformed external link", {"docs/index.md": "---\ntitle: Home\n---\n\n[a](https://example/x)\n"},
     ("docs/index.md", 5, "EXT001")),
    ("broken termbase", {"data/termbase.yml": "terms:\n  - id: Pit Wall\n    en: {term: x, definition: y}\n"},
     ("data/termbase.yml", 2, "TERM003")),
]


@pytest.mark.parametrize("what,changes,expected", CASES, ids=[c[0] for c in CASES])
def test_each_defect_is_reported_with_code_file_and_line(tmp_path: Path, what, changes, expected) -> None:
    found = findings(tmp_path, changes)
    assert expected in found, f"{what}: expected {expected}, got {found}"


def test_deliberate_language_link_is_allowed(tmp_path: Path) -> None:
    found = findings(tmp_path, {"docs/index.md": "---\ntitle: Home\n---\n\n[sn](sn/topics/alpha.md){ hreflang=sn }\n"})
    assert found == []


def test_hint_suggests_the_closest_anchor(tmp_path: Path) -> None:
    write_tree(tmp_path, {**clean_files(), "docs/index.md": "---\ntitle: Home\n---\n\n[a](topics/alpha.md#wals)\n"})
    [finding] = [f for f in check_tree(tmp_path).findings if f.code == "LINK002"]
    assert "topics/alpha.md#walls" in finding.hint


def test_all_findings_reported_at_once(tmp_path: Path) -> None:
    found = findings(tmp_path, {"docs/index.md": "---\ntitle: Home\n---\n\n[a](x.md) [b](y.md)\n<script></script>\n"})
    assert [c for _, _, c in found].count("LINK001") == 2 and ("docs/index.md", 6, "SAFE010") in found


def test_english_term_on_translated_page_is_a_warning(tmp_path: Path) -> None:
    write_tree(tmp_path, {**clean_files(),
                          "docs/sn/topics/alpha.md": sn_alpha("Tarisa [mugodhi]", "Tarisa pit iyi, [mugodhi]")})
    warnings = [(f.path, f.line, f.code) for f in check_tree(tmp_path).findings if f.severity == "warning"]
    assert ("docs/sn/topics/alpha.md", 12, "TERM101") in warnings


def test_term_inside_a_proper_name_is_not_flagged(tmp_path: Path) -> None:
    write_tree(tmp_path, {**clean_files(),
                          "docs/sn/topics/alpha.md": sn_alpha("Tarisa [mugodhi]", "Tarisa Big Pit Company, [mugodhi]")})
    assert [f for f in check_tree(tmp_path).findings if f.code == "TERM101"] == []
