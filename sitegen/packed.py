"""Text kept compressed in memory. A build holds every page's and every body's HTML until it
publishes them: as plain strings, thousands of pages take hundreds of megabytes (a page with one
Arabic word is stored two bytes a character); compressed, a tenth of that, and they travel from
worker processes and into the cache in the same compressed form."""

from __future__ import annotations

import zlib

from .cache import BuildCache, digest

LEVEL = 1  # the fastest compression: HTML still shrinks to about a fifth


class Packed:
    """UTF-8 text, compressed, with the digest of the text (cache.digest)."""

    __slots__ = ("data", "sha")

    def __init__(self, data: bytes, sha: str) -> None:
        self.data = data  # zlib-compressed UTF-8
        self.sha = sha

    @classmethod
    def of(cls, text: str) -> Packed:
        raw = text.encode("utf-8")
        return cls(zlib.compress(raw, LEVEL), digest(raw))

    @classmethod
    def from_data(cls, data: bytes, sha: str | None = None) -> Packed | None:
        """The text that compressed data (from the cache) holds; None when it is not compressed
        UTF-8 (a damaged cache). sha, when the cache kept it beside the data, spares digesting
        the text again: a stream that decompresses whole has passed zlib's own check."""
        try:
            raw = zlib.decompress(data)
            if sha is None:
                raw.decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return None
        return cls(data, sha if sha is not None else digest(raw))

    @classmethod
    def from_cache(cls, cache: BuildCache | None, namespace: str, key: str) -> Packed | None:
        """The text the cache keeps under key (put there with BuildCache.put_blobs), if it
        has it, undamaged."""
        data = cache.get_blobs(namespace, [key]).get(key) if cache is not None else None
        return cls.from_data(data) if data is not None else None

    def raw(self) -> bytes:
        """The text's UTF-8 bytes."""
        return zlib.decompress(self.data)

    def text(self) -> str:
        return self.raw().decode("utf-8")

    def __reduce__(self) -> tuple[type[Packed], tuple[bytes, str]]:
        return Packed, (self.data, self.sha)
