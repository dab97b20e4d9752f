"""`make bench`: the performance figures the issues set targets for. Reports, never asserts.

  1. content checks: time for this repository, and for generated trees (linear growth?)
  2. handouts: cold render time per handout per core, cached build vs build without handouts,
     one edited module, PDF sizes; the workshop kit's render time per page and the trainer packs' sizes
  3. page weight: first visit and next page, compressed, per page and language, against a stock
     Material build of the same content
  4. search: first-search bytes of our per-language index against lunr (one language) and Pagefind
  5. Lighthouse mobile scores on Slow 4G and Regular 3G for module parts in every language
     (lighthouse and pagefind pinned in asm_academy/tools/npm/, installed with `npm ci` into .cache/npm)
  6. po: PO export and import of every translated page, per language
  7. review sheets: cold render per sheet per core, a fully cached pass, sizes
  8. zim: the ZIM files for Kiwix, size and write time per language, and what they add to a build
  9. screens: screenshots at 360 px of each language's home page and a module part (.cache/bench/screens/)

`weight` and `search` also measure issue 19's figures in Chromium at 360 x 740 (first visit of the
home and of a module part, the next part, the first search, the upload) against floors computed
from the built pages, for every language, and write them as one table, Markdown and JSON, to
.cache/bench/weight.md and weight.json.
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
OUTPUT = ROOT / ".cache" / "bench"
FIGURES: list[dict] = []     # issue 19's table: rows added by the weight and search parts, written once


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


def _build(root: Path, site: Path, site_url: str = "", **settings: object) -> float:
    """`mkdocs build`, with `settings` (e.g. handouts=False) set the way a partner would set them,
    and `site_url` as the SITE_URL environment variable mkdocs.yml reads, as the workflow sets it."""
    from ..settings import settings_config

    config = settings_config(root, settings, ".mkdocs.bench.yml") if settings else root / "mkdocs.yml"
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                                 "-d", str(site)], cwd=root, capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})})
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
        ours, stock_site = _build_ours_and_stock(Path(tmp), site_url="http://127.0.0.1:8000/")
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
        FIGURES.extend(_page_figures(ours))


def _npm_tool(name: str) -> Path | None:
    """A bench tool from npm, pinned in asm_academy/tools/npm/package.json and its package-lock.json,
    installed with `npm ci` into .cache/npm whenever the lock changes."""
    source, folder = Path(__file__).parent / "npm", ROOT / ".cache" / "npm"
    lock = (source / "package-lock.json").read_text(encoding="utf-8")
    installed = folder / "node_modules" / ".package-lock.json"
    if not installed.exists() or (folder / "package-lock.json").read_text(encoding="utf-8") != lock:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / "package.json", folder / "package.json")
        shutil.copy(source / "package-lock.json", folder / "package-lock.json")
        result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True)
        if result.returncode:
            print(f"npm ci in {folder} failed; {name} skipped: {result.stderr[-300:]}")
            return None
    binary = folder / "node_modules" / ".bin" / name
    return binary if binary.exists() else None


def bench_search() -> None:
    """First-search cost per language: our index, Material's lunr index cut to one language, Pagefind."""
    import gzip
    import json

    from ..web.page_weight import gz_size

    print("\n== Search: bytes for a reader's first search (gzip; budget 20 KB, issue 19) ==")
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock_site = _build_ours_and_stock(Path(tmp), handouts=False)
        lunr_all = json.loads((stock_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        worker = next((stock_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        pagefind = _npm_tool("pagefind")
        if pagefind:
            subprocess.run([str(pagefind), "--site", str(ours), "--output-subdir", "pagefind"], capture_output=True)
        print(f"Material's stock index, every language, fetched on every first visit: "
              f"{gz_size(stock_site / 'search' / 'search_index.json') / 1024:.1f} KB + worker {gz_size(worker) / 1024:.1f} KB")
        for lang, prefix in (("en", ""), ("sn", "sn/"), ("nd", "nd/")):
            mine = gz_size(ours / prefix / "search" / "index.json")
            docs = [d for d in lunr_all["docs"] if d["location"].startswith(prefix) and
                    (prefix or not d["location"].startswith(("sn/", "nd/")))]
            lunr = len(gzip.compress(json.dumps({**lunr_all, "docs": docs}).encode(), mtime=0)) + gz_size(worker)
            line = f"{lang}: ours, first tier {mine / 1024:.1f} KB (the whole first search is in the table below) | lunr, this language only " \
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
        FIGURES.extend(_search_figures(ours))


def _languages() -> list[tuple[str, str]]:
    from ..source.site_config import load_site_config
    return [(l.code, "" if l.default else f"{l.code}/") for l in load_site_config(ROOT).languages]


def _module_parts() -> tuple[str, str]:
    """The first and second part of the first module served in parts, site-relative."""
    from ..source.doctree import load_tree
    from ..source.site_config import load_site_config
    from ..source.structure import module_pages
    from ..translation.page_context import page_url
    from ..web.short_pages import plan_parts

    tree = load_tree(load_site_config(ROOT))
    modules = module_pages(tree)
    cuts = plan_parts(tree, modules)[0]
    module = next((m for m in modules if len(cuts.get(m, ())) > 1), modules[0])
    first = page_url(module).lstrip("./")
    return first, first.rstrip("/") + "-2/"


def _row(figure: str, lang: str, measured: int, floor: int, floor_is: str, note: str = "") -> dict:
    return {"figure": figure, "lang": lang, "bytes": measured, "floor": floor, "floor_is": floor_is,
            "ratio": round(measured / floor, 2) if floor else None, "note": note}


def _phone_browser():
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        raise SystemExit("make bench: Chromium is needed for the transfer figures (apt-get install chromium)")
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=chromium, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
    return manager, browser


def _page_figures(site: Path) -> list[dict]:
    """First visit of the home and of a module part, the next part, and the upload, in Chromium."""
    from ..tools.local_server import serve
    from ..tools.transfer import Phone
    from ..web.page_floor import floor_css, page_floor
    from ..web.site_files import site_files

    css = floor_css(min((site / "assets" / "stylesheets").glob("*.css")).read_text(encoding="utf-8"))   # the one cut stylesheet
    first_part, next_part = _module_parts()
    rows = []
    server, address = serve(site)
    manager, browser = _phone_browser()
    try:
        for lang, prefix in _languages():
            floor = page_floor(site / prefix / "index.html", css)
            phone = Phone(browser)
            home = phone.visit(address + prefix)
            phone.close()
            rows.append(_row("first visit, home", lang, home.bytes, floor.own_html, "the page's own HTML",
                             f"minimal page {floor.minimal}; {home.requests} requests, {len(home.other_hosts)} to other hosts"))
            rows.append(_row("first visit, home (minimal page)", lang, home.bytes, floor.minimal,
                             "main content in a bare page with 2 KB of CSS"))
            phone = Phone(browser)
            part = phone.visit(address + prefix + first_part)
            after = phone.visit(address + prefix + next_part)
            phone.close()
            part_floor = page_floor(site / prefix / first_part / "index.html", css)
            next_floor = page_floor(site / prefix / next_part / "index.html", css)
            rows.append(_row(f"first visit, module part ({first_part})", lang, part.bytes, part_floor.minimal,
                             "main content in a bare page with 2 KB of CSS", f"{len(part.other_hosts)} to other hosts"))
            rows.append(_row(f"next part ({next_part})", lang, after.bytes, next_floor.minimal_cached_css,
                             "minimal page, CSS cached"))
    finally:
        browser.close()
        manager.stop()
        server.shutdown()
    files = [p for p in site.rglob("*") if p.is_file()]
    unused = site_files(site).unused
    rows.append(_row("upload to Pages", "all", sum(p.stat().st_size for p in files), 0, "",
                     f"{len(files)} files; unused: {len(unused)} files, {sum(p.stat().st_size for p in unused)} bytes"))
    return rows


def _search_figures(site: Path) -> list[dict]:
    """The first search of a reader who opened the home page: "lithium", and a glossary term of the language."""
    from ..content.termbase import load_termbase
    from ..tools.local_server import serve
    from ..tools.transfer import Phone
    from ..web.page_floor import search_floor

    languages = _languages()
    terms, _ = load_termbase(ROOT, [l for l, _ in languages], languages[0][0])
    rows = []
    server, address = serve(site)
    manager, browser = _phone_browser()
    try:
        for lang, prefix in languages:
            own = next((t.forms[lang].term for t in terms if lang in t.forms and t.forms[lang].status != "source"
                        and " " not in t.forms[lang].term and len(t.forms[lang].term) > 4), None)
            floor = search_floor(site / prefix / "search" / "index.json")
            for word in dict.fromkeys(["lithium", *([own] if own else [])]):
                phone = Phone(browser)
                phone.visit(address + prefix)
                found = phone.visit(f"{address}{prefix}search/?q={word}", "#asm-search-status:not(:empty)")
                phone.close()
                rows.append(_row(f'first search ("{word}")', lang, found.bytes, floor, "titles and headings only",
                                 f"{found.requests} requests"))
    finally:
        browser.close()
        manager.stop()
        server.shutdown()
    return rows


def write_figures(rows: list[dict], folder: Path = OUTPUT) -> Path:
    """Issue 19's table, Markdown and JSON side by side (KB = 1,000 bytes)."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    lines = ["| figure | language | now (KB) | floor (KB) | floor is | ratio | note |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        floor = f"{r['floor'] / 1000:.1f}" if r["floor"] else ""
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else ""
        lines.append(f"| {r['figure']} | {r['lang']} | {r['bytes'] / 1000:.1f} | {floor} | {r['floor_is']} | {ratio} | {r['note']} |")
    (folder / "weight.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "weight.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    print("\n== Issue 19's figures (gzip, Chromium 360 x 740, cache on) ==\n" + "\n".join(lines))
    print(f"written: {folder / 'weight.md'} and weight.json")
    return folder / "weight.md"


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
    from ..web.offline import PARTS, transfer_size

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

            def size(url: str) -> int:
                path = (Path(tmp) / "b" / prefix / url).resolve()
                return transfer_size(path / "index.html" if url.endswith("/") else path)

            def differ(key: str) -> set[str]:
                old = dict(zip(before["urls"], before[key]))
                return {u for u, h in zip(after["urls"], after[key]) if old.get(u) != h}
            fetched_urls, really = differ("hashes"), differ("digests")     # the list's versions; the bytes
            for chosen in (PARTS[:1], PARTS):
                urls = [u for u, part in zip(after["urls"], after["parts"]) if part in chosen]
                fetched = sum(size(u) for u in urls if u in fetched_urls)
                changed = sum(size(u) for u in urls if u in really)
                whole = sum(after["bytes"][part] for part in chosen)
                print(f"{lang.code} saver of {' + '.join(chosen)}: downloads {len(fetched_urls & set(urls))} of {len(urls)} "
                      f"files, {fetched / 1000:.1f} KB of {whole / 1e6:.2f} MB saved; really changed "
                      f"{len(really & set(urls))} files, {changed / 1000:.1f} KB: {fetched / max(changed, 1):.2f}x "
                      f"(goal <= 1.2x)")
            for url in sorted(fetched_urls)[:8]:
                print(f"    {url}")


def bench_lighthouse() -> None:
    """Lighthouse (npm, pinned in tools/npm) with Debian's Chromium, mobile, against the site served
    with gzip on loopback: the first two parts of a module in every language, Slow 4G and 3G-like."""
    import json

    from ..tools.local_server import serve

    print("\n== Lighthouse, mobile (targets: performance 1.00 on Slow 4G, 0.98 on Regular 3G; accessibility 1.00) ==")
    binary = _npm_tool("lighthouse")
    if binary is None:
        return
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        print("no Chromium found; skipped")
        return
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build(ROOT, site, site_url="http://127.0.0.1:8000/")
        server, address = serve(site)
        try:
            first_part, next_part = _module_parts()
            paths = [prefix + part for _, prefix in _languages() for part in (first_part, next_part)]
            for path in paths:
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
                    print(f"{path:<34} {profile:<11} performance {scores['performance']:.2f}  accessibility "
                          f"{scores['accessibility']:.2f}  best practices {scores['best-practices']:.2f}  "
                          f"LCP {lcp}  TBT {tbt}")
                    rows.append({"page": path, "profile": profile, **scores, "lcp": lcp, "tbt": tbt,
                                 "fcp": report["audits"]["first-contentful-paint"]["displayValue"]})
                    out.unlink()
        finally:
            server.shutdown()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "lighthouse.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"written: {OUTPUT / 'lighthouse.json'}")


def bench_po() -> None:
    """PO export and import per language: the time a translator waits, and how many entries are blocks."""
    from ..source.site_config import load_site_config
    from ..translation.po_files import export_language, import_folder

    print("\n== PO files (po export / po import) ==")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("docs", "data"):
            shutil.copytree(ROOT / folder, root / folder)
        for lang in load_site_config(root).translations:
            out = root / f"po-{lang.code}"
            exported = export_language(root, lang.code, out)
            export_s = _timed(lambda lang=lang, out=out: export_language(root, lang.code, out))
            import_s = _timed(lambda out=out: import_folder(root, out))
            sections = sum(p.aligned + p.whole for p in exported.pages)
            print(f"{lang.code}: {len(exported.pages)} pages, {sum(p.entries for p in exported.pages)} entries; "
                  f"{sum(p.aligned for p in exported.pages)} of {sections} sections block by block; "
                  f"export {export_s:.2f} s, import of unchanged files {import_s:.2f} s")


def bench_review_sheets() -> None:
    """Review sheets of every translated page: cold render, a fully cached pass, sizes."""
    from ..printing.review_sheets import export_sheets
    from ..settings import Settings
    from ..site_data import load_site_data

    print("\n== Review sheets ==")
    data = load_site_data(ROOT, Settings(root=ROOT))
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        exports = [export_sheets(data.tree, data.statuses, data.terms, data.ui, l.code, "https://example.org/",
                                 Path(tmp), workers) for l in data.site.translations]
        cold = time.perf_counter() - start
        rendered = sum(e.rendered for e in exports)
        print(f"cold: {rendered} sheets in {cold:.1f} s on {workers} cores "
              f"({cold * workers / max(rendered, 1):.2f} s per sheet per core)")
        cached = _timed(lambda: [export_sheets(data.tree, data.statuses, data.terms, data.ui, l.code,
                                               "https://example.org/", Path(tmp), workers)
                                 for l in data.site.translations])
        print(f"every sheet cached: {cached:.2f} s for all languages (planning only, nothing rendered)")
        sizes = {name: path.stat().st_size for e in exports for name, path in e.paths.items()}
        if sizes:
            big = max(sizes, key=sizes.get)
            print(f"largest sheet {big}: {sizes[big] // 1024} KB; all sheets {sum(sizes.values()) // 1024} KB")


def bench_zim() -> None:
    """ZIM files for Kiwix: size and write time per language, and what `zim: true` adds to a build."""
    import json

    from ..content.ui_strings import load_ui
    from ..settings import settings_from_file
    from ..source.site_config import load_site_config
    from .zim_export import export_language, zimcheck_errors

    print("\n== ZIM files for Kiwix (make zim) ==")
    config = load_site_config(ROOT)
    settings = settings_from_file(ROOT)
    ui = load_ui(ROOT, config.default.code, config.names)
    with tempfile.TemporaryDirectory() as tmp:
        plain, with_zim = _build(ROOT, Path(tmp) / "plain"), _build(ROOT, Path(tmp) / "zim", zim=True)
        print(f"whole build: {plain:.1f} s without ZIM files, {with_zim:.1f} s with them (+{with_zim - plain:.1f} s)")
        site = Path(tmp) / "plain"
        for lang in config.languages:
            prefix = "" if lang.default else f"{lang.code}/"
            others = [f"{l.code}/" for l in config.languages if l.code != lang.code and not l.default]
            description = json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))["description"]
            start = time.perf_counter()
            zim = export_language(site, lang.code, prefix, others, site_name=config.site_name,
                                  language_name=lang.name, description=description, ui=ui, settings=settings,
                                  site_url=config.site_url, favicon=site / "assets" / "favicon.svg")
            total = time.perf_counter() - start
            start = time.perf_counter()
            problems = zimcheck_errors(zim.path)
            check = time.perf_counter() - start
            print(f"{lang.code}: {zim.path.name} {zim.bytes / 1e6:.2f} MB, {zim.files} files; staging and writing "
                  f"{total:.1f} s (zimwriterfs {zim.seconds:.1f} s); zimcheck {check:.1f} s, "
                  + ("no errors" if not problems else f"{len(problems)} lines of errors"))


def bench_screens() -> None:
    """Screenshots at 360 px (first screen and whole page) of each language's home page and of a module
    part, into .cache/bench/screens/, so a change to the first screen can be seen side by side."""
    from ..source.doctree import load_tree
    from ..source.site_config import load_site_config
    from ..source.structure import module_pages
    from ..tools.local_server import serve
    from ..translation.page_context import page_url

    print("\n== Screens at 360 x 740 (home and a module part, every language) ==")
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        print("no Chromium found; skipped")
        return
    from playwright.sync_api import sync_playwright

    config = load_site_config(ROOT)
    modules = module_pages(load_tree(config))
    out = ROOT / ".cache" / "bench" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build(ROOT, site)
        server, address = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                            is_mobile=True, has_touch=True).new_page()
                for language in config.languages:
                    prefix = "" if language.code == config.default.code else f"{language.code}/"
                    module = prefix + page_url(modules[0]).lstrip("./") if modules else None
                    part = module and (module.rstrip("/") + "-2/" if (site / (module.rstrip("/") + "-2")).is_dir()
                                       else module)
                    for name, path in (("home", prefix), ("part", part)):
                        if path is None:
                            continue
                        phone.goto(address + path, wait_until="networkidle")
                        for whole in (False, True):
                            target = out / f"{language.code}-{name}{'-page' if whole else ''}.png"
                            phone.screenshot(path=str(target), full_page=whole)
                        print(f"{language.code:<4} {name:<5} {path:<36} -> {target.parent.relative_to(ROOT)}/"
                              f"{language.code}-{name}.png (and -page.png)")
                browser.close()
        finally:
            server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("parts", nargs="*", default=["checks", "handouts", "weight", "search", "offline", "lighthouse",
                                                     "po", "review_sheets", "zim", "screens"])
    args = parser.parse_args(argv)
    parts = {"checks": bench_checks, "handouts": bench_handouts, "weight": bench_weight, "search": bench_search,
             "offline": bench_offline, "lighthouse": bench_lighthouse, "po": bench_po,
             "review_sheets": bench_review_sheets, "zim": bench_zim,
             "screens": bench_screens}
    unknown = [p for p in args.parts if p not in parts]
    if unknown:
        print(f"make bench: no part called {', '.join(unknown)}; the parts are {', '.join(parts)}", file=sys.stderr)
        return 2
    for part in args.parts:
        parts[part]()
    if FIGURES:
        write_figures(FIGURES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
