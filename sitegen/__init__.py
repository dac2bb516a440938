"""sitegen: builds a multilingual, accessible static site from Markdown and YAML."""

__version__ = "0.1.0"
