"""`make bench`: the performance figures the issues set targets for. Reports, never asserts.

  1. content checks: time for this repository, and for generated trees (linear growth?)
  2. handouts: cold render time per handout per core, cached build vs build without handouts,
     one edited module, PDF sizes; the workshop kit's render time per page and the trainer packs' sizes
  3. page weight: first visit and next page, compressed, per page and language, against a stock
     Material build of the same content
  4. search: first-search bytes of our per-language index against lunr (one language) and Pagefind
  5. Lighthouse mobile scores on Slow 4G and Regular 3G (installs lighthouse 12.2.3 from npm once)
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUDGET_FIRST, BUDGET_NEXT = 80 * 1024, 10 * 1024


def _timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate_tree(root: Path, languages: int, pages: int) -> Path:
    """A synthetic site: `pages` English pages and a full translation into each extra language."""
    codes = ["en"] + [f"{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(1, languages)]
    lines = ["site_name: Bench", "docs_dir: docs", "plugins:", "  - i18n:", "      docs_structure: folder",
             "      languages:"]
    for code in codes:
        lines += [f"        - locale: {code}", f"          name: L{code}"] + (["          default: true"] if code == "en" else [])
    lines += ["nav:"] + [f"  - p{i:03d}.md" for i in range(pages)]
    (root / "mkdocs.yml").write_text("\n".join(lines) + "\n")
    (root / "data").mkdir()
    (root / "data" / "termbase.yml").write_text("terms:\n  - id: pit\n    en: {term: pit, definition: A hole.}\n")
    (root / "overrides" / "partials" / "languages").mkdir(parents=True)
    from ..translation.freshness import source_hash
    for code in codes:
        if code != "en":
            (root / "overrides" / "partials" / "languages" / f"{code}.html").write_text("{}")
        for i in range(pages):
            body = "\n\n".join(
                f"## Section {j} {{#s{j}}}\n\nText of section {j} with a [link](p{(i + j + 1) % pages:03d}.md#s{j}) "
                f"and words about pits and walls and safety, repeated for weight. " * 3 for j in range(8))
            english = f"---\ntitle: Page {i}\n---\n\n{body}\n"
            folder = root / "docs" / ("" if code == "en" else code)
            folder.mkdir(parents=True, exist_ok=True)
            text = english if code == "en" else english.replace(
                "---\n", f"---\ntranslation:\n  source_hash: {source_hash(english)}\n  status: draft\n"
                         f"  translated_by: [Bench]\n", 1)
            (folder / f"p{i:03d}.md").write_text(text)
    return root


def bench_checks() -> None:
    from ..checks.tree_checks import check_tree

    print("\n== Content checks (make check) ==")
    repo = _timed(lambda: check_tree(ROOT))
    pages = check_tree(ROOT).pages_checked
    print(f"this repository: {pages} pages in {repo:.3f} s (goal: under 2 s)")
    rows = []
    for languages, count in ((2, 50), (5, 100), (10, 100)):
        with tempfile.TemporaryDirectory() as tmp:
            root = generate_tree(Path(tmp), languages, count)
            result = check_tree(root)
            seconds = _timed(lambda root=root: check_tree(root), repeat=1)
            errors = sum(1 for f in result.findings if f.severity == "error")
            rows.append((languages, count, result.pages_checked, seconds, errors))
    base_rate = rows[0][3] / rows[0][2]
    for languages, count, total, seconds, errors in rows:
        rate = seconds / total
        print(f"generated {languages:>2} languages x {count} pages = {total:>4} pages: {seconds:.2f} s, "
              f"{rate * 1000:.2f} ms/page, {rate / base_rate:.2f}x the smallest tree's rate, {errors} errors")


def _build(root: Path, site: Path, **settings: object) -> float:
    """`mkdocs build`, with `settings` (e.g. handouts=False) set the way a partner would set them."""
    from ..settings import settings_config

    config = settings_config(root, settings, ".mkdocs.bench.yml") if settings else root / "mkdocs.yml"
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                                 "-d", str(site)], cwd=root, capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        if settings:
            config.unlink()
    if result.returncode:
        print(result.stdout, result.stderr)
        raise SystemExit("build failed")
    return time.perf_counter() - start


def bench_handouts() -> None:
    from ..source.doctree import load_tree
    from ..printing.handouts import export_language, plan, render_jobs
    from ..printing.print_html import stylesheet_path
    from ..source.site_config import load_site_config
    from ..content.ui_strings import load_ui

    print("\n== Handouts ==")
    config = load_site_config(ROOT)
    tree, ui = load_tree(config), load_ui(ROOT)
    languages = [l.code for l in config.languages]
    workers = os.cpu_count() or 1
    jobs = [j for lang in languages for j in plan(config, tree, ui, lang, "https://example.org/")[0]]
    for kind, label, budget, runs in (("handout", "handouts", 0.3, 5), ("full", "full-module prints", None, 1)):
        chosen = [j for j in jobs if j.kind == kind]
        pers = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                # cold: empty cache, fresh worker processes (their start-up and imports count)
                start = time.perf_counter()
                _, rendered, used = render_jobs(chosen, Path(tmp), stylesheet_path(ROOT), workers)
                pers.append((time.perf_counter() - start) * used / rendered)
        per = statistics.median(pers)
        verdict = f"budget {budget} s, ratio {per / budget:.2f}" if budget else "no budget"
        spread = f" (median of {runs} runs, {min(pers):.2f}-{max(pers):.2f})" if runs > 1 else ""
        print(f"cold: {rendered} {label} on {used} cores = {per:.2f} s per PDF per core{spread} ({verdict})")
    handout_jobs = [j for j in jobs if j.kind == "handout"]
    from ..printing.pdf_render import render_pdf
    css = str(stylesheet_path(ROOT))
    render_pdf(handout_jobs[0].html, css)   # warm up imports and fonts in this process
    per = _timed(lambda: [render_pdf(j.html, css) for j in handout_jobs], repeat=1) / len(handout_jobs)
    print(f"one handout on one core, warm process: {per:.2f} s (budget 0.3 s, ratio {per / 0.3:.2f})")
    with tempfile.TemporaryDirectory() as tmp:
        exports = [export_language(ROOT, lang, "https://example.org/", Path(tmp), workers) for lang in languages]
        sizes = [f for e in exports for f in e.files]
        big_h = max((f for f in sizes if f.kind == "handout"), key=lambda f: f.size)
        big_f = max((f for f in sizes if f.kind == "full"), key=lambda f: f.size)
        print(f"largest handout {big_h.name}: {big_h.size // 1024} KB (budget 150 KB); "
              f"largest full module {big_f.name}: {big_f.size // 1024} KB (budget 300 KB)")
        pages = max(f.pages for f in sizes if f.kind == "handout")
        print(f"longest handout: {pages} pages (limit 2)")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build(ROOT, site)                                   # fills .cache/handouts
        cached = statistics.median(_build(ROOT, site) for _ in range(2))
        off = statistics.median(_build(ROOT, site, handouts=False) for _ in range(2))
        print(f"make site, every PDF cached: {cached:.1f} s; with handouts off: {off:.1f} s; "
              f"ratio {cached / off:.2f} (budget 1.1)")
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site"))
        for lang in languages:          # the copy's cache is warm: every PDF is up to date
            export_language(copy, lang, "http://127.0.0.1:8000/", copy / ".cache" / "handouts")
        module = copy / "docs" / "modules" / "safety.md"
        module.write_text(module.read_text(encoding="utf-8").replace(
            "## Key points {#key-points}\n", "## Key points {#key-points}\n\n- Edited for the benchmark.\n", 1))
        exports = [export_language(copy, lang, "http://127.0.0.1:8000/", copy / ".cache" / "handouts")
                   for lang in languages]
        from ..printing.trainer_pack import OWN_RENDERS
        print(f"after editing modules/safety.md: {sum(e.rendered for e in exports)} PDFs re-rendered "
              f"(expected {2 + OWN_RENDERS}: the English handout and full module, and the English trainer pack's "
              "cover and page numbers)")
    bench_workshop_kit()


HANDOUT_BUDGET = 0.3        # s per handout of at most two pages, per core (the handouts' budget above)
PACK_BUDGET = 3 * 1024 * 1024    # a trainer pack must go over WhatsApp


def bench_workshop_kit() -> None:
    """Each kit part's render time per page against the handouts' budget per page, and each
    language's trainer pack against 3 MB. Warm process, one core, as for the warm handout figure."""
    from ..content.ui_strings import load_ui
    from ..printing.handouts import HANDOUT_MAX_PAGES, export_language, plan
    from ..printing.pdf_render import render_pdf
    from ..printing.print_html import stylesheet_path
    from ..printing.workshop_kit import PACK_ORDER, kit_for
    from ..settings import settings_from_file
    from ..source.doctree import load_tree
    from ..source.site_config import load_site_config

    print("\n== Workshop kit and trainer packs ==")
    config = load_site_config(ROOT)
    tree, ui = load_tree(config), load_ui(ROOT)
    workshop = settings_from_file(ROOT).workshop
    per_page_budget = HANDOUT_BUDGET / HANDOUT_MAX_PAGES
    css = str(stylesheet_path(ROOT))
    seconds: dict[str, float] = {}
    pages: dict[str, int] = {}
    handouts = [j for j in plan(config, tree, ui, config.default.code, "https://example.org/")[0]
                if j.kind == "handout"]
    render_pdf(handouts[0].html, css)           # warm up imports and fonts in this process
    for lang in (l.code for l in config.languages):
        _, jobs, problems = kit_for(config, tree, ui, lang, "https://example.org/", workshop)
        if problems or not jobs:
            print(f"{lang}: no kit ({len(problems)} problems)")
        for job in jobs + (handouts if lang == config.default.code else []):
            # the median of three: the machine is shared, and one slow render says little
            seconds[job.kind] = seconds.get(job.kind, 0.0) + _timed(lambda: render_pdf(job.html, css))
            pages[job.kind] = pages.get(job.kind, 0) + render_pdf(job.html, css)[1]
    for kind in (k for k in PACK_ORDER if k in seconds):
        per = seconds[kind] / pages[kind]
        print(f"{kind}: {pages[kind]} pages, {per:.3f} s per page (budget {per_page_budget:.2f} s per page: "
              f"{HANDOUT_BUDGET} s per handout of {HANDOUT_MAX_PAGES}; ratio {per / per_page_budget:.2f})")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in (l.code for l in config.languages):
            export = export_language(ROOT, lang, "https://example.org/", Path(tmp), workshop=workshop, site=config,
                                     tree=tree, ui=ui)
            pack = next((f for f in export.files if f.kind == "pack"), None)
            if pack is None:
                print(f"{lang}: no trainer pack")
                continue
            start = time.perf_counter()
            export_language(ROOT, lang, "https://example.org/", Path(tmp), workshop=workshop, site=config, tree=tree,
                            ui=ui)
            again = time.perf_counter() - start
            print(f"{lang} trainer pack: {pack.pages} pages, {pack.size / 1024 / 1024:.2f} MB (budget 3 MB, ratio "
                  f"{pack.size / PACK_BUDGET:.2f}); unchanged, it is taken from the cache in {again:.2f} s")


