"""Run one build command and measure it: wall time from start to exit, and the peak resident
memory of the largest process it ran (its own, or that of any child it waited for).

Memory comes from `/usr/bin/time -v` when it is installed; otherwise from os.wait4 on the
command's process, the same kernel figure (ru_maxrss) that /usr/bin/time reports."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TIME = Path("/usr/bin/time")
MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
MEMORY_METHOD = ("/usr/bin/time -v" if TIME.exists() else "os.wait4 ru_maxrss") + \
    " (peak resident memory of the largest process of the command)"


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_kib: int | None
    returncode: int
    log: Path


def run(command: list[str], cwd: Path, log: Path,
        env: Mapping[str, str] | None = None) -> Run:
    """Run command with its output into log; nothing else runs meanwhile. It runs as on a
    user's machine, where Python keeps the modules it compiles (__pycache__): an environment
    that says not to (PYTHONDONTWRITEBYTECODE) would have every run compile its code again.
    It starts with the disk idle: what earlier runs wrote (thousands of pages) is flushed to
    disk first, before the clock starts, so that no run pays for the previous one's writes."""
    log.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(os, "sync"):
        os.sync()
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(env or {})
    with log.open("w", encoding="utf-8") as out:
        if TIME.exists():
            usage = log.with_suffix(".time")
            argv = [str(TIME), "-v", "-o", str(usage), *command]
            start = time.perf_counter()
            code = subprocess.run(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  env=environment).returncode
            seconds = time.perf_counter() - start
            found = MAX_RSS.search(usage.read_text(encoding="utf-8", errors="replace")) \
                if usage.exists() else None
            rss = int(found.group(1)) if found else None
        else:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                       env=environment)
            _, status, usage_info = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            code, rss = process.returncode, usage_info.ru_maxrss  # KiB on Linux
    return Run(seconds, rss, code, log)


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
