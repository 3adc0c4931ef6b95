"""The LanguageTool grammar pass: mapping findings to edits, safety, names, offsets, failures.

LanguageTool itself cannot run here; these tests talk to ``fake_languagetool.FakeLanguageTool``,
a local HTTP server that answers in the format of LanguageTool's HTTP API (its docstring says
where each response's shape comes from; none is a recording), through language-tool-python's
own remote-server client. ``test_real_server_end_to_end`` runs only when LANGUAGETOOL_URL names
a real server.
"""

import json
import os
import socket
import subprocess
import sys
import threading

import pytest

from cleaner.text.edits import SAFE, SUGGEST, apply_edits
from cleaner.engine.core import Cleaner
from cleaner.base.errors import RuleError
from cleaner.passes.grammar_policy import load_policy
from cleaner.passes.languagetool import GrammarUnavailable, utf16_index, within
from cleaner.passes.grammar import grammar_pass
from conftest import ROOT
from fake_languagetool import FakeLanguageTool

NEWS = ("Putin arrived in New Delhi on Thursday. the two leaders  discussed the the oil trade ,and "
        "defence cooperation.\n")
# cleaner's own spacing rule SPC004 repairs the double space in NEWS before LanguageTool sees it;
# the tests that look for LanguageTool's WHITESPACE_RULE leave SPC004 out, as a user can.
OWN_SPACING = "SPC004"
NEWS_FIXED = ("Putin arrived in New Delhi on Thursday. The two leaders discussed the oil trade, and "
              "defence cooperation.\n")


@pytest.fixture
def lt():
    server = FakeLanguageTool()
    yield server
    server.close()


@pytest.fixture
def no_url_env(monkeypatch):
    monkeypatch.delenv("CLEANER_LANGUAGETOOL_URL", raising=False)


def clean(lt, text, *, markdown=False, **options):
    """Clean ``text`` in-process with the grammar pass talking to the stand-in server."""
    return Cleaner(extra_passes=[grammar_pass(lt.url)], **options).clean(text, markdown=markdown)


def test_safe_findings_are_applied_with_languagetool_rule_ids(cli, lt, tmp_path, no_url_env):
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    diff = cli("fix", "--diff", "--grammar", "--languagetool-url", lt.url, path)
    assert diff.returncode == 1 and path.read_text(encoding="utf-8") == NEWS
    run = cli("fix", "--languagetool-url", lt.url, "--ignore", OWN_SPACING, path)
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == NEWS_FIXED
    out = run.stdout.decode()
    for rule in ("LT:WHITESPACE_RULE", "LT:UPPERCASE_SENTENCE_START", "LT:ENGLISH_WORD_REPEAT_RULE",
                 "LT:COMMA_PARENTHESIS_WHITESPACE"):
        assert rule in out


def test_findings_carry_message_and_category_and_replay_to_the_output(lt):
    result = clean(lt, NEWS)
    assert result.text == NEWS_FIXED and apply_edits(NEWS, result.edits) == NEWS_FIXED
    assert all(NEWS[e.start:e.end] == e.original for e in result.edits)
    [repeat] = [e for e in result.edits if e.rule == "LT:ENGLISH_WORD_REPEAT_RULE"]
    assert (repeat.original, repeat.replacement, repeat.applicability) == ("the the", "the", SAFE)
    assert "repeated a word" in repeat.message and "MISC" in repeat.message
    assert clean(lt, NEWS_FIXED).edits == []  # converged: nothing left to apply


def test_spelling_is_only_suggested_and_names_are_never_touched(lt):
    text = ("The goverment of India invited Petr Topychkanov and Ivan Petrovx to the talks.\n\n"
            "Topychkanov said the visit mattered.\n")
    result = clean(lt, text)
    assert result.text == text and result.edits == []
    assert [(e.rule, e.original, e.replacement, e.applicability) for e in result.suggestions] == [
        ("LT:MORFOLOGIK_RULE_EN_US", "goverment", "government", SUGGEST)]
    assert clean(lt, text, unsafe_fixes=True).text == text.replace("goverment", "government")


