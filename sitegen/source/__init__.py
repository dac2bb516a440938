"""Reading: the config, the kinds of collection, the content files and how each translation compares
with its original."""
