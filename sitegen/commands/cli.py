"""The command line: parse arguments, run a command, print results for people, set the exit code.

No pipeline logic lives here."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildFailed, ContentError, Report
from .terminal import Progress, paint

if TYPE_CHECKING:
    from ..cache import BuildCache
    from ..pipeline import BuildOptions, BuildResult
    from ..publish.up_to_date import Seen
    from ..source.config import SiteConfig
    from ..source.model import Source

COMMANDS = ("build", "check", "translations", "new", "serve", "deploy", "schema", "cms")
# The modules behind each command are imported when it runs: a build with nothing to do ends
# before the pipeline is even loaded.
FAIL_ON_CHOICES = ("differences", "missing", "outdated", "unmarked")  # translation_commands.FAIL_ON


EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault of the generator, not of the site's files
DEBUG_VARIABLE = "SITEGEN_DEBUG"


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help"):
        args_list.insert(0, "build")
    parser = _parser()
    args, extra = parser.parse_known_args(args_list)
    # `translations import --site S a.po b.po`: words after an option are words too
    if extra and isinstance(getattr(args, "words", None), list) and \
            not any(word.startswith("-") for word in extra):
        args.words = [*args.words, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BuildFailed as failure:
        print_problems(failure.errors, failure.warnings)
        return 1
    except ContentError as problem:
        print_problems([problem], [])
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for people; see internal_error
        if os.environ.get(DEBUG_VARIABLE):
            raise
        print(internal_error(exc), file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def internal_error(exc: BaseException) -> str:
    """What to say when the generator itself fails: whose fault it is, where it happened (for
    whoever fixes it), and how to report it, without a traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "sitegen" in Path(f.filename).parts] or frames
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return (f"Internal error: the generator stopped on a problem of its own "
            f"({type(exc).__name__}{where}: {exc}).\n"
            "This is a fault in the generator, not in your files.\n"
            "Please report it as docs/security.md explains (\"Reporting a problem\"), with the "
            f"command you ran. Run it again with {DEBUG_VARIABLE}=1 to see the technical details.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the multilingual static site from content/.")
    commands = parser.add_subparsers(dest="command")
    build = commands.add_parser("build", help="build the site into output/ (the default)")
    _add_build_options(build)
    build.add_argument("--drafts", action="store_true",
                       help="build a copy for the team to review, never for publishing: "
                            "drafts too (each with a Draft banner) and the translation report "
                            "at /_reports/translations/")
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
    translations = commands.add_parser(
        "translations", help="show which translations are up to date, outdated or missing; "
                             "`translations mark peace.fr` records that a translation is done")
    translations.add_argument("words", nargs="*", metavar="ACTION",
                              help="`mark` followed by translations such as peace.fr; `export` "
                                   "(with --lang and --out) to write PO files for translators; "
                                   "`import` followed by PO files or folders")
    translations.add_argument("--site", type=Path, default=Path("."), help="the site folder")
    translations.add_argument("--format", choices=("text", "json", "po"), default=None,
                              help="the report as text (the default) or json; export writes po")
    translations.add_argument("--lang", help="export: the language to translate into, e.g. fr")
    translations.add_argument("--only", default="", metavar="STATUSES",
                              help="export: only translations that are, e.g., outdated,missing")
    translations.add_argument("--out", type=Path, default=Path("translations-po"),
                              help="export: the folder to write into (default: translations-po)")
    translations.add_argument("--fail-on", action="append", default=[],
                              choices=FAIL_ON_CHOICES,
                              help="exit 1 if any translation is outdated (or not marked), "
                                   "missing (or awaiting translation), not marked, or differs "
                                   "from its original (differences)")
    translations.add_argument("--checked", action="store_true",
                              help="with mark: mark every translation ticked as checked in the "
                                   "browser editor (translation_checked: true)")
    translations.add_argument("--force", action="store_true",
                              help="with mark: mark a translation even though it differs from "
                                   "its original (a heading, list item, link, phone number, "
                                   "e-mail address, number or date)")
    translations.set_defaults(func=run_translations)
    new = commands.add_parser("new", help='create a new item in every language, e.g. '
                                          'new program "Youth Soccer Nights"')
    new.add_argument("collection", help="program, partner, resource, page...")
    new.add_argument("title", help="the title in the default language")
    new.add_argument("--slug", help="the web address name (default: made from the title)")
    new.add_argument("--site", type=Path, default=Path("."), help="the site folder")
    new.set_defaults(func=run_new)
    serve = commands.add_parser("serve", help="build, preview on http://127.0.0.1:8000/ and "
                                              "rebuild when a file changes")
    _add_build_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       type=_host_name,
                       help="also answer when the browser uses this name, e.g. mylaptop.local "
                            "with --host 0.0.0.0; repeat for several names (the preview refuses "
                            "other names, so that other websites cannot reach it)")
    serve.add_argument("--edit", action="store_true",
                       help="also serve the browser editor at /admin/, which saves into this "
                            "site folder (see docs/editing.md)")
    serve.add_argument("--edit-port", type=int, default=8081,
                       help="the port of the editor's file server (default: 8081)")
    serve.set_defaults(func=run_serve)
    schema = commands.add_parser(
        "schema", help="write JSON Schemas of site_config.yaml and of each collection's front "
                       "matter, for editors that check YAML as you type (docs/collections.md)")
    schema.add_argument("--site", type=Path, default=Path("."), help="the site folder")
    schema.add_argument("--out", type=Path, default=None,
                        help="the folder to write them into (default: schemas/ in the site "
                             "folder)")
    schema.add_argument("--reference", type=Path, default=None, metavar="FILE",
                        help="also write the reference of every setting of site_config.yaml, "
                             "as Markdown, e.g. docs/settings-reference.md")
    schema.set_defaults(func=run_schema)
    cms = commands.add_parser(
        "cms", help="the browser editor's configuration (Decap CMS), made from the collections "
                    "and site_config.yaml: --print shows it")
    cms.add_argument("--site", type=Path, default=Path("."), help="the site folder")
    cms.add_argument("--print", dest="show", action="store_true",
                     help="print the configuration (YAML)")
    cms.set_defaults(func=run_cms)
    deploy = commands.add_parser("deploy", help="build strictly, then publish the site as a new "
                                                "version in a web server's folder, switched on "
                                                "in one step (see docs/publishing.md)")
    _add_build_options(deploy)
    deploy.add_argument("--to", type=Path, required=True, help="the web server's folder")
    deploy.set_defaults(func=run_deploy)
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
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip the search index, for quicker local builds")
    parser.add_argument("--jobs", type=_positive, default=None, metavar="N",
                        help="processes for reading content, Markdown, templates and the "
                             "search index (default: one per core)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="build everything again, without the results of earlier builds "
                             "(kept in .cache/ of the site folder)")
    parser.add_argument("--base-url", default=None,
                        help="publish for this address instead of site_config.yaml's base_url, "
                             "e.g. https://example.org/preview/pr-12/")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of 1 or more')
    return int(text)