def _stock_config(root: Path) -> None:
    """The same content with stock Material: Google Fonts, built-in search, no hooks or overrides."""
    from ..source.site_config import load_site_config

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    head, rest = text.split("\nplugins:", 1)
    plugins, tail = rest.split("\nnav:", 1)
    nav = "nav:" + tail.split("\nhooks:", 1)[0].replace("      - search.md\n", "")
    for page in (root / "docs").rglob("search.md"):      # our search page needs our template
        page.unlink()
    markdown = "markdown_extensions:" + text.split("\nmarkdown_extensions:", 1)[1].split("\nextra_css:", 1)[0]
    languages = plugins.split("languages:", 1)[1]
    (root / "mkdocs.yml").write_text(
        f"site_name: {load_site_config(root).site_name}\nsite_url: http://127.0.0.1:8000/\ndocs_dir: docs\n"
        "theme:\n  name: material\n  language: en\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      reconfigure_material: false\n"
        "      languages:" + languages + "\n" + nav + "\n" + markdown + "\n", encoding="utf-8")


def _build_ours_and_stock(tmp: Path, **settings: object) -> tuple[Path, Path]:
    """This site, and the same docs built with stock Material, side by side."""
    ours, stock_site, stock = tmp / "ours", tmp / "stock", tmp / "stock-repo"
    _build(ROOT, ours, **settings)
    shutil.copytree(ROOT / "docs", stock / "docs")
    shutil.copy(ROOT / "mkdocs.yml", stock / "mkdocs.yml")
    _stock_config(stock)
    _build(stock, stock_site)
    return ours, stock_site


