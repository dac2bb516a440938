"""What a gate reports, and the report that groups findings by gate for people to read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

GATES = {
    "links": "Links",
    "accessibility": "Accessibility in Chromium (axe-core, reflow, focus, skip link, direction)",
    "html": "Valid HTML (Nu Html Checker)",
    "privacy": "No request to another site, nothing a strict content security policy blocks",
    "no-js": "Works without JavaScript",
    "content": "Content (for communications staff)",
    "parity": "Translations match their originals",
    "weight": "Page weight",
    "readiness": "Ready for the public (details only the organization can give)",
}


@dataclass(frozen=True)
class Finding:
    """One problem on one page, traced to its source file and line where possible."""

    gate: str
    severity: str  # "error", "warning", or "notice" (reported, never fails a check)
    url: str
    message: str
    src_path: str | None = None
    line: int | None = None

    def location(self) -> str:
        if self.src_path is None:
            return self.url
        where = f"{self.src_path}:{self.line}" if self.line else self.src_path
        return f"{self.url} ({where})"

    def sort_key(self) -> tuple[str, str, int, str]:
        return (self.url, self.src_path or "", self.line or 0, self.message)


@dataclass(frozen=True)
class GateNote:
    """A gate that could not run (a missing tool), or extra facts about a run."""

    gate: str
    text: str
    severity: str = "info"  # "info", "warning" or "error"


def count(findings: list[Finding], notes: list[GateNote], severity: str) -> int:
    return (sum(f.severity == severity for f in findings)
            + sum(n.severity == severity for n in notes))


def format_report(findings: list[Finding], notes: list[GateNote], pages: int) -> str:
    """The whole report: one section per gate, each finding with its page and source."""
    by_gate: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_gate[finding.gate].append(finding)
    lines = []
    # a gate missing from GATES still has its section, named after it: nothing found is hidden
    others = sorted(({f.gate for f in findings} | {n.gate for n in notes}) - set(GATES))
    for gate, title in [*GATES.items(), *((gate, gate) for gate in others)]:
        found = sorted(by_gate.get(gate, []), key=Finding.sort_key)
        gate_notes = [n for n in notes if n.gate == gate]
        errors, warnings = count(found, gate_notes, "error"), count(found, gate_notes, "warning")
        notices = count(found, gate_notes, "notice")
        status = "ok" if not errors and not warnings else f"{_plural(errors, 'error')}, " \
                                                          f"{_plural(warnings, 'warning')}"
        if notices:
            status += f" ({_plural(notices, 'notice')})"
        lines.append(f"== {title}: {status}")
        for note in gate_notes:
            lines.append(f"  {note.severity}: {note.text}" if note.severity != "info"
                         else f"  {note.text}")
        for finding in found:
            lines.append(f"  {finding.severity}: {finding.location()}: {finding.message}")
    errors, warnings = count(findings, notes, "error"), count(findings, notes, "warning")
    lines.append(f"Checked {pages} pages: {_plural(errors, 'error')}, "
                 f"{_plural(warnings, 'warning')}.")
    return "\n".join(lines)


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
