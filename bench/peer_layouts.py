"""The fixed files of the peers' sites: Pelican's settings and a minimal theme, Hugo's config and
minimal layouts. Both render roughly the HTML of ours for each page: the title, the summary, the
body, a menu of the sections and links to the page in the other languages."""

from __future__ import annotations

SITE_TITLE = {"en": "Halton Police Community Programs",
              "fr": "Programmes communautaires de la police de Halton",
              "ar": "البرامج المجتمعية لشرطة هالتون"}
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
ARTICLE_FOLDERS = ("programs", "partners", "resources", "events", "news")

PELICAN_CONF = f'''"""Pelican settings of the benchmark corpus (written by bench/make_corpus.py)."""

AUTHOR = "Halton Regional Police Service"
SITENAME = "{SITE_TITLE["en"]}"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "America/Toronto"
DEFAULT_LANG = "en"

# One folder per collection: the folder is the category, so each collection has a list page.
ARTICLE_PATHS = {list(ARTICLE_FOLDERS)!r}
PAGE_PATHS = ["pages"]
STATIC_PATHS = []

# Translations share a slug (ARTICLE_TRANSLATION_ID) and say `Lang:` and `Translation: true`.
ARTICLE_URL = "en/{{category}}/{{slug}}/"
ARTICLE_SAVE_AS = "en/{{category}}/{{slug}}/index.html"
ARTICLE_LANG_URL = "{{lang}}/{{category}}/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/{{category}}/{{slug}}/index.html"
PAGE_URL = "en/{{slug}}/"
PAGE_SAVE_AS = "en/{{slug}}/index.html"
PAGE_LANG_URL = "{{lang}}/{{slug}}/"
PAGE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
CATEGORY_URL = "en/{{slug}}/"
CATEGORY_SAVE_AS = "en/{{slug}}/index.html"
TAG_URL = "en/tag/{{slug}}/"
TAG_SAVE_AS = "en/tag/{{slug}}/index.html"

# HTML pages only, like the Hugo build: no feeds, author, archive or tag index pages.
DIRECT_TEMPLATES = ["index"]
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False

# Pelican's own cache of parsed content, so that a rebuild reads only the files that changed.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
'''

PELICAN_BASE = """<!DOCTYPE html>
<html lang="{% block lang %}en{% endblock %}" dir="{% block dir %}ltr{% endblock %}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ SITENAME }}{% endblock %}</title>
</head>
<body>
<a href="#main">Skip to main content</a>
<header>
<a href="{{ SITEURL }}/">{{ SITENAME }}</a>
<nav><ul>
{% for category, _ in categories %}
<li><a href="{{ SITEURL }}/{{ category.url }}">{{ category }}</a></li>
{% endfor %}
{% for page in pages %}
<li><a href="{{ SITEURL }}/{{ page.url }}">{{ page.title }}</a></li>
{% endfor %}
</ul></nav>
</header>
<main id="main">
{% block content %}{% endblock %}
</main>
<footer><p>{{ SITENAME }}</p></footer>
</body>
</html>
"""

PELICAN_ITEM = """{% extends "base.html" %}
{% block lang %}{{ THING.lang }}{% endblock %}
{% block dir %}{{ "rtl" if THING.lang == "ar" else "ltr" }}{% endblock %}
{% block title %}{{ THING.title|striptags }} | {{ SITENAME }}{% endblock %}
{% block content %}
<article>
<h1>{{ THING.title }}</h1>
{% if THING.translations %}
<ul class="languages">
{% for other in THING.translations %}
<li><a href="{{ SITEURL }}/{{ other.url }}" hreflang="{{ other.lang }}"
 lang="{{ other.lang }}">{{ other.lang }}</a></li>
{% endfor %}
</ul>
{% endif %}
<div class="summary">{{ THING.summary }}</div>
{{ THING.content }}
</article>
{% endblock %}
"""

PELICAN_LIST = """{% extends "base.html" %}
{% block title %}TITLE | {{ SITENAME }}{% endblock %}
{% block content %}
<h1>TITLE</h1>
<ul>
{% for article in LIMIT %}
<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> {{ article.summary }}</li>
{% endfor %}
</ul>
{% endblock %}
"""

PELICAN_THEME = {
    "base.html": PELICAN_BASE,
    "article.html": PELICAN_ITEM.replace("THING", "article"),
    "page.html": PELICAN_ITEM.replace("THING", "page"),
    "index.html": PELICAN_LIST.replace("TITLE", "{{ SITENAME }}")
                              .replace("LIMIT", "articles[:10]"),
    "category.html": PELICAN_LIST.replace("TITLE", "{{ category }}").replace("LIMIT", "articles"),
    "tag.html": PELICAN_LIST.replace("TITLE", "{{ tag }}").replace("LIMIT", "articles"),
}


def hugo_config() -> str:
    languages = []
    for weight, (code, name) in enumerate(LANGUAGE_NAMES.items(), start=1):
        direction = "rtl" if code == "ar" else "ltr"
        languages.append(f'[languages.{code}]\n  label = "{name}"\n  weight = {weight}\n'
                         f'  title = "{SITE_TITLE[code]}"\n  direction = "{direction}"\n')
    return ("# Hugo config of the benchmark corpus (written by bench/make_corpus.py).\n"
            'baseURL = "https://community.example.org/"\n'
            'defaultContentLanguage = "en"\n'
            "defaultContentLanguageInSubdir = true\n"
            "# Events are dated in the future: build them, as ours and Pelican do.\n"
            "buildFuture = true\n"
            "# HTML pages only, like the Pelican build: no feeds, sitemap or robots.txt.\n"
            'disableKinds = ["rss", "sitemap", "robotstxt"]\n\n'
            "[taxonomies]\n  audience = \"audiences\"\n  category = \"categories\"\n\n"
            + "\n".join(languages))


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.Direction | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
</head>
<body>
<a href="#main">Skip to main content</a>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul></nav>
{{ with .Translations }}<ul class="languages">
{{ range . }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}"
 lang="{{ .Language.Lang }}">{{ .Language.Label }}</a></li>
{{ end }}</ul>{{ end }}
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<div class="summary">{{ .Summary }}</div>
{{ .Content }}
</article>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>
{{ end }}
</ul>
{{ end }}
"""

HUGO_LAYOUTS = {"baseof.html": HUGO_BASEOF, "single.html": HUGO_SINGLE, "list.html": HUGO_LIST}
