"""What "save for offline" stores for one language, and the files that make it work."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks.site_links import _CSS_URL, html_refs, site_path
from .page_weight import COMPRESSIBLE

SW_TEMPLATE = Path(__file__).parent / "sw.js"


@dataclass(frozen=True)
class OfflineBundle:
    lang: str
    version: str
    urls: list[str]          # relative to the language's root folder
    bytes: int                     # what saving the pages transfers (compressed text), as the button says
    hashes: tuple[str, ...] = ()   # per file, in the order of urls: an update fetches only what changed
    digests: tuple[str, ...] = ()  # per file, of its bytes as served: a download is checked against it
    parts: tuple[str, ...] = ()    # per file, "pages" or "handouts": the reader saves each part apart
    handout_bytes: int = 0         # what saving the printable handouts transfers besides


PARTS = ("pages", "handouts")      # the order they are offered in: pages first


def part_of(url: str) -> str:
    """A PDF in the phone save is a printable handout, offered apart from the pages."""
    return "handouts" if url.endswith(".pdf") else "pages"


# the phone save holds what a reader reads; the full prints, the trainer pack and the workshop kit
# (facilitator's guides, printing/workshop_kit.kit_name) are for printing, the review sheets (a
# translation's `review/` folder, printing/review_sheets.py) for reviewers, ZIM files for Kiwix
NOT_SAVED = re.compile(r"(-full\.pdf|-handouts-[^/]+\.pdf|-guide\.pdf|/workshop-[^/]+\.pdf|\.map|\.zim)$|^[^/]+/review/")


def _used_assets(site: Path, pages: list[Path], base_path: str) -> set[Path]:
    """Files under assets/ that the language's pages, or the stylesheets they load, refer to."""
    used: set[Path] = set()
    styles: list[Path] = []
    for page in pages:
        for ref in html_refs(page.read_text(encoding="utf-8")):
            target = site_path(site, page, ref.url, base_path) if not re.match(r"^[a-z]+:|^//|^#", ref.url) else None
            if target is not None and target.is_file():
                used.add(target.resolve())
                if target.suffix == ".css":
                    styles.append(target)
    for css in styles:
        for match in _CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if url and not re.match(r"^[a-z]+:|^//|^#", url):
                target = (css.parent / url.split("#")[0].split("?")[0]).resolve()
                if target.is_file():
                    used.add(target)
    return used


def language_files(site: Path, prefix: str, other_prefixes: list[str], base_path: str = "/") -> list[Path]:
    """Every file a reader of this language may open: its pages and handouts, and the shared assets
    its pages use (not the theme's unused scripts, styles and source maps)."""
    root = site / prefix if prefix else site
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.name in ("sw.js", "sitemap.xml", "sitemap.xml.gz") or NOT_SAVED.search(rel):
            continue
        if not prefix and any(rel.startswith(p) for p in other_prefixes):
            continue
        if rel.startswith("assets/") and not prefix:
            continue        # added below for every language
        files.append(path)
    pages = [f for f in files if f.suffix == ".html"]
    used = _used_assets(site, pages, base_path)
    for path in sorted((site / "assets").rglob("*")):
        if path.is_file() and path.resolve() in used:
            files.append(path)
    return files


def transfer_size(path: Path) -> int:
    """What fetching the file costs from a host that compresses text, as GitHub Pages does."""
    # not page_weight.gz_size: that one is cached per path, and the build rewrites pages between two lists
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


def bundle(site: Path, lang: str, prefix: str, other_prefixes: list[str], base_path: str = "/",
           versions: dict[str, str] | None = None) -> OfflineBundle:
    """`versions`: site-relative path -> version, for files whose bytes are not their version. A PDF's
    bytes change with the machine's font libraries while its render inputs (the handout cache's key)
    do not; a phone must not download it again for that."""
    versions = versions or {}
    files = language_files(site, prefix, other_prefixes, base_path)
    digest = hashlib.sha256()
    urls = []
    hashes = []
    digests = []
    for path in files:
        rel = Path(path).relative_to(site).as_posix()
        url = ("../" * prefix.count("/")) + rel if prefix else rel
        if prefix and rel.startswith(prefix):
            url = rel[len(prefix):]
        url = url[:-len("index.html")] if url.endswith("index.html") else url
        urls.append(url or "./")
        served = hashlib.sha256(path.read_bytes()).hexdigest()
        version = versions.get(rel) or served
        hashes.append(version[:12])
        digests.append(served[:12])
        digest.update(f"{rel}\0{version}\0".encode())
    parts = tuple(part_of(u) for u in urls)
    sizes = {part: sum(transfer_size(p) for p, of in zip(files, parts) if of == part) for part in PARTS}
    return OfflineBundle(lang, digest.hexdigest()[:12], urls, sizes["pages"], tuple(hashes), tuple(digests), parts,
                         sizes["handouts"])


def manifest_json(bundle_: OfflineBundle) -> str:
    return json.dumps({"version": bundle_.version, "bytes": {"pages": bundle_.bytes, "handouts": bundle_.handout_bytes},
                       "urls": bundle_.urls, "hashes": list(bundle_.hashes), "digests": list(bundle_.digests),
                       "parts": list(bundle_.parts)}, ensure_ascii=False, separators=(",", ":"))


def service_worker(bundle_: OfflineBundle, other_folders: list[str] = ()) -> str:
    """The worker for one language; `other_folders` are the other languages' folders inside its scope
    (the default language's worker covers the whole site), which it leaves alone."""
    return SW_TEMPLATE.read_text(encoding="utf-8").replace("__ASM_CACHE__", f"asm-{bundle_.lang}-{bundle_.version}") \
        .replace("__ASM_LANG__", bundle_.lang).replace("__ASM_OTHERS__", json.dumps(list(other_folders)))


def web_manifest(name: str, description: str, lang: str, icon: str, colour: str = "") -> str:
    return json.dumps({"name": name, "short_name": name, "description": description, "lang": lang,
                       "start_url": "./", "scope": "./", "display": "standalone", "background_color": "#ffffff",
                       **({"theme_color": colour} if colour else {}), "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml"}]},
                      ensure_ascii=False, indent=1)


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}"
