"""`cleaner review`, driven as a person drives it: at a real terminal (pexpect, and tmux)."""

import os
import re
import shutil
import subprocess
import sys
import time

import pexpect
import pytest

import cleaner
from cleaner.app.accept import AcceptList, load
from cleaner.app.review import accepted_form
from conftest import ROOT, SEEDS

PROMPT = r"Apply this change \[y,n,e,a,l,s,q,\?\]\? "
SEED = (SEEDS / "putin-india.raw.txt").read_text(encoding="utf-8")


def spawn(*args, cwd, width=160):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color", COLUMNS=str(width), LINES="50")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(sys.executable, ["-m", "cleaner", "review", *map(str, args)], cwd=str(cwd),
                         env=env, dimensions=(50, width), encoding="utf-8", timeout=60)


def proposals(text, markdown=False):
    result = cleaner.clean(text, markdown=markdown)
    return sorted([(e, False) for e in result.edits] + [(e, True) for e in result.suggestions],
                  key=lambda it: (it[0].start, it[0].end))


def answer(child, key, expect_prompt=True):
    """One key, no Enter: at a terminal, review reads single keys (as git add -p and codespell -i)."""
    child.expect(PROMPT)
    child.send(key)


def finish(child):
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before.replace("\r\n", "\n")


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()  # a content repository: the accept list goes to its top
    (tmp_path / ".cleaner.toml").write_text("")
    return tmp_path


def test_yes_no_edit_leave_and_quit(repo):
    path = repo / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    props = proposals(SEED)
    assert len(props) >= 6
    child = spawn("seed.txt", cwd=repo)
    answer(child, "y")                     # 1: apply
    answer(child, "n")                     # 2: reject and remember
    child.expect("remembered '(.*)' in (.*): not proposed again")
    form = child.match.group(1)
    answer(child, "e")                     # 3: edit the replacement
    child.expect("new text")
    child.sendcontrol("u")                 # clear the pre-filled replacement (readline)
    child.sendline("EDITED")
    answer(child, "l")                     # 4: leave undecided
    answer(child, "q")                     # 5: quit
    status, out = finish(child)
    assert status == 0
    first, second, third = props[0][0], props[1][0], props[2][0]
    edited = cleaner.Edit(third.start, third.end, "EDITED", third.rule, third.confidence,
                          third.applicability, third.message, third.original)
    assert path.read_text(encoding="utf-8") == cleaner.apply_edits(SEED, [first, edited])
    assert "wrote seed.txt: 2 changes applied" in out
    # the rejection is remembered in the repository's accept list, and protects that change
    assert load(repo / ".cleaner" / "accept.txt") == (form,)
    assert form == accepted_form(SEED, second)
    assert AcceptList([form]).covers(SEED, second.start, second.end)


def test_a_rejected_change_is_not_proposed_again(repo):
    text = "It is possible – according to the newspaper Hindu– When it rains.\n"
    path = repo / "a.txt"
    path.write_text(text, encoding="utf-8")
    props = proposals(text)
    assert props
    child = spawn("a.txt", cwd=repo)
    asked = 0
    while child.expect([PROMPT, pexpect.EOF]) == 0:  # a rejection may also cover a later change
        child.send("n")
        asked += 1
    child.close()
    out = child.before.replace("\r\n", "\n")
    assert child.exitstatus == 0 and path.read_text(encoding="utf-8") == text
    assert 1 <= asked <= len(props) and f"{asked} rejected" in out
    forms = load(repo / ".cleaner" / "accept.txt")
    assert all(AcceptList(forms).covers(text, e.start, e.end) for e, _ in props)
    # again: nothing to propose, nothing written
    child = spawn("a.txt", cwd=repo)
    status, out = finish(child)
    assert "Apply this change" not in out and "0 changes applied in 0 files" in out
    # another file with the same words is protected too; other changes there are still offered
    other = repo / "b.txt"
    other.write_text("Nothing new – the newspaper Hindu– When it rains.\n\n" + text, encoding="utf-8")
    child = spawn("b.txt", cwd=repo)
    status, out = finish(child)
    assert "Apply this change" not in out


