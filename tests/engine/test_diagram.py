"""The handout's main diagram: the front matter's `diagram` must name an image the page shows, the
handout prints that one with its caption and legend, and the full print keeps every diagram."""
from __future__ import annotations

from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.printing.print_html import PrintLabels, full_body, handout_body, printable_svg
from asm_academy.source.module_parts import parse_module
from doctrees import MKDOCS_YML, SVG, clean_files, record, write_tree

BODY = """
## Pictures {#pictures}

![A pit with benches](../assets/pit.svg)

*Figure 1. Benches keep the wall up.*

1. Bench face.
2. Berm: a flat step
   that catches stones.

Text between.

![A dump far from the edge](../assets/dump.svg)

*Figure 2. The dump.*

1. Dump.

## Key points {#key-points}

- Look at the wall.
"""


def page(title: str, diagram: str | None, body: str = BODY, extra: str = "") -> str:
    key = f"diagram: {diagram}\n" if diagram is not None else ""
    return f"---\n{extra}id: one\ntitle: {title}\nsummary: A module.\nduration: 60\nlevel: beginner\n{key}---\n{body}"


def findings(tmp_path: Path, en: str, sn: str | None = None) -> list[tuple[str, int, str, str]]:
    files = clean_files()
    files["mkdocs.yml"] = MKDOCS_YML.replace("  - glossary.md\n", "  - glossary.md\n  - modules/one.md\n")
    files["docs/assets/dump.svg"] = SVG
    files["docs/modules/one.md"] = en
    if sn is not None:
        files["docs/sn/modules/one.md"] = sn.replace("---\n", "---\n" + record(en), 1)
    write_tree(tmp_path, files)
    return [(f.path, f.line, f.code, f.message + " " + f.hint) for f in check_tree(tmp_path).findings
            if f.code in ("MOD021", "MOD022")]


def test_a_diagram_the_page_shows_passes_in_every_language(tmp_path: Path) -> None:
    assert findings(tmp_path, page("One", "../assets/dump.svg"), page("Imwe", "./../assets/dump.svg")) == []
    assert findings(tmp_path, page("One", "../assets/pit.svg"), page("Imwe", None)) == []   # takes the English key


def test_an_english_module_without_a_diagram_is_named(tmp_path: Path) -> None:
    [(path, line, code, text)] = findings(tmp_path, page("One", None))
    assert (path, line, code) == ("docs/modules/one.md", 1, "MOD021")
    assert "`../assets/pit.svg`, `../assets/dump.svg`" in text


@pytest.mark.parametrize("value, says", [("../assets/pits.svg", "is not an image this page shows"),
                                         ("'3'", "is not an image this page shows"), ("3", "is not an image path"),
                                         ("[a, b]", "is not an image path")])
def test_a_diagram_the_page_does_not_show_is_an_error_at_its_line(tmp_path: Path, value: str, says: str) -> None:
    [(path, line, code, text)] = findings(tmp_path, page("One", value))
    assert (path, line, code) == ("docs/modules/one.md", 7, "MOD022")
    assert says in text and "`../assets/pit.svg`" in text


def test_a_translation_is_checked_against_its_own_images(tmp_path: Path) -> None:
    sn_body = BODY.replace("![A dump far from the edge](../assets/dump.svg)", "")
    found = findings(tmp_path, page("One", "../assets/dump.svg"), page("Imwe", "../assets/dump.svg", sn_body))
    assert [(p, code) for p, _, code, _ in found] == [("docs/sn/modules/one.md", "MOD022")]
    found = findings(tmp_path, page("One", "../assets/dump.svg"), page("Imwe", None, sn_body))
    assert [(p, code) for p, _, code, _ in found] == [("docs/sn/modules/one.md", "MOD022")]
    assert "taken from the English page" in found[0][3]


LABELS = PrintLabels("English", "Key points", "Field checklist", "Key terms", "Page {page} of {pages}",
                     "Version {version}", "Scan", "Answers")


def test_the_handout_prints_the_chosen_diagram_with_caption_and_legend_and_the_full_print_every_one() -> None:
    parts = parse_module(page("One", "../assets/dump.svg"), "docs/modules/one.md", "one")
    assert [f.target for f in parts.figures] == ["../assets/pit.svg", "../assets/dump.svg"]
    pit = parts.figure("./../assets/pit.svg")
    assert pit.caption == "Figure 1. Benches keep the wall up." and pit.legend.endswith("that catches stones.")
    resolve = lambda target: "file:///x/" + target.rsplit("/", 1)[-1]   # noqa: E731
    handout = handout_body(parts, LABELS, resolve, parts.figure(parts.meta["diagram"]))
    assert 'src="file:///x/dump.svg"' in handout and "pit.svg" not in handout
    assert "<em>Figure 2. The dump.</em>" in handout and "<li>Dump.</li>" in handout
    assert handout.index("dump.svg") < handout.index("Key points")
    assert "<img" not in handout_body(parts, LABELS, resolve, None)
    full = full_body(parts, LABELS, resolve, parts.figure("../assets/dump.svg"))
    assert full.count("<img") == 2


def test_printed_diagrams_use_the_shipped_font() -> None:
    svg = ('<svg font-family="sans-serif"><text style="font-size:3;font-family: Arial, sans-serif">1</text>'
           "<text font-family='serif'>2</text></svg>")
    out = printable_svg(svg)
    assert "sans-serif" not in out and "Arial" not in out and "'serif'" not in out
    assert out.count("Handout Sans") == 3 and "font-size:3" in out
