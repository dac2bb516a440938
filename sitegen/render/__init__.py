"""Rendering: Markdown, templates, feeds, calendars, sitemap, structured data, the search index."""