def test_all_of_this_rule_in_this_file_then_skip_file(repo):
    a, b, c = repo / "a.txt", repo / "b.txt", repo / "c.txt"
    for p in (a, b, c):
        p.write_text(SEED, encoding="utf-8")
    props = proposals(SEED)
    rule = props[0][0].rule
    later_other = next(i for i, (e, _) in enumerate(props) if e.rule != rule)
    child = spawn("a.txt", "b.txt", "c.txt", cwd=repo)
    answer(child, "a")  # this rule, everywhere in a.txt
    # the next question is about a change of another rule
    for _ in range(sum(1 for e, _ in props[1:later_other] if e.rule != rule)):
        answer(child, "l")
    child.expect(PROMPT)
    assert f"└ {props[later_other][0].rule} " in re.sub(r"\x1b\[[0-9;]*m", "", child.before)
    child.send("s")  # skip the rest of a.txt
    answer(child, "y")   # first change of b.txt
    answer(child, "q")
    status, out = finish(child)
    assert status == 0
    expected_a = cleaner.apply_edits(SEED, [e for e, _ in props if e.rule == rule])
    assert a.read_text(encoding="utf-8") == expected_a
    assert b.read_text(encoding="utf-8") == cleaner.apply_edits(SEED, [props[0][0]])
    assert c.read_text(encoding="utf-8") == SEED  # never reached


def test_suggestions_are_offered_and_can_be_applied(repo):
    text = "“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"
    path = repo / "a.txt"
    path.write_text(text, encoding="utf-8")
    [(suggestion, is_suggestion)] = proposals(text)
    assert is_suggestion
    child = spawn("a.txt", cwd=repo)
    child.expect(PROMPT)
    screen = re.sub(r"\x1b\[[0-9;]*m", "", child.before)
    assert "suggestion" in screen and suggestion.rule in screen and suggestion.message in screen
    child.send("?")
    child.expect("reject this change and remember it")
    answer(child, "y")
    status, _ = finish(child)
    assert status == 0 and path.read_text(encoding="utf-8") == cleaner.apply_edits(text, [suggestion])


def test_a_file_changed_during_the_review_is_not_written(repo):
    path = repo / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    child = spawn("a.txt", cwd=repo)
    answer(child, "y")
    child.expect(PROMPT)
    path.write_text(SEED + "\nA late paragraph from a colleague.\n", encoding="utf-8")
    child.send("q")
    status, out = finish(child)
    assert status == 2 and "changed on disk during the review; not written" in out
    assert path.read_text(encoding="utf-8").endswith("A late paragraph from a colleague.\n")


def test_interrupt_writes_nothing_for_the_file_under_review(repo):
    path = repo / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    child = spawn("a.txt", cwd=repo)
    answer(child, "y")
    child.expect(PROMPT)
    child.sendintr()
    status, out = finish(child)
    assert status == 130 and "interrupted" in out
    assert path.read_text(encoding="utf-8") == SEED


def test_review_from_a_pipe_takes_one_answer_a_line(cli, repo):
    path = repo / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    props = proposals(SEED)
    run = cli("review", "a.txt", input=b"y\ny\n", cwd=repo)  # then end of input: quit
    assert run.returncode == 0
    assert path.read_text(encoding="utf-8") == cleaner.apply_edits(SEED, [props[0][0], props[1][0]])
    assert b"\x1b[" not in run.stdout and b"[-" in run.stdout and b"{+" in run.stdout


def test_review_refuses_standard_input(cli):
    run = cli("review", "-")
    assert run.returncode == 2 and "standard input" in run.stderr.decode()


def test_accepted_form_protects_every_finding_of_the_seed():
    """Whatever is rejected, the recorded form is one line of the text that covers the change."""
    findings = [e for e, _ in proposals(SEED)]
    assert len(findings) > 10
    for edit in findings:
        form = accepted_form(SEED, edit)
        assert form and "\n" not in form and form in SEED, edit
        assert AcceptList([form]).covers(SEED, edit.start, edit.end), (form, edit)
        # a lone common word is never recorded alone (it would freeze that word everywhere)
        if form.isalpha():
            from cleaner.names.lexicon import is_common_word
            assert not is_common_word(form), form