def bench_weight() -> None:
    from ..web.page_weight import next_page_bytes, page_weight

    print("\n== Page weight (gzip), first visit / next page ==")
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock_site = _build_ours_and_stock(Path(tmp), SITE_URL="http://127.0.0.1:8000/")
        rows = []
        for page in sorted(ours.rglob("index.html")):
            rel = page.relative_to(ours)
            other = stock_site / rel
            if not other.exists():      # a part of a cut module: stock Material serves the whole module
                other = stock_site / rel.parent.parent / re.sub(r"-\d+$", "", rel.parent.name) / "index.html"
                if not other.exists():
                    continue
            mine, theirs = page_weight(ours, page), page_weight(stock_site, other)
            home = ours / rel.parts[0] / "index.html" if rel.parts[0] in ("sn", "nd") else ours / "index.html"
            stock_home = stock_site / home.relative_to(ours)
            nxt = next_page_bytes(page_weight(ours, home), mine)
            stock_nxt = next_page_bytes(page_weight(stock_site, stock_home), theirs)
            rows.append((rel.parent.as_posix() or ".", mine.total, nxt, theirs.total, stock_nxt,
                         len(mine.third_party), len(theirs.third_party)))
        print(f"{'page':<34} {'first':>8} {'next':>7} | {'stock first':>11} {'next':>7} | ratio first  3rd-party ours/stock")
        for name, first, nxt, s_first, s_nxt, tp, s_tp in rows:
            flag = "" if first <= BUDGET_FIRST and nxt <= BUDGET_NEXT else "  over budget"
            print(f"{name:<34} {first / 1024:7.1f}K {nxt / 1024:6.1f}K | {s_first / 1024:10.1f}K {s_nxt / 1024:6.1f}K | "
                  f"{first / s_first:5.2f}        {tp}/{s_tp}{flag}")
        firsts = [r[1] for r in rows]
        modules = [r for r in rows if "/modules/" in f"/{r[0]}/" and not r[0].endswith("modules")]
        print(f"module pages and parts: {len(modules)}, largest first visit {max(r[1] for r in modules) / 1024:.1f} KB "
              f"(budget 80), largest next page {max(r[2] for r in modules) / 1024:.1f} KB (budget 10); "
              f"pages over a budget: {sum(1 for r in rows if r[1] > BUDGET_FIRST or r[2] > BUDGET_NEXT)} of {len(rows)}")
        print(f"median first visit {statistics.median(firsts) / 1024:.1f} KB (budget 80), "
              f"stock {statistics.median(r[3] for r in rows) / 1024:.1f} KB plus its Google Fonts "
              f"(about 66 KB from two other hosts, not measurable offline)")


