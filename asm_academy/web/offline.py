"""What "save for offline" stores for one language, and the files that make it work."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

SW_TEMPLATE = Path(__file__).parent / "sw.js"


@dataclass(frozen=True)
class OfflineBundle:
    lang: str
    version: str
    urls: list[str]          # relative to the language's root folder
    bytes: int
    hashes: tuple[str, ...] = ()   # per file, in the order of urls: an update fetches only what changed


def language_files(site: Path, prefix: str, other_prefixes: list[str]) -> list[Path]:
    """Every file a reader of this language may open: its pages and handouts, and shared assets."""
    root = site / prefix if prefix else site
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.name in ("sw.js", "sitemap.xml", "sitemap.xml.gz"):
            continue
        if not prefix and any(rel.startswith(p) for p in other_prefixes):
            continue
        if rel.startswith("assets/") and not prefix:
            continue        # added below for every language
        files.append(path)
    for path in sorted((site / "assets").rglob("*")):
        rel = path.relative_to(site).as_posix()
        # of the scripts only ours: the theme's bundle, search worker and lunr are never loaded
        if path.is_file() and not rel.endswith(".map") and \
                (not rel.startswith("assets/javascripts/") or rel == "assets/javascripts/asm.js"):
            files.append(path)
    return files


def bundle(site: Path, lang: str, prefix: str, other_prefixes: list[str]) -> OfflineBundle:
    files = language_files(site, prefix, other_prefixes)
    digest = hashlib.sha256()
    urls = []
    hashes = []
    for path in files:
        rel = Path(path).relative_to(site).as_posix()
        url = ("../" * prefix.count("/")) + rel if prefix else rel
        if prefix and rel.startswith(prefix):
            url = rel[len(prefix):]
        url = url[:-len("index.html")] if url.endswith("index.html") else url
        urls.append(url or "./")
        data = path.read_bytes()
        hashes.append(hashlib.sha256(data).hexdigest()[:12])
        digest.update(rel.encode() + data)
    return OfflineBundle(lang, digest.hexdigest()[:12], urls, sum(p.stat().st_size for p in files), tuple(hashes))


def manifest_json(bundle_: OfflineBundle) -> str:
    return json.dumps({"version": bundle_.version, "bytes": bundle_.bytes, "urls": bundle_.urls,
                       "hashes": list(bundle_.hashes)}, ensure_ascii=False, separators=(",", ":"))


def service_worker(bundle_: OfflineBundle) -> str:
    return SW_TEMPLATE.read_text(encoding="utf-8").replace("__ASM_CACHE__", f"asm-{bundle_.lang}-{bundle_.version}") \
        .replace("__ASM_LANG__", bundle_.lang)


def web_manifest(name: str, description: str, lang: str, icon: str, colour: str = "") -> str:
    return json.dumps({"name": name, "short_name": name, "description": description, "lang": lang,
                       "start_url": "./", "scope": "./", "display": "standalone", "background_color": "#ffffff",
                       **({"theme_color": colour} if colour else {}), "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml"}]},
                      ensure_ascii=False, indent=1)


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}"
