"""The GitHub Pages workflow partners fork: least privilege, pinned actions, PRs checked not deployed."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
TRIGGERS = WORKFLOW.get("on", WORKFLOW.get(True))     # YAML 1.1 reads a bare `on` as True


def steps(job: str) -> list[dict]:
    return WORKFLOW["jobs"][job]["steps"]


def test_least_privilege() -> None:
    assert WORKFLOW["permissions"] == {"contents": "read"}
    assert "permissions" not in WORKFLOW["jobs"]["build"]
    assert WORKFLOW["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_to_versions_and_official_pages_actions_deploy() -> None:
    uses = [s["uses"] for job in WORKFLOW["jobs"] for s in steps(job) if "uses" in s]
    assert uses and all(re.search(r"@v\d+\.\d+\.\d+$", u) for u in uses), uses
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pull_requests_are_checked_but_never_deployed() -> None:
    assert "pull_request" in TRIGGERS and "push" in TRIGGERS
    runs = " ".join(s.get("run", "") for s in steps("build"))
    for command in ("make check", "make test", "make site", "status --markdown", "GITHUB_STEP_SUMMARY"):
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
