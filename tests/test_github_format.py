"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Each annotation is parsed back the way the runner does (properties split on "," and "=", then
unescaped) and compared with the JSON report of the same run, so positions and rules must agree.
"""

import json
import re

import pytest

from cleaner.output.report import github_escape

DAMAGED = "It is possible – according to the newspaper Hindu– When it rains.\n"
SUGGESTION = "“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(value: str) -> str:
    # GitHub's order: the specific escapes first, %25 last (so "%253A" stays "%3A").
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def parse(stdout: bytes) -> list[dict]:
    out = []
    for line in stdout.decode().splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        out.append({"level": m.group(1), **{k: unescape(v) for k, v in props.items()},
                    "message": unescape(m.group(3))})
    return out


@pytest.mark.parametrize("value", ["100% sure", "a\r\nb", "x:y,z", "%0A literally", "%25", ""])
def test_escape_round_trips(value):
    assert unescape(github_escape(value, prop=True)) == value
    data = github_escape(value)
    assert "\n" not in data and "\r" not in data
    assert unescape(data) == value


def test_annotations_match_the_json_report(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED + "\n" + SUGGESTION, encoding="utf-8")
    run = cli("check", "--format", "github", path)
    assert run.returncode == 1 and path.read_text(encoding="utf-8") == DAMAGED + "\n" + SUGGESTION
    found = parse(run.stdout)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())  # fix's JSON says which findings it applies
    report = json.loads(cli("fix", "--format", "json", copy).stdout)["files"][0]["edits"]
    assert len(found) == len(report) >= 3
    for ann, edit in zip(found, report):
        assert ann["file"] == str(path)
        assert (int(ann["line"]), int(ann["col"]), int(ann["endLine"]), int(ann["endColumn"])) == \
            (edit["line"], edit["column"], edit["end_line"], edit["end_column"])
        assert ann["title"] == f"cleaner {edit['rule']}"
        assert edit["message"] in ann["message"]
        # what fails the check is an error; a suggestion (not applied) is a notice
        assert ann["level"] == ("error" if edit["applied"] else "notice")
    assert {a["level"] for a in found} == {"error", "notice"}
    strict = parse(cli("check", "--strict", "--format", "github", path).stdout)
    assert {a["level"] for a in strict} == {"error"}


def test_awkward_file_names_and_workspace_relative_paths(cli, tmp_path):
    sub = tmp_path / "news, today: 1"
    sub.mkdir()
    path = sub / "a%b.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = cli("check", "--format", "github", path, env={"GITHUB_WORKSPACE": str(tmp_path)})
    found = parse(run.stdout)
    assert found and all(a["file"] == "news, today: 1/a%b.txt" for a in found)
    assert "news%2C today%3A 1/a%25b.txt" in run.stdout.decode()


def test_fix_annotates_what_it_wrote_as_notices(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = cli("fix", "--format", "github", path)
    assert run.returncode == 0
    found = parse(run.stdout)
    assert found and {a["level"] for a in found} == {"notice"} and all("fixed" in a["message"] for a in found)
    assert path.read_text(encoding="utf-8") != DAMAGED


def test_input_errors_are_error_annotations_and_exit_2(cli, tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00")
    run = cli("check", "--format", "github", binary)
    assert run.returncode == 2
    [ann] = parse(run.stdout)
    assert ann["level"] == "error" and str(binary) in ann["message"] and "binary" in ann["message"]


def test_clean_file_prints_no_annotation(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nNothing to see here.\n", encoding="utf-8")
    run = cli("check", "--format", "github", path)
    assert run.returncode == 0 and run.stdout == b""
