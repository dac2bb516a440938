"""sitemap.xml, with every indexable page and its hreflang alternates, and robots.txt."""

from __future__ import annotations

from html import escape

from ..site import urls
from ..source.model import Site


def sitemap(site: Site) -> str:
    config = site.config
    # each address, quoted once: a page's alternates are listed again on each of them
    quoted: dict[str, str] = {}

    def attribute(url: str) -> str:
        if url not in quoted:
            quoted[url] = f'"{escape(urls.absolute(config, url))}"'
        return quoted[url]

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in site.pages:
        if not page.indexable or page.kind in ("404", "404-root", "report"):
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{urls.absolute(config, page.url)}</loc>")
        if page.entry is not None and page.entry.updated:
            lines.append(f"    <lastmod>{page.entry.updated.isoformat()}</lastmod>")
        cluster = dict(page.alternates)
        if len(cluster) > 1 or page.kind == "chooser":
            x_default = urls.CHOOSER_URL if page.kind in ("home", "chooser") else \
                cluster.get(config.default_language.code, page.url)
            for lang, url in [*cluster.items(), ("x-default", x_default)]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                             f"href={attribute(url)}/>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site: Site) -> str:
    # Everything published is public: the team's pages are only in review builds.
    return ("User-agent: *\nDisallow:\n\n"
            f"Sitemap: {urls.absolute(site.config, '/sitemap.xml')}\n")


def search_engine_files(site: Site) -> dict[str, str]:
    return {"sitemap.xml": sitemap(site), "robots.txt": robots(site)}
