"""The build cache: results of earlier builds, kept in .cache/ of the site folder (never
published, ignored by git), so that a build redoes only what its changes affect.

Each entry is found by a key that is a content hash of everything its value was made from,
including the generator's own code, so a stale entry is never found. Values are plain JSON
(never pickled objects, which could run code when read), checked when they are read back: a
cache that is damaged, written by another version, or unreadable for any reason is ignored and
replaced. A .cache/ folder that git tracks is never used: it would come from someone else's
commit, and could hold pages that were never sanitized."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache"
DATABASE = "build.sqlite"
# The namespaces of what `check` found (sitegen.quality): each check keeps only the results of the
# pages it checked, so that a build's tidy-up (which they are not used by) leaves them whole.
CHECK_RESULTS = "checks/"
SCHEMA = 1  # bump when the tables change
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def generator_version() -> str:
    """A hash of the generator's code, its bundled templates, catalogs and static files: a
    change to any of them is a new version, whose builds share nothing with the old one's."""
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    roots = [_PACKAGE]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".yaml") and \
                    "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def digest(*parts: Any) -> str:
    """A content hash of parts (strings, bytes, or anything whose repr is stable)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class BuildCache:
    """A key-value store per namespace ("sources", "bodies", "pages"...), in one SQLite file.

    A cache that cannot be opened or read is emptied; when even that fails (a read-only site
    folder), the build runs without a cache."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        # for reads once the build has closed the cache: what it left for later (a body's HTML
        # that `check` reads), opened when first asked
        self._after: sqlite3.Connection | None = None
        self._after_failed = False
        self.folder: Path | None = None  # set once the cache could be opened
        self._used: dict[str, set[str]] = {}  # namespace -> the keys this build read or wrote
        if folder is None:
            return
        path = folder / DATABASE
        for attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                # No wait for the disk at each write: after a crash the last writes may be
                # missing, never damaged, and a missing entry is only made again.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS entries (namespace TEXT, key TEXT,"
                                 " value BLOB, PRIMARY KEY (namespace, key))")
                self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, "
                                 "value TEXT)")
                version = self._meta("version")
                if version != generator_version():
                    self._db.execute("DELETE FROM entries")
                    self._db.execute("DELETE FROM meta WHERE key = ?", (TIDY_BASELINE,))
                    self._set_meta("version", generator_version())
                self.folder = folder
                return
            except (sqlite3.Error, OSError):
                self.close()
                if attempt == 0:
                    _remove(path)
        self._db = None

    def _meta(self, key: str) -> str | None:
        assert self._db is not None
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        assert self._db is not None
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, Any]:
        """The values found for keys; a missing or unreadable one is left out."""
        found: dict[str, Any] = {}
        for key, value in self._rows(namespace, list(keys)):
            try:
                text = zlib.decompress(value) if value[:1] == ZLIB_START else value
                found[key] = _loaded(text)
            except Exception:  # noqa: BLE001 - a damaged entry is a miss
                continue
        return found

    def _rows(self, namespace: str, wanted: list[str]) -> list[tuple[str, bytes]]:
        """The stored (key, bytes) of the wanted keys that are there."""
        db = self._db or self._reads_after_close()
        if db is None:
            return []
        rows: list[tuple[str, bytes]] = []
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                rows += db.execute(
                    f"SELECT key, value FROM entries WHERE namespace = ? AND key IN "
                    f"({','.join('?' * len(chunk))})", (namespace, *chunk)).fetchall()
        except sqlite3.Error:
            return []
        found = [(key, value) for key, value in rows if isinstance(value, bytes)]
        self.keep(namespace, (key for key, _ in found))
        return found

    def get(self, namespace: str, key: str) -> Any:
        return self.get_many(namespace, [key]).get(key)

    def get_blobs(self, namespace: str, keys: Iterable[str]) -> dict[str, bytes]:
        """The bytes stored by put_blobs for keys, as they were given (the caller checks them:
        they may be damaged)."""
        return dict(self._rows(namespace, list(keys)))

    def put_many(self, namespace: str, items: dict[str, Any]) -> None:
        """Store values (JSON), encoded and written a batch at a time: the encoded text of
        thousands never waits whole in memory."""
        pairs = list(items.items())
        for start in range(0, len(pairs), PUT_BATCH):
            self.put_blobs(namespace, {key: encoded(value)
                                       for key, value in pairs[start:start + PUT_BATCH]})

    def put_blobs(self, namespace: str, items: dict[str, bytes]) -> None:
        """Store bytes as they are (already compressed ones, for example): read them back with
        get_blobs, never get_many."""
        if self._db is None or not items:
            return
        self.keep(namespace, items)
        rows = [(namespace, key, value) for key, value in items.items()]
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store one value, uncompressed: such a value (the record of an output folder, of the
        content files' times) is read and written whole at every build, which compressing it
        would make slower."""
        self.put_blobs(namespace, {key: encoded(value, compress=False)})

    def keys(self, namespace: str) -> list[str]:
        """The keys namespace holds (their values unread)."""
        if self._db is None:
            return []
        try:
            return [key for (key,) in self._db.execute(
                "SELECT key FROM entries WHERE namespace = ? ORDER BY key", (namespace,))]
        except sqlite3.Error:
            return []

    def forget(self, namespace: str, keys: Iterable[str]) -> None:
        """Remove the entries of keys from namespace."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.executemany("DELETE FROM entries WHERE namespace = ? AND key = ?",
                                 [(namespace, key) for key in keys])

    def keep_only(self, namespace: str, keys: Iterable[str]) -> None:
        """Forget the entries of namespace that this build did not use."""
        if self._db is None:
            return
        try:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM used")
            self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in keys])
            self._db.execute("DELETE FROM entries WHERE namespace = ? AND key NOT IN "
                             "(SELECT key FROM used)", (namespace,))
            self._db.execute("COMMIT")
        except sqlite3.Error:
            pass

    def keep(self, namespace: str, keys: Iterable[str]) -> None:
        """Count keys of namespace as used by this build, without reading them (entries that
        a later build may need, such as the HTML of pages it takes over from the output):
        tidy_up keeps them."""
        self._used.setdefault(namespace, set()).update(keys)

    def tidy_up(self, whole: Iterable[str] = ()) -> bool:
        """At the end of a build that succeeded: once the cache has grown to more than twice
        what it held after the last tidy-up (and by GROWTH_ALLOWED more), forget every entry
        this build did not use (read, write or keep), except in the namespaces named in whole
        and those of CHECK_RESULTS.
        Every edit adds entries (a template edit, one per page) that later builds seldom use
        again; without this the cache would grow for as long as the site is edited. The space
        the database file frees is reused, so the file stays about the size it has then.
        Returns whether entries were forgotten."""
        if self._db is None:
            return False
        try:
            size, baseline = self._bytes_used(), int(self._meta(TIDY_BASELINE) or 0)
            if baseline and size <= 2 * baseline + GROWTH_ALLOWED:
                return False
            if baseline:
                self._forget_unused(sorted(set(whole)))
            self._set_meta(TIDY_BASELINE, str(self._bytes_used()))
            return bool(baseline)
        except sqlite3.Error:
            return False

    def _bytes_used(self) -> int:
        """The bytes of the database's pages that hold data (not free ones)."""
        assert self._db is not None
        pages, free, size = (self._db.execute(f"PRAGMA {name}").fetchone()[0]
                             for name in ("page_count", "freelist_count", "page_size"))
        return int((pages - free) * size)

    def _forget_unused(self, whole: list[str]) -> None:
        assert self._db is not None
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used_keys (namespace TEXT, key TEXT,"
                         " PRIMARY KEY (namespace, key))")
        try:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM used_keys")
            self._db.executemany("INSERT OR IGNORE INTO used_keys VALUES (?, ?)",
                                 [(namespace, key) for namespace, keys in self._used.items()
                                  for key in keys])
            self._db.execute(
                f"DELETE FROM entries WHERE namespace NOT IN ({','.join('?' * len(whole))}) "
                "AND substr(namespace, 1, ?) != ? AND NOT EXISTS (SELECT 1 FROM used_keys "
                "WHERE used_keys.namespace = entries.namespace AND used_keys.key = entries.key)",
                [*whole, len(CHECK_RESULTS), CHECK_RESULTS])
            self._db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """End the build's use of the cache: nothing is written any more; what it holds can
        still be read."""
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def _reads_after_close(self) -> sqlite3.Connection | None:
        """A read-only connection, for what a closed cache is still asked."""
        if self._after is None and self.folder is not None and not self._after_failed:
            try:
                self._after = sqlite3.connect(
                    (self.folder / DATABASE).resolve().as_uri() + "?mode=ro", uri=True,
                    timeout=30, check_same_thread=False)
            except (sqlite3.Error, OSError):
                self._after_failed = True
        return self._after


