"""Command line: `python -m asm_academy check|status|stamp|review|po|language`, usable without MkDocs."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .source.findings import ContentError, errors, format_report, github_annotation


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_check(args: argparse.Namespace) -> int:
    from .checks.tree_checks import check_tree

    started = time.perf_counter()
    result = check_tree(_root(args))
    shown = [f for f in result.findings if args.warnings or f.severity == "error"] if not args.all else result.findings
    if shown:
        print(format_report(shown))
    if args.github:          # on the pull request's changed lines, besides the log
        print("\n".join(github_annotation(f) for f in result.findings))
    n_err = len(errors(result.findings))
    n_warn = len(result.findings) - n_err
    print(f"\nchecked {result.pages_checked} pages in {time.perf_counter() - started:.2f} s: "
          f"{n_err} errors, {n_warn} warnings" + ("" if args.warnings or args.all else " (show them with --warnings)"))
    if args.external_links:
        Path(args.external_links).parent.mkdir(parents=True, exist_ok=True)
        Path(args.external_links).write_text("".join(f"{url}\t{path}:{line}\n" for path, line, url in
                                                     sorted(result.external_links, key=lambda x: x[2])))
        print(f"external links written to {args.external_links}")
    return 1 if n_err else 0


def cmd_status(args: argparse.Namespace) -> int:
    from .translation.status_report import build_report, format_markdown, format_text

    report = build_report(_root(args))
    if args.compare or args.base:
        from .translation.status_compare import base_status, compare, format_comparison, read_status_json
        base = read_status_json(Path(args.compare)) if args.compare else base_status(_root(args), args.base)
        print(format_comparison(compare(base, report.to_json())))
    else:
        print(format_markdown(report) if args.markdown else format_text(report, verbose=not args.brief))
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not (args.markdown or args.compare or args.base):
        print(f"\nJSON written to {out}")
    return 0


def _translated_pair(root: Path, name: str) -> tuple[Path, Path, str] | str:
    """(translated page, its English source, display path), or the sentence saying what is wrong."""
    from .source.site_config import load_site_config

    config = load_site_config(root)
    codes = {l.code for l in config.translations}
    path = Path(name).resolve()
    if path.is_dir():
        return f"{name}: is a folder; give the page's file, e.g. docs/sn/modules/safety.md"
    try:
        parts = path.relative_to(config.docs_dir.resolve()).parts
    except ValueError:
        parts = ()
    if len(parts) < 2 or parts[0] not in codes:
        return f"{name}: not a translated page; give a file under docs/<language>/, e.g. docs/sn/modules/safety.md"
    english = config.docs_dir.joinpath(*parts[1:])
    if not english.exists() or not path.exists():
        missing = path if not path.exists() else english
        return f"{name}: {missing.relative_to(root)} does not exist"
    return path, english, path.relative_to(root).as_posix()


def cmd_stamp(args: argparse.Namespace) -> int:
    from .translation.review import stamp_sections

    root = _root(args)
    for name in args.files:
        pair = _translated_pair(root, name)
        if isinstance(pair, str):
            print(pair, file=sys.stderr)
            return 2
        path, english, display = pair
        try:
            digest = stamp_sections(path, english, display)
        except ValueError:
            print(f"{name}:1: no `translation:` record in the front matter; add the record described in "
                  "TRANSLATING.md, then stamp again", file=sys.stderr)
            return 2
        print(f"{name}: source_hash {digest} (matches {english.relative_to(root)}), every section recorded")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .translation.review import record_review

    root = _root(args)
    pair = _translated_pair(root, args.file)
    if isinstance(pair, str):
        print(pair, file=sys.stderr)
        return 2
    path, english, display = pair
    sections = [s.strip() for s in args.sections.split(",") if s.strip()] if args.sections else None
    record = record_review(path, english, display, args.by, sections, args.on)
    done = sum(1 for s in record.sections.values() if s.reviewed_by)
    print(f"{display}: {len(sections) if sections else len(record.sections)} section(s) recorded as reviewed by "
          f"{args.by}; {done} of {len(record.sections)} reviewed, page {record.status}")
    return 0


def cmd_po(args: argparse.Namespace) -> int:
    from .translation.po_files import export_language, import_folder

    root = _root(args)
    if args.action == "export":
        done = export_language(root, args.lang, Path(args.folder))
        if done.findings:
            print(format_report(done.findings), file=sys.stderr)
        print(f"wrote {len(done.pages)} PO files to {args.folder}: {sum(p.entries for p in done.pages)} entries, "
              f"{sum(p.fuzzy for p in done.pages)} fuzzy (their English changed); "
              f"{sum(p.aligned for p in done.pages)} sections by paragraph, {sum(p.whole for p in done.pages)} whole"
              + (f"; {len(done.untranslated)} pages not yet translated" if done.untranslated else ""))
        return 0
    done = import_folder(root, Path(args.folder))
    if done.findings:
        print(format_report(done.findings), file=sys.stderr)
        if errors(done.findings):
            print("\nnothing written: mend the files above and import again", file=sys.stderr)
            return 1
    for page in done.pages:
        if page.changed:
            print(f"{page.page}: {len(page.changed)} entries written" + (
                f"; reviewed sections reworded: {', '.join(page.reviewed_changed)} (their review still stands: ask "
                "the reviewer to check them)" if page.reviewed_changed else ""))
    print(f"imported {len(done.pages)} PO files: {len(done.written)} pages changed. Run `python -m asm_academy stamp` "
          "on a page once its fuzzy entries match the new English.")
    return 0


def cmd_language(args: argparse.Namespace) -> int:
    from .tools.new_language import add_language

    added = add_language(_root(args), args.code, args.name, args.english_name)
    print("\n".join(f"wrote {path}" for path in added.written))
    print(f"\n`{added.code}` added. `make site` now builds it: every page falls back to English, and the interface "
          f"strings are English copies marked untranslated.\nNext: translate {added.written[1] if len(added.written) > 4 else 'data/ui.yml'}, "
          f"then pages (TRANSLATING.md).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_academy", description=__doc__)
    parser.add_argument("--root", default=".", help="repository root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every content check over docs/ in all languages")
    check.add_argument("--warnings", action="store_true", help="also list warnings")
    check.add_argument("--all", action="store_true", help="list errors and warnings")
    check.add_argument("--github", action="store_true",
                       help="also print every finding as a GitHub Actions annotation (the workflow uses this)")
    check.add_argument("--external-links", metavar="FILE", default=".cache/external-links.tsv",
                       help="write every external link here for someone online to check")
    check.set_defaults(func=cmd_check)
    status = sub.add_parser("status", help="translation status of every page and language")
    status.add_argument("--json", default=".cache/translation-status.json", help="where to write the JSON report")
    status.add_argument("--markdown", action="store_true", help="print a Markdown table (for CI job summaries)")
    status.add_argument("--brief", action="store_true", help="leave out what changed in English")
    status.add_argument("--compare", metavar="BASE.json", default="",
                        help="print, as Markdown, what this tree changes in review progress against that report")
    status.add_argument("--base", metavar="REV", default="",
                        help="the same against git revision REV (e.g. origin/main), read from the local history")
    status.set_defaults(func=cmd_status)
    stamp = sub.add_parser("stamp", help="mark translated pages as matching their current English source")
    stamp.add_argument("files", nargs="+")
    stamp.set_defaults(func=cmd_stamp)
    review = sub.add_parser("review", help="record that a fluent speaker reviewed a translated page's sections")
    review_sub = review.add_subparsers(dest="action", required=True)
    record = review_sub.add_parser("record", help="mark sections (all when none are named) as reviewed")
    record.add_argument("file", help="the translated page, e.g. docs/sn/modules/safety.md")
    record.add_argument("--by", required=True, help="the reviewer's name, as it should be credited")
    record.add_argument("--sections", default="", help="section ids, comma-separated (default: every section)")
    record.add_argument("--on", default=None, help="date of the review, YYYY-MM-DD (default: today)")
    record.set_defaults(func=cmd_review)
    po = sub.add_parser("po", help="PO files for translation tools (OmegaT, Poedit, Weblate)")
    po_sub = po.add_subparsers(dest="action", required=True)
    po_export = po_sub.add_parser("export", help="write one PO file per translated page of a language")
    po_export.add_argument("lang", help="language code, e.g. sn")
    po_export.add_argument("folder", help="where to write the PO files (the pages' paths are kept)")
    po_import = po_sub.add_parser("import", help="write the PO files' translations back into the pages")
    po_import.add_argument("folder", help="the folder `po export` wrote")
    po.set_defaults(func=cmd_po)
    language = sub.add_parser("language", help="add a language: folder, UI pack, strings, termbase column, mkdocs.yml")
    language.add_argument("code", help="BCP 47 code, e.g. toi (chiTonga), nmq (Nambya), pt-MZ")
    language.add_argument("--name", required=True, help="the language's own name, e.g. chiTonga")
    language.add_argument("--english-name", default="", help="its name in English, e.g. Tonga (Zimbabwe)")
    language.set_defaults(func=cmd_language)
    args = parser.parse_args(argv)
    root = _root(args)
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: no mkdocs.yml here; run this from the repository's folder, or give --root <that folder>",
              file=sys.stderr)
        return 2
    for option in ("external_links", "json"):
        target = getattr(args, option, None)
        if target and Path(target).is_dir():
            print(f"--{option.replace('_', '-')} {target}: is a folder; give a file name, e.g. {target.rstrip('/')}/"
                  f"{'external-links.tsv' if option == 'external_links' else 'status.json'}", file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except ContentError as exc:
        print(exc.finding.format(), file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        from .source.encoding import encoding_findings
        from .source.site_config import load_site_config
        print(format_report(encoding_findings(load_site_config(root))), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
