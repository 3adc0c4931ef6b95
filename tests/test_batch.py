"""Folders at speed: worker processes, the cache, cleaned copies in a mirror tree, and the summary."""

import json
import os
import shutil
import stat

import pytest

import cleaner
from conftest import ROOT, SEEDS

CLEAN = ROOT / "tests" / "data" / "articles" / "clean"
DAMAGED = "It is possible – according to the newspaper Hindu– When it rains.\n"
SUGGESTED = "“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"


def make_corpus(root):
    """A small newsroom: clean articles (some damaged by a pivot), the seed, Markdown with code."""
    root.mkdir(parents=True, exist_ok=True)
    for i, src in enumerate(sorted(CLEAN.iterdir())):
        sub = root / ("politics" if i % 2 else "world") / ("2025" if i % 3 else "")
        sub.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        if i % 3 != 1:
            text = text.rstrip("\n") + "\n\n" + (DAMAGED if i % 2 else SUGGESTED)
        (sub / src.name).write_text(text, encoding="utf-8")
    shutil.copy(SEEDS / "putin-india.raw.txt", root / "putin-india.txt")
    (root / "notes.md").write_text(DAMAGED + "\n```\n" + DAMAGED + "```\n", encoding="utf-8")
    return root


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("args", [["check"], ["fix", "--diff"], ["check", "--format", "json"],
                                  ["check", "--format", "sarif"]])
def test_workers_report_exactly_what_one_process_reports(cli, tmp_path, args):
    corpus = make_corpus(tmp_path / "news")
    one = cli(*args, "--no-cache", "--jobs", "1", "news", cwd=tmp_path)
    many = cli(*args, "--no-cache", "--jobs", "3", "news", cwd=tmp_path)
    assert one.returncode == many.returncode == 1
    assert one.stdout == many.stdout and one.stderr == many.stderr
    assert b"putin-india.txt" in one.stdout and b"notes.md" in one.stdout
    assert snapshot(corpus) == snapshot(make_corpus(tmp_path / "again"))  # nothing written


@pytest.mark.slow  # a corpus, with workers and without
def test_fix_with_workers_writes_every_file_like_one_process(cli, tmp_path):
    a, b = make_corpus(tmp_path / "a"), make_corpus(tmp_path / "b")
    ra = cli("fix", "--no-cache", "--jobs", "1", a)
    rb = cli("fix", "--no-cache", "--jobs", "4", b)
    assert ra.returncode == rb.returncode == 0
    assert snapshot(a) == snapshot(b) != snapshot(make_corpus(tmp_path / "c"))
    assert ra.stdout.replace(bytes(a), b"X") == rb.stdout.replace(bytes(b), b"X")
    # notes.md: its prose repaired as the library repairs it, its code block untouched
    notes = (a / "notes.md").read_text(encoding="utf-8")
    original = (tmp_path / "c" / "notes.md").read_text(encoding="utf-8")
    assert notes == cleaner.clean(original, markdown=True).text != original
    assert notes.endswith("\n```\n" + DAMAGED + "```\n")
    assert cli("fix", "--diff", "--no-cache", "--jobs", "4", b).returncode == 0
    assert not [p for p in b.rglob("*") if p.name.endswith(".cleaner-tmp")]


def test_output_order_is_the_order_named_then_sorted(cli, tmp_path):
    corpus = make_corpus(tmp_path / "news")
    run = cli("check", "--no-cache", "--jobs", "3", "news/putin-india.txt", "news", cwd=tmp_path)
    paths = list(dict.fromkeys(line.split(":")[0] for line in run.stdout.decode().splitlines()))
    assert paths[0] == "news/putin-india.txt"  # named first; not repeated when its folder follows
    assert paths[1:] == sorted(paths[1:], key=lambda p: p.split("/"))
    assert len(paths) == len({p for p in paths})
    assert corpus.exists()


def test_output_dir_writes_a_mirror_tree_and_leaves_originals(cli, tmp_path):
    corpus = make_corpus(tmp_path / "news")
    os.chmod(corpus / "putin-india.txt", 0o640)
    before = snapshot(corpus)
    out = tmp_path / "clean"
    run = cli("fix", "--output-dir", out, corpus)
    assert run.returncode == 0
    assert snapshot(corpus) == before  # originals untouched
    copies = snapshot(out)
    assert set(copies) == set(before)  # every article has its copy, changed or not, same place
    fixed = make_corpus(tmp_path / "inplace")
    cli("fix", fixed)
    assert copies == snapshot(fixed)
    assert stat.S_IMODE((out / "putin-india.txt").stat().st_mode) == 0o640
    # the listing names the originals the changes were found in
    assert f"{corpus / 'putin-india.txt'}:" in run.stdout.decode()
    # cleaning the copies again changes nothing
    assert cli("fix", "--diff", out).returncode == 0


