"""Every knob of the build in one typed object.

The values come from `extra: academy:` in mkdocs.yml (or a config that INHERITs it), so a test or a
partner switches a part of the build off in YAML, not with environment variables, and code that runs
without MkDocs (the command line, the bench) reads the same object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .source.findings import ContentError, Finding


@dataclass(frozen=True)
class PdfOptions:
    """What WeasyPrint is told for every handout; part of each PDF's cache key."""
    optimize_images: bool = True
    jpeg_quality: int = 80
    dpi: int = 150

    def as_kwargs(self) -> dict[str, Any]:
        return {"optimize_images": self.optimize_images, "jpeg_quality": self.jpeg_quality, "dpi": self.dpi}


@dataclass(frozen=True)
class Settings:
    root: Path = Path(".")
    checks: bool = True              # off only to compare the checks with a crawl of a broken tree
    handouts: bool = True            # PDFs in `mkdocs build`
    handouts_when_serving: bool = False   # `mkdocs serve` stays fast unless asked
    short_pages: bool = True         # serve long modules in parts cut at their ## headings
    part_budget: int = 5000          # estimated compressed bytes of one part's content, images included
    pdf: PdfOptions = field(default_factory=PdfOptions)
    brand_colour: str = ""           # "#rrggbb": header, buttons, phone status bar, app icon background
    organisation: str = ""           # who publishes the course: PDF metadata, ZIM creator and publisher
    zim: bool = False                # also a ZIM file per language for Kiwix (`make zim`; needs zim-tools)

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    @property
    def handout_cache(self) -> Path:
        return self.cache_dir / "handouts"

    @property
    def share_font(self) -> Path:
        """The shipped DejaVu Sans Bold (print/fonts/) for the name on the share image."""
        return self.root / "print" / "fonts" / "DejaVuSans-Bold.ttf"

    def for_command(self, command: str) -> "Settings":
        """`mkdocs serve` renders no PDFs unless handouts_when_serving says so."""
        if command == "serve" and not self.handouts_when_serving:
            return replace(self, handouts=False)
        return self


_KEY = "academy"


def load_settings(root: Path, extra: Mapping[str, Any] | None, config_file: str = "mkdocs.yml") -> Settings:
    """Settings from mkdocs.yml's `extra: academy:` mapping; unknown keys and wrong types are refused."""
    given = dict((extra or {}).get(_KEY) or {})
    known = {f.name: f for f in fields(Settings) if f.name != "root"}
    values: dict[str, Any] = {}
    for key, value in given.items():
        if key not in known:
            raise ContentError(Finding(config_file, 0, "CONF010", f"unknown setting `extra.{_KEY}.{key}`",
                                       f"Use one of: {', '.join(sorted(known))}, or remove it."))
        default = getattr(Settings(), key)
        if key == "pdf":
            if not isinstance(value, dict) or set(value) - {f.name for f in fields(PdfOptions)}:
                raise ContentError(Finding(config_file, 0, "CONF010", f"`extra.{_KEY}.pdf` must map "
                                           "optimize_images, jpeg_quality and dpi", "Fix or remove it."))
            value = PdfOptions(**value)
        elif isinstance(default, bool) is not isinstance(value, bool) or not isinstance(value, type(default)):
            raise ContentError(Finding(config_file, 0, "CONF010",
                                       f"`extra.{_KEY}.{key}` must be {type(default).__name__}, not {value!r}",
                                       f"Write for example `{key}: {str(default).lower() if isinstance(default, bool) else default}`."))
        if key == "brand_colour" and not re.match(r"^#[0-9a-fA-F]{6}$", value):
            raise ContentError(Finding(config_file, 0, "CONF011", f"`extra.{_KEY}.brand_colour` is {value!r}",
                                       'Write a colour as "#" and six hex digits, in quotes: "#5d4037".'))
        values[key] = value
    return Settings(root=root, **values)


def settings_of(root: Path, config_file: str = "mkdocs.yml") -> Settings:
    """The settings a config file states, for code that runs without MkDocs (the bench, the tests)."""
    import yaml

    from .source.site_config import _Loader

    data = yaml.load((root / config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return load_settings(root, data.get("extra"), config_file)


def settings_config(root: Path, values: Mapping[str, Any], name: str = "mkdocs.settings.yml") -> Path:
    """A config beside mkdocs.yml that INHERITs it with other settings: how the tests and the bench
    build with handouts or checks off. It must sit beside mkdocs.yml: MkDocs resolves docs_dir,
    hooks and custom_dir from the config file it is given."""
    import yaml

    path = root / name
    path.write_text("INHERIT: mkdocs.yml\n" + yaml.safe_dump({"extra": {_KEY: dict(values)}}), encoding="utf-8")
    return path
