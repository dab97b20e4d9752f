"""What the upload keeps: files a page, stylesheet, manifest, sitemap or offline list reaches."""
from __future__ import annotations

import json
from pathlib import Path

from asm_academy.web.site_files import remove_unused, site_files


def _tree(site: Path) -> None:
    files = {
        "index.html": '<link rel="stylesheet" href="assets/a.css"><a href="page/">p</a>'
                      '<div data-list="offline.json"></div><link rel="manifest" href="manifest.webmanifest">',
        "page/index.html": '<img srcset="../img/small.png 1x, ../img/big.png 2x">'
                           '<meta property="og:image" content="https://x.org/asm/img/share.png">',
        "img/share.png": "x",
        "assets/a.css": "body{background:url(../img/back.svg)}",
        "img/small.png": "x", "img/big.png": "x", "img/back.svg": "<svg/>",
        "offline.json": json.dumps({"urls": ["./", "search/w/1.json"]}),
        "search/w/1.json": "[]",
        "manifest.webmanifest": json.dumps({"icons": [{"src": "img/icon.svg"}], "start_url": "./"}),
        "img/icon.svg": "<svg/>",
        "sitemap.xml": "<urlset><url><loc>https://x.org/asm/listed/</loc></url></urlset>",
        "listed/index.html": "<p>only in the sitemap</p>",
        "sw.js": "",
        "assets/javascripts/bundle.min.js": "", "assets/javascripts/bundle.min.js.map": "", "lunr/lunr.fr.js": "",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)


def test_files_nothing_names_are_found_and_removed_with_their_empty_folders(tmp_path: Path) -> None:
    _tree(tmp_path)
    unused = {p.relative_to(tmp_path.resolve()).as_posix() for p in site_files(tmp_path, "/asm/").unused}
    assert unused == {"assets/javascripts/bundle.min.js", "assets/javascripts/bundle.min.js.map", "lunr/lunr.fr.js"}
    remove_unused(tmp_path, "/asm/")
    assert not (tmp_path / "lunr").exists() and not (tmp_path / "assets" / "javascripts").exists()
    assert (tmp_path / "img" / "share.png").exists() and (tmp_path / "img" / "big.png").exists() and (tmp_path / "search" / "w" / "1.json").exists()
    assert site_files(tmp_path, "/asm/").unused == ()
