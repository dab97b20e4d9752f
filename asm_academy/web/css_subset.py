"""The theme's stylesheet cut down to the rules the built site can use, at build time.

Material's stylesheet is most of a first visit's weight, and most of it styles things this site never
shows (code blocks, tabs, its search box, dark mode). The build keeps a rule when one of its selectors
matches an element of some built page, with the states a reader can cause counted as present: pointer
and focus states, ticked toggles, targets, and the classes and attributes our scripts set (read from the
scripts, so a new `classList.add` needs no edit here). Rules inside @media (print, widths) and @supports
are kept by the same test; @keyframes and @font-face when a kept rule names them; custom properties
when a kept declaration, the site's own stylesheets or a page's style attribute reads them.
Anything the matcher cannot judge is kept.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cssselect2
import tinycss2
import tinyhtml5
from tinycss2 import ast

from ..checks.site_links import site_path

# pseudo-classes decided by the document alone; every other one (hover, focus, checked, target, ...)
# is a state a reader or a script can bring about, so it counts as true
_STRUCTURAL = {"first-child", "last-child", "only-child", "nth-child", "nth-last-child", "first-of-type",
               "last-of-type", "only-of-type", "nth-of-type", "nth-last-of-type", "empty", "root", "not", "is",
               "where", "has", "lang"}
_LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter", "marker", "selection", "placeholder"}
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")


@dataclass(frozen=True)
class DynamicState:
    """What scripts may add to a page after it loads: class names and attribute names."""
    classes: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()


_JS_CLASS = re.compile(r"""(?:className\s*=\s*|classList\.(?:add|toggle)\(\s*)["']([\w\s-]+)["']""")
_JS_ATTRIBUTE = re.compile(r"""setAttribute\(\s*["']([\w-]+)["']|\.(hidden|disabled|checked|open)\s*=""")


def dynamic_state_of_scripts(scripts: Iterable[str]) -> DynamicState:
    """The classes and attributes our own scripts set, read from their text."""
    classes: set[str] = set()
    attributes: set[str] = set()
    for js in scripts:
        for value in _JS_CLASS.findall(js):
            classes.update(value.split())
        for a, b in _JS_ATTRIBUTE.findall(js):
            attributes.add(a or b)
    return DynamicState(frozenset(classes), frozenset(attributes))


@dataclass
class SitePages:
    """The built pages as trees, and the names that occur in them (to rule out most selectors fast)."""
    roots: list[cssselect2.ElementWrapper] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    var_reads: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class ParsedPage:
    root: cssselect2.ElementWrapper
    classes: frozenset[str]
    ids: frozenset[str]
    var_reads: frozenset[str]


def parse_page(html: str) -> ParsedPage:
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html, namespace_html_elements=False))
    classes: set[str] = set()
    ids: set[str] = set()
    reads: set[str] = set()
    for element in root.iter_subtree():
        attrs = element.etree_element.attrib
        classes.update(attrs.get("class", "").split())
        if "id" in attrs:
            ids.add(attrs["id"])
        reads.update(_var_names(attrs.get("style", "")))
    return ParsedPage(root, frozenset(classes), frozenset(ids), frozenset(reads))


def site_pages(parsed: Iterable[ParsedPage]) -> SitePages:
    site = SitePages()
    for page in parsed:
        site.roots.append(page.root)
        site.classes |= page.classes
        site.ids |= page.ids
        site.var_reads |= page.var_reads
    return site


def read_pages(pages: Iterable[str]) -> SitePages:
    return site_pages(parse_page(html) for html in pages)


@dataclass
class Subset:
    css: str
    selectors: int         # in the theme's stylesheet
    kept: int
    unjudged: int          # kept because the matcher could not read them


def used_css(css: str, site: SitePages, dynamic: DynamicState = DynamicState(), also_read: str = "") -> Subset:
    """The rules of `css` some page of `site` can use, each with only its selectors that can apply.
    `also_read`: the site's other stylesheets, whose custom-property reads keep the properties they read."""
    selectors: list[_Selector] = []
    tree = _register(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), site, dynamic, selectors)
    _match(selectors, site)
    kept = _prune(_kept(tree), _var_names(also_read) | site.var_reads)
    return Subset("".join(_serialize(r) for r in kept), len(selectors), sum(s.used for s in selectors),
                  sum(s.unjudged for s in selectors))


