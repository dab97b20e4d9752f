"""ZIM files for Kiwix, one per language, from the built site.

Written with Debian's `zimwriterfs` (zim-tools) and checked with `zimcheck`, run as separate
programs: the libzim Python binding is GPL-3.0, which this MIT project does not link. The pages are
prepared first (asm_academy/web/kiwix.py); a broken internal link stops the export before writing.

`python -m asm_academy.tools.zim_export` is `make zim`: the whole site with `zim: true`, then
zimcheck on every file it wrote.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..content.ui_strings import UI_FILE, UiStrings
from ..settings import Settings
from ..printing.handouts import site_slug
from ..source.findings import ContentError, Finding, format_report
from ..web.kiwix import StagedLanguage, stage_language

ZIM_FOLDER = "zim"               # site/zim/<site>-<lang>.zim: published with the site, not in the phone save
ILLUSTRATION = "zim-illustration-48.png"
CONTENT_LICENCE = "CC BY 4.0"    # the curriculum's licence (LICENSE-CONTENT.md)
_ISO639_3 = re.compile(r"^[a-z]{3}$")


@dataclass(frozen=True)
class ZimMetadata:
    name: str            # stable identifier across versions, e.g. "asm-academy_sn"
    title: str           # at most 30 characters (ZIM metadata rules)
    description: str     # at most 80 characters
    long_description: str
    language: str        # ISO 639-3
    creator: str
    publisher: str
    source: str          # the site online
    licence: str = CONTENT_LICENCE


@dataclass(frozen=True)
class ZimFile:
    lang: str
    path: Path
    bytes: int
    seconds: float
    files: int = 0       # staged files: pages, diagrams, handouts, shared assets


def zim_file_name(site_name: str, lang: str) -> str:
    return f"{site_slug(site_name) or 'course'}-{lang}.zim"


def iso639_3(ui: UiStrings, lang: str, root: Path) -> str:
    """The language's three-letter code for Kiwix, from data/ui.yml; a missing or malformed one is refused."""
    code = (ui.iso639_3 or {}).get(lang, "")
    if _ISO639_3.match(code):
        return code
    text = (root / UI_FILE).read_text(encoding="utf-8").splitlines() if (root / UI_FILE).is_file() else []
    line = next((n for n, t in enumerate(text, 1) if re.match(rf"^\s+{re.escape(lang)}:", t)), 0)
    problem = f"is `{code}`, not three lowercase letters" if code else "is missing"
    raise ContentError(Finding(UI_FILE, line, "ZIM001", f"the ISO 639-3 code of language `{lang}` {problem}; its "
                               "ZIM file for Kiwix needs it", f"Add `iso639_3: xyz` to `{lang}:` under `languages:` "
                               "(the three-letter code at https://iso639-3.sil.org, e.g. sna for chiShona)."))


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word; the whole text goes in the long description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def zim_metadata(site_name: str, lang: str, language_name: str, description: str, iso: str,
                 organisation: str, site_url: str) -> ZimMetadata:
    if not organisation:
        raise ContentError(Finding("mkdocs.yml", 0, "ZIM002", "a ZIM file needs a creator and publisher",
                                   "Set `organisation:` under `extra: academy:` (who publishes the course)."))
    title = f"{site_name} ({language_name})"
    return ZimMetadata(name=f"{site_slug(site_name)}_{lang}", title=title if len(title) <= 30 else _cut(site_name, 30),
                       description=_cut(description or site_name, 80), long_description=" ".join(description.split()),
                       language=iso, creator=organisation, publisher=organisation, source=site_url)


def illustration_png(image: Path, out: Path) -> None:
    """The 48x48 PNG Kiwix shows in its library, from the site's favicon (SVG drawn by WeasyPrint and
    rasterised by pdfium; a bitmap favicon is scaled with Pillow)."""
    from PIL import Image

    if image.suffix.lower() == ".svg":
        import pypdfium2
        from weasyprint import HTML

        page = ("<style>@page{size:48px 48px;margin:0}html,body{margin:0}img{width:48px;height:48px;display:block}"
                "</style><img src='" + image.resolve().as_uri() + "'>")
        pdf = pypdfium2.PdfDocument(HTML(string=page).write_pdf())
        picture = pdf[0].render(scale=48 / pdf[0].get_width(), may_draw_forms=False).to_pil()
    else:
        picture = Image.open(image)
    buffer = io.BytesIO()
    picture.convert("RGBA").resize((48, 48), Image.LANCZOS).save(buffer, "PNG", optimize=True)
    out.write_bytes(buffer.getvalue())