TIDY_BASELINE = "tidied-size"  # the meta key of the bytes used after the last tidy-up
GROWTH_ALLOWED = 32 * 1024 * 1024  # bytes the cache may grow by, beyond twice that, untidied


# Small values (a page's record, a content file) are read back faster as they are; larger ones
# are compressed. Stored JSON never starts with the byte that starts a zlib stream.
COMPRESS_ABOVE = 16_384
PUT_BATCH = 500  # values written at once (put_many; steps that store as they go)
ZLIB_START = b"x"


def encoded(value: Any, compress: bool = True) -> bytes:
    """A value as put_many stores it (to be read back by get_many): made where the value is,
    such as in a worker process, and stored with put_blobs."""
    data = json.dumps(value, default=_encode, ensure_ascii=False).encode("utf-8")
    return zlib.compress(data, 1) if compress and len(data) > COMPRESS_ABOVE else data


def encoded_with_text(value: Any, text: str) -> bytes:
    """A value (as encoded() stores it) with a long text beside it, kept as UTF-8 rather than
    as a JSON string, which is read back a character at a time: for decoded_with_text, on
    bytes from get_blobs. (JSON never holds the NUL byte that ends the value: it writes
    \\u0000.)"""
    data = json.dumps(value, default=_encode, ensure_ascii=False).encode("utf-8") + \
        TEXT_MARK + text.encode("utf-8", "surrogatepass")
    return zlib.compress(data, 1) if len(data) > COMPRESS_ABOVE else data