# --- in tmux, as a person sees the screen ---------------------------------------------------

def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", "cleaner-test", *args], capture_output=True, text=True, check=check)


def screen():
    return tmux("capture-pane", "-p", "-t", "review").stdout


def wait_for(pattern, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen()
        if re.search(pattern, shown):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} not on screen:\n{screen()}")


def test_review_in_tmux(repo):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is needed (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    path = repo / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    props = proposals(SEED)
    command = f"cd {repo} && PYTHONPATH={ROOT} {sys.executable} -m cleaner review a.txt; echo EXIT=$?"
    tmux("kill-server", check=False)
    tmux("new-session", "-d", "-s", "review", "-x", "150", "-y", "40", "bash --norc --noprofile")
    try:
        tmux("send-keys", "-t", "review", command, "Enter")
        shown = wait_for(r"Apply this change")
        first = props[0][0]
        assert "a.txt:" in shown and f"└ {first.rule} · {first.applicability} · {first.confidence:.2f}" in shown
        tmux("send-keys", "-t", "review", "y")  # one key, no Enter
        wait_for(r"\(2/\d+\)")
        tmux("send-keys", "-t", "review", "q")
        shown = wait_for(r"EXIT=\d+")
        assert "EXIT=0" in shown and "wrote a.txt: 1 change applied" in shown
    finally:
        tmux("kill-server", check=False)
    assert path.read_text(encoding="utf-8") == cleaner.apply_edits(SEED, [props[0][0]])


def test_check_and_fix_leave_a_rejected_change_alone(cli, repo):
    text = "It is possible – according to the newspaper Hindu– When it rains.\n"
    path = repo / "a.txt"
    path.write_text(text, encoding="utf-8")
    rejected = proposals(text)[0][0]
    run = cli("review", "a.txt", input=b"n\nq\n", cwd=repo)
    assert run.returncode == 0 and (repo / ".cleaner" / "accept.txt").exists()
    check = cli("check", "--no-cache", "--format", "json", "a.txt", cwd=repo)
    import json

    found = [(e["start"], e["end"], e["rule"]) for f in json.loads(check.stdout)["files"] for e in f["edits"]]
    assert (rejected.start, rejected.end, rejected.rule) not in found
    cli("fix", "a.txt", cwd=repo)
    assert path.read_text(encoding="utf-8")[rejected.start:rejected.end] == rejected.original


RULE_TWICE = "It is possible – according to the newspaper Hindu– When it rains.\n"


def test_all_of_a_rule_that_occurs_several_times_survives_skip_and_quit(repo):
    """`a` applies every later change of that rule in the file, even when the next answer is `s` or
    `q`: the rule here occurs three times, with another rule's change between each."""
    text = RULE_TWICE * 3
    props = proposals(text)
    rule = props[0][0].rule
    same = [e for e, _ in props if e.rule == rule]
    assert len(same) == 3 and props[1][0].rule != rule  # another rule's question comes next
    for last in ("s", "q"):
        path = repo / f"{last}.txt"
        path.write_text(text, encoding="utf-8")
        child = spawn(path.name, cwd=repo)
        answer(child, "a")   # this change and the two later ones of the same rule
        child.expect("and 2 later changes of " + rule)
        answer(child, last)  # the next question (another rule): skip the file, or quit
        status, out = finish(child)
        assert status == 0
        assert path.read_text(encoding="utf-8") == cleaner.apply_edits(text, same), last
        assert "wrote " + path.name + ": 3 changes applied" in out


def test_a_key_needs_no_enter_and_enter_alone_is_not_an_answer(repo):
    path = repo / "a.txt"
    path.write_text(SEED, encoding="utf-8")
    props = proposals(SEED)
    child = spawn("a.txt", cwd=repo)
    child.expect(PROMPT)
    child.send("\r")        # Enter alone: still waiting for an answer, no help printed
    child.send("y")         # one key
    child.expect(r"\(2/\d+\)")
    assert "y - apply this change" not in child.before
    answer(child, "q")
    status, out = finish(child)
    assert status == 0 and path.read_text(encoding="utf-8") == cleaner.apply_edits(SEED, [props[0][0]])
