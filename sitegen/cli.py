"""The command line: parse arguments, run a command, print results for people, set the exit code.

No pipeline logic lives here."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .errors import BuildFailed, ContentError
from .pipeline import BuildOptions, BuildResult, build_site

COMMANDS = ("build", "check")


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help"):
        args_list.insert(0, "build")
    args = _parser().parse_args(args_list)
    return args.func(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the multilingual static site from content/.")
    commands = parser.add_subparsers(dest="command")
    build = commands.add_parser("build", help="build the site into output/ (the default)")
    _add_build_options(build)
    build.set_defaults(func=run_build)
    check = commands.add_parser(
        "check", help="build, then run every quality gate (links, accessibility in Chromium, "
                      "valid HTML, privacy, content, page weight)")
    _add_build_options(check)
    check.add_argument("--require-tools", action="store_true",
                       default=bool(os.environ.get("CI")),
                       help="fail when Chromium, Java or the npm tools are missing "
                            "(the default when the CI variable is set)")
    check.set_defaults(func=run_check)
    return parser


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."),
                        help="the site folder, with site_config.yaml (default: this folder)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the site (default: output/ in the site folder)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--now", type=_parse_now, default=None,
                        help="the build's date and time, e.g. 2026-03-14T09:00:00+00:00 "
                             "(default: SOURCE_DATE_EPOCH if set, else now)")
    parser.add_argument("--quiet", action="store_true", help="print only problems")


def _parse_now(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date and time; write it like 2026-03-14T09:00:00+00:00') from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def build_options(args: argparse.Namespace) -> BuildOptions:
    now = args.now
    if now is None and os.environ.get("SOURCE_DATE_EPOCH"):
        now = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
    site_dir = args.site
    return BuildOptions(site_dir=site_dir, out_dir=args.output or site_dir / "output",
                        strict=args.strict, now=now)


def run_build(args: argparse.Namespace) -> int:
    return 0 if _build(args) is not None else 1


def _build(args: argparse.Namespace) -> tuple[BuildResult, BuildOptions] | None:
    options = build_options(args)
    try:
        result = build_site(options)
    except BuildFailed as failure:
        print_problems(failure.errors, failure.warnings)
        print(f"\nBuild failed with {_count(len(failure.errors), 'error')}; "
              f"{options.out_dir} was left unchanged.", file=sys.stderr)
        return None
    print_problems([], result.warnings)
    if not args.quiet:
        print(summary(result, options.out_dir))
    return result, options


def run_check(args: argparse.Namespace) -> int:
    from .quality.findings import format_report
    from .quality.gates import run_gates

    built = _build(args)
    if built is None:
        return 1
    result, options = built
    if not args.quiet:
        print("Running the quality gates...", flush=True)
    gates = run_gates(result, options.out_dir, require_tools=args.require_tools)
    print(format_report(gates.findings, gates.notes, gates.pages))
    return 1 if gates.errors(strict=args.strict) else 0


def print_problems(errors: list[ContentError], warnings: list[ContentError]) -> None:
    for problem in errors:
        print(f"error: {problem}", file=sys.stderr)
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)


def summary(result: BuildResult, out_dir: Path) -> str:
    per_lang = ", ".join(f"{code} {count}" for code, count in result.pages_per_language.items())
    total = sum(result.pages_per_language.values())
    return (f"Built {total} pages ({per_lang}) into {out_dir} in {result.seconds:.2f} s, "
            f"{_count(len(result.warnings), 'warning')}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
