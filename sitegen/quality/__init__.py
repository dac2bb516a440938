"""Quality gates over a built site: links, accessibility and browser behaviour, valid HTML,
privacy, content lint and page weight. `python build.py check` runs them all."""
