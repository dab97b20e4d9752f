"""Files a contributor writes must be UTF-8: say which file and line is not, before anything reads it."""
from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .site_config import SiteConfig

TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".svg", ".css", ".js", ".html")


def encoding_findings(config: SiteConfig) -> list[Finding]:
    root = config.root
    found: list[Finding] = []
    paths = [root / "mkdocs.yml", *sorted((root / "data").glob("*.y*ml")),
             *sorted(p for p in config.docs_dir.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                     and not p.is_symlink())]
    for path in paths:
        if not path.exists():
            continue
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            found.append(Finding(path.relative_to(root).as_posix(), line, "ENC001",
                                 f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line})",
                                 "Save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)."))
    return found
