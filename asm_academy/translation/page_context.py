"""What a reader must be told about a page in their language: fallback, draft or outdated.

Computed from the docs tree alone, so the same answer serves the site banners, the status page
and the sitemap.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from ..source.doctree import DocTree
from ..translation.freshness import PageStatus


@dataclass(frozen=True)
class PageNotice:
    kind: str               # "source", "fallback", "draft", "outdated" or "reviewed"
    translate_url: str = ""  # where a translator adds or edits the page
    report_url: str = ""    # where a reader reports a mistake


def page_url(rel: str) -> str:
    """The directory URL MkDocs gives a page of the default language (use_directory_urls)."""
    stem = rel[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")] or "./"
    return stem + "/"


def repo_branch(edit_uri: str) -> str:
    parts = [p for p in edit_uri.split("/") if p]
    return parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"


def new_file_url(repo_url: str, branch: str, lang: str, rel: str) -> str:
    """GitHub's 'create a new file' form, pre-filled with the path the translation belongs at."""
    folder, name = posixpath.split(rel)
    return f"{repo_url.rstrip('/')}/new/{branch}/docs/{lang}/{folder}".rstrip("/") + f"?filename={quote(name)}"


def notice_for(tree: DocTree, statuses: dict[tuple[str, str], PageStatus], lang: str, rel: str) -> PageNotice:
    config = tree.config
    if lang == config.default.code:
        return PageNotice("source")
    repo, branch = config.repo_url, repo_branch(config.edit_uri)
    if rel not in tree.files.get(lang, {}):
        return PageNotice("fallback", translate_url=new_file_url(repo, branch, lang, rel))
    status = statuses.get((lang, rel))
    kind = status.state if status else "draft"
    title = quote(f"[{lang}] Mistake on {rel}")
    return PageNotice(kind, translate_url=f"{repo.rstrip('/')}/edit/{branch}/docs/{lang}/{rel}",
                      report_url=f"{repo.rstrip('/')}/issues/new?title={title}")
