"""The browser editor published with the site (`cms: publish: true`): its page, configuration
and scripts under /admin/, saving to the GitHub repository of the settings through pull
requests; its own content security policy; left out of the public quality gates; and absent
from every site that does not ask for it. The page opens in real Chromium on the editor's
sign-in screen, under its policy, with nothing refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.quality.site_files import BuiltSite
from tests.helpers import TINY, copy_site, run_cli
from tests.tools import require_gate_tools
from tests.unit.support import replace_in

EDITOR_SETTINGS = """
cms:
  publish: true
  repo: my-agency/website
  branch: main
  auth_url: https://sign-in.example.org/
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(TINY, tmp_path_factory.mktemp("editor") / "site")
    with (site / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write(EDITOR_SETTINGS)
    built = run_cli("build", "--site", str(site), "--no-search")
    assert built.returncode == 0, built.stderr
    return site / "output"


def test_the_editor_is_published_with_the_site_s_repository(published: Path) -> None:
    config = yaml.safe_load((published / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "my-agency/website",
                                 "branch": "main", "base_url": "https://sign-in.example.org"}
    assert config["publish_mode"] == "editorial_workflow"  # every change a pull request
    assert "local_backend" not in config
    assert [c["name"] for c in config["collections"]] == ["programs", "partners", "resources",
                                                          "pages"]
    page = (published / "admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert "connect-src 'self' https://api.github.com https://sign-in.example.org" in page
    assert (published / "admin/decap-cms.js").stat().st_size > 1_000_000
    assert not list(published.joinpath("admin").glob("*.map"))
    headers = (published / "_headers").read_text(encoding="utf-8")
    assert "/admin/*\n  ! Content-Security-Policy\n  ! Cross-Origin-Opener-Policy\n" in headers


def test_the_editor_is_left_out_of_search_engines_and_the_public_gates(published: Path) -> None:
    assert "/admin/" not in (published / "sitemap.xml").read_text(encoding="utf-8")
    site = BuiltSite(published, "/", "https://community.example.org/", {})
    pages = site.html_pages()
    assert pages and not [url for url in pages if url.startswith("/admin/")]


def test_no_editor_unless_the_settings_publish_it(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    built = run_cli("build", "--site", str(site), "--no-search")
    assert built.returncode == 0, built.stderr
    assert not (site / "output/admin").exists()
    assert "/admin/" not in (site / "output/_headers").read_text(encoding="utf-8")


def test_publishing_the_editor_needs_its_repository(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    with (site / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write("\ncms:\n  publish: true\n")
    line = (site / "site_config.yaml").read_text(encoding="utf-8").splitlines().index(
        "  publish: true") + 1
    built = run_cli("build", "--site", str(site))
    assert built.returncode == 1
    assert (f'site_config.yaml:{line}: The editor cannot be published without its repository: '
            '"cms.repo" is missing.') in built.stderr
    replace_in(site / "site_config.yaml", "  publish: true\n",
               "  publish: true\n  repo: not a repository\n")
    built = run_cli("build", "--site", str(site))
    assert built.returncode == 1 and "owner/name" in built.stderr


def test_the_published_editor_opens_under_its_own_policy(published: Path) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS, serve
    from sitegen.quality.tools import chromium

    refused: list[str] = []
    with serve(published, "/", policy=None) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(f"{origin}/admin/")
        page.get_by_role("button", name="Login with GitHub").wait_for(timeout=30_000)
        styles = page.evaluate("() => CMS.getPreviewStyles().map(style => style.value)")
        browser.close()
    assert not refused, refused
    assert len(styles) == 1 and styles[0].startswith("/static/css/site.")