def test_a_name_from_the_gazetteer_is_left_even_at_a_sentence_start(lt, tmp_path):
    """"Topychkanov" opens the sentence (no capitalized neighbour): only the gazetteer knows it is a name.
    Two guards use it: the grammar pass's own (no finding on a name) and the engine's (no pass but
    the entity rules may change a known name)."""
    from cleaner.names.context import Context

    text = "Topychkanov said the visit mattered.\n"
    other = tmp_path / "other.toml"
    other.write_text('[[entity]]\nname = "Joko Widodo"\nkind = "person"\n', encoding="utf-8")
    unguarded = Cleaner(extra_passes=[grammar_pass(lt.url, names=())], unsafe_fixes=True,
                        context=Context([other], bundled=False)).clean(text)
    assert unguarded.text == "Topography said the visit mattered.\n"  # what the guards prevent
    engine_only = Cleaner(extra_passes=[grammar_pass(lt.url, names=())], unsafe_fixes=True).clean(text)
    assert engine_only.text == text
    guarded = clean(lt, text, unsafe_fixes=True)
    assert guarded.text == text and not guarded.suggestions


def test_names_from_a_users_gazetteer_are_left_too(lt, tmp_path):
    text = "Petrovx said the visit mattered.\n"
    assert [e.original for e in clean(lt, text).suggestions] == ["Petrovx"]
    extra = tmp_path / "people.toml"
    extra.write_text('[[entity]]\nname = "Ivan Petrovx"\nkind = "person"\naliases = ["Petrovx"]\n', encoding="utf-8")
    assert clean(lt, text, gazetteers=[extra]).suggestions == []


def test_spacing_next_to_a_name_is_fixed_without_changing_the_name(lt):
    text = "Envoys from Delhi,Moscow and Beijing met in Geneva .\n"
    assert clean(lt, text).text == "Envoys from Delhi, Moscow and Beijing met in Geneva.\n"


def test_offsets_are_right_after_and_across_non_bmp_characters(lt):
    text = "Fans waved 🎉 🎉 flags.\n\nFans cheered 🎉🎉 in  Mumbai. the the crowd sang.\n"
    result = clean(lt, text)
    assert result.text == "Fans waved 🎉 🎉 flags.\n\nFans cheered 🎉🎉 in Mumbai. The crowd sang.\n"
    [emoji] = result.suggestions  # a repeated symbol is not a repeated word: reported only
    assert text[emoji.start:emoji.end] == emoji.original == "🎉 🎉" and emoji.replacement == "🎉"
    assert clean(lt, text, unsafe_fixes=True).text.startswith("Fans waved 🎉 flags.\n")


def test_utf16_offsets_convert_to_code_points():
    text = "a🎉b"
    assert [utf16_index(text, u) for u in range(5)] == [0, 1, None, 2, 3]
    assert utf16_index(text, 5) is None


def test_protected_spans_markdown_breaks_and_tables_are_left_alone(lt):
    text = ("Run `the the` here and see https://example.com/news,the/page for more.\n\n"
            "```\nthe the  code\n\nand and\n```\n\n"
            "First line  \nsecond line.\n\n"
            "| team  | points |\n|---|---|\n\n"
            "Delegates  met. They agreed.\n")
    result = clean(lt, text, markdown=True)
    assert result.text == text.replace("Delegates  met", "Delegates met")
    assert not any("and and" in c or "the the  code" in c for c in lt.checks)  # code blocks are not sent
    # the Markdown line break: reported, not applied; code, the URL and the table row: neither
    assert [(e.rule, e.start) for e in result.suggestions] == [
        ("LT:WHITESPACE_RULE", text.index("First line  ") + len("First line"))]


def test_clean_articles_stay_unchanged(lt):
    """The trap-filled clean articles (eBay at a sentence start, aligned tables, U.S., names) survive."""
    cleaner = Cleaner(extra_passes=[grammar_pass(lt.url)])
    for path in sorted((ROOT / "tests" / "data" / "articles" / "clean").iterdir()):
        text = path.read_text(encoding="utf-8")
        result = cleaner.clean(text, markdown=path.suffix == ".md")
        assert [e for e in result.edits if "LT:" in e.rule] == [], path.name
    assert len(lt.checks) > 50  # the paragraphs were really sent


