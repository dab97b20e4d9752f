"""Pages prepared for Kiwix, ZIM metadata and the no-data block, on small hand-made sites (no build)."""
from __future__ import annotations

from pathlib import Path

import pytest

from asm_academy.content.ui_strings import UiStrings
from asm_academy.source.findings import ContentError
from asm_academy.tools.zim_export import iso639_3, write_zim, zim_file_name, zim_metadata
from asm_academy.web.kiwix import NO_DATA_END, NO_DATA_START, OFFLINE_SIZE, ZIM_SIZE, kiwix_html, no_data_markdown, \
    stage_language
from asm_academy.web.offline import language_files

PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://example.org/asm/sn/">
<link rel="stylesheet" href="{up}assets/site.css">
<link rel="manifest" href="{up}sn/manifest.webmanifest">
</head><body>
<div class="md-header__option">
<div class="md-select"><div class="md-select__inner"><ul>
<li><a href="{up}" hreflang="en">English</a></li><li><a href="./" hreflang="sn">chiShona</a></li>
</ul></div></div>
</div>
<div class="md-nav__source"><a href="https://github.com/x/y" class="md-source"><div>repo</div></a></div>
<a href="https://github.com/x/y/edit/main/docs/sn/index.md" title="Edit" class="md-content__button md-icon">edit</a>
<article><h1>Mhoro</h1>
<p class="asm-suggest"><a href="https://github.com/x/y/issues/new" data-suggest>Suggest</a></p>
<p><a href="modules/safety/">Kuchengeteka</a> <a href="modules/safety/#ppe">PPE</a>
<a href="{up}modules/safety/" hreflang="en">English page</a> <img src="{up}assets/diagrams/d.svg" alt="d"></p>
{nodata}
<div id="asm-offline" data-sw="sw.js"><button type="button" hidden>Save (%%ASM_OFFLINE_MB%% MB)</button><span></span></div>
</article></body></html>
"""


def _site(tmp: Path, extra_link: str = "") -> Path:
    site = tmp / "site"
    nodata = f"{NO_DATA_START}<p>file {ZIM_SIZE} MB, save {OFFLINE_SIZE} MB</p>{NO_DATA_END}"
    files = {
        "index.html": PAGE.format(up="", nodata=""),
        "modules/safety/index.html": "<html><body><p>English safety</p></body></html>",
        "sn/index.html": PAGE.format(up="../", nodata=nodata).replace("</article>", extra_link + "</article>"),
        "sn/modules/safety/index.html": '<html><body><a href="../../">Kumba</a></body></html>',
        "sn/handouts/safety-sn.pdf": "%PDF-1.7 handout",
        "sn/handouts/safety-sn-full.pdf": "%PDF-1.7 full module",
        "sn/offline.json": "{}", "sn/sw.js": "", "sn/manifest.webmanifest": "{}", "sn/404.html": "<html></html>",
        "assets/site.css": "body{}", "assets/diagrams/d.svg": "<svg/>", "assets/unused.js": "",
        "zim/asm-academy-en.zim": "ZIM",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def test_kiwix_pages_lose_the_chrome_that_needs_our_server_or_other_languages() -> None:
    text = kiwix_html(PAGE.format(up="../", nodata=f"{NO_DATA_START}<p>sizes</p>{NO_DATA_END}"))
    for gone in ("md-select", "hreflang=\"en\">English</a></li>", "asm-offline", "rel=\"manifest\"",
                 "rel=\"canonical\"", "md-content__button", "md-nav__source", "sizes", "asm:no-data", "data-suggest"):
        assert gone not in text, gone
    assert "<h1>Mhoro</h1>" in text and 'href="../assets/site.css"' in text and "</article></body></html>" in text
    assert text.count("<div") == text.count("</div>"), "nested elements were cut at the wrong closing tag"


def test_staging_makes_folder_links_file_links_and_sends_other_languages_online(tmp_path: Path) -> None:
    site = _site(tmp_path)
    staged = stage_language(site, "sn/", [], tmp_path / "stage", "https://example.org/asm/")
    assert staged.problems == () and staged.welcome == "sn/index.html"
    home = (tmp_path / "stage" / "sn" / "index.html").read_text(encoding="utf-8")
    assert 'href="modules/safety/index.html"' in home and 'href="modules/safety/index.html#ppe"' in home
    assert 'href="https://example.org/asm/modules/safety/"' in home      # the English page: online
    assert 'src="../assets/diagrams/d.svg"' in home
    assert 'href="../../index.html"' in (tmp_path / "stage" / "sn" / "modules" / "safety" / "index.html").read_text()
    names = {p.relative_to(tmp_path / "stage").as_posix() for p in (tmp_path / "stage").rglob("*") if p.is_file()}
    # every handout, the full module too; none of the web server's files, no ZIM, no unused asset
    assert {"sn/handouts/safety-sn.pdf", "sn/handouts/safety-sn-full.pdf", "assets/site.css",
            "assets/diagrams/d.svg"} <= names
    assert not names & {"sn/offline.json", "sn/sw.js", "sn/manifest.webmanifest", "sn/404.html", "assets/unused.js"}
    assert not any(n.endswith(".zim") or n.startswith("modules/") for n in names)


def test_a_broken_internal_link_names_page_line_and_link_and_no_zim_is_written(tmp_path: Path) -> None:
    site = _site(tmp_path, extra_link='\n<a href="modules/gone/">gone</a>')
    staged = stage_language(site, "sn/", [], tmp_path / "stage", "https://example.org/asm/")
    assert [(p.path, p.code) for p in staged.problems] == [("sn/index.html", "ZIM010")]
    assert "modules/gone/" in staged.problems[0].message and staged.problems[0].line > 0
    out = tmp_path / "out" / "x.zim"
    meta = zim_metadata("ASM Academy", "sn", "chiShona", "Kosi", "sna", "Org", "https://example.org/asm/sn/")
    with pytest.raises(ContentError) as error:
        write_zim(staged, meta, site / "assets" / "diagrams" / "d.svg", out, "sn")
    assert "sn/index.html" in str(error.value) and "modules/gone/" in str(error.value)
    assert not out.exists()


def test_the_english_zim_leaves_other_languages_and_zim_files_out(tmp_path: Path) -> None:
    site = _site(tmp_path)
    staged = stage_language(site, "", ["sn/"], tmp_path / "stage", "https://example.org/asm/")
    assert staged.problems == ()
    assert not list((tmp_path / "stage").glob("sn/*")) and not (tmp_path / "stage" / "zim").exists()


def test_zim_files_are_not_in_the_phone_save(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert not any(f.suffix == ".zim" for f in language_files(site, "", ["sn/"]))


def _ui(iso: dict[str, str]) -> UiStrings:
    return UiStrings({}, {}, "en", {}, iso)


def test_the_iso_639_3_code_comes_from_data_and_a_missing_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ui.yml").write_text("languages:\n  en: {english_name: English}\n  toi: {english_name: "
                                              "Tonga}\nstrings: {}\n", encoding="utf-8")
    assert iso639_3(_ui({"toi": "toi"}), "toi", tmp_path) == "toi"
    for iso in ({}, {"toi": "to"}):
        with pytest.raises(ContentError) as error:
            iso639_3(_ui(iso), "toi", tmp_path)
        finding = error.value.finding
        assert (finding.path, finding.line, finding.code) == ("data/ui.yml", 3, "ZIM001")
        assert "iso639_3" in finding.hint


def test_zim_metadata_keeps_to_the_zim_limits_and_needs_an_organisation() -> None:
    long = "Safe, legal and profitable small-scale lithium mining in Zimbabwe: an open course in three languages."
    meta = zim_metadata("ASM Academy", "en", "English", long, "eng", "ASM Academy contributors", "https://x.org/")
    assert meta.title == "ASM Academy (English)" and len(meta.description) <= 80 and meta.long_description == long
    assert meta.description.endswith("…") and long.startswith(meta.description[:-1])
    assert meta.creator == meta.publisher == "ASM Academy contributors" and meta.licence == "CC BY 4.0"
    assert len(zim_metadata("A very long name for a course site", "nd", "isiNdebele", "d", "nde", "O", "u").title) <= 30
    assert zim_file_name("ASM Academy", "sn") == "asm-academy-sn.zim"
    with pytest.raises(ContentError, match="organisation"):
        zim_metadata("ASM Academy", "en", "English", long, "eng", "", "https://x.org/")


def test_no_data_block_names_the_zim_only_when_there_is_one_and_escapes_strings() -> None:
    strings = {key: {"en": f"<{key}> {{size}}" if key in ("nodata_zim", "nodata_save") else f"<{key}>"}
               for key in ("nodata_title", "nodata_zim", "nodata_save", "nodata_how", "nodata_step_install",
                           "nodata_step_copy", "nodata_step_open", "nodata_hotspot")}
    strings["nodata_zim"]["en"] = "Kiwix: {file} ({size} MB)"
    ui = UiStrings(strings, {})
    with_zim = no_data_markdown(ui, "en", "../zim/a-en.zim", "a-en.zim")
    assert f'<a href="../zim/a-en.zim" download>a-en.zim</a> ({ZIM_SIZE} MB)' in with_zim
    assert OFFLINE_SIZE in with_zim and "&lt;nodata_step_copy&gt;" in with_zim and "<nodata_" not in with_zim
    without = no_data_markdown(ui, "en")
    assert ZIM_SIZE not in without and "zim" not in without.replace("no-data", "") and OFFLINE_SIZE in without


def test_without_zimwriterfs_the_builder_is_told_what_to_install_and_nothing_is_written(tmp_path: Path,
                                                                                         monkeypatch) -> None:
    site = _site(tmp_path)
    staged = stage_language(site, "sn/", [], tmp_path / "stage", "https://example.org/asm/")
    monkeypatch.setattr("asm_academy.tools.zim_export.shutil.which", lambda name: None)
    meta = zim_metadata("ASM Academy", "sn", "chiShona", "Kosi", "sna", "Org", "https://example.org/asm/sn/")
    with pytest.raises(ContentError) as error:
        write_zim(staged, meta, site / "assets" / "diagrams" / "d.svg", tmp_path / "out" / "x.zim", "sn")
    assert error.value.finding.code == "ZIM003" and "zim-tools" in error.value.finding.hint
    assert not (tmp_path / "out").exists()


def test_a_newer_zimwriterfs_is_given_the_licence_and_the_long_description(tmp_path: Path) -> None:
    from asm_academy.tools.zim_export import zimwriterfs_command
    from asm_academy.web.kiwix import StagedLanguage

    staged = StagedLanguage(tmp_path, "sn/index.html", (), 0)
    meta = zim_metadata("ASM Academy", "sn", "chiShona", "Kosi yakavhurika", "sna", "Org", "https://x.org/sn/")
    old = zimwriterfs_command(staged, meta, tmp_path / "x.zim", "-w, --welcome\n-l, --language")
    assert "--language=sna" in old and "--welcome=sn/index.html" in old and not any("licen" in a for a in old)
    new = zimwriterfs_command(staged, meta, tmp_path / "x.zim", "--longDescription  long\n--licence  licence")
    assert "--licence=CC BY 4.0" in new and "--longDescription=Kosi yakavhurika" in new