# ---------- which selectors match ----------

@dataclass(eq=False)
class _Selector:
    tokens: list                       # the selector as written
    compiled: list = field(default_factory=list)
    used: bool = False
    unjudged: bool = False


def _register(rules: list, site: SitePages, dynamic: DynamicState, selectors: list) -> list:
    """The stylesheet as a tree of (rule, its selectors) and at-blocks; each selector also listed in `selectors`."""
    tree: list = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            mine = []
            for tokens in _split_commas(rule.prelude):
                selector = _Selector(tokens)
                text = tinycss2.serialize(_static(tokens, dynamic)).strip()
                if set(_CLASS.findall(text)) & dynamic.classes:
                    selector.used = True       # a script makes such elements (and may make their children)
                elif _names_present(text, site):
                    try:
                        selector.compiled = [c for c in cssselect2.compile_selector_list(text) if not c.never_matches]
                    except cssselect2.SelectorError:
                        selector.used = selector.unjudged = True
                mine.append(selector)
                selectors.append(selector)
            tree.append((rule, mine))
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in ("media", "supports", "container", "layer") \
                and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            tree.append(_AtBlock(rule, _register(inner, site, dynamic, selectors)))
        elif isinstance(rule, ast.AtRule):
            tree.append(rule)          # @keyframes, @font-face, @property...: judged after, by what reads them
    return tree


def _match(selectors: list[_Selector], site: SitePages) -> None:
    """Mark the selectors some element matches. Indexed by the key's id, class or tag as cssselect2's
    Matcher does; a selector is tested no more once it has matched."""
    by_key: dict[tuple[str, str], list] = {}
    for selector in selectors:
        for compiled in selector.compiled:
            key = ("id", compiled.id) if compiled.id is not None else \
                ("class", compiled.class_name) if compiled.class_name is not None else \
                ("tag", compiled.lower_local_name) if compiled.local_name is not None else ("any", "")
            by_key.setdefault(key, []).append((selector, compiled))
    for root in site.roots:
        for element in root.iter_subtree():
            keys = [("id", element.id), ("tag", element.local_name.lower()), ("any", "")] + \
                [("class", c) for c in element.classes]
            for key in keys:
                for selector, compiled in by_key.get(key, ()):
                    if not selector.used and compiled.test(element):
                        selector.used = True


def _kept(tree: list) -> list:
    out: list = []
    for item in tree:
        if isinstance(item, tuple):
            rule, mine = item
            prelude: list = []
            for selector in (s for s in mine if s.used):
                prelude += ([ast.LiteralToken(0, 0, ",")] if prelude else []) + selector.tokens
            if prelude:
                rule.prelude = prelude
                out.append(rule)
        elif isinstance(item, _AtBlock):
            inner = _kept(item.rules)
            if inner:
                out.append(_AtBlock(item.rule, inner))
        else:
            out.append(item)
    return out


def _names_present(text: str, site: SitePages) -> bool:
    """A cheap first test: every class and id the selector requires (outside :not) occurs in the site."""
    positive = re.sub(r":not\([^()]*\)", "", text)
    return all(c in site.classes for c in _CLASS.findall(positive)) and \
        all(i in site.ids for i in _ID.findall(positive))


def _split_commas(tokens: list) -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if any(t.type not in ("whitespace", "comment") for t in p)]


