"""Cleaning a Spark DataFrame column: ``cleaner.spark.clean(df, column="text")``.

    import cleaner.spark
    out = cleaner.spark.clean(spark.read.parquet("s3://news/2024/"), column="body")
    out.select("id", "cleaned", "edits").write.parquet("s3://news-clean/2024/")

The result is ``df`` with two more columns: ``cleaned`` (string: the text as :func:`cleaner.clean`
gives it) and ``edits`` (array of struct rule, start, end, replacement, confidence: the applied
edits, in the coordinates of the original text). A null text gives null in both. It runs as
``mapInPandas`` (Arrow batches); each Python worker builds its Cleaner once and keeps it for
every later batch (Spark reuses its Python workers). Needs ``pip install "cleaner[spark]"``
(pyspark, pyarrow, pandas) and Java 17.
"""

from __future__ import annotations

from .app import archive
from .app.archive import TextSpec
from .base.errors import CleanerError


def edits_type():
    """The Spark type of the ``edits`` column."""
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StringType, StructField, StructType

    return ArrayType(StructType([
        StructField("rule", StringType(), False), StructField("start", LongType(), False),
        StructField("end", LongType(), False), StructField("replacement", StringType(), False),
        StructField("confidence", DoubleType(), False),
    ]), containsNull=False)


def clean(df, column: str = "text", *, markdown: bool = False, path_column: str | None = None, **settings):
    """``df`` with ``cleaned`` and ``edits`` columns for the texts of ``column``.

    ``markdown``: clean every text as Markdown; or ``path_column``: as ``cleaner fix`` does, as
    Markdown where that column's file name ends in .md or .markdown. ``settings``: those of
    :func:`cleaner.clean` (rules, gazetteers, select, ignore, min_confidence, unsafe_fixes; rule
    packs and gazetteers must be readable at the same path on every worker).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    names = df.schema.fieldNames()
    if column not in names:
        raise CleanerError(f"no column {column!r} in the DataFrame (it has {', '.join(names)})")
    if path_column is not None and path_column not in names:
        raise CleanerError(f"no column {path_column!r} in the DataFrame (it has {', '.join(names)})")
    taken = [n for n in ("cleaned", "edits") if n in names]
    if taken:
        raise CleanerError(f"the DataFrame already has a column {taken[0]!r}; rename it first")
    spec = TextSpec.of(markdown=markdown, **settings)
    schema = StructType(list(df.schema.fields) + [StructField("cleaned", StringType(), True),
                                                  StructField("edits", edits_type(), True)])
    return df.mapInPandas(_cleaning(column, spec, path_column), schema)


def _cleaning(column: str, spec: TextSpec, path_column: str | None):
    def run(batches):  # in a Python worker: pandas DataFrames in, pandas DataFrames out
        for frame in batches:
            yield clean_frame(frame, column, spec, path_column)

    return run


def clean_frame(frame, column: str, spec: TextSpec, path_column: str | None = None):
    """One pandas batch: ``frame`` with ``cleaned`` and ``edits`` (this worker's Cleaner)."""
    import pandas as pd

    texts = frame[column].tolist()
    if path_column is None:
        cleaned, edits = archive.clean_texts(texts, spec)
    else:
        from dataclasses import replace

        from .text.document import is_markdown_path

        cleaned, edits = [], []
        for text, path in zip(texts, frame[path_column].tolist()):
            c, e = archive.clean_texts([text], replace(spec, markdown=is_markdown_path(path)))
            cleaned += c
            edits += e
    out = frame.copy()
    out["cleaned"] = pd.Series(cleaned, index=frame.index, dtype=object)
    out["edits"] = pd.Series(edits, index=frame.index, dtype=object)
    return out