def _parse_now(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date and time; write it like 2026-03-14T09:00:00+00:00') from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def build_options(args: argparse.Namespace) -> BuildOptions:
    from ..pipeline import BuildOptions

    # None: the pipeline takes the moment it starts; a fixed moment makes builds reproducible
    now = _now(args) if args.now is not None or os.environ.get("SOURCE_DATE_EPOCH") else None
    site_dir = args.site
    return BuildOptions(site_dir=site_dir, out_dir=args.output or site_dir / "output",
                        strict=args.strict, now=now, search=args.search,
                        base_url=args.base_url, review=getattr(args, "drafts", False),
                        jobs=args.jobs, cache=args.cache)


def run_build(args: argparse.Namespace) -> int:
    seen = None
    if args.cache:
        done, seen = _nothing_to_do(args)
        if done:
            return 0
    return 0 if _build(args, seen) is not None else 1


def _nothing_to_do(args: argparse.Namespace) -> tuple[bool, Seen | None]:
    """When the last build into the same folder is still what this one would write, say so and
    repeat its warnings, without loading the pipeline. Also gives the input state it looked
    at, for the build when there is one."""
    from ..publish.up_to_date import build_settings, last_build

    review = getattr(args, "drafts", False)
    out_dir = args.output or args.site / "output"
    settings = build_settings(args.base_url, review, args.search, args.strict, args.site)
    record, seen = last_build(args.site, out_dir, settings, _now(args))
    if record is None:
        return False, seen
    warnings = [ContentError(**warning) for warning in record["warnings"]]
    print_problems([], warnings)
    if not args.quiet:
        pages = record["pages"]
        print(f"Nothing changed since the last build: {out_dir} is up to date "
              f"({sum(pages.values())} pages: "
              + ", ".join(f"{code} {count}" for code, count in pages.items())
              + f"; {_count(len(warnings), 'warning')}).")
    return True, seen


def _now(args: argparse.Namespace) -> dt.datetime:
    if args.now is not None:
        moment: dt.datetime = args.now
        return moment
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def _build(args: argparse.Namespace, seen: Seen | None = None,
           ) -> tuple[BuildResult, BuildOptions] | None:
    from ..pipeline import build_site

    progress = Progress()
    options = dataclasses.replace(build_options(args), inputs_seen=seen)
    if not args.quiet:
        options = dataclasses.replace(options, on_page=progress.page)
    try:
        result = build_site(options)
    except BuildFailed as failure:
        progress.finish()
        print_problems(failure.errors, failure.warnings)
        print(f"\nBuild failed with {_count(len(failure.errors), 'error')}; "
              f"{options.out_dir} was left unchanged.", file=sys.stderr)
        return None
    progress.finish()
    print_problems([], result.warnings)
    if not args.quiet:
        print(summary(result, options.out_dir))
    return result, options


def run_check(args: argparse.Namespace) -> int:
    from ..cache import existing_cache
    from ..quality.findings import format_report
    from ..quality.gates import run_gates

    built = _build(args)
    if built is None:
        return 1
    result, options = built
    progress = Progress()

    def gate_done(name: str, seconds: float) -> None:
        progress.finish()
        print(f"  {name}: {seconds:.1f} s", flush=True)

    if not args.quiet:
        print("Running the quality gates...", flush=True)
    with existing_cache(options.site_dir) if options.cache else contextlib.nullcontext() as cache:
        gates = run_gates(result, options.out_dir, require_tools=args.require_tools,
                          on_gate=None if args.quiet else gate_done,
                          on_progress=None if args.quiet else progress.count, cache=cache)
    progress.finish()
    print(format_report(gates.findings, gates.notes, gates.pages))
    return 1 if gates.errors(strict=args.strict) else 0


def run_deploy(args: argparse.Namespace) -> int:
    from ..publish.deploy import deploy, describe

    args.strict = True  # what is published must pass without warnings
    built = _build(args)
    if built is None:
        return 1
    _result, options = built
    try:
        done = deploy(Path(options.out_dir), args.to)
    except ContentError as problem:  # a full disk
        print_problems([problem], [])
        return 1
    print("\n".join(describe(done)))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve import is_loopback, listens_everywhere, serve  # tornado is only needed here

    if not is_loopback(args.host):
        print(f"Warning: listening on {args.host} makes the preview reachable by other computers "
              "on the network. It is meant for checking your own changes, not for publishing: "
              "use `build.py deploy` for that.", file=sys.stderr)
        if listens_everywhere(args.host) and not args.allow_host:
            print("Other computers must use a name given with --allow-host, such as this "
                  "computer's name or address: the preview refuses the others.", file=sys.stderr)
    routes: list[tuple[object, ...]] = []
    editor = None
    if args.edit:
        from .editor import Editor, EditorUnavailable, editor_routes

        editor = Editor(args.site, args.edit_port)
        try:
            editor.start()
        except EditorUnavailable as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        routes = list(editor_routes(editor))
        print(f"The editor is at http://localhost:{args.port}/admin/ ; what it saves goes "
              f"into {args.site / 'content'}.", flush=True)
    try:
        # The preview shows drafts, with a banner, and the team's pages; builds that publish
        # never do.
        return serve(dataclasses.replace(build_options(args), review=True), args.host,
                     args.port, lambda text: print(text, flush=True), quiet=args.quiet,
                     allow_hosts=args.allow_host, routes=routes,
                     on_save=editor.record_checked if editor is not None else None)
    finally:
        if editor is not None:
            editor.stop()


def _host_name(text: str) -> str:
    """A name for --allow-host: a host name, an IPv4 address or an IPv6 address, without a port."""
    import ipaddress

    try:
        ipaddress.IPv6Address(text.removeprefix("[").removesuffix("]"))
        return text
    except ValueError:
        if text and all(char.isascii() and (char.isalnum() or char in ".-_") for char in text):
            return text
    raise argparse.ArgumentTypeError(
        f'"{text}" is not a host name; write it like mylaptop.local or 192.168.1.20, '
        "without http:// or a port")


def run_new(args: argparse.Namespace) -> int:
    try:
        from ..source.config import load_config
        from .scaffold import new_item

        config = load_config(args.site)
        created = new_item(args.site, config, args.collection, args.title, args.slug)
    except BuildFailed as failure:
        print_problems(failure.errors, [])
        return 1
    except ContentError as problem:
        print_problems([problem], [])
        return 1
    print("Created:")
    for path in created:
        print(f"  {path.relative_to(args.site).as_posix()}")
    print("Fill in the lines marked TODO: in the first file, then send the others for "
          "translation.")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from ..source.config import load_config
    from ..render.json_schema import write_schemas

    out = args.out or args.site / "schemas"
    written = write_schemas(load_config(args.site), out)
    print(f"Wrote {len(written)} schemas into {out}: "
          + ", ".join(path.name for path in written))
    if args.reference is not None:
        from ..render.settings_reference import settings_reference

        args.reference.write_text(settings_reference(), encoding="utf-8")
        print(f"Wrote the settings reference into {args.reference}")
    return 0


def run_cms(args: argparse.Namespace) -> int:
    from ..source.config import load_config
    from ..render.cms_config import cms_yaml, read_known

    text = cms_yaml(read_known(args.site, load_config(args.site)))
    if args.show:
        print(text, end="")
    else:
        print("The editor's configuration is made from site_config.yaml and the collections: "
              "`cms --print` shows it.")
    return 0


def run_translations(args: argparse.Namespace) -> int:
    from ..cache import existing_cache
    from ..source.config import load_config

    if args.words and args.words[0] not in ("mark", "export", "import"):
        print(f'Unknown action "{args.words[0]}": use `translations`, `translations mark '
              'peace.fr`, `translations export --lang fr` or `translations import FILE.po`.',
              file=sys.stderr)
        return 2
    try:
        config = load_config(args.site)
    except BuildFailed as failure:
        print_problems(failure.errors, [])
        return 1
    # what a build read and worked out (the files, the texts' outlines) is taken from its cache
    with existing_cache(args.site) as cache:
        return _translations(args, config, cache)


def _translations(args: argparse.Namespace, config: SiteConfig, cache: BuildCache | None) -> int:
    from ..parallel import default_jobs
    from ..source.reader import read_sources
    from .translation_commands import (failing, format_json, format_text, mark, mark_checked,
                                       report_states, site_option_for)

    report = Report()
    sources, _unreadable = read_sources(args.site, config, report, cache, default_jobs())
    if report.errors:
        print_problems(report.errors, [])
        return 1
    site_option = site_option_for(args.site)
    if args.words and args.words[0] in ("export", "import"):
        return _po_action(args, sources, config)
    if args.words:
        if len(args.words) == 1 and not args.checked:
            print("Name the translations to mark, for example: translations mark peace.fr; "
                  "or mark those ticked in the editor: translations mark --checked",
                  file=sys.stderr)
            return 2
        lines = mark_checked(args.site, sources, config, report) if args.checked else []
        lines += mark(args.site, sources, config, args.words[1:], report, args.force,
                      site_option)
        if args.checked and not lines and not report.errors:
            lines = ["No translation is ticked as checked."]
        for line in lines:
            print(line)
        print_problems(report.errors, report.warnings)
        return 1 if report.errors else 0
    states = report_states(args.site, sources, config, default_jobs(), cache)
    print(format_json(states, site_option) if args.format == "json"
          else format_text(states, config, site_option))
    return 1 if failing(states, args.fail_on) else 0


def _po_action(args: argparse.Namespace, sources: list[Source], config: SiteConfig) -> int:
    """translations export / import: PO catalogs for translators (docs/translating.md)."""
    from .translation_po import export_catalogs, import_catalogs, parse_only

    if args.words[0] == "export":
        others = [code for code in config.codes if code != config.default_language.code]
        if args.lang not in others or args.format not in (None, "po"):
            print("Name the language to translate into, e.g. translations export --lang "
                  f"{others[0] if others else 'fr'} (one of {', '.join(others)}); the only "
                  "format is po.", file=sys.stderr)
            return 2
        try:
            only = parse_only(args.only)
        except ValueError as problem:
            print(f"--only: {problem}.", file=sys.stderr)
            return 2
        written = export_catalogs(args.site, sources, config, args.lang, only, args.out)
        print(f"Wrote {len(written)} PO files into {args.out / args.lang}: send them to the "
              "translator, then run `translations import` on the translated files.")
        return 0
    paths = [found for given in args.words[1:] for found in
             (sorted(Path(given).rglob("*.po")) if Path(given).is_dir() else [Path(given)])]
    if not paths:
        print("Name the PO files (or folders of them) to import, e.g. translations import "
              "translations-po/fr", file=sys.stderr)
        return 2
    report = Report()
    written = import_catalogs(args.site, sources, config, paths, report)
    for path in written:
        print(f"  {path.relative_to(args.site).as_posix()}")
    print(f"Wrote {len(written)} translations from {len(paths)} PO files.")
    print_problems(report.errors, report.warnings)
    return 1 if report.errors else 0


def print_problems(errors: list[ContentError], warnings: list[ContentError]) -> None:
    for problem in errors:
        print(f"{paint('error:', 'error', sys.stderr)} {problem}", file=sys.stderr)
    for problem in warnings:
        print(f"{paint('warning:', 'warning', sys.stderr)} {problem}", file=sys.stderr)


def summary(result: BuildResult, out_dir: Path) -> str:
    per_lang = ", ".join(f"{code} {count}" for code, count in result.pages_per_language.items())
    total = sum(result.pages_per_language.values())
    text = (f"Built {total} pages ({per_lang}) into {out_dir} in {result.seconds:.2f} s, "
            f"{_count(len(result.warnings), 'warning')}.")
    if result.search_sizes:
        text += "\nSearch index: " + ", ".join(
            f"{code} {result.search_sizes.get(code, 0) / 1024:.0f} KiB"
            for code in result.pages_per_language) + "."
    return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