def _static(tokens: list, dynamic: DynamicState) -> list:
    """The selector with states removed: pseudo-elements and state pseudo-classes dropped (a state can be
    on), a :not() of a state dropped (it can be off), attributes scripts set dropped."""
    out: list = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.type == "literal" and token.value == ":" and nxt is not None:
            if nxt.type == "literal" and nxt.value == ":":            # ::pseudo-element or ::pseudo(...)
                i += 3
                continue
            name = nxt.lower_value if nxt.type == "ident" else nxt.lower_name if nxt.type == "function" else ""
            if nxt.type == "function" and name in ("not", "is", "where", "has"):
                inner = _static(nxt.arguments, dynamic)
                if name == "not" and _changed(nxt.arguments, inner):
                    _placeholder(out)
                else:
                    out += [token, ast.FunctionBlock(nxt.source_line, nxt.source_column, nxt.name, inner)]
                i += 2
                continue
            if name in _LEGACY_PSEUDO_ELEMENTS or name not in _STRUCTURAL:
                _placeholder(out)
                i += 2
                continue
        if token.type == "[] block" and _attribute_name(token) in dynamic.attributes:
            _placeholder(out)
            i += 1
            continue
        out.append(token)
        i += 1
    return out


def _changed(before: list, after: list) -> bool:
    return tinycss2.serialize(before) != tinycss2.serialize(after)


def _placeholder(out: list) -> None:
    """A removed part; a compound left empty becomes `*`."""
    if not out or out[-1].type == "whitespace" or (out[-1].type == "literal" and out[-1].value in (">", "+", "~", ",")):
        out.append(ast.LiteralToken(0, 0, "*"))


def _attribute_name(block) -> str:
    idents = [t for t in block.content if t.type == "ident"]
    return idents[0].lower_value if idents else ""


# ---------- what kept rules read ----------

class _AtBlock:
    """An @media/@supports rule with only its kept rules inside."""

    def __init__(self, rule: ast.AtRule, rules: list) -> None:
        self.rule, self.rules = rule, rules


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _var_names(text: str) -> set[str]:
    return set(_VAR.findall(text))


def _flat(rules: list) -> Iterator:
    for rule in rules:
        if isinstance(rule, _AtBlock):
            yield from _flat(rule.rules)
        else:
            yield rule


def _declarations(rule) -> list:
    return [d for d in tinycss2.parse_declaration_list(rule.content or [], skip_comments=True, skip_whitespace=True)
            if isinstance(d, ast.Declaration)]


def _prune(rules: list, outside_reads: set[str]) -> list:
    """Drop custom properties nothing reads, and @keyframes/@font-face nothing names; repeat until stable,
    since a property read only by a dropped property is unread too."""
    style = [r for r in _flat(rules) if isinstance(r, ast.QualifiedRule)]
    decls = {id(r): _declarations(r) for r in style}
    live: set[str] = set(outside_reads)
    while True:
        reads = set(outside_reads)
        for rule in style:
            for d in decls[id(rule)]:
                if not d.name.startswith("--") or d.name in live:
                    reads |= _var_names(tinycss2.serialize(d.value))
        if reads == live:
            break
        live = reads
    for rule in style:
        kept = [d for d in decls[id(rule)] if not d.name.startswith("--") or d.name in live]
        if len(kept) != len(decls[id(rule)]):
            rule.content = _join_declarations(kept)
    values = " ".join(tinycss2.serialize(d.value) for r in style for d in _declarations(r))
    words = set(re.findall(r"[\w-]+", values))
    return _keep_named(rules, words)


def _keep_named(rules: list, words: set[str]) -> list:
    out = []
    for rule in rules:
        if isinstance(rule, _AtBlock):
            inner = _keep_named(rule.rules, words)
            inner = [r for r in inner if not (isinstance(r, ast.QualifiedRule) and not _declarations(r))]
            if inner:
                out.append(_AtBlock(rule.rule, inner))
        elif isinstance(rule, ast.QualifiedRule):
            if _declarations(rule):
                out.append(rule)
        elif rule.lower_at_keyword == "keyframes":
            if tinycss2.serialize(rule.prelude).strip() in words:
                out.append(rule)
        elif rule.lower_at_keyword == "font-face":
            family = next((tinycss2.serialize(d.value).strip().strip("'\"") for d in _declarations(rule)
                           if d.lower_name == "font-family"), "")
            if family and all(w in words for w in re.findall(r"[\w-]+", family)):
                out.append(rule)
        else:
            out.append(rule)
    return out


def _join_declarations(declarations: list) -> list:
    tokens: list = []
    for d in declarations:
        if tokens:
            tokens.append(ast.LiteralToken(0, 0, ";"))
        tokens += tinycss2.parse_component_value_list(f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                                                      f"{'!important' if d.important else ''}")
    return tokens


