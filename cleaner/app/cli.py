"""The command line: ``cleaner fix``, ``cleaner check``, ``cleaner rules``, ``cleaner explain``.

Exit status: 0 nothing to change (or changes written by ``fix``); 1 changes found by ``check``
or ``fix --diff``; 2 a usage or input error (one line naming the file, nothing written).
"""

from __future__ import annotations

import atexit
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from ..base.errors import CleanerError
from ..base.version import __version__
from ..output.printable import printable, printable_lines

# -h as well as --help, on every command (click passes help_option_names down to subcommands)
HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False, context_settings=HELP,
                  help="Repair machine-translation artifacts in news text (txt and Markdown).")
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="List and test rule packs.")
app.add_typer(rules_app, name="rules")
gazetteer_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Check, list, extend and mine gazetteers.")
app.add_typer(gazetteer_app, name="gazetteer")


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"  # GitHub Actions annotations (workflow commands)
    sarif = "sarif"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


Paths = Annotated[Optional[list[str]], typer.Argument(help="Files or folders (.txt, .md); '-' reads standard input "
                                                          "[default: the current folder].", show_default=False)]
RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule pack (file or folder); repeatable.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Config file to use instead of discovery.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format (github: annotations for GitHub Actions).")]
UnsafeOpt = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply suggestions (low-confidence edits).")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Read (and write) files in this encoding.")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule ids or prefixes; repeatable.")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule ids or prefixes; repeatable.")]
MinConfOpt = Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                     help="Apply only edits at least this confident [default: 0.75].")]
StdinNameOpt = Annotated[Optional[str], typer.Option("--stdin-filename",
                                                     help="Name for '-' input: picks the format (.md) and config.")]
GazetteerOpt = Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="Extra gazetteer file; repeatable.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary: only the findings (or changes, diff, JSON) and errors.")]
GrammarOpt = Annotated[Optional[bool], typer.Option("--grammar/--no-grammar",
                                                    help="Run the LanguageTool grammar pass (needs a LanguageTool server) [default: config].")]
LanguageToolUrlOpt = Annotated[Optional[str], typer.Option("--languagetool-url", metavar="URL",
                                                           help="LanguageTool server to use (implies --grammar); "
                                                                "else $CLEANER_LANGUAGETOOL_URL, then config.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                help="Worker processes for folders [default: every core].")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Clean every file again, even if it and the configuration are unchanged.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Where results are cached [default: the system's user cache folder, e.g. ~/.cache/cleaner].")]
ReportOpt = Annotated[Optional[Path], typer.Option("--report", help="Also write an HTML report (one self-contained page) to this file.")]
ColorOpt = Annotated[Optional[bool], typer.Option("--color/--no-color", show_default=False,
                                                  help="Colour, word-level changes with their reasons [default: on a terminal, unless NO_COLOR is set].")]


def _interrupted() -> None:
    """Ctrl-C: every file is either as it was or completely written (writes are atomic)."""
    typer.echo("cleaner: interrupted; files already written are complete, the others untouched", err=True)
    raise typer.Exit(130)


def _fail(exc: CleanerError) -> None:
    typer.echo(f"cleaner: error: {exc}", err=True)
    raise typer.Exit(2)


@app.command()
def fix(
    paths: Paths = None,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print a unified diff; exit 1 if anything would change.")] = False,
    unsafe_fixes: UnsafeOpt = False,
    format: FormatOpt = Format.text,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    encoding: EncodingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_confidence: MinConfOpt = None,
    stdin_filename: StdinNameOpt = None,
    quiet: QuietOpt = False,
    gazetteer: GazetteerOpt = None,
    grammar: GrammarOpt = None,
    languagetool_url: LanguageToolUrlOpt = None,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="List each change with its rule, confidence and reason, and the suggestions left.")] = False,
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", help="Write cleaned copies into this folder (a mirror tree); leave the originals untouched.")] = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    report: ReportOpt = None,
    color: ColorOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Also write read-only files (skipped with a message otherwise).")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="SCHEDULER", help="Clean on a Dask cluster (tcp://host:8786, or 'local': a LocalCluster of --jobs workers) into --output-dir; needs cleaner[dask].")] = None,
) -> None:
    """Apply safe repairs in place and list every change written (or show them with --diff)."""
    _run(paths, "diff" if diff else "fix", format=format, rules=rules, config=config, encoding=encoding,
         select=select, ignore=ignore, min_confidence=min_confidence, unsafe_fixes=unsafe_fixes,
         stdin_filename=stdin_filename, quiet=quiet, gazetteer=gazetteer, grammar=grammar,
         languagetool_url=languagetool_url, jobs=jobs, no_cache=no_cache, cache_dir=cache_dir, report=report,
         color=color, show_fixes=show_fixes, output_dir=output_dir, dask=dask, force=force)


@app.command()
def check(
    paths: Paths = None,
    unsafe_fixes: UnsafeOpt = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on suggestions too, not only on what fix would change.")] = False,
    format: FormatOpt = Format.text,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    encoding: EncodingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_confidence: MinConfOpt = None,
    stdin_filename: StdinNameOpt = None,
    quiet: QuietOpt = False,
    gazetteer: GazetteerOpt = None,
    grammar: GrammarOpt = None,
    languagetool_url: LanguageToolUrlOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    report: ReportOpt = None,
    color: ColorOpt = None,
) -> None:
    """Write nothing; print every finding with its rule, confidence and reason; exit 1 if fix would change anything."""
    _run(paths, "check", format=format, rules=rules, config=config, encoding=encoding, select=select,
         ignore=ignore, min_confidence=min_confidence, unsafe_fixes=unsafe_fixes, stdin_filename=stdin_filename,
         quiet=quiet, gazetteer=gazetteer, grammar=grammar, languagetool_url=languagetool_url, jobs=jobs,
         no_cache=no_cache, cache_dir=cache_dir, report=report, color=color, strict=strict)


def _settings(rules, gazetteer, select, ignore, min_confidence, unsafe_fixes=False):
    """The rule-setting options as one Settings (base/settings.py); an option not given is not set.
    Checked where they are combined with the config files (config.resolve)."""
    from ..base.settings import Settings  # lazy: loaded when this command runs (keeps --help fast)

    return Settings(rules=tuple(map(str, rules or ())), gazetteers=tuple(map(str, gazetteer or ())),
                    select=tuple(select) if select else None, ignore=tuple(ignore or ()),
                    min_confidence=min_confidence, unsafe_fixes=unsafe_fixes or None)


def _run(paths: list[str], mode: str, *, format: Format, rules, config, gazetteer, select, ignore, min_confidence,
         unsafe_fixes, no_cache, cache_dir, report, output_dir=None, dask=None, **rest) -> None:
    """What fix and check share: their options as one Options, the run, and its exit status."""
    from .options import Options  # lazy: loaded when this command runs (keeps --help fast)
    from .runner import run  # lazy: loaded when this command runs (keeps --help fast)

    def text(path):
        return str(path) if path else None

    options = Options(mode=mode, format=format.value, config=text(config),
                      settings=_settings(rules, gazetteer, select, ignore, min_confidence, unsafe_fixes),
                      cache=not no_cache, cache_dir=text(cache_dir), report=text(report), output_dir=text(output_dir),
                      **rest)
    try:
        paths = list(paths or ["."])  # no path: the current folder, as ruff and codespell do
        if dask:  # an archive on a Dask cluster: cleaner/app/archive_dask.py
            from .archive_dask import run_fix

            code = run_fix(paths, options, dask)
        else:
            code = run(paths, options)
    except CleanerError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        _interrupted()
    raise typer.Exit(code)