def _writer_options() -> str:
    result = subprocess.run(["zimwriterfs", "--help"], capture_output=True, text=True)
    return result.stdout + result.stderr


def zimwriterfs_command(staged: StagedLanguage, meta: ZimMetadata, out: Path, options: str = "") -> list[str]:
    """zim-tools 3.1 (Debian 12) has no licence or long-description option; newer ones are given both."""
    command = ["zimwriterfs", f"--welcome={staged.welcome}", f"--illustration={ILLUSTRATION}",
               f"--language={meta.language}", f"--title={meta.title}", f"--description={meta.description}",
               f"--creator={meta.creator}", f"--publisher={meta.publisher}", f"--name={meta.name}",
               f"--source={meta.source}", "--scraper=asm_academy", "--threads=2"]
    for spellings, value in ((("--longDescription",), meta.long_description), (("--license", "--licence"), meta.licence)):
        option = next((o for o in spellings if re.search(rf"{o}\b", options)), "")
        if option and value:
            command.append(f"{option}={value}")
    return command + [str(staged.root), str(out)]


def write_zim(staged: StagedLanguage, meta: ZimMetadata, favicon: Path, out: Path, lang: str) -> ZimFile:
    """Check the staged pages, then write the ZIM file. Nothing is written when a link is broken."""
    if staged.problems:
        raise ContentError(Finding(staged.problems[0].path, staged.problems[0].line, "ZIM010",
                                   f"the ZIM file {out.name} was not written; internal links go nowhere:\n\n"
                                   + format_report(staged.problems), "Fix the links named above."))
    if shutil.which("zimwriterfs") is None:
        raise ContentError(Finding("mkdocs.yml", 0, "ZIM003", "`zimwriterfs` is not installed",
                                   "Install Debian's zim-tools (`apt-get install zim-tools`), or leave `zim:` "
                                   "off under `extra: academy:`."))
    illustration_png(favicon, staged.root / ILLUSTRATION)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    result = subprocess.run(zimwriterfs_command(staged, meta, out, _writer_options()), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not out.is_file():
        raise ContentError(Finding(str(out.name), 0, "ZIM004", f"zimwriterfs failed ({result.returncode}): "
                                   + (result.stderr or result.stdout).strip()[-1500:],
                                   "Read zimwriterfs's message above; the staged pages are in " + str(staged.root)))
    return ZimFile(lang, out, out.stat().st_size, seconds, staged.files)


def export_language(site: Path, lang: str, prefix: str, others: list[str], *, site_name: str, language_name: str,
                    description: str, ui: UiStrings, settings: Settings, site_url: str, favicon: Path) -> ZimFile:
    """One language of the built site as site/zim/<site>-<lang>.zim: metadata, staging, link check, file."""
    meta = zim_metadata(site_name, lang, language_name, description, iso639_3(ui, lang, settings.root),
                        settings.organisation, site_url + prefix)
    staged = stage_language(site, prefix, others, settings.cache_dir / "zim" / lang, site_url,
                            urlsplit(site_url).path or "/")
    return write_zim(staged, meta, favicon, site / ZIM_FOLDER / zim_file_name(site_name, lang), lang)


def zimcheck_errors(path: Path) -> list[str]:
    """zimcheck's errors for one file (empty when it passes): all its checks, as CI runs them."""
    result = subprocess.run(["zimcheck", "-A", "-D", str(path)], capture_output=True, text=True)
    if result.returncode == 0:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()] or [
        f"zimcheck exited {result.returncode}"]


def main(argv: list[str] | None = None) -> int:
    """`make zim`: build the site with `zim: true`, then check every ZIM file it wrote."""
    from ..settings import settings_config

    root = Path.cwd()
    site = root / "site"
    config = settings_config(root, {"zim": True}, "mkdocs.zim.yml")
    try:
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                               cwd=root)
    finally:
        config.unlink(missing_ok=True)
    if build.returncode != 0:
        return build.returncode
    failed = 0
    for path in sorted((site / ZIM_FOLDER).glob("*.zim")):
        problems = zimcheck_errors(path)
        failed += bool(problems)
        print(f"{path.relative_to(root)}: {path.stat().st_size / 1e6:.2f} MB, zimcheck "
              + ("passed" if not problems else "failed:\n  " + "\n  ".join(problems)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