def test_guards_keep_doubtful_matches_as_suggestions():
    policy = load_policy()

    def decide(rule, text, original, replacement, n=1):
        start = text.index(original)
        return policy.decide(rule, text, start, start + len(original), replacement, n)[0]

    assert decide("WHITESPACE_RULE", "Talks  resumed.", "  ", " ") == SAFE
    assert decide("WHITESPACE_RULE", "Talks ended.  Both sides left.", "  ", " ") == SUGGEST
    assert decide("WHITESPACE_RULE", "Talks\t\tresumed.", "\t\t", " ") == SUGGEST
    assert decide("WHITESPACE_RULE", "Team A    3   1   0", "    ", " ") == SUGGEST
    assert decide("COMMA_PARENTHESIS_WHITESPACE", 'He said " we won".', '" ', "") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "They met. the talks ended.", "the", "The") == SAFE
    assert decide("UPPERCASE_SENTENCE_START", "Aid from the U.S. the agency said.", "the", "The") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "Talks with Mr. smith ended.", "smith", "Smith") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "“Why?” he asked.", "he", "He") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "They met. iPhone sales fell.", "iPhone", "IPhone") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "the talks ended.", "the", "The") == SUGGEST
    assert decide("ENGLISH_WORD_REPEAT_RULE", "What it is is a plan.", "is is", "is") == SUGGEST
    assert decide("ENGLISH_WORD_REPEAT_RULE", "It was the the plan.", "the the", "the") == SAFE
    assert decide("ENGLISH_WORD_REPEAT_RULE", "It was the the plan.", "the the", "the", n=2) == SUGGEST
    assert decide("ENGLISH_WORD_REPEAT_RULE", "Sinner bt Rune 4-6 6-3 6-4.", "6 6", "6") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "Three priorities:\n\n1. more interceptors;", "more", "More") == SUGGEST
    assert decide("UPPERCASE_SENTENCE_START", "Three priorities. more interceptors.", "more", "More") == SAFE
    assert decide("MORFOLOGIK_RULE_EN_US", "The goverment fell.", "goverment", "government") == SUGGEST


def test_each_distinct_paragraph_is_checked_once(cli, lt, tmp_path, no_url_env):
    byline = "Reporting by the the newsroom. Editing by  the desk."
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"Talks resumed on Monday.\n\n{byline}\n", encoding="utf-8")
    b.write_text(f"Markets fell on Tuesday.\n\n{byline}\n", encoding="utf-8")
    assert cli("fix", "--languagetool-url", lt.url, "--ignore", OWN_SPACING, a, b).returncode == 0
    fixed = "Reporting by the newsroom. Editing by the desk."
    assert b.read_text(encoding="utf-8") == f"Markets fell on Tuesday.\n\n{fixed}\n"
    counts = lt.counts()
    assert set(counts) == {"Talks resumed on Monday.", "Markets fell on Tuesday.", byline, fixed}
    assert set(counts.values()) == {1}


def test_unreachable_server_fails_before_touching_any_file(cli, tmp_path, no_url_env):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    for mode in ("fix", "check"):
        run = cli(mode, "--grammar", "--languagetool-url", f"http://127.0.0.1:{port}", path)
        assert run.returncode == 2 and run.stdout == b""
        [line] = run.stderr.decode().splitlines()
        assert f"cannot connect to http://127.0.0.1:{port}" in line
        assert "--languagetool-url" in line and "docker run" in line
    assert path.read_text(encoding="utf-8") == NEWS


def test_without_java_or_url_it_says_how_to_get_languagetool(cli, tmp_path, no_url_env):
    """No URL: language-tool-python would start a local server; without Java it stops before any download."""
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty), "HOME": str(tmp_path), "LTP_PATH": str(tmp_path / "lt"), "LTP_JAR_DIR_PATH": ""}
    run = cli("fix", "--grammar", path, env=env)
    assert run.returncode == 2
    [line] = run.stderr.decode().splitlines()
    assert "Java is not installed" in line and "--languagetool-url" in line
    assert path.read_text(encoding="utf-8") == NEWS


def test_a_server_that_stops_answering_stops_the_run_and_names_the_file(cli, tmp_path, no_url_env):
    broken = FakeLanguageTool(broken_checks=True)
    try:
        path = tmp_path / "a.txt"
        path.write_text(NEWS, encoding="utf-8")
        run = cli("fix", "--languagetool-url", broken.url, path)
    finally:
        broken.close()
    assert run.returncode == 2
    assert f"{path}: LanguageTool at {broken.url} stopped answering" in run.stderr.decode()
    assert path.read_text(encoding="utf-8") == NEWS


def test_a_slow_start_is_cut_off_by_the_time_limit():
    release = threading.Event()
    try:
        with pytest.raises(GrammarUnavailable, match="did not start within"):
            within(0.05, release.wait, str, "the local LanguageTool server did not start within 0.05 s")
    finally:
        release.set()


