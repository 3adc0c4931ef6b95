"""cleaner.spark on a real local[2] Spark session (Java 17): every row's ``cleaned`` and ``edits``
are what ``cleaner.clean`` gives for its text, and, with the file names as ``path_column``, the
cleaned texts of a few hundred articles are the bytes single-machine ``cleaner fix
--output-dir`` writes.

Marked ``spark`` (pytest -m "not spark" leaves them out); .ci/run installs the extra and runs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

import cleaner  # noqa: E402
import cleaner.spark as cspark  # noqa: E402
from cleaner.app import archive  # noqa: E402
from cleaner import CleanerError  # noqa: E402
from cleaner.text.fileio import decode  # noqa: E402
from archive_corpus import BAD, make_corpus, serial_fix, tree  # noqa: E402
from conftest import ROOT  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # the Python workers import this checkout, as the test process does
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old]))
    session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if old is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = old


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("spark")
    names = make_corpus(base / "src")
    serial_fix(base / "src", base / "serial")
    return base / "src", names, tree(base / "serial")


def test_rows_are_what_clean_gives(spark, corpus):
    src, names, _ = corpus
    texts = [decode((src / n).read_bytes(), n).text for n in names if n not in BAD][:150]
    texts += [None, "", "according to the newspaper Hindu– When it rains"]
    df = spark.createDataFrame(list(enumerate(texts)), "id long, text string").repartition(4)
    rows = cspark.clean(df, column="text").orderBy("id").collect()
    assert [r.id for r in rows] == list(range(len(texts)))
    for row, text in zip(rows, texts):
        assert row.text == text
        if text is None:
            assert row.cleaned is None and row.edits is None
            continue
        expected = cleaner.clean(text)
        assert row.cleaned == expected.text
        assert [e.asDict() for e in row.edits] == [archive.edit_record(e) for e in expected.edits]
    assert any(r.edits for r in rows)  # the corpus is damaged: there is something to compare


def test_cleaned_texts_are_the_bytes_fix_writes(spark, corpus):
    """Files as rows (path, text), Markdown by file name as fix decides: the cleaned texts,
    encoded as their files were, are the single-machine outputs (but desk3, which has its own
    .cleaner.toml: a DataFrame has no folders to find it in)."""
    src, names, serial = corpus
    rows, boms = [], {}
    for n in names:
        if n in BAD or n.startswith("desk3/"):
            continue
        source = decode((src / n).read_bytes(), n)
        rows.append((n, source.text))
        boms[n] = source.bom
    df = spark.createDataFrame(rows, "path string, body string")
    out = cspark.clean(df, column="body", path_column="path").select("path", "cleaned").collect()
    assert len(out) == len(rows) > 200
    for r in out:
        assert boms[r.path] + r.cleaned.encode("utf-8") == serial[r.path], r.path


def test_options_and_bad_columns(spark):
    df = spark.createDataFrame([("according to the newspaper Hindu– When",)], "text string")
    row = cspark.clean(df, ignore=["DASH"]).first()
    assert row.cleaned == cleaner.clean(row.text, ignore=["DASH"]).text
    assert all(not e.rule.startswith("DASH") for e in row.edits)
    with pytest.raises(CleanerError, match="no column 'body'"):
        cspark.clean(df, column="body")
    with pytest.raises(CleanerError, match="already has a column 'cleaned'"):
        cspark.clean(df.withColumnRenamed("text", "cleaned"), column="cleaned")
