"""The GitHub Pages workflow partners fork: least privilege, pinned actions, PRs checked not deployed."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
TRIGGERS = WORKFLOW.get("on", WORKFLOW.get(True))     # YAML 1.1 reads a bare `on` as True


def steps(job: str) -> list[dict]:
    return WORKFLOW["jobs"][job]["steps"]


TEXT = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")


def test_least_privilege_that_is_still_enough() -> None:
    assert WORKFLOW["permissions"] == {}
    assert WORKFLOW["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert WORKFLOW["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_to_commits_with_their_version_and_credentials_are_not_kept() -> None:
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)(.*)", TEXT)
    assert uses and all(re.fullmatch(r"[0-9a-f]{40}", ref) for _, ref, _ in uses), uses
    assert all(re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment) for _, _, comment in uses), uses
    names = {name for name, _, _ in uses}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= names
    checkout = next(s for s in steps("build") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_a_deploy_is_never_cancelled_half_way() -> None:
    cancel = str(WORKFLOW["concurrency"]["cancel-in-progress"])
    assert cancel == "${{ github.event_name == 'pull_request' }}", cancel


def test_zizmor_finds_nothing_at_any_severity() -> None:
    import json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor, "zizmor is pinned in requirements.txt: run `make` to install it"
    files = sorted(str(f) for f in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert files
    result = subprocess.run([zizmor, "--offline", "--persona=auditor", "--format=json", "--no-progress", *files],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().startswith("["), result.stderr
    findings = json.loads(result.stdout)
    assert findings == [], [(f["ident"], f["determinations"]["severity"]) for f in findings]


def test_pull_requests_are_checked_but_never_deployed() -> None:
    assert "pull_request" in TRIGGERS and "push" in TRIGGERS
    runs = " ".join(s.get("run", "") for s in steps("build"))
    # `make zim` is `make site` with a ZIM file per language for Kiwix in site/zim/, published with the site
    for command in ("make check", "make test", "make zim", "status --markdown", "GITHUB_STEP_SUMMARY"):
        assert command in runs, command
    deploy_condition = WORKFLOW["jobs"]["deploy"]["if"]
    assert "pull_request" in deploy_condition and "refs/heads/main" in deploy_condition
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert "pull_request" in upload["if"]


def test_site_address_comes_from_the_environment() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL,", config, re.M)
    build = next(s for s in steps("build") if s.get("name") == "Build")
    assert "SITE_URL" in build["run"] and "vars.SITE_URL" in build["env"]["PAGES_URL"]


def test_pull_requests_summarise_their_change_in_review_progress_against_the_base_commit() -> None:
    step = next(s for s in steps("build") if "status --base" in s.get("run", ""))
    assert "pull_request" in step["if"] and 'GITHUB_STEP_SUMMARY' in step["run"]
    # the base commit comes through the environment, never pasted into the script (template injection)
    assert "${{" not in step["run"] and step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert '"$BASE_SHA"' in step["run"]
    checkout = next(s for s in steps("build") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0          # the base commit is in the clone: no network needed


def test_the_handout_cache_is_restored_in_every_run_and_saved_only_by_main() -> None:
    """PDFs are cached under a hash of their render inputs, so a restored one is right whatever run
    made it; a pull request never writes what a deploy restores."""
    build = steps("build")
    restore = next(s for s in build if s.get("uses", "").startswith("actions/cache/restore@"))
    save = next(s for s in build if s.get("uses", "").startswith("actions/cache/save@"))
    assert restore["with"]["path"] == save["with"]["path"] == ".cache/handouts"
    assert "if" not in restore and restore["with"]["restore-keys"]
    assert all(f"'{inputs}'" in restore["with"]["key"] for inputs in ("docs/**", "data/**", "print/**", "mkdocs.yml"))
    assert save["with"]["key"] == "${{ steps.%s.outputs.cache-primary-key }}" % restore["id"]
    assert "refs/heads/main" in save["if"] and "push" in save["if"]
    order = [s.get("name") or s.get("uses", "") for s in build]
    assert order.index(restore["uses"]) < order.index("Tests") < order.index("Build") < order.index(save["uses"])