def _npm_tool(name: str, package: str) -> Path | None:
    """A pinned npm tool under .cache/, installed from the registry on first use."""
    folder = ROOT / ".cache" / name
    binary = folder / "node_modules" / ".bin" / name
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", "--prefix", str(folder), package],
                                capture_output=True, text=True)
        if result.returncode or not binary.exists():
            print(f"{package} could not be installed from the npm registry; skipped: {result.stderr[-300:]}")
            return None
    return binary


def bench_search() -> None:
    """First-search cost per language: our index, Material's lunr index cut to one language, Pagefind."""
    import gzip
    import json

    from ..web.page_weight import gz_size

    print("\n== Search: bytes for a reader's first search (gzip; budget 100 KB) ==")
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock_site = _build_ours_and_stock(Path(tmp), handouts=False)
        lunr_all = json.loads((stock_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        worker = next((stock_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        pagefind = _npm_tool("pagefind", "pagefind@1.3.0")
        if pagefind:
            subprocess.run([str(pagefind), "--site", str(ours), "--output-subdir", "pagefind"], capture_output=True)
        print(f"Material's stock index, every language, fetched on every first visit: "
              f"{gz_size(stock_site / 'search' / 'search_index.json') / 1024:.1f} KB + worker {gz_size(worker) / 1024:.1f} KB")
        for lang, prefix in (("en", ""), ("sn", "sn/"), ("nd", "nd/")):
            mine = gz_size(ours / prefix / "search" / "index.json")
            docs = [d for d in lunr_all["docs"] if d["location"].startswith(prefix) and
                    (prefix or not d["location"].startswith(("sn/", "nd/")))]
            lunr = len(gzip.compress(json.dumps({**lunr_all, "docs": docs}).encode(), mtime=0)) + gz_size(worker)
            line = f"{lang}: ours {mine / 1024:.1f} KB (whole language, on first search) | lunr, this language only " \
                   f"{lunr / 1024:.1f} KB"
            folder = ours / "pagefind"
            if pagefind and folder.exists():
                fragments = sorted(folder.glob(f"fragment/{lang}_*.pf_fragment"))
                chunks = sorted(folder.glob(f"index/{lang}_*.pf_index"))
                wasm = max(folder.glob("wasm.*.pagefind"), key=lambda p: p.stat().st_size)
                first = (gz_size(folder / "pagefind.js") + wasm.stat().st_size
                         + sum(p.stat().st_size for p in folder.glob(f"pagefind.{lang}_*.pf_meta"))
                         + (chunks[0].stat().st_size if chunks else 0)
                         + sum(p.stat().st_size for p in fragments[:5]))
                line += f" | Pagefind 1.3.0 (script, wasm, meta, one index chunk, 5 result fragments) {first / 1024:.1f} KB"
            print(line)


PROFILES = {  # Lighthouse's simulated mobile networks
    "Slow 4G": [],
    "Regular 3G": ["--throttling.rttMs=300", "--throttling.throughputKbps=700", "--throttling.cpuSlowdownMultiplier=4"],
}


def bench_offline() -> None:
    """What a reader who saved a language downloads after a one-sentence English edit."""
    import json
    import re as _re

    from ..source.site_config import load_site_config
    from ..source.structure import module_pages
    from ..source.doctree import load_tree

    print("\n== Offline update after a one-sentence English edit (what a saver downloads) ==")
    config = load_site_config(ROOT)
    module = module_pages(load_tree(config))[0]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site"))
        _build(copy, Path(tmp) / "a")
        source = copy / "docs" / module
        source.write_text(_re.sub(r"(?m)^(## .*\n\n)", r"\1One new English sentence.\n\n",
                                  source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        _build(copy, Path(tmp) / "b")
        print(f"edited: docs/{module}")
        for lang in config.languages:
            prefix = "" if lang.default else f"{lang.code}/"
            before, after = (json.loads((Path(tmp) / s / prefix / "offline.json").read_text()) for s in ("a", "b"))
            old = dict(zip(before["urls"], before["hashes"]))
            changed = [u for u, h in zip(after["urls"], after["hashes"]) if old.get(u) != h]

            def size(url: str) -> int:
                path = (Path(tmp) / "b" / prefix / url).resolve()
                return (path / "index.html" if url.endswith("/") else path).stat().st_size
            fetched = sum(size(u) for u in changed)
            whole = after["bytes"]
            print(f"{lang.code}: {len(changed)} of {len(after['urls'])} files changed, {fetched / 1000:.1f} KB downloaded "
                  f"of {whole / 1e6:.2f} MB saved ({fetched / whole:.1%}); before this change the worker fetched "
                  f"the whole list again ({whole / max(fetched, 1):.0f}x as much)")
            for url in changed[:8]:
                print(f"    {url}")


def bench_lighthouse() -> None:
    """Lighthouse 12.2.3 (npm) with Debian's Chromium, against the site served with gzip on loopback."""
    import json

    from ..tools.local_server import serve

    print("\n== Lighthouse, mobile (targets: performance 0.95, accessibility 1.0, best practices 1.0) ==")
    binary = _npm_tool("lighthouse", "lighthouse@12.2.3")
    if binary is None:
        return
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        print("no Chromium found; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build(ROOT, site, SITE_URL="http://127.0.0.1:8000/")
        server, address = serve(site)
        try:
            for path in ("modules/safety/", "sn/modules/safety/", "sn/modules/safety-3/", "nd/", "sn/search/"):
                for profile, flags in PROFILES.items():
                    out = Path(tmp) / "report.json"
                    subprocess.run([str(binary), address + path, f"--chrome-path={chromium}",
                                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                                    "--disable-background-networking --disable-component-update --disable-sync",
                                    "--only-categories=performance,accessibility,best-practices",
                                    "--output=json", f"--output-path={out}", "--quiet", *flags],
                                   capture_output=True, text=True, timeout=300)
                    if not out.exists():
                        print(f"{path:<24} {profile:<11} lighthouse failed")
                        continue
                    report = json.loads(out.read_text())
                    scores = {k: v["score"] for k, v in report["categories"].items()}
                    lcp = report["audits"]["largest-contentful-paint"]["displayValue"]
                    tbt = report["audits"]["total-blocking-time"]["displayValue"]
                    print(f"{path:<24} {profile:<11} performance {scores['performance']:.2f}  accessibility "
                          f"{scores['accessibility']:.2f}  best practices {scores['best-practices']:.2f}  "
                          f"LCP {lcp}  TBT {tbt}")
                    out.unlink()
        finally:
            server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("parts", nargs="*", default=["checks", "handouts", "weight", "search", "offline", "lighthouse"])
    args = parser.parse_args(argv)
    parts = {"checks": bench_checks, "handouts": bench_handouts, "weight": bench_weight, "search": bench_search,
             "offline": bench_offline, "lighthouse": bench_lighthouse}
    unknown = [p for p in args.parts if p not in parts]
    if unknown:
        print(f"make bench: no part called {', '.join(unknown)}; the parts are {', '.join(parts)}", file=sys.stderr)
        return 2
    for part in args.parts:
        parts[part]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