def test_output_dir_inside_the_folder_is_not_cleaned_again(cli, tmp_path):
    corpus = make_corpus(tmp_path / "news")
    first = cli("fix", "--output-dir", "news/_clean", "news", cwd=tmp_path)
    second = cli("fix", "--output-dir", "news/_clean", "news", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert not (corpus / "_clean" / "_clean").exists()


def test_output_dir_refuses_to_overwrite_originals_or_mix_modes(cli, tmp_path):
    corpus = make_corpus(tmp_path / "news")
    before = snapshot(corpus)
    same = cli("fix", "--output-dir", corpus, corpus)
    assert same.returncode == 2 and "original" in same.stderr.decode()
    assert len(same.stderr.decode().strip().splitlines()) == 1
    diff = cli("fix", "--diff", "--output-dir", tmp_path / "out", corpus)
    assert diff.returncode == 2 and "--output-dir" in diff.stderr.decode()
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "putin-india.txt").write_bytes((corpus / "putin-india.txt").read_bytes())
    clash = cli("fix", "--output-dir", tmp_path / "out", corpus / "putin-india.txt", tmp_path / "x" / "putin-india.txt")
    assert clash.returncode == 2 and "same copy" in clash.stderr.decode()
    assert snapshot(corpus) == before and not (tmp_path / "out").exists()


def test_a_file_that_does_not_converge_is_cleaned_without_the_runaway_edit(cli, tmp_path):
    pack = tmp_path / "grow.toml"
    pack.write_text('[[rule]]\nid = "GROW001"\nkind = "regex"\nmessage = "m"\napplicability = "safe"\n'
                    "confidence = 1.0\npattern = 'xyzzy'\nreplacement = 'xyzzyxyzzy'\n")
    bad, good = tmp_path / "a.txt", tmp_path / "b.txt"
    bad.write_text("a xyzzy here\n", encoding="utf-8")
    good.write_text(DAMAGED, encoding="utf-8")
    run = cli("fix", "--rules", pack, "--jobs", "2", bad, good)
    assert run.returncode == 0, run.stderr.decode()  # never refused (issue 14)
    assert bad.read_text() == "a xyzzy here\n" and good.read_text() != DAMAGED
    run = cli("check", "--rules", pack, bad)
    assert b"GROW001" in run.stdout and b"matches its own pattern" in run.stdout


# --- the cache ------------------------------------------------------------------------------

def cache_entries(folder):
    # results only: compiled/ holds the compiled gazetteer (cleaner/names/gazetteer_cache.py)
    return sorted(p for p in folder.rglob("*.json") if "compiled" not in p.relative_to(folder).parts)


def test_cache_is_used_and_keyed_by_content_and_configuration(cli, tmp_path):
    cache = tmp_path / "cache"
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    first = cli("check", "--cache-dir", cache, path)
    [entry] = cache_entries(cache)
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert [e[3] for e in data["edits"]] == [e.rule for e in cleaner.clean(DAMAGED).edits]
    assert cli("check", "--cache-dir", cache, path).stdout == first.stdout

    # Prove the second run reads the entry rather than cleaning again: plant a finding there.
    start = DAMAGED.index("rains")
    data["edits"] = [[start, start + 5, "pours", "PLANTED1", 1.0, "safe", "from the cache", "rains"]]
    entry.write_text(json.dumps(data), encoding="utf-8")
    hit = cli("check", "--cache-dir", cache, path)
    assert "PLANTED1" in hit.stdout.decode() and "DASH001" not in hit.stdout.decode()
    assert cli("check", "--no-cache", "--cache-dir", cache, path).stdout == first.stdout

    # Another configuration is another key; so is other content.
    (tmp_path / ".cleaner.toml").write_text('ignore = ["DASH004"]\n')
    other = cli("check", "--cache-dir", cache, path).stdout.decode()
    assert "PLANTED1" not in other and "DASH001" in other and "DASH004" not in other
    (tmp_path / ".cleaner.toml").unlink()
    path.write_text(DAMAGED + "More.\n", encoding="utf-8")
    assert "PLANTED1" not in cli("check", "--cache-dir", cache, path).stdout.decode()


def test_a_planted_entry_that_does_not_fit_the_text_is_ignored(cli, tmp_path):
    cache = tmp_path / "cache"
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    first = cli("check", "--cache-dir", cache, path)
    [entry] = cache_entries(cache)
    for bad in ['{"edits": [[0, 5, "x", "R1", 1.0, "safe", "m", "wrong"]], "suggestions": []}',
                "not json at all", '{"edits": 3}']:
        entry.write_text(bad, encoding="utf-8")
        run = cli("check", "--cache-dir", cache, path)
        assert run.returncode == 1 and run.stdout == first.stdout and run.stderr == first.stderr


