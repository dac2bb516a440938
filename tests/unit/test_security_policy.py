"""sitegen.render.security_policy: each page's own policy, the server's headers, and the documentation
that tells administrators which headers to send."""

from __future__ import annotations

from sitegen.publish.assets import fingerprinted
from sitegen.render.security_policy import headers_file, page_policy, server_headers, server_policy
from tests.helpers import ROOT


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_a_page_policy_allows_only_the_site_itself() -> None:
    policy = directives(page_policy(runs_search=False))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline script, no eval, no WebAssembly
    assert policy["style-src"] == "'self'"  # no style attributes or blocks
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert "frame-src" not in policy
    assert "frame-ancestors" not in policy  # a <meta> policy cannot carry it
    assert "unsafe-inline" not in page_policy(runs_search=True)


def test_only_the_search_page_runs_webassembly() -> None:
    assert directives(page_policy(runs_search=True))["script-src"] == \
        "'self' 'wasm-unsafe-eval'"


def test_frames_only_from_the_hosts_a_page_shows() -> None:
    policy = directives(page_policy(False, ["b.example.org", "a.example.org", "a.example.org"]))
    assert policy["frame-src"] == "https://a.example.org https://b.example.org"


def test_the_server_policy_is_the_wider_envelope() -> None:
    policy = directives(server_policy(["video.example.org"]))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert policy["frame-src"] == "https://video.example.org"


def test_the_headers_file() -> None:
    lines = headers_file().splitlines()
    assert lines[1] == "/*"
    assert f"  Content-Security-Policy: {server_policy()}" in lines
    assert "  Strict-Transport-Security: max-age=31536000; includeSubDomains" in lines


def test_the_documentation_gives_the_same_headers() -> None:
    guide = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for name, value in server_headers().items():
        assert f"{name}: {value}" in guide, name
        assert f'add_header {name} "{value}" always;' in guide, name
    assert server_policy() in guide


def test_files_named_by_their_hash_are_kept_a_year() -> None:
    names = {"/static/css/site.css": "/static/css/site.4e0357298a.css",
             "/static/images/map.png": "/static/images/map.png"}
    text = headers_file(kept=fingerprinted(names))
    assert text.endswith("/static/css/site.4e0357298a.css\n"
                         "  Cache-Control: public, max-age=31536000, immutable\n")
    assert "map.png" not in text
    assert "Cache-Control" not in headers_file()
