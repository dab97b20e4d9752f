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
class WorkshopSettings:
    """The workshop the trainer pack is printed for: the certificate prints these. Days without a
    date leave a line to write it by hand, so a pack can be printed before the dates are fixed."""
    dates: tuple[str, ...] = ()      # "YYYY-MM-DD", one per day of data/programme.yml, in order
    organiser: str = ""              # who runs the workshop; empty: the `organisation` setting
    participants: int = 25           # rows of the register and the score sheet


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
    workshop: WorkshopSettings = field(default_factory=WorkshopSettings)

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
        elif key == "workshop":
            value = _workshop(value, config_file, root)
        elif isinstance(default, bool) is not isinstance(value, bool) or not isinstance(value, type(default)):
            raise ContentError(Finding(config_file, 0, "CONF010",
                                       f"`extra.{_KEY}.{key}` must be {type(default).__name__}, not {value!r}",
                                       f"Write for example `{key}: {str(default).lower() if isinstance(default, bool) else default}`."))
        if key == "brand_colour" and not re.match(r"^#[0-9a-fA-F]{6}$", value):
            raise ContentError(Finding(config_file, 0, "CONF011", f"`extra.{_KEY}.brand_colour` is {value!r}",
                                       'Write a colour as "#" and six hex digits, in quotes: "#5d4037".'))
        values[key] = value
    return Settings(root=root, **values)


def settings_from_file(root: Path, config_file: str = "mkdocs.yml") -> Settings:
    """The settings of a config file read without MkDocs (the command line, the bench, the tests);
    `!ENV` values are read as MkDocs reads them."""
    import yaml

    from .source.site_config import _Loader

    data = yaml.load((root / config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return load_settings(root, data.get("extra") if isinstance(data, dict) else None, config_file)


def setting_line(config_file: str, key: str, root: Path | None = None) -> int:
    """The line of `key:` in the config file, for a finding (0 when it cannot be read)."""
    try:
        text = ((root or Path(".")) / config_file).read_text(encoding="utf-8")
    except OSError:
        return 0
    return next((n for n, line in enumerate(text.splitlines(), 1) if re.match(rf"^\s*{key}\s*:", line)), 0)


def _workshop(value: object, config_file: str, root: Path) -> WorkshopSettings:
    """`workshop: {dates: [...], organiser: ..., participants: ...}`: dates are ISO and in order."""
    import datetime

    line = setting_line(config_file, "workshop", root)
    known = {f.name for f in fields(WorkshopSettings)}
    example = 'workshop: {dates: ["2027-03-01", "2027-03-02"], organiser: "Your organisation", participants: 25}'
    if not isinstance(value, dict) or set(value) - known:
        raise ContentError(Finding(config_file, line, "CONF012", f"`extra.{_KEY}.workshop` must map "
                                   + ", ".join(sorted(known)), f"Write for example `{example}`."))
    dates = value.get("dates") or []
    if not isinstance(dates, list):
        raise ContentError(Finding(config_file, line, "CONF012", "`workshop: dates:` is not a list",
                                   "List one date per day of data/programme.yml, e.g. `dates: [\"2027-03-01\"]`."))
    parsed: list[datetime.date] = []
    for item in dates:
        text = item.isoformat() if isinstance(item, datetime.date) else str(item)
        try:
            parsed.append(datetime.date.fromisoformat(text))
        except ValueError:
            raise ContentError(Finding(config_file, line, "CONF012", f"workshop date {item!r} is not a date "
                                       "written YYYY-MM-DD", 'Write it as "2027-03-01", in quotes.')) from None
    if any(b <= a for a, b in zip(parsed, parsed[1:])):
        raise ContentError(Finding(config_file, line, "CONF012", "workshop dates are not in order, one per day",
                                   "List each day once, first day first."))
    organiser = value.get("organiser", "")
    participants = value.get("participants", WorkshopSettings.participants)
    if not isinstance(organiser, str) or isinstance(participants, bool) or not isinstance(participants, int) \
            or not 1 <= participants <= 60:
        raise ContentError(Finding(config_file, line, "CONF012", "`workshop: organiser:` must be text and "
                                   "`participants:` a number from 1 to 60", f"Write for example `{example}`."))
    return WorkshopSettings(tuple(d.isoformat() for d in parsed), organiser, participants)


def settings_config(root: Path, values: Mapping[str, Any], name: str = "mkdocs.settings.yml") -> Path:
    """A config beside mkdocs.yml that INHERITs it with other settings: how the tests and the bench
    build with handouts or checks off. It must sit beside mkdocs.yml: MkDocs resolves docs_dir,
    hooks and custom_dir from the config file it is given."""
    import yaml

    path = root / name
    path.write_text("INHERIT: mkdocs.yml\n" + yaml.safe_dump({"extra": {_KEY: dict(values)}}), encoding="utf-8")
    return path
