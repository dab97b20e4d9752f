"""What a pull request changes in review progress, per language: the job summary's "before → after".

Works on two `status --json` reports, the base branch's and this tree's. The base report is made
from the base commit's files, taken out of the local git history (no network), and read with this
tree's code, so both sides are counted alike.
"""
from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..source.findings import ContentError, Finding


@dataclass(frozen=True)
class Count:
    sections_reviewed: int = 0
    sections: int = 0
    pages_reviewed: int = 0
    pages: int = 0          # translated pages (not missing)
    outdated: int = 0


@dataclass(frozen=True)
class LanguageChange:
    code: str
    name: str
    before: Count
    after: Count

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class PageChange:
    lang: str
    page: str
    state_before: str
    state_after: str
    reviewed_before: int
    reviewed_after: int
    total: int
    new_reviewers: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    languages: list[LanguageChange]
    pages: list[PageChange]


def _sections(entry: dict) -> tuple[int, int, tuple[str, ...]]:
    """(reviewed, total, reviewers) of a page entry; an older report without sections counts none."""
    done = entry.get("sections") or {}
    return int(done.get("reviewed", 0)), int(done.get("total", 0)), tuple(done.get("reviewers", ()))


def _count(pages: list[dict]) -> Count:
    present = [p for p in pages if p.get("state") != "missing"]
    return Count(sum(_sections(p)[0] for p in present), sum(_sections(p)[1] for p in present),
                 sum(p.get("state") == "reviewed" for p in present), len(present),
                 sum(p.get("state") == "outdated" for p in present))


def compare(base: dict, head: dict) -> Comparison:
    """Per language and per page, what changed between the two reports."""
    names = {**base.get("languages", {}), **head.get("languages", {})}
    by_lang: dict[str, tuple[list[dict], list[dict]]] = {code: ([], []) for code in names}
    for side, report in enumerate((base, head)):
        for entry in report.get("pages", []):
            by_lang.setdefault(entry["lang"], ([], []))[side].append(entry)
    languages = [LanguageChange(code, names.get(code, code), _count(old), _count(new))
                 for code, (old, new) in by_lang.items()]
    before = {(p["lang"], p["page"]): p for p in base.get("pages", [])}
    pages = []
    for entry in head.get("pages", []):
        old = before.get((entry["lang"], entry["page"]), {"state": "missing"})
        (was, _, old_names), (now, total, names_now) = _sections(old), _sections(entry)
        if (old.get("state"), was) != (entry.get("state"), now):
            pages.append(PageChange(entry["lang"], entry["page"], str(old.get("state")), str(entry.get("state")),
                                    was, now, total, tuple(n for n in names_now if n not in old_names)))
    return Comparison(languages, pages)


def _arrow(before: int, after: int) -> str:
    if before == after:
        return str(after)
    return f"{before} → **{after}** ({after - before:+d})"


def format_comparison(comparison: Comparison) -> str:
    """Markdown for the pull request's job summary."""
    out = ["## Review progress in this pull request", ""]
    if not any(lang.changed for lang in comparison.languages):
        return "\n".join(out + ["No change in review progress: no section was reviewed, translated or made outdated."])
    out += ["| Language | Sections reviewed | Pages reviewed | Translated pages | Outdated pages |", "|---|---|---|---|---|"]
    for lang in comparison.languages:
        b, a = lang.before, lang.after
        out.append(f"| {lang.name} | {_arrow(b.sections_reviewed, a.sections_reviewed)} of {a.sections} | "
                   f"{_arrow(b.pages_reviewed, a.pages_reviewed)} of {a.pages} | {_arrow(b.pages, a.pages)} | "
                   f"{_arrow(b.outdated, a.outdated)} |")
    if comparison.pages:
        out += ["", "| Language | Page | State | Sections reviewed | New reviewers |", "|---|---|---|---|---|"]
        for p in comparison.pages:
            state = p.state_after if p.state_before == p.state_after else f"{p.state_before} → {p.state_after}"
            names = ", ".join(n.replace("|", "\\|") for n in p.new_reviewers)
            out.append(f"| {p.lang} | `{p.page}` | {state} | {_arrow(p.reviewed_before, p.reviewed_after)} of "
                       f"{p.total} | {names} |")
    return "\n".join(out)


def read_status_json(path: Path) -> dict:
    """A `status --json` report; anything else is a clear error naming the file."""
    display = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(Finding(display, 0, "STATUS001", f"cannot read the base report: {exc.strerror}",
                                   "Make it with `python -m asm_academy --root BASE status --json FILE`.")) from None
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        raise ContentError(Finding(display, line, "STATUS002", "the base report is not JSON",
                                   "Give the file `status --json` wrote, unchanged.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list) or \
            not all(isinstance(p, dict) and "lang" in p and "page" in p for p in data["pages"]):
        raise ContentError(Finding(display, 1, "STATUS003", "this JSON is not a translation status report",
                                   "Give the file `status --json` wrote (it has `languages`, `totals` and `pages`)."))
    return data


def base_status(root: Path, ref: str) -> dict:
    """The status report of the tree at git revision `ref`, from the local history only."""
    from .status_report import build_report

    try:
        archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", ref], capture_output=True,
                                 timeout=120, check=True).stdout
    except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired):
        raise ContentError(Finding(str(root), 0, "STATUS004", f"git has no revision `{ref}` here",
                                   "Give a commit or branch of this clone; in GitHub Actions check out with "
                                   "`fetch-depth: 0` so the base commit is present.")) from None
    with tempfile.TemporaryDirectory(prefix="asm-base-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        base = Path(folder)
        if not (base / "mkdocs.yml").is_file():
            return {"languages": {}, "pages": []}       # the base had no site yet: everything is new
        return build_report(base, with_changes=False).to_json()
