"""Compiled templates, kept between builds: for the life of the process (the preview builds again
on every save) and in the build cache (a command-line build after an edit renders a few pages,
and would otherwise spend much of its time compiling their templates).

Jinja checks each compiled template against its template's source before using it, and one that
cannot be read is compiled again. The code is run by the build, as Python runs its own
__pycache__: the build cache is trusted only while git does not track it
(sitegen.cache.open_cache), so that no one can send code through a commit."""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

from ..cache import BuildCache

NAMESPACE = "compiled-templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache: in memory, filled from the build cache and written back to it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._new: dict[str, bytes] = {}  # compiled since they were last stored

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # noqa: BLE001 - damaged: compiled again
            bucket.reset()
            del self._code[bucket.key]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = self._new[bucket.key] = bucket.bytecode_to_string()

    def take_stored(self, cache: BuildCache) -> None:
        """Take the templates compiled by earlier builds (in the build's own process: forked
        workers find them here, and never use the cache's database)."""
        missing = [key for key in cache.keys(NAMESPACE) if key not in self._code]
        self._code.update(cache.get_blobs(NAMESPACE, missing))
        cache.keep(NAMESPACE, self._code)

    def store_new(self, cache: BuildCache) -> None:
        """Keep what this process compiled since, for the next builds."""
        cache.put_blobs(NAMESPACE, self._new)
        self._new = {}


def compile_all(env: jinja2.Environment) -> None:
    """Compile (or take from the stored code) every template, before workers are forked that
    would each compile the ones they use. A template that does not compile is left for the page
    that uses it to report."""
    for name in env.list_templates():
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue
