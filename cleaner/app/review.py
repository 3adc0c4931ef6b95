"""``cleaner review PATH...``: decide on each change, one at a time, in the spirit of ``git add -p``.

Every finding is offered — the edits ``fix`` would apply and the suggestions it would only report
— in its sentence, with its rule, confidence and reason. Keys:

Each answer is one key, no Enter needed at a terminal (from a pipe: one answer a line).

    y  apply this change            n  reject it, and remember (not proposed again)
    e  edit the replacement, apply  a  apply this and every later change of this rule in this file
    l  leave it undecided for now   s  skip the rest of this file
    q  quit (what was applied so far is kept)   ?  help

A file's applied changes are written when its last change is decided (or on ``s``/``q``), in one
atomic replace; a file that changed on disk meanwhile is not written. A rejected change is
remembered in the accept list (``.cleaner/accept.txt`` next to the config, or the config's
``accept``; see ``cleaner/app/accept.py``): the words around it are recorded as an accepted form, which
no rule may change again — not in review, not in ``check`` or ``fix``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import click
from rich.text import Text

from ..base.errors import CleanerError
from ..names.lexicon import is_common_word
from ..output.printable import printable
from ..output.report import Lines
from ..output.term import console, finding_plain, finding_text, reason_text
from ..text.document import is_markdown_path
from ..text.edits import Edit, apply_edits, findings, overlaps
from ..text.fileio import decode, read_bytes, write_atomic
from . import accept
from .cleaning import Cleaners
from .discovery import expand
from .reporting import use_color

KEYS = "y,n,e,a,l,s,q,?"
HELP = """y - apply this change
n - reject this change and remember it: it will not be proposed again
e - edit the replacement, then apply it
a - apply this change and every later change of the same rule in this file
l - leave this change undecided for now (not remembered)
s - skip the rest of this file (changes applied so far are written)
q - quit; changes applied so far are written
? - print this help"""


@dataclass
class Proposal:
    edit: Edit
    suggestion: bool  # fix would only report it
    decision: str | None = None  # "y" | "n" | "l"


@dataclass
class FileReview:
    path: str
    source: object  # fileio.TextFile
    data: bytes
    proposals: list[Proposal] = field(default_factory=list)
    accept_path: str | None = None


def accepted_form(text: str, edit: Edit) -> str:
    """The words a rejected ``edit`` would have changed, as one line to record as accepted.

    The edited span widened to whole whitespace-separated words (both neighbours of an insertion,
    which must lie inside the form to be protected by it); a lone common word gets its neighbour
    too, so rejecting "When" -> "when" after one dash does not freeze every "When". A change across
    lines (a removed paragraph) records its longest line.
    """
    start, end = edit.start, edit.end
    if "\n" in text[start:end]:
        lines = [line.strip() for line in text[start:end].splitlines() if line.strip()]
        return max(lines, key=len) if lines else ""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end

    def left_word(i: int) -> int:  # start of the word that ends at i (skipping spaces before i)
        while i > line_start and text[i - 1].isspace():
            i -= 1
        while i > line_start and not text[i - 1].isspace():
            i -= 1
        return i

    def right_word(i: int) -> int:
        while i < line_end and text[i].isspace():
            i += 1
        while i < line_end and not text[i].isspace():
            i += 1
        return i

    s, e = start, end
    while s > line_start and not text[s - 1].isspace():
        s -= 1
    while e < line_end and not text[e].isspace():
        e += 1
    if start == end or s == start and e == end and not text[start:end].strip():
        # an insertion (or a change of spaces): the words on both sides
        s, e = left_word(start), right_word(end)
    form = text[s:e].strip()
    word = form.strip(".,;:!?\"'“”‘’()[]«»")
    if word.isalpha() and " " not in form and is_common_word(word):
        s2 = left_word(s)
        if s2 < s:
            s = s2
        else:
            e = right_word(e)
        form = text[s:e].strip()
    return form


class Reviewer:
    def __init__(self, options, *, stdin=None, stdout=None, color: bool | None = None) -> None:
        self.options = options
        self.cleaners = Cleaners(options)
        self.input = stdin or sys.stdin
        self.out = stdout or sys.stdout
        self.color = use_color(options, self.out) if color is None else color
        self.errors: list[str] = []
        self.written = self.applied = self.rejected = 0
        self._console = None

    # --- output ---------------------------------------------------------------------------

    def _print(self, renderable="") -> None:
        if self.color:
            if self._console is None:
                self._console = console(self.out)
            self._console.print(renderable)
        else:
            self.out.write(str(renderable) + "\n")
            self.out.flush()

    def _show(self, review: FileReview, n: int, total: int, p: Proposal) -> None:
        text = review.source.text
        line, col = Lines(text).line_col(p.edit.start)
        kind = "suggestion" if p.suggestion else p.edit.applicability
        head = f"({n}/{total}) {printable(review.path)}:{line}:{col}"
        if self.color:
            t = Text(head, style="bold")
            if p.suggestion:
                t.append("  suggestion", style="yellow")
            self._print(t)
            self._print(Text("  ").append_text(finding_text(text, p.edit, applied=not p.suggestion)))
            self._print(Text("  ").append_text(reason_text(p.edit, applied=not p.suggestion)))
        else:
            self._print(head + ("  suggestion" if p.suggestion else ""))
            self._print("  " + finding_plain(text, p.edit))
            self._print(f"  └ {printable(p.edit.rule)} · {kind} · {p.edit.confidence:.2f} · {printable(p.edit.message)}")

    def _ask(self, prompt: str) -> str | None:
        """One answer: a single key at a terminal (no Enter, as in git add -p with
        interactive.singleKey and codespell -i), else a line from the input (a pipe, a script)."""
        self.out.write(prompt)
        self.out.flush()
        if self.input is sys.stdin and sys.stdin.isatty() and self.out is sys.stdout:
            while True:
                try:
                    key = click.getchar()
                except EOFError:  # Ctrl-D: as if q
                    self.out.write("\n")
                    return None
                if key in ("\r", "\n", " "):
                    continue  # Enter out of habit (or after a key): wait for the answer itself
                self.out.write(key + "\n")
                self.out.flush()
                return key
        line = self.input.readline()
        if not line:
            return None  # end of input: as if q
        return line.strip()

    def _edit(self, current: str) -> str | None:
        """Ask for a new replacement (pre-filled with the current one at a terminal)."""
        prompt = "  new text (empty line cancels): "
        if self.input is sys.stdin and sys.stdin.isatty():
            try:
                import readline  # lazy: line editing only at an interactive prompt

                readline.set_startup_hook(lambda: readline.insert_text(current))
                try:
                    answer = input(prompt)
                finally:
                    readline.set_startup_hook(None)
            except EOFError:
                return None
        else:
            self.out.write(prompt)
            self.out.flush()
            answer = self.input.readline()
            if not answer:
                return None
            answer = answer.rstrip("\n")
        return answer if answer != "" else None

    # --- the work -------------------------------------------------------------------------

    def load(self, path: str) -> FileReview | None:
        try:
            data = read_bytes(path)
            source = decode(data, path, self.options.encoding)
            config = self.cleaners.input_config(path)
            result = self.cleaners.cleaner_for(config).clean(source.text, markdown=is_markdown_path(path))
        except CleanerError as exc:
            self.errors.append(str(exc) if exc.path else f"{path}: {exc}")
            return None
        review = FileReview(path, source, data, accept_path=_accept_path(config, path))
        accepted = _accept_list(review.accept_path)
        for edit, is_edit in findings(result.edits, result.suggestions, by_rule=False):
            suggestion = not is_edit
            if accepted is not None and accepted.covers(source.text, edit.start, edit.end):
                continue  # an accepted form: not proposed (check and fix leave it too)
            review.proposals.append(Proposal(edit, suggestion))
        return review

    def review_file(self, review: FileReview) -> bool:
        """Go through one file's proposals; returns False when the user quits."""
        chosen: list[Edit] = []
        all_rule: set[str] = set()
        total = len(review.proposals)
        accepted = _accept_list(review.accept_path)
        go_on = True
        for n, p in enumerate(review.proposals, 1):
            if any(overlaps(p.edit, c) for c in chosen):
                continue  # an applied change already covers this text
            if accepted is not None and accepted.covers(review.source.text, p.edit.start, p.edit.end):
                continue  # rejected a moment ago, in another place of this file
            if p.edit.rule in all_rule:
                continue  # applied with an "a" answer before
            self._show(review, n, total, p)
            key = self._decide(p, chosen)
            if key == "a":
                # every later change of this rule in this file, now: an s or q after this keeps them
                all_rule.add(p.edit.rule)
                more = self._apply_rule(review, n, p.edit.rule, chosen, accepted)
                if more:
                    self._print(f"  and {more} later change{'s' * (more != 1)} of {p.edit.rule} in this file")
            elif key == "n":
                if self._reject(review, p.edit):
                    accepted = _accept_list(review.accept_path)
            elif key == "s":
                break
            elif key == "q":
                go_on = False
                break
        self._write(review, chosen)
        return go_on

    def _apply_rule(self, review: FileReview, after: int, rule: str, chosen: list[Edit], accepted) -> int:
        """Add the changes of ``rule`` after proposal number ``after`` to ``chosen``; how many."""
        count = 0
        for q in review.proposals[after:]:
            if q.edit.rule != rule or any(q.edit is c or overlaps(q.edit, c) for c in chosen):
                continue
            if accepted is not None and accepted.covers(review.source.text, q.edit.start, q.edit.end):
                continue
            chosen.append(q.edit)
            count += 1
        return count

    def _decide(self, p: Proposal, chosen: list[Edit]) -> str:
        """Ask until the answer is a decision; apply it to ``chosen``; return its key."""
        while True:
            answer = self._ask(f"Apply this change [{KEYS}]? ")
            key = "q" if answer is None else answer[:1].lower()
            if not key or key not in "ynealsq":
                self._print(HELP)
                continue
            if key in "ya":
                chosen.append(p.edit)
            elif key == "e":
                new = self._edit(p.edit.replacement)
                if new is None:
                    self._print("  (not edited)")
                    continue
                e = p.edit
                chosen.append(Edit(e.start, e.end, new, e.rule, e.confidence, e.applicability,
                                   e.message + " (edited in review)", e.original))
            return key

    def _reject(self, review: FileReview, edit: Edit) -> bool:
        """Record the rejected change's words as accepted; True when the accept list grew."""

        self.rejected += 1
        form = accepted_form(review.source.text, edit)
        if not form or not review.accept_path:
            self._print("  (rejected; nothing to remember)")
            return False
        try:
            accept.append(review.accept_path, [form])
        except (OSError, ValueError) as exc:
            self.errors.append(f"{review.accept_path}: cannot record {form!r}: {exc}")
            return False
        where = os.path.relpath(review.accept_path)
        self._print(f"  remembered {form!r} in {where}: not proposed again")
        return True

    def _write(self, review: FileReview, chosen: list[Edit]) -> None:
        if not chosen:
            return
        try:
            if read_bytes(review.path) != review.data:
                self.errors.append(f"{review.path}: changed on disk during the review; not written")
                return
            new_text = apply_edits(review.source.text, chosen)
            write_atomic(review.path, review.source.encode(new_text))
        except (CleanerError, OSError, ValueError) as exc:
            self.errors.append(f"{review.path}: not written: {exc}")
            return
        self.written += 1
        self.applied += len(chosen)
        self._print(f"wrote {printable(review.path)}: {len(chosen)} change{'s' * (len(chosen) != 1)} applied")

    def run(self, paths: list[str]) -> int:
        if "-" in paths:
            raise CleanerError("review works on files, not on standard input")
        tasks = expand(paths, self.cleaners.configs, self.errors, quiet=self.options.quiet)
        for task in tasks:
            review = self.load(task.path)
            if review is None or not review.proposals:
                continue
            if not self.review_file(review):
                break
        n = self.applied
        self._print(f"cleaner review: {n} change{'s' * (n != 1)} applied in {self.written} "
                    f"file{'s' * (self.written != 1)}; {self.rejected} rejected")
        for error in self.errors:
            sys.stderr.write(f"cleaner: error: {printable(error)}\n")
        return 2 if self.errors else 0


def _accept_path(config, path: str) -> str | None:
    try:
        return accept.path_for(config, path)
    except (AttributeError, TypeError):  # a config without an accept list
        return None


def _accept_list(path: str | None):
    if not path or not os.path.exists(path):
        return None
    return accept.AcceptList(accept.load(path))


def review(paths: list[str], options) -> int:
    return Reviewer(options).run(paths)