@app.command()
def review(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .md).")],
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    encoding: EncodingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_confidence: MinConfOpt = None,
    gazetteer: GazetteerOpt = None,
    color: ColorOpt = None,
) -> None:
    """Decide on each change, one at a time (y apply, n reject and remember, e edit, a all of this
    rule in this file, l leave, s skip file, q quit, ? help); applied changes are written per file."""
    from .review import Reviewer  # lazy: loaded when this command runs (keeps --help fast)
    from .options import Options  # lazy: loaded when this command runs (keeps --help fast)

    options = Options(mode="check", settings=_settings(rules, gazetteer, select, ignore, min_confidence),
                      config=str(config) if config else None, encoding=encoding, color=color, cache=False)
    try:
        code = Reviewer(options).run(paths)
    except CleanerError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.echo("\ncleaner review: interrupted; the file under review was not written", err=True)
        raise typer.Exit(130)
    raise typer.Exit(code)


@app.command()
def evaluate(
    mt: Annotated[Path, typer.Argument(metavar="MT_DIR", help="Machine translations (a folder, or one file).")],
    postedit: Annotated[Path, typer.Argument(metavar="POSTEDIT_DIR", help="Their post-edited versions, at the same relative paths (or one file).")],
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    examples: Annotated[int, typer.Option("--examples", min=0, help="Examples per rule of findings that moved away from the post-edit.")] = 3,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    encoding: EncodingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_confidence: MinConfOpt = None,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Judge every finding on your MT against your post-edits, per rule; print the min-confidence
    and ignore list that keep applied edits 99 % right on your data. Writes nothing; exit 0."""
    from .evaluate import as_json, evaluate as run_evaluation, render_text  # lazy: keeps --help fast
    from .options import Options  # lazy: loaded when this command runs (keeps --help fast)

    if format not in (Format.text, Format.json):
        _fail(CleanerError(f"--format {format.value}: evaluate prints text or json"))
    options = Options(mode="check", settings=_settings(rules, gazetteer, select, ignore, min_confidence),
                      config=str(config) if config else None, encoding=encoding, cache=False)
    try:
        result = run_evaluation(str(mt), str(postedit), options)
    except CleanerError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        _interrupted()
    if format == Format.json:
        import json

        typer.echo(json.dumps(as_json(result), ensure_ascii=False, indent=1))
    else:
        typer.echo(printable_lines(render_text(result, examples=examples)), nl=False)


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """List every rule: id, fix safety, confidence, pack and message."""
    from ..engine.core import (  # lazy: loaded when this command runs (keeps --help fast)
        Cleaner
    )

    try:
        cleaner = Cleaner(rules=[str(r) for r in rules or ()])
    except CleanerError as exc:
        _fail(exc)
    for pack in cleaner.packs:
        for rule in pack.rules:
            typer.echo(printable(f"{rule.id:<10} {rule.applicability:<8} {rule.confidence:.2f}  {pack.name:<15} {rule.message}"))


@rules_app.command("test")
def rules_test(paths: Annotated[list[Path], typer.Argument(help="Rule pack files or folders.")]) -> None:
    """Run the embedded examples of rule packs (for content teams writing their own)."""
    from ..packs.examples import (  # lazy: loaded when this command runs (keeps --help fast)
        check_rule
    )
    from ..packs.loading import (  # lazy: loaded when this command runs (keeps --help fast)
        load_packs
    )

    try:
        packs = load_packs(paths)
    except CleanerError as exc:
        _fail(exc)
    failures = passed = 0
    for pack in packs:
        for rule in pack.rules:
            problems = check_rule(rule)
            if problems:
                failures += 1
                for problem in problems:
                    typer.echo(f"FAIL {rule.where()} {problem}")
            else:
                passed += 1
                typer.echo(f"ok   {rule.id} ({len(rule.examples)} examples)")
    typer.echo(f"{passed} passed, {failures} failed")
    raise typer.Exit(1 if failures else 0)


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. DASH001, or a merged one, e.g. CAP001+PIV001.")],
            rules: RulesOpt = None) -> None:
    """What a rule does, why, its examples, and whether fix applies it."""
    if rule_id.upper().startswith("LT:"):  # a LanguageTool rule (the grammar pass)
        from ..passes.grammar_policy import (  # lazy: loaded when this command runs (keeps --help fast)
            load_policy
        )

        try:
            typer.echo(load_policy().explain(rule_id.upper()))
        except CleanerError as exc:
            _fail(exc)
        return
    from ..engine.core import (  # lazy: loaded when this command runs (keeps --help fast)
        Cleaner
    )

    try:
        cleaner = Cleaner(rules=[str(r) for r in rules or ()])
    except CleanerError as exc:
        _fail(exc)
    # "CAP001+PIV001": one change several rules made together (as the output prints it): each part
    parts = [part.strip().upper() for part in rule_id.split("+")]
    found = [cleaner.rule(part) for part in parts]
    missing = [part for part, rule in zip(parts, found) if rule is None]
    if missing:
        typer.echo(f"cleaner: error: no rule {missing[0]!r} (see 'cleaner rules list')", err=True)
        raise typer.Exit(2)
    if len(parts) > 1:
        typer.echo(f"{rule_id.upper()}: one change made by {len(parts)} rules together; each of them:\n")
    typer.echo(printable_lines("\n\n".join(_explain_rule(rule) for rule in found)))  # a pack's text, escaped


def _explain_rule(rule) -> str:
    safety = ("safe: `cleaner fix` applies it" if rule.applicability == "safe"
              else "suggestion: reported; applied only with --unsafe-fixes")
    out = [f"{rule.id} ({rule.name})", "", rule.message, ""]
    if rule.explanation:
        out += [rule.explanation, ""]
    out += [f"Fix safety: {safety}; confidence {rule.confidence:.2f}.", f"Kind: {rule.kind}; defined in {rule.where()}.", ""]
    for ex in rule.examples:
        if ex.output is None:
            out.append(f"  unchanged: {ex.input}")
        else:
            out.append(f"  before:    {ex.input}")
            out.append(f"  after:     {ex.output}")
    return "\n".join(out)


@gazetteer_app.command("check")
def gazetteer_check(files: Annotated[list[Path], typer.Argument(help="Gazetteer files or folders.")],
                    alone: Annotated[bool, typer.Option("--alone", help="Check without the bundled gazetteer.")] = False) -> None:
    """Validate gazetteer files (with the bundled one, as cleaner will use them). Exit 1 when two
    entities clash over a form (cleaner resolves it and runs; the warning says how)."""
    from ..base.resources import (  # lazy: loaded when this command runs (keeps --help fast)
        bundled_gazetteers
    )
    from ..names.gazetteer import (  # lazy: loaded when this command runs (keeps --help fast)
        load_gazetteers
    )

    try:
        gaz = load_gazetteers(list(files), base=[] if alone else bundled_gazetteers())
    except CleanerError as exc:
        _fail(exc)
    for warning in gaz.warnings:
        typer.echo(printable(f"warning: {warning}"))
    if gaz.warnings:  # cleaner runs with them resolved; a curator fixes the file
        typer.echo(f"{len(gaz)} entities; {len(gaz.warnings)} clash(es) resolved as said (fix the file to silence them)")
        raise typer.Exit(1)
    typer.echo(f"ok: {len(gaz)} entities")


@gazetteer_app.command("list")
def gazetteer_list(kind: Annotated[Optional[str], typer.Option("--kind", help="Only this kind.")] = None,
                   gazetteer: GazetteerOpt = None) -> None:
    """List entities: name, kind and aliases (tab-separated)."""
    from ..names.context import (  # lazy: loaded when this command runs (keeps --help fast)
        Context
    )
    from ..names.gazetteer import (  # lazy: loaded when this command runs (keeps --help fast)
        KINDS
    )

    if kind is not None and kind not in KINDS:
        typer.echo(f"cleaner: error: --kind must be one of {', '.join(KINDS)}", err=True)
        raise typer.Exit(2)
    try:
        gaz = Context([str(g) for g in gazetteer or ()]).gazetteer
    except CleanerError as exc:
        _fail(exc)
    for entity in gaz:
        if kind is None or entity.kind == kind:
            typer.echo("\t".join([entity.name, entity.kind, ", ".join(entity.aliases)]))


@gazetteer_app.command("add")
def gazetteer_add(
    name: Annotated[str, typer.Argument(help="Canonical spelling, as the entity spells itself.")],
    kind: Annotated[str, typer.Option("--kind", help="person | organization | place | media | event | thing")],
    file: Annotated[Path, typer.Option("--file", help="Gazetteer file to edit (created if missing).")],
    gender: Annotated[Optional[str], typer.Option("--gender", help="male | female (persons)")] = None,
    alias: Annotated[Optional[list[str]], typer.Option("--alias", help="Another correct form; repeatable.")] = None,
    misspelling: Annotated[Optional[list[str]], typer.Option("--misspelling", help="A known wrong form; repeatable.")] = None,
) -> None:
    """Add an entity to a gazetteer file, keeping its comments and order."""
    from ..base.resources import (  # lazy: loaded when this command runs (keeps --help fast)
        bundled_gazetteers
    )
    from ..names.gazetteer_tools import (  # lazy: loaded when this command runs (keeps --help fast)
        add_entity
    )

    try:
        add_entity(file, name, kind, gender=gender, aliases=alias or (), misspellings=misspelling or (),
                   others=bundled_gazetteers())
    except CleanerError as exc:
        _fail(exc)
    typer.echo(f"added {name!r} ({kind}) to {file}")


@gazetteer_app.command("suggest")
def gazetteer_suggest(paths: Paths = None, gazetteer: GazetteerOpt = None,
                      min_count: Annotated[int, typer.Option("--min-count", min=2, help="Occurrences a cluster needs.")] = 2) -> None:
    """Mine articles for clusters of near-identical names no gazetteer knows; print TOML to curate."""
    from ..names.context import (  # lazy: loaded when this command runs (keeps --help fast)
        Context
    )
    from ..names.gazetteer_tools import (  # lazy: loaded when this command runs (keeps --help fast)
        cluster_toml, suggest
    )

    try:
        gaz = Context([str(g) for g in gazetteer or ()]).gazetteer
        clusters = suggest(list(paths or ["."]), gaz, min_count=min_count)
    except CleanerError as exc:
        _fail(exc)
    typer.echo("\n".join(cluster_toml(c) for c in clusters) if clusters else "# no unknown name clusters found")


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("config")
def config_command(
    path: Annotated[str, typer.Argument(help="A file or folder [default: the current folder].")] = ".",
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    gazetteer: GazetteerOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_confidence: MinConfOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    format: Annotated[ConfigFormat, typer.Option("--format", help="Output format.")] = ConfigFormat.text,
) -> None:
    """Print the configuration PATH is cleaned with, and where each value came from."""
    from .showconfig import show  # lazy: loaded when this command runs (keeps --help fast)

    cli = _settings(rules, gazetteer, select, ignore, min_confidence, unsafe_fixes)
    try:
        typer.echo(show(path, config=str(config) if config else None, cli=cli, fmt=format.value), nl=False)
    except CleanerError as exc:
        _fail(exc)


def main() -> None:
    # Typer reports its own usage errors with exit status 2.
    app(prog_name="cleaner")


def entry_point() -> NoReturn:
    """The ``cleaner`` command (and ``python -m cleaner``): :func:`main`, then a quick exit.

    Tearing the interpreter down frees the gazetteer, the patterns and every module one object at
    a time: ~40 ms of the ~300 ms a pre-commit run on one article takes. Once the command has
    finished, its files are written (atomically) and closed, so this flushes the output, runs the
    exit handlers (multiprocessing's, the LanguageTool server's shutdown) and ends the process
    without the teardown. An exception, a message passed to sys.exit, or an output that cannot
    be flushed (a closed pipe) takes Python's usual way out instead; so does a run under a
    profiler or tracer (``python -m cProfile -m cleaner`` writes its profile after main returns).
    """
    try:
        main()
        status = 0
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        status = exc.code or 0
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        raise SystemExit(status) from None
    atexit._run_exitfuncs()
    os._exit(status)
