"""The content security policy and the other protective headers, in one place: the policy each
page carries in a <meta> tag (so that it holds on any host, GitHub Pages included), and the
headers a web server adds (a _headers file for Netlify and Cloudflare Pages; docs/security.md
gives the same for nginx and S3/CloudFront).

A browser enforces every policy it is given. The server's policy is the wider envelope (it
allows what any page of the site needs, and adds frame-ancestors, which a <meta> tag cannot
carry); each page's own policy narrows it to what that page needs: WebAssembly only on the
search page, frames only from the hosts that page shows."""

from __future__ import annotations

from collections.abc import Iterable

REFERRER_POLICY = "no-referrer"  # never tell another site which page a reader came from
_BASE = (("default-src", "'self'"), ("script-src", "'self'"), ("style-src", "'self'"),
         ("img-src", "'self'"), ("object-src", "'none'"), ("base-uri", "'none'"),
         ("form-action", "'self'"))
_WASM = "'wasm-unsafe-eval'"  # the search engine runs as WebAssembly; it allows no eval()


def _policy(wasm: bool, frame_hosts: Iterable[str], frame_ancestors: bool) -> str:
    directives = dict(_BASE)
    if wasm:
        directives["script-src"] += f" {_WASM}"
    hosts = sorted(set(frame_hosts))
    if hosts:
        directives["frame-src"] = " ".join(f"https://{host}" for host in hosts)
    if frame_ancestors:
        directives["frame-ancestors"] = "'none'"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def page_policy(runs_search: bool, frame_hosts: Iterable[str] = ()) -> str:
    """The policy in a page's <meta http-equiv="Content-Security-Policy">."""
    return _policy(runs_search, frame_hosts, frame_ancestors=False)


def server_policy(embed_hosts: Iterable[str] = ()) -> str:
    """The policy a web server sends with every file of the site."""
    return _policy(True, embed_hosts, frame_ancestors=True)


def server_headers(embed_hosts: Iterable[str] = ()) -> dict[str, str]:
    """Every protective header a web server should send, by name."""
    return {
        "Content-Security-Policy": server_policy(embed_hosts),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": REFERRER_POLICY,
        "X-Frame-Options": "DENY",
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


KEEP_FOR_A_YEAR = "public, max-age=31536000, immutable"


def headers_file(embed_hosts: Iterable[str] = (), editor: tuple[str, str] | None = None,
                 kept: Iterable[str] = ()) -> str:
    """The _headers file (Netlify and Cloudflare Pages format) for the whole site; editor is
    (folder, policy) of the browser editor when it is published with the site: its folder gets
    its own policy instead of the site's, and may open GitHub's sign-in window. The files at the
    addresses kept carry a hash of their content in their name: browsers keep them a year."""
    lines = ["# Protective headers for every file of the site (Netlify, Cloudflare Pages).",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in server_headers(embed_hosts).items()]
    if editor is not None:
        folder, policy = editor
        lines += [f"/{folder}/*", "  ! Content-Security-Policy", "  ! Cross-Origin-Opener-Policy",
                  f"  Content-Security-Policy: {policy}; frame-ancestors 'none'"]
    for address in kept:
        lines += [address, f"  Cache-Control: {KEEP_FOR_A_YEAR}"]
    return "\n".join(lines) + "\n"