def _serialize(rule) -> str:
    if isinstance(rule, _AtBlock):
        prelude = tinycss2.serialize(rule.rule.prelude).strip()
        return f"@{rule.rule.at_keyword} {prelude}{{{''.join(_serialize(r) for r in rule.rules)}}}"
    if isinstance(rule, ast.QualifiedRule):
        return f"{tinycss2.serialize(rule.prelude).strip()}{{{tinycss2.serialize(rule.content).strip()}}}"
    return rule.serialize()


def compact_css(css: str) -> str:
    """The same rules without comments and layout whitespace: the site's own stylesheet is written to
    be read, and phones need not download its comments."""
    return "".join(_serialize(_compact_rule(r))
                   for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _compact_rule(rule):
    if isinstance(rule, ast.QualifiedRule):
        rule.prelude = tinycss2.parse_component_value_list(re.sub(r"\s+", " ", tinycss2.serialize(rule.prelude)).strip())
        rule.content = _join_declarations(_declarations(rule))
    elif isinstance(rule, ast.AtRule) and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
        return _AtBlock(rule, [_compact_rule(r) for r in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                                   skip_whitespace=True)])
    return rule


# ---------- the site's one stylesheet ----------

_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?')


@dataclass
class SiteStylesheet:
    path: Path             # in site/
    theme_bytes: int       # the theme's stylesheet before and after, uncompressed
    subset_bytes: int
    unjudged: int


def write_site_stylesheet(site: Path, pages: list[Path], own: list[str], scripts: list[Path], base_path: str = "/",
                          parsed: dict[Path, tuple[tuple[int, int], ParsedPage]] | None = None) -> SiteStylesheet | None:
    """One stylesheet for `pages`: the theme's cut to what the site's pages use (every built page in
    `site`, so languages built earlier count too), then the site's own (`own`, site paths of
    extra_css) whole. Written under a name made from its content, so a language built with other
    rules gets its own file and no page's offline copy goes stale. Each page's stylesheet links
    become one link to it. `parsed`: pages parsed by an earlier language build, kept while unchanged."""
    if not pages:
        return None
    links = _STYLESHEET_LINK.findall(pages[0].read_text(encoding="utf-8"))
    files = [site_path(site, pages[0], href, base_path) for href in links]
    files = [f for f in files if f is not None and f.exists()]
    if not files:
        return None
    theme = [f for f in files if f.relative_to(site).as_posix() not in own]
    mine = [f for f in files if f.relative_to(site).as_posix() in own]
    theme_css = "".join(f.read_text(encoding="utf-8") for f in theme)
    own_css = "".join(f.read_text(encoding="utf-8") for f in mine)
    every_page = site_pages(_parsed(page, {} if parsed is None else parsed) for page in sorted(site.rglob("*.html")))
    dynamic = dynamic_state_of_scripts(s.read_text(encoding="utf-8") for s in scripts if s.exists())
    subset = used_css(theme_css, every_page, dynamic, also_read=own_css)
    text = subset.css + "\n" + compact_css(own_css)
    target = files[0].parent / f"site.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}.css"
    target.write_text(text, encoding="utf-8")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        href = posixpath.relpath(target.as_posix(), page.parent.as_posix())
        new = _one_link(html, href)
        if new != html:
            page.write_text(new, encoding="utf-8")
    return SiteStylesheet(target, len(theme_css.encode("utf-8")), len(subset.css.encode("utf-8")), subset.unjudged)


def _parsed(page: Path, cache: dict[Path, tuple[tuple[int, int], ParsedPage]]) -> ParsedPage:
    stat = page.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if page not in cache or cache[page][0] != key:
        cache[page] = (key, parse_page(page.read_text(encoding="utf-8")))
    return cache[page][1]


def _one_link(html: str, href: str) -> str:
    seen = []

    def replace(match: re.Match) -> str:
        seen.append(match)
        return f'<link rel="stylesheet" href="{href}">\n' if len(seen) == 1 else ""
    return _STYLESHEET_LINK.sub(replace, html)