def decoded_with_text(data: bytes) -> tuple[Any, str] | None:
    """The value and text that encoded_with_text stored; None when data is damaged."""
    try:
        if data[:1] == ZLIB_START:
            data = zlib.decompress(data)
        head, mark, text = data.partition(TEXT_MARK)
        if not mark:
            return None
        return _loaded(head), text.decode("utf-8", "surrogatepass")
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return None


TEXT_MARK = b"\x00"  # between a value and its text (encoded_with_text)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"cannot cache {type(value).__name__}")


DATE_MARK = b'"__date'  # in every value that _encode wrote a date or a time into


def _decode(value: dict[str, Any]) -> Any:
    if len(value) == 1:
        if "__date__" in value:
            return dt.date.fromisoformat(value["__date__"])
        if "__datetime__" in value:
            return dt.datetime.fromisoformat(value["__datetime__"])
    return value


# Made once: json.loads makes a decoder at each call, which costs more than reading a small
# value. The hook is called for every object: it is used only where a date may be.
_PLAIN_JSON = json.JSONDecoder()
_DATED_JSON = json.JSONDecoder(object_hook=_decode)


def _loaded(data: bytes) -> Any:
    """A value that encoded() wrote, from its UTF-8 bytes."""
    return (_DATED_JSON if DATE_MARK in data else _PLAIN_JSON).decode(data.decode("utf-8"))


def tracked_by_git(site_dir: Path) -> bool:
    """Whether git tracks anything under the site's .cache/ folder."""
    try:
        result = subprocess.run(["git", "-C", str(site_dir), "ls-files", "--", CACHE_DIR],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def open_cache(site_dir: Path, enabled: bool = True) -> BuildCache:
    """The site's build cache, or an empty one when caching is off or the folder is not to be
    trusted."""
    if not enabled or tracked_by_git(site_dir):
        return BuildCache(None)
    return BuildCache(site_dir / CACHE_DIR)


@contextlib.contextmanager
def existing_cache(site_dir: Path) -> Iterator[BuildCache | None]:
    """The site's build cache for a command that does not build (a report), when the site has
    one: None when it has none (such a command makes none), closed afterwards."""
    if not (site_dir / CACHE_DIR / DATABASE).is_file():
        yield None
        return
    cache = open_cache(site_dir)
    try:
        yield cache
    finally:
        cache.close()


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink()
        except OSError:
            pass
