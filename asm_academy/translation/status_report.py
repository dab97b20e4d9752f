"""`make status`: what every translator needs to know, per page and language."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..source.doctree import load_tree
from ..source.findings import Finding
from ..translation.freshness import STATES, PageStatus, page_statuses
from ..source.site_config import SiteConfig, load_site_config


@dataclass
class Report:
    config: SiteConfig
    pages: list[PageStatus]
    problems: list[Finding]

    def totals(self) -> dict[str, Counter]:
        out: dict[str, Counter] = {lang.code: Counter({s: 0 for s in STATES}) for lang in self.config.translations}
        for page in self.pages:
            out[page.lang][page.state] += 1
        return out

    def to_json(self) -> dict:
        return {
            "languages": {l.code: l.name for l in self.config.translations},
            "totals": {lang: dict(c) for lang, c in self.totals().items()},
            "pages": [
                {"lang": p.lang, "page": p.rel, "state": p.state,
                 "source_hash": p.record.source_hash if p.record else None,
                 "translated_by": list(p.record.translated_by) if p.record else [],
                 "reviewed_by": list(p.record.reviewed_by) if p.record else [],
                 "sections": {"total": p.progress.total, "reviewed": p.progress.reviewed,
                              "outdated": p.progress.outdated, "reviewers": list(p.progress.reviewers)}
                 if p.progress else None,
                 "changes": p.changes}
                for p in self.pages
            ],
            "problems": [f.format() for f in self.problems],
        }


def build_report(root: Path, with_changes: bool = True) -> Report:
    config = load_site_config(root)
    statuses, problems = page_statuses(load_tree(config), with_changes)
    return Report(config, statuses, problems)


def format_text(report: Report, verbose: bool = True) -> str:
    out: list[str] = []
    marks = {"reviewed": "✓ reviewed", "draft": "~ draft", "outdated": "! outdated", "missing": "✗ missing"}
    for lang in report.config.translations:
        out.append(f"\n{lang.name} ({lang.code})")
        for page in (p for p in report.pages if p.lang == lang.code):
            who = ""
            if page.record:
                names = page.record.reviewed_by if page.state == "reviewed" else page.record.translated_by
                who = f"  ({', '.join(names)})" if names else ""
            done = f"  [{page.progress.reviewed} of {page.progress.total} sections reviewed]" \
                if page.progress and page.state != "reviewed" else ""
            out.append(f"  {marks[page.state]:<11} {page.rel}{who}{done}")
            if verbose:
                out.extend(f"      {line}" for line in page.changes)
    out.append("\nTotals")
    for code, counts in report.totals().items():
        out.append(f"  {code}: " + ", ".join(f"{counts[s]} {s}" for s in STATES))
    if report.problems:
        out.append("\nProblems in translation records:")
        out.extend(f"  {f.format()}" for f in report.problems)
    return "\n".join(out).lstrip("\n")


def format_markdown(report: Report) -> str:
    langs = [l.code for l in report.config.translations]
    out = ["## Translation status", "", "| Language | " + " | ".join(STATES) + " | sections reviewed |",
           "|---|" + "---|" * (len(STATES) + 1)]
    for code, counts in report.totals().items():
        mine = [p.progress for p in report.pages if p.lang == code and p.progress]
        done = f"{sum(p.reviewed for p in mine)} of {sum(p.total for p in mine)}"
        out.append(f"| {report.config.language(code).name} | " + " | ".join(str(counts[s]) for s in STATES)
                   + f" | {done} |")
    out += ["", "| Page | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    by_page: dict[str, dict[str, str]] = {}
    for p in report.pages:
        done = f" {p.progress.reviewed}/{p.progress.total}" if p.progress and p.state != "reviewed" else ""
        by_page.setdefault(p.rel, {})[p.lang] = p.state + done
    for page, states in by_page.items():
        out.append(f"| `{page}` | " + " | ".join(states.get(c, "") for c in langs) + " |")
    if report.problems:
        out += ["", "**Problems:**", ""] + [f"- `{f.format()}`" for f in report.problems]
    return "\n".join(out)