def test_grammar_is_off_by_default_and_not_even_imported(cli, tmp_path, no_url_env):
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    (tmp_path / ".cleaner.toml").write_text("grammar = true\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for args in (("fix", "--diff", "--config", os.devnull), ("fix", "--diff", "--no-grammar")):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner", *args, str(path)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode in (0, 1), done.stderr
        assert "language_tool_python" not in done.stderr and "requests" not in done.stderr
        assert "LT:" not in done.stdout


def test_config_and_environment_turn_it_on_and_name_the_server(cli, lt, tmp_path, no_url_env):
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    (folder / ".cleaner.toml").write_text(f'grammar = true\nlanguagetool-url = "{lt.url}"\n', encoding="utf-8")
    assert cli("fix", path).returncode == 0
    assert path.read_text(encoding="utf-8") == NEWS_FIXED

    path.write_text(NEWS, encoding="utf-8")
    (folder / ".cleaner.toml").write_text('grammar = true\nlanguagetool-url = "http://127.0.0.1:9"\n'
                                          f'ignore = ["{OWN_SPACING}"]\n', encoding="utf-8")
    run = cli("check", path, env={"CLEANER_LANGUAGETOOL_URL": lt.url})  # the environment wins over the file
    assert run.returncode == 1 and "LT:WHITESPACE_RULE" in run.stdout.decode()

    (folder / ".cleaner.toml").write_text('grammar = "yes"\n', encoding="utf-8")
    run = cli("check", path)
    assert run.returncode == 2 and f"{folder / '.cleaner.toml'}:1: grammar must be true or false" in run.stderr.decode()


def test_select_ignore_and_inline_suppression_apply_to_languagetool_rules(lt):
    result = clean(lt, NEWS, ignore=["LT:WHITESPACE_RULE", OWN_SPACING])
    assert {e.rule for e in result.edits} == {"LT:UPPERCASE_SENTENCE_START", "LT:ENGLISH_WORD_REPEAT_RULE",
                                              "LT:COMMA_PARENTHESIS_WHITESPACE"}
    assert clean(lt, NEWS, ignore=["LT:", OWN_SPACING]).text == NEWS
    assert clean(lt, NEWS, select=["DASH"]).text == NEWS
    marked = "<!-- cleaner: ignore LT: -->\n" + NEWS
    assert clean(lt, marked, markdown=True, ignore=[OWN_SPACING]).text == marked


def test_explain_says_what_a_languagetool_rule_is_and_whether_fix_applies_it(cli):
    safe = cli("explain", "LT:WHITESPACE_RULE")
    assert safe.returncode == 0
    out = safe.stdout.decode()
    assert "LanguageTool" in out and "TYPOGRAPHY" in out and "safe: `cleaner fix` applies it" in out
    other = cli("explain", "lt:morfologik_rule_en_us").stdout.decode()
    assert "LT:MORFOLOGIK_RULE_EN_US" in other and "suggestion" in other


def test_policy_file_is_loaded_strictly(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[[safe]]\nrule = "WHITESPACE_RULE"\ncategory = "TYPOGRAPHY"\nchange = "whitespace"\n'
                    'confidence = 0.9\nwhy = "w"\nunles = ["x"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"unknown key 'unles'") as info:
        load_policy(path)
    assert str(info.value).startswith(f"{path}:1:")
    path.write_text('[[safe]]\nrule = "X"\ncategory = "C"\nchange = "meaning"\nconfidence = 0.9\nwhy = "w"\n',
                    encoding="utf-8")
    with pytest.raises(RuleError, match="change must be one of"):
        load_policy(path)


@pytest.mark.skipif(not os.environ.get("LANGUAGETOOL_URL"), reason="set LANGUAGETOOL_URL to a real LanguageTool server")
def test_real_server_end_to_end(cli, tmp_path, no_url_env):
    url = os.environ["LANGUAGETOOL_URL"]
    text = ("Putin arrived in New Delhi on Thursday. the two leaders  discussed the the oil trade.\n\n"
            "Petr Topychkanov said the visit mattered. Fans cheered 🎉 and and sang.\n")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    check = cli("check", "--format", "json", "--languagetool-url", url, path)
    assert check.returncode == 1, check.stderr
    edits = json.loads(check.stdout)["files"][0]["edits"]
    assert any(e["rule"].startswith("LT:") for e in edits)
    assert all(text[e["start"]:e["end"]] == e["original"] for e in edits)
    assert not any("Topychkanov" in e["original"] for e in edits)
    assert cli("fix", "--languagetool-url", url, path).returncode == 0
    fixed = path.read_text(encoding="utf-8")
    assert "the the" not in fixed and "and and" not in fixed and "leaders  discussed" not in fixed
    assert "Petr Topychkanov" in fixed and "🎉" in fixed