def test_fix_applies_a_cached_result(cli, tmp_path):
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    b.write_text(DAMAGED, encoding="utf-8")
    cli("check", "--cache-dir", cache, a)  # fills the cache for this content
    assert cli("fix", "--cache-dir", cache, b).returncode == 0
    assert cli("fix", "--no-cache", a).returncode == 0
    assert a.read_bytes() == b.read_bytes() != DAMAGED.encode()


def test_a_changed_rule_pack_is_a_new_key(cli, tmp_path):
    cache = tmp_path / "cache"
    pack = tmp_path / "house.toml"
    rule = ('[[rule]]\nid = "HOUSE001"\nkind = "literal"\nmessage = "house style"\napplicability = "safe"\n'
            'confidence = 0.9\nreplace = {{ "rains" = "{0}" }}\n[[rule.example]]\ninput = "it rains"\n'
            'output = "it {0}"\n[[rule.example]]\ninput = "it snows"\n')
    pack.write_text(rule.format("pours"))
    path = tmp_path / "a.txt"
    path.write_text("Tomorrow it rains.\n", encoding="utf-8")
    assert "'pours'" in cli("check", "--cache-dir", cache, "--rules", pack, path).stdout.decode()
    pack.write_text(rule.format("drizzles"))
    assert "'drizzles'" in cli("check", "--cache-dir", cache, "--rules", pack, path).stdout.decode()


def test_default_cache_folder_follows_xdg_cache_home(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    home = tmp_path / "xdg"
    cli("check", path, env={"XDG_CACHE_HOME": str(home)})
    assert len(cache_entries(home / "cleaner")) == 1
    cli("check", "--no-cache", path, env={"XDG_CACHE_HOME": str(tmp_path / "other")})
    assert not (tmp_path / "other").exists()


def changed_so_far(root, before):
    """How many files differ from ``before`` now (while a run writes: its temporary files skipped)."""
    n = 0
    for rel, data in before.items():
        try:
            n += (root / rel).read_bytes() != data
        except FileNotFoundError:
            pass
    return n


@pytest.mark.slow  # runs of a corpus, interrupted again and again
def test_interrupting_a_run_with_workers_leaves_every_file_whole(tmp_path):
    """Ctrl-C in the middle of a folder: each file is the original or the cleaned text, no temp file."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    corpus = tmp_path / "news"
    for i in range(40):
        make_corpus(corpus / f"desk{i:02d}")
    before = snapshot(corpus)
    expected = {rel: cleaner.clean(data.decode("utf-8"), markdown=rel.endswith(".md")).text.encode("utf-8")
                for rel, data in before.items()}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "fix", "--no-cache", "--jobs", "2", str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    # wait until some files are written, then interrupt the whole process group, as Ctrl-C does
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if changed_so_far(corpus, before) >= 20:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    after = snapshot(corpus)
    assert set(after) == set(before)  # no temporary file left behind, none lost
    written = [rel for rel in after if after[rel] != before[rel]]
    assert all(after[rel] == expected[rel] for rel in written)
    if proc.returncode == 130:  # (a fast machine may have finished first)
        assert b"interrupted" in err and b"Traceback" not in err
        assert len(written) < sum(1 for rel in before if expected[rel] != before[rel])
        # every file written is listed, and only those (issue 14: Ctrl-C lists what was written)
        listed = {os.path.relpath(line[2:], corpus) for line in err.decode().splitlines() if line.startswith("  /")}
        assert listed == set(written), (sorted(listed ^ set(written)), err.decode()[-2000:])


def test_cache_entries_unused_for_a_month_are_pruned(tmp_path):
    import time

    from cleaner.app.cache import Cache

    cache = Cache(str(tmp_path / "c"))
    text = DAMAGED
    edits = cleaner.clean(text).edits
    cache.put("a" * 64, edits, [])
    cache.put("b" * 64, edits, [])
    now = time.time()
    old = now - 40 * 86400
    os.utime(cache._path("a" * 64), (old, old))
    os.utime(cache._path("b" * 64), (old, old))
    assert cache.get("b" * 64, text) is not None  # used today: kept
    assert cache.prune(now=now) == 1
    assert cache.get("a" * 64, text) is None and cache.get("b" * 64, text) is not None
    assert cache.prune(now=now + 3600) == 0  # not again the same day


def test_what_a_run_loads_is_frozen_out_of_the_garbage_collector(tmp_path):
    # gc.freeze after the first file (scheduling._freeze_loaded): the gazetteer, index and rules are
    # no longer walked by every full collection (a third of the time with 100k entities)
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from cleaner.app.cli import main\n"
        f"sys.argv = ['cleaner', 'check', '--no-cache', '--jobs', '1', {str(SEEDS / 'putin-india.raw.txt')!r}]\n"
        "before = gc.get_freeze_count()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(f'frozen {before} {gc.get_freeze_count()}\\n')\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    before, after = map(int, proc.stderr.strip().splitlines()[-1].split()[1:])
    assert before == 0 and after > 20_000  # the bundled gazetteer's ~5,000 entities and more
