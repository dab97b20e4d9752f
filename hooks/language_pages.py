"""MkDocs hook: make every page speak the reader's language.

Adds the fallback / draft / outdated notices, fills generated sections (glossary, translation
status), hands the interface strings to the templates and writes a 404 page per language.
The decisions are made in asm_academy; this file only carries them into MkDocs.
"""
from __future__ import annotations

import html
import posixpath
from urllib.parse import urlsplit
from pathlib import Path

from mkdocs.commands.build import _build_template
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, write_file

from asm_academy.content import generated
from asm_academy.content.programme import programme_table
from asm_academy.translation.credits import with_reviewer_credits
from asm_academy.translation.suggest import with_suggestion_links
from asm_academy.web.escape import escaped_meta
from asm_academy.translation.page_context import notice_for, page_url
from build_context import build_language, language_prefix, site_data

_build: dict = {}   # state of the language build in progress


@event_priority(-200)   # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    data = site_data(config)
    lang = build_language(config)
    site = data.site
    _build.clear()
    _build.update(lang=lang, data=data)
    # interface strings and names are text: the templates print them as they are, so escape them here
    config.extra["asm_ui"] = {key: html.escape(text) for key, text in data.ui.for_lang(lang).items()}
    config.extra["asm_lang"] = lang
    config.extra["asm_default_lang"] = site.default.code
    config.extra["asm_lang_name"] = html.escape(site.language(lang).name)
    config.extra["asm_prefix"] = language_prefix(config, lang)
    config.extra["asm_base_path"] = urlsplit(config.site_url or "/").path or "/"
    config.extra["asm_other_languages"] = [l.code for l in site.translations]
    config.extra["asm_languages"] = [{"code": l.code, "name": html.escape(l.name)} for l in site.languages]


@event_priority(-200)
def on_page_markdown(markdown: str, page, config, files) -> str:
    lang, data = _build["lang"], _build["data"]
    tree = data.tree
    rel = page.file.src_uri
    if lang != tree.config.default.code and rel.startswith(f"{lang}/"):
        rel = rel[len(lang) + 1:]
    notice = notice_for(tree, data.status_of, lang, rel)
    page.meta["asm_notice"] = notice.kind
    page.meta["asm_translate_url"] = notice.translate_url
    page.meta["asm_report_url"] = notice.report_url
    if notice.kind == "outdated":
        page.meta["asm_english_url"] = get_relative_url(page_url(rel), page.url)
    translation = data.status_of.get((lang, rel))
    if notice.kind == "draft" and translation is not None and translation.progress is not None:
        done = translation.progress
        review = data.ui.get(lang, "draft_progress", reviewed=done.reviewed, total=done.total)
        if done.reviewers:
            review += " " + data.ui.get(lang, "reviewed_credit", names=", ".join(done.reviewers))
        page.meta["asm_review"] = html.escape(review)
    page.asm_glossary = generated.GLOSSARY in markdown
    status = ""
    if generated.STATUS in markdown:
        titles = {r: f"[{t}]({_link_from(rel, r)})" for r, t in data.titles(lang).items()}
        status = generated.status_table(data.statuses, lang, data.ui,
                                        {l.code: l.name for l in tree.config.languages}, titles, data.terms)
    programme = ""
    if generated.PROGRAMME in markdown and data.programme is not None:
        programme = programme_table(data.programme, lang, data.ui, data.titles(lang), lambda r: _link_from(rel, r))
    return generated.expand(markdown, lang, terms=data.terms, ui=data.ui, status=status, programme=programme)


@event_priority(-90)    # before the page is cut into parts (short_pages, -100)
def _suggestion_links(html_text: str, page, config, files) -> str:
    """Under each section of a draft or outdated translation, a way to suggest a better wording."""
    if page.meta.get("asm_notice") not in ("draft", "outdated"):
        return html_text
    lang, data = _build["lang"], _build["data"]
    return with_suggestion_links(html_text, data.site.repo_url, lang, f"docs/{page.file.src_uri}",
                                 data.ui.get(lang, "suggest_wording"))


@event_priority(-95)    # after the suggestion links, so the credit sits right under the heading
def _reviewer_credits(html_text: str, page, config, files) -> str:
    """Each reviewed section of a translation names its reviewers, by its heading."""
    lang, data = _build["lang"], _build["data"]
    rel = page.file.src_uri.removeprefix(f"{lang}/")
    translation = data.status_of.get((lang, rel)) if page.file.src_uri.startswith(f"{lang}/") else None
    if translation is None or translation.progress is None:
        return html_text
    return with_reviewer_credits(html_text, translation.progress,
                                 lambda names: data.ui.get(lang, "reviewed_credit", names=", ".join(names)))


@event_priority(-200)
def _glossary_without_contents(html_text: str, page, config, files) -> str:
    if getattr(page, "asm_glossary", False):
        # the glossary is itself a list of terms: a contents list of every term would add a
        # fifth to its weight on a phone (and Material's `hide: toc` only hides what it sends)
        page.toc = get_toc([])
    return html_text



@event_priority(-300)   # after the search index (phone_first, -200) has taken the plain title
def _escape_front_matter(html_text: str, page, config, files) -> str:
    """MkDocs reads every page before it renders any, so this runs before the first template."""
    page.meta.update(escaped_meta(page.meta))
    return html_text


def _link_from(page_rel: str, target_rel: str) -> str:
    return posixpath.relpath(target_rel, posixpath.dirname(page_rel) or ".")


def on_nav(nav, config, files):
    _build["nav"], _build["files"] = nav, files
    return nav


def on_env(env, config, files):
    _build["env"] = env
    return env


_default_404: dict[str, bytes] = {}


@event_priority(100)    # before static-i18n starts the other languages' builds
def _keep_default_404(config) -> None:
    """Keep the default language's 404.html: every language build writes site/404.html again."""
    if build_language(config) == config.plugins["i18n"].default_language:
        _default_404["page"] = (Path(config.site_dir) / "404.html").read_bytes()


@event_priority(-200)
def _write_language_404(config) -> None:
    """Give every language its own 404 page, and put the default one back at the root."""
    lang = build_language(config)
    if lang == config.plugins["i18n"].default_language:
        if "page" in _default_404:
            (Path(config.site_dir) / "404.html").write_bytes(_default_404.pop("page"))
        return
    env = _build["env"]
    output = _build_template("404.html", env.get_template("404.html"), _build["files"], config, _build["nav"])
    write_file(output.encode("utf-8"), str(Path(config.site_dir) / lang / "404.html"))


on_post_build = CombinedEvent(_keep_default_404, _write_language_404)


on_page_content = CombinedEvent(_reviewer_credits, _suggestion_links, _glossary_without_contents, _escape_front_matter)
